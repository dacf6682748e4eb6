//! The culture model: MSC attachment, growth, glucose uptake and lactate output, integrated
//! with a bounded internal step so any `advance` step size gives the same culture.
//!
//! Sources beyond `../shared/domain.md`:
//! - Schop D. et al. 2009, "Growth, metabolism, and growth inhibitors of mesenchymal stem
//!   cells", Tissue Eng Part A 15:1877 (doi:10.1089/ten.tea.2008.0345): the glucose uptake per
//!   cell, the lactate yield on glucose and the growth-inhibiting lactate level.
//! - The α-MEM formulation (1.0 g/L D-glucose): the glucose of the fresh medium.
//!
//! Every other constant is an assumption and says so. What limits an under-fed culture here is
//! glucose: as it falls, growth slows (`GLUCOSE_GROWTH_HALF_SATURATION_MMOL_L`) and below
//! `GLUCOSE_STARVATION_MMOL_L` cells die. Lactate is what the operator reads each day; it
//! slows growth only from `LACTATE_SLOWDOWN_ONSET_MMOL_L` (an assumption) and stops it at the
//! inhibitory level Schop et al. measured, far above what a fed or under-fed run reaches.

use super::operation::{CoatingReagent, Distribution};

/// Largest internal integration step, in hours. Assumption (numerical, not biological): small
/// against every rate in the model (fastest is medium exchange, at most 0.75 /h), so RK4 at
/// this step is accurate.
pub const MAX_STEP_H: f64 = 0.25;

/// Population doubling time of bone-marrow MSC with nothing limiting, in hours.
/// Assumption: no published doubling time is used; chosen with
/// `scenario::WELL_RUN_SEEDED_CELLS` so that a well-run P1 scenario lands in the published
/// 131±84×10⁶ cells in 13±1 days (domain.md §4.8).
pub const DOUBLING_TIME_H: f64 = 64.0;

/// Glucose uptake of human MSC, pmol per cell per day. Source: Schop et al. 2009, Tissue Eng
/// Part A 15:1877 (doi:10.1089/ten.tea.2008.0345), qGlc = −9.2 pmol/cell/day.
pub const GLUCOSE_UPTAKE_PMOL_PER_CELL_DAY: f64 = 9.2;

/// Moles of lactate produced per mole of glucose consumed by human MSC. Source: Schop et al.
/// 2009 (Y lac/glc = 2.0: almost all glucose goes through glycolysis to lactate).
pub const LACTATE_YIELD_ON_GLUCOSE: f64 = 2.0;

/// Lactate at which human MSC growth is inhibited, mmol/L. Source: Schop et al. 2009
/// (growth-inhibiting lactate concentration 35.4 mM for human MSC). Growth reaches zero here.
pub const LACTATE_GROWTH_INHIBITION_MMOL_L: f64 = 35.4;

/// Lactate above which growth starts to slow, mmol/L; growth falls linearly from here to
/// zero at `LACTATE_GROWTH_INHIBITION_MMOL_L`. Assumption: a training simplification that
/// stands in for the acidification accompanying lactate in a closed circuit; not a
/// measured threshold.
pub const LACTATE_SLOWDOWN_ONSET_MMOL_L: f64 = 6.0;

/// Glucose of the fresh medium, mmol/L. Source: the α-MEM formulation (1.0 g/L D-glucose =
/// 5.55 mmol/L). Assumption: α-MEM with platelet lysate; the supplement's glucose is ignored.
pub const MEDIUM_GLUCOSE_MMOL_L: f64 = 5.55;

/// Glucose at which growth runs at half its maximum (Monod constant), mmol/L. Assumption:
/// growth needs more glucose than bare uptake, so a starved culture stops dividing before it
/// stops consuming.
pub const GLUCOSE_GROWTH_HALF_SATURATION_MMOL_L: f64 = 1.0;

/// Glucose at which uptake runs at half its maximum (Monod constant), mmol/L. Assumption:
/// glucose transport saturates at low concentration, so uptake holds up until glucose is
/// nearly gone.
pub const GLUCOSE_UPTAKE_HALF_SATURATION_MMOL_L: f64 = 0.1;

/// Glucose below which cells start to die of starvation, mmol/L. Assumption.
pub const GLUCOSE_STARVATION_MMOL_L: f64 = 1.0;

/// Death rate of well-fed cells, per hour. Assumption: about 1 % per day, giving a harvest
/// viability near 97 %. (domain.md §4.8 reports >96 % only for adipose P0; it is a
/// plausibility check here, not a specification for bone-marrow MSC.)
pub const BASAL_DEATH_PER_H: f64 = 0.0005;

