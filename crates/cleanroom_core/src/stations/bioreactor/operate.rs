//! The operator's procedure: each operation's preconditions, its effect and its record entry.

use super::culture::{Culture, MAX_STEP_H};
use super::events::{
    DeviationKind, HarvestResult, LineState, Phase, Refusal, RefusalKind, SampleResult, StationEvent, Task,
};
use super::operation::{Bag, CoatingReagent, ConnectionMethod, Distribution, Operation, QcTest};
use super::{
    ATTACHMENT_PERIOD_H, ATTACHMENT_TOLERANCE_H, AlarmKind, Bioreactor, COATING_TIME_H, CONDITIONING_DURATION_H,
    ENZYMATIC_RELEASE_FRACTION, FLUSH_ONLY_RELEASE_FRACTION, HISTORY_INTERVAL_H, MAX_IC_INLET_ML_MIN, MAX_LOADED_CELLS,
    PRIME_DURATION_H, WASH_OUT_DURATION_H,
};
use crate::common::{Text, Value};
use crate::stations::batch_record::EntryKind;

type Outcome = Result<Vec<StationEvent>, Refusal>;

fn refuse(kind: RefusalKind) -> Refusal {
    Refusal::new(kind)
}

impl Bioreactor {
    /// Carries out `operation`, or refuses it with the reason, changing nothing.
    pub fn apply(&mut self, operation: Operation) -> Outcome {
        if self.phase == Phase::Harvested && !is_line_handling(&operation) {
            return Err(refuse(RefusalKind::RunFinished));
        }
        if let Some(alarm) = self.pumps_held()
            && runs_the_pumps(&operation)
        {
            return Err(refuse(RefusalKind::PumpsHeld(alarm)));
        }
        match operation {
            Operation::LoadSet => self.load_set(),
            Operation::SetClamp { bag, open } => {
                self.clamps_open[bag.index()] = open;
                Ok(Vec::new())
            }
            Operation::InspectSet => Ok(self.straighten(AlarmKind::SetPressureHigh)),
            Operation::InspectIcInlet => Ok(self.straighten(AlarmKind::IcInletPressureHigh)),
            Operation::LabelSample { label } => self.label_sample(&label),
            Operation::AnalyseSample => self.analyse_sample(),
            Operation::LabelHarvestBag => self.label_harvest_bag(),
            Operation::QcSample { test } => self.qc_sample(test),
            Operation::ConnectBag { bag, method } => self.connect_bag(bag, method),
            Operation::InspectLine { bag } => self.inspect_line(bag),
            Operation::SealLine { bag } => self.seal_line(bag),
            Operation::SeparateBag { bag } => self.separate_bag(bag),
            Operation::Prime => self.prime(),
            Operation::Coat { reagent } => self.coat(reagent),
            Operation::WashOut => self.wash_out(),
            Operation::ConditionMedium => self.condition_medium(),
            Operation::LoadCells { cells, distribution } => self.load_cells(cells, distribution),
            Operation::StartFeeding { ic_inlet_ml_min } => self.start_feeding(ic_inlet_ml_min),
            Operation::SetIcInletRate { ml_min } => self.set_ic_inlet_rate(ml_min),
            Operation::Sample { label } => self.sample(&label),
            Operation::AcknowledgeAlarm { alarm } => self.acknowledge_alarm(alarm),
            Operation::Harvest { enzymatic_release } => self.harvest_cells(enzymatic_release),
        }
    }

