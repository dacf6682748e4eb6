//! Rendering and headset tests that run the real program: a screenshot under Xvfb with Mesa's
//! software Vulkan, the desktop fallback with no OpenXR runtime, and the XR smoke test against
//! Monado. They need Xvfb (and root for the XR chroot), so `cargo test` skips them unless asked:
//! `scripts/test.sh` runs them with `--ignored`.
//!
//! They render on the CPU, so they run one at a time (never beside each other), at the smallest
//! size that still shows what they check, and each waits for what it checks under a limit far
//! above what a loaded 2-core machine needs.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_cleanroom");

/// Window (and capture) size: the smallest that `assert_not_blank` accepts with room to spare.
const WINDOW_SIZE: &str = "800x450";
/// The headset's per-eye render size in the XR test.
const XR_EYE_SIZE: &str = "640x720";
/// How long one run of the game may take before the test kills it and fails. Under lavapipe a
/// loaded 2-core machine renders about a frame every two seconds; these tests need tens of
/// frames and a minute or two of start-up at most.
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// Held by each test while the game runs: one renderer at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// What a run of the game printed and how it ended.
struct Run {
    status: ExitStatus,
    log: String,
}

impl Run {
    fn success(&self) -> bool {
        self.status.success()
    }
}

/// Runs `command` with its output in a log file, killing it (and everything it started) if it
/// outlives `RUN_LIMIT`. Another test's run is never alongside it.
fn run_limited(mut command: Command, name: &str) -> Run {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let log_path = out_dir().join(format!("{name}.log"));
    let log_file = File::create(&log_path).expect("create the log file");
    command
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().expect("clone the log file"))
        .stderr(log_file)
        .env("RUST_LOG", "info,wgpu=error,naga=warn")
        // The game as shipped: no levels of this machine's instructors, no saved settings.
        .env("CLEANROOM_USER_LEVELS", out_dir().join("no-user-levels"))
        .env("CLEANROOM_SETTINGS", out_dir().join("settings.ron"))
        .env("CLEANROOM_LOG", out_dir().join(format!("{name}.cleanroom.log")));
    // Its own process group, so a run past its limit can be stopped with all it started.
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let started = Instant::now();
    let mut child = command.spawn().unwrap_or_else(|error| panic!("cannot start {command:?}: {error}"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the game") {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            // TERM first: xr-run.sh then stops Monado and unmounts the chroot.
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
            std::thread::sleep(Duration::from_secs(5));
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            println!("{log}");
            panic!("{name}: still running after {} s; killed (log: {})", RUN_LIMIT.as_secs(), log_path.display());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let log = String::from_utf8_lossy(&std::fs::read(&log_path).unwrap_or_default()).into_owned();
    println!("{log}");
    println!("{name}: {status} after {:.0} s", started.elapsed().as_secs_f64());
    Run { status, log }
}

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-tests");
    std::fs::create_dir_all(&dir).expect("create the output directory");
    dir
}

/// Runs the game under a private Xvfb display with software rendering (xvfb-run must be
/// installed: scripts/setup.sh installs it).
fn run_under_xvfb(name: &str, args: &[&str], extra_env: &[(&str, &str)]) -> Run {
    let mut command = Command::new("xvfb-run");
    command.args(["-a", "-s", "-screen 0 800x450x24", BINARY, "--window-size", WINDOW_SIZE]).args(args);
    command.env("WGPU_BACKEND", "vulkan");
    for (key, value) in extra_env {
        command.env(key, value);
    }
    run_limited(command, name)
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
    let run = run_under_xvfb(
        "processing_room",
        &[
            "--desktop",
            "--screenshot",
            path.to_str().expect("utf-8 path"),
            "--view",
            "processing_room",
            "--frames",
            "3",
            "--expect-in-view",
            "bioreactor,apheresis,fill_finish",
        ],
        &[],
    );
    assert!(run.success(), "capture failed: {}", run.status);
    let log = &run.log;
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
    let run = run_under_xvfb(
        "desktop_fallback",
        &["--quit-after", "3"],
        &[("XR_RUNTIME_JSON", empty.to_str().expect("utf-8 path"))],
    );
    let log = &run.log;
    assert!(run.success(), "the game did not run on the desktop: {}", run.status);
    assert!(log.contains("starting in desktop mode (no OpenXR runtime or headset found)"), "no desktop-mode line");
    assert!(log.contains("quit-after: 3 frames"), "the session did not run its frames");
}

/// Runs the game inside the Monado chroot (see .ci/xr-run.sh; needs root).
fn run_with_monado(name: &str, args: &[&str]) -> Run {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/xr-run.sh");
    let mut command = Command::new(script);
    command
        .arg(BINARY)
        .args(["--window-size", WINDOW_SIZE, "--xr-eye-size", XR_EYE_SIZE])
        .args(args)
        .env("XR_BIND", out_dir().to_str().expect("utf-8 path"));
    run_limited(command, name)
}

