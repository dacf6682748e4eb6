//! The audit trail's hash chain: each record's hash covers its own content and the hash of the
//! record before it, and the chain's head is checkpointed with a key kept outside the store.
//! `verify` reads the records as they are and names every one that was edited, deleted,
//! inserted or put out of order, as a GMP auditor needs (ALCOA+: attributable, original,
//! enduring).

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// The hash the first record is chained to.
pub const GENESIS: Hash = [0; 32];

/// One record as stored: what the chain covers, and the two hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedRecord {
    /// Position in the trail, from 1, without gaps.
    pub seq: i64,
    /// When it was recorded (RFC 3339, UTC).
    pub at: String,
    /// What kind of record it is (`attempt-started`, `action`, `deviation`, …).
    pub kind: String,
    /// The attempt it belongs to, if any.
    pub attempt: Option<String>,
    /// Its content (JSON).
    pub body: String,
    /// The hash of the record before it ([`GENESIS`] for the first).
    pub previous: Hash,
    /// The hash of this record.
    pub hash: Hash,
}

/// The hash of a record's content chained to `previous`. Every field is length-prefixed, so no
/// two different records hash the same bytes.
pub fn record_hash(previous: &Hash, seq: i64, at: &str, kind: &str, attempt: Option<&str>, body: &str) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(b"cleanroom-record-v1");
    hasher.update(previous);
    hasher.update(seq.to_be_bytes());
    for field in [Some(at), Some(kind), attempt, Some(body)] {
        match field {
            Some(text) => {
                hasher.update([1]);
                hasher.update((text.len() as u64).to_be_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update([0]),
        }
    }
    hasher.finalize().into()
}

impl ChainedRecord {
    /// The hash its content gives now (equal to `hash` unless it was edited).
    pub fn content_hash(&self) -> Hash {
        record_hash(&self.previous, self.seq, &self.at, &self.kind, self.attempt.as_deref(), &self.body)
    }
}

/// The chain's head, signed with the checkpoint key: the last record's position and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: Hash,
    pub mac: [u8; 32],
}

impl Checkpoint {
    pub fn sign(key: &[u8], seq: i64, hash: Hash) -> Self {
        Self { seq, hash, mac: checkpoint_mac(key, seq, &hash) }
    }

    /// Whether `key` signed it.
    pub fn is_signed_by(&self, key: &[u8]) -> bool {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
        mac.update(&checkpoint_message(self.seq, &self.hash));
        mac.verify_slice(&self.mac).is_ok()
    }
}

fn checkpoint_message(seq: i64, hash: &Hash) -> Vec<u8> {
    let mut message = b"cleanroom-checkpoint-v1".to_vec();
    message.extend_from_slice(&seq.to_be_bytes());
    message.extend_from_slice(hash);
    message
}

fn checkpoint_mac(key: &[u8], seq: i64, hash: &Hash) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(&checkpoint_message(seq, hash));
    mac.finalize().into_bytes().into()
}

/// Something wrong with the trail, naming the records concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The record's content no longer gives its hash: it was changed after it was written.
    Edited { seq: i64 },
    /// Records that were in the trail are missing (their positions).
    Deleted { from: i64, to: i64 },
    /// The record was not written in the trail's order: it follows a record it was not
    /// chained to, and the one it was chained to comes later.
    Reordered { seq: i64 },
    /// The record was put in between: the record after it is chained to the one before it.
    Inserted { seq: i64 },
    /// The record is chained to no record in the trail (one before it was removed or replaced).
    Unchained { seq: i64 },
    /// The trail ends before the last checkpoint: records at its end were deleted.
    TruncatedAfter { seq: i64, checkpoint: i64 },
    /// Records after the last checkpoint: added by something other than the game, or written
    /// when the game stopped before it could checkpoint them.
    BeyondCheckpoint { from: i64, to: i64 },
    /// The checkpointed record is not in the trail as checkpointed.
    CheckpointMismatch { seq: i64 },
    /// The checkpoint was not signed with this machine's key (or was edited).
    BadCheckpoint,
    /// There is no checkpoint to verify the trail's end against.
    NoCheckpoint,
    /// The checkpoint key is missing: the trail's end cannot be verified.
    NoKey,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Finding::Edited { seq } => write!(f, "record {seq} was edited: its content does not give its hash"),
            Finding::Deleted { from, to } if from == to => write!(f, "record {from} was deleted"),
            Finding::Deleted { from, to } => write!(f, "records {from} to {to} were deleted"),
            Finding::Reordered { seq } => {
                write!(f, "record {seq} is out of order: the record it was chained to comes after it")
            }
            Finding::Inserted { seq } => {
                write!(f, "record {seq} was inserted: the record after it is chained to the one before it")
            }
            Finding::Unchained { seq } => write!(
                f,
                "record {seq} is chained to a record that is not in the trail (one before it was removed or replaced)"
            ),
            Finding::TruncatedAfter { seq, checkpoint } => write!(
                f,
                "the trail ends at record {seq} but was checkpointed at record {checkpoint}: records {} to {checkpoint} were deleted",
                seq + 1
            ),
            Finding::BeyondCheckpoint { from, to } => write!(
                f,
                "records {from} to {to} come after the last checkpoint (added outside the game, or written as it stopped)"
            ),
            Finding::CheckpointMismatch { seq } => {
                write!(f, "record {seq} is not the record that was checkpointed")
            }
            Finding::BadCheckpoint => write!(f, "the checkpoint is not signed with this machine's key"),
            Finding::NoCheckpoint => write!(f, "there is no checkpoint to check the trail's end against"),
            Finding::NoKey => write!(f, "the checkpoint key is missing, so the trail's end cannot be verified"),
        }
    }
}

