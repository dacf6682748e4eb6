//! The bioreactor behind the station interface: what it declares to level authors, how the
//! desk answers an action, and what its touchscreen shows.

use super::controls::QC_SAMPLES;
use super::controls::{BioreactorDesk, DeskOutcome, LINES};
use super::display::OBSERVATION_KEYS;
use super::operation::{CoatingReagent, Distribution};
use super::pages::Page;
use super::touchscreen::{
    ADVANCE_TIME, ALARM_ACK, CELL_COUNT, CELL_DISTRIBUTION, COAT, COATING_REAGENT, CONDITION_MEDIUM, HARVEST,
    IC_INLET_RATE, LOAD_CELLS, LOAD_SET, PAGE, PRIME, SCREEN_CONTROLS, START_FEEDING, WASH_OUT,
};
use super::{HARVEST_VOLUME_ML, HistoryPoint, MSC_BATCH, QC_SAMPLE_ML, STATION_ID};
use crate::common::{Text, Value};
use crate::level::Action;
use crate::stations::batch_record::BatchRecord;
use crate::stations::screen::{Chart, ScreenControl, ScreenLine, ScreenTask, ScreenView, Series, Tone};
use crate::stations::{Line, Outcome, Product, Refusal, StationModel, StationSpec};

/// What the bioreactor declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &SCREEN_CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &["ic_inlet_pressure_alarm", "prime_alarm"],
    settings: &[],
    new: |operator| Box::new(BioreactorDesk::new(operator)),
};

/// Cell counts offered on the loading page (whole-bone-marrow P1 seeding is of this order;
/// see domain.md §4 and the model's scenarios).
const CELL_COUNT_CHOICES: [f64; 3] = [5.0e6, 1.0e7, 2.0e7];
/// One press of the inlet-rate buttons changes the rate by this much, mL/min. A game choice.
const RATE_STEP_ML_MIN: f64 = 0.1;
/// The lowest rate the rate buttons offer, mL/min. A game choice (the knob's minimum).
const MIN_RATE_ML_MIN: f64 = 0.1;
/// Coating reagents per row of buttons: at most two, and no more letters than fit a row at a
/// legible size.
const REAGENTS_PER_ROW: usize = 2;
const REAGENT_ROW_CHARS: usize = 26;
/// Chart ticks and the least span of its time axis: one culture day.
const CHART_DAY_H: f64 = 24.0;

impl StationModel for BioreactorDesk {
    fn act(&mut self, action: &Action) -> Outcome {
        let before = self.station.batch_record().len();
        let outcome = BioreactorDesk::act(self, action);
        self.outcome(outcome, before)
    }

    fn inject(&mut self, event: &str) -> Outcome {
        let before = self.station.batch_record().len();
        let outcome = self.inject_event(event);
        self.outcome(outcome, before)
    }

    fn observations(&self) -> Vec<(&'static str, Value)> {
        self.station.observations()
    }

    fn screen(&self) -> ScreenView {
        let page = self.page.page(self.station.phase());
        let tabs = Page::ALL
            .into_iter()
            .map(|tab| ScreenControl {
                action: Action::Set { control: PAGE.into(), value: Value::Choice(tab.id().into()) },
                caption: tab.name(),
                enabled: true,
                selected: tab == page,
            })
            .collect();
        let tasks = || {
            self.station.tasks().into_iter().map(|task| ScreenTask { title: task.title, state: task.state }).collect()
        };
        ScreenView {
            title: self.title(),
            corner: self.clock(),
            tabs,
            lines: if page == Page::Tasks { Vec::new() } else { self.status_lines() },
            tasks: if page == Page::Tasks { tasks() } else { Vec::new() },
            chart: (page == Page::Culture).then(|| chart(self.station.history())),
            buttons: self.button_rows(page),
        }
    }

    fn batch_record(&self) -> &BatchRecord {
        self.station.batch_record()
    }

    fn lines(&self) -> Vec<Line> {
        LINES
            .iter()
            .map(|line| Line {
                id: line.id.into(),
                joined_to: self.joined_to(line).map(str::to_owned),
                clamp: self.clamp_open(line.clamp).map(|open| (line.clamp.to_owned(), open)),
            })
            .collect()
    }

    fn settings(&self) -> Vec<(&'static str, f64)> {
        vec![(IC_INLET_RATE, self.rate_in_force())]
    }