/// A game run against Monado whose log is read as it comes, so a test can act on what it says.
struct LiveRun {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    log: String,
    started: Instant,
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl LiveRun {
    /// Starts the game under `.ci/xr-run.sh` with `args`, as the trainee T-4040, recording into
    /// `store` (inside `out_dir()`, which the chroot sees at the same path).
    fn start(store: &Path, env: &[(&str, std::ffi::OsString)], args: &[&str]) -> Self {
        use std::io::{BufRead, BufReader};
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = std::fs::remove_dir_all(store);
        let mut command = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/xr-run.sh"));
        command
            .arg(BINARY)
            .args(["--window-size", WINDOW_SIZE, "--xr-eye-size", XR_EYE_SIZE])
            .args(["--trainee-id", "T-4040", "--trainee-name", "Park Jiwoo"])
            .args(args)
            .env("XR_BIND", out_dir().to_str().expect("utf-8 path"))
            .env("CLEANROOM_RECORDS", store.join("data"))
            .env("CLEANROOM_RECORDS_KEYS", store.join("keys"))
            .env("RUST_LOG", "info,wgpu=error,naga=warn")
            .env("CLEANROOM_USER_LEVELS", out_dir().join("no-user-levels"))
            .env("CLEANROOM_SETTINGS", out_dir().join("settings.ron"))
            .env("CLEANROOM_LOG", store.with_extension("cleanroom.log"))
            .envs(env.iter().map(|(key, value)| (*key, value)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().expect("xr-run.sh starts");
        let (send, lines) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().expect("its log");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines, log: String::new(), started: Instant::now(), _turn: turn }
    }

    /// Reads the log until a line that contains `text` (None: to its end), and returns it.
    fn read_until(&mut self, text: Option<&str>) -> Option<String> {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(1)) {
                Ok(line) => {
                    self.log.push_str(&line);
                    self.log.push('\n');
                    if text.is_some_and(|text| line.contains(text)) {
                        return Some(line);
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
            if self.started.elapsed() > RUN_LIMIT {
                let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.child.id())]).status();
                panic!("still running after {} s:\n{}", RUN_LIMIT.as_secs(), self.log);
            }
        }
    }

    /// Waits for a line of the log that contains `text`.
    fn wait_for(&mut self, text: &str) -> String {
        self.read_until(Some(text)).unwrap_or_else(|| panic!("the run ended before saying `{text}`:\n{}", self.log))
    }

    /// SIGTERM to xr-run.sh, which passes it on to the game; then the run's end and its log.
    fn terminate(mut self) -> (ExitStatus, String) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        self.read_until(None);
        let status = self.child.wait().expect("xr-run.sh ends");
        println!("{}", self.log);
        (status, std::mem::take(&mut self.log))
    }
}

/// The records a run wrote into `store`.
fn stored(store: &Path) -> Vec<cleanroom_core::records::chain::ChainedRecord> {
    let paths = cleanroom_core::records::StorePaths { records: store.join("data"), keys: store.join("keys") };
    cleanroom_core::records::RecordStore::open(paths).expect("the store opens").records().expect("its records")
}

#[test]
#[ignore = "needs root and the Monado chroot; scripts/test.sh runs it"]
fn the_xr_session_runs_until_sigterm_then_ends_and_keeps_the_records() {
    let store = out_dir().join("xr-sigterm-records");
    // The trainee plays the gowning level in the headset; once the session is ready, SIGTERM
    // (what a service manager or a kiosk sends) reaches the game through xr-run.sh.
    let mut run = LiveRun::start(&store, &[], &["--level", "gowning_grade_b"]);
    let ready = run.wait_for("session ready to play: gowning_grade_b");
    assert!(ready.contains("in the headset"), "{ready}");
    let (status, log) = run.terminate();
    assert!(status.success(), "the game did not exit with 0 ({status}):\n{log}");
    assert!(log.contains("signals: ending the headset session"), "{log}");
    assert!(log.contains("entered XR state EXITING") && log.contains("the headset session ended"), "{log}");
    // The attempt is on the record, ended by the game closing.
    let records = stored(&store);
    let last = records.last().expect("records were written");
    assert_eq!(last.kind, "attempt-abandoned", "{:?}", records.iter().map(|r| &r.kind).collect::<Vec<_>>());
    assert!(last.body.contains("game-closed"), "{}", last.body);
    assert!(records.iter().any(|record| record.kind == "attempt-started"));
}

