//! The records reaching a real learning record store: Ralph (ralph-malph 5.1.0 from PyPI, which
//! `scripts/test.sh` installs in a venv and names in `CLEANROOM_RALPH_VENV`), started by each
//! test on loopback. A level played headless arrives as its statements, each once; an outage of
//! the LRS in the middle of a session loses nothing and duplicates nothing; twenty headless
//! games at once deliver every statement once.
//!
//! Ignored by a plain `cargo test` (they need the venv); the README's test command runs them.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bevy::prelude::App;
use serde_json::Value as Json;

const KEY: &str = "cleanroom";
const SECRET: &str = "a-test-secret";
const HOME_PAGE: &str = "https://osong.example.org";

/// One Ralph server, with its own folder of statements and credentials.
struct Ralph {
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
}

fn venv() -> PathBuf {
    let venv = std::env::var_os("CLEANROOM_RALPH_VENV").map(PathBuf::from).expect(
        "CLEANROOM_RALPH_VENV names no venv: these tests need Ralph, which scripts/test.sh installs (run it, or set \
         CLEANROOM_RALPH_VENV to a venv with tests/lrs/requirements.txt installed)",
    );
    assert!(venv.join("bin/python").exists(), "no Python in {}: run scripts/test.sh", venv.display());
    venv
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cleanroom-lrs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Ralph {
    /// Ralph's folder and credentials (its own `ralph auth`), and the server started.
    fn start(name: &str) -> Self {
        let dir = scratch(name).join("ralph");
        std::fs::create_dir_all(&dir).unwrap();
        let mut ralph = Self { dir, port: free_port(), child: None };
        let status = ralph
            .command(&venv().join("bin/ralph"))
            .args(["auth", "-u", KEY, "-p", SECRET, "-s", "statements/write", "-s", "statements/read"])
            .args(["-M", "mailto:cleanroom@example.org", "-w"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "ralph auth failed");
        ralph.resume();
        ralph
    }

    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.dir)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .env("RALPH_AUTH_FILE", self.dir.join("auth.json"))
            .env("RALPH_HISTORY_FILE", self.dir.join("history.json"))
            .env("RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH", &self.dir)
            .env("RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE", "statements.jsonl");
        command
    }

    /// Starts the server (again) on the same folder and port, and waits until it answers.
    fn resume(&mut self) {
        let launcher = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lrs/run_ralph.py");
        let log = std::fs::OpenOptions::new().create(true).append(true).open(self.dir.join("ralph.log")).unwrap();
        let child = self
            .command(&venv().join("bin/python"))
            .arg(launcher)
            .arg(self.port.to_string())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let until = Instant::now() + Duration::from_secs(60);
        let heartbeat = format!("http://127.0.0.1:{}/__heartbeat__", self.port);
        while Instant::now() < until {
            if ureq::get(&heartbeat).call().is_ok_and(|response| response.status() == 200) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let log = std::fs::read_to_string(self.dir.join("ralph.log")).unwrap_or_default();
        panic!("Ralph did not answer on port {} within 60 s:\n{log}", self.port);
    }

    /// Stops the server at once (the LRS goes away).
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    /// Every statement the LRS holds, read back through its xAPI.
    fn statements(&self) -> Vec<Json> {
        let authorization = cleanroom_core::records::xapi::basic_authorization(KEY, SECRET);
        let mut response = ureq::get(format!("{}statements", self.endpoint()))
            .query("limit", "0")
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &authorization)
            .call()
            .expect("the statements are read back");
        let body: Json = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        body["statements"].as_array().cloned().unwrap_or_default()
    }

    /// How many statements the LRS wrote to its file (each line one; a duplicate would be two).
    fn lines_stored(&self) -> usize {
        std::fs::read_to_string(self.dir.join("statements.jsonl"))
            .map(|text| text.lines().filter(|line| !line.trim().is_empty()).count())
            .unwrap_or(0)
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The game's command line, pointed at `ralph`, with its records in `records`.
fn game(ralph: &Ralph, records: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cleanroom"));
    command
        .env("CLEANROOM_RECORDS", records.join("data"))
        .env("CLEANROOM_RECORDS_KEYS", records.join("keys"))
        .env("CLEANROOM_LOG", records.join("cleanroom.log"))
        .args(["--lrs-endpoint", &ralph.endpoint(), "--lrs-key", KEY, "--lrs-secret", SECRET])
        .args(["--lrs-home-page", HOME_PAGE]);
    command
}

/// The outbox of a records store: each statement's id and whether it was delivered (and not
/// refused).
fn outbox(records: &Path) -> Vec<(String, bool)> {
    let database = rusqlite::Connection::open(records.join("data/records.sqlite")).unwrap();
    let mut query = database
        .prepare("SELECT statement_id, delivered_at IS NOT NULL AND refused IS NULL FROM outbox ORDER BY position")
        .unwrap();
    query.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap().map(Result::unwrap).collect()
}

fn ids(statements: &[Json]) -> Vec<String> {
    statements.iter().map(|statement| statement["id"].as_str().unwrap().to_owned()).collect()
}

fn verb(statement: &Json) -> &str {
    statement["verb"]["id"].as_str().unwrap().rsplit(['/', ':']).next().unwrap()
}

/// Every id once, and the LRS holding exactly what the outboxes sent.
fn assert_each_once(ralph: &Ralph, sent: &[String]) {
    let held = ids(&ralph.statements());
    let unique: HashSet<&String> = held.iter().collect();
    assert_eq!(unique.len(), held.len(), "the LRS returns a statement twice");
    assert_eq!(ralph.lines_stored(), held.len(), "the LRS stored a statement twice");
    let sent_set: HashSet<&String> = sent.iter().collect();
    assert_eq!(sent_set.len(), sent.len(), "the game queued a statement id twice");
    let missing: Vec<&&String> = sent_set.difference(&unique).collect();
    let extra: Vec<&&String> = unique.difference(&sent_set).collect();
    assert!(missing.is_empty(), "{} statements never reached the LRS: {missing:?}", missing.len());
    assert!(extra.is_empty(), "the LRS holds statements the game did not send: {extra:?}");
}

#[test]
#[ignore = "needs Ralph, which scripts/test.sh installs"]
fn a_level_played_headless_reaches_the_lrs_each_statement_once() {
    let ralph = Ralph::start("round-trip");
    let records = scratch("round-trip-game");
    let output = game(&ralph, &records)
        .args(["play-headless", "--level", "gowning_grade_b", "--assessment"])
        .args(["--trainee-id", "T-1024", "--trainee-name", "Kim Mina"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{said}\n{}", String::from_utf8_lossy(&output.stderr));
    let outbox = outbox(&records);
    assert!(outbox.iter().all(|(_, delivered)| *delivered), "undelivered or refused: {outbox:?}");
    let sent: Vec<String> = outbox.into_iter().map(|(id, _)| id).collect();
    assert_each_once(&ralph, &sent);
    let statements = ralph.statements();
    println!("statements per session (gowning, assessment): {}", statements.len());
    // In the order the game sent them.
    assert_eq!(ids(&statements), sent);
    assert_eq!(verb(&statements[0]), "launched");
    assert_eq!(verb(&statements[1]), "initialized");
    let last: Vec<&str> = statements[statements.len() - 3..].iter().map(verb).collect();
    assert_eq!(last, ["completed", "passed", "terminated"]);
    for statement in &statements {
        assert_eq!(statement["actor"]["account"]["name"], "T-1024");
        assert_eq!(statement["actor"]["account"]["homePage"], HOME_PAGE);
        assert_eq!(statement["actor"]["name"], "Kim Mina");
    }
    let passed = &statements[statements.len() - 2];
    assert_eq!(passed["object"]["id"], "urn:cleanroom:level:gowning_grade_b");
    assert_eq!(passed["result"]["score"]["raw"], 100);
    let steps = statements.iter().filter(|s| s["object"]["id"].as_str().unwrap().contains("/steps/")).count();
    assert!(steps >= 10, "{steps} step statements");
}

#[test]
#[ignore = "needs Ralph, which scripts/test.sh installs"]
fn an_lrs_outage_mid_session_loses_nothing_and_duplicates_nothing() {
    use cleanroom::records::{Records, RecordsConfig, SignedInTrainee};
    use cleanroom_core::records::attempt::{SignedInBy, Trainee};
    use cleanroom_core::records::delivery::DeliveryState;
    use cleanroom_core::records::xapi::LrsConfig;

    let mut ralph = Ralph::start("outage");
    let records = scratch("outage-game");
    let mut app = cleanroom::headless::app_with_levels(&cleanroom::procedure::levels_dir());
    let store = cleanroom_core::records::StorePaths { records: records.join("data"), keys: records.join("keys") };
    let lrs = LrsConfig::basic(&ralph.endpoint(), KEY, SECRET, HOME_PAGE, "urn:cleanroom:level:");
    app.insert_resource(RecordsConfig { store, lrs: Some(lrs) });
    let trainee = Trainee::new("T-2048", "Park Jisoo").unwrap();
    app.insert_resource(SignedInTrainee { trainee: Some(trainee), by: Some(SignedInBy::Menu) });
    let delivery = |app: &App| app.world().resource::<Records>().delivery_status().unwrap();
    let mut stopped_after = 0;
    let report = cleanroom::headless::play_expert_path_with(&mut app, "gowning_grade_b", false, |played, app| {
        // Half way through the level, once the LRS has taken the first statements, it goes away.
        if played == 12 {
            let until = Instant::now() + Duration::from_secs(30);
            while delivery(app).delivered == 0 && Instant::now() < until {
                std::thread::sleep(Duration::from_millis(50));
            }
            stopped_after = delivery(app).delivered;
            ralph.stop();
        }
    })
    .unwrap();
    assert!(report.passed(), "{:?}", report.outcome);
    assert!(stopped_after > 0, "nothing was delivered before the outage");
    let records_open = app.world().resource::<Records>();
    assert!(records_open.flush(Duration::from_secs(30)));
    // The rest of the session waits in the outbox, and the menu says the LRS is unreachable.
    let until = Instant::now() + Duration::from_secs(30);
    while !matches!(records_open.delivery_status().unwrap().state, DeliveryState::Unreachable(_))
        && Instant::now() < until
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let waiting = records_open.delivery_status().unwrap();
    assert!(matches!(waiting.state, DeliveryState::Unreachable(_)), "{waiting:?}");
    assert!(waiting.waiting > 0, "{waiting:?}");
    ralph.resume();
    let back = Instant::now();
    let delivered =
        app.world().resource::<Records>().delivery.as_ref().unwrap().wait_until_delivered(Duration::from_secs(60));
    let took = back.elapsed();
    assert!(delivered, "{:?}", app.world().resource::<Records>().delivery_status());
    println!(
        "outage: {stopped_after} statements delivered before it, {} waited; all delivered {:.2} s after the LRS answered again",
        waiting.waiting,
        took.as_secs_f64()
    );
    app.world_mut().remove_resource::<Records>();
    let sent: Vec<String> = outbox(&records)
        .into_iter()
        .map(|(id, delivered)| {
            assert!(delivered, "statement {id} was not delivered");
            id
        })
        .collect();
    assert_each_once(&ralph, &sent);
}

#[test]
#[ignore = "needs Ralph, which scripts/test.sh installs"]
fn twenty_headless_games_at_once_deliver_every_statement_once() {
    const GAMES: usize = 20;
    let ralph = Ralph::start("load");
    let root = scratch("load-games");
    let started = Instant::now();
    let games: Vec<(PathBuf, Child)> = (1..=GAMES)
        .map(|game_number| {
            let records = root.join(format!("game-{game_number:02}"));
            let child = game(&ralph, &records)
                .args(["play-headless", "--level", "gowning_grade_b", "--deliver-within", "300"])
                .args([
                    "--trainee-id",
                    &format!("T-{game_number:02}"),
                    "--trainee-name",
                    &format!("Trainee {game_number}"),
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (records, child)
        })
        .collect();
    let mut sent = Vec::new();
    let mut per_trainee = BTreeMap::new();
    for (index, (records, child)) in games.into_iter().enumerate() {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "game {}: {}\n{}",
            index + 1,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let outbox = outbox(&records);
        assert!(outbox.iter().all(|(_, delivered)| *delivered), "game {}: undelivered statements", index + 1);
        per_trainee.insert(format!("T-{:02}", index + 1), outbox.len());
        sent.extend(outbox.into_iter().map(|(id, _)| id));
    }
    let took = started.elapsed();
    assert_each_once(&ralph, &sent);
    let held = ralph.statements();
    for (trainee, count) in &per_trainee {
        let arrived = held.iter().filter(|statement| statement["actor"]["account"]["name"] == **trainee).count();
        assert_eq!(arrived, *count, "{trainee}'s statements");
    }
    println!(
        "load: {GAMES} games at once sent {} statements; the LRS holds {} ({} lines), each once; {:.1} s in all",
        sent.len(),
        held.len(),
        ralph.lines_stored(),
        took.as_secs_f64()
    );
}

/// A small cmi5 LMS of the test's own (tests/lrs/cmi5_lms.py) in front of `ralph`, for one
/// launch; every request it takes is a line of its log.
struct Lms {
    port: u16,
    log: PathBuf,
    child: Child,
}

impl Lms {
    fn start(ralph: &Ralph, dir: &Path, launch: &Json) -> Self {
        let port = free_port();
        let launch_file = dir.join("launch.json");
        std::fs::write(&launch_file, launch.to_string()).unwrap();
        let log = dir.join("lms-requests.jsonl");
        let child = Command::new(venv().join("bin/python"))
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lrs/cmi5_lms.py"))
            .arg(port.to_string())
            .arg(&launch_file)
            .arg(&log)
            .env("RALPH_ENDPOINT", ralph.endpoint())
            .env("RALPH_KEY", KEY)
            .env("RALPH_SECRET", SECRET)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("lms.log")).unwrap())
            .spawn()
            .unwrap();
        let until = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < until,
                "the LMS did not start: {}",
                std::fs::read_to_string(dir.join("lms.log")).unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { port, log, child }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> Vec<Json> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

impl Drop for Lms {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs Ralph, which scripts/test.sh installs"]
fn a_cmi5_launch_fetches_its_token_once_reads_its_launch_data_and_reports_as_the_au() {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    const SESSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
    const MASTERY: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
    const CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    const MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";

    let ralph = Ralph::start("cmi5");
    let dir = scratch("cmi5-lms");
    let registration = cleanroom_core::records::attempt::random_uuid();
    let session = cleanroom_core::records::attempt::random_uuid();
    let actor = serde_json::json!({
        "objectType": "Agent", "name": "Kim Mina",
        "account": { "homePage": "https://lms.osong.example.org", "name": "T-1024" },
    });
    let course = "https://lms.osong.example.org/courses/gmp-cell-therapy";
    let activity = format!("{course}/au/gowning");
    let launch = serde_json::json!({
        "activityId": activity, "registration": registration, "actor": actor,
        "launchData": {
            "contextTemplate": {
                "contextActivities": { "grouping": [{ "id": course }] },
                "extensions": { SESSION: session },
            },
            "launchMode": "Normal", "masteryScore": 0.8, "moveOn": "CompletedAndPassed",
            "launchParameters": "level=gowning_grade_b", "returnURL": "https://lms.osong.example.org/courses",
        },
    });
    let lms = Lms::start(&ralph, &dir, &launch);
    let encode = |text: &str| utf8_percent_encode(text, NON_ALPHANUMERIC).to_string();
    let url = format!(
        "cleanroom://launch?endpoint={}&fetch={}&actor={}&registration={registration}&activityId={}",
        encode(&lms.url("/xAPI/")),
        encode(&lms.url(&format!("/fetch?session={session}"))),
        encode(&actor.to_string()),
        encode(&activity),
    );
    let records = scratch("cmi5-game");
    let play = || {
        Command::new(env!("CARGO_BIN_EXE_cleanroom"))
            .env("CLEANROOM_RECORDS", records.join("data"))
            .env("CLEANROOM_RECORDS_KEYS", records.join("keys"))
            .env("CLEANROOM_LOG", records.join("cleanroom.log"))
            .env("CLEANROOM_LRS_CONFIG", records.join("no-lrs.ron"))
            .args(["--cmi5", &url, "play-headless", "--level", "gowning_grade_b", "--assessment"])
            .output()
            .unwrap()
    };
    let output = play();
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{said}");
    assert!(said.contains("cmi5: launched for Kim Mina (T-1024)"), "{said}");

    // The token fetched once, the launch data read, the learner preferences asked for.
    let requests = lms.requests();
    let of = |kind: &str| requests.iter().filter(|r| r["request"] == kind).collect::<Vec<_>>();
    assert_eq!(of("fetch").len(), 1, "{requests:?}");
    assert_eq!(of("launch-data").len(), 1);
    assert_eq!(of("launch-data")[0]["matched"], true, "the launch data asked for the launch's agent and registration");
    assert_eq!(of("agent-profile").len(), 1);
    assert!(requests.iter().all(|r| r["refused"].is_null()), "a request without the token: {requests:?}");

    // What reached the LRS, through the LMS, in the order the AU sent it.
    let statements: Vec<Json> =
        ralph.statements().into_iter().filter(|s| s["context"]["registration"] == registration.as_str()).collect();
    let sent: Vec<String> = requests
        .iter()
        .filter(|r| r["statements"].is_array())
        .flat_map(|r| r["statements"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(ids(&statements), sent, "the LRS holds what the AU sent, in order, each once");
    assert_each_once(&ralph, &outbox(&records).into_iter().map(|(id, _)| id).collect::<Vec<_>>());
    let verbs: Vec<&str> = statements.iter().map(verb).collect();
    println!("cmi5 session: {} statements: {}", verbs.len(), verbs.join(", "));
    // The LMS sends `launched`; the AU begins with initialized and ends with terminated, with one
    // completed and one passed of the AU before it (the steps' own `completed` are about the
    // steps: cmi5 allowed statements, without its category).
    assert_eq!(verbs.first(), Some(&"initialized"), "{verbs:?}");
    assert_eq!(verbs.last(), Some(&"terminated"), "{verbs:?}");
    assert!(!verbs.contains(&"launched"), "{verbs:?}");
    let about_au: Vec<(usize, &str)> = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s["object"]["id"] == activity.as_str())
        .map(|(i, s)| (i, verb(s)))
        .collect();
    let au_verbs: Vec<&str> = about_au.iter().map(|(_, verb)| *verb).collect();
    assert_eq!(au_verbs, ["initialized", "completed", "passed", "terminated"], "the statements about the AU");
    let position = |wanted: &str| about_au.iter().find(|(_, verb)| *verb == wanted).unwrap().0;
    for statement in &statements {
        assert_eq!(statement["actor"], actor, "every statement's actor is the launch's");
        assert_eq!(statement["context"]["extensions"][SESSION], session.as_str(), "{statement}");
        assert_eq!(statement["context"]["contextActivities"]["grouping"][0]["id"], course, "{statement}");
    }
    let categories = |statement: &Json| -> Vec<String> {
        statement["context"]["contextActivities"]["category"]
            .as_array()
            .map(|all| all.iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    };
    for defined in ["initialized", "completed", "passed", "terminated"] {
        let statement = &statements[position(defined)];
        assert_eq!(statement["object"]["id"], activity, "{defined} is about the AU");
        assert!(categories(statement).contains(&CMI5.to_owned()), "{defined} carries cmi5's category: {statement}");
    }
    for allowed in statements.iter().filter(|s| s["object"]["id"] != activity.as_str()) {
        assert!(
            !categories(allowed).contains(&CMI5.to_owned()),
            "an allowed statement without cmi5's category: {allowed}"
        );
    }
    let passed = &statements[position("passed")];
    assert_eq!(passed["result"]["success"], true);
    assert!(passed["result"]["score"]["scaled"].as_f64().unwrap() >= 0.8, "{passed}");
    assert!(passed["result"]["duration"].as_str().is_some_and(|d| d.starts_with("PT")), "{passed}");
    assert_eq!(passed["context"]["extensions"][MASTERY], 0.8, "{passed}");
    for judged in ["completed", "passed"] {
        assert!(categories(&statements[position(judged)]).contains(&MOVEON.to_owned()), "{judged}: moveOn's category");
    }

    // Launched again with the same session, the token is refused (cmi5 allows one fetch): the
    // game says so and records nothing.
    let again = play();
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(!again.status.success());
    assert!(said.contains("gave no auth token") && said.contains("already fetched"), "{said}");
    assert_eq!(lms.requests().iter().filter(|r| r["request"] == "fetch").count(), 2);
    assert_eq!(
        ralph.statements().iter().filter(|s| s["context"]["registration"] == registration.as_str()).count(),
        statements.len()
    );
}