    /// The refusal for an operation that needs a later phase: names the next missing step.
    fn next_step_refusal(&self) -> Refusal {
        let kind = match self.phase {
            Phase::AwaitingSet => RefusalKind::MissingStep(Task::LoadSet),
            Phase::SetLoaded if !self.media_and_waste_connected() => {
                RefusalKind::MissingStep(Task::ConnectMediaAndWaste)
            }
            Phase::SetLoaded => RefusalKind::MissingStep(Task::Prime),
            Phase::Primed => RefusalKind::MissingStep(Task::Coat),
            Phase::Coating => {
                RefusalKind::CoatingInProgress { remaining_h: (self.coating_ready_h - self.clock_h).max(0.0) }
            }
            Phase::Coated => RefusalKind::MissingStep(Task::WashOut),
            Phase::WashedOut => RefusalKind::MissingStep(Task::ConditionMedium),
            Phase::Conditioned => RefusalKind::MissingStep(Task::LoadCells),
            Phase::Attachment => RefusalKind::MissingStep(Task::Feed),
            Phase::Feeding => RefusalKind::MissingStep(Task::Harvest),
            Phase::Harvested => RefusalKind::RunFinished,
        };
        refuse(kind)
    }

    /// Accepts only in `needed`; earlier names the missing step, later says `task` is done.
    fn require_phase(&self, needed: Phase, task: Task) -> Result<(), Refusal> {
        match self.phase.cmp(&needed) {
            std::cmp::Ordering::Less => Err(self.next_step_refusal()),
            std::cmp::Ordering::Greater => Err(refuse(RefusalKind::AlreadyDone(task))),
            std::cmp::Ordering::Equal => Ok(()),
        }
    }

    fn require_connected(&self, bag: Bag) -> Result<(), Refusal> {
        if self.line(bag).is_connected() { Ok(()) } else { Err(refuse(RefusalKind::BagNotConnected(bag))) }
    }

    fn media_and_waste_connected(&self) -> bool {
        self.line(Bag::Media).is_connected() && self.line(Bag::Waste).is_connected()
    }

    /// Whether the running process still needs flow through this bag's line.
    fn bag_in_use(&self, bag: Bag) -> bool {
        match bag {
            Bag::Media | Bag::Waste => self.phase >= Phase::Primed && self.phase < Phase::Harvested,
            Bag::Reagent => self.phase == Phase::Coating,
            Bag::Cell | Bag::Harvest => false,
        }
    }

    fn load_set(&mut self) -> Outcome {
        self.require_phase(Phase::AwaitingSet, Task::LoadSet)?;
        let mut events = Vec::new();
        self.enter(Phase::SetLoaded, &mut events);
        self.note(
            EntryKind::Equipment,
            Value::Flag(true),
            Text::new("Single-use set loaded.", "일회용 세트를 장착함."),
        );
        Ok(events)
    }

    fn connect_bag(&mut self, bag: Bag, method: ConnectionMethod) -> Outcome {
        if self.phase < Phase::SetLoaded {
            return Err(self.next_step_refusal());
        }
        if !matches!(self.line(bag), LineState::Absent | LineState::Separated) {
            return Err(refuse(RefusalKind::BagAlreadyConnected(bag)));
        }
        let had_media_and_waste = self.media_and_waste_connected();
        let mut events = vec![StationEvent::BagConnected { bag, method }];
        self.weld_use_flagged[bag.index()] = false;
        match method {
            ConnectionMethod::SterileWeld => {
                self.lines[bag.index()] = LineState::Welded { inspected: false };
                self.note(
                    EntryKind::Connection,
                    Value::Choice("sterile_weld".into()),
                    Text::new(
                        format!("{} joined by sterile weld.", bag.name().en),
                        format!("{}을(를) 무균 접합으로 연결함.", bag.name().ko),
                    ),
                );
            }
            ConnectionMethod::Open => {
                self.lines[bag.index()] = LineState::Open;
                let reason = Text::new(
                    format!(
                        "The {} was joined by an open connection, not a sterile weld: the closed system is broken.",
                        bag.name().en
                    ),
                    format!(
                        "{}이(가) 무균 접합이 아닌 개방 연결로 연결되었습니다. 폐쇄계가 깨졌습니다.",
                        bag.name().ko
                    ),
                );
                self.contaminate(reason, &mut events);
            }
        }
        if !had_media_and_waste && self.media_and_waste_connected() && self.phase < Phase::Primed {
            events.push(StationEvent::TaskCompleted(Task::ConnectMediaAndWaste));
        }
        Ok(events)
    }

