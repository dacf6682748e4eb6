//! The apheresis touchscreen as the operator uses it: pages (procedure and set, donor data,
//! run target, run values with a chart, alarms), a numeric keypad for the values, and the
//! buttons each page offers. The desk holds the page shown, the field being typed and what has
//! been typed; a value entered on the keypad reaches the machine as the `Set` of its control.

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
    Donor,
    Target,
    Run,
    Alarms,
}

impl Page {
    pub const ALL: [Page; 5] = [Page::Setup, Page::Donor, Page::Target, Page::Run, Page::Alarms];

    pub fn id(self) -> &'static str {
        match self {
            Page::Setup => "setup",
            Page::Donor => "donor",
            Page::Target => "target",
            Page::Run => "run",
            Page::Alarms => "alarms",
        }
    }

    pub fn name(self) -> Text {
        match self {
            Page::Setup => Text::new("Set-up", "준비"),
            Page::Donor => Text::new("Donor", "공여자"),
            Page::Target => Text::new("Target", "목표"),
            Page::Run => Text::new("Run", "운전"),
            Page::Alarms => Text::new("Alarms", "경보"),
        }
    }

    /// The page the screen turns to when the procedure reaches `phase`.
    fn for_phase(phase: Phase) -> Self {
        match phase {
            Phase::SelectProtocol | Phase::LoadingSet | Phase::SetLoaded | Phase::Priming => Page::Setup,
            Phase::Primed => Page::Donor,
            Phase::DonorEntered => Page::Target,
            _ => Page::Run,
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

/// A value typed on the keypad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Height,
    Weight,
    Hct,
    Cd3,
    TargetWb,
    TargetTime,
    TargetTbv,
}

impl Field {
    pub const ALL: [Field; 7] =
        [Field::Height, Field::Weight, Field::Hct, Field::Cd3, Field::TargetWb, Field::TargetTime, Field::TargetTbv];

    pub fn id(self) -> &'static str {
        match self {
            Field::Height => "height",
            Field::Weight => "weight",
            Field::Hct => "hct",
            Field::Cd3 => "cd3",
            Field::TargetWb => "target_wb",
            Field::TargetTime => "target_time",
            Field::TargetTbv => "target_tbv",
        }
    }

    /// The control whose `Set` the typed value becomes.
    pub fn control(self) -> &'static str {
        match self {
            Field::Height => DONOR_HEIGHT,
            Field::Weight => DONOR_WEIGHT,
            Field::Hct => DONOR_HCT,
            Field::Cd3 => DONOR_CD3,
            Field::TargetWb => TARGET_WB,
            Field::TargetTime => TARGET_TIME,
            Field::TargetTbv => TARGET_TBV,
        }
    }

    /// The field's name on its button, short enough for legible text.
    fn short(self) -> Text {
        match self {
            Field::Height => Text::new("Height", "키"),
            Field::Weight => Text::new("Weight", "체중"),
            Field::Hct => Text::new("Hct %", "Hct %"),
            Field::Cd3 => Text::new("CD3+/µL", "CD3+/µL"),
            Field::TargetWb => Text::new("WB mL", "전혈 mL"),
            Field::TargetTime => Text::new("Time min", "시간 (분)"),
            Field::TargetTbv => Text::new("TBV ×", "총혈액량 ×"),
        }
    }

    fn name(self) -> Text {
        match self {
            Field::Height => Text::new("Height (cm)", "키 (cm)"),
            Field::Weight => Text::new("Weight (kg)", "체중 (kg)"),
            Field::Hct => Text::new("Hct (%)", "헤마토크리트 (%)"),
            Field::Cd3 => Text::new("CD3+ (/µL)", "CD3+ (/µL)"),
            Field::TargetWb => Text::new("WB processed (mL)", "전혈 처리량 (mL)"),
            Field::TargetTime => Text::new("Run time (min)", "채집 시간 (분)"),
            Field::TargetTbv => Text::new("TBV processed (×)", "총혈액량 처리 (배)"),
        }
    }
}

/// One press of the inlet-flow buttons changes the flow by this much, mL/min (a game choice).
const INLET_STEP_ML_MIN: f64 = 5.0;

