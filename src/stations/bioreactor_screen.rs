//! The bioreactor's touchscreen layout: which buttons it shows where, enabled by what the
//! station model allows now. Drawing is in `ui::panels`; this part runs headless too.

use bevy::prelude::*;
use cleanroom_core::common::Value;
use cleanroom_core::procedure::Action;
use cleanroom_core::stations::bioreactor::{CoatingReagent, Distribution};

use super::{BioreactorUnit, Caption, ScreenButton, ScreenButtons};
use crate::cleanroom::equipment::{Station, Touchscreen};

/// Cell counts offered on the loading page (whole-bone-marrow P1 seeding is of this order;
/// see domain.md §4 and the station model's scenarios).
const CELL_COUNT_CHOICES: [f64; 3] = [5.0e6, 1.0e7, 2.0e7];
/// One press of the inlet-rate buttons changes the rate by this much, mL/min.
const RATE_STEP_ML_MIN: f64 = 0.1;
/// Left edge and width of the button column, in texture coordinates.
const COLUMN_LEFT: f32 = 0.5;
const COLUMN_RIGHT: f32 = 0.985;
/// Height of one row of buttons and the gap under it.
const ROW_HEIGHT: f32 = 0.07;
const ROW_GAP: f32 = 0.012;
/// Top of the first row: under the title bar.
const FIRST_ROW: f32 = 0.11;

fn press(control: &str) -> Action {
    Action::Press { control: control.into() }
}

fn set(control: &str, value: Value) -> Action {
    Action::Set { control: control.into(), value }
}

/// Builds rows of equal-width buttons down the right half of the screen.
struct Rows {
    top: f32,
    buttons: Vec<ScreenButton>,
}

impl Rows {
    fn row(&mut self, items: Vec<(Action, Caption, bool, bool)>) {
        let count = items.len().max(1) as f32;
        let gap = 0.01;
        let width = (COLUMN_RIGHT - COLUMN_LEFT - gap * (count - 1.0)) / count;
        for (index, (action, caption, enabled, selected)) in items.into_iter().enumerate() {
            let left = COLUMN_LEFT + index as f32 * (width + gap);
            self.buttons.push(ScreenButton {
                action,
                caption,
                min: Vec2::new(left, self.top),
                max: Vec2::new(left + width, self.top + ROW_HEIGHT),
                enabled,
                selected,
            });
        }
        self.top += ROW_HEIGHT + ROW_GAP;
    }
}

/// Lays the buttons out from the model's state.
pub fn lay_out(unit: Option<Res<BioreactorUnit>>, mut screens: Query<(&Touchscreen, &mut ScreenButtons)>) {
    let Some(unit) = unit else {
        return;
    };
    let Some(mut screen) =
        screens.iter_mut().find(|(touchscreen, _)| touchscreen.0 == Station::Bioreactor).map(|(_, s)| s)
    else {
        return;
    };
    let enabled_controls = unit.desk.screen_controls();
    let enabled = |control: &str| enabled_controls.iter().any(|(id, on)| *id == control && *on);
    let settings = &unit.desk.screen;
    let mut rows = Rows { top: FIRST_ROW, buttons: Vec::new() };
    let key =
        |control: &'static str, caption: &'static str| (press(control), Caption::Key(caption), enabled(control), false);
    rows.row(vec![key("bioreactor_screen_load_set", "bio-load-set"), key("bioreactor_screen_prime", "bio-prime")]);
    for reagents in CoatingReagent::ALL.chunks(4) {
        rows.row(
            reagents
                .iter()
                .map(|reagent| {
                    (
                        set("bioreactor_screen_coating_reagent", Value::Choice(reagent.id().into())),
                        Caption::Text(reagent.name()),
                        enabled("bioreactor_screen_coating_reagent"),
                        settings.coating == Some(*reagent),
                    )
                })
                .collect(),
        );
    }
    rows.row(vec![
        key("bioreactor_screen_coat", "bio-coat"),
        key("bioreactor_screen_wash_out", "bio-wash-out"),
        key("bioreactor_screen_condition_medium", "bio-condition"),
    ]);
    rows.row(
        CELL_COUNT_CHOICES
            .iter()
            .map(|count| {
                (
                    set("bioreactor_screen_cell_count", Value::Number(*count)),
                    Caption::Literal(format!("{:.0}×10⁶", count / 1e6)),
                    enabled("bioreactor_screen_cell_count"),
                    settings.cell_count == Some(*count),
                )
            })
            .collect(),
    );
    rows.row(
        [Distribution::SettleAndRotate, Distribution::Circulate]
            .into_iter()
            .map(|distribution| {
                (
                    set("bioreactor_screen_cell_distribution", Value::Choice(distribution.id().into())),
                    Caption::Text(distribution.name()),
                    enabled("bioreactor_screen_cell_distribution"),
                    settings.distribution == Some(distribution),
                )
            })
            .collect(),
    );
    rows.row(vec![
        key("bioreactor_screen_load_cells", "bio-load-cells"),
        key("bioreactor_screen_start_feeding", "bio-start-feeding"),
    ]);
    let rate = settings.ic_inlet_ml_min.unwrap_or(unit.desk.station.ic_inlet_ml_min());
    let rate_enabled = enabled("bioreactor_screen_ic_inlet_rate");
    let lower = ((rate - RATE_STEP_ML_MIN) * 10.0).round() / 10.0;
    let higher = ((rate + RATE_STEP_ML_MIN) * 10.0).round() / 10.0;
    rows.row(vec![
        (
            set("bioreactor_screen_ic_inlet_rate", Value::Number(lower.max(0.1))),
            Caption::Literal(format!("− {lower:.1}")),
            rate_enabled && lower >= 0.1 - 1e-9,
            false,
        ),
        (
            set("bioreactor_screen_ic_inlet_rate", Value::Number(rate)),
            Caption::Literal(format!("IC {rate:.1} mL/min")),
            rate_enabled,
            true,
        ),
        (
            set("bioreactor_screen_ic_inlet_rate", Value::Number(higher)),
            Caption::Literal(format!("+ {higher:.1}")),
            rate_enabled,
            false,
        ),
    ]);
    rows.row(vec![
        key("bioreactor_screen_advance_time", "bio-advance"),
        key("bioreactor_screen_alarm_ack", "bio-alarm-ack"),
        key("bioreactor_screen_harvest", "bio-harvest"),
    ]);
    screen.buttons = rows.buttons;
}
