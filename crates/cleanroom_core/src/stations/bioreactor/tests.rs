//! Tests of the bioreactor station: the procedure's refusals, the record and the culture model.

use super::scenario::{Scenario, ScenarioOutcome};
use super::*;
use crate::stations::batch_record;

fn weld(bag: Bag) -> Operation {
    Operation::ConnectBag { bag, method: ConnectionMethod::SterileWeld }
}

fn ok(station: &mut Bioreactor, op: Operation) -> Vec<StationEvent> {
    match station.apply(op.clone()) {
        Ok(events) => events,
        Err(refusal) => panic!("{op:?} refused: {}", refusal.reason.en),
    }
}

/// Asserts `op` is refused with `kind`, with a reason in both languages, and changes nothing.
fn refused(station: &mut Bioreactor, op: Operation, kind: RefusalKind) -> Refusal {
    let before = station.clone();
    let refusal = station.apply(op.clone()).expect_err("operation should be refused");
    assert_eq!(refusal.kind, kind, "{op:?}");
    assert_eq!(refusal.reason, Refusal::new(kind).reason);
    assert!(!refusal.reason.en.is_empty() && !refusal.reason.ko.is_empty());
    assert_eq!(*station, before, "a refusal must not change the station");
    refusal
}

fn set_loaded() -> Bioreactor {
    let mut station = Bioreactor::new("op-1");
    ok(&mut station, Operation::LoadSet);
    station
}

fn primed() -> Bioreactor {
    let mut station = set_loaded();
    for bag in Bag::ALL {
        ok(&mut station, weld(bag));
        ok(&mut station, Operation::InspectLine { bag });
        ok(&mut station, Operation::SetClamp { bag, open: true });
    }
    ok(&mut station, Operation::Prime);
    station
}

fn coating() -> Bioreactor {
    let mut station = primed();
    ok(&mut station, Operation::Coat { reagent: CoatingReagent::Fibronectin });
    station
}

fn conditioned() -> Bioreactor {
    let mut station = coating();
    station.advance(COATING_TIME_H);
    ok(&mut station, Operation::WashOut);
    ok(&mut station, Operation::ConditionMedium);
    station
}

fn attaching() -> Bioreactor {
    let mut station = conditioned();
    ok(&mut station, Operation::LoadCells { cells: 1.0e7, distribution: Distribution::SettleAndRotate });
    station
}

fn feeding() -> Bioreactor {
    let mut station = attaching();
    station.advance(ATTACHMENT_PERIOD_H);
    ok(&mut station, Operation::StartFeeding { ic_inlet_ml_min: 0.1 });
    station
}

const ANY_LOAD: Operation = Operation::LoadCells { cells: 1.0e7, distribution: Distribution::SettleAndRotate };

// ---- The state machine: each out-of-order operation is refused with its reason ----

#[test]
fn nothing_but_loading_the_set_goes_before_the_set() {
    let mut station = Bioreactor::new("op-1");
    let missing = RefusalKind::MissingStep(Task::LoadSet);
    refused(&mut station, weld(Bag::Media), missing);
    refused(&mut station, Operation::Prime, missing);
    refused(&mut station, Operation::Coat { reagent: CoatingReagent::Fibronectin }, missing);
    refused(&mut station, Operation::WashOut, missing);
    refused(&mut station, Operation::ConditionMedium, missing);
    refused(&mut station, ANY_LOAD, missing);
    refused(&mut station, Operation::StartFeeding { ic_inlet_ml_min: 0.1 }, missing);
    refused(&mut station, Operation::SetIcInletRate { ml_min: 0.2 }, missing);
    refused(&mut station, Operation::Harvest { enzymatic_release: true }, missing);
    let reason =
        refused(&mut station, Operation::Sample { label: "S".into() }, RefusalKind::MissingStep(Task::LoadCells));
    assert!(reason.reason.en.contains("No cells"));
}

