//! The fill-and-finish station's procedure, product model, labels and identity.

use super::ids::*;
use super::pages::{FillFinishDesk, Page};
use super::scenario::{Choices, run};
use super::*;
use crate::level::{Action, ConnectMethod};
use crate::stations::StationModel;

fn press(control: &str) -> Action {
    Action::Press { control: control.into() }
}

fn refusal_codes(desk: &mut FillFinishDesk, action: Action) -> Vec<String> {
    desk.act(&action).refusals.into_iter().map(|r| r.code).collect()
}

#[test]
fn out_of_order_operations_are_refused_with_a_reason() {
    let mut desk = FillFinishDesk::new("operator");
    let load = Action::Place { item: SET.into(), target: SET_MOUNT.into() };
    assert_eq!(refusal_codes(&mut desk, load.clone()), ["missing_step:batch_record"]);
    assert_eq!(refusal_codes(&mut desk, press(CHECK_BATCH_RECORD)), ["missing_step:line_clearance"]);
    assert!(refusal_codes(&mut desk, press(LINE_CLEARANCE)).is_empty());
    assert!(refusal_codes(&mut desk, press(CHECK_BATCH_RECORD)).is_empty());
    assert_eq!(refusal_codes(&mut desk, press(CONFIRM_RECIPE)), ["missing_step:welds"]);
    assert!(refusal_codes(&mut desk, load).is_empty());
    let luer = Action::Connect { a: CELL_LINE.into(), b: CELL_BAG.into(), method: ConnectMethod::Luer };
    assert_eq!(refusal_codes(&mut desk, luer), ["open_connection"]);
    let wrong = Action::Connect { a: CELL_LINE.into(), b: CRYO_BAG.into(), method: ConnectMethod::SterileWeld };
    assert_eq!(refusal_codes(&mut desk, wrong), ["wrong_bag"]);
    assert_eq!(refusal_codes(&mut desk, Action::Inspect { object: CRYO_LINE.into() }), ["missing_step:weld"]);
    assert_eq!(refusal_codes(&mut desk, press(ADD_CRYOPROTECTANT)), ["missing_step:recipe"]);
    assert_eq!(refusal_codes(&mut desk, press(FILL)), ["out_of_order:fill"]);
    assert_eq!(refusal_codes(&mut desk, Action::Seal { tube: BAG_TUBES[0].into() }), ["missing_step:fill"]);
    assert_eq!(refusal_codes(&mut desk, press(FREEZER)), ["missing_step:fill"]);
    let reason = desk.act(&press(FREEZER)).refusals[0].reason.clone();
    assert!(reason.en.contains("Fill") && !reason.ko.is_empty(), "{reason:?}");
}

#[test]
fn the_recipe_is_typed_on_the_keypad_and_checked_against_the_cells() {
    let (mut desk, _) = run(Choices::default());
    assert_eq!(desk.station.recipe().map(|r| r.bags), Some(3));
    // A fresh unit: the recipe field typed key by key.
    desk = FillFinishDesk::new("operator");
    for action in [press(LINE_CLEARANCE), press(CHECK_BATCH_RECORD)] {
        desk.act(&action);
    }
    desk.act(&Action::Set { control: PAGE.into(), value: Value::Choice("recipe".into()) });
    assert_eq!(desk.page(), Page::Recipe);
    desk.act(&Action::Set { control: FIELD.into(), value: Value::Choice("bags".into()) });
    for key in ["9", "enter"] {
        desk.act(&Action::Set { control: KEY.into(), value: Value::Choice(key.into()) });
    }
    assert_eq!(desk.station.entry.bags, None, "9 bags is more than the manifold holds");
    for key in ["delete", "3", "enter"] {
        desk.act(&Action::Set { control: KEY.into(), value: Value::Choice(key.into()) });
    }
    assert_eq!(desk.station.entry.bags, Some(3.0));
    let view = desk.view();
    assert!(view.lines.iter().any(|line| line.text.en == "Bags: 3"), "{:?}", view.lines);
}