    /// The closed system is broken: a deviation, and the batch carries the contamination to
    /// its sterility result.
    fn contaminate(&mut self, reason: crate::common::Text, events: &mut Vec<StationEvent>) {
        self.contaminated = true;
        self.note(EntryKind::Contamination, Value::Flag(true), reason.clone());
        events.push(StationEvent::Contamination { reason });
        let message = Text::new(
            "Closed system broken: the batch is exposed to the room, and its sterility sample will show growth.",
            "폐쇄계가 깨졌습니다. 배치가 실내 공기에 노출되었으며, 무균시험 샘플에서 균이 자랄 것입니다.",
        );
        let operator = self.operator.clone();
        self.deviate(DeviationKind::ClosedSystemBroken, message, &operator, events);
    }

    fn inspect_line(&mut self, bag: Bag) -> Outcome {
        let line = match self.line(bag) {
            LineState::Welded { .. } => LineState::Welded { inspected: true },
            LineState::Sealed { .. } => LineState::Sealed { inspected: true },
            LineState::Open => LineState::Open,
            LineState::Absent | LineState::Separated => {
                return Err(refuse(RefusalKind::NothingToInspect(bag)));
            }
        };
        self.lines[bag.index()] = line;
        self.note(
            EntryKind::Connection,
            Value::Choice(line.id().into()),
            Text::new(
                format!("{} line inspected ({}).", bag.name().en, line.id()),
                format!("{} 라인 검사함 ({}).", bag.name().ko, line.id()),
            ),
        );
        Ok(vec![StationEvent::LineInspected { bag, line }])
    }

    fn seal_line(&mut self, bag: Bag) -> Outcome {
        match self.line(bag) {
            LineState::Welded { .. } | LineState::Open => {}
            LineState::Sealed { .. } => return Err(refuse(RefusalKind::AlreadySealed(bag))),
            LineState::Absent | LineState::Separated => {
                return Err(refuse(RefusalKind::BagNotConnected(bag)));
            }
        }
        if self.bag_in_use(bag) {
            return Err(refuse(RefusalKind::BagInUse(bag)));
        }
        self.lines[bag.index()] = LineState::Sealed { inspected: false };
        self.note(
            EntryKind::Connection,
            Value::Choice("sealed".into()),
            Text::new(format!("{} line heat-sealed.", bag.name().en), format!("{} 라인을 열 밀봉함.", bag.name().ko)),
        );
        Ok(vec![StationEvent::LineSealed { bag }])
    }

    fn separate_bag(&mut self, bag: Bag) -> Outcome {
        let line = self.line(bag);
        if matches!(line, LineState::Absent | LineState::Separated) {
            return Err(refuse(RefusalKind::BagNotConnected(bag)));
        }
        if self.bag_in_use(bag) {
            return Err(refuse(RefusalKind::BagInUse(bag)));
        }
        let mut events = vec![StationEvent::BagSeparated { bag }];
        self.lines[bag.index()] = LineState::Separated;
        self.note(
            EntryKind::Connection,
            Value::Choice("separated".into()),
            Text::new(format!("{} separated.", bag.name().en), format!("{}을(를) 분리함.", bag.name().ko)),
        );
        match line {
            LineState::Sealed { inspected: true } => {}
            LineState::Sealed { inspected: false } => {
                let message = Text::new(
                    format!("The {} was separated at a seal nobody inspected.", bag.name().en),
                    format!("{}이(가) 검사하지 않은 밀봉부에서 분리되었습니다.", bag.name().ko),
                );
                let operator = self.operator.clone();
                self.deviate(DeviationKind::SealNotInspected, message, &operator, &mut events);
            }
            _ => {
                let reason = Text::new(
                    format!("The {} was separated without a heat seal: the line is open.", bag.name().en),
                    format!("{}이(가) 열 밀봉 없이 분리되었습니다. 라인이 개방되었습니다.", bag.name().ko),
                );
                self.contaminate(reason, &mut events);
            }
        }
        if bag == Bag::Harvest && self.harvest.is_some() && !self.harvest_labelled {
            let message = Text::new(
                "The harvest bag left the set without its product label: nothing ties the cells in it to this batch.",
                "수확 백이 제품 라벨 없이 세트에서 분리되었습니다. 백 안의 세포를 이 배치와 연결할 근거가 없습니다.",
            );
            let operator = self.operator.clone();
            self.deviate(DeviationKind::UnlabelledProduct, message, &operator, &mut events);
        }
        Ok(events)
    }

