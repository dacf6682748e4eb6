//! An attempt as the game records it: the recorder writes what it is handed (on its thread),
//! an attempt a stopped game left open is marked abandoned at the next start, and the xAPI
//! statements of an attempt played by the expert path are what xAPI 1.0.3 and cmi5 ask for.

mod common;

use std::time::Duration;

use cleanroom_core::level::GoldenEntry;
use cleanroom_core::procedure::{Mode, Runner};
use cleanroom_core::records::attempt::{
    AbandonedBecause, AttemptStarted, NewRecord, SignedIn, SignedInBy, Trainee, kind,
};
use cleanroom_core::records::recorder::{Recorder, StoreState};
use cleanroom_core::records::store::verify_store;
use cleanroom_core::records::xapi::{Cmi5Context, LaunchMode, LrsConfig, MoveOn, Translator};
use cleanroom_core::records::{RecordStore, StorePaths};
use serde_json::{Value as Json, json};

fn fresh_paths() -> StorePaths {
    common::fresh_store_paths("recording")
}

fn trainee() -> Trainee {
    Trainee { id: "T-1024".into(), name: "Kim Mina".into() }
}

fn started(level: &cleanroom_core::level::Level, mode: Mode) -> AttemptStarted {
    AttemptStarted {
        trainee: trainee(),
        level: level.id.clone(),
        level_version: level.version,
        level_title: level.title.en.clone(),
        mode,
        seed: 7,
        machine: "bench-3".into(),
        game_version: "test".into(),
        headset: false,
        registration: None,
    }
}

fn gowning() -> cleanroom_core::level::Level {
    common::load("gowning_grade_b")
}

/// The records of one attempt at `level` played by its expert path, as the game makes them.
fn expert_attempt(level: &cleanroom_core::level::Level, attempt: &str, mode: Mode) -> Vec<NewRecord> {
    let mut records = vec![NewRecord::attempt_started(attempt, &started(level, mode))];
    let mut runner = Runner::with_seed(level, mode, 7);
    let mut events = runner.start(0.0);
    for entry in &level.golden_path {
        match entry {
            GoldenEntry::Do { at, action } => {
                records.push(NewRecord::action(attempt, *at, action));
                events.extend(runner.act(*at, action.clone()));
            }
            GoldenEntry::Observe { at, of, key, value } => {
                events.extend(runner.observe(*at, of, key, value.clone()));
            }
        }
        records.extend(events.drain(..).map(|event| NewRecord::runner_event(attempt, &event)));
    }
    records.push(NewRecord::attempt_ended(attempt, &runner.report()));
    records
}

fn lrs() -> LrsConfig {
    LrsConfig::basic("http://127.0.0.1:1/xAPI", "key", "secret", "https://osong.example.org", "urn:cleanroom:level:")
}

fn statements(translator: &mut Translator, records: &[NewRecord]) -> Vec<Json> {
    records
        .iter()
        .flat_map(|record| translator.statements(record))
        .map(|entry| {
            let statement: Json = serde_json::from_str(&entry.statement).unwrap();
            assert_eq!(statement["id"], json!(entry.statement_id));
            statement
        })
        .collect()
}

fn verbs(statements: &[Json]) -> Vec<String> {
    statements
        .iter()
        .map(|statement| statement["verb"]["id"].as_str().unwrap().rsplit(['/', ':']).next().unwrap().to_owned())
        .collect()
}

fn has_category(statement: &Json, category: &str) -> bool {
    statement["context"]["contextActivities"]["category"]
        .as_array()
        .is_some_and(|list| list.iter().any(|entry| entry["id"].as_str().is_some_and(|id| id.ends_with(category))))
}

/// Walks a statement for what xAPI forbids: nulls, empty objects or lists.
fn assert_nothing_empty(value: &Json, path: &str) {
    match value {
        Json::Null => panic!("null at {path}"),
        Json::Object(map) => {
            assert!(!map.is_empty(), "empty object at {path}");
            for (key, value) in map {
                assert_nothing_empty(value, &format!("{path}.{key}"));
            }
        }
        Json::Array(list) => {
            assert!(!list.is_empty(), "empty list at {path}");
            for (index, value) in list.iter().enumerate() {
                assert_nothing_empty(value, &format!("{path}[{index}]"));
            }
        }
        _ => {}
    }
}

