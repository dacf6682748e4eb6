//! The QC review terminal: a batch's QC results against its product's release specification
//! (domain.md §8), the decision to release it or to declare it out of specification, and the
//! two-phase OOS investigation of §8.3 — a phase I laboratory investigation before any retest,
//! then, with no assignable laboratory error, a phase II full-scale investigation.
//!
//! The results are the level's (the instructor's): a level sets what the QC laboratory found.
//! The specifications are published ones, each named by its source key.

pub mod bench;
pub mod ids;
mod pages;
pub mod station;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::common::{Text, Value};
use crate::level::Action;
use crate::stations::batch_record::{BatchRecord, EntryKind};
use crate::stations::{Outcome, Product as MadeProduct};
use bench::{Bench, BenchOutcome, LabFindings, Test};
use ids::*;

pub use pages::{Page, QcReleaseDesk};
pub use station::SPEC;

/// The product whose batch is reviewed, with its release specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Product {
    /// Umbilical-cord MSC, the specification of 225 released lots [S73]: viability ≥ 85 %,
    /// no growth at 7 d, mycoplasma PCR negative, endotoxin < 0.5 EU/mL.
    Msc,
    /// An academic CD19 CAR-T, ARI-0001 [S76]: viability ≥ 70 %, CD3+ ≥ 70 %, endotoxin
    /// ≤ 0.5 EU/mL, sterile, mycoplasma absent.
    CarT,
}

impl Product {
    pub fn id(self) -> &'static str {
        match self {
            Product::Msc => "msc",
            Product::CarT => "car_t",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Product::Msc => Text::new("UC-MSC, spec. [S73]", "제대 유래 MSC, 규격 [S73]"),
            Product::CarT => Text::new("CD19 CAR-T, spec. [S76]", "CD19 CAR-T, 규격 [S76]"),
        }
    }

    /// The lowest viability that meets the specification, %.
    pub fn viability_min(self) -> f64 {
        match self {
            Product::Msc => 85.0,
            Product::CarT => 70.0,
        }
    }

    /// The lowest CD3+ share that meets the specification, %, where it has one.
    pub fn cd3_min(self) -> Option<f64> {
        match self {
            Product::Msc => None,
            Product::CarT => Some(70.0),
        }
    }

    /// The endotoxin limit, EU/mL, and whether the limit itself still meets it (≤ against <).
    pub fn endotoxin_limit(self) -> (f64, bool) {
        match self {
            Product::Msc => (0.5, false),
            Product::CarT => (0.5, true),
        }
    }
}

/// One attribute of the specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attribute {
    Viability,
    Cd3,
    Sterility,
    Mycoplasma,
    Endotoxin,
}

impl Attribute {
    pub const ALL: [Attribute; 5] =
        [Attribute::Viability, Attribute::Cd3, Attribute::Sterility, Attribute::Mycoplasma, Attribute::Endotoxin];

    pub fn name(self) -> Text {
        match self {
            Attribute::Viability => Text::new("Viability", "생존율"),
            Attribute::Cd3 => Text::new("CD3+", "CD3+"),
            Attribute::Sterility => Text::new("Sterility", "무균"),
            Attribute::Mycoplasma => Text::new("Mycoplasma", "마이코플라스마"),
            Attribute::Endotoxin => Text::new("Endotoxin", "엔도톡신"),
        }
    }

    /// The bench test that gives the attribute's result, where the bench gives one.
    pub fn test(self) -> Option<Test> {
        match self {
            Attribute::Viability => Some(Test::CountAndViability),
            Attribute::Cd3 => None,
            Attribute::Sterility => Some(Test::Sterility),
            Attribute::Mycoplasma => Some(Test::Mycoplasma),
            Attribute::Endotoxin => Some(Test::Endotoxin),
        }
    }

    pub fn observation_key(self) -> &'static str {
        match self {
            Attribute::Viability => "viability_in_spec",
            Attribute::Cd3 => "cd3_in_spec",
            Attribute::Sterility => "sterility_in_spec",
            Attribute::Mycoplasma => "mycoplasma_in_spec",
            Attribute::Endotoxin => "endotoxin_in_spec",
        }
    }
}

