//! The QA review desk: a completed batch record on a review terminal, with ALCOA+ faults
//! planted in it as a mock GMP inspection would find them (domain.md §3, §2.4), and a loose
//! note on the desk. The trainee reads every page, flags each fault with what it breaks, and
//! submits the review to the QA lead, who hands it back while a fault is unflagged or a sound
//! entry is flagged.
//!
//! The record is a fictional MSC expansion batch; its figures are plausible for the process
//! (domain.md §4) but describe no real batch. Two of its entries are traps the other way: a
//! correction and a late entry made the GMP way (struck once, reason, name, time), which are
//! not faults.

pub mod ids;
mod pages;
pub mod station;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::level::Action;
use crate::stations::Outcome;
use crate::stations::batch_record::{BatchRecord, EntryKind};
use ids::*;

pub use pages::{BatchReviewDesk, Page};
pub use station::SPEC;

/// What a planted fault breaks, as the trainee flags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fault {
    /// Written down long after the work, with no late-entry note: not contemporaneous.
    LateEntry,
    /// Work recorded with nobody's signature: not attributable.
    MissingSignature,
    /// A value changed with no reason and no initials: no audit trail (not original, not
    /// accurate).
    UnexplainedChange,
    /// A result past its action limit with no deviation raised: the record is not complete and
    /// the excursion was never investigated (domain.md §2.4).
    ExcursionWithoutDeviation,
    /// A record kept on loose paper, not in the batch record: not original.
    LoosePaper,
}

impl Fault {
    /// The faults an entry of the record can be flagged with, in the order of their buttons
    /// (the loose note is flagged on its own).
    pub const IN_ENTRIES: [Fault; 4] =
        [Fault::LateEntry, Fault::MissingSignature, Fault::UnexplainedChange, Fault::ExcursionWithoutDeviation];
    pub const ALL: [Fault; 5] = [
        Fault::LateEntry,
        Fault::MissingSignature,
        Fault::UnexplainedChange,
        Fault::ExcursionWithoutDeviation,
        Fault::LoosePaper,
    ];

    /// The touchscreen control that flags an entry with this fault.
    pub fn control(self) -> &'static str {
        match self {
            Fault::LateEntry => FLAG_LATE,
            Fault::MissingSignature => FLAG_UNSIGNED,
            Fault::UnexplainedChange => FLAG_CHANGED,
            Fault::ExcursionWithoutDeviation => FLAG_EXCURSION,
            Fault::LoosePaper => FLAG_NOTE,
        }
    }

    /// The observation that says this planted fault is flagged.
    pub fn observation_key(self) -> &'static str {
        match self {
            Fault::LateEntry => "late_entry_flagged",
            Fault::MissingSignature => "missing_signature_flagged",
            Fault::UnexplainedChange => "unexplained_change_flagged",
            Fault::ExcursionWithoutDeviation => "em_excursion_flagged",
            Fault::LoosePaper => "loose_note_flagged",
        }
    }

    /// Its name on the flag's button.
    pub fn name(self) -> Text {
        match self {
            Fault::LateEntry => Text::new("Late entry", "늦은 기록"),
            Fault::MissingSignature => Text::new("No signature", "서명 누락"),
            Fault::UnexplainedChange => Text::new("Changed, no reason", "사유 없는 수정"),
            Fault::ExcursionWithoutDeviation => Text::new("Excursion, no deviation", "일탈 없는 기준 초과"),
            Fault::LoosePaper => Text::new("Record on loose paper", "낱장 종이 기록"),
        }
    }

    /// The ALCOA+ principle it breaks.
    pub fn principle(self) -> Text {
        match self {
            Fault::LateEntry => Text::new("not contemporaneous", "동시성 위반"),
            Fault::MissingSignature => Text::new("not attributable", "귀속성 위반"),
            Fault::UnexplainedChange => Text::new("no audit trail", "감사 추적 없음"),
            Fault::ExcursionWithoutDeviation => Text::new("not complete", "완전성 위반"),
            Fault::LoosePaper => Text::new("not original", "원본성 위반"),
        }
    }
}

/// The pages of the record, each with its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Section {
    Preparation,
    Culture,
    MonitoringAndQc,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Preparation, Section::Culture, Section::MonitoringAndQc];
}

/// One entry of the record under review, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its number in the record, from 1.
    pub number: usize,
    pub section: Section,
    /// What was done or found.
    pub what: Text,
    /// When it was done and written, by whom, who verified it; corrections.
    pub signed: Text,
    /// The fault planted in it, if any.
    pub fault: Option<Fault>,
}

fn entry(number: usize, section: Section, what: Text, signed: Text, fault: Option<Fault>) -> Entry {
    Entry { number, section, what, signed, fault }
}