/// The chart's ticks: every 30 min of run, and at least an hour shown.
const CHART_TICK_MIN: f64 = 30.0;
const CHART_MIN_SPAN_MIN: f64 = 60.0;

impl Fields for Field {
    const ALL: &'static [Self] = &Field::ALL;

    fn id(self) -> &'static str {
        Field::id(self)
    }

    fn control(self) -> &'static str {
        Field::control(self)
    }
}

/// The apheresis machine with its touchscreen: the page shown and the keypad's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ApheresisDesk {
    pub station: Apheresis,
    desk: Desk<Page, Field>,
    /// The phase and alarms the page last followed.
    seen_phase: Phase,
    seen_alarms: usize,
}

impl ApheresisDesk {
    pub fn new(operator: &str) -> Self {
        Self::with_station(Apheresis::new(operator))
    }

    pub fn with_station(station: Apheresis) -> Self {
        let phase = station.phase();
        Self { station, desk: Desk::new(Page::Setup, CONTROLS), seen_phase: phase, seen_alarms: 0 }
    }

    pub fn page(&self) -> Page {
        self.desk.page()
    }

    /// Applies one action: the screen's own (pages, keypad) here, the rest at the machine.
    pub fn act(&mut self, action: &Action) -> Outcome {
        let station = &mut self.station;
        let outcome = match self.desk.act(action, |set| station.act(set)) {
            Some(outcome) => outcome,
            None => self.station.act(action),
        };
        self.follow();
        outcome
    }

    /// Lets the machine run its automated process (priming, collection, rinseback) to its end
    /// or for `max_minutes`, for tests and scenarios.
    pub fn run_until_ended(&mut self, max_minutes: f64) {
        self.station.run_until_ended(max_minutes);
        self.follow();
    }

    /// Lets real time pass at the machine's pace.
    pub fn tick(&mut self, real_seconds: f64) -> Outcome {
        let outcome = self.station.pass_real_time(real_seconds);
        self.follow();
        outcome
    }

    /// Turns to the page the procedure needs: the next page when a phase is done, the alarms
    /// when one sounds.
    pub(super) fn follow(&mut self) {
        let phase = self.station.phase();
        if phase != self.seen_phase {
            self.seen_phase = phase;
            self.desk.turn_to(Page::for_phase(phase));
        }
        let alarms = self.station.alarms().len();
        if alarms > self.seen_alarms {
            self.desk.turn_to(Page::Alarms);
        } else if alarms == 0 && self.seen_alarms > 0 && self.desk.page() == Page::Alarms {
            self.desk.turn_to(Page::for_phase(phase));
        }
        self.seen_alarms = alarms;
    }

    /// What the screen shows now.
    pub fn view(&self) -> ScreenView {
        let station = &self.station;
        let phase = station.phase().name();
        let mut view = ScreenView {
            title: Text::new(format!("Apheresis — {}", phase.en), format!("성분채집 — {}", phase.ko)),
            corner: self.clock(),
            tabs: self.desk.tabs((!station.alarms().is_empty()).then_some(Page::Alarms)),
            ..ScreenView::default()
        };
        match self.desk.page() {
            Page::Setup => self.setup_page(&mut view),
            Page::Donor => self.donor_page(&mut view),
            Page::Target => self.target_page(&mut view),
            Page::Run => self.run_page(&mut view),
            Page::Alarms => self.alarms_page(&mut view),
        }
        view
    }

    fn clock(&self) -> Text {
        let minutes = self.station.run_time_min();
        let (h, m) = ((minutes / 60.0).floor(), (minutes % 60.0).floor());
        Text::new(format!("Run {h:.0}:{m:02.0}"), format!("채집 {h:.0}:{m:02.0}"))
    }

