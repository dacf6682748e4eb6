//! Formulation for cryopreservation (domain.md §6): what the recipe asks of the incoming cells,
//! the volumes of cryoprotectant and diluent it takes, how the bags are filled, and what the
//! way DMSO is added and the time to the freezer do to viability.
//!
//! Finia's own figures were not found (§6): every volume, count and time here is the
//! instructor's (a level's recipe) or an assumption of this model, never a vendor setting.

use serde::{Deserialize, Serialize};

use crate::common::Text;

/// DMSO in the cryoprotectant bag, % (v/v). Assumption: a "2×" freezing medium, so that equal
/// volumes of cells and cryoprotectant give 10 %; a level may give its own.
pub const CRYOPROTECTANT_DMSO_DEFAULT: f64 = 20.0;

/// The common range of final DMSO, % (v/v) (**typical**, [S58]).
pub const FINAL_DMSO_RANGE: (f64, f64) = (5.0, 10.0);

/// Volume the set holds back and never delivers to a bag, mL. Assumption.
pub const SET_DEAD_VOLUME_ML: f64 = 5.0;

/// Plate temperature above which cryoprotectant counts as added warm, °C. Assumption: the
/// cooling plate's 2–8 °C band, as the unit's label says.
pub const COLD_LIMIT_C: f64 = 8.0;

/// Shortest time over which the cryoprotectant may be added without counting as a bolus,
/// minutes. Assumption: "added slowly" [S6] made a number for scoring.
pub const GRADUAL_ADDITION_MIN: f64 = 5.0;

/// Viability kept after cryoprotectant added warm, and after a bolus, as shares.
/// Assumption: losses of the order seen when DMSO is handled badly; not from a source.
pub const WARM_ADDITION_KEPT: f64 = 0.93;
pub const BOLUS_ADDITION_KEPT: f64 = 0.90;

/// Viability lost per minute of DMSO exposure beyond the level's hold time, as a share.
/// Assumption: the hold time itself is site-validated and instructor-set (§6.2, [S62]).
pub const LOSS_PER_MINUTE_OVER_HOLD: f64 = 0.003;

/// What the level's batch record asks for.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    /// Target cell concentration in the final bags, cells/mL.
    pub cells_per_ml: f64,
    /// Final DMSO, % (v/v).
    pub dmso_percent: f64,
    /// Fill volume of each final bag, mL.
    pub fill_ml: f64,
    pub bags: u32,
    /// QC sample and retention sample volumes, mL.
    pub qc_ml: f64,
    pub retention_ml: f64,
}

/// The cells that come into fill-and-finish.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Incoming {
    pub cells: f64,
    /// Viable share, 0..1.
    pub viability: f64,
    pub volume_ml: f64,
}

/// The volumes a recipe takes for the incoming cells.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Total formulated volume, mL.
    pub total_ml: f64,
    pub cryoprotectant_ml: f64,
    /// Diluent to reach the concentration, mL.
    pub diluent_ml: f64,
    /// Formulated volume left after the bags, the samples and the set's dead volume, mL.
    pub spare_ml: f64,
}

/// Why a recipe cannot be made from the incoming cells.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PlanError {
    /// A figure of the recipe is not a positive number (or DMSO outside 0..the bag's).
    Invalid,
    /// The cells are too dilute: even without diluent the concentration is below the target.
    TooDilute { best_cells_per_ml: f64 },
    /// The bags and samples need more than the formulated volume holds.
    NotEnoughVolume { short_ml: f64 },
}

