//! The procedure engine: level files, their validation, and the runner that judges a trainee.
//!
//! - [`crate::level`]: the level format (`levels/<id>.level.ron`).
//! - [`runner`]: [`Runner`] turns timestamped actions and observations into [`RunnerEvent`]s
//!   and a [`Report`].
//! - [`check`]: loading and checking level files with located [`Diagnostic`]s, each with a
//!   code from [`codes`] that `docs/levels.md` explains.

pub mod check;
pub mod codes;
pub mod diagnostic;
pub mod intervention;
pub mod parameters;
pub mod random;
pub mod registry;
pub mod report;
mod ron_errors;
pub mod runner;
pub mod spans;
pub mod validate;
mod validate_flow;
mod validate_golden;
mod validate_setup;

pub use crate::level::{Action, ActionPattern, Condition, ConnectMethod, Expect, Level, SanitiseTarget, Severity};
pub use check::{
    CheckReport, FileReport, WorldIds, check_bytes, check_paths, check_paths_in_world, check_source, decode,
    level_files_in, load_level_bytes, parse_level,
};
pub use diagnostic::{Diagnostic, DiagnosticSeverity};
pub use intervention::{Intervened, Intervention, Refused};
pub use report::{Deviation, DeviationSource, FailReason, Mode, Outcome, Report, ScoreBreakdown};
pub use runner::{GoldenReplay, Input, LOCATION, Runner, RunnerEvent, replay, replay_attempt, replay_golden};
pub use validate::validate;
pub use validate_golden::wrong_path_entries;
