//! What the core's tests share: where the shipped levels are, loading one through the checker
//! (a shipped level has no errors and no warnings), and a fresh records store's folders.
// Each test crate that includes this uses some of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use cleanroom_core::records::StorePaths;

use cleanroom_core::common::Value;
use cleanroom_core::procedure::{Action, Intervention, Level, Mode, Runner, RunnerEvent, check_paths};
use cleanroom_core::records::attempt::{AttemptStarted, NewRecord, Observed, Positioned, Trainee};
use cleanroom_core::records::replay::TrailRecord;

pub fn levels_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../levels")
}

/// The shipped level `id`, checked.
pub fn load(id: &str) -> Level {
    let report = check_paths(&[levels_dir().join(format!("{id}.level.ron"))]);
    assert!(!report.has_errors(), "{report}");
    assert_eq!(report.warning_count(), 0, "{report}");
    report.files[0].level.clone().expect("the level parses")
}

/// A fresh records folder and key folder for one test, named after the test crate.
pub fn fresh_store_paths(crate_name: &str) -> StorePaths {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let root: PathBuf = std::env::temp_dir().join(format!(
        "cleanroom-{crate_name}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&root);
    StorePaths { records: root.join("data"), keys: root.join("config") }
}

/// Plays a level as the game records it: each input at the level time it was judged
/// at, then what the runner said.
pub struct Recorded {
    pub runner: Runner,
    pub records: Vec<NewRecord>,
}

pub const ATTEMPT: &str = "attempt-1";

impl Recorded {
    pub fn new(level: &Level, mode: Mode, seed: u64) -> Self {
        let mut runner = Runner::with_seed(level, mode, seed);
        let started = AttemptStarted {
            trainee: Trainee { id: "T-7".into(), name: "Lee Jun".into() },
            level: level.id.clone(),
            level_version: level.version,
            level_title: level.title.en.clone(),
            mode,
            seed,
            machine: "desk".into(),
            game_version: "test".into(),
            headset: false,
            registration: None,
        };
        let mut records = vec![NewRecord::attempt_started(ATTEMPT, &started)];
        for event in runner.start(100.0) {
            records.push(NewRecord::runner_event(ATTEMPT, &event));
        }
        Self { runner, records }
    }

    pub fn said(&mut self, events: Vec<RunnerEvent>) {
        for event in events {
            self.records.push(NewRecord::runner_event(ATTEMPT, &event));
        }
        if self.runner.is_finished() && !self.records.iter().any(|r| r.kind == "attempt-ended") {
            self.records.push(NewRecord::attempt_ended(ATTEMPT, &self.runner.report()));
        }
    }

    pub fn act(&mut self, at: f64, action: Action) {
        let events = self.runner.act(at, action.clone());
        self.records.push(NewRecord::action(ATTEMPT, self.runner.level_time(), &action));
        self.said(events);
    }

    pub fn observe(&mut self, at: f64, of: &str, key: &str, value: Value) {
        let events = self.runner.observe(at, of, key, value.clone());
        let observed = Observed { time_s: self.runner.level_time(), of: of.into(), key: key.into(), value };
        self.records.push(NewRecord::observation(ATTEMPT, &observed));
        self.said(events);
    }

    pub fn tick(&mut self, at: f64) {
        let events = self.runner.tick(at);
        self.said(events);
    }

    pub fn intervene(&mut self, at: f64, intervention: Intervention) {
        let events = self.runner.intervene(at, intervention).expect("taken");
        self.said(events);
    }

    /// Where the trainee's eyes are now (as the game samples them).
    pub fn position(&mut self, time_s: f64, x: f32, z: f32, heading_deg: f32) {
        let positioned = Positioned { time_s, x, y: 1.62, z, heading_deg };
        self.records.push(NewRecord::position(ATTEMPT, &positioned));
    }

    pub fn trail(&self) -> Vec<TrailRecord<'_>> {
        self.records.iter().map(|r| TrailRecord { kind: r.kind, body: &r.body }).collect()
    }
}
