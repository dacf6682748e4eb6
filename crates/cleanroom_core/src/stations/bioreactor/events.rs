//! What the bioreactor reports: phases, tasks, events, refusals and their reasons.

use serde::{Deserialize, Serialize};

use super::alarms::AlarmKind;
use super::operation::{Bag, CoatingReagent, ConnectionMethod, Distribution};
use super::touchscreen::ScreenSetting;
use crate::common::Text;

/// Where the run stands. Phases only move forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    AwaitingSet,
    SetLoaded,
    Primed,
    Coating,
    Coated,
    WashedOut,
    Conditioned,
    Attachment,
    Feeding,
    Harvested,
}

impl Phase {
    /// Stable id used in observations and level files.
    pub fn id(self) -> &'static str {
        match self {
            Phase::AwaitingSet => "awaiting_set",
            Phase::SetLoaded => "set_loaded",
            Phase::Primed => "primed",
            Phase::Coating => "coating",
            Phase::Coated => "coated",
            Phase::WashedOut => "washed_out",
            Phase::Conditioned => "conditioned",
            Phase::Attachment => "attachment",
            Phase::Feeding => "feeding",
            Phase::Harvested => "harvested",
        }
    }

    /// The phase's name for the touchscreen.
    pub fn name(self) -> Text {
        match self {
            Phase::AwaitingSet => Text::new("Waiting for the set", "세트 장착 대기"),
            Phase::SetLoaded => Text::new("Set loaded", "세트 장착됨"),
            Phase::Primed => Text::new("Primed", "프라이밍 완료"),
            Phase::Coating => Text::new("Coating", "코팅 중"),
            Phase::Coated => Text::new("Coated", "코팅 완료"),
            Phase::WashedOut => Text::new("Washed out", "세척 완료"),
            Phase::Conditioned => Text::new("Medium conditioned", "배지 컨디셔닝 완료"),
            Phase::Attachment => Text::new("Attachment", "세포 부착 중"),
            Phase::Feeding => Text::new("Feeding", "배지 공급 중"),
            Phase::Harvested => Text::new("Harvested", "수확 완료"),
        }
    }
}

/// A step of the operator's procedure, as the task list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Task {
    LoadSet,
    ConnectMediaAndWaste,
    Prime,
    Coat,
    WashOut,
    ConditionMedium,
    LoadCells,
    Attachment,
    Feed,
    Harvest,
}

impl Task {
    /// Every task, in procedure order.
    pub const ALL: [Task; 10] = [
        Task::LoadSet,
        Task::ConnectMediaAndWaste,
        Task::Prime,
        Task::Coat,
        Task::WashOut,
        Task::ConditionMedium,
        Task::LoadCells,
        Task::Attachment,
        Task::Feed,
        Task::Harvest,
    ];