impl PlanError {
    pub fn text(&self) -> Text {
        match *self {
            PlanError::Invalid => Text::new(
                "Every figure of the recipe must be a positive number, and the final DMSO below the cryoprotectant's.",
                "레시피의 모든 수치는 양수여야 하며, 최종 DMSO는 동결보호제보다 낮아야 합니다.",
            ),
            PlanError::TooDilute { best_cells_per_ml } => Text::new(
                format!(
                    "The cells are too dilute for this concentration: at most {:.2}×10⁶ cells/mL without diluent. Concentrate them first, or check the recipe.",
                    best_cells_per_ml / 1e6
                ),
                format!(
                    "세포가 이 농도에 비해 너무 묽습니다. 희석액 없이도 최대 {:.2}×10⁶ 세포/mL입니다. 먼저 농축하거나 레시피를 확인하십시오.",
                    best_cells_per_ml / 1e6
                ),
            ),
            PlanError::NotEnoughVolume { short_ml } => Text::new(
                format!("The bags and samples need {short_ml:.1} mL more than the formulated volume holds."),
                format!("최종 백과 샘플에 필요한 양이 조제량보다 {short_ml:.1} mL 많습니다."),
            ),
        }
    }
}

/// The volumes `recipe` takes for `incoming` with a cryoprotectant of `cryoprotectant_dmso` %:
/// the total volume follows from the cell count and the target concentration; the
/// cryoprotectant gives the final DMSO; diluent makes up the rest.
pub fn plan(incoming: &Incoming, recipe: &Recipe, cryoprotectant_dmso: f64) -> Result<Plan, PlanError> {
    let positive = |x: f64| x.is_finite() && x > 0.0;
    let valid = positive(recipe.cells_per_ml)
        && positive(recipe.dmso_percent)
        && recipe.dmso_percent < cryoprotectant_dmso
        && positive(recipe.fill_ml)
        && recipe.bags > 0
        && recipe.qc_ml >= 0.0
        && recipe.retention_ml >= 0.0
        && positive(incoming.cells)
        && positive(incoming.volume_ml);
    if !valid {
        return Err(PlanError::Invalid);
    }
    let total_ml = incoming.cells / recipe.cells_per_ml;
    let cryoprotectant_ml = total_ml * recipe.dmso_percent / cryoprotectant_dmso;
    let diluent_ml = total_ml - incoming.volume_ml - cryoprotectant_ml;
    if diluent_ml < -1e-9 {
        // Without diluent: V = V0 + Vcp with Vcp = d·V/c, so V = V0 / (1 − d/c).
        let best_total = incoming.volume_ml / (1.0 - recipe.dmso_percent / cryoprotectant_dmso);
        return Err(PlanError::TooDilute { best_cells_per_ml: incoming.cells / best_total });
    }
    let needed = f64::from(recipe.bags) * recipe.fill_ml + recipe.qc_ml + recipe.retention_ml + SET_DEAD_VOLUME_ML;
    if needed > total_ml + 1e-9 {
        return Err(PlanError::NotEnoughVolume { short_ml: needed - total_ml });
    }
    Ok(Plan { total_ml, cryoprotectant_ml, diluent_ml: diluent_ml.max(0.0), spare_ml: total_ml - needed })
}

/// How the cryoprotectant went in and how long the cells waited for the freezer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Handling {
    /// The cooling plate's temperature while the cryoprotectant was added, °C.
    pub plate_c: f64,
    /// Minutes the addition took.
    pub addition_min: f64,
    /// Minutes from the first DMSO contact to the start of freezing.
    pub exposure_min: f64,
    /// The level's hold time, minutes.
    pub hold_min: f64,
}

/// The viable share after formulation and the wait, from the incoming `viability`.
pub fn viability_after(viability: f64, handling: &Handling) -> f64 {
    let mut kept = 1.0;
    if handling.plate_c > COLD_LIMIT_C {
        kept *= WARM_ADDITION_KEPT;
    }
    if handling.addition_min < GRADUAL_ADDITION_MIN {
        kept *= BOLUS_ADDITION_KEPT;
    }
    let over = (handling.exposure_min - handling.hold_min).max(0.0);
    kept *= (1.0 - LOSS_PER_MINUTE_OVER_HOLD * over).max(0.0);
    (viability * kept).clamp(0.0, 1.0)
}

/// The default controlled-rate cooling, °C/min (**typical**, [S63]).
pub const COOLING_RATE_C_MIN: f64 = -1.0;

