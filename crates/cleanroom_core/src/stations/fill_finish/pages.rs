//! The fill-and-finish touchscreen as the operator uses it: pages for the set-up (line
//! clearance, the batch record and the incoming bag, the welds), the recipe with its keypad,
//! the run (plate, addition, DMSO exposure against the hold time, filling) with its chart, the
//! labels, and the results with the freezing plot.

use super::ids::*;
use super::*;
use crate::level::Action;
use crate::stations::desk::{Desk, DeskControls, Fields, Pages};
use crate::stations::screen::{
    Chart, ScreenControl, ScreenTask, ScreenView, Series, TaskState, Tone, alarm, good, line, message,
};

/// The touchscreen's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Page {
    Setup,
    Recipe,
    Run,
    Labels,
    Results,
}

impl Page {
    pub const ALL: [Page; 5] = [Page::Setup, Page::Recipe, Page::Run, Page::Labels, Page::Results];

    pub fn id(self) -> &'static str {
        match self {
            Page::Setup => "setup",
            Page::Recipe => "recipe",
            Page::Run => "run",
            Page::Labels => "labels",
            Page::Results => "results",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Page::Setup => Text::new("Set-up", "준비"),
            Page::Recipe => Text::new("Recipe", "레시피"),
            Page::Run => Text::new("Run", "운전"),
            Page::Labels => Text::new("Labels", "라벨"),
            Page::Results => Text::new("Results", "결과"),
        }
    }

    /// The page the screen turns to when the procedure reaches `phase`.
    fn for_phase(phase: Phase) -> Self {
        match phase {
            Phase::LineClearance | Phase::BatchRecord | Phase::LoadSet | Phase::Welding | Phase::OnHold => Page::Setup,
            Phase::Recipe => Page::Recipe,
            Phase::Formulating | Phase::Formulated | Phase::Filling | Phase::Filled => Page::Run,
            Phase::Freezing | Phase::Frozen | Phase::Stored => Page::Results,
        }
    }
}

impl Pages for Page {
    const ALL: &'static [Self] = &Page::ALL;

    fn id(self) -> &'static str {
        Page::id(self)
    }

    fn name(self) -> Text {
        Page::name(self)
    }
}

/// The controls the touchscreen itself answers.
const CONTROLS: DeskControls = DeskControls { page: PAGE, field: FIELD, key: KEY };

/// A recipe field typed on the keypad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Cells,
    Dmso,
    Fill,
    Bags,
    Qc,
    Retention,
    AdditionTime,
}

impl Field {
    pub const ALL: [Field; 7] =
        [Field::Cells, Field::Dmso, Field::Fill, Field::Bags, Field::Qc, Field::Retention, Field::AdditionTime];

    pub fn id(self) -> &'static str {
        match self {
            Field::Cells => "cells",
            Field::Dmso => "dmso",
            Field::Fill => "fill",
            Field::Bags => "bags",
            Field::Qc => "qc",
            Field::Retention => "retention",
            Field::AdditionTime => "addition",
        }
    }

    /// The control whose `Set` the typed value becomes.
    pub fn control(self) -> &'static str {
        match self {
            Field::Cells => RECIPE_CELLS,
            Field::Dmso => RECIPE_DMSO,
            Field::Fill => RECIPE_FILL,
            Field::Bags => RECIPE_BAGS,
            Field::Qc => RECIPE_QC,
            Field::Retention => RECIPE_RETENTION,
            Field::AdditionTime => ADDITION_TIME,
        }
    }

    /// The field's name on its button, short enough for legible text.
    fn short(self) -> Text {
        match self {
            Field::Cells => Text::new("×10⁶/mL", "×10⁶/mL"),
            Field::Dmso => Text::new("DMSO %", "DMSO %"),
            Field::Fill => Text::new("Fill mL", "충전 mL"),
            Field::Bags => Text::new("Bags", "백 수"),
            Field::Qc => Text::new("QC mL", "QC mL"),
            Field::Retention => Text::new("Keep mL", "보관 mL"),
            Field::AdditionTime => Text::new("Add min", "첨가 분"),
        }
    }

    fn name(self) -> Text {
        match self {
            Field::Cells => Text::new("Cells (×10⁶/mL)", "세포 (×10⁶/mL)"),
            Field::Dmso => Text::new("Final DMSO (%)", "최종 DMSO (%)"),
            Field::Fill => Text::new("Fill per bag (mL)", "백당 충전량 (mL)"),
            Field::Bags => Text::new("Bags", "백 수"),
            Field::Qc => Text::new("QC sample (mL)", "QC 샘플 (mL)"),
            Field::Retention => Text::new("Retention (mL)", "보관 샘플 (mL)"),
            Field::AdditionTime => Text::new("Add over (min)", "첨가 시간 (분)"),
        }
    }

    fn value(self, entry: &RecipeEntry) -> Option<f64> {
        match self {
            Field::Cells => entry.cells_e6_per_ml,
            Field::Dmso => entry.dmso_percent,
            Field::Fill => entry.fill_ml,
            Field::Bags => entry.bags,
            Field::Qc => entry.qc_ml,
            Field::Retention => entry.retention_ml,
            Field::AdditionTime => entry.addition_min,
        }
    }
}

