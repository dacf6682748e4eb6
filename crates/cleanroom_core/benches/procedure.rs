//! Procedure engine benchmarks: checking every shipped level (parse, validate, golden-path
//! replay in both modes) and runner throughput in actions per second.

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;

use cleanroom_core::level::GoldenEntry;
use cleanroom_core::procedure::{
    Action, Input, Level, Mode, Runner, SanitiseTarget, check_source, parse_level, replay_golden,
};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// Actions in the synthetic steady-state stream.
const STREAM_LEN: usize = 10_000;

/// Every shipped level: (file name, source).
fn shipped_levels() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../levels");
    let mut levels = Vec::new();
    let Ok(entries) = fs::read_dir(&dir) else {
        eprintln!("no levels folder at {}", dir.display());
        return levels;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if !name.ends_with(".level.ron") {
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(src) => levels.push((name, src)),
            Err(error) => eprintln!("skipping {}: {error}", path.display()),
        }
    }
    levels.sort();
    levels
}

fn golden_inputs(level: &Level) -> Vec<(f64, Input)> {
    level
        .golden_path
        .iter()
        .map(|entry| match entry {
            GoldenEntry::Do { at, action } => (*at, Input::Action(action.clone())),
            GoldenEntry::Observe { at, of, key, value } => {
                (*at, Input::Observe { of: of.clone(), key: key.clone(), value: value.clone() })
            }
        })
        .collect()
}

fn check_levels(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    for (name, src) in shipped_levels() {
        group.bench_function(format!("parse/{name}"), |b| b.iter(|| parse_level(black_box(&src), &name)));
        group.bench_function(format!("parse_validate_replay/{name}"), |b| {
            b.iter(|| check_source(black_box(&src), &name))
        });
        let Ok(level) = parse_level(&src, &name) else {
            eprintln!("{name} does not parse");
            continue;
        };
        group.bench_function(format!("golden_replay_both_modes/{name}"), |b| {
            b.iter(|| {
                (replay_golden(black_box(&level), Mode::Guided), replay_golden(black_box(&level), Mode::Assessment))
            })
        });
    }
    group.finish();
}

fn runner_throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("runner");
    for (name, src) in shipped_levels() {
        let Ok(level) = parse_level(&src, &name) else {
            continue;
        };
        let inputs = golden_inputs(&level);
        let mut base = Runner::new(&level, Mode::Assessment);
        base.start(0.0);
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function(format!("golden_actions/{name}"), |b| {
            b.iter_batched(
                || base.clone(),
                |mut runner| {
                    for (at, input) in &inputs {
                        black_box(runner.apply(*at, input.clone()));
                    }
                    runner
                },
                BatchSize::SmallInput,
            )
        });
    }
    // Steady state: a long stream of actions that complete nothing, each checked against
    // every rule, the current steps and the wrong-object test.
    let gowning = shipped_levels()
        .into_iter()
        .find(|(name, _)| name.starts_with("gowning_grade_b"))
        .and_then(|(name, src)| parse_level(&src, &name).ok());
    if let Some(level) = gowning {
        let mut base = Runner::new(&level, Mode::Assessment);
        base.start(0.0);
        let cycle = [
            Action::Touch { surface: "airlock_wall".into() },
            Action::Inspect { object: "gowning_sop_poster".into() },
            Action::Sanitise { target: SanitiseTarget::Hands, with: Some("hand_sanitiser".into()) },
            Action::Grab { item: "undergarment".into() },
        ];
        let stream: Vec<Action> = cycle.iter().cycle().take(STREAM_LEN).cloned().collect();
        group.throughput(Throughput::Elements(STREAM_LEN as u64));
        group.bench_function("steady_stream/gowning_grade_b", |b| {
            b.iter_batched(
                || base.clone(),
                |mut runner| {
                    for (i, action) in stream.iter().enumerate() {
                        black_box(runner.act(i as f64 * 0.01, action.clone()));
                    }
                    runner
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, check_levels, runner_throughput);
criterion_main!(benches);
