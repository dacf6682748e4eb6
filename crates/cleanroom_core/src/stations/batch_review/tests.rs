//! The review desk's behaviour as a trainee meets it: flags, the loose note, the QA lead's
//! verdict, the pages.

use super::ids::*;
use super::*;
use crate::stations::StationModel;

fn press(desk: &mut BatchReviewDesk, control: &str) -> Outcome {
    desk.act(&Action::Press { control: control.into() })
}

fn turn_to(desk: &mut BatchReviewDesk, page: &str) {
    let outcome = desk.act(&Action::Set { control: PAGE.into(), value: Value::Choice(page.into()) });
    assert!(outcome.handled && outcome.refusals.is_empty(), "{outcome:?}");
}

fn flag(desk: &mut BatchReviewDesk, entry: usize, fault: Fault) -> Outcome {
    press(desk, ENTRY_BUTTONS[entry - 1]);
    press(desk, fault.control())
}

fn observed(desk: &BatchReviewDesk, key: &str) -> Value {
    desk.observations().into_iter().find(|(k, _)| *k == key).map(|(_, v)| v).unwrap_or_else(|| panic!("{key}"))
}

/// Flags every planted fault as what it is.
fn flag_every_fault(desk: &mut BatchReviewDesk) {
    for entry in record() {
        if let Some(fault) = entry.fault {
            flag(desk, entry.number, fault);
        }
    }
    desk.act(&Action::Inspect { object: LOOSE_NOTE.into() });
    press(desk, FLAG_NOTE);
}

#[test]
fn the_record_holds_each_planted_fault_once_and_every_key_is_declared() {
    let entries = record();
    for fault in Fault::IN_ENTRIES {
        assert_eq!(entries.iter().filter(|entry| entry.fault == Some(fault)).count(), 1, "{fault:?}");
    }
    assert!(entries.iter().all(|entry| entry.fault != Some(Fault::LoosePaper)));
    for number in SOUND_CORRECTIONS {
        assert_eq!(entries[number - 1].fault, None);
    }
    let numbers: Vec<usize> = entries.iter().map(|entry| entry.number).collect();
    assert_eq!(numbers, (1..=ENTRY_BUTTONS.len()).collect::<Vec<_>>());
    let desk = BatchReviewDesk::new("trainee");
    let keys: Vec<&str> = desk.observations().into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, station::OBSERVATION_KEYS);
}

#[test]
fn every_fault_flagged_and_nothing_else_is_accepted_by_the_qa_lead() {
    let mut desk = BatchReviewDesk::new("KB-0042");
    flag_every_fault(&mut desk);
    assert_eq!(observed(&desk, "faults_flagged"), Value::Number(5.0));
    assert_eq!(observed(&desk, "false_findings"), Value::Number(0.0));
    let outcome = press(&mut desk, SUBMIT);
    assert!(outcome.refusals.is_empty(), "{outcome:?}");
    assert_eq!(observed(&desk, "review_submitted"), Value::Flag(true));
    assert_eq!(desk.review.verdict(), Some(Verdict::Accepted));
    // The review's own record: one entry per finding and the submission, by the trainee.
    let entries = desk.batch_record().entries();
    assert_eq!(entries.len(), 6);
    assert!(entries.iter().all(|entry| entry.operator == "KB-0042"));
    assert!(entries[5].text.en.contains("5 findings: accepted"), "{}", entries[5].text.en);
    // Closed once accepted.
    assert_eq!(press(&mut desk, FLAG_NOTE).refusals[0].code, "review:submitted");
}

