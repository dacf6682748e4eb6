//! Rendering and headset tests that run the real program: a screenshot under Xvfb with Mesa's
//! software Vulkan, the desktop fallback with no OpenXR runtime, and the XR smoke test against
//! Monado. They need Xvfb (and root for the XR chroot), so `cargo test` skips them unless asked:
//! `scripts/test.sh` runs them with `--ignored`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BINARY: &str = env!("CARGO_BIN_EXE_cleanroom");

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-tests");
    std::fs::create_dir_all(&dir).expect("create the output directory");
    dir
}

/// Runs the game under a private Xvfb display with software rendering.
fn run_under_xvfb(args: &[&str], extra_env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("xvfb-run");
    command.args(["-a", "-s", "-screen 0 1600x900x24", BINARY]).args(args);
    command.env("WGPU_BACKEND", "vulkan").env("RUST_LOG", "info,wgpu=error,naga=warn");
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let output = command.output().expect("xvfb-run must be installed (scripts/setup.sh installs it)");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    println!("{}", String::from_utf8_lossy(&output.stderr));
    output
}

fn log_of(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Decodes an RGB(A) PNG into (width, height, RGB pixels).
fn read_png(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
    let info = reader.next_frame(&mut buffer).expect("PNG pixels");
    let channels = info.color_type.samples();
    let pixels =
        buffer[..info.buffer_size()].chunks_exact(channels).map(|pixel| [pixel[0], pixel[1], pixel[2]]).collect();
    (info.width, info.height, pixels)
}

/// Asserts a picture shows a scene, not a blank or single-colour frame.
fn assert_not_blank(path: &Path) {
    let (width, height, pixels) = read_png(path);
    assert!(width >= 640 && height >= 360, "picture too small: {width}x{height}");
    let luminance: Vec<f32> =
        pixels.iter().map(|[r, g, b]| 0.2126 * *r as f32 + 0.7152 * *g as f32 + 0.0722 * *b as f32).collect();
    let mean = luminance.iter().sum::<f32>() / luminance.len() as f32;
    let deviation = (luminance.iter().map(|value| (value - mean).powi(2)).sum::<f32>() / luminance.len() as f32).sqrt();
    let mut colours: Vec<[u8; 3]> = pixels.iter().map(|[r, g, b]| [r >> 3, g >> 3, b >> 3]).collect();
    colours.sort_unstable();
    colours.dedup();
    println!("{}: mean luminance {mean:.1}, deviation {deviation:.1}, {} colours", path.display(), colours.len());
    assert!(mean > 40.0 && mean < 245.0, "picture too dark or washed out: mean {mean}");
    assert!(deviation > 12.0, "picture is nearly uniform: deviation {deviation}");
    assert!(colours.len() > 200, "picture has too few colours: {}", colours.len());
}

#[test]
#[ignore = "needs Xvfb and Mesa's Vulkan; scripts/test.sh runs it"]
fn the_processing_room_renders_with_every_station_in_view() {
    let path = out_dir().join("processing_room.png");
    let _ = std::fs::remove_file(&path);
    let output = run_under_xvfb(
        &[
            "--desktop",
            "--screenshot",
            path.to_str().expect("utf-8 path"),
            "--view",
            "processing_room",
            "--frames",
            "20",
            "--expect-in-view",
            "bioreactor,apheresis,fill_finish",
        ],
        &[],
    );
    assert!(output.status.success(), "capture failed: {:?}", output.status);
    let log = log_of(&output);
    for station in ["bioreactor", "apheresis", "fill_finish"] {
        assert!(log.contains(&format!("station {station} is in view")), "{station} not confirmed in view");
    }
    assert_not_blank(&path);
}

#[test]
#[ignore = "needs Xvfb and Mesa's Vulkan; scripts/test.sh runs it"]
fn with_no_openxr_runtime_the_game_comes_up_on_the_desktop() {
    // An empty runtime list: the OpenXR loader finds no runtime, as on a desktop machine.
    let empty = out_dir().join("no-runtime.json");
    let output = run_under_xvfb(&["--quit-after", "30"], &[("XR_RUNTIME_JSON", empty.to_str().expect("utf-8 path"))]);
    let log = log_of(&output);
    assert!(output.status.success(), "the game did not run on the desktop: {:?}", output.status);
    assert!(log.contains("starting in desktop mode (no OpenXR runtime or headset found)"), "no desktop-mode line");
    assert!(log.contains("quit-after: 30 frames"), "the session did not run its frames");
}

/// Runs the game inside the Monado chroot (see .ci/xr-run.sh).
fn run_with_monado(args: &[&str]) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/xr-run.sh");
    let output = Command::new(script)
        .arg(BINARY)
        .args(args)
        .env("RUST_LOG", "info,wgpu=error,naga=warn")
        .env("XR_BIND", out_dir().to_str().expect("utf-8 path"))
        .output()
        .expect("run .ci/xr-run.sh (as root)");
    println!("{}", String::from_utf8_lossy(&output.stdout));
    println!("{}", String::from_utf8_lossy(&output.stderr));
    output
}

#[test]
#[ignore = "needs root and the Monado chroot; scripts/test.sh runs it"]
fn the_xr_session_runs_and_submits_frames_against_monado() {
    let path = out_dir().join("xr_spectator.png");
    let _ = std::fs::remove_file(&path);
    // Standing at the bioreactor: the spectator view follows the headset, and its touchscreen
    // panel must be in the picture.
    let output = run_with_monado(&[
        "--xr-smoke",
        "90",
        "--screenshot",
        path.to_str().expect("utf-8 path"),
        "--frames",
        "5",
        "--view",
        "bioreactor_screen",
        "--expect-in-view",
        "bioreactor",
    ]);
    let log = log_of(&output);
    assert!(log.contains("starting in XR mode"), "the game did not start in XR mode");
    assert!(output.status.success(), "XR smoke test failed: {:?}", output.status);
    assert!(log.contains("frames submitted while the session was running"), "no frames submitted");
    assert!(
        log.contains("Left hand tracked=true") && log.contains("Right hand tracked=true"),
        "controllers not tracked"
    );
    assert_not_blank(&path);
}
