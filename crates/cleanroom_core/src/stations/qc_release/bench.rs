//! The QC laboratory's bench, beside the review terminal: the product's samples arrive from
//! the processing room, and the analyst tests each one (domain.md §4 step 9, §8.1): the count
//! sample mixed and counted for cells and viability, the sterility sample inoculated into an
//! aerobic and an anaerobic culture bottle and read after its incubation, the mycoplasma sample
//! run by PCR and the endotoxin sample read by a kinetic LAL assay. Each result goes to the
//! review terminal, which decides only once every result is in. Identity (ISCT markers) is not
//! tested: it is not in the release specification these results are judged against [S73].
//!
//! What the count finds comes from the product the station made (its cells, their viability,
//! what got into the culture), so a badly run culture shows up here. The mycoplasma and
//! endotoxin results are the level's (the station models neither), as is a sterility growth the
//! level sets on top of the product's own contamination.

use serde::{Deserialize, Serialize};

use crate::common::Text;
use crate::draw::Draw;
use crate::stations::Product;
use crate::stations::bioreactor::controls::QC_SAMPLES;

/// The QC tests the bench makes are those the bioreactor draws its samples for.
pub use crate::stations::bioreactor::operation::QcTest as Test;

impl Test {
    /// The sample container for the test, as the bioreactor fills it.
    pub fn sample(self) -> &'static str {
        QC_SAMPLES.iter().find(|(_, test)| *test == self).map_or("", |(container, _)| container)
    }

    /// The instrument the sample goes to.
    pub fn instrument(self) -> &'static str {
        match self {
            Test::CountAndViability => super::ids::CELL_COUNTER,
            Test::Sterility => super::ids::CULTURE_BOTTLES,
            Test::Mycoplasma => super::ids::PCR_CYCLER,
            Test::Endotoxin => super::ids::LAL_READER,
        }
    }

    fn instrument_name(self) -> Text {
        match self {
            Test::CountAndViability => Text::new("the cell counter", "세포 계수기"),
            Test::Sterility => Text::new("the culture bottles", "배양병"),
            Test::Mycoplasma => Text::new("the PCR cycler", "PCR 장비"),
            Test::Endotoxin => Text::new("the LAL reader", "LAL 측정기"),
        }
    }

    fn for_sample(item: &str) -> Option<Test> {
        QC_SAMPLES.iter().find(|(container, _)| *container == item).map(|(_, test)| *test)
    }

    fn at_instrument(target: &str) -> Option<Test> {
        Test::ALL.into_iter().find(|test| test.instrument() == target)
    }
}

/// Volume of stained sample the counter images, µL. Assumption: the order of an automated
/// counter's counting chamber; it sets how many cells are seen, and so the count's noise.
pub const COUNTED_VOLUME_UL: f64 = 1.0;

/// Share of the mean concentration in an aliquot drawn from an unmixed tube, whose cells have
/// settled on the way from the processing room. Assumption.
pub const UNMIXED_FRACTION: f64 = 0.4;

/// The sterility bottles' incubation before they are read, days: "no growth at 7 d" [S73].
/// Compressed in play to the press that reads them.
pub const STERILITY_DAYS: u32 = 7;

/// Seed of the counter's noise: the same sample counts the same in every replay.
const SEED: u64 = 0x0051_4342_454e_4348;

/// What the cell counter found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CellCount {
    pub cells_counted: u64,
    pub total_per_ml: f64,
    pub viable_per_ml: f64,
    /// Viable over all counted, %, to one decimal as the counter prints it.
    pub viability_percent: f64,
    /// Counted from a tube that was not mixed first.
    pub unmixed: bool,
}

/// Where the bench stands: what it received and what each test found.
#[derive(Debug, Clone, PartialEq)]
pub struct Bench {
    received: Vec<Product>,
    mixed: bool,
    pub count: Option<CellCount>,
    inoculated: bool,
    /// Growth in a culture bottle, once read.
    pub growth: Option<bool>,
    /// Mycoplasma detected, once the PCR has run.
    pub mycoplasma: Option<bool>,
    /// Endotoxin found, EU/mL, once read.
    pub endotoxin_eu_ml: Option<f64>,
    draw: Draw,
}

/// What a bench action did, for the review to record or refuse.
#[derive(Debug, Clone, PartialEq)]
pub enum BenchOutcome {
    /// Not a bench action.
    Unhandled,
    Refused(&'static str, Text),
    /// Done, with the record entry's text and the value it carries.
    Done(Test, Text),
    /// The count tube mixed (nothing to record).
    Mixed,
}

/// What the level says the laboratory finds for the tests the station does not model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabFindings {
    pub growth: bool,
    pub mycoplasma: bool,
    pub endotoxin_eu_ml: f64,
}

impl Default for Bench {
    fn default() -> Self {
        Self::new()
    }
}

impl Bench {
    pub fn new() -> Self {
        Bench {
            received: Vec::new(),
            mixed: false,
            count: None,
            inoculated: false,
            growth: None,
            mycoplasma: None,
            endotoxin_eu_ml: None,
            draw: Draw::new(SEED),
        }
    }