#[test]
fn the_set_loads_once() {
    let mut station = set_loaded();
    let refusal = refused(&mut station, Operation::LoadSet, RefusalKind::AlreadyDone(Task::LoadSet));
    assert!(refusal.reason.en.contains("Already done"));
    assert!(refusal.reason.ko.contains("이미 완료"));
}

#[test]
fn priming_needs_the_media_and_waste_bags() {
    let mut station = set_loaded();
    refused(&mut station, Operation::Prime, RefusalKind::BagNotConnected(Bag::Media));
    ok(&mut station, weld(Bag::Media));
    let refusal = refused(&mut station, Operation::Prime, RefusalKind::BagNotConnected(Bag::Waste));
    assert!(refusal.reason.en.contains("waste bag"));
    refused(
        &mut station,
        Operation::Coat { reagent: CoatingReagent::Fibronectin },
        RefusalKind::MissingStep(Task::ConnectMediaAndWaste),
    );
}

#[test]
fn coating_needs_priming_and_the_reagent_bag() {
    let mut station = set_loaded();
    ok(&mut station, weld(Bag::Media));
    ok(&mut station, weld(Bag::Waste));
    let coat = Operation::Coat { reagent: CoatingReagent::Fibronectin };
    let refusal = refused(&mut station, coat.clone(), RefusalKind::MissingStep(Task::Prime));
    assert!(refusal.reason.en.contains("not primed"));
    for bag in [Bag::Media, Bag::Waste] {
        ok(&mut station, Operation::SetClamp { bag, open: true });
    }
    ok(&mut station, Operation::Prime);
    refused(&mut station, coat.clone(), RefusalKind::BagNotConnected(Bag::Reagent));
    refused(&mut station, Operation::Prime, RefusalKind::AlreadyDone(Task::Prime));
    refused(&mut station, Operation::WashOut, RefusalKind::MissingStep(Task::Coat));
}

#[test]
fn wash_out_waits_for_the_coating_time() {
    let mut station = coating();
    let refusal =
        refused(&mut station, Operation::WashOut, RefusalKind::CoatingInProgress { remaining_h: COATING_TIME_H });
    assert!(refusal.reason.en.contains("16.0 h"));
    refused(
        &mut station,
        Operation::Coat { reagent: CoatingReagent::Vitronectin },
        RefusalKind::AlreadyDone(Task::Coat),
    );
    station.advance(COATING_TIME_H - 1.0);
    refused(&mut station, Operation::WashOut, RefusalKind::CoatingInProgress { remaining_h: 1.0 });
    refused(&mut station, Operation::SeparateBag { bag: Bag::Reagent }, RefusalKind::BagInUse(Bag::Reagent));
    station.advance(1.0);
    assert_eq!(station.phase(), Phase::Coated);
    refused(&mut station, Operation::ConditionMedium, RefusalKind::MissingStep(Task::WashOut));
    ok(&mut station, Operation::WashOut);
}

#[test]
fn cells_need_conditioned_medium_and_the_cell_bag() {
    let mut station = coating();
    station.advance(COATING_TIME_H);
    ok(&mut station, Operation::WashOut);
    refused(&mut station, ANY_LOAD, RefusalKind::MissingStep(Task::ConditionMedium));
    ok(&mut station, Operation::ConditionMedium);
    ok(&mut station, Operation::SealLine { bag: Bag::Cell });
    ok(&mut station, Operation::InspectLine { bag: Bag::Cell });
    ok(&mut station, Operation::SeparateBag { bag: Bag::Cell });
    refused(&mut station, ANY_LOAD, RefusalKind::BagNotConnected(Bag::Cell));
    ok(&mut station, weld(Bag::Cell));
    for cells in [0.0, -5.0, f64::NAN, 1.0e12] {
        refused(
            &mut station,
            Operation::LoadCells { cells, distribution: Distribution::Circulate },
            RefusalKind::InvalidCellCount,
        );
    }
    ok(&mut station, ANY_LOAD);
    refused(&mut station, ANY_LOAD, RefusalKind::AlreadyDone(Task::LoadCells));
}