#[test]
fn what_the_recorder_is_handed_is_on_disk_after_a_flush_and_the_trail_verifies() {
    let paths = fresh_paths();
    let level = gowning();
    let recorder = Recorder::start(paths.clone(), None, None);
    let signed_in = SignedIn { trainee: trainee(), by: SignedInBy::Menu, machine: "bench-3".into() };
    recorder.record(NewRecord::signed_in(&signed_in));
    let records = expert_attempt(&level, "a-1", Mode::Assessment);
    for record in &records {
        recorder.record(record.clone());
    }
    assert!(recorder.flush(Duration::from_secs(20)), "{:?}", recorder.status());
    let status = recorder.status();
    assert_eq!(status.state, StoreState::Ready);
    assert_eq!(status.written, records.len() as u64 + 1);
    assert_eq!(status.trainees, vec![trainee()]);
    // Her progress: the level passed.
    let passed = |status: &cleanroom_core::records::recorder::RecorderStatus| {
        status.passed.get("T-1024").is_some_and(|levels| levels.contains("gowning_grade_b"))
    };
    assert!(passed(&status), "{:?}", status.passed);
    drop(recorder);
    // Read back from the store at the next start.
    let again = Recorder::start(paths.clone(), None, None);
    assert!(again.flush(Duration::from_secs(20)));
    assert!(passed(&again.status()), "{:?}", again.status().passed);
    assert_eq!(again.status().passed.len(), 1);
    drop(again);
    let verification = verify_store(&paths).unwrap();
    assert!(verification.is_intact(), "{verification}");
    let store = RecordStore::open(paths).unwrap();
    let kinds: Vec<String> = store.records().unwrap().into_iter().map(|record| record.kind).collect();
    assert_eq!(kinds.first().map(String::as_str), Some(kind::SIGNED_IN));
    assert_eq!(kinds.last().map(String::as_str), Some(kind::ATTEMPT_ENDED));
    assert!(kinds.iter().filter(|kind| *kind == kind::STEP_COMPLETED).count() >= 3, "{kinds:?}");
    assert!(store.open_attempts().unwrap().is_empty());
    assert_eq!(store.trainees().unwrap(), vec![trainee()]);
}

#[test]
fn an_attempt_a_stopped_game_left_open_is_abandoned_at_the_next_start() {
    let paths = fresh_paths();
    let level = gowning();
    {
        let recorder = Recorder::start(paths.clone(), None, None);
        // The attempt starts and the trainee acts; the game stops before it ends.
        for record in expert_attempt(&level, "left-open", Mode::Guided).iter().take(6) {
            recorder.record(record.clone());
        }
        assert!(recorder.flush(Duration::from_secs(20)));
    }
    let recorder = Recorder::start(paths.clone(), None, None);
    assert!(recorder.flush(Duration::from_secs(20)));
    assert_eq!(recorder.status().abandoned_at_start, vec!["left-open".to_owned()]);
    drop(recorder);
    let store = RecordStore::open(paths).unwrap();
    let last = store.records().unwrap().pop().unwrap();
    assert_eq!(last.kind, kind::ATTEMPT_ABANDONED);
    assert_eq!(last.attempt.as_deref(), Some("left-open"));
    assert!(last.body.contains("interrupted"), "{}", last.body);
    assert!(store.open_attempts().unwrap().is_empty());
}

#[test]
fn a_refused_store_is_said_and_loses_nothing_already_there() {
    let paths = fresh_paths();
    {
        let mut store = RecordStore::open(paths.clone()).unwrap();
        store.append("attempt-started", Some("x"), "{}").unwrap();
    }
    std::fs::remove_file(paths.key()).unwrap();
    let recorder = Recorder::start(paths.clone(), None, None);
    recorder.record(NewRecord::attempt_abandoned("x", AbandonedBecause::GameClosed));
    assert!(
        !recorder.flush(Duration::from_secs(20)),
        "a flush to a refused store does not say the records are on disk"
    );
    match recorder.status().state {
        StoreState::Refused(reason) => assert!(reason.contains("key is missing"), "{reason}"),
        state => panic!("the store without its key was used: {state:?}"),
    }
    drop(recorder);
    let database = rusqlite::Connection::open(paths.database()).unwrap();
    let count: i64 = database.query_row("SELECT COUNT(*) FROM record", [], |row| row.get(0)).unwrap();
    assert_eq!(count, 1, "the refused store was written to");
}

