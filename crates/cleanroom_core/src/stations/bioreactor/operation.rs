//! What the operator does at the bioreactor: the operations and the things they name.

use serde::{Deserialize, Serialize};

use super::alarms::AlarmKind;
use crate::common::Text;

/// A bag joined to the single-use set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Bag {
    /// Culture medium (feeds priming, wash-out and the culture).
    Media,
    /// Coating reagent.
    Reagent,
    /// The cells to load.
    Cell,
    /// Spent medium.
    Waste,
    /// Receives the harvested cells.
    Harvest,
}

impl Bag {
    /// Every bag, in the order the task list shows them.
    pub const ALL: [Bag; 5] = [Bag::Media, Bag::Reagent, Bag::Cell, Bag::Waste, Bag::Harvest];

    /// Stable id used in level files.
    pub fn id(self) -> &'static str {
        match self {
            Bag::Media => "media",
            Bag::Reagent => "reagent",
            Bag::Cell => "cell",
            Bag::Waste => "waste",
            Bag::Harvest => "harvest",
        }
    }

    /// The bag named by `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|bag| bag.id() == id)
    }

    /// The observation key of this bag's line state.
    pub(crate) fn observation_key(self) -> &'static str {
        match self {
            Bag::Media => "bag_media",
            Bag::Reagent => "bag_reagent",
            Bag::Cell => "bag_cell",
            Bag::Waste => "bag_waste",
            Bag::Harvest => "bag_harvest",
        }
    }

    /// The bag's name for the trainee.
    pub fn name(self) -> Text {
        match self {
            Bag::Media => Text::new("media bag", "배지 백"),
            Bag::Reagent => Text::new("reagent bag", "시약 백"),
            Bag::Cell => Text::new("cell bag", "세포 백"),
            Bag::Waste => Text::new("waste bag", "폐액 백"),
            Bag::Harvest => Text::new("harvest bag", "수확 백"),
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// How a bag's tube is joined to the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConnectionMethod {
    /// Sterile tube welding: keeps the system closed.
    SterileWeld,
    /// Any open connection (spike, luer, cut-and-push): breaks the closed system.
    Open,
}

/// The reagent the hollow fibres are coated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CoatingReagent {
    Fibronectin,
    Cryoprecipitate,
    /// Recombinant vitronectin.
    Vitronectin,
    Gelatin,
    Albumin,
    CollagenI,
    PolyLysine,
}

impl CoatingReagent {
    /// Every reagent a level may offer.
    pub const ALL: [CoatingReagent; 7] = [
        CoatingReagent::Fibronectin,
        CoatingReagent::Cryoprecipitate,
        CoatingReagent::Vitronectin,
        CoatingReagent::Gelatin,
        CoatingReagent::Albumin,
        CoatingReagent::CollagenI,
        CoatingReagent::PolyLysine,
    ];

    /// Stable id used in level files and observations.
    pub fn id(self) -> &'static str {
        match self {
            CoatingReagent::Fibronectin => "fibronectin",
            CoatingReagent::Cryoprecipitate => "cryoprecipitate",
            CoatingReagent::Vitronectin => "vitronectin",
            CoatingReagent::Gelatin => "gelatin",
            CoatingReagent::Albumin => "albumin",
            CoatingReagent::CollagenI => "collagen_i",
            CoatingReagent::PolyLysine => "poly_lysine",
        }
    }

    /// The reagent named by `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reagent| reagent.id() == id)
    }

    /// Whether MSC attach and expand well on it (domain.md §4.3: fibronectin, cryoprecipitate
    /// and vitronectin work equally well; the others give significantly lower yield).
    pub fn supports_expansion(self) -> bool {
        matches!(self, CoatingReagent::Fibronectin | CoatingReagent::Cryoprecipitate | CoatingReagent::Vitronectin)
    }

    /// The reagent's name for the trainee.
    pub fn name(self) -> Text {
        match self {
            CoatingReagent::Fibronectin => Text::new("fibronectin", "피브로넥틴"),
            CoatingReagent::Cryoprecipitate => Text::new("cryoprecipitate", "동결침전제제"),
            CoatingReagent::Vitronectin => Text::new("recombinant vitronectin", "재조합 비트로넥틴"),
            CoatingReagent::Gelatin => Text::new("gelatin", "젤라틴"),
            CoatingReagent::Albumin => Text::new("albumin", "알부민"),
            CoatingReagent::CollagenI => Text::new("collagen I", "제1형 콜라겐"),
            CoatingReagent::PolyLysine => Text::new("poly-lysine", "폴리라이신"),
        }
    }
}

/// How the loaded cells are spread over the fibres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Distribution {
    /// Circulate, stop, settle in one orientation, circulate slower, stop, settle in the other
    /// orientation (domain.md §4.5).
    SettleAndRotate,
    /// Circulate only and leave the cells where they land.
    Circulate,
}