impl Fields for Field {
    const ALL: &'static [Self] = &Field::ALL;

    fn id(self) -> &'static str {
        Field::id(self)
    }

    fn control(self) -> &'static str {
        Field::control(self)
    }
}

/// The chart's ticks: every 10 min, and at least half an hour shown; the freezing plot's
/// every 30 min over at least its profile.
const CHART_TICK_MIN: f64 = 10.0;
const CHART_MIN_SPAN_MIN: f64 = 30.0;
const FREEZING_TICK_MIN: f64 = 30.0;
const FREEZING_MIN_SPAN_MIN: f64 = 120.0;

/// The fill-and-finish unit with its touchscreen: the page shown and the keypad's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FillFinishDesk {
    pub station: FillFinish,
    desk: Desk<Page, Field>,
    seen_phase: Phase,
    seen_alarms: usize,
}

impl FillFinishDesk {
    pub fn new(operator: &str) -> Self {
        Self::with_station(FillFinish::new(operator))
    }

    pub fn with_station(station: FillFinish) -> Self {
        let phase = station.phase();
        Self { station, desk: Desk::new(Page::Setup, CONTROLS), seen_phase: phase, seen_alarms: 0 }
    }

    pub fn page(&self) -> Page {
        self.desk.page()
    }

    /// Applies one action: the screen's own (pages, keypad) here, the rest at the unit.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let station = &mut self.station;
        let outcome = match self.desk.act(action, |set| station.act(set)) {
            Some(outcome) => outcome,
            None => self.station.act(action),
        };
        self.follow();
        outcome
    }

    pub fn inject(&mut self, event: &str) -> Outcome {
        let outcome = self.station.inject(event);
        self.follow();
        outcome
    }

    pub fn tick(&mut self, real_seconds: f64) -> Outcome {
        let outcome = self.station.pass_real_time(real_seconds);
        self.follow();
        outcome
    }

    /// Lets the unit's automated work finish (or `max_minutes` pass), for tests and scenarios.
    pub fn run_until_idle(&mut self, max_minutes: f64) {
        self.station.run_until_idle(max_minutes);
        self.follow();
    }

    /// Turns to the page the procedure needs: the next page when a phase is done, the run
    /// page when an alarm sounds.
    fn follow(&mut self) {
        let phase = self.station.phase();
        if phase != self.seen_phase {
            self.seen_phase = phase;
            self.desk.turn_to(Page::for_phase(phase));
        }
        let alarms = self.station.alarms().len();
        if alarms > self.seen_alarms && phase < Phase::Freezing {
            self.desk.turn_to(Page::Run);
        }
        self.seen_alarms = alarms;
    }

    /// What the screen shows now.
    pub fn view(&self) -> ScreenView {
        let s = &self.station;
        let phase = s.phase().name();
        let mut view = ScreenView {
            title: Text::new(format!("Fill-finish — {}", phase.en), format!("충전·마감 — {}", phase.ko)),
            corner: self.clock(),
            tabs: self.desk.tabs((!s.alarms().is_empty()).then_some(Page::Run)),
            ..ScreenView::default()
        };
        match self.desk.page() {
            Page::Setup => self.setup_page(&mut view),
            Page::Recipe => self.recipe_page(&mut view),
            Page::Run => self.run_page(&mut view),
            Page::Labels => self.labels_page(&mut view),
            Page::Results => self.results_page(&mut view),
        }
        view
    }

    /// The DMSO exposure timer, once DMSO has reached the cells.
    fn clock(&self) -> Text {
        let s = &self.station;
        if s.addition().started_at.is_none() {
            return Text::new(format!("Plate {:.1} °C", s.plate_c()), format!("플레이트 {:.1} °C", s.plate_c()));
        }
        let minutes = s.exposure_min();
        Text::new(
            format!("DMSO {:.0}/{:.0} min", minutes.floor(), s.settings().hold_min),
            format!("DMSO {:.0}/{:.0}분", minutes.floor(), s.settings().hold_min),
        )
    }

    fn setup_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let scanned = s.phase() >= Phase::BatchRecord;
        view.lines = vec![line(Text::new(
            format!("Batch {} · hold {:.0} min", s.settings().batch, s.settings().hold_min),
            format!("배치 {} · 허용 {:.0}분", s.settings().batch, s.settings().hold_min),
        ))];
        if scanned {
            let bag = s.incoming_din().to_string();
            view.lines.push(line(Text::new(format!("Bag DIN {bag}"), format!("백 DIN {bag}"))));
            let cells = s.incoming();
            view.lines.push(line(Text::new(
                format!(
                    "{:.2}×10⁹ cells · {:.0} % · {:.0} mL",
                    cells.cells / 1e9,
                    cells.viability * 100.0,
                    cells.volume_ml
                ),
                format!(
                    "세포 {:.2}×10⁹ · {:.0} % · {:.0} mL",
                    cells.cells / 1e9,
                    cells.viability * 100.0,
                    cells.volume_ml
                ),
            )));
        }
        if s.phase() == Phase::OnHold {
            view.lines.push(alarm(Text::new("On hold: identity query with QA", "보류: QA 식별 확인 중")));
        }
        for (index, weld) in Weld::ALL.into_iter().enumerate() {
            let state = match (s.welds()[index], s.welds_inspected()[index]) {
                (true, true) => Text::new("welded, inspected", "접합, 검사 완료"),
                (true, false) => Text::new("welded, inspect it", "접합됨, 검사 필요"),
                _ => Text::new("—", "—"),
            };
            let name = weld.name();
            view.lines
                .push(line(Text::new(format!("{}: {}", name.en, state.en), format!("{}: {}", name.ko, state.ko))));
        }
        view.tasks = self.tasks();
        view.buttons = vec![
            vec![press(
                LINE_CLEARANCE,
                Text::new("Line clearance done", "라인 클리어런스 완료"),
                s.phase() == Phase::LineClearance,
            )],
            vec![press(
                CHECK_BATCH_RECORD,
                Text::new("Batch record agrees", "제조기록서 일치"),
                s.phase() == Phase::BatchRecord,
            )],
            vec![press(
                REPORT_MISMATCH,
                Text::new("Report mismatch", "불일치 보고"),
                s.phase() != Phase::LineClearance && s.phase() < Phase::Freezing,
            )],
        ];
    }

    fn recipe_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let open = s.phase() >= Phase::LoadSet && s.phase() < Phase::Formulating;
        view.lines = Field::ALL
            .into_iter()
            .map(|field| {
                let name = field.name();
                let shown = field.value(&s.entry).map_or("—".to_owned(), |v| format!("{v}"));
                line(Text::new(format!("{}: {shown}", name.en), format!("{}: {shown}", name.ko)))
            })
            .collect();
        if let Some(plan) = s.plan() {
            view.lines.push(good(Text::new(
                format!("Cryoprotectant {:.1} mL · diluent {:.1} mL", plan.cryoprotectant_ml, plan.diluent_ml),
                format!("동결보호제 {:.1} mL · 희석액 {:.1} mL", plan.cryoprotectant_ml, plan.diluent_ml),
            )));
            view.lines.push(good(Text::new(
                format!("Total {:.1} mL · spare {:.1} mL", plan.total_ml, plan.spare_ml),
                format!("총 {:.1} mL · 여분 {:.1} mL", plan.total_ml, plan.spare_ml),
            )));
        }
        let field = |f: Field| self.desk.field_button(f, f.short(), open);
        view.buttons = vec![
            vec![field(Field::Cells), field(Field::Dmso), field(Field::Fill)],
            vec![field(Field::Bags), field(Field::Qc), field(Field::Retention)],
            vec![
                field(Field::AdditionTime),
                press(CONFIRM_RECIPE, Text::new("Confirm", "확정"), s.phase() == Phase::Recipe),
            ],
        ];
        view.buttons.extend(self.desk.keypad_rows());
    }

    fn run_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let plate = s.plate_c();
        let band = plate <= formulation::COLD_LIMIT_C;
        let cooling = if s.chiller_fault() {
            Text::new("chiller fault", "냉각기 고장")
        } else if s.cooling() {
            Text::new("cooling", "냉각 중")
        } else {
            Text::new("off", "꺼짐")
        };
        let plate_line = Text::new(
            format!("Plate {plate:.1} °C · {}{}", cooling.en, if s.lid_open() { " · lid open" } else { "" }),
            format!("플레이트 {plate:.1} °C · {}{}", cooling.ko, if s.lid_open() { " · 덮개 열림" } else { "" }),
        );
        view.lines = vec![if band { good(plate_line) } else { alarm(plate_line) }];
        let addition = s.addition();
        let planned = s.plan().map_or(0.0, |p| p.cryoprotectant_ml);
        view.lines.push(line(Text::new(
            format!(
                "Added {:.1}/{:.1} mL · DMSO {:.1} %{}",
                addition.added_ml,
                planned,
                s.dmso_percent_now(),
                if addition.paused { " · paused" } else { "" }
            ),
            format!(
                "첨가 {:.1}/{:.1} mL · DMSO {:.1} %{}",
                addition.added_ml,
                planned,
                s.dmso_percent_now(),
                if addition.paused { " · 일시 정지" } else { "" }
            ),
        )));
        view.lines.push(line(Text::new(
            format!(
                "Mixing {} · clamp {}",
                if s.mixing() { "on" } else { "off" },
                if s.cryo_clamp_open() { "open" } else { "closed" }
            ),
            format!(
                "혼합 {} · 클램프 {}",
                if s.mixing() { "켬" } else { "끔" },
                if s.cryo_clamp_open() { "열림" } else { "닫힘" }
            ),
        )));
        let exposure = s.exposure_min();
        let hold = s.settings().hold_min;
        if addition.started_at.is_some() {
            let text = Text::new(
                format!("DMSO exposure {exposure:.0} of {hold:.0} min"),
                format!("DMSO 노출 {exposure:.0}/{hold:.0}분"),
            );
            view.lines.push(if exposure > hold { alarm(text) } else { line(text) });
        }
        if !s.bags().is_empty() {
            let fills: Vec<String> = s.bags().iter().map(|bag| format!("{:.0}", bag.volume_ml)).collect();
            let fill = s.recipe().map_or(0.0, |r| r.fill_ml);
            view.lines.push(line(Text::new(
                format!("Bags {} / {fill:.0} mL", fills.join(" · ")),
                format!("백 {} / {fill:.0} mL", fills.join(" · ")),
            )));
        }
        for kind in s.alarms() {
            view.lines.push(alarm(kind.message()));
        }
        if let Some(notice) = s.notice() {
            view.lines.push(message(notice.clone()));
        }
        view.chart = Some(run_chart(s.history(), hold));
        let set_on = s.phase() >= Phase::Welding && s.phase() < Phase::Freezing && s.phase() != Phase::OnHold;
        let adding = addition.started_at.is_some() && !addition.done;
        view.buttons = vec![
            vec![
                press(
                    COOLING,
                    if s.chiller_fault() {
                        Text::new("Restart cooling", "냉각 재시작")
                    } else {
                        Text::new("Cooling", "냉각")
                    },
                    set_on && !s.cooling(),
                ),
                ScreenControl { selected: s.mixing(), ..press(MIXING, Text::new("Mixing", "혼합"), set_on) },
            ],
            vec![press(
                ADD_CRYOPROTECTANT,
                Text::new("Add cryoprotectant", "동결보호제 첨가"),
                s.phase() == Phase::Formulating && addition.started_at.is_none(),
            )],
            vec![
                press(PAUSE_ADDITION, Text::new("Pause", "일시 정지"), adding && !addition.paused),
                press(RESUME_ADDITION, Text::new("Resume", "재개"), adding && addition.paused),
            ],
            vec![
                press(FILL, Text::new("Fill bags", "백 충전"), s.phase() == Phase::Formulated),
                press(REMOVE_AIR, Text::new("Remove air", "공기 제거"), s.phase() == Phase::Filled && !s.air_removed()),
            ],
            vec![press(ALARM_ACK, Text::new("Acknowledge alarm", "경보 확인"), !s.alarms().is_empty())],
        ];
    }

    fn labels_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        match s.labels().cloned().or_else(|| s.labels_now()) {
            Some(labels) => {
                let printed = s.labels().is_some();
                view.lines.push(line(if printed {
                    Text::new("Printed from the batch record:", "제조기록서에서 인쇄됨:")
                } else {
                    Text::new("Will print from the batch record:", "제조기록서에서 인쇄 예정:")
                }));
                let text = labels.text();
                for (en, ko) in text.en.lines().zip(text.ko.lines()) {
                    view.lines.push(good(Text::new(en, ko)));
                }
            }
            None => view.lines.push(line(Text::new(
                "Confirm the recipe to print labels.",
                "라벨을 인쇄하려면 레시피를 확정하십시오.",
            ))),
        }
        let labelled = s.bags().iter().filter(|bag| bag.labelled).count();
        view.lines.push(line(Text::new(
            format!(
                "Bags labelled {labelled} of {} · overwrap {}",
                s.bags().len(),
                if s.overwrapped() { "done" } else { "—" }
            ),
            format!(
                "라벨 부착 {}개 중 {labelled}개 · 외포장 {}",
                s.bags().len(),
                if s.overwrapped() { "완료" } else { "—" }
            ),
        )));
        view.lines.push(line(Text::new(
            format!("Bag DIN {} · record {}", s.incoming_din(), s.batch_record_din()),
            format!("백 DIN {} · 기록서 {}", s.incoming_din(), s.batch_record_din()),
        )));
        view.buttons = vec![vec![press(
            REPORT_MISMATCH,
            Text::new("Report mismatch", "불일치 보고"),
            s.phase() != Phase::LineClearance && s.phase() < Phase::Freezing,
        )]];
    }

    fn results_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let viability = s.viability();
        let spec = s.settings().viability_spec;
        let text = Text::new(
            format!("Viability {:.1} % (spec ≥ {:.0} %)", viability * 100.0, spec * 100.0),
            format!("생존율 {:.1} % (기준 ≥ {:.0} %)", viability * 100.0, spec * 100.0),
        );
        view.lines = vec![if viability >= spec { good(text) } else { alarm(text) }];
        if let Some(concentration) = s.final_cells_per_ml() {
            view.lines.push(line(Text::new(
                format!("{:.2}×10⁶ cells/mL · DMSO {:.1} %", concentration / 1e6, s.dmso_percent_now()),
                format!("{:.2}×10⁶ 세포/mL · DMSO {:.1} %", concentration / 1e6, s.dmso_percent_now()),
            )));
        }
        let yes = |done: bool| if done { ("yes", "예") } else { ("no", "아니요") };
        let (qc, qc_ko) = yes(s.qc_sample());
        let (keep, keep_ko) = yes(s.retention_sample());
        view.lines.push(line(Text::new(
            format!("QC sample {qc} · retention {keep}"),
            format!("QC 샘플 {qc_ko} · 보관 샘플 {keep_ko}"),
        )));
        let product = s.product_c();
        view.lines.push(line(Text::new(format!("Product {product:.0} °C"), format!("제품 {product:.0} °C"))));
        if s.handed_off() {
            view.lines.push(line(Text::new(
                format!("DMSO exposure {:.0} min (hold {:.0})", s.exposure_min(), s.settings().hold_min),
                format!("DMSO 노출 {:.0}분 (허용 {:.0})", s.exposure_min(), s.settings().hold_min),
            )));
        }
        if s.phase() == Phase::Stored {
            view.lines.push(if product <= PRODUCT_STORAGE_LIMIT_C {
                good(Text::new(
                    format!("In LN₂ vapour, below {PRODUCT_STORAGE_LIMIT_C:.0} °C"),
                    format!("액체질소 기상, {PRODUCT_STORAGE_LIMIT_C:.0} °C 이하"),
                ))
            } else {
                line(Text::new(
                    format!("In LN₂ vapour, cooling below {PRODUCT_STORAGE_LIMIT_C:.0} °C"),
                    format!("액체질소 기상, {PRODUCT_STORAGE_LIMIT_C:.0} °C 이하로 냉각 중"),
                ))
            });
        }
        view.chart = Some(freezing_chart(s.freezing()));
        view.buttons = vec![
            vec![press(RECORD_TIMES, Text::new("Record times", "시간 기록"), s.handed_off() && !s.times_recorded())],
            vec![press(TRANSFER_LN2, Text::new("To LN₂ vapour", "액체질소 보관"), s.phase() == Phase::Frozen)],
        ];
    }

    /// The task list of the set-up page.
    fn tasks(&self) -> Vec<ScreenTask> {
        let s = &self.station;
        let phase = s.phase();
        let reached = |p: Phase| phase >= p && phase != Phase::OnHold;
        let steps = [
            (reached(Phase::BatchRecord), Text::new("Line clearance", "라인 클리어런스")),
            (reached(Phase::LoadSet), Text::new("Batch record, bag", "제조기록서, 백")),
            (reached(Phase::Welding), Text::new("Load the set", "세트 장착")),
            (reached(Phase::Recipe), Text::new("Weld, inspect", "접합, 검사")),
            (reached(Phase::Formulating), Text::new("Recipe", "레시피")),
            (reached(Phase::Formulated), Text::new("Cool, add DMSO", "냉각, DMSO 첨가")),
            (reached(Phase::Filled), Text::new("Fill", "충전")),
            (s.overwrapped(), Text::new("Seal, sample, label", "밀봉, 샘플, 라벨")),
            (reached(Phase::Freezing), Text::new("To the freezer", "동결기로")),
        ];
        let states: Vec<TaskState> = TaskState::in_order(steps.iter().map(|(done, _)| *done)).collect();
        steps.into_iter().zip(states).map(|((_, title), state)| ScreenTask { title, state }).collect()
    }
}

