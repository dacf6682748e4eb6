//! The donor: work-up figures, total blood volume (Nadler), the volume to process for a CD3+
//! target (CE2), and the ionised calcium that citrate lowers, with the symptoms the donor feels.

use serde::{Deserialize, Serialize};

use crate::common::Text;

/// Nadler's coefficients, litres (height in m, weight in kg) [S8], as (H³, W, constant).
const NADLER_MALE: (f64, f64, f64) = (0.3669, 0.03219, 0.6041);
const NADLER_FEMALE: (f64, f64, f64) = (0.3561, 0.03308, 0.1833);
/// Nadler holds for adults and children over 35 kg; below, about 70 mL/kg [S8].
const NADLER_MIN_WEIGHT_KG: f64 = 35.0;
const SMALL_CHILD_ML_PER_KG: f64 = 70.0;

/// Citrate in ACD-A, mg/mL. Assumption (not in domain.md): computed from the USP formula A
/// composition (22.0 g/L trisodium citrate dihydrate and 7.3 g/L anhydrous citric acid give
/// 112.8 mmol/L of citrate, 189.1 mg/mmol).
pub const ACD_A_CITRATE_MG_ML: f64 = 21.3;

/// Citrate load below which no symptoms or ECG changes were seen, mg/kg/h [S31]: the model's
/// citrate metabolism of a donor who tolerates citrate normally.
pub const CITRATE_TOLERATED_MG_KG_H: f64 = 65.0;

/// The donor's ionised calcium before the run, mmol/L: inside the normal range 1.18–1.38 [S19].
/// Assumption: the middle of it.
pub const ICA_BASELINE_MMOL_L: f64 = 1.28;

/// Fall in ionised calcium per unit of citrate load above what the donor metabolises, in
/// mmol/L per (load / tolerated load − 1). Assumption, calibrated so that an AC line free-flowing
/// at `AC_FREE_FLOW_ML_MIN` into a 75 kg donor brings iCa to about the 0.64 mmol/L of [S19].
pub const ICA_FALL_PER_EXCESS: f64 = 0.14;

/// Time constant of the ionised calcium following the citrate load, minutes. Assumption.
pub const ICA_TIME_CONSTANT_MIN: f64 = 8.0;

/// Rise in ionised calcium one dose of oral calcium gives at its peak, mmol/L, and how long its
/// effect lasts (time constant of its decay), minutes. Assumption: a dose that relieves mild
/// symptoms for about an hour ([S5][S31][S32] name oral or IV calcium; no dose effect is given
/// there).
pub const CALCIUM_DOSE_RISE_MMOL_L: f64 = 0.25;
pub const CALCIUM_EFFECT_MIN: f64 = 60.0;

/// A donor's sex, for Nadler's formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn id(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        [Sex::Male, Sex::Female].into_iter().find(|sex| sex.id() == id)
    }

    pub fn name(self) -> Text {
        match self {
            Sex::Male => Text::new("male", "남성"),
            Sex::Female => Text::new("female", "여성"),
        }
    }
}

/// The donor's work-up: what the chart says (§5.1.2), and the haematocrit of today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Donor {
    pub sex: Sex,
    pub height_m: f64,
    pub weight_kg: f64,
    /// Haematocrit today, %. The operator enters it; a stale value from an older work-up
    /// (`chart_hct_percent`) misplaces the interface.
    pub hct_percent: f64,
    /// The haematocrit on the donor's older work-up sheet, %, if it differs from today's.
    pub chart_hct_percent: f64,
    pub wbc_per_ul: f64,
    pub lymphocytes_per_ul: f64,
    /// CD3+ cells per µL of peripheral blood: predicts the CD3+ yield [S7].
    pub cd3_per_ul: f64,
    /// Platelets, ×10³/µL.
    pub platelets_k_per_ul: f64,
    /// The citrate load this donor metabolises without symptoms, mg/kg/h (normally
    /// `CITRATE_TOLERATED_MG_KG_H`; an injected citrate reaction lowers it).
    pub citrate_tolerance_mg_kg_h: f64,
    /// The highest inlet flow the venous access gives, mL/min. Assumption: a level parameter
    /// (a peripheral 16/17 G access [S5] gives no published figure).
    pub access_max_ml_min: f64,
}

impl Donor {
    /// Total blood volume, litres, by Nadler [S8] (about 70 mL/kg under 35 kg).
    pub fn total_blood_volume_l(&self) -> f64 {
        total_blood_volume_l(self.sex, self.height_m, self.weight_kg)
    }
}