/// Extra death rate of fully glucose-starved cells, per hour. Assumption: about a fifth of
/// the cells lost per day without glucose.
pub const STARVATION_DEATH_PER_H: f64 = 0.01;

/// Rate at which dead cells detach and leave with the outflow, per hour. Assumption.
pub const DEAD_CELL_CLEARANCE_PER_H: f64 = 0.01;

/// Medium volume exchanged by the IC inlet (IC and EC treated as one well-mixed pool), mL.
/// Assumption: a plausible order of magnitude for a hollow-fibre set of this class; not a
/// vendor specification.
pub const CULTURE_VOLUME_ML: f64 = 400.0;

/// Cells the fibre surface holds at confluence. Assumption: of the order of a ~2 m² fibre
/// surface at a few 10⁴ cells/cm²; not a vendor specification.
pub const CAPACITY_CELLS: f64 = 1.0e9;

/// Rate at which attachable cells attach during the attachment period, per hour.
/// Assumption: 95 % of attachable cells attached by 24 h (ln 20 / 24 h), matching the
/// typical ~24 h attachment period (domain.md §4.6).
pub const ATTACHMENT_RATE_PER_H: f64 = 0.1248;

/// Fraction of loaded cells that can attach after settle-and-rotate distribution.
/// Assumption.
pub const SETTLE_AND_ROTATE_ATTACHABLE: f64 = 0.85;

/// Fraction of loaded cells that can attach after plain circulation (cells pool and are
/// lost at the fibre ends). Assumption.
pub const CIRCULATE_ATTACHABLE: f64 = 0.55;

/// Attachment on a poorly supporting coating (gelatin, albumin, collagen I, poly-lysine)
/// relative to fibronectin, cryoprecipitate or vitronectin. Assumption: the magnitude;
/// domain.md §4.3 only says "significantly lower yield".
pub const POOR_COATING_ATTACHMENT_FACTOR: f64 = 0.35;

/// Glucose uptake per cell, mmol per hour.
const GLUCOSE_UPTAKE_MMOL_PER_CELL_H: f64 = GLUCOSE_UPTAKE_PMOL_PER_CELL_DAY * 1.0e-9 / 24.0;
const VOLUME_L: f64 = CULTURE_VOLUME_ML / 1000.0;

/// The culture's state: cell pools and medium concentrations.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Culture {
    /// Viable cells attached to the fibres.
    pub attached: f64,
    /// Viable cells still able to attach (only during attachment).
    pub unattached: f64,
    /// Dead cells still in the bioreactor.
    pub dead: f64,
    pub glucose_mmol_l: f64,
    pub lactate_mmol_l: f64,
}

/// What drives the culture during a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Conditions {
    /// Fresh medium exchanged per hour, as a fraction of the culture volume.
    pub exchange_per_h: f64,
}

impl Conditions {
    /// Conditions for an IC inlet rate in mL/min.
    pub fn from_inlet(ml_min: f64) -> Self {
        Self { exchange_per_h: ml_min * 60.0 / CULTURE_VOLUME_ML }
    }
}

/// Fraction of loaded cells that can attach, given the coating and the distribution method.
pub fn attachable_fraction(coating: CoatingReagent, distribution: Distribution) -> f64 {
    let spread = match distribution {
        Distribution::SettleAndRotate => SETTLE_AND_ROTATE_ATTACHABLE,
        Distribution::Circulate => CIRCULATE_ATTACHABLE,
    };
    let surface = if coating.supports_expansion() { 1.0 } else { POOR_COATING_ATTACHMENT_FACTOR };
    spread * surface
}

/// Rates of change of the five state variables.
type Rates = [f64; 5];

impl Culture {
    /// Freshly conditioned medium, no cells.
    pub fn conditioned() -> Self {
        Self { glucose_mmol_l: MEDIUM_GLUCOSE_MMOL_L, ..Self::default() }
    }

    /// Loads `cells`: those that can attach join the unattached pool; the rest are lost.
    pub fn seed(&mut self, cells: f64, coating: CoatingReagent, distribution: Distribution) {
        self.unattached += cells * attachable_fraction(coating, distribution);
    }

    /// Flushes the cells that have not attached (feeding starts); returns how many left.
    pub fn flush_unattached(&mut self) -> f64 {
        std::mem::take(&mut self.unattached)
    }