/// The record under review: a fictional MSC expansion batch, MSC-2026-014, made by J. Kim and
/// verified by S. Park of QA, with four faults in its entries (and a fifth on the desk).
pub fn record() -> Vec<Entry> {
    use Section::*;
    vec![
        entry(
            1,
            Preparation,
            Text::new(
                "Line clearance of the BSC and the bench: clear",
                "안전작업대와 작업대 라인 클리어런스: 이상 없음",
            ),
            Text::new("08:05 J. Kim · verified 08:12 S. Park (QA)", "08:05 J. Kim · 확인 08:12 S. Park (QA)"),
            None,
        ),
        entry(
            2,
            Preparation,
            Text::new(
                "Medium α-MEM + 5 % hPL, lot M2611-07, use by 2027-03-31",
                "배지 α-MEM + 5 % hPL, 로트 M2611-07, 사용기한 2027-03-31",
            ),
            Text::new("08:20 J. Kim", "08:20 J. Kim"),
            None,
        ),
        entry(
            3,
            Preparation,
            Text::new(
                "Medium bag welded to the set; weld inspected: intact",
                "배지 백을 세트에 접합, 접합부 검사: 이상 없음",
            ),
            Text::new("08:40 · signature: —", "08:40 · 서명: —"),
            Some(Fault::MissingSignature),
        ),
        entry(
            4,
            Preparation,
            Text::new("Cell bag identity against this record: agrees", "세포 백 식별 정보와 본 기록서 대조: 일치"),
            Text::new("08:55 J. Kim · verified 09:00 S. Park (QA)", "08:55 J. Kim · 확인 09:00 S. Park (QA)"),
            None,
        ),
        entry(
            5,
            Culture,
            Text::new("Cells loaded: 2.0 × 10⁷", "주입 세포: 2.0 × 10⁷"),
            Text::new("done 09:40 · written 16:55 J. Kim", "작업 09:40 · 기록 16:55 J. Kim"),
            Some(Fault::LateEntry),
        ),
        entry(
            6,
            Culture,
            Text::new("Incubator temperature: 37.0 °C", "인큐베이터 온도: 37.0 °C"),
            Text::new(
                "36.2 struck through once, 37.0 beside it: \"misread the display\" J. Kim 10:15",
                "36.2에 한 줄 긋고 옆에 37.0: \"표시창 오독\" J. Kim 10:15",
            ),
            None,
        ),
        entry(
            7,
            Culture,
            Text::new("IC inlet rate: 0.1 mL/min", "IC 유입 속도: 0.1 mL/min"),
            Text::new(
                "10:30 J. Kim · 0.1 written over 0.4; no reason, no initials",
                "10:30 J. Kim · 0.4 위에 0.1을 덧씀, 사유·서명 없음",
            ),
            Some(Fault::UnexplainedChange),
        ),
        entry(
            8,
            Culture,
            Text::new("Day 7 glucose: 1.9 mmol/L (sampled 14:10)", "7일차 포도당: 1.9 mmol/L (14:10 채취)"),
            Text::new(
                "\"Late entry: analyser printout attached\" J. Kim 15:20",
                "\"늦은 기록: 분석기 출력물 첨부\" J. Kim 15:20",
            ),
            None,
        ),
        entry(
            9,
            MonitoringAndQc,
            Text::new(
                "Settle plate, Grade B room, 4 h: 2 CFU (limit 5)",
                "낙하균 배지, B등급 구역, 4시간: 2 CFU (기준 5)",
            ),
            Text::new("read 2026-11-21 J. Kim", "판독 2026-11-21 J. Kim"),
            None,
        ),
        entry(
            10,
            MonitoringAndQc,
            Text::new(
                "Settle plate, Grade A (BSC), 4 h: 1 CFU (limit: no growth)",
                "낙하균 배지, A등급 (안전작업대), 4시간: 1 CFU (기준: 불검출)",
            ),
            Text::new("read 2026-11-21 J. Kim · deviation no.: none", "판독 2026-11-21 J. Kim · 일탈 번호: 없음"),
            Some(Fault::ExcursionWithoutDeviation),
        ),
        entry(
            11,
            MonitoringAndQc,
            Text::new(
                "Glove prints, end of session: left 0, right 1 CFU (limit 5)",
                "장갑 자국, 작업 종료 시: 왼손 0, 오른손 1 CFU (기준 5)",
            ),
            Text::new("17:20 J. Kim", "17:20 J. Kim"),
            None,
        ),
        entry(
            12,
            MonitoringAndQc,
            Text::new("Harvest: 1.2 × 10⁸ cells, viability 94 %", "수확: 세포 1.2 × 10⁸, 생존율 94 %"),
            Text::new("17:30 J. Kim · verified 17:40 S. Park (QA)", "17:30 J. Kim · 확인 17:40 S. Park (QA)"),
            None,
        ),
    ]
}