/// Total blood volume, litres, by Nadler [S8] (about 70 mL/kg for small children).
pub fn total_blood_volume_l(sex: Sex, height_m: f64, weight_kg: f64) -> f64 {
    if weight_kg < NADLER_MIN_WEIGHT_KG {
        return weight_kg * SMALL_CHILD_ML_PER_KG / 1000.0;
    }
    let (h3, w, c) = match sex {
        Sex::Male => NADLER_MALE,
        Sex::Female => NADLER_FEMALE,
    };
    h3 * height_m.powi(3) + w * weight_kg + c
}

/// Litres of whole blood to process to collect `target_cells` CD3+ cells from a pre-count of
/// `cd3_per_ul` at collection efficiency `ce2` (0..1): target / (pre-count × CE2) [S9][S10].
pub fn litres_to_process(target_cells: f64, cd3_per_ul: f64, ce2: f64) -> f64 {
    let per_litre = cd3_per_ul * 1.0e6;
    if per_litre <= 0.0 || ce2 <= 0.0 { f64::INFINITY } else { target_cells / (per_litre * ce2) }
}

/// What citrate does to the donor: their ionised calcium, the calcium they were given, and the
/// symptoms that follow.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DonorState {
    pub ica_mmol_l: f64,
    /// What oral calcium adds to the ionised calcium now, mmol/L (it wears off).
    pub calcium_boost_mmol_l: f64,
    /// The worst symptom so far.
    pub worst: Symptom,
    /// The lowest ionised calcium so far, mmol/L.
    pub lowest_ica_mmol_l: f64,
}

impl Default for DonorState {
    fn default() -> Self {
        Self {
            ica_mmol_l: ICA_BASELINE_MMOL_L,
            calcium_boost_mmol_l: 0.0,
            worst: Symptom::None,
            lowest_ica_mmol_l: ICA_BASELINE_MMOL_L,
        }
    }
}

impl DonorState {
    /// Lets `minutes` pass with citrate reaching the donor at `load_mg_kg_h` against a tolerance
    /// of `tolerance_mg_kg_h`.
    pub fn step(&mut self, minutes: f64, load_mg_kg_h: f64, tolerance_mg_kg_h: f64) {
        self.calcium_boost_mmol_l *= (-minutes / CALCIUM_EFFECT_MIN).exp();
        let target = ica_target(load_mg_kg_h, tolerance_mg_kg_h) + self.calcium_boost_mmol_l;
        let follow = 1.0 - (-minutes / ICA_TIME_CONSTANT_MIN).exp();
        self.ica_mmol_l += (target.min(ICA_BASELINE_MMOL_L) - self.ica_mmol_l) * follow;
        self.worst = self.worst.max(self.symptom());
        self.lowest_ica_mmol_l = self.lowest_ica_mmol_l.min(self.ica_mmol_l);
    }

    /// One dose of oral calcium.
    pub fn give_calcium(&mut self) {
        self.calcium_boost_mmol_l += CALCIUM_DOSE_RISE_MMOL_L;
    }

    /// What the donor feels now.
    pub fn symptom(&self) -> Symptom {
        Symptom::at_fall(ICA_BASELINE_MMOL_L - self.ica_mmol_l)
    }
}

/// Where the donor's ionised calcium settles under a steady citrate load, mmol/L.
pub fn ica_target(load_mg_kg_h: f64, tolerance_mg_kg_h: f64) -> f64 {
    let excess = (load_mg_kg_h / tolerance_mg_kg_h.max(1.0) - 1.0).max(0.0);
    ICA_BASELINE_MMOL_L - ICA_FALL_PER_EXCESS * excess
}

/// Citrate reaching the donor, mg/kg/h, from ACD-A infused at `ac_ml_min`.
pub fn citrate_load_mg_kg_h(ac_ml_min: f64, weight_kg: f64) -> f64 {
    ac_ml_min * ACD_A_CITRATE_MG_ML * 60.0 / weight_kg.max(1.0)
}

/// Citrate toxicity's signs, in the order they appear as it rises [S18]. The falls in ionised
/// calcium at which each appears are the model's assumption (ordered as [S18], mild signs
/// first); the published case of severe hypocalcaemia reached 0.64 mmol/L [S19].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Symptom {
    None,
    /// Tingling of the lips and fingers (paraesthesia, the commonest event [S30]).
    Tingling,
    /// Vibration, a metallic taste.
    MetallicTaste,
    /// Chills, light-headedness.
    Chills,
    /// Tightness, twitching, a fast or slow pulse.
    Twitching,
    /// Carpopedal spasm, vomiting.
    Spasm,
    /// Tetany, arrhythmia.
    Tetany,
}