#[test]
fn a_well_run_batch_meets_the_recipe_and_the_specification() {
    let (desk, batch) = run(Choices::default());
    assert!(batch.refusals.is_empty(), "{:?}", batch.refusals);
    assert!(batch.deviations.is_empty(), "{:?}", batch.deviations);
    assert_eq!(batch.bag_volumes, vec![25.0; 3]);
    assert!((batch.cells_per_ml - 5.0e6).abs() < 1.0, "{}", batch.cells_per_ml);
    assert!((batch.dmso_percent - 10.0).abs() < 0.05, "{}", batch.dmso_percent);
    assert_eq!(batch.viability, 0.92, "no loss when DMSO is handled well");
    assert!(batch.viability >= desk.station.settings().viability_spec);
    assert!(batch.exposure_min < desk.station.settings().hold_min, "{}", batch.exposure_min);
    assert_eq!(desk.station.phase(), Phase::Stored);
    assert!(desk.station.product_c() < PRODUCT_STORAGE_LIMIT_C);
    // Freezing followed the −1 °C/min profile.
    let profile = desk.station.freezing();
    let (a, b) = (profile[1], profile[10]);
    assert!(((b.1 - a.1) / (b.0 - a.0) + 1.0).abs() < 1e-6, "{a:?} {b:?}");
}

#[test]
fn warm_or_bolus_dmso_and_an_exceeded_hold_time_lower_viability() {
    let well = run(Choices::default()).1.viability;
    let cases = [
        ("warm", Choices { cool: false, ..Choices::default() }, DeviationKind::WarmAddition),
        ("bolus", Choices { addition_min: 1.0, ..Choices::default() }, DeviationKind::BolusAddition),
        ("unmixed", Choices { mix: false, ..Choices::default() }, DeviationKind::BolusAddition),
        ("late", Choices { wait_min: 60.0, ..Choices::default() }, DeviationKind::HoldTimeExceeded),
    ];
    for (name, choices, deviation) in cases {
        let batch = run(choices).1;
        assert!(batch.viability < well, "{name}: {} vs {well}", batch.viability);
        assert!(batch.deviations.contains(&deviation), "{name}: {:?}", batch.deviations);
    }
}

#[test]
fn wrong_bag_count_or_volume_and_a_failed_seal_are_deviations() {
    let cases = [
        (Choices { bags: Some(2), ..Choices::default() }, DeviationKind::WrongBagCount),
        (Choices { fill_ml: Some(20.0), ..Choices::default() }, DeviationKind::WrongFillVolume),
        (Choices { seal_fails: true, reseal: false, ..Choices::default() }, DeviationKind::FailedSeal),
        (Choices { retention_sample: false, ..Choices::default() }, DeviationKind::NoRetentionSample),
    ];
    for (choices, deviation) in cases {
        let batch = run(choices).1;
        assert!(batch.deviations.contains(&deviation), "{choices:?}: {:?}", batch.deviations);
    }
    // A failed seal found on inspection and made again is no deviation.
    let resealed = run(Choices { seal_fails: true, ..Choices::default() }).1;
    assert!(resealed.deviations.is_empty(), "{:?}", resealed.deviations);
}

#[test]
fn the_labels_carry_the_din_with_its_check_character_and_the_product_code() {
    let (desk, _) = run(Choices::default());
    let labels = desk.station.labels().expect("printed");
    assert_eq!(labels.din, "G123 498 654 321 H", "the published example and its check character");
    assert_eq!(labels.product_code.as_deref(), Some("S1194"), "10 % DMSO");
    let text = labels.text();
    for part in
        ["DIN\nG123 498 654 321 H", "S1194", "VOLUME 25 mL", "10 % DMSO", "EXP 2027-12-01", "FOR AUTOLOGOUS USE ONLY"]
    {
        assert!(text.en.contains(part), "{part} in {}", text.en);
    }
    assert!(text.ko.contains("자가 사용 전용"));
}

