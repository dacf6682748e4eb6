//! An electronic batch record: time-stamped, attributed entries whose corrections append (ALCOA+).

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};

/// What a batch-record entry is about, so a reviewer can filter the record. The kinds are the
/// same for every station.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntryKind {
    /// Equipment set-up and automated steps: a single-use set loaded, priming, a wash.
    Equipment,
    /// A line joined (sterile weld or open connection), sealed, inspected or separated.
    Connection,
    /// A material, reagent or consumable chosen or used (a coating reagent, a bag).
    Material,
    /// A measured or counted quantity: cells loaded or harvested, a volume.
    Measurement,
    /// A process parameter changed: a pump rate, a set point.
    Setting,
    /// A sample taken, with its result.
    Sample,
    /// An alarm raised or acknowledged.
    Alarm,
    /// A departure from the procedure.
    Deviation,
    /// A break of the closed system.
    Contamination,
    /// A correction of an earlier entry.
    Correction,
}

/// One line of the batch record. Entries are never edited; a correction is a new entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordEntry {
    /// Position in the record, from 0.
    pub id: usize,
    /// Simulated time of the entry, in hours since the run began (contemporaneous).
    pub time_h: f64,
    /// Who made the entry (attributable); "system" for entries the equipment makes.
    pub operator: String,
    pub kind: EntryKind,
    /// The recorded value (a count, a rate, a choice, a flag).
    pub value: Value,
    /// What the entry says, in both languages.
    pub text: Text,
    /// For a correction: the id of the original entry it corrects.
    pub corrects: Option<usize>,
    /// For a correction: why the original was wrong, in the corrector's words.
    pub reason: Option<String>,
}

/// Why a correction was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// No entry has this id.
    UnknownEntry(usize),
    /// A correction needs a reason (the audit trail must say why).
    MissingReason,
    /// An entry needs the id of the person making it.
    MissingOperator,
}

impl RecordError {
    /// The trainee-facing explanation.
    pub fn text(&self) -> Text {
        match self {
            Self::UnknownEntry(id) => Text {
                en: format!("There is no batch-record entry number {id}."),
                ko: format!("제조기록서에 {id}번 항목이 없습니다."),
            },
            Self::MissingReason => Text {
                en: "A correction must give its reason: the audit trail has to show why.".into(),
                ko: "정정에는 사유를 적어야 합니다. 감사 추적에 이유가 남아야 합니다.".into(),
            },
            Self::MissingOperator => Text {
                en: "Every entry must name the person who made it.".into(),
                ko: "모든 기록에는 작성자가 명시되어야 합니다.".into(),
            },
        }
    }
}

/// The batch record of one run: an append-only list of entries.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchRecord {
    entries: Vec<RecordEntry>,
}

impl BatchRecord {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an entry and returns its id.
    pub fn record(&mut self, time_h: f64, operator: &str, kind: EntryKind, value: Value, text: Text) -> usize {
        self.push(time_h, operator, kind, value, text, None, None)
    }

    /// Appends a correction of entry `id` (or of the entry a correction `id` corrected);
    /// the original stays in the record. Returns the correction's id.
    pub fn correct(
        &mut self,
        id: usize,
        time_h: f64,
        operator: &str,
        value: Value,
        reason: &str,
    ) -> Result<usize, RecordError> {
        let original = self.entry(id).ok_or(RecordError::UnknownEntry(id))?;
        if reason.trim().is_empty() {
            return Err(RecordError::MissingReason);
        }
        if operator.trim().is_empty() {
            return Err(RecordError::MissingOperator);
        }
        let root = original.corrects.unwrap_or(id);
        let text = Text {
            en: format!("Correction of entry {root}: {reason}"),
            ko: format!("{root}번 항목 정정: {reason}"),
        };
        let new_id =
            self.push(time_h, operator, EntryKind::Correction, value, text, Some(root), Some(reason.to_owned()));
        Ok(new_id)
    }

    /// Every entry, in the order made.
    pub fn entries(&self) -> &[RecordEntry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: usize) -> Option<&RecordEntry> {
        self.entries.get(id)
    }

    /// The value entry `id` holds now: the latest correction's, or the original's.
    pub fn current_value(&self, id: usize) -> Option<&Value> {
        self.audit_trail(id).last().map(|entry| &entry.value)
    }

    /// The original entry followed by each correction of it, in order.
    pub fn audit_trail(&self, id: usize) -> Vec<&RecordEntry> {
        let Some(entry) = self.entry(id) else {
            return Vec::new();
        };
        let root = entry.corrects.unwrap_or(id);
        self.entries.iter().filter(|e| e.id == root || e.corrects == Some(root)).collect()
    }

    /// The entries of one kind.
    pub fn of_kind(&self, kind: EntryKind) -> impl Iterator<Item = &RecordEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        time_h: f64,
        operator: &str,
        kind: EntryKind,
        value: Value,
        text: Text,
        corrects: Option<usize>,
        reason: Option<String>,
    ) -> usize {
        let id = self.entries.len();
        self.entries.push(RecordEntry {
            id,
            time_h,
            operator: operator.to_owned(),
            kind,
            value,
            text,
            corrects,
            reason,
        });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(en: &str) -> Text {
        Text { en: en.into(), ko: en.into() }
    }

    #[test]
    fn corrections_append_and_keep_the_original() {
        let mut record = BatchRecord::new();
        let id = record.record(10.0, "op-1", EntryKind::Measurement, Value::Number(1.0e7), text("cells loaded"));
        let fix =
            record.correct(id, 11.0, "op-2", Value::Number(1.2e7), "transcription error").expect("valid correction");
        assert_eq!(record.len(), 2);
        assert_eq!(record.entry(id).map(|e| &e.value), Some(&Value::Number(1.0e7)));
        assert_eq!(record.current_value(id), Some(&Value::Number(1.2e7)));
        let trail = record.audit_trail(fix);
        assert_eq!(trail.len(), 2);
        assert_eq!(trail[1].operator, "op-2");
        assert_eq!(trail[1].reason.as_deref(), Some("transcription error"));
        assert_eq!(trail[1].corrects, Some(id));
    }

    #[test]
    fn a_correction_needs_a_reason_and_an_existing_entry() {
        let mut record = BatchRecord::new();
        let id = record.record(0.0, "op", EntryKind::Material, Value::Flag(true), text("x"));
        assert_eq!(record.correct(id, 1.0, "op", Value::Flag(false), "  "), Err(RecordError::MissingReason));
        assert_eq!(record.correct(7, 1.0, "op", Value::Flag(false), "why"), Err(RecordError::UnknownEntry(7)));
        assert_eq!(record.correct(id, 1.0, "", Value::Flag(false), "why"), Err(RecordError::MissingOperator));
        assert_eq!(record.len(), 1);
    }
}
