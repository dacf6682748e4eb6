//! What the store, the translator and the delivery share: a statement waiting in the outbox,
//! what a cmi5 registration already reported, and the time records and statements are stamped
//! with.

/// A statement waiting in the outbox to be sent to a learning record store, exactly as it will
/// be sent (the bytes never change, so a resend is recognised as the same statement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// The statement's id (a UUID).
    pub statement_id: String,
    /// The LRS endpoint it is for.
    pub endpoint: String,
    /// Which runs may send it (see `LrsConfig::delivery_scope`): None for any run pointed at
    /// the endpoint; a cmi5 launch's statements only with that launch's token.
    pub scope: Option<String>,
    /// The statement, as JSON.
    pub statement: String,
}

/// What a cmi5 registration's earlier sessions reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RegistrationResults {
    pub completed: bool,
    pub passed: bool,
}

/// Now, in RFC 3339 UTC to the millisecond (as xAPI timestamps are written).
pub fn now() -> String {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Millisecond).unwrap_or(now).to_string()
}
