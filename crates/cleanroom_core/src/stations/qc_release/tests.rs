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

// The bench: the product's own samples tested, the results into the review.

mod bench {
    use super::*;
    use crate::stations::StationModel;
    use crate::stations::bioreactor::controls::BioreactorDesk;
    use crate::stations::bioreactor::operation::{Bag, ConnectionMethod, Operation, QcTest};
    use crate::stations::bioreactor::scenario::Scenario;
    use crate::stations::bioreactor::{Bioreactor, MSC_BATCH};
    use crate::stations::qc_release::bench::Test;

    /// A bioreactor harvested by `scenario`, with every QC sample drawn from its harvest bag.
    fn harvested(scenario: Scenario, before_harvest: impl FnOnce(&mut Bioreactor)) -> BioreactorDesk {
        let mut station = scenario.prepare().expect("set up");
        scenario.culture_to_harvest(&mut station).expect("cultured");
        before_harvest(&mut station);
        station.apply(Operation::Harvest { enzymatic_release: true }).expect("harvested");
        for test in QcTest::ALL {
            station.apply(Operation::QcSample { test }).expect("sampled");
        }
        BioreactorDesk::with_station(station)
    }

    fn bench_desk(settings: &[(&str, Value)]) -> QcReleaseDesk {
        let mut all = vec![("results_from", Value::Choice("bench".into()))];
        all.extend(settings.iter().cloned());
        desk(&all)
    }

    /// Every sample to its instrument, as the world hands them over: each placing offers the
    /// product the container holds first.
    fn test_everything(qc: &mut QcReleaseDesk, made: &BioreactorDesk, mix: bool) {
        let products = made.products();
        assert_eq!(products.len(), 4, "one product per sample container");
        if mix {
            assert!(qc.act(&Action::Inspect { object: Test::CountAndViability.sample().into() }).handled);
        }
        for test in Test::ALL {
            let product = products.iter().find(|product| product.item == test.sample()).expect("sampled");
            StationModel::receive(qc, product);
            let outcome = qc.act(&Action::Place { item: product.item.clone(), target: test.instrument().into() });
            assert!(outcome.refusals.is_empty(), "{test:?}: {:?}", outcome.refusals);
        }
        press(qc, INCUBATOR_READ);
    }

    #[test]
    fn a_well_run_culture_counts_within_its_specification_and_is_released_on_complete_results() {
        let made = harvested(Scenario::well_run(), |_| {});
        let mut qc = bench_desk(&[]);
        assert_eq!(press(&mut qc, RELEASE).refusals[0].code, "qc:pending", "no decision before the results");
        assert_eq!(observed(&qc, "viability_in_spec"), Value::Flag(false), "pending is not in specification");
        test_everything(&mut qc, &made, true);
        assert_eq!(observed(&qc, "results_complete"), Value::Flag(true));
        let harvest = made.station.harvest().expect("harvested");
        let Value::Number(viability) = observed(&qc, "viability_percent") else { panic!() };
        assert!((viability - 100.0 * harvest.viability).abs() < 2.0, "counted {viability} % of {}", harvest.viability);
        let Value::Number(per_ml) = observed(&qc, "viable_cells_per_ml") else { panic!() };
        let expected = harvest.viable_cells / crate::stations::bioreactor::HARVEST_VOLUME_ML;
        assert!((per_ml / expected - 1.0).abs() < 0.15, "{per_ml:.3e} viable/mL against {expected:.3e}");
        assert_eq!(observed(&qc, "in_spec"), Value::Flag(true));
        assert!(press(&mut qc, RELEASE).refusals.is_empty());
        assert_eq!(observed(&qc, "deviation_released_out_of_spec"), Value::Flag(false));
        // Every test is in the record, with the operator.
        assert_eq!(qc.review.batch_record().entries().iter().filter(|e| e.kind == EntryKind::Sample).count(), 5);
        assert_eq!(made.products()[0].din, MSC_BATCH);
    }

    #[test]
    fn a_starved_culture_shows_its_low_viability_at_the_bench() {
        let well = harvested(Scenario::well_run(), |_| {});
        let starved = harvested(Scenario::under_fed(), |station| {
            // A further week without feed: the culture is run down.
            station.apply(Operation::SetIcInletRate { ml_min: 0.1 }).expect("rate");
            station.advance(7.0 * 24.0);
        });
        let viability_of = |made: &BioreactorDesk| {
            let mut qc = bench_desk(&[]);
            test_everything(&mut qc, made, true);
            let Value::Number(viability) = observed(&qc, "viability_percent") else { panic!() };
            (viability, observed(&qc, "viability_in_spec"))
        };
        let (well_viability, well_in_spec) = viability_of(&well);
        let (starved_viability, starved_in_spec) = viability_of(&starved);
        assert!(starved_viability < well_viability - 5.0, "starved {starved_viability} %, well run {well_viability} %");
        assert_eq!(well_in_spec, Value::Flag(true));
        assert_eq!(starved_in_spec, Value::Flag(false), "{starved_viability} % is under the ≥ 85 % of [S73]");
    }

