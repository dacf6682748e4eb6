//! Records: every attempt kept, attributable and verifiable, as GMP itself requires of records
//! (ALCOA+). The store is an embedded database whose audit trail is append-only and
//! hash-chained, its head checkpointed with a key kept apart from it.

pub mod attempt;
pub mod chain;
pub mod cmi5;
pub mod delivery;
pub mod outbox;
pub mod recorder;
pub mod replay;
pub mod report;
pub mod review;
pub mod store;
pub mod xapi;

pub use chain::{Finding, record_hash};
pub use store::{RecordStore, RecordsError, StorePaths, Verification, attempt_records, latest_ended_attempt};