    /// Advances by `dt` hours (at most `MAX_STEP_H`). The step splits into as many equal RK4
    /// steps as the stiffest rate needs (glucose near zero in a dense, unfed culture), a
    /// number that depends only on the state, so runs stay deterministic.
    pub fn step(&mut self, dt: f64, conditions: Conditions) {
        let splits = (stiffness_per_h(self, conditions) * dt / STABLE_RATE_TIMES_STEP).ceil();
        let splits = splits.clamp(1.0, MAX_SPLITS);
        let h = dt / splits;
        for _ in 0..splits as usize {
            self.rk4(h, conditions);
        }
    }

    fn rk4(&mut self, dt: f64, conditions: Conditions) {
        let y0 = self.to_array();
        let k1 = rates(y0, conditions);
        let k2 = rates(add(y0, k1, dt / 2.0), conditions);
        let k3 = rates(add(y0, k2, dt / 2.0), conditions);
        let k4 = rates(add(y0, k3, dt), conditions);
        let mut y = y0;
        for i in 0..y.len() {
            y[i] += dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            y[i] = y[i].max(0.0);
        }
        *self = Self::from_array(y);
    }

    /// Lactate the cells produce now, mmol per hour.
    pub fn lactate_output_mmol_h(&self) -> f64 {
        LACTATE_YIELD_ON_GLUCOSE * glucose_uptake_mmol_h(self.attached, self.glucose_mmol_l)
    }

    /// Cells estimated from the lactate generation rate at the nominal per-cell rate.
    pub fn cells_estimate(&self) -> f64 {
        self.lactate_output_mmol_h() / (LACTATE_YIELD_ON_GLUCOSE * GLUCOSE_UPTAKE_MMOL_PER_CELL_H)
    }

    /// Viable over all cells in the bioreactor, 0 to 1 (1 with no cells).
    pub fn viability(&self) -> f64 {
        let viable = self.attached + self.unattached;
        let total = viable + self.dead;
        if total > 0.0 { viable / total } else { 1.0 }
    }

    /// Specific growth rate now, per hour.
    pub fn growth_rate_per_h(&self) -> f64 {
        growth_rate_per_h(self.attached, self.glucose_mmol_l, self.lactate_mmol_l)
    }

    fn to_array(self) -> [f64; 5] {
        [self.attached, self.unattached, self.dead, self.glucose_mmol_l, self.lactate_mmol_l]
    }

    fn from_array(y: [f64; 5]) -> Self {
        Self { attached: y[0], unattached: y[1], dead: y[2], glucose_mmol_l: y[3], lactate_mmol_l: y[4] }
    }
}

/// Largest rate × step an RK4 step takes on this model. Assumption (numerical): RK4's stability
/// limit for a decaying rate is about 2.8; 1.0 keeps a wide margin and the results accurate.
const STABLE_RATE_TIMES_STEP: f64 = 1.0;
/// Bound on the splits of one step. Assumption (numerical): reached only with capacity-level
/// cell numbers unfed, where 64 still keeps rate × step within the stable limit.
const MAX_SPLITS: f64 = 64.0;

/// The fastest rate in the model now, per hour: medium exchange plus glucose uptake's
/// sensitivity to glucose (largest at low glucose).
fn stiffness_per_h(culture: &Culture, conditions: Conditions) -> f64 {
    let k = GLUCOSE_UPTAKE_HALF_SATURATION_MMOL_L;
    let uptake_max = glucose_uptake_mmol_h(culture.attached, MEDIUM_GLUCOSE_MMOL_L) / VOLUME_L;
    let scale = (k + MEDIUM_GLUCOSE_MMOL_L) / MEDIUM_GLUCOSE_MMOL_L;
    conditions.exchange_per_h + uptake_max * scale / k
}

fn add(y: [f64; 5], k: Rates, h: f64) -> [f64; 5] {
    let mut out = y;
    for i in 0..out.len() {
        out[i] = (y[i] + h * k[i]).max(0.0);
    }
    out
}

/// Monod factor of glucose with half-saturation `k`, scaled to 1 in fresh medium so the
/// cited per-cell rates hold there.
fn monod_factor(glucose: f64, k: f64) -> f64 {
    let monod = |g: f64| g / (k + g);
    (monod(glucose) / monod(MEDIUM_GLUCOSE_MMOL_L)).min(1.0)
}

