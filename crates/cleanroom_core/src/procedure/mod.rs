//! The procedure engine: level files, their validation, and the runner that judges a trainee.
//!
//! - [`model`]: the level format (`levels/<id>.level.ron`).
//! - [`runner`]: [`Runner`] turns timestamped actions and observations into [`RunnerEvent`]s
//!   and a [`Report`].
//! - [`check`]: loading and checking level files with located [`Diagnostic`]s.

pub mod check;
pub mod diagnostic;
pub mod registry;
pub mod report;
pub mod runner;
pub mod spans;
pub mod validate;

pub use crate::level::{Action, ActionPattern, Condition, ConnectMethod, Expect, Level, SanitiseTarget, Severity};
pub use check::{CheckReport, FileReport, check_paths, check_source, load_level, parse_level};
pub use diagnostic::{Diagnostic, DiagnosticSeverity};
pub use report::{Deviation, DeviationSource, FailReason, Mode, Outcome, Report, ScoreBreakdown};
pub use runner::{GoldenReplay, Input, Runner, RunnerEvent, replay_golden};
pub use validate::validate;
