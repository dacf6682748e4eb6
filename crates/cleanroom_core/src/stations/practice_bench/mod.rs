//! The practice bench: a bench in the corridor, outside the classified rooms and marked for
//! training only, where a trainee who has never played a 3D game tries every way of handling
//! the cleanroom before the first real lesson (the tutorial level). It runs no process: its
//! push button, dial, tube, heat sealer and touchscreen answer the way the real stations' do,
//! so the hands learn the same moves, and its screen says what each move did.

pub mod ids;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::common::{Text, Value};
use crate::level::{Action, ConnectMethod};
use crate::stations::batch_record::{BatchRecord, EntryKind};
use crate::stations::screen::{ScreenControl, ScreenTask, ScreenView, TaskState, good, line, message};
use crate::stations::{Line, Outcome, StationModel, StationSpec};
use ids::*;

/// What the practice bench declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &[],
    settings: &[],
    new: |operator| Box::new(PracticeBench::new(operator)),
};

/// Every key the bench reports.
pub const OBSERVATION_KEYS: &[&str] = &["button_presses", "dial_value", "welded", "sealed", "screen_started"];

/// The practice bench's state: what the trainee has done with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeBench {
    button_presses: u32,
    dial: f64,
    dial_turned: bool,
    welded: bool,
    sealed: bool,
    started: bool,
    record: BatchRecord,
    operator: String,
    time_h: f64,
}

impl PracticeBench {
    pub fn new(operator: &str) -> Self {
        PracticeBench {
            button_presses: 0,
            dial: DIAL_MIN,
            dial_turned: false,
            welded: false,
            sealed: false,
            started: false,
            record: BatchRecord::new(),
            operator: operator.to_owned(),
            time_h: 0.0,
        }
    }