    /// A product's sample container reached the bench (placed on one of its instruments).
    pub fn receive(&mut self, product: &Product) {
        self.received.retain(|held| held.item != product.item);
        self.received.push(product.clone());
    }

    pub fn done(&self, test: Test) -> bool {
        match test {
            Test::CountAndViability => self.count.is_some(),
            Test::Sterility => self.growth.is_some(),
            Test::Mycoplasma => self.mycoplasma.is_some(),
            Test::Endotoxin => self.endotoxin_eu_ml.is_some(),
        }
    }

    pub fn mixed(&self) -> bool {
        self.mixed
    }

    pub fn inoculated(&self) -> bool {
        self.inoculated
    }

    /// Mixes the count tube (inspected in the hand: its label read and the tube gently
    /// inverted). Other objects are not the bench's.
    pub fn inspect(&mut self, object: &str) -> BenchOutcome {
        // Mixing matters before the count only.
        if object != Test::CountAndViability.sample() || self.count.is_some() {
            return BenchOutcome::Unhandled;
        }
        self.mixed = true;
        BenchOutcome::Mixed
    }

    /// A sample placed on an instrument: tested there if it is the instrument's sample.
    pub fn place(&mut self, item: &str, target: &str, batch: &str, findings: LabFindings) -> BenchOutcome {
        let Some(test) = Test::at_instrument(target) else {
            return BenchOutcome::Unhandled;
        };
        if Test::for_sample(item) != Some(test) {
            let (instrument, sample) = (test.instrument_name(), test.name());
            return BenchOutcome::Refused(
                "qc:wrong_sample",
                Text::new(
                    format!("{} takes the {} sample only.", crate::common::capitalised(&instrument.en), sample.en),
                    format!("{}에는 {} 샘플만 넣습니다.", instrument.ko, sample.ko),
                ),
            );
        }
        if test == Test::Sterility && self.inoculated && !self.done(test) {
            return BenchOutcome::Refused(
                "qc:incubating",
                Text::new(
                    "The culture bottles are inoculated and incubating.",
                    "배양병은 이미 접종되어 배양 중입니다.",
                ),
            );
        }
        if self.done(test) {
            return BenchOutcome::Refused(
                "qc:tested",
                Text::new(
                    format!(
                        "The {} sample has been tested; a second test needs an investigation first.",
                        test.name().en
                    ),
                    format!("{} 샘플은 이미 시험했습니다. 다시 시험하려면 먼저 조사가 필요합니다.", test.name().ko),
                ),
            );
        }
        let Some(product) = self.received.iter().find(|product| product.item == item).cloned() else {
            return BenchOutcome::Refused(
                "qc:no_product",
                Text::new(
                    "This container holds no product: no station has filled it.",
                    "이 용기에는 제품이 없습니다. 어느 장비에서도 채우지 않았습니다.",
                ),
            );
        };
        if product.din != batch {
            let din = &product.din;
            return BenchOutcome::Refused(
                "qc:wrong_batch",
                Text::new(
                    format!("The sample's label says {din}; this review is for batch {batch}."),
                    format!("샘플 라벨은 {din}입니다. 이 검토는 배치 {batch}에 대한 것입니다."),
                ),
            );
        }
        let text = match test {
            Test::CountAndViability => match self.count(&product) {
                Some(text) => text,
                None => {
                    return BenchOutcome::Refused(
                        "qc:no_cells",
                        Text::new(
                            "The counter finds no cells in the sample: below its range, no result.",
                            "계수기가 샘플에서 세포를 찾지 못했습니다. 측정 범위 미만으로 결과가 없습니다.",
                        ),
                    );
                }
            },
            Test::Sterility => {
                self.inoculated = true;
                Text::new(
                    format!(
                        "Sterility sample, cells included, inoculated into an aerobic and an anaerobic culture bottle; read after {STERILITY_DAYS} days."
                    ),
                    format!("세포를 포함한 무균 샘플을 호기성·혐기성 배양병에 접종함. {STERILITY_DAYS}일 뒤 판독."),
                )
            }
            Test::Mycoplasma => {
                self.mycoplasma = Some(findings.mycoplasma);
                let (en, ko) = if findings.mycoplasma { ("detected", "검출") } else { ("not detected", "불검출") };
                Text::new(format!("Mycoplasma PCR: {en}."), format!("마이코플라스마 PCR: {ko}."))
            }
            Test::Endotoxin => {
                let value = findings.endotoxin_eu_ml;
                self.endotoxin_eu_ml = Some(value);
                Text::new(
                    format!("Endotoxin (kinetic LAL): {value} EU/mL."),
                    format!("엔도톡신(카이네틱 LAL): {value} EU/mL."),
                )
            }
        };
        BenchOutcome::Done(test, text)
    }