/// Checks the trail (records in their stored order by position) against its checkpoint.
pub fn verify(records: &[ChainedRecord], checkpoint: Option<&Checkpoint>, key: &[u8]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let position_of = |hash: &Hash| records.iter().position(|record| record.hash == *hash);
    let mut expected_seq = 1;
    for (index, record) in records.iter().enumerate() {
        if record.seq > expected_seq {
            findings.push(Finding::Deleted { from: expected_seq, to: record.seq - 1 });
        }
        expected_seq = record.seq + 1;
        if record.content_hash() != record.hash {
            findings.push(Finding::Edited { seq: record.seq });
        }
        let before = if index == 0 { GENESIS } else { records[index - 1].hash };
        if record.previous == before {
            continue;
        }
        if record.previous == GENESIS {
            // Chained to the start of the trail, but not first: the records before it came later.
            findings.push(Finding::Reordered { seq: record.seq });
            continue;
        }
        match position_of(&record.previous) {
            Some(chained) if chained > index => findings.push(Finding::Reordered { seq: record.seq }),
            Some(chained) => {
                // Chained to an earlier record: what lies between and no record was chained to
                // was put in (a record some other one was chained to was moved, not added).
                for between in &records[chained + 1..index] {
                    let finding = Finding::Inserted { seq: between.seq };
                    let chained_to = records.iter().any(|record| record.previous == between.hash);
                    if !chained_to && !findings.contains(&finding) {
                        findings.push(finding);
                    }
                }
            }
            None => {
                // A gap in the positions just before it already names the deleted records.
                let gap_named = findings
                    .iter()
                    .any(|finding| matches!(finding, Finding::Deleted { to, .. } if *to + 1 == record.seq));
                if !gap_named {
                    findings.push(Finding::Unchained { seq: record.seq });
                }
            }
        }
    }
    let last = records.last().map(|record| record.seq).unwrap_or(0);
    match checkpoint {
        None if records.is_empty() => {}
        None => findings.push(Finding::NoCheckpoint),
        Some(checkpoint) if !checkpoint.is_signed_by(key) => findings.push(Finding::BadCheckpoint),
        Some(checkpoint) => {
            match records.iter().find(|record| record.seq == checkpoint.seq) {
                Some(record) if record.hash != checkpoint.hash => {
                    findings.push(Finding::CheckpointMismatch { seq: checkpoint.seq })
                }
                Some(_) => {}
                None if checkpoint.seq > last => {
                    findings.push(Finding::TruncatedAfter { seq: last, checkpoint: checkpoint.seq })
                }
                // Deleted in the middle: already named by the gap.
                None => {}
            }
            if last > checkpoint.seq {
                findings.push(Finding::BeyondCheckpoint { from: checkpoint.seq + 1, to: last });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a test key of the checkpoint";

    fn trail(count: i64) -> Vec<ChainedRecord> {
        let mut records: Vec<ChainedRecord> = Vec::new();
        for seq in 1..=count {
            let previous = records.last().map_or(GENESIS, |record| record.hash);
            let (at, kind, body) =
                (format!("2026-12-02T10:00:{seq:02}Z"), "action".to_owned(), format!("{{\"n\":{seq}}}"));
            let hash = record_hash(&previous, seq, &at, &kind, Some("a1"), &body);
            records.push(ChainedRecord { seq, at, kind, attempt: Some("a1".into()), body, previous, hash });
        }
        records
    }

    fn head(records: &[ChainedRecord]) -> Checkpoint {
        let last = records.last().unwrap();
        Checkpoint::sign(KEY, last.seq, last.hash)
    }

    #[test]
    fn an_untouched_trail_has_no_findings() {
        let records = trail(5);
        assert_eq!(verify(&records, Some(&head(&records)), KEY), vec![]);
        assert_eq!(verify(&[], None, KEY), vec![]);
    }

    #[test]
    fn an_edited_record_is_named() {
        let mut records = trail(5);
        let checkpoint = head(&records);
        records[2].body = "{\"n\":99}".into();
        assert_eq!(verify(&records, Some(&checkpoint), KEY), vec![Finding::Edited { seq: 3 }]);
    }

    #[test]
    fn a_deleted_record_is_named() {
        let mut records = trail(5);
        let checkpoint = head(&records);
        records.remove(1);
        assert_eq!(verify(&records, Some(&checkpoint), KEY), vec![Finding::Deleted { from: 2, to: 2 }]);
    }

    #[test]
    fn records_deleted_from_the_end_are_found_by_the_checkpoint() {
        let mut records = trail(5);
        let checkpoint = head(&records);
        records.truncate(3);
        assert_eq!(verify(&records, Some(&checkpoint), KEY), vec![Finding::TruncatedAfter { seq: 3, checkpoint: 5 }]);
    }

    #[test]
    fn a_record_renumbered_into_a_gap_is_edited() {
        // Deleting record 3 and renumbering 4 and 5 to close the gap changes what they hash.
        let mut records = trail(5);
        let checkpoint = head(&records);
        records.remove(2);
        records[2].seq = 3;
        records[3].seq = 4;
        let findings = verify(&records, Some(&checkpoint), KEY);
        assert!(findings.contains(&Finding::Edited { seq: 3 }), "{findings:?}");
        assert!(findings.contains(&Finding::Unchained { seq: 3 }), "{findings:?}");
    }

    #[test]
    fn an_inserted_record_with_a_correct_hash_is_named() {
        // A forger who computes hashes still cannot chain the next record to the new one.
        let mut records = trail(4);
        let checkpoint = head(&records);
        for record in &mut records[2..] {
            record.seq += 1;
        }
        let previous = records[1].hash;
        let hash = record_hash(&previous, 3, "2026-12-02T10:00:02Z", "action", Some("a1"), "{\"forged\":1}");
        let forged = ChainedRecord {
            seq: 3,
            at: "2026-12-02T10:00:02Z".into(),
            kind: "action".into(),
            attempt: Some("a1".into()),
            body: "{\"forged\":1}".into(),
            previous,
            hash,
        };
        records.insert(2, forged);
        let findings = verify(&records, Some(&checkpoint), KEY);
        assert!(findings.contains(&Finding::Inserted { seq: 3 }), "{findings:?}");
        // The shifted records were renumbered, which their hashes show.
        assert!(findings.contains(&Finding::Edited { seq: 4 }), "{findings:?}");
    }

    #[test]
    fn swapped_records_are_out_of_order() {
        let mut records = trail(5);
        let checkpoint = head(&records);
        // Swap the content of positions 2 and 3, keeping the positions in order.
        let (second, third) = (records[1].clone(), records[2].clone());
        records[1] = ChainedRecord { seq: 2, ..third };
        records[2] = ChainedRecord { seq: 3, ..second };
        let findings = verify(&records, Some(&checkpoint), KEY);
        // Moved, not inserted: each still has the record that was chained to it.
        assert_eq!(
            findings,
            vec![Finding::Edited { seq: 2 }, Finding::Reordered { seq: 2 }, Finding::Edited { seq: 3 }],
            "{findings:?}"
        );
    }

    #[test]
    fn a_checkpoint_signed_with_another_key_is_refused() {
        let records = trail(3);
        let forged = Checkpoint::sign(b"someone else's key", 3, records[2].hash);
        assert_eq!(verify(&records, Some(&forged), KEY), vec![Finding::BadCheckpoint]);
    }

    #[test]
    fn records_after_the_checkpoint_are_named() {
        let records = trail(5);
        let checkpoint = Checkpoint::sign(KEY, 3, records[2].hash);
        assert_eq!(verify(&records, Some(&checkpoint), KEY), vec![Finding::BeyondCheckpoint { from: 4, to: 5 }]);
    }
}