#[test]
fn the_rate_changes_only_while_feeding_and_within_range() {
    let mut station = attaching();
    refused(&mut station, Operation::SetIcInletRate { ml_min: 0.2 }, RefusalKind::MissingStep(Task::Feed));
    refused(&mut station, Operation::Harvest { enzymatic_release: true }, RefusalKind::MissingStep(Task::Feed));
    let mut station = feeding();
    refused(&mut station, Operation::StartFeeding { ic_inlet_ml_min: 0.1 }, RefusalKind::FeedingAlreadyStarted);
    let out_of_range = RefusalKind::RateOutOfRange { max_ml_min: MAX_IC_INLET_ML_MIN };
    refused(&mut station, Operation::SetIcInletRate { ml_min: -1.0 }, out_of_range);
    refused(&mut station, Operation::SetIcInletRate { ml_min: 50.0 }, out_of_range);
    refused(&mut station, Operation::SeparateBag { bag: Bag::Media }, RefusalKind::BagInUse(Bag::Media));
    let events = ok(&mut station, Operation::SetIcInletRate { ml_min: 0.2 });
    assert!(events.contains(&StationEvent::FlowChanged { from_ml_min: 0.1, to_ml_min: 0.2 }));
}

#[test]
fn bags_and_lines_refuse_the_impossible() {
    let mut station = set_loaded();
    ok(&mut station, weld(Bag::Media));
    refused(&mut station, weld(Bag::Media), RefusalKind::BagAlreadyConnected(Bag::Media));
    refused(&mut station, Operation::InspectLine { bag: Bag::Waste }, RefusalKind::NothingToInspect(Bag::Waste));
    refused(&mut station, Operation::SealLine { bag: Bag::Waste }, RefusalKind::BagNotConnected(Bag::Waste));
    refused(&mut station, Operation::SeparateBag { bag: Bag::Waste }, RefusalKind::BagNotConnected(Bag::Waste));
    ok(&mut station, Operation::SealLine { bag: Bag::Media });
    refused(&mut station, Operation::SealLine { bag: Bag::Media }, RefusalKind::AlreadySealed(Bag::Media));
    refused(
        &mut station,
        Operation::AcknowledgeAlarm { alarm: AlarmKind::LactateHigh },
        RefusalKind::AlarmNotActive(AlarmKind::LactateHigh),
    );
}

#[test]
fn after_harvest_only_line_handling_remains() {
    let mut station = feeding();
    ok(&mut station, Operation::Harvest { enzymatic_release: true });
    refused(&mut station, Operation::Sample { label: "S".into() }, RefusalKind::RunFinished);
    refused(&mut station, Operation::SetIcInletRate { ml_min: 0.2 }, RefusalKind::RunFinished);
    ok(&mut station, Operation::SealLine { bag: Bag::Harvest });
    ok(&mut station, Operation::InspectLine { bag: Bag::Harvest });
    ok(&mut station, Operation::LabelHarvestBag);
    let events = ok(&mut station, Operation::SeparateBag { bag: Bag::Harvest });
    assert_eq!(events, vec![StationEvent::BagSeparated { bag: Bag::Harvest }]);
    assert!(!station.contaminated());
    for test in QcTest::ALL {
        ok(&mut station, Operation::QcSample { test });
    }
    assert_eq!(station.observe("sterility_result"), Some(Value::Choice("no_growth".into())));
    assert!(station.deviations().is_empty(), "{:?}", station.deviations());
}