/// What the loose note on the desk says: a figure kept on a scrap of paper to be written into
/// the record later.
pub fn loose_note() -> Text {
    Text::new("harvest bag 118 g\n→ write into BR later\nJK", "수확 백 118 g\n→ 나중에 기록서에 옮길 것\nJK")
}

/// The entries that look like faults and are not: a correction and a late entry made as GMP
/// asks (reason, name, time).
pub const SOUND_CORRECTIONS: [usize; 2] = [6, 8];

/// What the QA lead said of the latest submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Handed back: this many faults are not flagged and this many flags are on sound entries
    /// or name the wrong fault.
    Returned {
        unflagged: usize,
        false_findings: usize,
    },
    Accepted,
}

/// The review as it stands: the flags raised, the note read, the submissions.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    entries: Vec<Entry>,
    /// The flag on each entry, by entry number.
    flags: std::collections::BTreeMap<usize, Fault>,
    note_read: bool,
    note_flagged: bool,
    /// The entry the flag buttons act on.
    selected: Option<usize>,
    /// The pages of the record the trainee has opened.
    pages_read: std::collections::BTreeSet<Section>,
    verdict: Option<Verdict>,
    returned: usize,
    record: BatchRecord,
    operator: String,
    /// Hours since the review began.
    time_h: f64,
}