    /// Stable id used in level files.
    pub fn id(self) -> &'static str {
        match self {
            Task::LoadSet => "load_set",
            Task::ConnectMediaAndWaste => "connect_media_and_waste",
            Task::Prime => "prime",
            Task::Coat => "coat",
            Task::WashOut => "wash_out",
            Task::ConditionMedium => "condition_medium",
            Task::LoadCells => "load_cells",
            Task::Attachment => "attachment",
            Task::Feed => "feed",
            Task::Harvest => "harvest",
        }
    }

    /// The task's title for the task list.
    pub fn title(self) -> Text {
        match self {
            Task::LoadSet => Text::new("Load the single-use set", "일회용 세트 장착"),
            Task::ConnectMediaAndWaste => Text::new("Weld the media and waste bags", "배지 백과 폐액 백 무균 접합"),
            Task::Prime => Text::new("Prime the set (remove air)", "세트 프라이밍 (공기 제거)"),
            Task::Coat => Text::new("Coat the fibres", "중공사 코팅"),
            Task::WashOut => Text::new("Wash out the coating", "코팅 용액 세척"),
            Task::ConditionMedium => Text::new("Condition the medium", "배지 컨디셔닝"),
            Task::LoadCells => Text::new("Load the cells", "세포 주입"),
            Task::Attachment => {
                Text::new("Attachment at minimal flow (about 24 h)", "최소 유량에서 세포 부착 (약 24시간)")
            }
            Task::Feed => {
                Text::new("Feed: raise the IC inlet rate with lactate", "배지 공급: 젖산에 맞춰 IC 유입 속도 증가")
            }
            Task::Harvest => Text::new("Harvest into the harvest bag", "수확 백으로 수확"),
        }
    }

    /// Why an operation cannot go ahead while this task is not yet done.
    pub fn missing_reason(self) -> Text {
        match self {
            Task::LoadSet => Text::new(
                "No single-use set is loaded: load the set first.",
                "일회용 세트가 장착되지 않았습니다. 먼저 세트를 장착하십시오.",
            ),
            Task::ConnectMediaAndWaste => Text::new(
                "The media and waste bags must be welded on first.",
                "먼저 배지 백과 폐액 백을 무균 접합으로 연결해야 합니다.",
            ),
            Task::Prime => Text::new(
                "The set is not primed: prime it to remove the air first.",
                "세트가 프라이밍되지 않았습니다. 먼저 프라이밍하여 공기를 제거하십시오.",
            ),
            Task::Coat => Text::new(
                "The fibres are not coated: coat them first.",
                "중공사가 코팅되지 않았습니다. 먼저 코팅하십시오.",
            ),
            Task::WashOut => Text::new(
                "The coating has not been washed out: wash it out first.",
                "코팅 용액이 세척되지 않았습니다. 먼저 세척하십시오.",
            ),
            Task::ConditionMedium => Text::new(
                "The medium is not conditioned: condition it before loading cells.",
                "배지가 컨디셔닝되지 않았습니다. 세포 주입 전에 컨디셔닝하십시오.",
            ),
            Task::LoadCells => Text::new("No cells are loaded yet.", "아직 세포가 주입되지 않았습니다."),
            Task::Attachment => {
                Text::new("The cells are still in their attachment period.", "세포가 아직 부착 단계에 있습니다.")
            }
            Task::Feed => Text::new(
                "Feeding has not started: start feeding after attachment.",
                "배지 공급이 시작되지 않았습니다. 부착 후 공급을 시작하십시오.",
            ),
            Task::Harvest => Text::new("The culture has been harvested.", "배양물이 이미 수확되었습니다."),
        }
    }
}

/// The state of one bag's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LineState {
    /// Not joined to the set.
    #[default]
    Absent,
    /// Joined by a sterile weld.
    Welded { inspected: bool },
    /// Joined by an open connection (the closed system is broken).
    Open,
    /// Heat-sealed, not yet separated.
    Sealed { inspected: bool },
    /// Separated at its seal.
    Separated,
}

impl LineState {
    /// Stable id used in observations.
    pub fn id(self) -> &'static str {
        match self {
            LineState::Absent => "absent",
            LineState::Welded { .. } => "welded",
            LineState::Open => "open",
            LineState::Sealed { .. } => "sealed",
            LineState::Separated => "separated",
        }
    }

    /// Whether fluid can pass between the bag and the set.
    pub fn is_connected(self) -> bool {
        matches!(self, LineState::Welded { .. } | LineState::Open)
    }
}

/// A departure from the procedure that goes into the batch record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeviationKind {
    /// Feeding started (unattached cells flushed) before the attachment period was over.
    FeedingBeforeAttachment,
    /// The daily metabolite sample was missed or late.
    SampleOverdue,
    /// A sample without a label.
    UnlabelledSample,
    /// A line was used before its weld was inspected.
    WeldNotInspected,
    /// A bag was separated at a seal nobody inspected.
    SealNotInspected,
    /// Harvest without enzymatic release.
    HarvestWithoutEnzyme,
    /// A bag joined by an open connection, or separated without a seal: the closed system is
    /// broken and the batch is at risk of contamination.
    ClosedSystemBroken,
    /// The product left the set without its label.
    UnlabelledProduct,
}

impl DeviationKind {
    /// Stable id used in level files.
    pub fn id(self) -> &'static str {
        match self {
            DeviationKind::FeedingBeforeAttachment => "feeding_before_attachment",
            DeviationKind::SampleOverdue => "sample_overdue",
            DeviationKind::UnlabelledSample => "unlabelled_sample",
            DeviationKind::WeldNotInspected => "weld_not_inspected",
            DeviationKind::SealNotInspected => "seal_not_inspected",
            DeviationKind::HarvestWithoutEnzyme => "harvest_without_enzyme",
            DeviationKind::ClosedSystemBroken => "closed_system_broken",
            DeviationKind::UnlabelledProduct => "unlabelled_product",
        }
    }
}

/// What a metabolite sample shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleResult {
    /// Simulated time of the sample, in hours.
    pub time_h: f64,
    pub label: String,
    pub glucose_mmol_l: f64,
    pub lactate_mmol_l: f64,
    /// Cells estimated from the lactate generation rate (how the metabolic estimate works; it
    /// under-reads when the cells are starved).
    pub cells_estimate: f64,
}

