//! The bioreactor's touchscreen vocabulary: the ids of its buttons and settings, and the
//! settings it holds between the moment the trainee enters them and the button that uses them.

use serde::{Deserialize, Serialize};

use super::operation::{CoatingReagent, Distribution};
use crate::common::Text;

/// Touchscreen button: mount the single-use set.
pub const LOAD_SET: &str = "bioreactor_screen_load_set";
/// Touchscreen button: prime the set.
pub const PRIME: &str = "bioreactor_screen_prime";
/// Touchscreen setting: the coating reagent (a choice of `CoatingReagent` ids).
pub const COATING_REAGENT: &str = "bioreactor_screen_coating_reagent";
/// Touchscreen button: coat the fibres with the chosen reagent.
pub const COAT: &str = "bioreactor_screen_coat";
/// Touchscreen button: let simulated time pass to the next decision (at most `ADVANCE_MAX_H`).
pub const ADVANCE_TIME: &str = "bioreactor_screen_advance_time";
/// Touchscreen button: wash the coating solution out.
pub const WASH_OUT: &str = "bioreactor_screen_wash_out";
/// Touchscreen button: condition the medium.
pub const CONDITION_MEDIUM: &str = "bioreactor_screen_condition_medium";
/// Touchscreen setting: the number of cells to load.
pub const CELL_COUNT: &str = "bioreactor_screen_cell_count";
/// Touchscreen setting: how the loaded cells are distributed (a choice of `Distribution` ids).
pub const CELL_DISTRIBUTION: &str = "bioreactor_screen_cell_distribution";
/// Touchscreen button: load the cells with the entered count and distribution.
pub const LOAD_CELLS: &str = "bioreactor_screen_load_cells";
/// Touchscreen setting: the IC inlet rate, mL/min (while feeding, changing it changes the flow).
pub const IC_INLET_RATE: &str = "bioreactor_screen_ic_inlet_rate";
/// Touchscreen button: end the attachment period and feed at the entered rate.
pub const START_FEEDING: &str = "bioreactor_screen_start_feeding";
/// Touchscreen button: acknowledge every active alarm.
pub const ALARM_ACK: &str = "bioreactor_screen_alarm_ack";
/// Touchscreen button: release the cells into the harvest bag.
pub const HARVEST: &str = "bioreactor_screen_harvest";

/// Touchscreen: which page shows (a choice of `Page` ids). Navigation only: levels do not name
/// it, so it is not among `SCREEN_CONTROLS`.
pub const PAGE: &str = "bioreactor_screen_page";

/// Every touchscreen control, in the order the panel shows them.
pub const SCREEN_CONTROLS: [&str; 14] = [
    LOAD_SET,
    PRIME,
    COATING_REAGENT,
    COAT,
    WASH_OUT,
    CONDITION_MEDIUM,
    CELL_COUNT,
    CELL_DISTRIBUTION,
    LOAD_CELLS,
    IC_INLET_RATE,
    START_FEEDING,
    ALARM_ACK,
    HARVEST,
    ADVANCE_TIME,
];

/// A touchscreen setting, as refusals name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScreenSetting {
    CoatingReagent,
    CellCount,
    Distribution,
    IcInletRate,
}

impl ScreenSetting {
    /// The control id that enters this setting.
    pub fn control(self) -> &'static str {
        match self {
            ScreenSetting::CoatingReagent => COATING_REAGENT,
            ScreenSetting::CellCount => CELL_COUNT,
            ScreenSetting::Distribution => CELL_DISTRIBUTION,
            ScreenSetting::IcInletRate => IC_INLET_RATE,
        }
    }

    /// The setting named by its control id.
    pub fn from_control(control: &str) -> Option<Self> {
        [Self::CoatingReagent, Self::CellCount, Self::Distribution, Self::IcInletRate]
            .into_iter()
            .find(|setting| setting.control() == control)
    }

    /// The setting's name for the trainee.
    pub fn name(self) -> Text {
        match self {
            ScreenSetting::CoatingReagent => Text::new("coating reagent", "코팅 시약"),
            ScreenSetting::CellCount => Text::new("cell count", "세포 수"),
            ScreenSetting::Distribution => Text::new("cell distribution", "세포 분포 방법"),
            ScreenSetting::IcInletRate => Text::new("IC inlet rate", "IC 유입 속도"),
        }
    }

    /// Why a button that needs this setting was refused while it is not entered.
    pub(crate) fn missing_reason(self) -> Text {
        match self {
            ScreenSetting::CoatingReagent => {
                Text::new("Choose a coating reagent before coating.", "코팅하기 전에 코팅 시약을 선택하십시오.")
            }
            ScreenSetting::CellCount => Text::new(
                "Enter the cell count before loading the cells.",
                "세포를 주입하기 전에 세포 수를 입력하십시오.",
            ),
            ScreenSetting::Distribution => Text::new(
                "Choose how the cells are distributed before loading them.",
                "세포를 주입하기 전에 세포 분포 방법을 선택하십시오.",
            ),
            ScreenSetting::IcInletRate => Text::new(
                "Set the IC inlet rate before starting feeding.",
                "공급을 시작하기 전에 IC 유입 속도를 설정하십시오.",
            ),
        }
    }

    /// Why a value was refused for this setting.
    pub(crate) fn invalid_reason(self) -> Text {
        let name = self.name();
        let (en, ko) = match self {
            ScreenSetting::CoatingReagent | ScreenSetting::Distribution => {
                ("choose one of the options offered", "제시된 항목 중에서 선택하십시오")
            }
            ScreenSetting::CellCount | ScreenSetting::IcInletRate => ("enter a number", "숫자를 입력하십시오"),
        };
        Text::new(format!("That is not a valid {}: {en}.", name.en), format!("올바른 {} 값이 아닙니다. {ko}.", name.ko))
    }
}

/// What the touchscreen holds between a setting and the button that uses it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScreenSettings {
    pub coating: Option<CoatingReagent>,
    pub cell_count: Option<f64>,
    pub distribution: Option<Distribution>,
    /// The rate entered for `start_feeding` (while feeding, the rate last set).
    pub ic_inlet_ml_min: Option<f64>,
}