    /// Each QC sample drawn from the harvest: the harvest's own cells, at its concentration
    /// and viability, and whatever got into the culture on its way (for the QC bench).
    fn products(&self) -> Vec<Product> {
        let station = &self.station;
        let Some(harvest) = station.harvest() else {
            return Vec::new();
        };
        let all_cells = if harvest.viability > 0.0 { harvest.viable_cells / harvest.viability } else { 0.0 };
        QC_SAMPLES
            .iter()
            .filter(|(_, test)| station.qc_samples().contains(test))
            .map(|(container, test)| {
                let name = test.name();
                Product {
                    item: (*container).into(),
                    din: MSC_BATCH.into(),
                    description: Text::new(
                        format!("MSC harvest sample for {}", name.en),
                        format!("{} 시험용 MSC 수확 샘플", name.ko),
                    ),
                    cells: all_cells * QC_SAMPLE_ML / HARVEST_VOLUME_ML,
                    viability: harvest.viability,
                    volume_ml: QC_SAMPLE_ML,
                    contaminated: station.contaminated(),
                }
            })
            .collect()
    }
}

impl BioreactorDesk {
    /// The desk's outcome in the station interface's terms: the entries made since the
    /// record held `before` of them, and each refusal with its stable code.
    fn outcome(&self, outcome: DeskOutcome, before: usize) -> Outcome {
        Outcome {
            handled: outcome.handled,
            refusals: outcome
                .refusals
                .into_iter()
                .map(|refusal| Refusal { code: refusal.kind.code(), reason: refusal.reason })
                .collect(),
            notes: self.station.batch_record().entries().get(before..).unwrap_or_default().to_vec(),
        }
    }

    /// The IC inlet rate the screen and the knob show: the one entered, else the one set.
    pub fn rate_in_force(&self) -> f64 {
        self.screen.ic_inlet_ml_min.unwrap_or(self.station.ic_inlet_ml_min()).max(MIN_RATE_ML_MIN)
    }

    fn title(&self) -> Text {
        let phase = self.station.phase().name();
        Text::new(format!("Bioreactor — {}", phase.en), format!("바이오리액터 — {}", phase.ko))
    }

    fn clock(&self) -> Text {
        let clock = self.station.clock();
        let (day, hour) = (clock.day, clock.hour);
        Text::new(format!("Day {day} · {hour:02}:00"), format!("{day}일차 · {hour:02}:00"))
    }

    fn status_lines(&self) -> Vec<ScreenLine> {
        let status = self.station.status();
        let normal = |text: Text| ScreenLine { text, tone: Tone::Normal };
        let rate = format!("{:.2}", status.ic_inlet_ml_min);
        let mut lines = vec![
            normal(Text::new(format!("IC inlet rate: {rate} mL/min"), format!("IC 유입 속도: {rate} mL/min"))),
            normal(if status.pumps_running {
                Text::new("Pumps running", "펌프 작동 중")
            } else {
                Text::new("Pumps stopped", "펌프 정지")
            }),
        ];
        if let Some(coating) = status.coating {
            let name = coating.name();
            lines.push(normal(Text::new(format!("Coating: {}", name.en), format!("코팅: {}", name.ko))));
        }
        if let Some(remaining) = status.coating_remaining_h {
            let hours = format!("{remaining:.1}");
            lines.push(normal(Text::new(format!("Coating: {hours} h left"), format!("코팅 남은 시간: {hours}시간"))));
        }
        let cells = format!("{:.1}", status.cells_estimate / 1e6);
        lines.push(ScreenLine {
            text: Text::new(format!("Cells (estimate): {cells} ×10⁶"), format!("세포 수 (추정): {cells} ×10⁶")),
            tone: Tone::Good,
        });
        if let Some(sample) = &status.last_sample {
            let (glucose, lactate) = (format!("{:.2}", sample.glucose_mmol_l), format!("{:.2}", sample.lactate_mmol_l));
            lines.push(normal(Text::new(
                format!("Last sample: glucose {glucose} mmol/L · lactate {lactate} mmol/L"),
                format!("최근 샘플: 포도당 {glucose} mmol/L · 젖산 {lactate} mmol/L"),
            )));
        }
        for alarm in &status.alarms {
            let message = &alarm.message;
            lines.push(ScreenLine {
                text: Text::new(format!("⚠ {}", message.en), format!("⚠ {}", message.ko)),
                tone: Tone::Alarm,
            });
        }
        lines
    }