    /// Notes a deviation when a line carries fluid before its weld was inspected.
    fn use_line(&mut self, bag: Bag, events: &mut Vec<StationEvent>) {
        let uninspected = self.line(bag) == LineState::Welded { inspected: false };
        if uninspected && !self.weld_use_flagged[bag.index()] {
            self.weld_use_flagged[bag.index()] = true;
            let message = Text::new(
                format!("The {} weld was used before it was inspected.", bag.name().en),
                format!("{} 접합부를 검사하기 전에 사용했습니다.", bag.name().ko),
            );
            let operator = self.operator.clone();
            self.deviate(DeviationKind::WeldNotInspected, message, &operator, events);
        }
    }

    /// Runs an automated step: the clock moves by its duration.
    fn run_for(&mut self, hours: f64, events: &mut Vec<StationEvent>) {
        events.extend(self.advance(hours));
    }

    /// Fills every joined line whose clamp is open; a line whose clamp is closed keeps its
    /// air. Once primed, priming again is accepted while a line still holds air.
    fn prime(&mut self) -> Outcome {
        let again = self.phase == Phase::Primed && self.air_detected();
        if !again {
            self.require_phase(Phase::SetLoaded, Task::Prime)?;
            self.require_connected(Bag::Media)?;
            self.require_connected(Bag::Waste)?;
        }
        let mut events = Vec::new();
        self.use_line(Bag::Media, &mut events);
        self.use_line(Bag::Waste, &mut events);
        self.run_for(PRIME_DURATION_H, &mut events);
        for bag in Bag::ALL {
            let joined = self.line(bag).is_connected();
            self.air_in[bag.index()] = joined && !self.clamps_open[bag.index()];
        }
        if !again {
            self.enter(Phase::Primed, &mut events);
        }
        let with_air: Vec<Bag> = Bag::ALL.into_iter().filter(|bag| self.air_in[bag.index()]).collect();
        let text = if with_air.is_empty() {
            Text::new("Set primed; air removed.", "세트 프라이밍 완료, 공기 제거됨.")
        } else {
            let names = |pick: fn(Text) -> String| with_air.iter().map(|bag| pick(bag.name())).collect::<Vec<_>>();
            Text::new(
                format!(
                    "Set primed; air is left in the line of the {}: its clamp was closed while priming.",
                    names(|t| t.en).join(", ")
                ),
                format!(
                    "세트 프라이밍 완료. {}의 라인에 공기가 남았습니다. 프라이밍하는 동안 클램프가 닫혀 있었습니다.",
                    names(|t| t.ko).join(", ")
                ),
            )
        };
        self.note(EntryKind::Equipment, Value::Flag(with_air.is_empty()), text);
        Ok(events)
    }

    /// The operator looks over the line a pressure alarm points to and straightens a kink
    /// there; an acknowledged alarm then clears.
    fn straighten(&mut self, kind: AlarmKind) -> Vec<StationEvent> {
        let (kinked, text) = match kind {
            AlarmKind::IcInletPressureHigh => (
                &mut self.ic_inlet_kinked,
                Text::new("Kinked IC inlet line found and straightened.", "꺾인 IC 유입 라인을 찾아 바로잡음."),
            ),
            _ => (
                &mut self.set_kinked,
                Text::new("Kinked line in the set found and straightened.", "세트에서 꺾인 라인을 찾아 바로잡음."),
            ),
        };
        let mut events = Vec::new();
        if std::mem::take(kinked) {
            self.note(EntryKind::Equipment, Value::Flag(true), text);
            let acknowledged = self.alarms.iter().any(|alarm| alarm.kind == kind && alarm.acknowledged);
            if acknowledged {
                self.clear_alarm(kind, &mut events);
            }
        }
        events
    }