fn press(control: &str, caption: Text, enabled: bool) -> ScreenControl {
    ScreenControl::press(control, caption, enabled)
}

/// The plate's temperature and the DMSO exposure over the run's minutes, with the hold time.
fn run_chart(history: &[HistoryPoint], hold_min: f64) -> Chart {
    let points = |value: fn(&HistoryPoint) -> f64| history.iter().map(|p| (p.clock_min, value(p))).collect();
    let hold = match (history.first(), history.last()) {
        (Some(first), Some(last)) => vec![(first.clock_min, hold_min), (last.clock_min, hold_min)],
        _ => Vec::new(),
    };
    Chart {
        title: Text::new("Plate °C and DMSO exposure (min)", "플레이트 °C와 DMSO 노출 (분)"),
        empty: Text::new("The chart starts with the set.", "세트를 장착하면 그래프가 나타납니다."),
        tick: CHART_TICK_MIN,
        min_span: CHART_MIN_SPAN_MIN,
        series: vec![
            Series {
                name: Text::new("plate °C", "플레이트 °C"),
                tone: Tone::Normal,
                scale: 0,
                points: points(|p| p.plate_c),
            },
            Series {
                name: Text::new("exposure min", "노출 분"),
                tone: Tone::Good,
                scale: 1,
                points: points(|p| p.exposure_min),
            },
            Series { name: Text::new("hold min", "허용 분"), tone: Tone::Alarm, scale: 1, points: hold },
        ],
    }
}

/// The product's temperature in the freezer over the minutes since the hand-off, with the
/// storage limit.
fn freezing_chart(freezing: &[(f64, f64)]) -> Chart {
    let limit = match (freezing.first(), freezing.last()) {
        (Some(first), Some(last)) => vec![(first.0, PRODUCT_STORAGE_LIMIT_C), (last.0, PRODUCT_STORAGE_LIMIT_C)],
        _ => Vec::new(),
    };
    Chart {
        title: Text::new("Controlled-rate freezing, product °C", "속도 조절 동결, 제품 °C"),
        empty: Text::new(
            "The plot starts when the bags go in the freezer.",
            "백을 동결기에 넣으면 그래프가 나타납니다.",
        ),
        tick: FREEZING_TICK_MIN,
        min_span: FREEZING_MIN_SPAN_MIN,
        series: vec![
            Series {
                name: Text::new("product °C", "제품 °C"),
                tone: Tone::Accent,
                scale: 0,
                points: freezing.to_vec(),
            },
            Series { name: Text::new("storage limit", "보관 한계"), tone: Tone::Alarm, scale: 0, points: limit },
        ],
    }
}