#[test]
fn an_expert_attempt_gives_launched_initialized_steps_completed_passed_terminated() {
    let level = gowning();
    let records = expert_attempt(&level, "6f1b7c1e-2d51-4d7e-9a8b-2b8f7d0c9e11", Mode::Assessment);
    let statements = statements(&mut Translator::new(lrs()), &records);
    let verbs = verbs(&statements);
    assert_eq!(&verbs[..2], ["launched", "initialized"]);
    assert_eq!(&verbs[verbs.len() - 3..], ["completed", "passed", "terminated"]);
    // One statement for each step done, and one for the level.
    let steps = records.iter().filter(|record| record.kind == kind::STEP_COMPLETED).count();
    assert!(steps >= 10, "{steps} steps");
    assert_eq!(verbs.iter().filter(|verb| *verb == "completed").count(), steps + 1, "{verbs:?}");
    let mut ids = std::collections::HashSet::new();
    for statement in &statements {
        assert_nothing_empty(statement, "statement");
        let id = statement["id"].as_str().unwrap();
        assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4);
        assert!(ids.insert(id.to_owned()), "two statements share id {id}");
        assert!(statement["timestamp"].as_str().unwrap().ends_with('Z'), "{}", statement["timestamp"]);
        assert_eq!(statement["actor"]["account"]["name"], "T-1024");
        assert_eq!(statement["actor"]["account"]["homePage"], "https://osong.example.org");
        assert_eq!(statement["context"]["registration"], "6f1b7c1e-2d51-4d7e-9a8b-2b8f7d0c9e11");
        for key in statement["result"]["extensions"].as_object().into_iter().flat_map(|map| map.keys()) {
            assert!(key.starts_with("urn:") || key.starts_with("https://"), "extension key {key} is not an IRI");
        }
    }
    let passed = &statements[statements.len() - 2];
    assert_eq!(passed["result"]["success"], true);
    assert_eq!(passed["result"]["score"]["raw"], 100);
    assert_eq!(passed["result"]["score"]["scaled"], 1.0);
    assert!(passed["result"]["duration"].as_str().unwrap().starts_with("PT"));
    // A step's statement is about the step, within the level.
    let step = &statements[2];
    assert!(step["object"]["id"].as_str().unwrap().starts_with("urn:cleanroom:level:gowning_grade_b/steps/"));
    assert_eq!(step["context"]["contextActivities"]["parent"][0]["id"], "urn:cleanroom:level:gowning_grade_b");
    assert!(!statements.iter().any(|statement| has_category(statement, "/cmi5")), "cmi5 categories outside cmi5");
}

#[test]
fn a_deviation_is_a_statement_with_its_severity_and_explanation() {
    let level = gowning();
    let attempt = "b2c4f1a0-5e2d-4a2b-8c3d-9e8f7a6b5c4d";
    let mut runner = Runner::with_seed(&level, Mode::Assessment, 7);
    let mut records = vec![NewRecord::attempt_started(attempt, &started(&level, Mode::Assessment))];
    records.extend(runner.start(0.0).iter().map(|event| NewRecord::runner_event(attempt, event)));
    // A rule broken at once, then back to the menu.
    let deviation = cleanroom_core::procedure::Deviation {
        source: cleanroom_core::procedure::DeviationSource::Rule("touched_face".into()),
        severity: cleanroom_core::level::Severity::Major,
        points: 10.0,
        explanation: cleanroom_core::common::Text::new(
            "A gloved hand touched the face.",
            "장갑 낀 손이 얼굴에 닿았습니다.",
        ),
        time_s: 12.5,
        step: None,
    };
    records
        .push(NewRecord::runner_event(attempt, &cleanroom_core::procedure::RunnerEvent::DeviationRecorded(deviation)));
    records.push(NewRecord::attempt_abandoned(attempt, AbandonedBecause::LeftToMenu));
    let statements = statements(&mut Translator::new(lrs()), &records);
    assert_eq!(verbs(&statements), ["launched", "initialized", "deviated", "terminated"]);
    let deviated = &statements[2];
    assert_nothing_empty(deviated, "deviated");
    assert_eq!(deviated["result"]["success"], false);
    assert_eq!(deviated["result"]["response"], "A gloved hand touched the face.");
    assert_eq!(deviated["result"]["extensions"]["urn:cleanroom:xapi:extensions:severity"], "Major");
    assert_eq!(deviated["result"]["extensions"]["urn:cleanroom:xapi:extensions:points"], -10.0);
    let terminated = &statements[3];
    assert_eq!(terminated["result"]["extensions"]["urn:cleanroom:xapi:extensions:ended-because"], "left-to-menu");
}