    fn setup_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let yes_no = |done: bool| if done { "yes" } else { "no" };
        let ye_a = |done: bool| if done { "예" } else { "아니요" };
        let protocol = s.protocol().map(Protocol::name);
        view.lines = vec![
            line(Text::new(
                format!("Procedure: {}", protocol.as_ref().map_or("—", |p| p.en.as_str())),
                format!("절차: {}", protocol.as_ref().map_or("—", |p| p.ko.as_str())),
            )),
            line(Text::new(
                format!("Cassette mounted: {}", yes_no(s.cassette_on)),
                format!("카세트 장착: {}", ye_a(s.cassette_on)),
            )),
            line(Text::new(
                format!("Filler in centrifuge: {}", yes_no(s.filler_in)),
                format!("원심분리기 필러: {}", ye_a(s.filler_in)),
            )),
            line(Text::new(
                format!("Centrifuge door {}", if s.door_open { "open" } else { "closed" }),
                format!("원심분리기 문 {}", if s.door_open { "열림" } else { "닫힘" }),
            )),
            line(Text::new(
                format!("Lines in pumps: {} of 5", s.seated.iter().filter(|x| **x).count()),
                format!("펌프에 끼운 라인: 5개 중 {}개", s.seated.iter().filter(|x| **x).count()),
            )),
            line(hook_text(Text::new("AC hook", "항응고제 걸이"), s.ac_hook)),
            line(hook_text(Text::new("Saline hook", "생리식염수 걸이"), s.saline_hook)),
        ];
        if s.phase() == Phase::Priming {
            let left = (s.phase_until_min - s.clock_min).max(0.0);
            view.lines
                .push(good(Text::new(format!("Priming: {left:.1} min left"), format!("프라이밍: {left:.1}분 남음"))));
        }
        view.tasks = self.tasks();
        let choose = |protocol: Protocol| ScreenControl {
            action: Action::Set { control: PROCEDURE.into(), value: Value::Choice(protocol.id().into()) },
            caption: protocol.name(),
            enabled: s.phase() <= Phase::LoadingSet,
            selected: s.protocol() == Some(protocol),
        };
        view.buttons = vec![
            vec![choose(Protocol::Mnc), choose(Protocol::Cmnc)],
            vec![press(LOAD_SET, Text::new("Load set", "세트 장착"), s.phase() == Phase::LoadingSet)],
            vec![press(PRIME, Text::new("Prime", "프라이밍"), s.phase() == Phase::SetLoaded)],
        ];
    }

    fn donor_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let entry = s.entry();
        let open = s.phase() >= Phase::Primed && s.phase() < Phase::Collecting;
        let sex = entry.sex.map(Sex::name);
        view.lines = vec![line(Text::new(
            format!("Sex: {}", sex.as_ref().map_or("—", |t| t.en.as_str())),
            format!("성별: {}", sex.as_ref().map_or("—", |t| t.ko.as_str())),
        ))];
        for (field, value) in [
            (Field::Height, entry.height_cm),
            (Field::Weight, entry.weight_kg),
            (Field::Hct, entry.hct_percent),
            (Field::Cd3, entry.cd3_per_ul),
        ] {
            let name = field.name();
            let shown = value.map_or("—".to_owned(), |v| format!("{v}"));
            view.lines.push(line(Text::new(format!("{}: {shown}", name.en), format!("{}: {shown}", name.ko))));
        }
        if let Some(tbv) = s.entered_tbv_l() {
            view.lines
                .push(good(Text::new(format!("TBV (Nadler): {tbv:.2} L"), format!("총혈액량 (Nadler): {tbv:.2} L"))));
        }
        let sex_button = |sex: Sex| ScreenControl {
            action: Action::Set { control: DONOR_SEX.into(), value: Value::Choice(sex.id().into()) },
            caption: sex.name(),
            enabled: open,
            selected: entry.sex == Some(sex),
        };
        view.buttons = vec![vec![sex_button(Sex::Male), sex_button(Sex::Female)]];
        let hct_open = open || s.phase() == Phase::Collecting;
        view.buttons.push(vec![self.field_button(Field::Height, open), self.field_button(Field::Weight, open)]);
        view.buttons.push(vec![self.field_button(Field::Hct, hct_open), self.field_button(Field::Cd3, open)]);
        self.keypad(&mut view.buttons);
        view.buttons.push(vec![press(
            CONFIRM_DONOR,
            Text::new("Confirm donor data", "공여자 정보 확인"),
            s.phase() == Phase::Primed || s.phase() == Phase::DonorEntered || s.phase() == Phase::TargetSet,
        )]);
    }

    fn target_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let open = s.phase() >= Phase::DonorEntered && s.phase() <= Phase::Collecting;
        let tbv = s.entered_tbv_l();
        view.lines = vec![line(match tbv {
            Some(tbv) => Text::new(format!("TBV: {tbv:.2} L"), format!("총혈액량: {tbv:.2} L")),
            None => Text::new("TBV: enter the donor data first", "총혈액량: 먼저 공여자 정보를 입력"),
        })];
        let (en, ko) = match s.target() {
            Some(RunTarget::WholeBloodMl(ml)) => (format!("{ml:.0} mL whole blood"), format!("전혈 {ml:.0} mL")),
            Some(RunTarget::RunTimeMin(min)) => (format!("{min:.0} min run time"), format!("채집 시간 {min:.0}분")),
            Some(RunTarget::Tbv(x)) => (format!("{x:.2} TBV"), format!("총혈액량 {x:.2}배")),
            None => ("none".to_owned(), "없음".to_owned()),
        };
        view.lines.push(line(Text::new(format!("Run target: {en}"), format!("채집 목표: {ko}"))));
        if let (Some(planned), Some(tbv)) = (self.planned_ml(), tbv) {
            let estimate = s.planning_ce2() * s.entry().cd3_per_ul.unwrap_or(0.0) * 1000.0 * planned / 1e9;
            view.lines.push(good(Text::new(
                format!("Planned: {:.0} mL ({:.2} TBV)", planned, planned / (tbv * 1000.0)),
                format!("계획: {:.0} mL (총혈액량 {:.2}배)", planned, planned / (tbv * 1000.0)),
            )));
            view.lines.push(good(Text::new(
                format!("Estimated CD3+ at target: {estimate:.2}×10⁹"),
                format!("목표 시 예상 CD3+: {estimate:.2}×10⁹"),
            )));
        }
        let ce = s.planning_ce2() * 100.0;
        view.lines.push(line(Text::new(
            format!("Estimate assumes CE2 {ce:.0} %. Entering one target clears the others."),
            format!("추정은 CE2 {ce:.0} % 기준. 목표 하나를 입력하면 나머지는 지워집니다."),
        )));
        view.buttons = vec![
            vec![self.field_button(Field::TargetWb, open), self.field_button(Field::TargetTime, open)],
            vec![self.field_button(Field::TargetTbv, open)],
        ];
        self.keypad(&mut view.buttons);
    }

    /// The whole blood the run target will process, mL, as far as it can be told before the run.
    fn planned_ml(&self) -> Option<f64> {
        let s = &self.station;
        match s.target()? {
            RunTarget::WholeBloodMl(ml) => Some(ml),
            RunTarget::Tbv(x) => Some(x * s.entered_tbv_l()? * 1000.0),
            RunTarget::RunTimeMin(min) => {
                let share = s.protocol().map_or(1.0, Protocol::processing_share);
                Some(min * s.inlet_set_ml_min() * (1.0 - 1.0 / s.ac_ratio()) * share)
            }
        }
    }

    fn run_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        let flows = s.flows();
        let running = s.phase() == Phase::Collecting;
        let tbv = s.tbv_processed();
        let ac_rate = s.entered_tbv_l().map_or(0.0, |tbv| flows.acd_a_ml_min / tbv);
        let estimate = s.cd3_estimate() / 1e9;
        view.lines = vec![
            line(Text::new(
                format!("Inlet {:.0} mL/min · set {:.0}", flows.inlet_ml_min, s.inlet_set_ml_min()),
                format!("유입 {:.0} mL/min · 설정 {:.0}", flows.inlet_ml_min, s.inlet_set_ml_min()),
            )),
            line(Text::new(
                format!("AC ratio {:.0}:1 · {:.1} mL/min", s.ac_ratio(), flows.acd_a_ml_min),
                format!("항응고제 {:.0}:1 · {:.1} mL/min", s.ac_ratio(), flows.acd_a_ml_min),
            )),
            line(Text::new(format!("AC rate {ac_rate:.2} mL/min/L"), format!("항응고제 주입 {ac_rate:.2} mL/min/L"))),
            line(Text::new(
                format!("Processed {:.0} mL · {tbv:.2} TBV", s.processed_ml()),
                format!("처리량 {:.0} mL · 총혈액량 {tbv:.2}배", s.processed_ml()),
            )),
            line(Text::new(format!("Product {:.0} mL", s.product_ml()), format!("산물 {:.0} mL", s.product_ml()))),
            good(Text::new(format!("CD3+ (estimate) {estimate:.2}×10⁹"), format!("CD3+ (추정) {estimate:.2}×10⁹"))),
            line(Text::new(
                format!("ACD-A left {:.0} mL", s.acd_a_left_ml()),
                format!("ACD-A 잔량 {:.0} mL", s.acd_a_left_ml()),
            )),
        ];
        if flows.limited_by_ac {
            view.lines
                .push(message(Text::new("Inlet limited by the AC infusion rate", "항응고제 주입 속도로 유입 제한")));
        }
        if s.paused() {
            view.lines.push(message(Text::new("Pumps paused", "펌프 일시 정지")));
        }
        if s.saline_prompted() && s.saline_clamp_open() && running {
            view.lines.push(alarm(Text::new("Close the inlet saline line", "유입 생리식염수 라인을 잠그십시오")));
        }
        view.chart = Some(chart(s.history()));
        let inlet = s.inlet_set_ml_min();
        let set_inlet = |value: f64, caption: Text, selected: bool| ScreenControl {
            action: Action::Set { control: INLET_FLOW.into(), value: Value::Number(value) },
            caption,
            enabled: s.phase() >= Phase::DonorEntered && s.phase() <= Phase::Collecting,
            selected,
        };
        let lower = (inlet - INLET_STEP_ML_MIN).max(INLET_RANGE_ML_MIN.0);
        let higher = (inlet + INLET_STEP_ML_MIN).min(INLET_RANGE_ML_MIN.1);
        let ratio = s.ac_ratio();
        let set_ratio = |value: f64, caption: Text, selected: bool| ScreenControl {
            action: Action::Set { control: AC_RATIO.into(), value: Value::Number(value) },
            caption,
            enabled: s.phase() >= Phase::DonorEntered && s.phase() <= Phase::Collecting,
            selected,
        };
        let literal = |text: String| Text::new(text.clone(), text);
        view.buttons = vec![
            vec![press(START, Text::new("Start run", "채집 시작"), s.phase() == Phase::TargetSet)],
            vec![
                set_inlet(lower, literal(format!("− {lower:.0}")), false),
                set_inlet(inlet, Text::new(format!("Inlet {inlet:.0}"), format!("유입 {inlet:.0}")), true),
                set_inlet(higher, literal(format!("+ {higher:.0}")), false),
            ],
            vec![
                set_ratio(
                    (ratio - 1.0).max(AC_RATIO_RANGE.0),
                    literal(format!("− {:.0}", (ratio - 1.0).max(AC_RATIO_RANGE.0))),
                    false,
                ),
                set_ratio(ratio, Text::new(format!("AC {ratio:.0}:1"), format!("항응고제 {ratio:.0}:1")), true),
                set_ratio(
                    (ratio + 1.0).min(AC_RATIO_RANGE.1),
                    literal(format!("+ {:.0}", (ratio + 1.0).min(AC_RATIO_RANGE.1))),
                    false,
                ),
            ],
            vec![
                press(PAUSE, Text::new("Pause", "일시 정지"), running && !s.paused()),
                press(RESUME, Text::new("Resume", "재개"), running && s.paused()),
            ],
            vec![press(END_RUN, Text::new("End run", "채집 종료"), running)],
            vec![
                press(RINSEBACK, Text::new("Rinseback", "혈액 반환"), s.phase() == Phase::Ended),
                press(SKIP_RINSEBACK, Text::new("End without", "반환 없이 종료"), s.phase() == Phase::Ended),
            ],
        ];
    }

    fn alarms_page(&self, view: &mut ScreenView) {
        let s = &self.station;
        view.lines = if s.alarms().is_empty() {
            vec![line(Text::new("No active alarm.", "활성 경보 없음."))]
        } else {
            s.alarms().iter().map(|a| alarm(a.kind.message())).collect()
        };
        let running = s.phase() == Phase::Collecting;
        view.buttons = vec![
            vec![press(ALARM_ACK, Text::new("Acknowledge · continue", "경보 확인 · 계속"), !s.alarms().is_empty())],
            vec![press(CLEAR_AIR, Text::new("Clear air", "공기 제거"), s.alarm_active(AlarmKind::AirDetected))],
            vec![
                press(STOP_AC, Text::new("Stop AC", "항응고제 정지"), running && !s.ac_stopped()),
                press(RESTART_AC, Text::new("Restart AC", "항응고제 재시작"), running && s.ac_stopped()),
            ],
            vec![
                press(PAUSE, Text::new("Pause", "일시 정지"), running && !s.paused()),
                press(RESUME, Text::new("Resume", "재개"), running && s.paused()),
            ],
        ];
    }

    /// A field's button: choosing it opens the keypad on it; it shows what has been typed.
    fn field_button(&self, field: Field, enabled: bool) -> ScreenControl {
        self.desk.field_button(field, field.short(), enabled)
    }

    /// The keypad, under the fields: digits, the point, delete and enter.
    fn keypad(&self, rows: &mut Vec<Vec<ScreenControl>>) {
        rows.extend(self.desk.keypad_rows());
    }

    /// The task list of the set-up page.
    fn tasks(&self) -> Vec<ScreenTask> {
        let phase = self.station.phase();
        let steps = [
            (Phase::LoadingSet, Text::new("Select procedure", "절차 선택")),
            (Phase::SetLoaded, Text::new("Load the set", "세트 장착")),
            (Phase::Primed, Text::new("Hang bags, prime", "백 걸기, 프라이밍")),
            (Phase::DonorEntered, Text::new("Donor data", "공여자 정보")),
            (Phase::TargetSet, Text::new("Run target", "채집 목표")),
            (Phase::Collecting, Text::new("Connect, start", "연결, 시작")),
            (Phase::Ended, Text::new("Collect", "채집")),
            (Phase::RunComplete, Text::new("Rinseback", "혈액 반환")),
            (Phase::Disconnected, Text::new("Disconnect", "분리")),
        ];
        let states: Vec<TaskState> = TaskState::in_order(steps.iter().map(|(reached, _)| phase >= *reached)).collect();
        steps.into_iter().zip(states).map(|((_, title), state)| ScreenTask { title, state }).collect()
    }
}