    /// Applies one of the trainee's actions; actions about other things come back unhandled.
    pub fn act(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Press { control } if control == BUTTON => {
                self.button_presses += 1;
                let presses = self.button_presses;
                self.note(
                    EntryKind::Equipment,
                    Value::Number(f64::from(presses)),
                    Text::new(format!("Practice button pressed ({presses})"), format!("연습 버튼 누름 ({presses})")),
                )
            }
            Action::Press { control } if control == SCREEN_START => self.start(true),
            Action::Press { control } if control == SCREEN_STOP => self.start(false),
            Action::Set { control, value } if control == DIAL => self.turn(value),
            Action::Connect { a, b, method } if a == LINE || b == LINE => {
                let other = if a == LINE { b } else { a };
                self.weld(other, *method)
            }
            Action::Seal { tube } if tube == LINE => self.seal(),
            Action::Inspect { object } if object == LINE => Outcome { handled: true, ..Outcome::default() },
            _ => Outcome::default(),
        }
    }

    fn start(&mut self, start: bool) -> Outcome {
        if self.started == start {
            return if start {
                Outcome::refused(
                    "practice:running",
                    "The practice run is running already.",
                    "연습 실행이 이미 진행 중입니다.",
                )
            } else {
                Outcome::refused(
                    "practice:stopped",
                    "The practice run is not running.",
                    "연습 실행이 진행 중이 아닙니다.",
                )
            };
        }
        self.started = start;
        let text = if start {
            Text::new("Practice run started on the touchscreen", "터치스크린에서 연습 실행 시작")
        } else {
            Text::new("Practice run stopped on the touchscreen", "터치스크린에서 연습 실행 중지")
        };
        self.note(EntryKind::Equipment, Value::Flag(start), text)
    }

    fn turn(&mut self, value: &Value) -> Outcome {
        let Value::Number(value) = value else {
            return Outcome::refused("practice:dial", "The dial takes a number.", "다이얼은 숫자를 받습니다.");
        };
        if !(DIAL_MIN..=DIAL_MAX).contains(value) {
            return Outcome::refused(
                "practice:dial_range",
                "The practice dial goes from 0 to 10.",
                "연습 다이얼은 0에서 10까지입니다.",
            );
        }
        self.dial = *value;
        self.dial_turned = true;
        self.note(
            EntryKind::Setting,
            Value::Number(*value),
            Text::new(format!("Practice dial set to {value}"), format!("연습 다이얼 {value}(으)로 설정")),
        )
    }

    fn weld(&mut self, other: &str, method: ConnectMethod) -> Outcome {
        if other != BAG {
            return Outcome::refused(
                "practice:weld_target",
                "The practice tube is welded to the practice bag in the tray: use the tube's end, then the bag.",
                "연습 튜브는 트레이 안의 연습 백에 접합합니다. 튜브 끝을 사용한 다음 백을 사용하십시오.",
            );
        }
        if method != ConnectMethod::SterileWeld {
            return Outcome::refused(
                "practice:open",
                "Tubes are joined with the sterile welder here, so the system stays closed.",
                "이곳의 튜브는 시스템이 닫힌 상태로 유지되도록 무균 접합기로 연결합니다.",
            );
        }
        if self.welded {
            return Outcome::refused(
                "practice:welded",
                "The practice tube is welded to the bag already.",
                "연습 튜브가 이미 백에 접합되어 있습니다.",
            );
        }
        self.welded = true;
        self.note(
            EntryKind::Connection,
            Value::Flag(true),
            Text::new("Practice tube welded to the practice bag", "연습 튜브를 연습 백에 접합"),
        )
    }

    fn seal(&mut self) -> Outcome {
        if !self.welded {
            return Outcome::refused(
                "practice:nothing_to_seal",
                "Weld the tube to the bag first: a seal closes a tube that leads to a bag.",
                "먼저 튜브를 백에 접합하십시오. 밀봉은 백으로 이어진 튜브를 닫는 것입니다.",
            );
        }
        if self.sealed {
            return Outcome::refused("practice:sealed", "The tube is sealed already.", "튜브가 이미 밀봉되었습니다.");
        }
        self.sealed = true;
        self.note(EntryKind::Connection, Value::Flag(true), Text::new("Practice tube heat-sealed", "연습 튜브 열 밀봉"))
    }

    fn note(&mut self, kind: EntryKind, value: Value, text: Text) -> Outcome {
        let id = self.record.record(self.time_h, &self.operator, kind, value, text);
        Outcome { handled: true, refusals: Vec::new(), notes: self.record.entry(id).cloned().into_iter().collect() }
    }

    /// Every observation key with its value now.
    pub fn observations(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("button_presses", Value::Number(f64::from(self.button_presses))),
            ("dial_value", Value::Number(self.dial)),
            ("welded", Value::Flag(self.welded)),
            ("sealed", Value::Flag(self.sealed)),
            ("screen_started", Value::Flag(self.started)),
        ]
    }

    /// The touchscreen: what each move did, the moves in order, and start or stop.
    pub fn view(&self) -> ScreenView {
        let tube = match (self.welded, self.sealed) {
            (false, _) => Text::new("Tube: not welded yet", "튜브: 아직 접합하지 않음"),
            (true, false) => Text::new("Tube: welded to the practice bag", "튜브: 연습 백에 접합됨"),
            (true, true) => Text::new("Tube: welded and sealed", "튜브: 접합 후 밀봉됨"),
        };
        let run = if self.started {
            good(Text::new("Practice run: running", "연습 실행: 진행 중"))
        } else {
            line(Text::new("Practice run: stopped", "연습 실행: 정지"))
        };
        let presses = self.button_presses;
        let dial = self.dial;
        let lines = vec![
            message(Text::new("FOR TRAINING ONLY — no product", "교육 전용 — 제품 없음")),
            line(Text::new(format!("Green button: pressed {presses} times"), format!("녹색 버튼: {presses}회 누름"))),
            line(Text::new(format!("Dial: {dial:.1}"), format!("다이얼: {dial:.1}"))),
            line(tube),
            run,
        ];
        let moves = [
            (Text::new("Press the green button", "녹색 버튼 누르기"), self.button_presses > 0),
            (Text::new("Turn the dial", "다이얼 돌리기"), self.dial_turned),
            (Text::new("Weld the tube to the bag", "튜브를 백에 접합하기"), self.welded),
            (Text::new("Seal the tube", "튜브 밀봉하기"), self.sealed),
            (Text::new("Start on this screen", "이 화면에서 시작하기"), self.started),
        ];
        let states = TaskState::in_order(moves.iter().map(|(_, done)| *done)).collect::<Vec<_>>();
        let tasks = moves.into_iter().zip(states).map(|((title, _), state)| ScreenTask { title, state }).collect();
        let button = if self.started {
            ScreenControl::press(SCREEN_STOP, Text::new("Stop", "중지"), true)
        } else {
            ScreenControl::press(SCREEN_START, Text::new("Start", "시작"), true)
        };
        ScreenView {
            title: Text::new("Practice bench", "연습 작업대"),
            corner: Text::new("Training", "교육"),
            lines,
            tasks,
            buttons: vec![vec![button]],
            ..ScreenView::default()
        }
    }
}

impl StationModel for PracticeBench {
    fn act(&mut self, action: &Action) -> Outcome {
        PracticeBench::act(self, action)
    }

    fn observations(&self) -> Vec<(&'static str, Value)> {
        PracticeBench::observations(self)
    }

    fn screen(&self) -> ScreenView {
        self.view()
    }

    fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    fn lines(&self) -> Vec<Line> {
        vec![Line { id: LINE.into(), joined_to: self.welded.then(|| BAG.into()), clamp: None }]
    }

    fn settings(&self) -> Vec<(&'static str, f64)> {
        vec![(DIAL, self.dial)]
    }

    fn configure(&mut self, _settings: &BTreeMap<String, Value>) {
        *self = PracticeBench::new(&self.operator);
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        self.time_h += real_seconds / 3600.0;
        Outcome::default()
    }
}
