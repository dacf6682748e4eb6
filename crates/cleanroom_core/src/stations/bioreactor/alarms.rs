//! The bioreactor's alarms: what raises them and what the touchscreen says.

use serde::{Deserialize, Serialize};

use crate::common::Text;

/// An alarm on the touchscreen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AlarmKind {
    /// Lactate above the alarm limit (feed is not keeping up).
    LactateHigh,
    /// Glucose below the alarm limit.
    GlucoseLow,
    /// The daily metabolite sample is due.
    SampleDue,
    /// IC inlet pressure high (a kinked IC inlet line); only a level injects it. The pumps hold
    /// until the line is cleared and the alarm acknowledged.
    IcInletPressureHigh,
    /// Pressure high in the set (a kinked line); only a level injects it. The pumps hold and no
    /// task starts until the line is cleared and the alarm acknowledged.
    SetPressureHigh,
}

impl AlarmKind {
    /// Stable id used in level files and observations.
    pub fn id(self) -> &'static str {
        match self {
            AlarmKind::LactateHigh => "lactate_high",
            AlarmKind::GlucoseLow => "glucose_low",
            AlarmKind::SampleDue => "sample_due",
            AlarmKind::IcInletPressureHigh => "ic_inlet_pressure_high",
            AlarmKind::SetPressureHigh => "set_pressure_high",
        }
    }

    pub(crate) fn observation_key(self) -> &'static str {
        match self {
            AlarmKind::LactateHigh => "alarm_lactate_high",
            AlarmKind::GlucoseLow => "alarm_glucose_low",
            AlarmKind::SampleDue => "alarm_sample_due",
            AlarmKind::IcInletPressureHigh => "alarm_ic_inlet_pressure_high",
            AlarmKind::SetPressureHigh => "alarm_set_pressure_high",
        }
    }

    /// Every alarm kind.
    pub const ALL: [AlarmKind; 5] = [
        AlarmKind::LactateHigh,
        AlarmKind::GlucoseLow,
        AlarmKind::SampleDue,
        AlarmKind::IcInletPressureHigh,
        AlarmKind::SetPressureHigh,
    ];

    /// The alarm's message for the touchscreen.
    pub fn message(self) -> Text {
        match self {
            AlarmKind::LactateHigh => {
                Text::new("Lactate high: raise the IC inlet rate.", "젖산 높음: IC 유입 속도를 높이십시오.")
            }
            AlarmKind::GlucoseLow => {
                Text::new("Glucose low: the feed is not keeping up.", "포도당 낮음: 배지 공급이 부족합니다.")
            }
            AlarmKind::SampleDue => {
                Text::new("Daily glucose and lactate sample due.", "일일 포도당·젖산 샘플 채취 시간입니다.")
            }
            AlarmKind::IcInletPressureHigh => Text::new(
                "IC inlet pressure high: pumps held. Check clamps and lines, then acknowledge.",
                "IC 유입 압력 높음: 펌프 정지. 클램프와 라인을 확인한 후 확인 버튼을 누르십시오.",
            ),
            AlarmKind::SetPressureHigh => Text::new(
                "Pressure high in the set: pumps held, tasks paused. Check the set for a kinked or clamped line, then acknowledge.",
                "세트 압력 높음: 펌프 정지, 작업 일시 중지. 세트에 꺾이거나 클램프로 막힌 라인이 있는지 확인한 후 확인 버튼을 누르십시오.",
            ),
        }
    }
}

/// An active alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alarm {
    pub kind: AlarmKind,
    /// Simulated time it was raised, in hours.
    pub since_h: f64,
    pub acknowledged: bool,
    pub message: Text,
}
