//! Material transfer as an operator does it, and each way it goes wrong.

use super::*;

fn press(model: &mut MaterialTransfer, control: &str) -> Outcome {
    model.act(&Action::Press { control: control.into() })
}

fn wipe(model: &mut MaterialTransfer, item: &str) -> Outcome {
    model.act(&Action::Sanitise { target: SanitiseTarget::Surface(item.into()), with: Some(WIPES.into()) })
}

fn place(model: &mut MaterialTransfer, item: &str, target: &str) -> Outcome {
    model.act(&Action::Place { item: item.into(), target: target.into() })
}

fn observed(model: &MaterialTransfer, key: &str) -> Value {
    model.observations().into_iter().find(|(k, _)| *k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("{key}"))
}

fn with(settings: &[(&str, Value)]) -> MaterialTransfer {
    let mut model = MaterialTransfer::new("KB-0042");
    model.configure(&settings.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect());
    model
}

/// Wipes, waits the contact time, loads, then unwraps and takes in from the room side.
fn transfer(model: &mut MaterialTransfer, items: &[usize]) {
    for &index in items {
        wipe(model, ITEMS[index].0);
    }
    model.tick(DEFAULT_CONTACT_SECONDS);
    press(model, CORRIDOR_DOOR);
    for &index in items {
        assert!(place(model, ITEMS[index].0, HATCH).refusals.is_empty());
    }
    press(model, CORRIDOR_DOOR);
    press(model, ROOM_DOOR);
    for &index in items {
        assert!(press(model, ITEMS[index].1).refusals.is_empty());
        assert!(place(model, ITEMS[index].0, RECEIPT).refusals.is_empty());
    }
    press(model, ROOM_DOOR);
}

#[test]
fn a_clean_transfer_records_no_deviation_and_completes() {
    let mut model = with(&[]);
    transfer(&mut model, &[0, 1, 2]);
    assert_eq!(observed(&model, "transfer_complete"), Value::Flag(true));
    for key in OBSERVATION_KEYS.iter().filter(|key| key.starts_with("deviation_")) {
        assert_eq!(observed(&model, key), Value::Flag(false), "{key}");
    }
    assert!(model.batch_record().entries().iter().all(|entry| entry.kind != EntryKind::Deviation));
}

#[test]
fn the_hatch_doors_are_interlocked() {
    let mut model = with(&[]);
    assert!(press(&mut model, CORRIDOR_DOOR).refusals.is_empty());
    assert_eq!(press(&mut model, ROOM_DOOR).refusals[0].code, "transfer:interlock");
    press(&mut model, CORRIDOR_DOOR);
    assert!(press(&mut model, ROOM_DOOR).refusals.is_empty());
    assert_eq!(press(&mut model, CORRIDOR_DOOR).refusals[0].code, "transfer:interlock");
}

#[test]
fn an_unwiped_or_still_wet_item_is_a_deviation_when_it_goes_in() {
    let mut model = with(&[("contact_seconds", Value::Number(120.0))]);
    press(&mut model, CORRIDOR_DOOR);
    place(&mut model, ITEMS[0].0, HATCH);
    assert_eq!(observed(&model, "deviation_loaded_unwiped"), Value::Flag(true));
    wipe(&mut model, ITEMS[1].0);
    model.tick(30.0);
    place(&mut model, ITEMS[1].0, HATCH);
    assert_eq!(observed(&model, "deviation_contact_time_short"), Value::Flag(true));
    let entry = model.batch_record().entries().last().expect("recorded").text.en.clone();
    assert!(entry.contains("30 s after wiping") && entry.contains("120 s"), "{entry}");
}

#[test]
fn the_outer_wrap_comes_off_only_at_the_boundary_and_never_goes_into_grade_b() {
    let mut model = with(&[]);
    assert_eq!(press(&mut model, ITEMS[0].1).refusals[0].code, "transfer:not_at_boundary");
    wipe(&mut model, ITEMS[0].0);
    model.tick(DEFAULT_CONTACT_SECONDS);
    press(&mut model, CORRIDOR_DOOR);
    place(&mut model, ITEMS[0].0, HATCH);
    assert_eq!(press(&mut model, ITEMS[0].1).refusals[0].code, "transfer:not_at_boundary", "room door shut");
    assert_eq!(place(&mut model, ITEMS[0].0, RECEIPT).refusals[0].code, "transfer:not_through");
    press(&mut model, CORRIDOR_DOOR);
    press(&mut model, ROOM_DOOR);
    place(&mut model, ITEMS[0].0, RECEIPT);
    assert_eq!(observed(&model, "deviation_wrap_into_grade_b"), Value::Flag(true));
}

#[test]
fn a_torn_wrap_is_found_by_inspecting_and_set_aside_not_transferred() {
    let damaged = ("damaged_wrap", Value::Choice(ITEMS[2].0.into()));
    let mut careful = with(std::slice::from_ref(&damaged));
    let found = careful.act(&Action::Inspect { object: ITEMS[2].0.into() });
    assert!(found.notes[0].text.en.contains("torn"), "{:?}", found.notes);
    assert!(place(&mut careful, ITEMS[2].0, REJECT).refusals.is_empty());
    transfer(&mut careful, &[0, 1]);
    assert_eq!(observed(&careful, "damaged_item_rejected"), Value::Flag(true));
    assert_eq!(observed(&careful, "transfer_complete"), Value::Flag(true));
    assert_eq!(observed(&careful, "deviation_sound_item_rejected"), Value::Flag(false));

    let mut careless = with(&[damaged]);
    transfer(&mut careless, &[0, 1, 2]);
    assert_eq!(observed(&careless, "deviation_damaged_item_loaded"), Value::Flag(true));
    assert_eq!(observed(&careless, "transfer_complete"), Value::Flag(false), "the damaged item should not be in");
    // Setting a sound item aside is recorded too.
    let mut wary = with(&[]);
    place(&mut wary, ITEMS[0].0, REJECT);
    assert_eq!(observed(&wary, "deviation_sound_item_rejected"), Value::Flag(true));
}
