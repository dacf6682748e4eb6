//! What a station's touchscreen shows, in words any front end can draw: a title, status
//! lines, a task list, a chart and rows of buttons. Stations fill it from their state; the game
//! draws it the same way for every station.

use serde::{Deserialize, Serialize};

use crate::common::Text;
use crate::level::Action;

/// One touchscreen page as the station shows it now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScreenView {
    /// The title bar: the station and its state ("Bioreactor — Primed").
    pub title: Text,
    /// The right of the title bar (a clock).
    pub corner: Text,
    /// The screen's pages, as tabs under the title bar (the one showing is `selected`); empty
    /// for a screen of one page.
    pub tabs: Vec<ScreenControl>,
    /// Status lines, top to bottom.
    pub lines: Vec<ScreenLine>,
    /// The operator's task list, in procedure order.
    pub tasks: Vec<ScreenTask>,
    pub chart: Option<Chart>,
    /// Rows of buttons, top to bottom; the buttons of a row share its width.
    pub buttons: Vec<Vec<ScreenControl>>,
}

/// One status line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenLine {
    pub text: Text,
    pub tone: Tone,
}

/// How a line or a series stands out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    #[default]
    Normal,
    /// A value that shows the process going well (cells growing).
    Good,
    /// An alarm.
    Alarm,
    /// The station's latest message to the trainee (a refusal, a deviation).
    Message,
    /// A second data series (in a chart).
    Accent,
}

/// One task on the task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenTask {
    pub title: Text,
    pub state: TaskState,
}

/// A task's state on the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskState {
    Done,
    Current,
    Locked,
}

impl TaskState {
    /// The states of a task list in procedure order, from whether each task is done: the first
    /// task not done is the current one, the ones after it are locked.
    pub fn in_order(done: impl IntoIterator<Item = bool>) -> impl Iterator<Item = TaskState> {
        let mut current_given = false;
        done.into_iter().map(move |done| {
            if done {
                TaskState::Done
            } else if !current_given {
                current_given = true;
                TaskState::Current
            } else {
                TaskState::Locked
            }
        })
    }
}

/// A time chart of a few series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub title: Text,
    /// Shown instead of the plot while there are fewer than two points.
    pub empty: Text,
    /// Tick spacing along the time axis, in the series' unit of time (a day: 24 h).
    pub tick: f64,
    /// The time axis spans at least this, in the series' unit of time.
    pub min_span: f64,
    pub series: Vec<Series>,
}

/// One line of a chart. Series with the same `scale` share one vertical scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// The legend entry, with its unit.
    pub name: Text,
    pub tone: Tone,
    pub scale: u8,
    /// (time, value) pairs, in time order; the chart says the unit of time by its ticks.
    pub points: Vec<(f64, f64)>,
}

/// A button on the touchscreen: what pressing it does, what it says, whether it can be
/// pressed now and whether it shows as chosen (the reagent selected, the rate in force).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenControl {
    pub action: Action,
    pub caption: Text,
    pub enabled: bool,
    pub selected: bool,
}

/// A status line in the normal tone.
pub fn line(text: Text) -> ScreenLine {
    ScreenLine { text, tone: Tone::Normal }
}

/// A status line that shows the process going well.
pub fn good(text: Text) -> ScreenLine {
    ScreenLine { text, tone: Tone::Good }
}

/// A status line with the station's message to the trainee.
pub fn message(text: Text) -> ScreenLine {
    ScreenLine { text, tone: Tone::Message }
}

/// A status line with an alarm.
pub fn alarm(text: Text) -> ScreenLine {
    ScreenLine { text, tone: Tone::Alarm }
}

impl ScreenControl {
    /// A button that presses `control`.
    pub fn press(control: &str, caption: Text, enabled: bool) -> Self {
        Self { action: Action::Press { control: control.into() }, caption, enabled, selected: false }
    }
}
