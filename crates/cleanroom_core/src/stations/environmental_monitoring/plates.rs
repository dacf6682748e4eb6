//! The monitoring plates and what grows on them. A plate is labelled, put where it samples,
//! exposed or pressed, closed and incubated; what grows is worked out from what happened while
//! it sampled: the ≥5 µm particles over an open settle plate, a hand held over it in the first
//! air, a surface touched by gloves that had touched something non-sterile, fingers printed from
//! such gloves. The limits are Annex 1 Table 6's (domain.md §2.2); how many colonies each fault
//! grows is this model's assumption, chosen so that clean conduct grows nothing on Grade A and
//! little elsewhere, and each fault shows on the plate.

use serde::{Deserialize, Serialize};

use crate::common::Text;

use super::ids::*;

/// The kinds of plate (domain.md §2.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlateKind {
    /// 90 mm, exposed open to the air (passive air sampling), at most 4 h.
    Settle,
    /// 55 mm, pressed flat on a surface without sliding.
    Contact,
    /// The five fingers of one gloved hand rolled on the agar.
    GlovePrint,
}

/// Cleanroom grades a plate samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
}

impl Grade {
    pub fn name(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
        }
    }
}

/// The action limit for a plate in `grade`, CFU (Annex 1 Table 6 [S37]): Grade A no growth (so
/// any colony is over it); Grade B 5 per settle plate (4 h), per contact plate and per glove.
pub fn action_limit(grade: Grade) -> u32 {
    match grade {
        Grade::A => 0,
        Grade::B => 5,
    }
}

/// The alert level, CFU: a site sets it from its trend data (domain.md §2.4). Assumption: Grade B
/// alerts at 3; Grade A has none below its limit of no growth.
pub fn alert_level(grade: Grade) -> Option<u32> {
    match grade {
        Grade::A => None,
        Grade::B => Some(3),
    }
}

/// Colonies per ≥5 µm particle/m³ over an open settle plate per hour. Assumption: about one
/// airborne particle in a few hundred of that size carries a viable organism.
pub const SETTLE_CFU_PER_PARTICLE_H: f64 = 0.0015;
/// Colonies a gloved hand held over an open plate in the first air sheds onto it, per second.
/// Assumption.
pub const FIRST_AIR_CFU_PER_S: f64 = 0.25;
/// Colonies a surface gains each time gloves that touched something non-sterile put an item
/// down on it. Assumption.
pub const CONTAMINATED_PLACING_CFU: f64 = 2.0;
/// Colonies on a glove print per non-sterile touch since the gloves were last sanitised or
/// changed. Assumption.
pub const CFU_PER_NON_STERILE_TOUCH: f64 = 3.0;
/// The longest a settle plate may be exposed: 4 h (domain.md §2.3, [S44][S37 note b]).
pub const MAX_EXPOSURE_H: f64 = 4.0;
/// How far a pressed contact plate may move sideways and still be a valid sample, m: none to
/// speak of ("do not move the plate sideways" [S47]); a centimetre for a steady hand is an
/// assumption.
pub const CONTACT_SLIDE_M: f64 = 0.01;

/// Where each plate belongs: its place, the grade there, and the plate's kind.
#[derive(Debug, PartialEq, Eq)]
pub struct PlateSpec {
    pub id: &'static str,
    pub kind: PlateKind,
    pub grade: Grade,
    /// Where it samples: a settle plate's spot, a contact plate's surface; none for glove prints.
    pub place: Option<&'static str>,
    pub name: (&'static str, &'static str),
    /// An organism of the kind commonly recovered from such a sample, shown when an isolate is
    /// identified: skin flora, as everything this model grows comes from people (their gloves,
    /// their movement, their hands in the first air). Typical examples, not any site's data.
    pub isolate: &'static str,
}

pub const SPECS: [PlateSpec; 5] = [
    PlateSpec {
        id: SETTLE_CABINET,
        kind: PlateKind::Settle,
        grade: Grade::A,
        place: Some(SPOT_CABINET),
        name: ("Settle plate, Grade A cabinet", "낙하균 배지, A등급 안전작업대"),
        isolate: "Micrococcus luteus",
    },
    PlateSpec {
        id: SETTLE_ROOM,
        kind: PlateKind::Settle,
        grade: Grade::B,
        place: Some(SPOT_ROOM),
        name: ("Settle plate, Grade B room", "낙하균 배지, B등급 공정실"),
        isolate: "Micrococcus luteus",
    },
    PlateSpec {
        id: CONTACT_CABINET,
        kind: PlateKind::Contact,
        grade: Grade::A,
        place: Some(CONTACT_SPOT),
        name: ("Contact plate, cabinet work surface", "표면 접촉 배지, 안전작업대 작업면"),
        isolate: "Staphylococcus epidermidis",
    },
    PlateSpec {
        id: GLOVE_LEFT,
        kind: PlateKind::GlovePrint,
        grade: Grade::B,
        place: None,
        name: ("Glove print, left hand", "장갑 지문, 왼손"),
        isolate: "Staphylococcus epidermidis",
    },
    PlateSpec {
        id: GLOVE_RIGHT,
        kind: PlateKind::GlovePrint,
        grade: Grade::B,
        place: None,
        name: ("Glove print, right hand", "장갑 지문, 오른손"),
        isolate: "Staphylococcus epidermidis",
    },
];