/// Falls in ionised calcium (mmol/L) at which each symptom appears. Assumption.
const SYMPTOM_FALLS: [(f64, Symptom); 6] = [
    (0.55, Symptom::Tetany),
    (0.42, Symptom::Spasm),
    (0.32, Symptom::Twitching),
    (0.22, Symptom::Chills),
    (0.14, Symptom::MetallicTaste),
    (0.07, Symptom::Tingling),
];

impl Symptom {
    fn at_fall(fall: f64) -> Self {
        SYMPTOM_FALLS.iter().find(|(at, _)| fall >= *at).map_or(Symptom::None, |(_, symptom)| *symptom)
    }

    pub fn id(self) -> &'static str {
        match self {
            Symptom::None => "none",
            Symptom::Tingling => "tingling",
            Symptom::MetallicTaste => "metallic_taste",
            Symptom::Chills => "chills",
            Symptom::Twitching => "twitching",
            Symptom::Spasm => "spasm",
            Symptom::Tetany => "tetany",
        }
    }

    /// How severe, 0 (none) to 6 (tetany), for level conditions.
    pub fn level(self) -> u8 {
        self as u8
    }

    /// What the donor says, in their own words.
    pub fn words(self) -> Text {
        match self {
            Symptom::None => Text::new("I'm fine, thank you.", "괜찮습니다, 감사합니다."),
            Symptom::Tingling => {
                Text::new("My lips and fingertips are tingling a little.", "입술이랑 손끝이 조금 저릿저릿해요.")
            }
            Symptom::MetallicTaste => Text::new(
                "I have a funny metallic taste, and a sort of buzzing.",
                "입에서 쇠 맛이 나고 몸이 좀 떨리는 느낌이에요.",
            ),
            Symptom::Chills => Text::new("I feel cold and a bit light-headed.", "춥고 머리가 좀 어지러워요."),
            Symptom::Twitching => {
                Text::new("My chest feels tight and my face is twitching.", "가슴이 답답하고 얼굴이 씰룩거려요.")
            }
            Symptom::Spasm => Text::new("My hands are cramping... I feel sick.", "손에 쥐가 나요... 토할 것 같아요."),
            Symptom::Tetany => {
                Text::new("(The donor cannot speak: muscles in spasm.)", "(공여자가 말을 못 합니다. 근육 경련.)")
            }
        }
    }

    /// The sign's name, as the staff would chart it.
    pub fn name(self) -> Text {
        match self {
            Symptom::None => Text::new("no symptoms", "증상 없음"),
            Symptom::Tingling => Text::new("tingling (paraesthesia)", "저림 (감각 이상)"),
            Symptom::MetallicTaste => Text::new("metallic taste, vibration", "금속 맛, 떨림"),
            Symptom::Chills => Text::new("chills, light-headedness", "오한, 어지러움"),
            Symptom::Twitching => Text::new("tightness, twitching", "답답함, 근육 떨림"),
            Symptom::Spasm => Text::new("carpopedal spasm, vomiting", "손발 경련, 구토"),
            Symptom::Tetany => Text::new("tetany", "강직"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nadler_gives_the_worked_example() {
        // domain.md §5.1.3: man, 1.75 m, 75 kg → 4.98 L.
        let tbv = total_blood_volume_l(Sex::Male, 1.75, 75.0);
        assert!((tbv - 4.98).abs() < 0.01, "{tbv}");
        assert!(total_blood_volume_l(Sex::Female, 1.75, 75.0) < tbv);
        assert!((total_blood_volume_l(Sex::Male, 1.2, 25.0) - 1.75).abs() < 1e-9);
    }

    #[test]
    fn the_volume_to_process_follows_the_ce2_example() {
        // domain.md §5.1.4: 2×10⁹ CD3+, 500/µL, CE2 0.50 → 8 L.
        assert!((litres_to_process(2.0e9, 500.0, 0.5) - 8.0).abs() < 1e-9);
    }

    #[test]
    fn symptoms_appear_in_order_as_calcium_falls() {
        let mut last = Symptom::None;
        for step in 0..=70 {
            let symptom = Symptom::at_fall(step as f64 * 0.01);
            assert!(symptom >= last);
            last = symptom;
        }
        assert_eq!(last, Symptom::Tetany);
    }
}