impl Review {
    pub fn new(operator: &str) -> Self {
        Self {
            entries: record(),
            flags: Default::default(),
            note_read: false,
            note_flagged: false,
            selected: None,
            pages_read: Default::default(),
            verdict: None,
            returned: 0,
            record: BatchRecord::new(),
            operator: operator.to_owned(),
            time_h: 0.0,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, number: usize) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.number == number)
    }

    pub fn flag(&self, number: usize) -> Option<Fault> {
        self.flags.get(&number).copied()
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn note_read(&self) -> bool {
        self.note_read
    }

    pub fn note_flagged(&self) -> bool {
        self.note_flagged
    }

    pub fn verdict(&self) -> Option<Verdict> {
        self.verdict
    }

    pub fn submitted(&self) -> bool {
        self.verdict == Some(Verdict::Accepted)
    }

    pub fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    /// Who the review's own entries are attributed to.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// Whether a planted fault is flagged as what it is.
    pub fn found(&self, fault: Fault) -> bool {
        if fault == Fault::LoosePaper {
            return self.note_flagged;
        }
        self.entries.iter().any(|entry| entry.fault == Some(fault) && self.flag(entry.number) == Some(fault))
    }

    /// The planted faults not flagged as what they are.
    pub fn unflagged(&self) -> usize {
        Fault::ALL.iter().filter(|fault| !self.found(**fault)).count()
    }

    /// Flags on sound entries, or naming another fault than the one planted there.
    pub fn false_findings(&self) -> usize {
        self.flags
            .iter()
            .filter(|(number, flag)| self.entry(**number).and_then(|entry| entry.fault) != Some(**flag))
            .count()
    }

    /// Whether a correction or late entry made the GMP way was flagged as a fault.
    pub fn sound_correction_flagged(&self) -> bool {
        SOUND_CORRECTIONS.iter().any(|number| self.flags.contains_key(number))
    }

    pub fn note_page_read(&mut self, section: Section) {
        self.pages_read.insert(section);
    }

    pub fn pages_read(&self) -> usize {
        self.pages_read.len()
    }

    /// Lets real time pass: the review's clock for its own record.
    pub fn pass_real_time(&mut self, real_seconds: f64) {
        self.time_h += real_seconds / 3600.0;
    }

    /// Applies one of the trainee's actions at the desk; others come back unhandled.
    pub fn act(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Inspect { object } if object == LOOSE_NOTE => {
                self.note_read = true;
                handled()
            }
            Action::Press { control } => self.press(control),
            _ => Outcome::default(),
        }
    }

    fn press(&mut self, control: &str) -> Outcome {
        if let Some(number) = ENTRY_BUTTONS.iter().position(|id| *id == control).map(|index| index + 1) {
            self.selected = Some(number);
            return handled();
        }
        if control == FLAG_NOTE {
            return self.flag_note();
        }
        if control == SUBMIT {
            return self.submit();
        }
        match Fault::IN_ENTRIES.into_iter().find(|fault| fault.control() == control) {
            Some(fault) => self.flag_entry(fault),
            None => Outcome::default(),
        }
    }

    fn closed(&self) -> Option<Outcome> {
        self.submitted().then(|| {
            Outcome::refused(
                "review:submitted",
                "The review has been submitted to the QA lead; it is closed.",
                "검토가 QA 책임자에게 제출되어 종료되었습니다.",
            )
        })
    }

    /// Flags the selected entry with `fault`, or takes that flag back if it has it already.
    fn flag_entry(&mut self, fault: Fault) -> Outcome {
        if let Some(closed) = self.closed() {
            return closed;
        }
        let Some(number) = self.selected else {
            return Outcome::refused(
                "review:no_entry",
                "Choose the entry to flag first (its number).",
                "먼저 지적할 항목(번호)을 고르십시오.",
            );
        };
        let text = if self.flags.get(&number) == Some(&fault) {
            self.flags.remove(&number);
            Text::new(format!("Finding on entry {number} withdrawn"), format!("{number}번 항목 지적 철회"))
        } else {
            self.flags.insert(number, fault);
            let (name, principle) = (fault.name(), fault.principle());
            Text::new(
                format!("Finding on entry {number}: {} ({})", name.en, principle.en),
                format!("{number}번 항목 지적: {} ({})", name.ko, principle.ko),
            )
        };
        self.note(EntryKind::Deviation, Value::Number(number as f64), text)
    }

    /// Flags the loose note as a record kept outside the batch record, once it has been read.
    fn flag_note(&mut self) -> Outcome {
        if let Some(closed) = self.closed() {
            return closed;
        }
        if !self.note_read {
            return Outcome::refused(
                "review:note_unread",
                "Read the note on the desk before you report it.",
                "보고하기 전에 책상 위의 메모를 읽으십시오.",
            );
        }
        self.note_flagged = !self.note_flagged;
        let text = if self.note_flagged {
            Text::new(
                "Finding: a figure kept on a loose note, not in the record (not original)",
                "지적: 기록서가 아닌 낱장 메모에 남긴 수치 (원본성 위반)",
            )
        } else {
            Text::new("Finding on the loose note withdrawn", "낱장 메모 지적 철회")
        };
        self.note(EntryKind::Deviation, Value::Flag(self.note_flagged), text)
    }

    /// Hands the review to the QA lead, who accepts it only with every fault flagged and no
    /// flag on a sound entry.
    fn submit(&mut self) -> Outcome {
        if let Some(closed) = self.closed() {
            return closed;
        }
        let (unflagged, false_findings) = (self.unflagged(), self.false_findings());
        let findings = self.flags.len() + usize::from(self.note_flagged);
        if unflagged == 0 && false_findings == 0 {
            self.verdict = Some(Verdict::Accepted);
            self.selected = None;
            let text = Text::new(
                format!("Review submitted to the QA lead with {findings} findings: accepted"),
                format!("지적 {findings}건으로 QA 책임자에게 검토 제출: 승인"),
            );
            return self.note(EntryKind::Measurement, Value::Number(findings as f64), text);
        }
        self.verdict = Some(Verdict::Returned { unflagged, false_findings });
        self.returned += 1;
        let text = Text::new(
            format!(
                "Review handed back by the QA lead. Faults not flagged: {unflagged}. Flags on sound entries or \
                 naming the wrong fault: {false_findings}."
            ),
            format!(
                "QA 책임자가 검토를 반려했습니다. 지적하지 않은 결함: {unflagged}건. 정상 항목이나 잘못된 결함으로 \
                 지적한 것: {false_findings}건."
            ),
        );
        let mut outcome = self.note(EntryKind::Measurement, Value::Number(findings as f64), text.clone());
        outcome.refusals.push(crate::stations::Refusal { code: "review:returned".into(), reason: text });
        outcome
    }

    fn note(&mut self, kind: EntryKind, value: Value, text: Text) -> Outcome {
        let id = self.record.record(self.time_h, &self.operator, kind, value, text);
        Outcome { handled: true, refusals: Vec::new(), notes: self.record.entry(id).cloned().into_iter().collect() }
    }

    /// Every observation key with its value now.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        let mut observations = vec![
            ("selected_entry", Value::Number(self.selected.unwrap_or(0) as f64)),
            ("pages_read", Value::Number(self.pages_read() as f64)),
            ("note_read", Value::Flag(self.note_read)),
        ];
        for fault in Fault::ALL {
            observations.push((fault.observation_key(), Value::Flag(self.found(fault))));
        }
        observations.extend([
            ("faults_flagged", Value::Number((Fault::ALL.len() - self.unflagged()) as f64)),
            ("faults_unflagged", Value::Number(self.unflagged() as f64)),
            ("false_findings", Value::Number(self.false_findings() as f64)),
            ("sound_correction_flagged", Value::Flag(self.sound_correction_flagged())),
            ("reviews_returned", Value::Number(self.returned as f64)),
            ("review_submitted", Value::Flag(self.submitted())),
        ]);
        observations
    }
}

fn handled() -> Outcome {
    Outcome { handled: true, ..Outcome::default() }
}