    fn coat(&mut self, reagent: CoatingReagent) -> Outcome {
        if self.phase == Phase::Coating {
            return Err(refuse(RefusalKind::AlreadyDone(Task::Coat)));
        }
        self.require_phase(Phase::Primed, Task::Coat)?;
        self.require_connected(Bag::Reagent)?;
        let mut events = Vec::new();
        self.use_line(Bag::Reagent, &mut events);
        self.coating = Some(reagent);
        self.coating_ready_h = self.clock_h + COATING_TIME_H;
        self.enter(Phase::Coating, &mut events);
        events.push(StationEvent::CoatingApplied { reagent });
        self.note(
            EntryKind::Material,
            Value::Choice(reagent.id().into()),
            Text::new(
                format!("Fibres coated with {}.", reagent.name().en),
                format!("중공사를 {}(으)로 코팅함.", reagent.name().ko),
            ),
        );
        Ok(events)
    }

    fn wash_out(&mut self) -> Outcome {
        self.require_phase(Phase::Coated, Task::WashOut)?;
        let mut events = Vec::new();
        self.run_for(WASH_OUT_DURATION_H, &mut events);
        self.enter(Phase::WashedOut, &mut events);
        self.note(
            EntryKind::Equipment,
            Value::Flag(true),
            Text::new("Coating solution washed out.", "코팅 용액 세척 완료."),
        );
        Ok(events)
    }

    fn condition_medium(&mut self) -> Outcome {
        self.require_phase(Phase::WashedOut, Task::ConditionMedium)?;
        let mut events = Vec::new();
        self.run_for(CONDITIONING_DURATION_H, &mut events);
        self.culture = Culture::conditioned();
        self.enter(Phase::Conditioned, &mut events);
        self.note(EntryKind::Equipment, Value::Flag(true), Text::new("Medium conditioned.", "배지 컨디셔닝 완료."));
        Ok(events)
    }

    fn load_cells(&mut self, cells: f64, distribution: Distribution) -> Outcome {
        self.require_phase(Phase::Conditioned, Task::LoadCells)?;
        self.require_connected(Bag::Cell)?;
        if !(cells.is_finite() && cells > 0.0 && cells <= MAX_LOADED_CELLS) {
            return Err(refuse(RefusalKind::InvalidCellCount));
        }
        let mut events = Vec::new();
        self.use_line(Bag::Cell, &mut events);
        let coating = self.coating.unwrap_or(CoatingReagent::Fibronectin);
        self.culture.seed(cells, coating, distribution);
        self.seeded_cells = cells;
        self.distribution = Some(distribution);
        self.cells_loaded_h = Some(self.clock_h);
        self.ic_inlet_ml_min = 0.0;
        self.enter(Phase::Attachment, &mut events);
        events.push(StationEvent::CellsLoaded { cells, distribution });
        self.push_history();
        self.next_history_h = self.clock_h + HISTORY_INTERVAL_H;
        self.note(
            EntryKind::Measurement,
            Value::Number(cells),
            Text::new(
                format!("{cells:.3e} cells loaded ({}).", distribution.name().en),
                format!("세포 {cells:.3e}개 주입함 ({}).", distribution.name().ko),
            ),
        );
        Ok(events)
    }

    fn check_rate(ml_min: f64) -> Result<(), Refusal> {
        if ml_min.is_finite() && (0.0..=MAX_IC_INLET_ML_MIN).contains(&ml_min) {
            Ok(())
        } else {
            Err(refuse(RefusalKind::RateOutOfRange { max_ml_min: MAX_IC_INLET_ML_MIN }))
        }
    }

