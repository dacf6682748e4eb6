//! The monitoring trolley's scenario table: clean conduct keeps counts and plates within their
//! limits; each named fault raises them measurably. Then the plates' own rules (labels, the
//! contact press, exposure) and the excursion workflow's order.

use super::*;
use crate::level::Action;
use crate::stations::RoomConditions;

/// A fault of conduct during the monitored operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// Hurrying across the room (2.4 m/s) during the operation.
    Hurrying,
    /// The airlock's inner door left open for two minutes.
    DoorOpen,
    /// Fast hand movements inside the cabinet, for three minutes.
    FastHands,
    /// A hand held over the open Grade A settle plate for 4 s.
    HandOverPlate,
    /// The intercom touched twice, and the gloves not sanitised before the prints.
    NonSterileTouches,
    /// The intercom touched, then plates put down in the cabinet with those gloves.
    ContaminatedPlacing,
}

fn press(control: &str) -> Action {
    Action::Press { control: control.into() }
}

fn place(item: &str, target: &str) -> Action {
    Action::Place { item: item.into(), target: target.into() }
}

fn act(model: &mut EnvironmentalMonitoring, action: Action) {
    let outcome = model.act(&action);
    assert!(outcome.refusals.is_empty(), "{action:?} refused: {:?}", outcome.refusals);
}

fn room(walking: f64, hand_in_cabinet: bool, hand_speed: f64) -> RoomConditions {
    RoomConditions {
        in_processing_room: true,
        walking_speed_m_s: walking,
        hand_speed_m_s: hand_speed,
        doors_open: 0,
        hand_in_cabinet,
        hand_over: None,
    }
}

/// Lets `seconds` pass under `conditions`, a second at a time.
fn pass(model: &mut EnvironmentalMonitoring, conditions: &RoomConditions, seconds: u32) {
    model.observe_room(conditions);
    for _ in 0..seconds {
        model.tick(1.0);
    }
}

/// What one monitored operation ended with.
struct Monitored {
    model: EnvironmentalMonitoring,
    /// Mean of the samples during the operation, per m³: room ≥0.5, room ≥5, cabinet ≥0.5, ≥5.
    means: [f64; 4],
}

/// A whole monitored operation as the level has it, with `fault` committed during it.
fn monitor(fault: Fault) -> Monitored {
    let mut model = EnvironmentalMonitoring::new("KB-0101");
    act(&mut model, press(COUNTER_START));
    for plate in PLATES {
        act(&mut model, place(plate, LABEL_PRINTER));
    }
    let calm = room(0.0, false, 0.0);
    let working = room(0.0, true, 0.2);
    if fault == Fault::ContaminatedPlacing {
        model.act(&Action::Touch { surface: INTERCOM.into() });
    }
    act(&mut model, place(SETTLE_CABINET, SPOT_CABINET));
    act(&mut model, press(SETTLE_CABINET_LID));
    pass(&mut model, &room(1.0, false, 0.0), 5);
    act(&mut model, place(SETTLE_ROOM, SPOT_ROOM));
    act(&mut model, press(SETTLE_ROOM_LID));
    act(&mut model, press(OPERATION_START));
    let samples_before = model.counter().samples(Probe::Room).count();
    // The operation: 150 s at the default 24× is one hour. The trainee works at the cabinet,
    // walks a few steps and stands.
    pass(&mut model, &working, 40);
    match fault {
        Fault::Hurrying => pass(&mut model, &room(2.4, false, 0.0), 60),
        Fault::DoorOpen => pass(&mut model, &RoomConditions { doors_open: 1, ..working.clone() }, 60),
        // Three minutes of it: three consecutive samples.
        Fault::FastHands => pass(&mut model, &room(0.0, true, 1.2), 180),
        Fault::HandOverPlate => {
            let over = RoomConditions { hand_over: Some(SETTLE_CABINET.into()), ..working.clone() };
            pass(&mut model, &over, 4);
            pass(&mut model, &working, 56);
        }
        _ => {
            pass(&mut model, &room(1.0, false, 0.0), 20);
            pass(&mut model, &working, 40);
        }
    }
    pass(&mut model, &calm, 55);
    assert_eq!(
        model.observations().iter().find(|(k, _)| *k == "operation_done").map(|(_, v)| v.clone()),
        Some(Value::Flag(true))
    );
    let during: Vec<[f64; 4]> = {
        let room_samples: Vec<_> = model.counter().samples(Probe::Room).skip(samples_before).copied().collect();
        let cabinet: Vec<_> = model.counter().samples(Probe::Cabinet).skip(samples_before).copied().collect();
        room_samples.iter().zip(&cabinet).map(|(r, c)| [r.per_m3[0], r.per_m3[1], c.per_m3[0], c.per_m3[1]]).collect()
    };
    let mut means = [0.0; 4];
    for sample in &during {
        for k in 0..4 {
            means[k] += sample[k] / during.len() as f64;
        }
    }
    act(&mut model, press(SETTLE_CABINET_LID));
    act(&mut model, press(SETTLE_ROOM_LID));
    act(
        &mut model,
        Action::Contact { item: CONTACT_CABINET.into(), surface: CONTACT_SPOT.into(), seconds: 10.0, slid: false },
    );
    if fault == Fault::NonSterileTouches {
        model.act(&Action::Touch { surface: INTERCOM.into() });
        model.act(&Action::Touch { surface: INTERCOM.into() });
    }
    for finger in LEFT_FINGERS.iter().chain(&RIGHT_FINGERS) {
        act(&mut model, press(finger));
    }
    model.act(&Action::Wear { garment: FRESH_GLOVES.into() });
    for plate in PLATES {
        act(&mut model, place(plate, INCUBATOR));
    }
    act(&mut model, press(READ_PLATES));
    Monitored { model, means }
}