    /// Reads the culture bottles after their incubation (compressed to this press): growth
    /// where the product carries contamination, or where the level says the laboratory found it.
    pub fn read_sterility(&mut self, findings: LabFindings) -> BenchOutcome {
        if !self.inoculated {
            return BenchOutcome::Refused(
                "qc:not_inoculated",
                Text::new(
                    "No bottles are incubating: inoculate them with the sterility sample first.",
                    "배양 중인 병이 없습니다. 먼저 무균 샘플을 배양병에 접종하십시오.",
                ),
            );
        }
        if self.growth.is_some() {
            return BenchOutcome::Refused(
                "qc:tested",
                Text::new("The bottles have been read.", "배양병을 이미 판독했습니다."),
            );
        }
        let contaminated = self
            .received
            .iter()
            .find(|product| product.item == Test::Sterility.sample())
            .is_some_and(|product| product.contaminated);
        let growth = contaminated || findings.growth;
        self.growth = Some(growth);
        let (en, ko) = if growth {
            ("growth in the aerobic bottle", "호기성 배양병에서 균 증식")
        } else {
            ("no growth", "균 불검출")
        };
        BenchOutcome::Done(
            Test::Sterility,
            Text::new(
                format!("Sterility culture read at {STERILITY_DAYS} days: {en}."),
                format!("{STERILITY_DAYS}일 무균 배양 판독: {ko}."),
            ),
        )
    }

    /// The counter's count of a stained aliquot: the cells in its counted volume, a Poisson
    /// number around the sample's concentration (a fraction of it from an unmixed tube), of
    /// which the viable are a binomial share at the product's viability.
    fn count(&mut self, product: &Product) -> Option<Text> {
        let per_ml = if product.volume_ml > 0.0 { product.cells / product.volume_ml } else { 0.0 };
        let unmixed = !self.mixed;
        let drawn_per_ml = if unmixed { per_ml * UNMIXED_FRACTION } else { per_ml };
        let counted_ml = COUNTED_VOLUME_UL / 1000.0;
        let counted = self.draw.poisson(drawn_per_ml * counted_ml);
        if counted == 0 {
            return None;
        }
        let viable = self.draw.binomial(counted, product.viability);
        let viability_percent = (1000.0 * viable as f64 / counted as f64).round() / 10.0;
        let count = CellCount {
            cells_counted: counted,
            total_per_ml: counted as f64 / counted_ml,
            viable_per_ml: viable as f64 / counted_ml,
            viability_percent,
            unmixed,
        };
        self.count = Some(count);
        let (total, viable) = (millions(count.total_per_ml), millions(count.viable_per_ml));
        Some(Text::new(
            format!(
                "Cell count: {total} cells/mL, {viable} viable/mL, viability {viability_percent:.1} % ({counted} cells counted{}).",
                if unmixed { "; the tube was not mixed" } else { "" }
            ),
            format!(
                "세포 수: {total} 세포/mL, 생존 {viable}/mL, 생존율 {viability_percent:.1} % ({counted}개 계수{}).",
                if unmixed { ", 튜브를 섞지 않음" } else { "" }
            ),
        ))
    }

    /// What each instrument's display shows now, by the id of the world text that shows it.
    pub fn displays(&self) -> Vec<(&'static str, Text)> {
        let counter = match self.count {
            Some(count) => Text::new(
                format!(
                    "Total {}/mL\nViable {}/mL\nViability {:.1} %",
                    millions(count.total_per_ml),
                    millions(count.viable_per_ml),
                    count.viability_percent
                ),
                format!(
                    "전체 {}/mL\n생존 {}/mL\n생존율 {:.1} %",
                    millions(count.total_per_ml),
                    millions(count.viable_per_ml),
                    count.viability_percent
                ),
            ),
            None => Text::new("Cell counter\nready", "세포 계수기\n준비됨"),
        };
        let incubator = match (self.inoculated, self.growth) {
            (_, Some(true)) => Text::new("Sterility\nGROWTH", "무균\n균 증식"),
            (_, Some(false)) => Text::new("Sterility\nno growth, 7 d", "무균\n7일 균 불검출"),
            (true, None) => Text::new("Sterility\nincubating", "무균\n배양 중"),
            (false, None) => Text::new("Sterility\nno bottles", "무균\n배양병 없음"),
        };
        let pcr = match self.mycoplasma {
            Some(true) => Text::new("Mycoplasma\nDETECTED", "마이코플라스마\n검출"),
            Some(false) => Text::new("Mycoplasma\nnot detected", "마이코플라스마\n불검출"),
            None => Text::new("Mycoplasma PCR\nready", "마이코플라스마 PCR\n준비됨"),
        };
        let lal = match self.endotoxin_eu_ml {
            Some(value) => Text::new(format!("Endotoxin\n{value} EU/mL"), format!("엔도톡신\n{value} EU/mL")),
            None => Text::new("Endotoxin LAL\nready", "엔도톡신 LAL\n준비됨"),
        };
        vec![
            (super::ids::CELL_COUNTER_DISPLAY, counter),
            (super::ids::INCUBATOR_DISPLAY, incubator),
            (super::ids::PCR_DISPLAY, pcr),
            (super::ids::LAL_DISPLAY, lal),
        ]
    }
}

/// A concentration as a counter prints it, in millions: `1.55×10⁶`.
pub fn millions(per_ml: f64) -> String {
    format!("{:.2}×10⁶", per_ml / 1.0e6)
}