#[test]
fn a_planted_din_mismatch_is_critical_unless_reported() {
    let planted = |desk: &mut FillFinishDesk| {
        let settings = Settings { batch_record_din: Din::parse("G123 498 654 312").ok(), ..Settings::default() };
        *desk = FillFinishDesk::with_station(FillFinish::with_settings("operator", settings));
        desk.act(&press(LINE_CLEARANCE));
    };
    let mut desk = FillFinishDesk::new("operator");
    planted(&mut desk);
    assert!(desk.station.identity_mismatch());
    desk.act(&press(CHECK_BATCH_RECORD));
    assert!(desk.station.deviations().contains(&DeviationKind::IdentityMismatch), "signed a mismatch as checked");
    planted(&mut desk);
    assert!(desk.act(&press(REPORT_MISMATCH)).refusals.is_empty());
    assert_eq!(desk.station.phase(), Phase::OnHold);
    assert!(desk.station.deviations().is_empty());
    let codes = refusal_codes(&mut desk, Action::Place { item: SET.into(), target: SET_MOUNT.into() });
    assert_eq!(codes, ["on_hold"]);
    // Where bag and record agree, QA closes the query and the batch goes on.
    let mut agreeing = FillFinishDesk::new("operator");
    agreeing.act(&press(LINE_CLEARANCE));
    assert!(refusal_codes(&mut agreeing, press(REPORT_MISMATCH)).is_empty());
    assert!(agreeing.station.false_query());
    assert_eq!(agreeing.station.phase(), Phase::BatchRecord, "not on hold");
}

#[test]
fn a_product_handed_on_brings_its_identity_and_cells() {
    // The batch record was opened for this donation.
    let settings =
        Settings { handed_on: true, batch_record_din: Din::parse("G123 426 000 123").ok(), ..Settings::default() };
    let mut desk = FillFinishDesk::with_station(FillFinish::with_settings("operator", settings.clone()));
    desk.act(&press(LINE_CLEARANCE));
    assert_eq!(refusal_codes(&mut desk, press(CHECK_BATCH_RECORD)), ["missing_step:product"], "the product first");
    let product = Product {
        item: "mnc_product_bag".into(),
        din: "G123 426 000 123".into(),
        description: Text::new("MNC apheresis product", "MNC 성분채집 산물"),
        cells: 4.0e9,
        viability: 0.97,
        volume_ml: 120.0,
        contaminated: false,
    };
    StationModel::receive(&mut desk, &product);
    desk.act(&Action::Place { item: product.item.clone(), target: STATION_ID.into() });
    assert_eq!(desk.station.incoming_item(), "mnc_product_bag");
    assert_eq!(desk.station.incoming().cells, 4.0e9);
    assert_eq!(desk.station.incoming_din().data(), "G123426000123");
    assert!(!desk.station.identity_mismatch(), "the record's donation");
    desk.act(&press(CHECK_BATCH_RECORD));
    assert!(desk.station.deviations().is_empty());
    desk.act(&Action::Place { item: SET.into(), target: SET_MOUNT.into() });
    let weld = |b: &str| Action::Connect { a: CELL_LINE.into(), b: b.into(), method: ConnectMethod::SterileWeld };
    assert_eq!(refusal_codes(&mut desk, weld(CELL_BAG)), ["wrong_bag"], "the cells are in the product bag");
    assert!(refusal_codes(&mut desk, weld("mnc_product_bag")).is_empty());
    // Another donor's product brought to a batch record opened for this one is a mismatch.
    let mut other = FillFinishDesk::with_station(FillFinish::with_settings("operator", settings));
    let stranger = Product { din: "G123 426 000 124".into(), ..product };
    StationModel::receive(&mut other, &stranger);
    other.act(&Action::Place { item: stranger.item.clone(), target: STATION_ID.into() });
    assert!(other.station.identity_mismatch());
}