    #[test]
    fn an_open_connection_grows_in_the_sterility_bottles() {
        let made = harvested(Scenario::well_run(), |station| {
            // The harvest bag swapped for a fresh one joined by an open connection.
            station.apply(Operation::SetClamp { bag: Bag::Harvest, open: false }).expect("clamped");
            station.apply(Operation::SealLine { bag: Bag::Harvest }).expect("sealed");
            station.apply(Operation::SeparateBag { bag: Bag::Harvest }).expect("separated");
            station
                .apply(Operation::ConnectBag { bag: Bag::Harvest, method: ConnectionMethod::Open })
                .expect("connected");
            station.apply(Operation::SetClamp { bag: Bag::Harvest, open: true }).expect("opened");
        });
        assert!(made.products().iter().all(|product| product.contaminated));
        let mut qc = bench_desk(&[]);
        test_everything(&mut qc, &made, true);
        assert_eq!(observed(&qc, "sterility_in_spec"), Value::Flag(false));
        assert_eq!(observed(&qc, "in_spec"), Value::Flag(false));
    }

    #[test]
    fn an_unmixed_count_reads_low_and_is_recorded_as_such() {
        let made = harvested(Scenario::well_run(), |_| {});
        let mut mixed = bench_desk(&[]);
        test_everything(&mut mixed, &made, true);
        let mut unmixed = bench_desk(&[]);
        test_everything(&mut unmixed, &made, false);
        let (Value::Number(mixed_per_ml), Value::Number(unmixed_per_ml)) =
            (observed(&mixed, "viable_cells_per_ml"), observed(&unmixed, "viable_cells_per_ml"))
        else {
            panic!()
        };
        assert!(unmixed_per_ml < 0.6 * mixed_per_ml, "unmixed {unmixed_per_ml:.3e}, mixed {mixed_per_ml:.3e}");
        assert_eq!(observed(&unmixed, "deviation_counted_unmixed"), Value::Flag(true));
        assert_eq!(observed(&mixed, "deviation_counted_unmixed"), Value::Flag(false));
        assert!(unmixed.review.batch_record().entries().iter().any(|e| e.text.en.contains("not mixed")));
    }

    #[test]
    fn each_instrument_takes_its_own_sample_once_and_only_with_a_product_in_it() {
        let made = harvested(Scenario::well_run(), |_| {});
        let mut qc = bench_desk(&[]);
        let place = |qc: &mut QcReleaseDesk, item: &str, target: &str| {
            qc.act(&Action::Place { item: item.into(), target: target.into() }).refusals.first().map(|r| r.code.clone())
        };
        // Before any station has filled it, a container holds nothing.
        assert_eq!(place(&mut qc, Test::CountAndViability.sample(), CELL_COUNTER).as_deref(), Some("qc:no_product"));
        for product in made.products() {
            StationModel::receive(&mut qc, &product);
        }
        assert_eq!(place(&mut qc, Test::Endotoxin.sample(), CELL_COUNTER).as_deref(), Some("qc:wrong_sample"));
        assert_eq!(press(&mut qc, INCUBATOR_READ).refusals[0].code, "qc:not_inoculated");
        assert_eq!(place(&mut qc, Test::Endotoxin.sample(), LAL_READER), None);
        assert_eq!(place(&mut qc, Test::Endotoxin.sample(), LAL_READER).as_deref(), Some("qc:tested"));
        assert_eq!(place(&mut qc, Test::Sterility.sample(), CULTURE_BOTTLES), None);
        assert_eq!(place(&mut qc, Test::Sterility.sample(), CULTURE_BOTTLES).as_deref(), Some("qc:incubating"));
        // A sample with no cells in it gives no result, not a viability of 0 %.
        let mut empty = made.products()[0].clone();
        assert_eq!(empty.item, Test::CountAndViability.sample());
        empty.cells = 0.0;
        StationModel::receive(&mut qc, &empty);
        assert_eq!(place(&mut qc, Test::CountAndViability.sample(), CELL_COUNTER).as_deref(), Some("qc:no_cells"));
        assert_eq!(observed(&qc, "viability_percent"), Value::Number(0.0), "nothing reported while pending");
        // A sample of another batch is refused.
        let mut stranger = made.products()[0].clone();
        stranger.din = "MSC-2026-099".into();
        StationModel::receive(&mut qc, &stranger);
        assert_eq!(place(&mut qc, Test::CountAndViability.sample(), CELL_COUNTER).as_deref(), Some("qc:wrong_batch"));
    }

    #[test]
    fn the_level_sets_what_the_unmodelled_tests_find() {
        let made = harvested(Scenario::well_run(), |_| {});
        let mut qc =
            bench_desk(&[("endotoxin_eu_ml", Value::Number(0.8)), ("mycoplasma", Value::Choice("positive".into()))]);
        assert!(qc.view().lines.iter().any(|line| line.text.en.contains("Endotoxin: pending")));
        test_everything(&mut qc, &made, true);
        assert_eq!(observed(&qc, "endotoxin_in_spec"), Value::Flag(false));
        assert_eq!(observed(&qc, "mycoplasma_in_spec"), Value::Flag(false));
        assert!(qc.view().lines.iter().any(|line| line.text.en.contains("Endotoxin: 0.8 EU/mL")));
        assert!(press(&mut qc, DECLARE_OOS).refusals.is_empty());
    }
}