#[test]
fn a_harvest_bag_that_leaves_the_set_unlabelled_is_a_deviation() {
    let mut station = feeding();
    ok(&mut station, Operation::Harvest { enzymatic_release: true });
    ok(&mut station, Operation::SealLine { bag: Bag::Harvest });
    ok(&mut station, Operation::InspectLine { bag: Bag::Harvest });
    ok(&mut station, Operation::SeparateBag { bag: Bag::Harvest });
    assert_eq!(station.deviations(), &[DeviationKind::UnlabelledProduct]);
    // Labelling it afterwards is accepted, but the deviation stands.
    ok(&mut station, Operation::LabelHarvestBag);
    assert_eq!(station.observe("harvest_labelled"), Some(Value::Flag(true)));
    assert_eq!(station.deviations(), &[DeviationKind::UnlabelledProduct]);
}

#[test]
fn product_samples_need_a_product() {
    let mut station = feeding();
    refused(&mut station, Operation::QcSample { test: QcTest::Sterility }, RefusalKind::NoProduct);
    assert_eq!(station.observe("sterility_result"), Some(Value::Choice("not_sampled".into())));
}

#[test]
fn a_broken_closed_system_fails_the_sterility_test_of_the_product() {
    let mut station = feeding();
    // The cell bag's line is cut without a seal: the culture is open to the room.
    ok(&mut station, Operation::SeparateBag { bag: Bag::Cell });
    assert_eq!(station.deviations(), &[DeviationKind::ClosedSystemBroken]);
    ok(&mut station, Operation::Harvest { enzymatic_release: true });
    ok(&mut station, Operation::QcSample { test: QcTest::Sterility });
    assert_eq!(station.observe("sterility_result"), Some(Value::Choice("growth".into())));
}

// ---- Closed system: welds and seals ----

#[test]
fn an_open_connection_is_a_contamination_event() {
    let mut station = set_loaded();
    let events = ok(&mut station, Operation::ConnectBag { bag: Bag::Media, method: ConnectionMethod::Open });
    assert!(matches!(events[1], StationEvent::Contamination { .. }));
    assert!(
        events.iter().any(|e| matches!(e, StationEvent::Deviation { kind: DeviationKind::ClosedSystemBroken, .. }))
    );
    assert_eq!(station.deviations(), &[DeviationKind::ClosedSystemBroken]);
    assert!(station.contaminated());
    assert_eq!(station.observe("contaminated"), Some(Value::Flag(true)));
}

#[test]
fn separating_without_a_seal_contaminates_and_an_uninspected_seal_deviates() {
    let mut station = set_loaded();
    ok(&mut station, weld(Bag::Reagent));
    let events = ok(&mut station, Operation::SeparateBag { bag: Bag::Reagent });
    assert!(events.iter().any(|e| matches!(e, StationEvent::Contamination { .. })));
    ok(&mut station, weld(Bag::Cell));
    ok(&mut station, Operation::SealLine { bag: Bag::Cell });
    let events = ok(&mut station, Operation::SeparateBag { bag: Bag::Cell });
    assert!(events.iter().any(|e| matches!(e, StationEvent::Deviation { kind: DeviationKind::SealNotInspected, .. })));
}

#[test]
fn using_an_uninspected_weld_is_a_deviation() {
    let mut station = set_loaded();
    ok(&mut station, weld(Bag::Media));
    ok(&mut station, weld(Bag::Waste));
    ok(&mut station, Operation::InspectLine { bag: Bag::Waste });
    ok(&mut station, Operation::Prime);
    assert_eq!(station.deviations(), &[DeviationKind::WeldNotInspected]);
}

// ---- Samples, alarms, record ----

#[test]
fn samples_report_metabolites_and_go_into_the_record() {
    let mut station = feeding();
    station.set_operator("op-2");
    let events = ok(&mut station, Operation::Sample { label: "S-01".into() });
    let StationEvent::Sampled(result) = &events[0] else {
        panic!("expected a sample result, got {events:?}");
    };
    assert!(result.glucose_mmol_l > 5.0 && result.lactate_mmol_l > 0.0);
    assert!(result.cells_estimate > 5.0e6);
    let entries: Vec<_> = station.batch_record().of_kind(batch_record::EntryKind::Sample).collect();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.operator == "op-2" && e.time_h == station.clock_h()));
}