fn cfu(model: &EnvironmentalMonitoring, plate: &str) -> u32 {
    model.plate(plate).and_then(|plate| plate.cfu).expect("read")
}

fn flag(model: &EnvironmentalMonitoring, key: &str) -> bool {
    model.observations().into_iter().any(|(k, v)| k == key && v == Value::Flag(true))
}

#[test]
fn clean_conduct_keeps_every_count_and_plate_within_its_limits() {
    let Monitored { model, means } = monitor(Fault::None);
    let room = Probe::Room.alerts();
    let cabinet = Probe::Cabinet.limits();
    assert!(means[0] < room[0] && means[1] < room[1], "room {means:?}");
    assert!(means[2] < cabinet[0] && means[3] < cabinet[1], "cabinet {means:?}");
    assert_eq!(cfu(&model, SETTLE_CABINET), 0, "Grade A: no growth");
    assert_eq!(cfu(&model, CONTACT_CABINET), 0, "Grade A: no growth");
    for plate in [SETTLE_ROOM, GLOVE_LEFT, GLOVE_RIGHT] {
        assert!(cfu(&model, plate) <= 3, "{plate}: {}", cfu(&model, plate));
    }
    assert!(!flag(&model, "particle_action_exceeded"));
    assert!(!flag(&model, "five_micron_run"));
    assert!(model.plates().iter().all(|plate| plate.verdict == Verdict::Within));
}

#[test]
fn each_fault_of_conduct_raises_the_counts_or_the_plates_it_should() {
    let clean = monitor(Fault::None);
    let table: [(Fault, &str); 6] = [
        (Fault::Hurrying, "room particles"),
        (Fault::DoorOpen, "room particles"),
        (Fault::FastHands, "cabinet particles"),
        (Fault::HandOverPlate, "the Grade A settle plate"),
        (Fault::NonSterileTouches, "the glove prints"),
        (Fault::ContaminatedPlacing, "the contact plate"),
    ];
    for (fault, raises) in table {
        let faulty = monitor(fault);
        let m = &faulty.model;
        match fault {
            Fault::Hurrying => {
                assert!(faulty.means[0] > 2.0 * clean.means[0], "{fault:?}: {:?} vs {:?}", faulty.means, clean.means);
                assert!(faulty.means[1] > 2.0 * clean.means[1], "{fault:?}: {:?} vs {:?}", faulty.means, clean.means);
            }
            Fault::DoorOpen => {
                assert!(faulty.means[0] > 5.0 * clean.means[0], "{fault:?}: {:?} vs {:?}", faulty.means, clean.means);
                assert!(faulty.means[1] > 5.0 * clean.means[1], "{fault:?}: {:?} vs {:?}", faulty.means, clean.means);
            }
            Fault::FastHands => {
                assert!(faulty.means[2] > 10.0 * clean.means[2].max(1.0), "{fault:?}: {:?}", faulty.means);
                assert!(flag(m, "five_micron_run"), "{fault:?}: three consecutive ≥5 µm samples in Grade A");
                assert!(flag(m, "particle_action_exceeded"), "{fault:?}: Grade A ≥5 µm over 29/m³");
            }
            Fault::HandOverPlate => {
                assert!(cfu(m, SETTLE_CABINET) >= 1, "{fault:?} raises {raises}");
                assert_eq!(m.plate(SETTLE_CABINET).map(|p| p.verdict), Some(Verdict::OverLimit));
                assert!(flag(m, "first_air_blocked"));
            }
            Fault::NonSterileTouches => {
                for plate in [GLOVE_LEFT, GLOVE_RIGHT] {
                    assert!(cfu(m, plate) > 5, "{fault:?}: {plate} {}", cfu(m, plate));
                    assert!(cfu(m, plate) > cfu(&clean.model, plate));
                }
            }
            Fault::ContaminatedPlacing => {
                assert!(cfu(m, CONTACT_CABINET) > cfu(&clean.model, CONTACT_CABINET), "{fault:?} raises {raises}");
            }
            Fault::None => {}
        }
    }
}