    fn start_feeding(&mut self, ml_min: f64) -> Outcome {
        if self.phase == Phase::Feeding {
            return Err(refuse(RefusalKind::FeedingAlreadyStarted));
        }
        if self.phase < Phase::Attachment {
            return Err(self.next_step_refusal());
        }
        Self::check_rate(ml_min)?;
        let mut events = Vec::new();
        let attached_for = self.hours_since_loading();
        let flushed = self.culture.flush_unattached();
        if attached_for + ATTACHMENT_TOLERANCE_H < ATTACHMENT_PERIOD_H {
            let message = Text::new(
                format!(
                    "Feeding started after {attached_for:.1} h of the ~{ATTACHMENT_PERIOD_H:.0} h attachment period; {flushed:.2e} unattached cells were flushed out."
                ),
                format!(
                    "약 {ATTACHMENT_PERIOD_H:.0}시간의 부착 기간 중 {attached_for:.1}시간 만에 공급을 시작했습니다. 부착되지 않은 세포 {flushed:.2e}개가 씻겨 나갔습니다."
                ),
            );
            let operator = self.operator.clone();
            self.deviate(DeviationKind::FeedingBeforeAttachment, message, &operator, &mut events);
        }
        self.enter(Phase::Feeding, &mut events);
        self.change_rate(ml_min, &mut events);
        Ok(events)
    }

    fn set_ic_inlet_rate(&mut self, ml_min: f64) -> Outcome {
        if self.phase != Phase::Feeding {
            return Err(self.next_step_refusal());
        }
        Self::check_rate(ml_min)?;
        let mut events = Vec::new();
        self.change_rate(ml_min, &mut events);
        Ok(events)
    }

    fn change_rate(&mut self, ml_min: f64, events: &mut Vec<StationEvent>) {
        let from = self.ic_inlet_ml_min;
        self.ic_inlet_ml_min = ml_min;
        events.push(StationEvent::FlowChanged { from_ml_min: from, to_ml_min: ml_min });
        self.note(
            EntryKind::Setting,
            Value::Number(ml_min),
            Text::new(
                format!("IC inlet rate {from} → {ml_min} mL/min."),
                format!("IC 유입 속도 {from} → {ml_min} mL/min."),
            ),
        );
    }

    fn sample(&mut self, label: &str) -> Outcome {
        if self.phase < Phase::Attachment {
            return Err(refuse(RefusalKind::MissingStep(Task::LoadCells)));
        }
        let result = SampleResult {
            time_h: self.clock_h,
            label: label.trim().to_owned(),
            glucose_mmol_l: self.culture.glucose_mmol_l,
            lactate_mmol_l: self.culture.lactate_mmol_l,
            cells_estimate: self.culture.cells_estimate(),
        };
        let mut events = vec![StationEvent::Sampled(result.clone())];
        self.record_sample(&result);
        self.samples.push(result.clone());
        self.sample_overdue_flagged = false;
        self.clear_alarm(AlarmKind::SampleDue, &mut events);
        self.check_metabolite_alarms(&result, &mut events);
        Ok(events)
    }

    fn label_sample(&mut self, label: &str) -> Outcome {
        let label = label.trim();
        let Some(sample) = self.samples.last_mut().filter(|_| !label.is_empty()) else {
            return Err(refuse(RefusalKind::NoSample));
        };
        if !sample.label.is_empty() {
            return Ok(Vec::new());
        }
        sample.label = label.to_owned();
        self.note(
            EntryKind::Sample,
            Value::Choice(label.to_owned()),
            Text::new(format!("Sample labelled {label}."), format!("샘플에 {label} 라벨을 붙임.")),
        );
        Ok(Vec::new())
    }