/// What the QC laboratory found, as the level sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub product: Product,
    pub batch: String,
    pub viability_percent: f64,
    pub cd3_percent: f64,
    pub sterile: bool,
    pub mycoplasma_negative: bool,
    pub endotoxin_eu_ml: f64,
    /// What a phase I investigation of an out-of-specification result finds: an assignable
    /// laboratory error (a calculation, an instrument, the sample's preparation), or none.
    pub lab_error: Option<LabError>,
    /// The endotoxin result of a retest, where one is made.
    pub retest_endotoxin_eu_ml: f64,
    /// The results come from the laboratory bench's tests of the product's own samples: the
    /// count and viability from the cells the station made; sterility, mycoplasma and
    /// endotoxin as the level says the tests find them (with the product's own contamination
    /// growing in culture). Until a test is done its result is pending.
    pub from_bench: bool,
}

impl Default for Results {
    fn default() -> Self {
        Results {
            product: Product::Msc,
            batch: crate::stations::bioreactor::MSC_BATCH.into(),
            viability_percent: 94.0,
            cd3_percent: 0.0,
            sterile: true,
            mycoplasma_negative: true,
            endotoxin_eu_ml: 0.1,
            lab_error: None,
            retest_endotoxin_eu_ml: 0.1,
            from_bench: false,
        }
    }
}

/// An assignable laboratory error that phase I can find (domain.md §8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabError {
    /// A dilution factor or calculation applied wrongly.
    Calculation,
    /// The instrument out of calibration or its controls failed.
    Instrument,
    /// The sample prepared or stored wrongly.
    SamplePreparation,
}

impl LabError {
    pub fn id(self) -> &'static str {
        match self {
            LabError::Calculation => "calculation",
            LabError::Instrument => "instrument",
            LabError::SamplePreparation => "sample_preparation",
        }
    }

    pub fn text(self) -> Text {
        match self {
            LabError::Calculation => Text::new(
                "the assay's dilution factor was applied twice in the calculation",
                "시험 계산에서 희석 배수가 두 번 적용됨",
            ),
            LabError::Instrument => Text::new(
                "the reader's positive control failed on the day of the test",
                "시험 당일 측정기의 양성 대조가 실패함",
            ),
            LabError::SamplePreparation => Text::new(
                "the sample was prepared in a non-pyrogen-free tube",
                "샘플이 발열성 물질이 없는 튜브가 아닌 곳에서 준비됨",
            ),
        }
    }
}

/// The reviewer's decision on the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Released,
    OutOfSpecification,
}

/// The review of one batch's QC results.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    results: Results,
    decision: Option<Decision>,
    phase_one: bool,
    phase_two: bool,
    /// Retests made, and whether the first came before phase I concluded.
    retested: bool,
    retest_without_phase_one: bool,
    released_out_of_spec: bool,
    false_oos: bool,
    /// The laboratory bench, where the results come from its tests.
    bench: Option<Bench>,
    /// What the level says the tests the bench cannot model find.
    findings: LabFindings,
    record: BatchRecord,
    operator: String,
    time_h: f64,
}

impl Review {
    pub fn new(operator: &str, results: Results) -> Self {
        let findings = LabFindings {
            growth: !results.sterile,
            mycoplasma: !results.mycoplasma_negative,
            endotoxin_eu_ml: results.endotoxin_eu_ml,
        };
        Review {
            bench: results.from_bench.then(Bench::new),
            findings,
            results,
            decision: None,
            phase_one: false,
            phase_two: false,
            retested: false,
            retest_without_phase_one: false,
            released_out_of_spec: false,
            false_oos: false,
            record: BatchRecord::new(),
            operator: operator.to_owned(),
            time_h: 0.0,
        }
    }

    pub fn results(&self) -> &Results {
        &self.results
    }

    pub fn bench(&self) -> Option<&Bench> {
        self.bench.as_ref()
    }

    /// A product's sample reaches the bench.
    pub fn receive(&mut self, product: &MadeProduct) {
        if let Some(bench) = &mut self.bench {
            bench.receive(product);
        }
    }

    /// Whether an attribute's result is still awaited from the bench.
    pub fn pending(&self, attribute: Attribute) -> bool {
        match (&self.bench, attribute.test()) {
            (Some(bench), Some(test)) => !bench.done(test),
            _ => false,
        }
    }

    /// Every result the decision needs is in.
    pub fn results_complete(&self) -> bool {
        self.pending_names().is_empty()
    }

    /// The attributes whose results are still awaited, by name.
    fn pending_names(&self) -> Vec<Text> {
        Attribute::ALL
            .into_iter()
            .filter(|attribute| self.meets(*attribute).is_some() && self.pending(*attribute))
            .map(Attribute::name)
            .collect()
    }