#[test]
fn a_review_missing_a_fault_or_flagging_a_sound_correction_is_handed_back() {
    let mut desk = BatchReviewDesk::new("trainee");
    flag(&mut desk, 5, Fault::LateEntry);
    // The correction of entry 6 was made the GMP way: flagging it is a false finding.
    flag(&mut desk, 6, Fault::UnexplainedChange);
    assert_eq!(observed(&desk, "sound_correction_flagged"), Value::Flag(true));
    // The right entry with the wrong fault is not the finding either.
    flag(&mut desk, 3, Fault::LateEntry);
    assert_eq!(observed(&desk, "missing_signature_flagged"), Value::Flag(false));
    let outcome = press(&mut desk, SUBMIT);
    assert_eq!(outcome.refusals[0].code, "review:returned");
    assert_eq!(desk.review.verdict(), Some(Verdict::Returned { unflagged: 4, false_findings: 2 }));
    assert_eq!(observed(&desk, "reviews_returned"), Value::Number(1.0));
    assert_eq!(observed(&desk, "review_submitted"), Value::Flag(false));
    // Still open: a flag pressed again is withdrawn, another replaces it.
    flag(&mut desk, 6, Fault::UnexplainedChange);
    flag(&mut desk, 3, Fault::MissingSignature);
    assert_eq!(observed(&desk, "false_findings"), Value::Number(0.0));
    assert_eq!(observed(&desk, "missing_signature_flagged"), Value::Flag(true));
    assert_eq!(observed(&desk, "sound_correction_flagged"), Value::Flag(false));
}

#[test]
fn the_loose_note_is_reported_only_once_it_has_been_read() {
    let mut desk = BatchReviewDesk::new("trainee");
    turn_to(&mut desk, "findings");
    let view = desk.view();
    let note = view.buttons.iter().flatten().find(|b| b.action == Action::Press { control: FLAG_NOTE.into() });
    assert!(!note.expect("the note's button").enabled);
    assert_eq!(press(&mut desk, FLAG_NOTE).refusals[0].code, "review:note_unread");
    let outcome = desk.act(&Action::Inspect { object: LOOSE_NOTE.into() });
    assert!(outcome.handled);
    assert_eq!(observed(&desk, "note_read"), Value::Flag(true));
    press(&mut desk, FLAG_NOTE);
    assert_eq!(observed(&desk, "loose_note_flagged"), Value::Flag(true));
    assert!(desk.texts()[0].1.en.contains("write into BR later"));
}

#[test]
fn each_page_shows_its_entries_and_the_chosen_entrys_fault_buttons() {
    let mut desk = BatchReviewDesk::new("trainee");
    let view = desk.view();
    assert_eq!(view.tabs.len(), 4);
    assert!(view.lines[0].text.en.starts_with("1. Line clearance"));
    assert_eq!(view.buttons.len(), 1, "no entry chosen: only the entries' buttons");
    assert_eq!(view.buttons[0].len(), 4);
    press(&mut desk, ENTRY_BUTTONS[2]);
    let view = desk.view();
    assert_eq!(view.buttons.len(), 1 + Fault::IN_ENTRIES.len());
    assert!(view.buttons[0][2].selected);
    press(&mut desk, FLAG_UNSIGNED);
    let view = desk.view();
    assert!(view.buttons[2][0].selected, "the flag raised shows as chosen");
    assert!(view.lines.iter().any(|l| l.text.en.contains("⚑ No signature")));
    turn_to(&mut desk, "culture");
    let view = desk.view();
    assert!(view.lines[0].text.en.starts_with("5. Cells loaded"));
    assert_eq!(view.buttons.len(), 1, "the chosen entry is on another page");
    assert_eq!(observed(&desk, "pages_read"), Value::Number(2.0));
    // A fault button with no entry chosen says what to do.
    let mut fresh = BatchReviewDesk::new("trainee");
    assert_eq!(press(&mut fresh, FLAG_LATE).refusals[0].code, "review:no_entry");
}

#[test]
fn every_text_on_the_terminal_has_both_languages() {
    let mut desk = BatchReviewDesk::new("trainee");
    flag_every_fault(&mut desk);
    press(&mut desk, ENTRY_BUTTONS[0]);
    for page in Page::ALL {
        turn_to(&mut desk, page.id());
        let view = desk.view();
        let texts = view.lines.iter().map(|l| &l.text).chain(view.buttons.iter().flatten().map(|b| &b.caption));
        for text in texts.chain(view.tabs.iter().map(|t| &t.caption)) {
            assert!(!text.en.is_empty() && !text.ko.is_empty(), "{text:?}");
        }
    }
}