    /// The latest sample goes into the analyser: without a label its result cannot be traced.
    fn analyse_sample(&mut self) -> Outcome {
        let Some(index) = self.samples.len().checked_sub(1) else {
            return Err(refuse(RefusalKind::NoSample));
        };
        let mut events = Vec::new();
        if self.samples[index].label.is_empty() && self.unlabelled_flagged <= index {
            self.unlabelled_flagged = index + 1;
            let message = Text::new(
                "An unlabelled sample went into the analyser: its result cannot be traced to this batch and time.",
                "라벨이 없는 샘플을 분석기에 넣었습니다. 그 결과를 이 배치와 시각에 연결할 수 없습니다.",
            );
            let operator = self.operator.clone();
            self.deviate(DeviationKind::UnlabelledSample, message, &operator, &mut events);
        }
        Ok(events)
    }

    /// The label goes on the bag itself, joined to the set or not yet.
    fn label_harvest_bag(&mut self) -> Outcome {
        if !std::mem::replace(&mut self.harvest_labelled, true) {
            self.note(
                EntryKind::Material,
                Value::Flag(true),
                Text::new("Product label put on the harvest bag.", "수확 백에 제품 라벨을 붙임."),
            );
        }
        Ok(Vec::new())
    }

    /// A product sample for one QC test, drawn from the filled harvest bag.
    fn qc_sample(&mut self, test: QcTest) -> Outcome {
        let Some(harvest) = self.harvest else {
            return Err(refuse(RefusalKind::NoProduct));
        };
        if !self.qc_samples.contains(&test) {
            self.qc_samples.push(test);
        }
        let value = match test {
            QcTest::CountAndViability => Value::Number(harvest.viable_cells),
            _ => Value::Choice(test.id().into()),
        };
        let name = test.name();
        self.note(
            EntryKind::Sample,
            value,
            Text::new(
                format!("Product sample taken for {}.", name.en),
                format!("{} 시험용 제품 샘플 채취함.", name.ko),
            ),
        );
        Ok(Vec::new())
    }

    fn record_sample(&mut self, result: &SampleResult) {
        let label = &result.label;
        let glucose = result.glucose_mmol_l;
        let lactate = result.lactate_mmol_l;
        let estimate = result.cells_estimate;
        self.note(
            EntryKind::Sample,
            Value::Number(glucose),
            Text::new(
                format!("Sample {label}: glucose {glucose:.2} mmol/L."),
                format!("샘플 {label}: 포도당 {glucose:.2} mmol/L."),
            ),
        );
        self.note(
            EntryKind::Sample,
            Value::Number(lactate),
            Text::new(
                format!("Sample {label}: lactate {lactate:.2} mmol/L; estimated {estimate:.2e} cells."),
                format!("샘플 {label}: 젖산 {lactate:.2} mmol/L, 추정 세포 수 {estimate:.2e}개."),
            ),
        );
    }

    fn check_metabolite_alarms(&mut self, result: &SampleResult, events: &mut Vec<StationEvent>) {
        if result.lactate_mmol_l >= self.limits.lactate_high_mmol_l {
            self.raise_alarm(AlarmKind::LactateHigh, events);
        } else {
            self.clear_alarm(AlarmKind::LactateHigh, events);
        }
        if result.glucose_mmol_l <= self.limits.glucose_low_mmol_l {
            self.raise_alarm(AlarmKind::GlucoseLow, events);
        } else {
            self.clear_alarm(AlarmKind::GlucoseLow, events);
        }
    }

    fn acknowledge_alarm(&mut self, kind: AlarmKind) -> Outcome {
        let Some(alarm) = self.alarms.iter_mut().find(|alarm| alarm.kind == kind) else {
            return Err(refuse(RefusalKind::AlarmNotActive(kind)));
        };
        alarm.acknowledged = true;
        let mut events = vec![StationEvent::AlarmAcknowledged(kind)];
        let pressure = matches!(kind, AlarmKind::IcInletPressureHigh | AlarmKind::SetPressureHigh);
        let text = if pressure && self.alarm_cause_present(kind) {
            Text::new(
                format!("Alarm acknowledged; its cause is still there, so it stands: {}", kind.message().en),
                format!("경보를 확인함. 원인이 남아 있어 경보가 계속됨: {}", kind.message().ko),
            )
        } else {
            if pressure {
                self.clear_alarm(kind, &mut events);
            }
            Text::new(
                format!("Alarm acknowledged: {}", kind.message().en),
                format!("경보 확인함: {}", kind.message().ko),
            )
        };
        self.note(EntryKind::Alarm, Value::Choice(kind.id().into()), text);
        Ok(events)
    }