    /// The page's buttons, row by row, each enabled exactly when pressing it now would be
    /// accepted; every page ends with advancing time and acknowledging alarms.
    fn button_rows(&self, page: Page) -> Vec<Vec<ScreenControl>> {
        let enabled_controls = self.screen_controls();
        let enabled = |control: &str| enabled_controls.iter().any(|(id, on)| *id == control && *on);
        let press =
            |control: &str, en: &str, ko: &str| ScreenControl::press(control, Text::new(en, ko), enabled(control));
        let set = |control: &str, value: Value, caption: Text, selected: bool| ScreenControl {
            action: Action::Set { control: control.into(), value },
            caption,
            enabled: enabled(control),
            selected,
        };
        let settings = &self.screen;
        let mut rows = Vec::new();
        match page {
            Page::Setup => {
                rows.push(vec![press(LOAD_SET, "Load set", "세트 장착"), press(PRIME, "Prime", "프라이밍")]);
                // Two reagents to a row where their names fit side by side, legibly.
                let mut row: Vec<ScreenControl> = Vec::new();
                let mut row_chars = 0;
                for reagent in CoatingReagent::ALL {
                    let name = reagent.name();
                    let chars = name.en.chars().count();
                    if !row.is_empty() && (row.len() == REAGENTS_PER_ROW || row_chars + chars > REAGENT_ROW_CHARS) {
                        rows.push(std::mem::take(&mut row));
                        row_chars = 0;
                    }
                    row_chars += chars;
                    let value = Value::Choice(reagent.id().into());
                    row.push(set(COATING_REAGENT, value, name, settings.coating == Some(reagent)));
                }
                rows.push(row);
                rows.push(vec![press(COAT, "Coat", "코팅"), press(WASH_OUT, "Wash out", "세척")]);
                rows.push(vec![press(CONDITION_MEDIUM, "Condition medium", "배지 컨디셔닝")]);
            }
            Page::Cells => {
                rows.push(
                    CELL_COUNT_CHOICES
                        .iter()
                        .map(|count| {
                            let caption = format!("{:.0}×10⁶", count / 1e6);
                            let selected = settings.cell_count == Some(*count);
                            set(CELL_COUNT, Value::Number(*count), Text::new(caption.clone(), caption), selected)
                        })
                        .collect(),
                );
                for distribution in [Distribution::SettleAndRotate, Distribution::Circulate] {
                    let value = Value::Choice(distribution.id().into());
                    let selected = settings.distribution == Some(distribution);
                    rows.push(vec![set(CELL_DISTRIBUTION, value, distribution.name(), selected)]);
                }
                rows.push(vec![press(LOAD_CELLS, "Load cells", "세포 주입")]);
                rows.push(self.rate_row(enabled(IC_INLET_RATE)));
                rows.push(vec![press(START_FEEDING, "Start feeding", "공급 시작")]);
            }
            Page::Culture => {
                rows.push(self.rate_row(enabled(IC_INLET_RATE)));
                rows.push(vec![press(HARVEST, "Harvest", "수확")]);
            }
            Page::Tasks => {}
        }
        rows.push(vec![press(ADVANCE_TIME, "Advance to next decision", "다음 결정 시점으로")]);
        rows.push(vec![press(ALARM_ACK, "Acknowledge alarm", "경보 확인")]);
        rows
    }

    /// Lower, the rate in force, higher: each sets the IC inlet rate.
    fn rate_row(&self, enabled: bool) -> Vec<ScreenControl> {
        let rate = self.screen.ic_inlet_ml_min.unwrap_or(self.station.ic_inlet_ml_min());
        let lower = ((rate - RATE_STEP_ML_MIN) * 10.0).round() / 10.0;
        let higher = ((rate + RATE_STEP_ML_MIN) * 10.0).round() / 10.0;
        let literal = |text: String| Text::new(text.clone(), text);
        let set = |value: f64| Action::Set { control: IC_INLET_RATE.into(), value: Value::Number(value) };
        vec![
            ScreenControl {
                action: set(lower.max(MIN_RATE_ML_MIN)),
                caption: literal(format!("− {lower:.1}")),
                enabled: enabled && lower >= MIN_RATE_ML_MIN - 1e-9,
                selected: false,
            },
            ScreenControl { action: set(rate), caption: literal(format!("{rate:.1} mL/min")), enabled, selected: true },
            ScreenControl { action: set(higher), caption: literal(format!("+ {higher:.1}")), enabled, selected: false },
        ]
    }
}

/// Glucose and lactate (mmol/L, one scale) and estimated cells (their own scale) over days.
fn chart(history: &[HistoryPoint]) -> Chart {
    let series = |name: Text, tone: Tone, scale: u8, value: fn(&HistoryPoint) -> f64| Series {
        name,
        tone,
        scale,
        points: history.iter().map(|point| (point.time_h, value(point))).collect(),
    };
    Chart {
        title: Text::new("Glucose, lactate and cells over days", "일자별 포도당, 젖산, 세포 수"),
        empty: Text::new("The chart starts when cells are loaded.", "세포를 주입하면 그래프가 시작됩니다."),
        tick: CHART_DAY_H,
        min_span: CHART_DAY_H,
        series: vec![
            series(Text::new("glucose (mmol/L)", "포도당 (mmol/L)"), Tone::Normal, 0, |p| p.glucose_mmol_l),
            series(Text::new("lactate (mmol/L)", "젖산 (mmol/L)"), Tone::Accent, 0, |p| p.lactate_mmol_l),
            series(Text::new("cells (relative)", "세포 수 (상대값)"), Tone::Good, 1, |p| p.cells_estimate),
        ],
    }
}