/// Growth left by lactate, 1 below the onset, falling linearly to 0 at the inhibitory level.
fn lactate_factor(lactate: f64) -> f64 {
    let span = LACTATE_GROWTH_INHIBITION_MMOL_L - LACTATE_SLOWDOWN_ONSET_MMOL_L;
    (1.0 - (lactate - LACTATE_SLOWDOWN_ONSET_MMOL_L) / span).clamp(0.0, 1.0)
}

fn growth_rate_per_h(attached: f64, glucose: f64, lactate: f64) -> f64 {
    let room = (1.0 - attached / CAPACITY_CELLS).max(0.0);
    let glucose_factor = monod_factor(glucose, GLUCOSE_GROWTH_HALF_SATURATION_MMOL_L);
    std::f64::consts::LN_2 / DOUBLING_TIME_H * glucose_factor * lactate_factor(lactate) * room
}

fn death_rate_per_h(glucose: f64) -> f64 {
    let starvation = (1.0 - glucose / GLUCOSE_STARVATION_MMOL_L).max(0.0);
    BASAL_DEATH_PER_H + STARVATION_DEATH_PER_H * starvation
}

fn glucose_uptake_mmol_h(cells: f64, glucose: f64) -> f64 {
    GLUCOSE_UPTAKE_MMOL_PER_CELL_H * cells * monod_factor(glucose, GLUCOSE_UPTAKE_HALF_SATURATION_MMOL_L)
}

fn rates(y: [f64; 5], conditions: Conditions) -> Rates {
    let [attached, unattached, dead, glucose, lactate] = y;
    let exchange = conditions.exchange_per_h;
    let attaching = ATTACHMENT_RATE_PER_H * unattached;
    let growth = growth_rate_per_h(attached, glucose, lactate);
    let death = death_rate_per_h(glucose);
    let uptake = glucose_uptake_mmol_h(attached, glucose) / VOLUME_L;
    [
        (growth - death) * attached + attaching,
        -attaching,
        death * attached - DEAD_CELL_CLEARANCE_PER_H * dead,
        exchange * (MEDIUM_GLUCOSE_MMOL_L - glucose) - uptake,
        LACTATE_YIELD_ON_GLUCOSE * uptake - exchange * lactate,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(cells: f64) -> Culture {
        Culture { attached: cells, ..Culture::conditioned() }
    }

    #[test]
    fn unlimited_cells_double_in_about_the_doubling_time() {
        let mut culture = seeded(1.0e6);
        let conditions = Conditions::from_inlet(5.0);
        for _ in 0..(DOUBLING_TIME_H / MAX_STEP_H) as usize {
            culture.step(MAX_STEP_H, conditions);
        }
        let fold = culture.attached / 1.0e6;
        assert!((1.9..2.0).contains(&fold), "fold {fold}");
    }

    #[test]
    fn without_feed_glucose_runs_out_and_cells_die() {
        let mut culture = seeded(1.0e8);
        for _ in 0..(96.0 / MAX_STEP_H) as usize {
            culture.step(MAX_STEP_H, Conditions::from_inlet(0.0));
        }
        assert!(culture.glucose_mmol_l < GLUCOSE_STARVATION_MMOL_L);
        assert!(culture.lactate_mmol_l > 9.0);
        assert!(culture.viability() < 0.9, "viability {}", culture.viability());
    }

    #[test]
    fn a_dense_unfed_culture_stays_stable_at_the_largest_step() {
        let mut culture = seeded(CAPACITY_CELLS);
        let mut previous = culture.glucose_mmol_l;
        for _ in 0..(48.0 / MAX_STEP_H) as usize {
            culture.step(MAX_STEP_H, Conditions::from_inlet(0.0));
            let glucose = culture.glucose_mmol_l;
            assert!(glucose.is_finite() && glucose <= previous + 1e-12, "{culture:?}");
            previous = glucose;
        }
        assert!(culture.attached.is_finite() && culture.attached > 0.0);
    }

    #[test]
    fn lactate_factor_spans_onset_to_inhibition() {
        assert_eq!(lactate_factor(2.0), 1.0);
        assert_eq!(lactate_factor(LACTATE_GROWTH_INHIBITION_MMOL_L), 0.0);
        let mid = (LACTATE_SLOWDOWN_ONSET_MMOL_L + LACTATE_GROWTH_INHIBITION_MMOL_L) / 2.0;
        assert!((lactate_factor(mid) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn estimate_matches_cells_when_glucose_is_plentiful() {
        let culture = seeded(5.0e7);
        let ratio = culture.cells_estimate() / culture.attached;
        assert!((ratio - 1.0).abs() < 1e-9, "ratio {ratio}");
    }
}
