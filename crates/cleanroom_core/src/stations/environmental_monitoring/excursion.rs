//! The excursion workflow of domain.md §2.4: a result over its action limit is recorded as a
//! deviation and QA notified, the isolate identified (to species for Grades A and B), the
//! impact on every batch made in the period assessed, the root cause found, a CAPA raised, its
//! effectiveness checked by follow-up monitoring and trending, and only then is the excursion
//! closed. Each stage needs the one before it.

use serde::{Deserialize, Serialize};

use crate::common::Text;

/// The stages, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    Deviation,
    NotifyQa,
    Identify,
    Impact,
    RootCause,
    Capa,
    FollowUp,
    Close,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Deviation,
        Stage::NotifyQa,
        Stage::Identify,
        Stage::Impact,
        Stage::RootCause,
        Stage::Capa,
        Stage::FollowUp,
        Stage::Close,
    ];

    pub fn name(self) -> Text {
        match self {
            Stage::Deviation => Text::new("Record a deviation", "일탈 기록"),
            Stage::NotifyQa => Text::new("Notify QA", "QA 통보"),
            Stage::Identify => Text::new("Identify the isolate (species)", "분리균 동정 (종 수준)"),
            Stage::Impact => Text::new("Assess the impact on the batch", "배치 영향 평가"),
            Stage::RootCause => Text::new("Root cause", "근본 원인"),
            Stage::Capa => Text::new("Raise a CAPA", "CAPA 수립"),
            Stage::FollowUp => Text::new("Follow-up monitoring and trending", "추적 모니터링과 경향 분석"),
            Stage::Close => Text::new("Close the excursion", "일탈 종결"),
        }
    }
}

/// Where contamination comes from (domain.md §2.4's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RootCause {
    People,
    Cleaning,
    Hvac,
    MaterialTransfer,
    SamplingError,
}

impl RootCause {
    pub const ALL: [RootCause; 5] = [
        RootCause::People,
        RootCause::Cleaning,
        RootCause::Hvac,
        RootCause::MaterialTransfer,
        RootCause::SamplingError,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RootCause::People => "people",
            RootCause::Cleaning => "cleaning",
            RootCause::Hvac => "hvac",
            RootCause::MaterialTransfer => "material_transfer",
            RootCause::SamplingError => "sampling_error",
        }
    }

    pub fn name(self) -> Text {
        match self {
            RootCause::People => Text::new("People", "사람"),
            RootCause::Cleaning => Text::new("Cleaning", "청소"),
            RootCause::Hvac => Text::new("HVAC", "공조"),
            RootCause::MaterialTransfer => Text::new("Material transfer", "물품 반입"),
            RootCause::SamplingError => Text::new("Sampling error", "샘플 채취 오류"),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|cause| cause.id() == id)
    }
}

/// One excursion and the stages done.
#[derive(Debug, Clone, PartialEq)]
pub struct Excursion {
    /// The plate (its index in `PLATES`).
    pub plate: usize,
    /// Stages done, in order: the next one is `done.len()`.
    pub done: Vec<Stage>,
    pub root_cause: Option<RootCause>,
    pub identified: Option<&'static str>,
}

impl Excursion {
    pub fn new(plate: usize) -> Self {
        Excursion { plate, done: Vec::new(), root_cause: None, identified: None }
    }

    /// The next stage to do, none once closed.
    pub fn next(&self) -> Option<Stage> {
        Stage::ALL.get(self.done.len()).copied()
    }

    pub fn closed(&self) -> bool {
        self.done.contains(&Stage::Close)
    }

    /// Does `stage` if it is the next one; otherwise says which one comes first.
    pub fn advance(&mut self, stage: Stage) -> Result<(), Stage> {
        match self.next() {
            Some(next) if next == stage => {
                self.done.push(stage);
                Ok(())
            }
            Some(next) => Err(next),
            None => Err(Stage::Close),
        }
    }
}