impl Distribution {
    /// Every distribution method a level may offer.
    pub const ALL: [Distribution; 2] = [Distribution::SettleAndRotate, Distribution::Circulate];

    /// The method named by `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|distribution| distribution.id() == id)
    }

    /// Stable id used in level files and observations.
    pub fn id(self) -> &'static str {
        match self {
            Distribution::SettleAndRotate => "settle_and_rotate",
            Distribution::Circulate => "circulate",
        }
    }

    /// The method's name for the trainee.
    pub fn name(self) -> Text {
        match self {
            Distribution::SettleAndRotate => Text::new("settle and rotate", "침강 후 회전 (양방향 부착)"),
            Distribution::Circulate => Text::new("circulate only", "순환만"),
        }
    }
}

/// One thing the operator does at the station; `Bioreactor::apply` accepts or refuses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Operation {
    /// Mount the single-use set (bioreactor and fluid circuit) on the unit.
    LoadSet,
    /// Join a bag's tube to the set.
    ConnectBag { bag: Bag, method: ConnectionMethod },
    /// Inspect the latest weld or seal on a bag's line.
    InspectLine { bag: Bag },
    /// Heat-seal a bag's tube.
    SealLine { bag: Bag },
    /// Separate a bag from the set at its seal.
    SeparateBag { bag: Bag },
    /// Open or close the clamp on a bag's line.
    SetClamp { bag: Bag, open: bool },
    /// Fill the circuit with medium and remove the air from every line whose clamp is open; again
    /// once primed, while a line still holds air.
    Prime,
    /// Look over the whole set and straighten a kinked line if there is one.
    InspectSet,
    /// Look over the IC inlet line and straighten it if it is kinked.
    InspectIcInlet,
    /// Coat the fibres; the coating then needs time (typically overnight).
    Coat { reagent: CoatingReagent },
    /// Wash the coating solution out.
    WashOut,
    /// Condition the medium (gas equilibration) before the cells go in.
    ConditionMedium,
    /// Load `cells` cells from the cell bag and distribute them.
    LoadCells { cells: f64, distribution: Distribution },
    /// End the attachment period and start feeding at this IC inlet rate.
    StartFeeding { ic_inlet_ml_min: f64 },
    /// Change the IC inlet (fresh medium) rate while feeding.
    SetIcInletRate { ml_min: f64 },
    /// Draw a sample from the sample port; the label goes on the tube (empty: not labelled yet).
    Sample { label: String },
    /// Label the latest sample drawn, if it has no label yet.
    LabelSample { label: String },
    /// Put the latest sample in the metabolite analyser.
    AnalyseSample,
    /// Acknowledge an alarm; an alarm with a cause clears once its cause is gone too.
    AcknowledgeAlarm { alarm: AlarmKind },
    /// Release the cells (enzymatically, or by flushing only) into the harvest bag.
    Harvest { enzymatic_release: bool },
    /// Put the product label on the harvest bag.
    LabelHarvestBag,
    /// Draw a sample of the product from the harvest bag for one QC test.
    QcSample { test: QcTest },
}

/// The tests a product sample goes to (domain.md §4.9: count and viability; sterility,
/// mycoplasma and endotoxin for release).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QcTest {
    CountAndViability,
    Sterility,
    Mycoplasma,
    Endotoxin,
}

impl QcTest {
    pub const ALL: [QcTest; 4] = [QcTest::CountAndViability, QcTest::Sterility, QcTest::Mycoplasma, QcTest::Endotoxin];

    /// Stable id used in level files and observations.
    pub fn id(self) -> &'static str {
        match self {
            QcTest::CountAndViability => "count_and_viability",
            QcTest::Sterility => "sterility",
            QcTest::Mycoplasma => "mycoplasma",
            QcTest::Endotoxin => "endotoxin",
        }
    }

    /// The observation key of this test's result.
    pub(crate) fn observation_key(self) -> &'static str {
        match self {
            QcTest::CountAndViability => "qc_count_and_viability",
            QcTest::Sterility => "qc_sterility",
            QcTest::Mycoplasma => "qc_mycoplasma",
            QcTest::Endotoxin => "qc_endotoxin",
        }
    }

    /// The test's name for the trainee.
    pub fn name(self) -> Text {
        match self {
            QcTest::CountAndViability => Text::new("cell count and viability", "세포 수 및 생존율"),
            QcTest::Sterility => Text::new("sterility", "무균시험"),
            QcTest::Mycoplasma => Text::new("mycoplasma", "마이코플라스마"),
            QcTest::Endotoxin => Text::new("endotoxin", "엔도톡신"),
        }
    }
}
