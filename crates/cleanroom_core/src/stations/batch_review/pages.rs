//! The review terminal as the trainee uses it: a page for each part of the batch record (its
//! entries, with a button to choose each and, for the chosen one, a button per fault) and a
//! page of findings, with the loose note and the submission to the QA lead.

use super::ids::*;
use super::*;
use crate::stations::desk::{Desk, DeskControls, NoField, Pages};
use crate::stations::screen::{ScreenControl, ScreenView, alarm, good, line, message};

/// The terminal's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Page {
    Record(Section),
    Findings,
}

impl Page {
    pub const ALL: [Page; 4] = [
        Page::Record(Section::Preparation),
        Page::Record(Section::Culture),
        Page::Record(Section::MonitoringAndQc),
        Page::Findings,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Page::Record(Section::Preparation) => "preparation",
            Page::Record(Section::Culture) => "culture",
            Page::Record(Section::MonitoringAndQc) => "monitoring_qc",
            Page::Findings => "findings",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Page::Record(Section::Preparation) => Text::new("1–4 Preparation", "1–4 준비"),
            Page::Record(Section::Culture) => Text::new("5–8 Culture", "5–8 배양"),
            Page::Record(Section::MonitoringAndQc) => Text::new("9–12 EM, QC", "9–12 EM, QC"),
            Page::Findings => Text::new("Findings", "지적 사항"),
        }
    }
}

impl Pages for Page {
    const ALL: &'static [Self] = &Page::ALL;

    fn id(self) -> &'static str {
        Page::id(self)
    }

    fn name(self) -> Text {
        Page::name(self)
    }
}

const CONTROLS: DeskControls = DeskControls { page: PAGE, field: FIELD, key: KEY };

/// The batch record's number on every page.
pub const BATCH: &str = "MSC-2026-014";

/// The review with its terminal: the page shown.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchReviewDesk {
    pub review: Review,
    desk: Desk<Page, NoField>,
}

impl BatchReviewDesk {
    pub fn new(operator: &str) -> Self {
        let mut review = Review::new(operator);
        review.note_page_read(Section::Preparation);
        Self { review, desk: Desk::new(Page::Record(Section::Preparation), CONTROLS) }
    }

    pub fn page(&self) -> Page {
        self.desk.page()
    }

    /// Applies one action: turning a page here, the rest at the review.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let review = &mut self.review;
        let outcome = match self.desk.act(action, |set| review.act(set)) {
            Some(outcome) => outcome,
            None => self.review.act(action),
        };
        if let Page::Record(section) = self.desk.page() {
            self.review.note_page_read(section);
        }
        outcome
    }

    /// What the terminal shows now.
    pub fn view(&self) -> ScreenView {
        let r = &self.review;
        let corner = match r.verdict() {
            Some(Verdict::Accepted) => Text::new("Submitted", "제출됨"),
            Some(Verdict::Returned { .. }) => Text::new("Handed back", "반려됨"),
            None => Text::new("Under review", "검토 중"),
        };
        let mut view = ScreenView {
            title: Text::new(format!("QA review — batch {BATCH}"), format!("QA 검토 — 배치 {BATCH}")),
            corner,
            tabs: self.desk.tabs(None),
            ..ScreenView::default()
        };
        match self.desk.page() {
            Page::Record(section) => self.record_page(section, &mut view),
            Page::Findings => self.findings_page(&mut view),
        }
        view
    }

    fn record_page(&self, section: Section, view: &mut ScreenView) {
        let r = &self.review;
        let entries: Vec<&Entry> = r.entries().iter().filter(|entry| entry.section == section).collect();
        for entry in &entries {
            view.lines.push(line(Text::new(
                format!("{}. {}", entry.number, entry.what.en),
                format!("{}. {}", entry.number, entry.what.ko),
            )));
            view.lines.push(line(Text::new(format!("    {}", entry.signed.en), format!("    {}", entry.signed.ko))));
            if let Some(flag) = r.flag(entry.number) {
                let name = flag.name();
                view.lines.push(message(Text::new(format!("    ⚑ {}", name.en), format!("    ⚑ {}", name.ko))));
            }
        }
        let open = !r.submitted();
        view.buttons.push(
            entries
                .iter()
                .map(|entry| {
                    let mut button = ScreenControl::press(
                        ENTRY_BUTTONS[entry.number - 1],
                        Text::new(format!("Entry {}", entry.number), format!("항목 {}", entry.number)),
                        open,
                    );
                    button.selected = r.selected() == Some(entry.number);
                    button
                })
                .collect(),
        );
        let chosen = r.selected().filter(|number| entries.iter().any(|entry| entry.number == *number));
        match chosen {
            Some(number) => {
                for fault in Fault::IN_ENTRIES {
                    let mut button = ScreenControl::press(
                        fault.control(),
                        Text::new(
                            format!("{}: {}", number, fault.name().en),
                            format!("{}: {}", number, fault.name().ko),
                        ),
                        open,
                    );
                    button.selected = r.flag(number) == Some(fault);
                    view.buttons.push(vec![button]);
                }
            }
            None if open => view.lines.push(line(Text::new(
                "Choose an entry's number, then what is wrong with it.",
                "항목 번호를 고른 뒤 무엇이 잘못되었는지 고르십시오.",
            ))),
            None => {}
        }
    }

    fn findings_page(&self, view: &mut ScreenView) {
        let r = &self.review;
        let flagged: Vec<(usize, Fault)> =
            r.entries().iter().filter_map(|entry| r.flag(entry.number).map(|flag| (entry.number, flag))).collect();
        let count = flagged.len() + usize::from(r.note_flagged());
        view.lines.push(line(Text::new(format!("Findings: {count}"), format!("지적 사항: {count}건"))));
        for (number, flag) in flagged {
            let (name, principle) = (flag.name(), flag.principle());
            view.lines.push(line(Text::new(
                format!("Entry {number}: {} — {}", name.en, principle.en),
                format!("{number}번 항목: {} — {}", name.ko, principle.ko),
            )));
        }
        if r.note_flagged() {
            let (name, principle) = (Fault::LoosePaper.name(), Fault::LoosePaper.principle());
            view.lines.push(line(Text::new(
                format!("Loose note: {} — {}", name.en, principle.en),
                format!("낱장 메모: {} — {}", name.ko, principle.ko),
            )));
        }
        match r.verdict() {
            Some(Verdict::Accepted) => {
                view.lines.push(good(Text::new("Accepted by the QA lead.", "QA 책임자가 승인했습니다.")));
            }
            Some(Verdict::Returned { unflagged, false_findings }) => view.lines.push(alarm(Text::new(
                format!("Handed back. Not flagged: {unflagged}. Wrong flags: {false_findings}."),
                format!("반려됨. 지적하지 않은 결함: {unflagged}건. 잘못된 지적: {false_findings}건."),
            ))),
            None => {}
        }
        let open = !r.submitted();
        let mut note = ScreenControl::press(
            FLAG_NOTE,
            Text::new("Report the loose note", "낱장 메모 보고"),
            open && r.note_read(),
        );
        note.selected = r.note_flagged();
        view.buttons = vec![
            vec![note],
            vec![ScreenControl::press(SUBMIT, Text::new("Submit to the QA lead", "QA 책임자에게 제출"), open)],
        ];
    }
}