#[test]
fn a_contact_plate_that_slides_or_is_lifted_early_is_not_a_valid_sample() {
    for (seconds, slid) in [(10.0, true), (4.0, false)] {
        let mut model = EnvironmentalMonitoring::new("KB-0101");
        act(&mut model, place(CONTACT_CABINET, LABEL_PRINTER));
        let outcome =
            model.act(&Action::Contact { item: CONTACT_CABINET.into(), surface: CONTACT_SPOT.into(), seconds, slid });
        assert!(outcome.notes.iter().any(|note| note.kind == EntryKind::Deviation), "{seconds} s, slid {slid}");
        assert!(flag(&model, "contact_invalid"));
    }
    let mut model = EnvironmentalMonitoring::new("KB-0101");
    act(&mut model, place(CONTACT_CABINET, LABEL_PRINTER));
    act(
        &mut model,
        Action::Contact { item: CONTACT_CABINET.into(), surface: CONTACT_SPOT.into(), seconds: 11.0, slid: false },
    );
    assert!(!flag(&model, "contact_invalid"));
}

#[test]
fn an_unlabelled_plate_a_plate_in_the_first_air_and_a_long_exposure_are_deviations() {
    let mut model = EnvironmentalMonitoring::new("KB-0101");
    act(&mut model, place(SETTLE_CABINET, WORK_ZONE));
    assert!(flag(&model, "unlabelled_plate_used"));
    assert!(flag(&model, "plate_in_first_air"));
    act(&mut model, press(SETTLE_CABINET_LID));
    // Over 4 h of operation time: at 24× that is over ten real minutes.
    pass(&mut model, &room(0.0, false, 0.0), 610);
    act(&mut model, press(SETTLE_CABINET_LID));
    assert!(flag(&model, "settle_over_exposed"));
    assert!(!model.plate(SETTLE_CABINET).is_some_and(|plate| plate.valid(10.0)));
}

#[test]
fn a_plate_cannot_go_to_incubation_open_or_unsampled_and_results_wait_for_every_plate() {
    let mut model = EnvironmentalMonitoring::new("KB-0101");
    act(&mut model, place(SETTLE_ROOM, LABEL_PRINTER));
    act(&mut model, place(SETTLE_ROOM, SPOT_ROOM));
    act(&mut model, press(SETTLE_ROOM_LID));
    assert_eq!(model.act(&place(SETTLE_ROOM, INCUBATOR)).refusals[0].code, "em:open");
    assert_eq!(model.act(&place(GLOVE_LEFT, INCUBATOR)).refusals[0].code, "em:not_sampled");
    assert_eq!(model.act(&press(READ_PLATES)).refusals[0].code, "em:not_incubated");
    assert_eq!(model.act(&press(OPERATION_START)).refusals[0].code, "em:counter_first");
}

fn given(settle_a: f64, glove_left: f64) -> EnvironmentalMonitoring {
    let settings: BTreeMap<String, Value> = [
        ("given_settle_plate_cabinet_cfu".to_owned(), Value::Number(settle_a)),
        ("given_glove_plate_left_cfu".to_owned(), Value::Number(glove_left)),
    ]
    .into_iter()
    .collect();
    EnvironmentalMonitoring::configured("KB-0101", &settings)
}

#[test]
fn an_excursion_is_worked_through_in_the_order_of_the_workflow() {
    let mut model = given(1.0, 6.0);
    assert_eq!(model.page(), Page::Results);
    assert_eq!(model.plate(SETTLE_CABINET).map(|p| p.verdict), Some(Verdict::OverLimit));
    assert_eq!(model.plate(GLOVE_LEFT).map(|p| p.verdict), Some(Verdict::OverLimit));
    assert_eq!(model.plate(SETTLE_ROOM).map(|p| p.verdict), Some(Verdict::Within));
    assert_eq!(model.act(&press(REVIEW_DONE)).refusals[0].code, "em:undecided");
    assert_eq!(model.act(&press(EXCURSION[1])).refusals[0].code, "em:within", "1 CFU in Grade B is within");
    act(&mut model, press(EXCURSION[0]));
    assert_eq!(model.page(), Page::Excursion);
    // Out of order: identification before the deviation is recorded.
    let refused = model.act(&press(EXC_IDENTIFY));
    assert_eq!(refused.refusals[0].code, "em:stage_order");
    assert!(refused.refusals[0].reason.en.contains("Record a deviation"), "{:?}", refused.refusals);
    act(&mut model, press(EXC_DEVIATION));
    act(&mut model, press(EXC_NOTIFY_QA));
    act(&mut model, press(EXC_IDENTIFY));
    assert_eq!(model.current_excursion().and_then(|e| e.identified), Some("Micrococcus luteus"));
    act(&mut model, press(EXC_IMPACT));
    act(&mut model, Action::Set { control: EXC_ROOT_CAUSE.into(), value: Value::Choice("people".into()) });
    act(&mut model, press(EXC_CAPA));
    assert_eq!(model.act(&press(EXC_CLOSE)).refusals[0].code, "em:stage_order", "follow-up comes before closing");
    act(&mut model, press(EXC_FOLLOW_UP));
    act(&mut model, press(EXC_CLOSE));
    assert_eq!(model.plate(SETTLE_CABINET).map(|p| p.verdict), Some(Verdict::Closed));
    // The glove print accepted as it is: an action-limit hit without an investigation.
    act(&mut model, press(ACCEPT[3]));
    assert!(flag(&model, "accepted_over_limit"));
    for i in [1, 2, 4] {
        act(&mut model, press(ACCEPT[i]));
    }
    act(&mut model, press(REVIEW_DONE));
    assert!(flag(&model, "review_complete"));
    assert!(!flag(&model, "root_cause_unsupported"));
    let deviations = model.record.of_kind(EntryKind::Deviation).count();
    assert!(deviations >= 7, "every stage is on the record: {deviations}");
}