/// Where a controlled-rate profile from `start_c` takes the product after `minutes`, down to
/// `end_c` (°C).
pub fn controlled_rate_temperature(start_c: f64, end_c: f64, rate_c_min: f64, minutes: f64) -> f64 {
    (start_c + rate_c_min * minutes.max(0.0)).max(end_c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recipe of the shape of §6.2: 10 % DMSO, bags of 30 mL, a QC and a retention sample.
    fn recipe() -> Recipe {
        Recipe { cells_per_ml: 5.0e6, dmso_percent: 10.0, fill_ml: 30.0, bags: 3, qc_ml: 2.0, retention_ml: 2.0 }
    }

    fn incoming() -> Incoming {
        Incoming { cells: 5.0e8, viability: 0.92, volume_ml: 40.0 }
    }

    #[test]
    fn the_recipe_gives_the_volumes_that_reach_its_concentration_and_dmso() {
        let plan = plan(&incoming(), &recipe(), CRYOPROTECTANT_DMSO_DEFAULT).expect("the recipe fits");
        assert!((plan.total_ml - 100.0).abs() < 1e-9, "5×10⁸ cells at 5×10⁶/mL: {}", plan.total_ml);
        assert!((plan.cryoprotectant_ml - 50.0).abs() < 1e-9, "10 % from a 20 % bag: {}", plan.cryoprotectant_ml);
        assert!((plan.diluent_ml - 10.0).abs() < 1e-9);
        // The DMSO that results is the recipe's.
        let dmso = plan.cryoprotectant_ml * CRYOPROTECTANT_DMSO_DEFAULT / plan.total_ml;
        assert!((dmso - 10.0).abs() < 1e-9);
        assert!((plan.spare_ml - (100.0 - 90.0 - 4.0 - SET_DEAD_VOLUME_ML)).abs() < 1e-9);
    }

    #[test]
    fn a_recipe_the_cells_cannot_meet_says_why() {
        let dilute = Incoming { volume_ml: 80.0, ..incoming() };
        assert!(matches!(
            plan(&dilute, &recipe(), CRYOPROTECTANT_DMSO_DEFAULT),
            Err(PlanError::TooDilute { best_cells_per_ml }) if best_cells_per_ml < 5.0e6
        ));
        let many_bags = Recipe { bags: 4, ..recipe() };
        assert!(matches!(
            plan(&incoming(), &many_bags, CRYOPROTECTANT_DMSO_DEFAULT),
            Err(PlanError::NotEnoughVolume { .. })
        ));
        let too_much_dmso = Recipe { dmso_percent: 25.0, ..recipe() };
        assert_eq!(plan(&incoming(), &too_much_dmso, CRYOPROTECTANT_DMSO_DEFAULT), Err(PlanError::Invalid));
        assert!(!PlanError::TooDilute { best_cells_per_ml: 4.0e6 }.text().ko.is_empty());
    }

    #[test]
    fn warm_or_bolus_dmso_and_an_exceeded_hold_time_cost_viability() {
        let well = Handling { plate_c: 4.0, addition_min: 10.0, exposure_min: 25.0, hold_min: 45.0 };
        assert_eq!(viability_after(0.92, &well), 0.92);
        let warm = Handling { plate_c: 21.0, ..well };
        let bolus = Handling { addition_min: 0.5, ..well };
        let late = Handling { exposure_min: 75.0, ..well };
        for (name, handling) in [("warm", warm), ("bolus", bolus), ("late", late)] {
            assert!(viability_after(0.92, &handling) < 0.9, "{name}: {}", viability_after(0.92, &handling));
        }
        let all = Handling { plate_c: 21.0, addition_min: 0.5, exposure_min: 75.0, hold_min: 45.0 };
        assert!(viability_after(0.92, &all) < viability_after(0.92, &warm));
    }

    #[test]
    fn the_controlled_rate_profile_cools_at_one_degree_a_minute_to_its_end() {
        assert_eq!(controlled_rate_temperature(4.0, -90.0, COOLING_RATE_C_MIN, 30.0), -26.0);
        assert_eq!(controlled_rate_temperature(4.0, -90.0, COOLING_RATE_C_MIN, 500.0), -90.0);
    }
}