#[test]
fn an_unlabelled_sample_in_the_analyser_is_a_deviation_and_a_labelled_one_is_not() {
    let mut station = feeding();
    ok(&mut station, Operation::Sample { label: "  ".into() });
    assert!(station.deviations().is_empty(), "a tube is labelled after it is drawn");
    ok(&mut station, Operation::LabelSample { label: "D01".into() });
    ok(&mut station, Operation::AnalyseSample);
    assert!(station.deviations().is_empty());
    assert_eq!(station.samples()[0].label, "D01");

    station.advance(SAMPLE_INTERVAL_H);
    ok(&mut station, Operation::Sample { label: String::new() });
    ok(&mut station, Operation::AnalyseSample);
    assert_eq!(station.deviations(), &[DeviationKind::UnlabelledSample]);
    // Reported once per sample.
    ok(&mut station, Operation::AnalyseSample);
    assert_eq!(station.deviations(), &[DeviationKind::UnlabelledSample]);
}

#[test]
fn a_line_whose_clamp_was_closed_keeps_its_air_until_primed_again() {
    let mut station = set_loaded();
    for bag in [Bag::Media, Bag::Reagent, Bag::Waste] {
        ok(&mut station, weld(bag));
        ok(&mut station, Operation::InspectLine { bag });
    }
    for bag in [Bag::Media, Bag::Waste] {
        ok(&mut station, Operation::SetClamp { bag, open: true });
    }
    ok(&mut station, Operation::Prime);
    assert_eq!(station.phase(), Phase::Primed);
    assert_eq!(station.observe("air_detected"), Some(Value::Flag(true)));
    let entry = station.batch_record().of_kind(batch_record::EntryKind::Equipment).last().expect("priming entry");
    assert!(entry.text.en.contains("reagent bag"), "{}", entry.text.en);
    // Priming again with the clamp still closed leaves the air; opened, it goes.
    ok(&mut station, Operation::Prime);
    assert!(station.air_detected());
    ok(&mut station, Operation::SetClamp { bag: Bag::Reagent, open: true });
    ok(&mut station, Operation::Prime);
    assert_eq!(station.observe("air_detected"), Some(Value::Flag(false)));
    refused(&mut station, Operation::Prime, RefusalKind::AlreadyDone(Task::Prime));
}

#[test]
fn a_missed_daily_sample_raises_an_alarm_then_a_deviation() {
    let mut station = feeding();
    ok(&mut station, Operation::Sample { label: "S-01".into() });
    let events = station.advance(SAMPLE_INTERVAL_H);
    assert!(events.contains(&StationEvent::AlarmRaised(AlarmKind::SampleDue)));
    assert!(station.deviations().is_empty());
    station.advance(SAMPLE_GRACE_H);
    assert_eq!(station.deviations(), &[DeviationKind::SampleOverdue]);
    let events = ok(&mut station, Operation::Sample { label: "S-02".into() });
    assert!(events.contains(&StationEvent::AlarmCleared(AlarmKind::SampleDue)));
}

#[test]
fn high_lactate_in_a_sample_raises_the_alarm_and_feeding_clears_it() {
    let mut station = Scenario::under_fed().prepare().expect("prepares");
    station.advance(ATTACHMENT_PERIOD_H);
    ok(&mut station, Operation::StartFeeding { ic_inlet_ml_min: 0.1 });
    for day in 2..=13 {
        station.advance(SAMPLE_INTERVAL_H);
        ok(&mut station, Operation::Sample { label: format!("D{day}") });
    }
    assert_eq!(station.observe("alarm_lactate_high"), Some(Value::Flag(true)));
    ok(&mut station, Operation::SetIcInletRate { ml_min: 2.0 });
    station.advance(SAMPLE_INTERVAL_H);
    let events = ok(&mut station, Operation::Sample { label: "D14".into() });
    assert!(events.contains(&StationEvent::AlarmCleared(AlarmKind::LactateHigh)));
}

