//! The practice bench as a first-time trainee meets it: each move answered, the wrong ones
//! refused with what to do instead.

use super::*;

fn observed(bench: &PracticeBench, key: &str) -> Value {
    bench.observations().into_iter().find(|(k, _)| *k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("{key}"))
}

fn weld(bench: &mut PracticeBench, to: &str) -> Outcome {
    bench.act(&Action::Connect { a: LINE.into(), b: to.into(), method: ConnectMethod::SterileWeld })
}

#[test]
fn every_move_on_the_bench_shows_on_its_screen_and_in_its_record() {
    let mut bench = PracticeBench::new("KB-0042");
    assert!(bench.act(&Action::Press { control: BUTTON.into() }).handled);
    assert!(bench.act(&Action::Set { control: DIAL.into(), value: Value::Number(5.0) }).handled);
    assert!(weld(&mut bench, BAG).refusals.is_empty());
    assert!(bench.act(&Action::Seal { tube: LINE.into() }).refusals.is_empty());
    assert!(bench.act(&Action::Press { control: SCREEN_START.into() }).refusals.is_empty());
    assert_eq!(observed(&bench, "button_presses"), Value::Number(1.0));
    assert_eq!(observed(&bench, "dial_value"), Value::Number(5.0));
    assert_eq!(observed(&bench, "sealed"), Value::Flag(true));
    assert_eq!(observed(&bench, "screen_started"), Value::Flag(true));
    let view = bench.view();
    assert!(view.tasks.iter().all(|task| task.state == TaskState::Done), "{:?}", view.tasks);
    assert!(view.lines.iter().any(|line| line.text.en == "Tube: welded and sealed"));
    // Started, the screen offers Stop.
    assert!(matches!(&view.buttons[0][0].action, Action::Press { control } if control == SCREEN_STOP));
    assert_eq!(bench.record.len(), 5);
    assert!(bench.record.entries().iter().all(|entry| entry.operator == "KB-0042"));
    assert_eq!(bench.lines()[0].joined_to.as_deref(), Some(BAG));
}

#[test]
fn the_tube_welds_only_to_the_practice_bag_once_and_seals_only_after_the_weld() {
    let mut bench = PracticeBench::new("KB-0042");
    assert_eq!(bench.act(&Action::Seal { tube: LINE.into() }).refusals[0].code, "practice:nothing_to_seal");
    assert_eq!(weld(&mut bench, "practice_tray").refusals[0].code, "practice:weld_target");
    let open = bench.act(&Action::Connect { a: BAG.into(), b: LINE.into(), method: ConnectMethod::Open });
    assert_eq!(open.refusals[0].code, "practice:open");
    assert_eq!(bench.lines()[0].joined_to, None);
    // Either way round.
    assert!(
        bench
            .act(&Action::Connect { a: BAG.into(), b: LINE.into(), method: ConnectMethod::SterileWeld })
            .refusals
            .is_empty()
    );
    assert_eq!(weld(&mut bench, BAG).refusals[0].code, "practice:welded");
    assert!(bench.act(&Action::Seal { tube: LINE.into() }).refusals.is_empty());
    assert_eq!(bench.act(&Action::Seal { tube: LINE.into() }).refusals[0].code, "practice:sealed");
}

#[test]
fn the_dial_keeps_to_its_range_and_other_stations_actions_pass_by() {
    let mut bench = PracticeBench::new("KB-0042");
    let refused = bench.act(&Action::Set { control: DIAL.into(), value: Value::Number(12.0) });
    assert_eq!(refused.refusals[0].code, "practice:dial_range");
    assert_eq!(bench.settings(), vec![(DIAL, 0.0)]);
    assert!(!bench.act(&Action::Press { control: "bioreactor_screen_prime".into() }).handled);
    assert!(!bench.act(&Action::Seal { tube: "set_waste_line".into() }).handled);
    assert_eq!(bench.act(&Action::Press { control: SCREEN_STOP.into() }).refusals[0].code, "practice:stopped");
    assert!(bench.record.is_empty());
}