impl PlateSpec {
    pub fn name(&self) -> Text {
        Text::new(self.name.0, self.name.1)
    }

    pub fn limit(&self) -> u32 {
        action_limit(self.grade)
    }
}

/// Whether a place stands in Grade A (the cabinet).
pub fn in_cabinet(place: &str) -> bool {
    place == SPOT_CABINET || place == WORK_ZONE || place == CONTACT_SPOT
}

/// Where a plate's result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Not read yet.
    Pending,
    /// Read: within the action limit, at or under the alert level.
    Within,
    /// Read: over the alert level, within the action limit (a trend to watch).
    Alert,
    /// Read: over the action limit.
    OverLimit,
    /// The reviewer accepted it.
    Accepted,
    /// The reviewer opened an excursion on it.
    Excursion,
    /// Its excursion is closed.
    Closed,
    /// Not a valid sample (slid, lifted early, exposed over 4 h, fingers missing): no result; the
    /// deviation was recorded when it happened.
    Invalid,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Pending => "pending",
            Verdict::Within => "within_limits",
            Verdict::Alert => "over_alert",
            Verdict::OverLimit => "over_action_limit",
            Verdict::Accepted => "accepted",
            Verdict::Excursion => "excursion",
            Verdict::Closed => "closed",
            Verdict::Invalid => "invalid",
        }
    }
}

/// One plate and what has happened to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Plate {
    pub spec: &'static PlateSpec,
    pub labelled: bool,
    /// Where it lies now (the level id of its place).
    pub at: Option<String>,
    /// A settle plate's lid is off.
    pub open: bool,
    /// Exposure so far (settle plates), h of operation time.
    pub exposure_h: f64,
    /// A settle plate has been opened and closed again.
    pub exposed: bool,
    /// A contact plate's press, once made: seconds held and whether it slid.
    pub pressed: Option<(f64, bool)>,
    /// A glove print's fingers printed, in `FINGERS` order.
    pub fingers: [bool; 5],
    pub incubated: bool,
    /// The colonies expected from what happened while it sampled.
    pub expected_cfu: f64,
    /// What grew, once read.
    pub cfu: Option<u32>,
    pub verdict: Verdict,
}

impl Plate {
    pub fn new(spec: &'static PlateSpec) -> Self {
        Plate {
            spec,
            labelled: false,
            at: None,
            open: false,
            exposure_h: 0.0,
            exposed: false,
            pressed: None,
            fingers: [false; 5],
            incubated: false,
            expected_cfu: 0.0,
            cfu: None,
            verdict: Verdict::Pending,
        }
    }

    /// Whether it has sampled what it is for, so that it can go to incubation.
    pub fn sampled(&self) -> bool {
        match self.spec.kind {
            PlateKind::Settle => self.exposed && !self.open,
            PlateKind::Contact => self.pressed.is_some(),
            PlateKind::GlovePrint => self.fingers.iter().all(|f| *f),
        }
    }

    /// Whether its sample stands: exposed no longer than 4 h, pressed long enough without
    /// sliding, every finger printed.
    pub fn valid(&self, contact_seconds: f64) -> bool {
        match self.spec.kind {
            PlateKind::Settle => self.exposure_h <= MAX_EXPOSURE_H,
            PlateKind::Contact => {
                self.pressed.is_some_and(|(seconds, slid)| !slid && seconds + 1e-9 >= contact_seconds)
            }
            PlateKind::GlovePrint => self.fingers.iter().all(|f| *f),
        }
    }

    /// Reads it after incubation: the colonies expected, rounded; an invalid sample gives none.
    pub fn read(&mut self, contact_seconds: f64) -> Option<u32> {
        if !self.valid(contact_seconds) {
            self.verdict = Verdict::Invalid;
            return None;
        }
        let cfu = self.expected_cfu.max(0.0).round() as u32;
        self.set_result(cfu);
        Some(cfu)
    }

    /// Sets what grew, and its verdict against the limits.
    pub fn set_result(&mut self, cfu: u32) {
        self.cfu = Some(cfu);
        let limit = self.spec.limit();
        self.verdict = if cfu > limit {
            Verdict::OverLimit
        } else if alert_level(self.spec.grade).is_some_and(|alert| cfu > alert) {
            Verdict::Alert
        } else {
            Verdict::Within
        };
    }
}