/// What the harvest bag holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HarvestResult {
    /// Simulated time of the harvest, in hours.
    pub time_h: f64,
    pub viable_cells: f64,
    /// Viable cells over all cells in the bag, 0 to 1.
    pub viability: f64,
}

/// A fact the station reports after an operation or while time passes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StationEvent {
    PhaseChanged {
        from: Phase,
        to: Phase,
    },
    TaskCompleted(Task),
    BagConnected {
        bag: Bag,
        method: ConnectionMethod,
    },
    LineInspected {
        bag: Bag,
        line: LineState,
    },
    LineSealed {
        bag: Bag,
    },
    BagSeparated {
        bag: Bag,
    },
    /// The closed system was broken.
    Contamination {
        reason: Text,
    },
    Deviation {
        kind: DeviationKind,
        message: Text,
    },
    CoatingApplied {
        reagent: CoatingReagent,
    },
    CoatingComplete,
    CellsLoaded {
        cells: f64,
        distribution: Distribution,
    },
    /// The attachment period (about 24 h) has elapsed.
    AttachmentPeriodElapsed,
    FlowChanged {
        from_ml_min: f64,
        to_ml_min: f64,
    },
    Sampled(SampleResult),
    AlarmRaised(AlarmKind),
    AlarmCleared(AlarmKind),
    AlarmAcknowledged(AlarmKind),
    Harvested(HarvestResult),
}

/// Why an operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum RefusalKind {
    /// An earlier task is not done.
    MissingStep(Task),
    /// This task was already done.
    AlreadyDone(Task),
    /// The operation needs this bag joined to the set.
    BagNotConnected(Bag),
    /// The bag is already joined.
    BagAlreadyConnected(Bag),
    /// The bag's line is already sealed.
    AlreadySealed(Bag),
    /// The bag carries flow the running process needs.
    BagInUse(Bag),
    /// The line has nothing to inspect.
    NothingToInspect(Bag),
    /// The coating needs more time.
    CoatingInProgress { remaining_h: f64 },
    /// Feeding already runs; change the rate instead.
    FeedingAlreadyStarted,
    /// The cell count is not a positive number in range.
    InvalidCellCount,
    /// The rate is outside what this station accepts.
    RateOutOfRange { max_ml_min: f64 },
    /// No such alarm is active.
    AlarmNotActive(AlarmKind),
    /// A pressure alarm holds the pumps: no task runs until it clears.
    PumpsHeld(AlarmKind),
    /// No sample is waiting for this.
    NoSample,
    /// The harvest bag holds no product yet.
    NoProduct,
    /// The culture has been harvested; only line handling remains.
    RunFinished,
    /// A touchscreen button needs this setting, and it has not been entered.
    SettingMissing(ScreenSetting),
    /// The value entered is not one this touchscreen setting takes.
    InvalidSetting(ScreenSetting),
}

impl RefusalKind {
    /// A stable id of the refusal (`missing_step:prime`), as records and tests name it.
    pub fn code(&self) -> String {
        match self {
            RefusalKind::MissingStep(task) => format!("missing_step:{}", task.id()),
            RefusalKind::AlreadyDone(task) => format!("already_done:{}", task.id()),
            RefusalKind::BagNotConnected(bag) => format!("bag_not_connected:{}", bag.id()),
            RefusalKind::BagAlreadyConnected(bag) => format!("bag_already_connected:{}", bag.id()),
            RefusalKind::AlreadySealed(bag) => format!("already_sealed:{}", bag.id()),
            RefusalKind::BagInUse(bag) => format!("bag_in_use:{}", bag.id()),
            RefusalKind::NothingToInspect(bag) => format!("nothing_to_inspect:{}", bag.id()),
            RefusalKind::CoatingInProgress { .. } => "coating_in_progress".into(),
            RefusalKind::FeedingAlreadyStarted => "feeding_already_started".into(),
            RefusalKind::InvalidCellCount => "invalid_cell_count".into(),
            RefusalKind::RateOutOfRange { .. } => "rate_out_of_range".into(),
            RefusalKind::AlarmNotActive(alarm) => format!("alarm_not_active:{}", alarm.id()),
            RefusalKind::PumpsHeld(alarm) => format!("pumps_held:{}", alarm.id()),
            RefusalKind::NoSample => "no_sample".into(),
            RefusalKind::NoProduct => "no_product".into(),
            RefusalKind::RunFinished => "run_finished".into(),
            RefusalKind::SettingMissing(setting) => format!("setting_missing:{}", setting.control()),
            RefusalKind::InvalidSetting(setting) => format!("invalid_setting:{}", setting.control()),
        }
    }
}