#[test]
fn an_injected_pressure_alarm_holds_the_pumps_until_its_cause_is_found_and_it_is_acknowledged() {
    let kind = AlarmKind::IcInletPressureHigh;
    let mut station = feeding();
    let events = station.inject_alarm(kind);
    assert_eq!(events, vec![StationEvent::AlarmRaised(kind)]);
    assert!(!station.status().pumps_running);
    // Acknowledging silences it, but the kinked line is still there.
    let events = ok(&mut station, Operation::AcknowledgeAlarm { alarm: kind });
    assert!(!events.contains(&StationEvent::AlarmCleared(kind)));
    assert_eq!(station.observe("alarm_ic_inlet_pressure_high"), Some(Value::Flag(true)));
    assert!(!station.status().pumps_running);
    refused(&mut station, Operation::Harvest { enzymatic_release: true }, RefusalKind::PumpsHeld(kind));
    let events = ok(&mut station, Operation::InspectIcInlet);
    assert!(events.contains(&StationEvent::AlarmCleared(kind)));
    assert!(station.status().pumps_running);

    // Found first, then acknowledged: it clears on the acknowledgement.
    let mut station = feeding();
    station.inject_alarm(kind);
    assert!(ok(&mut station, Operation::InspectIcInlet).is_empty());
    assert!(ok(&mut station, Operation::AcknowledgeAlarm { alarm: kind }).contains(&StationEvent::AlarmCleared(kind)));
}

#[test]
fn a_set_pressure_alarm_pauses_every_task_until_the_kink_is_found() {
    let kind = AlarmKind::SetPressureHigh;
    let mut station = set_loaded();
    for bag in [Bag::Media, Bag::Waste] {
        ok(&mut station, weld(bag));
        ok(&mut station, Operation::InspectLine { bag });
        ok(&mut station, Operation::SetClamp { bag, open: true });
    }
    station.inject_alarm(kind);
    ok(&mut station, Operation::AcknowledgeAlarm { alarm: kind });
    refused(&mut station, Operation::Prime, RefusalKind::PumpsHeld(kind));
    ok(&mut station, Operation::InspectSet);
    assert_eq!(station.observe("alarm_set_pressure_high"), Some(Value::Flag(false)));
    ok(&mut station, Operation::Prime);
}

#[test]
fn key_entries_are_recorded_attributed_and_time_stamped() {
    let (_, station) = Scenario::well_run().run().expect("runs");
    let record = station.batch_record();
    let kinds = |kind| record.of_kind(kind).count();
    use batch_record::EntryKind as K;
    assert_eq!(kinds(K::Material), 1);
    assert_eq!(kinds(K::Connection), 10, "5 welds + 5 inspections");
    assert!(kinds(K::Setting) >= 3);
    assert_eq!(kinds(K::Sample), 26, "13 daily samples, glucose and lactate");
    assert_eq!(kinds(K::Measurement), 3, "loaded, harvested, viability");
    let coating = record.of_kind(K::Material).next().expect("coating entry");
    assert_eq!(coating.value, Value::Choice("fibronectin".into()));
    assert_eq!(coating.operator, "operator-1");
    let times: Vec<f64> = record.entries().iter().map(|e| e.time_h).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "contemporaneous order");
}