fn press(control: &str, caption: Text, enabled: bool) -> ScreenControl {
    ScreenControl::press(control, caption, enabled)
}

fn hook_text(hook: Text, bag: Option<Bag>) -> Text {
    let (en, ko) = match bag.map(Bag::fluid) {
        Some(Fluid::AcdA) => ("ACD-A", "ACD-A"),
        Some(Fluid::Saline) => ("saline", "생리식염수"),
        None => ("—", "—"),
    };
    Text::new(format!("{}: {en}", hook.en), format!("{}: {ko}", hook.ko))
}

/// Whole blood processed (L) and estimated CD3+ collected (×10⁹) over the run's minutes.
fn chart(history: &[HistoryPoint]) -> Chart {
    let points = |value: fn(&HistoryPoint) -> f64| history.iter().map(|p| (p.run_min, value(p))).collect();
    Chart {
        title: Text::new("Processed volume and CD3+ collected", "처리량과 CD3+ 채집량"),
        empty: Text::new("The chart starts with the run.", "채집을 시작하면 그래프가 나타납니다."),
        tick: CHART_TICK_MIN,
        min_span: CHART_MIN_SPAN_MIN,
        series: vec![
            Series {
                name: Text::new("processed (L)", "처리량 (L)"),
                tone: Tone::Normal,
                scale: 0,
                points: points(|p| p.processed_l),
            },
            Series {
                name: Text::new("CD3+ (×10⁹)", "CD3+ (×10⁹)"),
                tone: Tone::Good,
                scale: 1,
                points: points(|p| p.cd3_estimate_e9),
            },
        ],
    }
}