#[test]
#[ignore = "needs root and the Monado chroot; scripts/test.sh runs it"]
fn the_xr_session_runs_with_scripted_controllers_that_wash_the_hands_at_the_sink() {
    // Monado's remote driver in place of its simulated devices, in a network namespace of the
    // run's own; xr-remote plays the script. The trainee starts in the airlock facing the
    // processing room's door; the sink is 1.6 m to the left and 0.5 m ahead, at bench height.
    let script = out_dir().join("xr-sink.script");
    std::fs::write(
        &script,
        "# The left hand in front of the trainee, pointing at the hand-wash sink.\n\
         hold 20 left.pos=-0.3,1.2,-0.3 left.aim=-1.344,-0.3,-0.194\n\
         # The trigger pulled and let go, again, until the game has heard it.\n\
         hold 6 left.trigger=1\nhold 4 left.trigger=0\n\
         hold 6 left.trigger=1\nhold 4 left.trigger=0\n\
         hold 6 left.trigger=1\nhold 4 left.trigger=0\n\
         hold 6 left.trigger=1\nhold 4 left.trigger=0\n",
    )
    .expect("the script is written");
    let logs = out_dir().join("xr-remote-run");
    let store = out_dir().join("xr-remote-records");
    let client = Path::new(BINARY).with_file_name("xr-remote");
    assert!(client.exists(), "{} is built with the workspace", client.display());
    let mut run = LiveRun::start(
        &store,
        &[("XR_REMOTE", script.into()), ("XR_REMOTE_CLIENT", client.into()), ("XR_LOG_DIR", logs.clone().into())],
        &["--level", "gowning_grade_b", "--start-at", "airlock", "--trace-interactions"],
    );
    run.wait_for("session ready to play: gowning_grade_b");
    // The step the wash completed, then (at the end of the same frame) the raw interaction
    // the trace saw: the left hand used the sink.
    let done = run.wait_for("procedure: step wash_hands done");
    let used = run.wait_for("interaction: used Hand-wash sink");
    assert!(used.contains("with the Left hand"), "{used}");
    let (status, log) = run.terminate();
    let client_log = std::fs::read_to_string(logs.join("xr-remote.log")).unwrap_or_default();
    println!("{client_log}");
    assert!(status.success(), "the game did not exit with 0 ({status}):\n{log}");
    assert!(client_log.contains("connected to 127.0.0.1:4242"), "{client_log}");
    assert!(done.contains("done at"), "{done}");
    // On the record: the trainee's own wash at the sink, and the step it completed.
    let records = stored(&store);
    let wash = records
        .iter()
        .find(|record| record.kind == "action" && record.body.contains("hand_wash_sink"))
        .expect("the wash is recorded as the trainee's action");
    assert!(wash.body.contains(r#""Sanitise":{"target":"Hands""#), "{}", wash.body);
    let step = records
        .iter()
        .find(|record| record.kind == "step-completed" && record.body.contains("wash_hands"))
        .expect("the step is recorded");
    assert!(step.body.contains(r#""skipped":false"#), "{}", step.body);
}

#[test]
#[ignore = "needs root and the Monado chroot; scripts/test.sh runs it"]
fn the_xr_session_runs_while_the_instructor_skips_a_step_at_the_desk() {
    let path = out_dir().join("xr_instructor.png");
    let _ = std::fs::remove_file(&path);
    // The trainee is in the headset in the gowning level; at the desk the instructor sends a
    // line and skips the current step through the panel's own intervention, then the desktop
    // window (the spectator view with the instructor's panel open) is captured.
    let run = run_with_monado(
        "xr_instructor",
        &[
            "--xr-smoke",
            "4",
            "--level",
            "gowning_grade_b",
            "--demo",
            "instructor",
            "--screenshot",
            path.to_str().expect("utf-8 path"),
            "--frames",
            "1",
        ],
    );
    let log = &run.log;
    assert!(log.contains("starting in XR mode"), "the game did not start in XR mode");
    assert!(run.success(), "XR instructor test failed: {}", run.status);
    assert!(log.contains("frames submitted while the session was running"), "no frames submitted");
    assert!(log.contains("instructor: SkipStep"), "the instructor's skip did not reach the runner");
    let skipped =
        log.lines().find(|line| line.contains("skipped by the instructor")).expect("the runner skipped a step");
    assert!(skipped.contains("procedure: step "), "{skipped}");
    assert_not_blank(&path);
}

#[test]
#[ignore = "needs root and the Monado chroot; scripts/test.sh runs it"]
fn the_xr_session_runs_and_submits_frames_against_monado() {
    let path = out_dir().join("xr_spectator.png");
    let _ = std::fs::remove_file(&path);
    // Standing at the bioreactor: the spectator view follows the headset, and its touchscreen
    // panel must be in the picture. A few frames prove the session runs and keeps submitting;
    // the picture is taken on the frame after them.
    let run = run_with_monado(
        "xr_smoke",
        &[
            "--xr-smoke",
            "8",
            "--screenshot",
            path.to_str().expect("utf-8 path"),
            "--frames",
            "1",
            "--view",
            "bioreactor_screen",
            "--expect-in-view",
            "bioreactor",
        ],
    );
    let log = &run.log;
    assert!(log.contains("starting in XR mode"), "the game did not start in XR mode");
    assert!(run.success(), "XR smoke test failed: {}", run.status);
    assert!(log.contains("frames submitted while the session was running"), "no frames submitted");
    assert!(
        log.contains("Left hand tracked=true") && log.contains("Right hand tracked=true"),
        "controllers not tracked"
    );
    assert_not_blank(&path);
}