    pub fn operator(&self) -> &str {
        &self.operator
    }

    pub fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    pub fn decision(&self) -> Option<Decision> {
        self.decision
    }

    pub fn phase_one(&self) -> bool {
        self.phase_one
    }

    pub fn phase_two(&self) -> bool {
        self.phase_two
    }

    pub fn retested(&self) -> bool {
        self.retested
    }

    /// The endotoxin result in force: a retest's once a phase I has invalidated the first for an
    /// assignable laboratory error; the first otherwise (a retest without a cause does not
    /// replace a result, §8.3).
    pub fn endotoxin_in_force(&self) -> f64 {
        if self.retested && self.phase_one && self.results.lab_error.is_some() {
            self.results.retest_endotoxin_eu_ml
        } else {
            self.results.endotoxin_eu_ml
        }
    }

    /// Whether an attribute meets the specification, on the results in force; `None` for one
    /// the product's specification does not have.
    pub fn meets(&self, attribute: Attribute) -> Option<bool> {
        let r = &self.results;
        match attribute {
            Attribute::Viability => Some(r.viability_percent >= r.product.viability_min()),
            Attribute::Cd3 => r.product.cd3_min().map(|min| r.cd3_percent >= min),
            Attribute::Sterility => Some(r.sterile),
            Attribute::Mycoplasma => Some(r.mycoplasma_negative),
            Attribute::Endotoxin => {
                let (limit, inclusive) = r.product.endotoxin_limit();
                let value = self.endotoxin_in_force();
                Some(if inclusive { value <= limit } else { value < limit })
            }
        }
    }

    /// Every attribute the specification has meets it, with every result in.
    pub fn in_spec(&self) -> bool {
        Attribute::ALL.iter().all(|attribute| self.meets(*attribute) != Some(false) && !self.pending(*attribute))
    }

    pub fn pass_real_time(&mut self, real_seconds: f64) {
        self.time_h += real_seconds / 3600.0;
    }

