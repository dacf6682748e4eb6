//! The QC review terminal as the reviewer uses it: the results against the specification with
//! the decision, and the OOS investigation with the retest.

use super::ids::*;
use super::*;
use crate::stations::desk::{Desk, DeskControls, NoField, Pages};
use crate::stations::screen::{ScreenControl, ScreenView, alarm, good, line};

/// The terminal's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Page {
    Results,
    Investigation,
}

impl Page {
    pub const ALL: [Page; 2] = [Page::Results, Page::Investigation];

    pub fn id(self) -> &'static str {
        match self {
            Page::Results => "results",
            Page::Investigation => "investigation",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Page::Results => Text::new("Results and decision", "결과와 판정"),
            Page::Investigation => Text::new("OOS investigation", "OOS 조사"),
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

/// The review with its terminal: the page shown.
#[derive(Debug, Clone, PartialEq)]
pub struct QcReleaseDesk {
    pub review: Review,
    desk: Desk<Page, NoField>,
}

impl QcReleaseDesk {
    pub fn new(operator: &str) -> Self {
        Self::with_results(operator, Results::default())
    }

    pub fn with_results(operator: &str, results: Results) -> Self {
        Self { review: Review::new(operator, results), desk: Desk::new(Page::Results, CONTROLS) }
    }

    pub fn page(&self) -> Page {
        self.desk.page()
    }

    /// Applies one action: turning a page here, the rest at the review. Declaring a batch out
    /// of specification turns to the investigation.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let review = &mut self.review;
        let outcome = match self.desk.act(action, |set| review.act(set)) {
            Some(outcome) => outcome,
            None => self.review.act(action),
        };
        if matches!(action, Action::Press { control } if control == DECLARE_OOS) && outcome.refusals.is_empty() {
            self.desk.turn_to(Page::Investigation);
        }
        outcome
    }

    /// What the terminal shows now.
    pub fn view(&self) -> ScreenView {
        let r = &self.review;
        let batch = &r.results().batch;
        let corner = match r.decision() {
            Some(Decision::Released) => Text::new("Released", "출하 승인"),
            Some(Decision::OutOfSpecification) => Text::new("OOS", "규격 부적합"),
            None => Text::new("Awaiting decision", "판정 대기"),
        };
        let mut view = ScreenView {
            title: Text::new(format!("QC review — batch {batch}"), format!("QC 검토 — 배치 {batch}")),
            corner,
            tabs: self.desk.tabs(None),
            ..ScreenView::default()
        };
        match self.desk.page() {
            Page::Results => self.results_page(&mut view),
            Page::Investigation => self.investigation_page(&mut view),
        }
        view
    }

    /// Each attribute's result beside its specification: the reviewer compares them.
    fn results_page(&self, view: &mut ScreenView) {
        let r = &self.review;
        let results = r.results();
        let product = results.product;
        let name = product.name();
        view.lines.push(line(Text::new(format!("Product: {}", name.en), format!("제품: {}", name.ko))));
        let verdict = |attribute: Attribute, result: (String, String), spec: &str, ko_spec: &str| {
            let name = attribute.name();
            let (en, ko) = if r.pending(attribute) { ("pending".to_owned(), "대기 중".to_owned()) } else { result };
            line(Text::new(format!("{}: {en} — spec {spec}", name.en), format!("{}: {ko} — 규격 {ko_spec}", name.ko)))
        };
        let viability = format!("{} %", results.viability_percent);
        let min = format!("≥ {} %", product.viability_min());
        view.lines.push(verdict(Attribute::Viability, (viability.clone(), viability), &min, &min));
        if let Some(count) = r.bench().and_then(|bench| bench.count) {
            let cells = bench::millions(count.viable_per_ml);
            view.lines.push(line(Text::new(
                format!("   {cells} viable cells/mL ({} counted)", count.cells_counted),
                format!("   생존 세포 {cells}/mL ({}개 계수)", count.cells_counted),
            )));
        }
        if let Some(cd3_min) = product.cd3_min() {
            let cd3 = format!("{} %", results.cd3_percent);
            let min = format!("≥ {cd3_min} %");
            view.lines.push(verdict(Attribute::Cd3, (cd3.clone(), cd3), &min, &min));
        }
        let sterility = if results.sterile { ("no growth", "균 불검출") } else { ("growth", "균 검출") };
        view.lines.push(verdict(
            Attribute::Sterility,
            (sterility.0.to_owned(), sterility.1.to_owned()),
            "no growth",
            "균 불검출",
        ));
        let mycoplasma = if results.mycoplasma_negative { ("negative", "음성") } else { ("positive", "양성") };
        view.lines.push(verdict(
            Attribute::Mycoplasma,
            (mycoplasma.0.to_owned(), mycoplasma.1.to_owned()),
            "negative",
            "음성",
        ));
        let (limit, inclusive) = product.endotoxin_limit();
        let spec = format!("{} {limit} EU/mL", if inclusive { "≤" } else { "<" });
        let endotoxin = format!("{} EU/mL", results.endotoxin_eu_ml);
        view.lines.push(verdict(Attribute::Endotoxin, (endotoxin.clone(), endotoxin), &spec, &spec));
        if r.retested() {
            let retest = format!("{} EU/mL", results.retest_endotoxin_eu_ml);
            view.lines.push(line(Text::new(format!("Endotoxin retest {retest}"), format!("엔도톡신 재시험 {retest}"))));
        }
        match r.decision() {
            Some(Decision::Released) => view.lines.push(good(Text::new("Decision: released", "판정: 출하 승인"))),
            Some(Decision::OutOfSpecification) => {
                view.lines.push(alarm(Text::new("Decision: out of specification", "판정: 규격 부적합")))
            }
            None => {}
        }
        let undecided = r.decision().is_none() && r.results_complete();
        view.buttons = vec![
            vec![ScreenControl::press(
                RELEASE,
                Text::new("Release the batch", "배치 출하 승인"),
                undecided && !r.phase_two(),
            )],
            vec![ScreenControl::press(
                DECLARE_OOS,
                Text::new("Declare out of specification", "규격 부적합 판정"),
                undecided,
            )],
        ];
    }

    /// The investigation of §8.3: phase I in the laboratory, then phase II, and the retest.
    fn investigation_page(&self, view: &mut ScreenView) {
        let r = &self.review;
        let results = r.results();
        view.lines.push(line(Text::new(
            "1. Phase I: the analyst and supervisor look for an assignable laboratory error (calculation, instrument, sample preparation); raw data kept.",
            "1. 1단계: 시험자와 책임자가 원인이 확인되는 실험실 오류(계산, 장비, 샘플 준비)를 찾고 원자료를 보존합니다.",
        )));
        view.lines.push(line(Text::new(
            "2. No laboratory error: phase II, a full-scale investigation (production, other batches, root cause, CAPA).",
            "2. 실험실 오류가 없으면 2단계: 전면 조사(제조, 타 배치, 근본 원인, CAPA).",
        )));
        view.lines.push(line(Text::new(
            "A retest only by a predefined procedure, after phase I.",
            "재시험은 1단계 뒤 사전에 정한 절차로만 합니다.",
        )));
        if r.phase_one() {
            view.lines.push(match results.lab_error {
                Some(error) => {
                    let found = error.text();
                    good(Text::new(format!("Phase I found: {}", found.en), format!("1단계 결과: {}", found.ko)))
                }
                None => alarm(Text::new("Phase I: no assignable laboratory error.", "1단계: 확인된 실험실 오류 없음.")),
            });
        }
        if r.phase_two() {
            view.lines.push(alarm(Text::new(
                "Phase II open: the batch is rejected pending it.",
                "2단계 조사 중: 조사 완료까지 배치 부적합.",
            )));
        }
        if r.retested() {
            let retest = format!("{} EU/mL", results.retest_endotoxin_eu_ml);
            view.lines
                .push(line(Text::new(format!("Endotoxin retest: {retest}"), format!("엔도톡신 재시험: {retest}"))));
        }
        let oos = r.decision() == Some(Decision::OutOfSpecification);
        view.buttons = vec![
            vec![ScreenControl::press(
                PHASE_ONE,
                Text::new("Phase I: laboratory investigation", "1단계: 실험실 조사"),
                oos && !r.phase_one(),
            )],
            vec![ScreenControl::press(
                PHASE_TWO,
                Text::new("Phase II: full-scale investigation", "2단계: 전면 조사"),
                r.phase_one() && results.lab_error.is_none() && !r.phase_two(),
            )],
            vec![ScreenControl::press(
                RETEST,
                Text::new("Retest the endotoxin sample", "엔도톡신 샘플 재시험"),
                !r.retested(),
            )],
        ];
    }
}
