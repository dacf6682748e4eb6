//! The QC review as a reviewer meets it: results against the specification, the decision, the
//! two phases of an OOS investigation and the retest.

use std::collections::BTreeMap;

use super::ids::*;
use super::*;

fn desk(settings: &[(&str, Value)]) -> QcReleaseDesk {
    let values: BTreeMap<String, Value> = settings.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
    QcReleaseDesk::with_results("KB-0042", Results::from_level(&values))
}

fn press(desk: &mut QcReleaseDesk, control: &str) -> Outcome {
    desk.act(&Action::Press { control: control.into() })
}

fn observed(desk: &QcReleaseDesk, key: &str) -> Value {
    desk.review.observations().into_iter().find(|(k, _)| *k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("{key}"))
}

fn car_t_at(viability: f64) -> QcReleaseDesk {
    desk(&[("product", Value::Choice("car_t".into())), ("viability_percent", Value::Number(viability))])
}

#[test]
fn a_car_t_bag_at_68_percent_viability_is_out_of_its_70_percent_specification() {
    let mut bag = car_t_at(68.0);
    assert_eq!(observed(&bag, "viability_in_spec"), Value::Flag(false));
    assert_eq!(observed(&bag, "in_spec"), Value::Flag(false));
    // 70 % itself meets "≥ 70 %" [S76].
    assert_eq!(observed(&car_t_at(70.0), "in_spec"), Value::Flag(true));
    // Released anyway: done, and recorded as a release out of specification.
    press(&mut bag, RELEASE);
    assert_eq!(observed(&bag, "released"), Value::Flag(true));
    assert_eq!(observed(&bag, "deviation_released_out_of_spec"), Value::Flag(true));
    assert_eq!(press(&mut bag, DECLARE_OOS).refusals[0].code, "qc:decided");
}

#[test]
fn an_oos_without_a_laboratory_error_goes_to_phase_two_and_the_batch_cannot_be_released() {
    let mut bag = car_t_at(68.0);
    assert_eq!(press(&mut bag, PHASE_ONE).refusals[0].code, "qc:no_oos");
    press(&mut bag, DECLARE_OOS);
    assert_eq!(bag.page(), Page::Investigation, "the terminal turns to the investigation");
    assert_eq!(press(&mut bag, PHASE_TWO).refusals[0].code, "qc:phase_one_first");
    press(&mut bag, PHASE_ONE);
    assert_eq!(observed(&bag, "lab_error_found"), Value::Flag(false));
    press(&mut bag, PHASE_TWO);
    assert_eq!(observed(&bag, "phase_two_open"), Value::Flag(true));
    assert_eq!(press(&mut bag, RELEASE).refusals[0].code, "qc:phase_two");
    assert_eq!(observed(&bag, "deviation_false_oos"), Value::Flag(false));
    let record = bag.review.batch_record().entries();
    assert_eq!(record.len(), 3);
    assert!(record[0].text.en.contains("declared out of specification: Viability"), "{}", record[0].text.en);
    assert!(record.iter().all(|entry| entry.operator == "KB-0042"));
}

fn msc_endotoxin(retest: f64) -> QcReleaseDesk {
    desk(&[
        ("product", Value::Choice("msc".into())),
        ("endotoxin_eu_ml", Value::Number(0.8)),
        ("lab_error", Value::Choice("calculation".into())),
        ("retest_endotoxin_eu_ml", Value::Number(retest)),
    ])
}

#[test]
fn an_endotoxin_retest_before_phase_one_is_testing_into_compliance_and_changes_nothing() {
    let mut batch = msc_endotoxin(0.2);
    assert_eq!(observed(&batch, "endotoxin_in_spec"), Value::Flag(false));
    press(&mut batch, RETEST);
    assert_eq!(observed(&batch, "deviation_retest_without_phase_one"), Value::Flag(true));
    // The first result stands: a retest without a cause does not replace it.
    assert_eq!(observed(&batch, "endotoxin_eu_ml"), Value::Number(0.8));
    assert_eq!(observed(&batch, "in_spec"), Value::Flag(false));
}

#[test]
fn a_laboratory_error_found_in_phase_one_invalidates_the_result_and_the_retest_decides() {
    let mut batch = msc_endotoxin(0.2);
    press(&mut batch, DECLARE_OOS);
    press(&mut batch, PHASE_ONE);
    assert_eq!(observed(&batch, "lab_error_found"), Value::Flag(true));
    assert_eq!(press(&mut batch, PHASE_TWO).refusals[0].code, "qc:lab_error");
    press(&mut batch, RETEST);
    assert_eq!(observed(&batch, "deviation_retest_without_phase_one"), Value::Flag(false));
    assert_eq!(observed(&batch, "endotoxin_eu_ml"), Value::Number(0.2));
    assert_eq!(observed(&batch, "in_spec"), Value::Flag(true));
    assert_eq!(observed(&batch, "decision"), Value::Choice("none".into()), "judged again on the retest");
    press(&mut batch, RELEASE);
    assert_eq!(observed(&batch, "released"), Value::Flag(true));
    assert_eq!(observed(&batch, "deviation_released_out_of_spec"), Value::Flag(false));
    // The MSC limit is strict: 0.5 EU/mL itself is out of "< 0.5" [S73].
    let at_limit = desk(&[("endotoxin_eu_ml", Value::Number(0.5))]);
    assert_eq!(observed(&at_limit, "endotoxin_in_spec"), Value::Flag(false));
}

#[test]
fn a_batch_in_specification_declared_oos_is_recorded_as_a_false_oos_and_every_key_is_declared() {
    let mut batch = desk(&[]);
    assert_eq!(observed(&batch, "in_spec"), Value::Flag(true));
    press(&mut batch, DECLARE_OOS);
    assert_eq!(observed(&batch, "deviation_false_oos"), Value::Flag(true));
    let keys: Vec<&str> = batch.review.observations().into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, station::OBSERVATION_KEYS);
    for page in Page::ALL {
        batch.act(&Action::Set { control: PAGE.into(), value: Value::Choice(page.id().into()) });
        let view = batch.view();
        for text in view.lines.iter().map(|l| &l.text).chain(view.buttons.iter().flatten().map(|b| &b.caption)) {
            assert!(!text.en.is_empty() && !text.ko.is_empty(), "{text:?}");
        }
    }
}