#[test]
fn a_recipe_the_incoming_cells_cannot_meet_is_refused_with_the_reason() {
    let mut desk = FillFinishDesk::new("operator");
    for action in
        [press(LINE_CLEARANCE), press(CHECK_BATCH_RECORD), Action::Place { item: SET.into(), target: SET_MOUNT.into() }]
    {
        desk.act(&action);
    }
    for (line, bag) in [(CELL_LINE, CELL_BAG), (CRYO_LINE, CRYO_BAG), (BAGS_LINE, FINAL_BAGS)] {
        desk.act(&Action::Connect { a: line.into(), b: bag.into(), method: ConnectMethod::SterileWeld });
        desk.act(&Action::Inspect { object: line.into() });
    }
    let set = |control: &str, value: f64| Action::Set { control: control.into(), value: Value::Number(value) };
    // 5×10⁸ cells at 50×10⁶/mL: 10 mL, less than the 50 mL they come in.
    for (control, value) in [
        (RECIPE_CELLS, 50.0),
        (RECIPE_DMSO, 10.0),
        (RECIPE_FILL, 25.0),
        (RECIPE_BAGS, 3.0),
        (RECIPE_QC, 2.0),
        (RECIPE_RETENTION, 2.0),
    ] {
        assert!(desk.act(&set(control, value)).refusals.is_empty());
    }
    let refusals = desk.act(&press(CONFIRM_RECIPE)).refusals;
    assert_eq!(refusals.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), ["recipe_infeasible"]);
    assert!(refusals[0].reason.en.contains("too dilute"), "{:?}", refusals[0].reason);
    assert_eq!(desk.station.recipe(), None);
    // A recipe other than the batch record's, once confirmed, is a deviation.
    desk.act(&set(RECIPE_CELLS, 4.0));
    assert!(desk.act(&press(CONFIRM_RECIPE)).refusals.is_empty());
    assert!(desk.station.deviations().contains(&DeviationKind::RecipeMismatch));
    assert_eq!(refusal_codes(&mut desk, set(RECIPE_RETENTION, 0.0)), ["recipe_confirmed"]);
}

#[test]
fn an_injected_warming_plate_sounds_in_time_to_be_answered() {
    let answered = run(Choices { plate_fault: Some(true), ..Choices::default() }).1;
    assert!(answered.refusals.is_empty(), "{:?}", answered.refusals);
    assert_eq!(answered.bag_volumes, vec![25.0; 3], "the batch went on to the freezer");
    assert!(answered.deviations.is_empty(), "paused and cooled in time: {:?}", answered.deviations);
    let (desk, ignored) = run(Choices { plate_fault: Some(false), ..Choices::default() });
    assert!(ignored.refusals.is_empty(), "{:?}", ignored.refusals);
    assert_eq!(desk.station.phase(), Phase::Stored);
    assert!(ignored.deviations.contains(&DeviationKind::WarmAddition), "{:?}", ignored.deviations);
    assert!(ignored.viability < answered.viability);
    let alarms = desk.station.batch_record().entries().iter().filter(|e| e.kind == EntryKind::Alarm).count();
    assert!(alarms >= 1, "the alarm is in the batch record");
}

#[test]
fn the_screen_shows_every_page_with_text() {
    let (mut desk, _) = run(Choices::default());
    for page in Page::ALL {
        desk.act(&Action::Set { control: PAGE.into(), value: Value::Choice(page.id().into()) });
        let view = desk.view();
        assert!(!view.lines.is_empty(), "{page:?}");
        assert!(view.lines.iter().all(|l| !l.text.en.is_empty() && !l.text.ko.is_empty()), "{page:?}");
    }
    desk.act(&Action::Set { control: PAGE.into(), value: Value::Choice("results".into()) });
    let chart = desk.view().chart.expect("the freezing plot");
    assert!(chart.series[0].points.len() > 10);
}