fn cmi5(mastery: Option<f64>, mode: LaunchMode) -> LrsConfig {
    let mut lrs = lrs();
    lrs.cmi5 = Some(Cmi5Context {
        actor: json!({ "objectType": "Agent", "name": "Kim Mina", "account": { "homePage": "https://lms.example.org", "name": "T-1024" } }),
        registration: "760e3480-ba55-4991-94b0-01820dbd23a2".into(),
        activity_id: "https://lms.example.org/au/gowning/6".into(),
        context_template: json!({
            "contextActivities": { "grouping": [{ "id": "https://publisher.example.org/au/gowning" }] },
            "extensions": { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "session-42" },
        }),
        launch_mode: mode,
        mastery_score: mastery,
        move_on: MoveOn::CompletedAndPassed,
        launch_parameters: None,
        return_url: None,
    });
    lrs
}

#[test]
fn in_a_cmi5_launch_the_statements_follow_cmi5() {
    let level = gowning();
    let records = expert_attempt(&level, "attempt-1", Mode::Assessment);
    let statements = statements(&mut Translator::new(cmi5(Some(0.8), LaunchMode::Normal)), &records);
    let verbs = verbs(&statements);
    // The LMS sends `launched`; the AU starts with `initialized` and ends with `terminated`.
    assert_eq!(verbs.first().map(String::as_str), Some("initialized"));
    assert_eq!(&verbs[verbs.len() - 3..], ["completed", "passed", "terminated"]);
    for statement in &statements {
        assert_nothing_empty(statement, "statement");
        assert_eq!(statement["actor"]["account"]["name"], "T-1024");
        assert_eq!(statement["context"]["registration"], "760e3480-ba55-4991-94b0-01820dbd23a2");
        assert_eq!(
            statement["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
            "session-42"
        );
        assert_eq!(
            statement["context"]["contextActivities"]["grouping"][0]["id"],
            "https://publisher.example.org/au/gowning"
        );
        let verb = statement["verb"]["id"].as_str().unwrap();
        let defined = statement["object"]["id"] == "https://lms.example.org/au/gowning/6";
        assert_eq!(
            has_category(statement, "/categories/cmi5"),
            defined,
            "{verb}: the cmi5 category only on cmi5-defined statements"
        );
        let judged = defined && ["completed", "passed", "failed"].iter().any(|v| verb.ends_with(v));
        assert_eq!(
            has_category(statement, "/categories/moveon"),
            judged,
            "{verb}: moveon only on completed, passed, failed"
        );
    }
    let passed = &statements[statements.len() - 2];
    assert_eq!(passed["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"], 0.8);
    assert!(passed["result"].get("completion").is_none());
    assert!(statements[statements.len() - 3]["result"].get("score").is_none(), "completed carries no score");
}

#[test]
fn below_the_mastery_score_a_pass_is_failed_and_a_browse_launch_judges_nothing() {
    let level = gowning();
    let mut records = expert_attempt(&level, "attempt-1", Mode::Assessment);
    let statements_at = |mastery, mode, records: &[NewRecord]| {
        verbs(&statements(&mut Translator::new(cmi5(Some(mastery), mode)), records))
    };
    // The expert scores 100, which meets even a mastery score of 1.
    let above = statements_at(1.0, LaunchMode::Normal, &records);
    assert_eq!(&above[above.len() - 2..], ["passed", "terminated"]);
    if let Some(ended) = records.iter_mut().find(|record| record.kind == kind::ATTEMPT_ENDED) {
        let mut body: Json = serde_json::from_str(&ended.body).unwrap();
        body["report"]["score"]["total"] = json!(69.0);
        ended.body = body.to_string();
    }
    let below = statements_at(0.7, LaunchMode::Normal, &records);
    assert_eq!(&below[below.len() - 2..], ["failed", "terminated"]);
    let browse = statements_at(0.7, LaunchMode::Browse, &records);
    assert_eq!(browse.first().map(String::as_str), Some("initialized"));
    assert_eq!(browse.last().map(String::as_str), Some("terminated"));
    let judged = browse
        .iter()
        .rev()
        .skip(1)
        .take_while(|verb| *verb != "initialized")
        .any(|verb| verb == "passed" || verb == "failed");
    assert!(!judged, "a Browse launch was judged: {browse:?}");
}

#[test]
fn a_second_attempt_in_one_cmi5_launch_sends_nothing_more() {
    let level = gowning();
    let mut translator = Translator::new(cmi5(None, LaunchMode::Normal));
    let first = statements(&mut translator, &expert_attempt(&level, "attempt-1", Mode::Assessment));
    assert!(!first.is_empty());
    let second = statements(&mut translator, &expert_attempt(&level, "attempt-2", Mode::Assessment));
    assert!(second.is_empty(), "{:?}", verbs(&second));
}

#[test]
fn a_registration_already_passed_gets_no_second_completed_or_passed() {
    let level = gowning();
    let mut translator = Translator::new(cmi5(None, LaunchMode::Normal));
    translator
        .set_registration_results(cleanroom_core::records::xapi::RegistrationResults { completed: true, passed: true });
    let verbs = verbs(&statements(&mut translator, &expert_attempt(&level, "attempt-1", Mode::Assessment)));
    let au = &verbs[verbs.len() - 1..];
    assert_eq!(au, ["terminated"]);
    assert!(!verbs.iter().any(|verb| verb == "passed" || verb == "failed"), "{verbs:?}");
}

#[test]
fn a_second_game_on_the_machine_is_refused_the_store_the_first_is_writing() {
    let paths = fresh_paths();
    let first = Recorder::start(paths.clone(), None, None);
    first.record(NewRecord::signed_in(&SignedIn { trainee: trainee(), by: SignedInBy::Menu, machine: "m".into() }));
    assert!(first.flush(Duration::from_secs(20)));
    let second = Recorder::start(paths.clone(), None, None);
    second.record(NewRecord::attempt_abandoned("y", AbandonedBecause::GameClosed));
    assert!(!second.flush(Duration::from_secs(20)));
    match second.status().state {
        StoreState::Refused(reason) => {
            assert!(reason.contains("another cleanroom running on this machine"), "{reason}")
        }
        state => panic!("two writers on one store: {state:?}"),
    }
    drop(second);
    drop(first);
    assert!(verify_store(&paths).unwrap().is_intact());
}

/// A loopback LRS that stores whatever it is sent (204) and keeps each request's statement ids.
fn accepting_lrs() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}/xAPI/", listener.local_addr().unwrap());
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = std::sync::Arc::clone(&received);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let sent: Json = serde_json::from_slice(&body).unwrap_or(Json::Null);
            let statements = if let Json::Array(all) = sent { all } else { vec![sent] };
            kept.lock().unwrap().extend(statements.iter().filter_map(|s| s["id"].as_str().map(str::to_owned)));
            let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (endpoint, received)
}