    fn harvest_cells(&mut self, enzymatic_release: bool) -> Outcome {
        if self.phase != Phase::Feeding {
            return Err(self.next_step_refusal());
        }
        self.require_connected(Bag::Harvest)?;
        let mut events = Vec::new();
        self.use_line(Bag::Harvest, &mut events);
        let released = if enzymatic_release {
            ENZYMATIC_RELEASE_FRACTION
        } else {
            let message = Text::new(
                "Harvested without enzymatic release: most cells stayed on the fibres.",
                "효소 처리 없이 수확했습니다. 대부분의 세포가 중공사에 남았습니다.",
            );
            let operator = self.operator.clone();
            self.deviate(DeviationKind::HarvestWithoutEnzyme, message, &operator, &mut events);
            FLUSH_ONLY_RELEASE_FRACTION
        };
        let result = HarvestResult {
            time_h: self.clock_h,
            viable_cells: self.culture.attached * released,
            viability: self.culture.viability(),
        };
        self.harvest = Some(result);
        for alarm in std::mem::take(&mut self.alarms) {
            events.push(StationEvent::AlarmCleared(alarm.kind));
        }
        self.enter(Phase::Harvested, &mut events);
        events.push(StationEvent::Harvested(result));
        self.record_harvest(result, enzymatic_release);
        Ok(events)
    }

    fn record_harvest(&mut self, result: HarvestResult, enzymatic_release: bool) {
        let cells = result.viable_cells;
        let viability = result.viability * 100.0;
        let method = if enzymatic_release {
            Text::new("enzymatic release", "효소 처리")
        } else {
            Text::new("flush only", "플러시만")
        };
        self.note(
            EntryKind::Measurement,
            Value::Number(cells),
            Text::new(
                format!("Harvested {cells:.3e} viable cells ({}).", method.en),
                format!("생존 세포 {cells:.3e}개 수확함 ({}).", method.ko),
            ),
        );
        self.note(
            EntryKind::Measurement,
            Value::Number(result.viability),
            Text::new(format!("Harvest viability {viability:.1} %."), format!("수확 생존율 {viability:.1}%.")),
        );
    }
}

/// Operations still allowed after the harvest: closing off the lines.
fn is_line_handling(operation: &Operation) -> bool {
    matches!(
        operation,
        Operation::InspectLine { .. }
            | Operation::SealLine { .. }
            | Operation::SeparateBag { .. }
            | Operation::SetClamp { .. }
            | Operation::InspectSet
            | Operation::InspectIcInlet
            | Operation::LabelHarvestBag
            | Operation::QcSample { .. }
    )
}

/// Operations that need the pumps, which a pressure alarm holds.
fn runs_the_pumps(operation: &Operation) -> bool {
    matches!(
        operation,
        Operation::Prime
            | Operation::Coat { .. }
            | Operation::WashOut
            | Operation::ConditionMedium
            | Operation::LoadCells { .. }
            | Operation::StartFeeding { .. }
            | Operation::Harvest { .. }
    )
}

// The step the clock takes per automated step must stay a multiple of the culture step so
// the grid of internal steps does not shift.
const _: () = assert!(PRIME_DURATION_H % MAX_STEP_H == 0.0);
const _: () = assert!(WASH_OUT_DURATION_H % MAX_STEP_H == 0.0);
const _: () = assert!(CONDITIONING_DURATION_H % MAX_STEP_H == 0.0);