/// An operation the station did not carry out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub reason: Text,
}

impl Refusal {
    /// A refusal with the standard reason for `kind`.
    pub fn new(kind: RefusalKind) -> Self {
        Self { reason: refusal_reason(kind), kind }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason.en)
    }
}

impl std::error::Error for Refusal {}

fn refusal_reason(kind: RefusalKind) -> Text {
    match kind {
        RefusalKind::MissingStep(task) => task.missing_reason(),
        RefusalKind::AlreadyDone(task) => Text::new(
            format!("Already done: {}.", task.title().en),
            format!("이미 완료된 작업입니다: {}.", task.title().ko),
        ),
        RefusalKind::BagNotConnected(bag) => Text::new(
            format!("The {} is not welded to the set.", bag.name().en),
            format!("{}이(가) 세트에 접합되어 있지 않습니다.", bag.name().ko),
        ),
        RefusalKind::BagAlreadyConnected(bag) => Text::new(
            format!("The {} is already joined to the set.", bag.name().en),
            format!("{}은(는) 이미 세트에 연결되어 있습니다.", bag.name().ko),
        ),
        RefusalKind::AlreadySealed(bag) => Text::new(
            format!("The {} line is already sealed.", bag.name().en),
            format!("{} 라인은 이미 밀봉되었습니다.", bag.name().ko),
        ),
        RefusalKind::BagInUse(bag) => Text::new(
            format!("The {} is still in use by the running process.", bag.name().en),
            format!("{}은(는) 진행 중인 공정에서 아직 사용 중입니다.", bag.name().ko),
        ),
        RefusalKind::NothingToInspect(bag) => Text::new(
            format!("The {} line has no weld or seal to inspect.", bag.name().en),
            format!("{} 라인에는 검사할 접합부나 밀봉부가 없습니다.", bag.name().ko),
        ),
        RefusalKind::CoatingInProgress { remaining_h } => Text::new(
            format!("The coating needs about {remaining_h:.1} h more (typically overnight)."),
            format!("코팅에 약 {remaining_h:.1}시간이 더 필요합니다 (보통 하룻밤)."),
        ),
        RefusalKind::FeedingAlreadyStarted => Text::new(
            "Feeding has already started: change the IC inlet rate instead.",
            "배지 공급이 이미 시작되었습니다. 대신 IC 유입 속도를 변경하십시오.",
        ),
        RefusalKind::InvalidCellCount => {
            Text::new("Enter the cell count as a positive number of cells.", "세포 수를 양의 숫자로 입력하십시오.")
        }
        RefusalKind::RateOutOfRange { max_ml_min } => Text::new(
            format!("The IC inlet rate must be between 0 and {max_ml_min} mL/min."),
            format!("IC 유입 속도는 0에서 {max_ml_min} mL/min 사이여야 합니다."),
        ),
        RefusalKind::AlarmNotActive(alarm) => Text::new(
            format!("There is no active alarm '{}'.", alarm.id()),
            format!("활성화된 '{}' 경보가 없습니다.", alarm.id()),
        ),
        RefusalKind::PumpsHeld(alarm) => Text::new(
            format!("The pumps are held by an alarm: {}", alarm.message().en),
            format!("경보로 펌프가 정지되어 있습니다: {}", alarm.message().ko),
        ),
        RefusalKind::NoSample => Text::new(
            "There is no sample drawn waiting for this: draw a sample at the sample port first.",
            "대기 중인 샘플이 없습니다. 먼저 샘플 포트에서 샘플을 채취하십시오.",
        ),
        RefusalKind::NoProduct => Text::new(
            "The harvest bag holds no product yet: take the product samples after the harvest.",
            "수확 백에 아직 제품이 없습니다. 제품 샘플은 수확한 뒤에 채취하십시오.",
        ),
        RefusalKind::RunFinished => Text::new(
            "The culture has been harvested: only sealing and separating the lines remain.",
            "배양물이 수확되었습니다. 라인 밀봉과 분리만 남았습니다.",
        ),
        RefusalKind::SettingMissing(setting) => setting.missing_reason(),
        RefusalKind::InvalidSetting(setting) => setting.invalid_reason(),
    }
}