#[test]
fn every_observation_key_is_reported_once_in_the_declared_order() {
    let model = EnvironmentalMonitoring::new("KB-0101");
    let keys: Vec<&str> = model.observations().into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, OBSERVATION_KEYS);
    let view = model.view();
    assert!(view.lines.iter().any(|line| line.text.en.contains("Counter stopped")));
}

#[test]
fn a_settle_plate_opens_only_at_the_place_on_its_label_and_an_invalid_plate_has_no_result() {
    let mut model = EnvironmentalMonitoring::new("KB-0101");
    act(&mut model, press(COUNTER_START));
    for plate in PLATES {
        act(&mut model, place(plate, LABEL_PRINTER));
    }
    // Handed back to the trolley by the printer: not at any sampling place.
    assert_eq!(model.act(&press(SETTLE_CABINET_LID)).refusals[0].code, "em:not_placed");
    act(&mut model, place(SETTLE_CABINET, SPOT_ROOM));
    assert_eq!(model.act(&press(SETTLE_CABINET_LID)).refusals[0].code, "em:wrong_place");
    act(&mut model, place(SETTLE_CABINET, SPOT_CABINET));
    act(&mut model, press(SETTLE_CABINET_LID));
    // Closed at once, before any operation: the rest of it goes unmonitored.
    act(&mut model, press(SETTLE_CABINET_LID));
    assert!(flag(&model, "settle_closed_early"));
    act(&mut model, place(SETTLE_ROOM, SPOT_ROOM));
    act(&mut model, press(SETTLE_ROOM_LID));
    pass(&mut model, &room(0.0, false, 0.0), 10);
    act(&mut model, press(SETTLE_ROOM_LID));
    act(
        &mut model,
        Action::Contact { item: CONTACT_CABINET.into(), surface: CONTACT_SPOT.into(), seconds: 10.0, slid: true },
    );
    for finger in LEFT_FINGERS.iter().chain(&RIGHT_FINGERS) {
        act(&mut model, press(finger));
    }
    for plate in PLATES {
        act(&mut model, place(plate, INCUBATOR));
    }
    act(&mut model, press(READ_PLATES));
    assert_eq!(model.plate(CONTACT_CABINET).map(|p| p.verdict), Some(Verdict::Invalid));
    assert_eq!(model.act(&press(ACCEPT[2])).refusals[0].code, "em:invalid");
    for i in [0, 1, 3, 4] {
        act(&mut model, press(ACCEPT[i]));
    }
    act(&mut model, press(REVIEW_DONE));
    assert!(flag(&model, "review_complete"), "an invalid plate needs no decision");
}

#[test]
fn a_hand_passing_over_an_open_plate_is_not_held_in_its_first_air() {
    let mut model = EnvironmentalMonitoring::new("KB-0101");
    act(&mut model, place(SETTLE_CABINET, LABEL_PRINTER));
    act(&mut model, place(SETTLE_CABINET, SPOT_CABINET));
    act(&mut model, press(SETTLE_CABINET_LID));
    let over = RoomConditions { hand_over: Some(SETTLE_CABINET.into()), ..room(0.0, true, 0.2) };
    // Half a second at a time, with the hand away between: reaching past, lifting the lid.
    for _ in 0..6 {
        model.observe_room(&over);
        model.tick(0.5);
        model.observe_room(&room(0.0, true, 0.2));
        model.tick(0.5);
    }
    assert!(!flag(&model, "first_air_blocked"));
    assert!(model.plate(SETTLE_CABINET).is_some_and(|p| p.expected_cfu < 0.5));
}