#[test]
fn a_record_correction_keeps_the_original() {
    let mut station = attaching();
    let id = station
        .batch_record()
        .of_kind(batch_record::EntryKind::Measurement)
        .next()
        .map(|e| e.id)
        .expect("cell count entry");
    station.set_operator("qa-1");
    let fix =
        station.correct_record(id, Value::Number(1.1e7), "count re-read from the counter printout").expect("accepted");
    let record = station.batch_record();
    assert_eq!(record.entry(id).map(|e| &e.value), Some(&Value::Number(1.0e7)));
    assert_eq!(record.current_value(id), Some(&Value::Number(1.1e7)));
    assert_eq!(record.entry(fix).map(|e| e.operator.as_str()), Some("qa-1"));
}

// ---- Touchscreen data ----

#[test]
fn the_task_list_follows_the_procedure() {
    let states = |station: &Bioreactor| -> Vec<TaskState> { station.tasks().iter().map(|t| t.state).collect() };
    let fresh = Bioreactor::new("op");
    assert_eq!(states(&fresh)[0], TaskState::Current);
    assert!(states(&fresh)[1..].iter().all(|s| *s == TaskState::Locked));
    let station = coating();
    let list = station.tasks();
    assert_eq!(list[2].state, TaskState::Done);
    assert_eq!(list[3].task, Task::Coat);
    assert_eq!(list[3].state, TaskState::Current);
    assert_eq!(list[4].state, TaskState::Locked);
    assert_eq!(station.status().coating_remaining_h, Some(COATING_TIME_H));
}

#[test]
fn observations_cover_their_keys_and_the_brief() {
    let station = feeding();
    let keys: Vec<&str> = station.observations().iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, display::OBSERVATION_KEYS);
    assert_eq!(station.observe("phase"), Some(Value::Choice("feeding".into())));
    assert_eq!(station.observe("set_loaded"), Some(Value::Flag(true)));
    assert_eq!(station.observe("primed"), Some(Value::Flag(true)));
    assert_eq!(station.observe("coating"), Some(Value::Choice("fibronectin".into())));
    assert_eq!(station.observe("ic_inlet_rate_ml_min"), Some(Value::Number(0.1)));
    assert_eq!(station.observe("day"), Some(Value::Number(1.0)));
    assert!(matches!(station.observe("cells"), Some(Value::Number(n)) if n > 8.0e6));
    let tagged = station.station_observations();
    assert!(tagged.iter().all(|(id, _, _)| *id == STATION_ID));
}

#[test]
fn the_history_has_one_point_per_hour_from_loading() {
    let mut station = attaching();
    station.advance(48.0);
    assert_eq!(station.history().len(), 49);
    let clock = station.clock();
    assert_eq!(clock.culture_day, Some(2));
}

#[test]
fn advance_until_decision_stops_where_the_operator_is_needed() {
    let mut station = coating();
    let advance = station.advance_until_decision(48.0);
    assert_eq!(advance.stopped_at, DecisionPoint::CoatingComplete);
    assert!((advance.hours - COATING_TIME_H).abs() < 1e-9);
    let mut station = attaching();
    let advance = station.advance_until_decision(48.0);
    assert_eq!(advance.stopped_at, DecisionPoint::AttachmentPeriodElapsed);
    assert!((advance.hours - ATTACHMENT_PERIOD_H).abs() < 1e-9);
}

// ---- The culture model as a scenario table ----

fn run(scenario: &Scenario) -> ScenarioOutcome {
    let (outcome, _) = scenario.run().expect("scenario runs without refusals");
    println!(
        "{:<16} harvest {:>7.1} ×10⁶  viability {:>5.1} %  peak lactate {:>5.2} mmol/L  lowest glucose {:>4.2}  final rate {:.2} mL/min",
        scenario.name,
        outcome.harvested_cells / 1.0e6,
        outcome.viability * 100.0,
        outcome.peak_lactate_mmol_l,
        outcome.lowest_glucose_mmol_l,
        outcome.final_ic_inlet_ml_min
    );
    outcome
}