    /// Applies one of the trainee's actions at the terminal; others come back unhandled.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let bench_outcome = match (&mut self.bench, action) {
            (Some(bench), Action::Place { item, target }) => {
                bench.place(item, target, &self.results.batch, self.findings)
            }
            (Some(bench), Action::Inspect { object }) => bench.inspect(object),
            (Some(bench), Action::Press { control }) if control == INCUBATOR_READ => {
                bench.read_sterility(self.findings)
            }
            _ => BenchOutcome::Unhandled,
        };
        match bench_outcome {
            BenchOutcome::Unhandled => {}
            BenchOutcome::Mixed => return Outcome { handled: true, ..Outcome::default() },
            BenchOutcome::Refused(code, reason) => return Outcome::refused(code, &reason.en, &reason.ko),
            BenchOutcome::Done(test, text) => return self.bench_result(test, text),
        }
        let Action::Press { control } = action else {
            return Outcome::default();
        };
        match control.as_str() {
            RELEASE => self.release(),
            DECLARE_OOS => self.declare_oos(),
            PHASE_ONE => self.investigate_phase_one(),
            PHASE_TWO => self.investigate_phase_two(),
            RETEST => self.retest(),
            _ => Outcome::default(),
        }
    }

    /// A bench test's result: into the results the review judges, and into the record.
    fn bench_result(&mut self, test: Test, text: Text) -> Outcome {
        let Some(bench) = &self.bench else {
            return Outcome::default();
        };
        let value = match test {
            // Inoculated, not yet read: recorded, with no result.
            _ if !bench.done(test) => Value::Flag(true),
            Test::CountAndViability => {
                let viability = bench.count.map_or(0.0, |count| count.viability_percent);
                self.results.viability_percent = viability;
                Value::Number(viability)
            }
            Test::Sterility => {
                let growth = bench.growth == Some(true);
                self.results.sterile = !growth;
                Value::Flag(growth)
            }
            Test::Mycoplasma => {
                let detected = bench.mycoplasma == Some(true);
                self.results.mycoplasma_negative = !detected;
                Value::Flag(detected)
            }
            Test::Endotoxin => {
                let value = bench.endotoxin_eu_ml.unwrap_or(0.0);
                self.results.endotoxin_eu_ml = value;
                Value::Number(value)
            }
        };
        self.note(EntryKind::Sample, value, text)
    }

    /// A decision waits for every result.
    fn refuse_pending(&self) -> Option<Outcome> {
        let pending = self.pending_names();
        if pending.is_empty() {
            return None;
        }
        let en: Vec<&str> = pending.iter().map(|name| name.en.as_str()).collect();
        let ko: Vec<&str> = pending.iter().map(|name| name.ko.as_str()).collect();
        Some(Outcome::refused(
            "qc:pending",
            &format!("This review decides on every result of the specification; still pending: {}.", en.join(", ")),
            &format!("이 검토는 규격의 모든 결과로 판정합니다. 대기 중: {}.", ko.join(", ")),
        ))
    }

    fn release(&mut self) -> Outcome {
        if let Some(refused) = self.refuse_pending() {
            return refused;
        }
        if self.decision == Some(Decision::Released) {
            return Outcome::refused(
                "qc:decided",
                "The batch is released already.",
                "배치가 이미 출하 승인되었습니다.",
            );
        }
        if self.phase_two {
            return Outcome::refused(
                "qc:phase_two",
                "A phase II investigation is open: the batch stays rejected until it concludes.",
                "2단계 조사가 진행 중입니다. 조사가 끝날 때까지 배치는 부적합 상태입니다.",
            );
        }
        if !self.in_spec() {
            // Done, and wrong: the record shows a release on results out of specification.
            self.released_out_of_spec = true;
        }
        self.decision = Some(Decision::Released);
        let batch = self.results.batch.clone();
        self.note(
            EntryKind::Deviation,
            Value::Flag(self.released_out_of_spec),
            Text::new(format!("Batch {batch} released by QC review"), format!("QC 검토로 배치 {batch} 출하 승인")),
        )
    }

    fn declare_oos(&mut self) -> Outcome {
        if let Some(refused) = self.refuse_pending() {
            return refused;
        }
        if self.decision.is_some() {
            return Outcome::refused(
                "qc:decided",
                "A decision on this batch is recorded already.",
                "이 배치에 대한 판정이 이미 기록되었습니다.",
            );
        }
        if self.in_spec() {
            self.false_oos = true;
        }
        self.decision = Some(Decision::OutOfSpecification);
        let failing: Vec<String> = Attribute::ALL
            .iter()
            .filter(|attribute| self.meets(**attribute) == Some(false))
            .map(|attribute| attribute.name().en)
            .collect();
        let batch = self.results.batch.clone();
        self.note(
            EntryKind::Deviation,
            Value::Choice(failing.join(", ")),
            Text::new(
                format!("Batch {batch} declared out of specification: {}", failing.join(", ")),
                format!("배치 {batch} 규격 부적합 판정: {}", failing.join(", ")),
            ),
        )
    }

    fn investigate_phase_one(&mut self) -> Outcome {
        if self.decision != Some(Decision::OutOfSpecification) {
            return Outcome::refused(
                "qc:no_oos",
                "A phase I investigation follows an out-of-specification result: declare it first.",
                "1단계 조사는 규격 부적합 결과에 뒤따릅니다. 먼저 부적합을 판정하십시오.",
            );
        }
        if self.phase_one {
            return Outcome::refused("qc:done", "Phase I is concluded.", "1단계 조사는 끝났습니다.");
        }
        self.phase_one = true;
        let text = match self.results.lab_error {
            Some(error) => {
                let found = error.text();
                Text::new(
                    format!("Phase I laboratory investigation: assignable error found — {}", found.en),
                    format!("1단계 실험실 조사: 원인이 확인된 오류 — {}", found.ko),
                )
            }
            None => Text::new(
                "Phase I laboratory investigation: calculation, instrument and sample preparation checked; no assignable laboratory error",
                "1단계 실험실 조사: 계산, 장비, 샘플 준비 확인, 원인이 확인된 실험실 오류 없음",
            ),
        };
        self.note(EntryKind::Deviation, Value::Flag(self.results.lab_error.is_some()), text)
    }

    fn investigate_phase_two(&mut self) -> Outcome {
        if !self.phase_one {
            return Outcome::refused(
                "qc:phase_one_first",
                "Phase II follows a phase I that found no laboratory error.",
                "2단계 조사는 실험실 오류가 없다는 1단계 조사 뒤에 합니다.",
            );
        }
        if self.results.lab_error.is_some() {
            return Outcome::refused(
                "qc:lab_error",
                "Phase I found an assignable laboratory error: the result is invalid and the test is repeated.",
                "1단계 조사에서 실험실 오류가 확인되었습니다. 결과는 무효이며 시험을 다시 합니다.",
            );
        }
        if self.phase_two {
            return Outcome::refused("qc:done", "Phase II is open already.", "2단계 조사가 이미 열려 있습니다.");
        }
        self.phase_two = true;
        let batch = self.results.batch.clone();
        self.note(
            EntryKind::Deviation,
            Value::Flag(true),
            Text::new(
                format!(
                    "Phase II investigation opened for batch {batch}: production review, other batches, root cause, CAPA; the batch is rejected pending it"
                ),
                format!("배치 {batch} 2단계 조사 개시: 제조 검토, 타 배치 영향, 근본 원인, CAPA. 조사 완료까지 배치 부적합"),
            ),
        )
    }

    fn retest(&mut self) -> Outcome {
        if self.retested {
            return Outcome::refused("qc:retested", "The sample has been retested.", "샘플을 이미 재시험했습니다.");
        }
        if !(self.phase_one && self.results.lab_error.is_some()) {
            // Done, and wrong: testing into compliance (§8.3).
            self.retest_without_phase_one = true;
        }
        self.retested = true;
        let value = self.results.retest_endotoxin_eu_ml;
        let decided_again = self.phase_one && self.results.lab_error.is_some();
        if decided_again {
            // The first result is invalid: the batch is judged again on the retest.
            self.decision = None;
        }
        self.note(
            EntryKind::Sample,
            Value::Number(value),
            Text::new(format!("Endotoxin retest: {value} EU/mL"), format!("엔도톡신 재시험: {value} EU/mL")),
        )
    }

    fn note(&mut self, kind: EntryKind, value: Value, text: Text) -> Outcome {
        let id = self.record.record(self.time_h, &self.operator, kind, value, text);
        Outcome { handled: true, refusals: Vec::new(), notes: self.record.entry(id).cloned().into_iter().collect() }
    }

    /// Every observation key with its value now.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        let decision = match self.decision {
            None => "none",
            Some(Decision::Released) => "released",
            Some(Decision::OutOfSpecification) => "out_of_specification",
        };
        let mut observations = vec![
            ("product", Value::Choice(self.results.product.id().into())),
            ("decision", Value::Choice(decision.into())),
            ("in_spec", Value::Flag(self.in_spec())),
        ];
        for attribute in Attribute::ALL {
            let meets = self.meets(attribute) != Some(false) && !self.pending(attribute);
            observations.push((attribute.observation_key(), Value::Flag(meets)));
        }
        observations.extend([
            ("released", Value::Flag(self.decision == Some(Decision::Released))),
            ("oos_declared", Value::Flag(self.decision == Some(Decision::OutOfSpecification) || self.phase_one)),
            ("phase_one_done", Value::Flag(self.phase_one)),
            ("lab_error_found", Value::Flag(self.phase_one && self.results.lab_error.is_some())),
            ("phase_two_open", Value::Flag(self.phase_two)),
            ("retested", Value::Flag(self.retested)),
            (
                "endotoxin_eu_ml",
                Value::Number(if self.pending(Attribute::Endotoxin) { 0.0 } else { self.endotoxin_in_force() }),
            ),
            ("deviation_released_out_of_spec", Value::Flag(self.released_out_of_spec)),
            ("deviation_retest_without_phase_one", Value::Flag(self.retest_without_phase_one)),
            ("deviation_false_oos", Value::Flag(self.false_oos)),
            ("results_complete", Value::Flag(self.results_complete())),
            // Nothing is reported for a result still pending.
            (
                "viability_percent",
                Value::Number(if self.pending(Attribute::Viability) { 0.0 } else { self.results.viability_percent }),
            ),
        ]);
        let bench = self.bench.as_ref();
        let done = |test| Value::Flag(bench.is_some_and(|bench| bench.done(test)));
        let count = bench.and_then(|bench| bench.count);
        observations.extend([
            ("count_done", done(Test::CountAndViability)),
            ("count_tube_mixed", Value::Flag(bench.is_some_and(Bench::mixed))),
            ("viable_cells_per_ml", Value::Number(count.map_or(0.0, |count| count.viable_per_ml))),
            ("sterility_inoculated", Value::Flag(bench.is_some_and(Bench::inoculated))),
            ("sterility_read", done(Test::Sterility)),
            ("mycoplasma_done", done(Test::Mycoplasma)),
            ("endotoxin_done", done(Test::Endotoxin)),
            ("deviation_counted_unmixed", Value::Flag(count.is_some_and(|count| count.unmixed))),
        ]);
        observations
    }
}