#[test]
fn statements_a_closed_cmi5_launch_left_never_block_the_next_launch() {
    use cleanroom_core::records::delivery::{Delivery, DeliveryState};
    use cleanroom_core::records::store::OutboxEntry;

    let paths = fresh_paths();
    let (endpoint, received) = accepting_lrs();
    // Two launches by the learning system, each with its own session's token.
    let launch = |token: &str| {
        let mut lrs = cmi5(Some(0.8), LaunchMode::Normal);
        lrs.endpoint = endpoint.clone();
        lrs.authorization = format!("Basic {token}");
        lrs
    };
    let (earlier, now) = (launch("token-of-the-closed-session"), launch("token-of-this-session"));
    assert_ne!(earlier.delivery_scope(), now.delivery_scope());
    assert!(lrs().delivery_scope().is_none(), "the centre's own credentials send any run's statements");
    let queue = |store: &mut RecordStore, lrs: &LrsConfig, id: &str| {
        let statement = json!({ "id": id, "verb": { "id": "http://adlnet.gov/expapi/verbs/completed" } }).to_string();
        let entry = OutboxEntry {
            statement_id: id.into(),
            endpoint: lrs.endpoint.clone(),
            scope: lrs.delivery_scope(),
            statement,
        };
        let record = NewRecord::new(kind::STEP_COMPLETED, Some("a"), &json!({}));
        store.append_all(&[record], &[(0, entry)]).unwrap();
    };
    {
        // The earlier launch's game closed while its LMS was down: two statements wait.
        let mut store = RecordStore::open(paths.clone()).unwrap();
        queue(&mut store, &earlier, "00000000-0000-4000-8000-000000000001");
        queue(&mut store, &earlier, "00000000-0000-4000-8000-000000000002");
        queue(&mut store, &now, "00000000-0000-4000-8000-000000000003");
    }
    let (delivery, _queued) = Delivery::start(paths.database(), now);
    assert!(delivery.wait_until_delivered(Duration::from_secs(20)), "{:?}", delivery.status());
    let status = delivery.status();
    assert_eq!(status.state, DeliveryState::UpToDate);
    assert_eq!((status.delivered, status.waiting, status.stranded), (1, 0, 2), "{status:?}");
    drop(delivery);
    // Only this launch's statement went, with this launch's token.
    assert_eq!(*received.lock().unwrap(), ["00000000-0000-4000-8000-000000000003"]);
}