#[test]
fn good_practice_lands_in_the_published_p1_range() {
    let outcome = run(&Scenario::well_run());
    // domain.md §4.8: bone marrow P1 131±84×10⁶ cells in 13±1 days.
    assert!((47.0e6..=215.0e6).contains(&outcome.harvested_cells), "{outcome:?}");
    assert!((100.0e6..=160.0e6).contains(&outcome.harvested_cells), "{outcome:?}");
    assert!(outcome.viability > 0.95, "{outcome:?}");
    assert_eq!(outcome.deviations, 0);
}

#[test]
fn under_feeding_raises_lactate_and_lowers_yield_and_viability() {
    let good = run(&Scenario::well_run());
    let poor = run(&Scenario::under_fed());
    assert!(poor.peak_lactate_mmol_l > good.peak_lactate_mmol_l + 3.0, "{poor:?}");
    assert!(poor.harvested_cells < 0.85 * good.harvested_cells, "{poor:?}");
    assert!(poor.viability < good.viability - 0.02, "{poor:?}");
    assert!(poor.lowest_glucose_mmol_l < GLUCOSE_ALARM_MMOL_L, "{poor:?}");
}

#[test]
fn a_wrong_coating_lowers_yield() {
    let good = run(&Scenario::well_run());
    for reagent in CoatingReagent::ALL {
        let outcome = run(&Scenario::coated_with(reagent));
        if reagent.supports_expansion() {
            let ratio = outcome.harvested_cells / good.harvested_cells;
            assert!((ratio - 1.0).abs() < 1e-9, "{reagent:?} works as well as fibronectin");
        } else {
            assert!(outcome.harvested_cells < 0.5 * good.harvested_cells, "{reagent:?}");
        }
    }
}

#[test]
fn distribution_and_attachment_time_matter() {
    let good = run(&Scenario::well_run());
    let circulated = run(&Scenario::circulate_only());
    let early = run(&Scenario::early_feeding());
    assert!(circulated.harvested_cells < 0.8 * good.harvested_cells);
    assert!(early.harvested_cells < 0.9 * good.harvested_cells);
    assert_eq!(early.deviations, 1);
}

#[test]
fn fourteen_days_in_one_step_equal_336_hourly_steps() {
    let base = Scenario::well_run().prepare().expect("prepares");
    let mut feeding_station = base.clone();
    feeding_station.advance(ATTACHMENT_PERIOD_H);
    ok(&mut feeding_station, Operation::StartFeeding { ic_inlet_ml_min: 0.4 });
    let mut one_step = feeding_station.clone();
    one_step.advance(336.0);
    let mut hourly = feeding_station.clone();
    for _ in 0..336 {
        hourly.advance(1.0);
    }
    let mut odd_steps = feeding_station.clone();
    for _ in 0..(336.0_f64 / 0.07).round() as usize {
        odd_steps.advance(0.07);
    }
    odd_steps.advance(336.0 - (odd_steps.clock_h() - feeding_station.clock_h()));
    for other in [&hourly, &odd_steps] {
        let (a, b) = (one_step.culture(), other.culture());
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-3 * x.abs().max(y.abs()).max(1e-6);
        assert!(close(a.attached, b.attached), "{a:?} vs {b:?}");
        assert!(close(a.glucose_mmol_l, b.glucose_mmol_l), "{a:?} vs {b:?}");
        assert!(close(a.lactate_mmol_l, b.lactate_mmol_l), "{a:?} vs {b:?}");
        assert!(close(a.dead, b.dead), "{a:?} vs {b:?}");
        assert!((one_step.clock_h() - other.clock_h()).abs() < 1e-6);
        assert_eq!(one_step.history().len(), other.history().len());
    }
    assert_eq!(one_step.culture(), hourly.culture(), "aligned steps are exact");
}

#[test]
fn runs_are_deterministic() {
    let (a_outcome, a) = Scenario::well_run().run().expect("runs");
    let (b_outcome, b) = Scenario::well_run().run().expect("runs");
    assert_eq!(a_outcome, b_outcome);
    assert_eq!(a, b);
}
