//! The instructor stepping in while a trainee plays: pausing and resuming, skipping a step,
//! restarting, firing one of the level's injected events now, and sending a short message.
//!
//! Every intervention the runner takes is on the report with its level time (and so in the
//! records), and is replayed from them like the trainee's actions. An assessment attempt with
//! an intervention is not a clean pass (`Report::clean_pass`); a level's author can
//! forbid the interventions that help in assessment (`scoring.interventions_in_assessment`).

use serde::{Deserialize, Serialize};

use crate::common::Text;

/// The longest message an instructor may send, in characters: a short line the trainee can
/// read at a glance in a headset.
pub const MESSAGE_MAX_CHARS: usize = 120;

/// What the instructor did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Intervention {
    /// The level clock stops and the trainee cannot act until the instructor resumes.
    Pause,
    Resume,
    /// The step counts as done, for no points.
    SkipStep {
        step: String,
    },
    /// The attempt starts over (the game starts a fresh one).
    Restart,
    /// One of the level's injected events happens now instead of when the level says.
    FireEvent {
        event: String,
    },
    /// A line for the trainee to read.
    Message {
        text: String,
    },
}

impl Intervention {
    /// Pausing, resuming and restarting stay possible where a level forbids interventions in
    /// assessment: a trainee unwell in a headset must always be stopped. They still make the
    /// attempt not a clean pass.
    pub fn always_allowed(&self) -> bool {
        matches!(self, Intervention::Pause | Intervention::Resume | Intervention::Restart)
    }
}

/// An intervention the runner took, at its level time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intervened {
    pub intervention: Intervention,
    /// Level time, in seconds.
    pub time_s: f64,
}

/// Why the runner did not take an intervention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The level has ended.
    Finished,
    /// The level forbids this intervention in assessment.
    Forbidden,
    AlreadyPaused,
    NotPaused,
    UnknownStep(String),
    StepDone(String),
    UnknownEvent(String),
    /// The event has already happened (it can be fired once).
    EventAlreadyFired(String),
    EmptyMessage,
    MessageTooLong {
        chars: usize,
    },
}

impl Refused {
    /// What the instructor is told, in English and Korean.
    pub fn text(&self) -> Text {
        match self {
            Refused::Finished => Text::new("The level has ended.", "레벨이 끝났습니다."),
            Refused::Forbidden => Text::new(
                "This level forbids interventions in assessment (only pause, resume and restart).",
                "이 레벨은 평가 중 개입을 허용하지 않습니다(일시 정지, 재개, 재시작만 가능).",
            ),
            Refused::AlreadyPaused => Text::new("The session is already paused.", "세션이 이미 일시 정지되었습니다."),
            Refused::NotPaused => Text::new("The session is not paused.", "세션이 일시 정지되지 않았습니다."),
            Refused::UnknownStep(step) => {
                Text::new(format!("The level has no step `{step}`."), format!("레벨에 `{step}` 단계가 없습니다."))
            }
            Refused::StepDone(step) => {
                Text::new(format!("Step `{step}` is already done."), format!("`{step}` 단계는 이미 완료되었습니다."))
            }
            Refused::UnknownEvent(event) => Text::new(
                format!("The level has no injected event `{event}`."),
                format!("레벨에 `{event}` 주입 이벤트가 없습니다."),
            ),
            Refused::EventAlreadyFired(event) => Text::new(
                format!("Event `{event}` has already happened."),
                format!("`{event}` 이벤트는 이미 발생했습니다."),
            ),
            Refused::EmptyMessage => Text::new("The message is empty.", "메시지가 비어 있습니다."),
            Refused::MessageTooLong { chars } => Text::new(
                format!("The message has {chars} characters; at most {MESSAGE_MAX_CHARS} can be read in a headset."),
                format!("메시지가 {chars}자입니다. 헤드셋에서 읽을 수 있도록 {MESSAGE_MAX_CHARS}자 이하로 쓰십시오."),
            ),
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for Refused {}