/// The expert's attempt with one message from the instructor half-way, as the game records it.
fn assisted_attempt(level: &cleanroom_core::level::Level, attempt: &str, mode: Mode) -> Vec<NewRecord> {
    let mut records = expert_attempt(level, attempt, mode);
    let ended = records.pop().expect("the attempt ended");
    let mut report: cleanroom_core::records::attempt::AttemptEnded = serde_json::from_str(&ended.body).unwrap();
    let intervened = cleanroom_core::procedure::Intervened {
        intervention: cleanroom_core::procedure::Intervention::Message { text: "Check your cuffs.".into() },
        time_s: 5.0,
    };
    records.insert(
        3,
        NewRecord::runner_event(attempt, &cleanroom_core::procedure::RunnerEvent::Intervened(intervened.clone())),
    );
    report.report.interventions.push(intervened);
    records.push(NewRecord::attempt_ended(attempt, &report.report));
    records
}

#[test]
fn an_assessment_the_instructor_stepped_into_is_not_progress_nor_passed_to_the_lrs() {
    let level = gowning();
    let paths = fresh_paths();
    let recorder = Recorder::start(paths.clone(), None, None);
    for record in assisted_attempt(&level, "a-assisted", Mode::Assessment) {
        recorder.record(record);
    }
    assert!(recorder.flush(Duration::from_secs(20)), "{:?}", recorder.status());
    assert!(
        recorder.status().passed.is_empty(),
        "an assisted assessment opens nothing: {:?}",
        recorder.status().passed
    );
    drop(recorder);
    let again = Recorder::start(paths.clone(), None, None);
    assert!(again.flush(Duration::from_secs(20)));
    assert!(again.status().passed.is_empty(), "nor when read back: {:?}", again.status().passed);
    // The same help in guided mode is a pass.
    for record in assisted_attempt(&level, "a-guided", Mode::Guided) {
        again.record(record);
    }
    assert!(again.flush(Duration::from_secs(20)));
    assert!(again.status().passed.get("T-1024").is_some_and(|levels| levels.contains("gowning_grade_b")));
    drop(again);

    let statements = statements(&mut Translator::new(lrs()), &assisted_attempt(&level, "a-x", Mode::Assessment));
    let verbs = verbs(&statements);
    assert_eq!(&verbs[verbs.len() - 2..], ["failed", "terminated"], "{verbs:?}");
    let judged = &statements[statements.len() - 2];
    assert_eq!(judged["result"]["success"], false);
    assert!(judged.to_string().contains("assisted by the instructor"), "{judged}");

    let source = cleanroom_core::records::report::Source { label: "desk".into(), paths };
    let read = cleanroom_core::records::report::read(vec![source]).unwrap();
    let finishes: Vec<_> = read.attempts.iter().map(|attempt| attempt.finish.clone()).collect();
    assert_eq!(
        finishes,
        [
            cleanroom_core::records::report::Finish::Assisted { interventions: 1 },
            cleanroom_core::records::report::Finish::Passed
        ]
    );
}
