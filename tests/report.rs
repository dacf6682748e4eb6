//! `cleanroom report` as an instructor uses it. Attempts of several trainees (passed, failed
//! with deviations, abandoned, one played by the game itself headless, one trainee whose name
//! holds markup) become one HTML page that a real browser (Debian's Chromium, driven through
//! WebDriver by chromedriver) shows with the cohort's and each trainee's figures and charts,
//! loading nothing from anywhere else; the CSV tables hold a row per attempt; and a report made
//! from a store someone edited says so.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cleanroom_core::level::{GoldenEntry, Level};
use cleanroom_core::procedure::{Mode, Report, Runner, check_paths, wrong_path_entries};
use cleanroom_core::records::attempt::{AbandonedBecause, AttemptStarted, NewRecord, Trainee, random_uuid};
use cleanroom_core::records::{RecordStore, StorePaths};
use serde_json::{Value as Json, json};

fn level(id: &str) -> Level {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels").join(format!("{id}.level.ron"));
    let report = check_paths(&[path]);
    assert!(!report.has_errors(), "{report}");
    report.files[0].level.clone().expect("the level parses")
}

/// How an attempt is played.
enum Play {
    Golden,
    /// The level's wrong path of this index.
    Wrong(usize),
    /// The golden path's first n entries, then back to the menu.
    Abandon(usize),
}

/// Writes one attempt's records as the game does (attempt started, every action and runner
/// event, the debrief or the abandonment), dated `day` of November 2026, and returns its
/// debrief (None when abandoned).
fn record_attempt(
    store: &mut RecordStore,
    trainee: &Trainee,
    level: &Level,
    mode: Mode,
    play: Play,
    day: u32,
) -> Option<Report> {
    let attempt = random_uuid();
    let at = |seconds: f64| {
        let total = 9 * 3600 + seconds.max(0.0) as u64;
        format!("2026-11-{day:02}T{:02}:{:02}:{:02}Z", total / 3600, total / 60 % 60, total % 60)
    };
    let mut append = |seconds: f64, record: NewRecord| {
        store.append_at(&at(seconds), record.kind, record.attempt.as_deref(), &record.body).expect("recorded");
    };
    let started = AttemptStarted {
        trainee: trainee.clone(),
        level: level.id.clone(),
        level_version: level.version,
        level_title: level.title.en.clone(),
        mode,
        seed: level.seed.unwrap_or(0),
        machine: "osong-vr-2".into(),
        game_version: "test".into(),
        headset: true,
        registration: None,
    };
    append(0.0, NewRecord::attempt_started(&attempt, &started));
    let (path, abandon_after) = match play {
        Play::Golden => (level.golden_path.clone(), None),
        Play::Wrong(index) => (wrong_path_entries(level, index).expect("the wrong path"), None),
        Play::Abandon(n) => (level.golden_path.clone(), Some(n)),
    };
    let mut runner = Runner::with_seed(level, mode, started.seed);
    for event in runner.start(0.0) {
        append(0.0, NewRecord::runner_event(&attempt, &event));
    }
    let mut last = 0.0;
    for entry in path.iter().take(abandon_after.unwrap_or(usize::MAX)) {
        let events = match entry {
            GoldenEntry::Do { at, action } => {
                append(*at, NewRecord::action(&attempt, *at, action));
                runner.act(*at, action.clone())
            }
            GoldenEntry::Observe { at, of, key, value } => runner.observe(*at, of, key, value.clone()),
        };
        last = entry.at();
        for event in events {
            append(last, NewRecord::runner_event(&attempt, &event));
        }
    }
    if abandon_after.is_some() {
        append(last + 5.0, NewRecord::attempt_abandoned(&attempt, AbandonedBecause::LeftToMenu));
        return None;
    }
    // As the checker's replay of a wrong path: the trainee stops, time runs out.
    let stop = last + 600.0;
    let mut events = runner.tick(stop);
    events.extend(runner.finish(stop));
    for event in events {
        append(stop, NewRecord::runner_event(&attempt, &event));
    }
    let report = runner.report();
    append(stop, NewRecord::attempt_ended(&attempt, &report));
    Some(report)
}

fn cleanroom(paths: &StorePaths, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cleanroom"))
        .args(args)
        .env("CLEANROOM_RECORDS", &paths.records)
        .env("CLEANROOM_RECORDS_KEYS", &paths.keys)
        .env("CLEANROOM_LRS_CONFIG", paths.keys.join("no-lrs.ron"))
        .env("CLEANROOM_LOG", paths.keys.join("cleanroom.log"))
        .output()
        .expect("cleanroom runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Chromium driven through WebDriver by chromedriver (Debian's packages, which scripts/setup.sh
/// installs).
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

impl Browser {
    fn start(profile: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver package; scripts/setup.sh installs it)");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not answer on {base}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut browser = Self { driver, base, session: String::new() };
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1800", "--hide-scrollbars", "--force-device-scale-factor=1",
                         format!("--user-data-dir={}", profile.display())],
            },
        } } });
        let session = browser.post("/session", capabilities);
        browser.session = session["sessionId"].as_str().expect("a WebDriver session").to_owned();
        browser
    }

    fn post(&self, path: &str, body: Json) -> Json {
        let session = if self.session.is_empty() { String::new() } else { format!("/session/{}", self.session) };
        let url = format!("{}{session}{path}", self.base);
        let mut response = ureq::post(&url)
            .header("Content-Type", "application/json")
            .config()
            .http_status_as_error(false)
            .build()
            .send(body.to_string())
            .expect("chromedriver answers");
        let answer: Json =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).expect("a WebDriver answer");
        assert!(answer["value"]["error"].is_null(), "WebDriver {path}: {answer}");
        answer["value"].clone()
    }

    fn open(&self, file: &Path) {
        self.post("/url", json!({ "url": format!("file://{}", file.display()) }));
    }

    fn run(&self, script: &str) -> Json {
        self.post("/execute/sync", json!({ "script": script, "args": [] }))
    }

    fn screenshot(&self, to: &Path) {
        use base64::Engine as _;
        let url = format!("{}/session/{}/screenshot", self.base, self.session);
        let text = ureq::get(&url).call().expect("a screenshot").body_mut().read_to_string().unwrap();
        let answer: Json = serde_json::from_str(&text).unwrap();
        let png = base64::engine::general_purpose::STANDARD.decode(answer["value"].as_str().unwrap()).unwrap();
        std::fs::write(to, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn chromium() -> String {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .into_iter()
        .find(|path| Path::new(path).exists())
        .unwrap_or("/usr/bin/chromium")
        .to_owned()
}

/// What the page shows, read from the rendered document.
const READ_PAGE: &str = r#"
const all = (root, s) => Array.from(root.querySelectorAll(s));
const cells = row => Array.from(row.cells).map(c => c.innerText.trim());
return {
  lang: document.documentElement.lang,
  h1: document.querySelector('h1').innerText,
  sources: document.querySelector('section.sources').innerText,
  levels: all(document, 'table.levels tbody tr').map(r => ({ level: r.dataset.level, cells: cells(r) })),
  trainees: all(document, 'table.trainees tbody tr').map(r => ({ id: r.dataset.trainee, cells: cells(r) })),
  figures: all(document.querySelector('#cohort'), '.figures .figure').map(f => f.innerText.replace(/\s+/g, ' ').trim()),
  sections: all(document, 'section.trainee').map(s => ({
    id: s.dataset.trainee,
    heading: s.querySelector('h2').innerText,
    attempts: all(s, 'table.attempts tbody tr').map(cells),
    deviations: all(s, 'table.deviations tbody tr').map(cells),
    charts: all(s, 'figure.chart').map(f => f.getAttribute('aria-label')),
  })),
  charts: all(document, 'figure.chart').map(f => {
    const svg = f.querySelector('svg'); const box = svg.getBoundingClientRect();
    return { label: f.getAttribute('aria-label'), width: box.width, height: box.height,
             text: f.textContent, shapes: svg.querySelectorAll('rect, circle, polyline, path, line').length };
  }),
  links: all(document, 'nav a').map(a => ({ to: a.getAttribute('href'), found: !!document.querySelector(a.getAttribute('href')) })),
  loaded: performance.getEntriesByType('resource').map(r => r.name),
  scripts: document.scripts.length,
};
"#;

#[test]
#[ignore = "needs Chromium and chromedriver, which scripts/setup.sh installs (the README's test command runs it)"]
fn the_report_shows_the_cohort_and_each_trainee_in_a_real_browser() {
    let root = std::env::temp_dir().join(format!("cleanroom-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let paths = StorePaths { records: root.join("records"), keys: root.join("keys") };
    let gowning = level("gowning_grade_b");
    let bioreactor = level("bioreactor_load_prime");
    let kim = Trainee { id: "T-1024".into(), name: "Kim Mina".into() };
    let lee = Trainee { id: "T-2048".into(), name: "Lee Junho".into() };
    // Names and ids are typed at the menu: the page must show them, never run them.
    let choi =
        Trainee { id: "T-4096&x".into(), name: "Choi <b>Seo-yeon</b><script>document.title='x'</script>".into() };

    let mut store = RecordStore::open(paths.clone()).expect("a new store");
    let mut gowning_reports = Vec::new();
    let mut played = |store: &mut RecordStore, who: &Trainee, level: &Level, mode, play, day| {
        let report = record_attempt(store, who, level, mode, play, day);
        if level.id == "gowning_grade_b" {
            gowning_reports.push(report.clone());
        }
        report
    };
    let kim_first = played(&mut store, &kim, &gowning, Mode::Guided, Play::Wrong(0), 2).unwrap();
    played(&mut store, &kim, &gowning, Mode::Guided, Play::Golden, 3);
    played(&mut store, &kim, &gowning, Mode::Assessment, Play::Golden, 4);
    played(&mut store, &kim, &bioreactor, Mode::Guided, Play::Golden, 5);
    played(&mut store, &lee, &gowning, Mode::Guided, Play::Wrong(1), 2);
    played(&mut store, &lee, &gowning, Mode::Guided, Play::Wrong(2), 3);
    played(&mut store, &lee, &gowning, Mode::Guided, Play::Abandon(5), 4);
    played(&mut store, &choi, &bioreactor, Mode::Guided, Play::Golden, 6);
    drop(store);
    assert!(!kim_first.passed() && !kim_first.deviations.is_empty(), "the first wrong path fails with deviations");

    // One attempt played by the game itself, as a trainee at a desktop would be recorded.
    let output = cleanroom(
        &paths,
        &["play-headless", "--level", "gowning_grade_b", "--trainee-id", "T-3072", "--trainee-name", "Park Jiwoo"],
    );
    assert!(output.status.success(), "play-headless: {}{}", text(&output.stdout), text(&output.stderr));
    gowning_reports.push(None); // its debrief is read back from the page below

    let html = root.join("report.html");
    let csv = root.join("csv");
    let output = cleanroom(&paths, &["report", "--out", html.to_str().unwrap(), "--csv", csv.to_str().unwrap()]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "report: {stdout}{}", text(&output.stderr));
    assert!(stdout.contains("report: 9 attempts by 4 trainees at 2 levels, from 1 records store"), "{stdout}");

    let browser = Browser::start(&root.join("chromium-profile"));
    browser.open(&html);
    let page = browser.run(READ_PAGE);

    assert_eq!(page["lang"], "en");
    assert_eq!(page["h1"], "Training records report");
    assert!(page["sources"].as_str().unwrap().contains("audit trail intact"), "{}", page["sources"]);
    // Self-contained: nothing loaded but the page, and no script in it (the trainee's name
    // held one: it is text).
    assert_eq!(page["loaded"], json!([]), "the report loads nothing else");
    assert_eq!(page["scripts"], 0);

    // The cohort: gowning had 7 attempts (6 ended with a result, one abandoned); the pass rate
    // is what the runner's debriefs say.
    let ended: Vec<&Report> = gowning_reports.iter().flatten().collect();
    let passed = ended.iter().filter(|report| report.passed()).count() + 1; // + Park's headless pass
    let with_result = ended.len() + 1;
    let rate = format!("{:.0}%", 100.0 * passed as f64 / with_result as f64);
    let levels = page["levels"].as_array().unwrap();
    let gowning_row = levels.iter().find(|row| row["level"] == "gowning_grade_b").expect("a gowning row");
    let cells: Vec<&str> = gowning_row["cells"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    // Level, trainees, attempts, passed, failed, abandoned, pass rate…
    assert_eq!(
        &cells[1..7],
        ["3", "7", &passed.to_string(), &(with_result - passed).to_string(), "1", &rate],
        "{cells:?}"
    );
    let critical: usize = ended
        .iter()
        .flat_map(|r| &r.deviations)
        .filter(|d| d.severity == cleanroom_core::level::Severity::Critical)
        .count();
    assert_eq!(cells[11], critical.to_string(), "critical deviations of gowning: {cells:?}");
    assert!(page["figures"].as_array().unwrap().iter().any(|f| f == "4 Trainees"), "{}", page["figures"]);

    // Every trainee has a row and a section, the one with markup in the name by its name as typed.
    let names: Vec<&str> =
        page["sections"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.iter().any(|name| name.starts_with(&choi.name)), "the name as typed, shown as text: {names:?}");
    assert!(page["links"].as_array().unwrap().iter().all(|link| link["found"] == true), "{}", page["links"]);
    let section = |id: &str| page["sections"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap().clone();
    let kim_section = section("T-1024");
    assert_eq!(kim_section["attempts"].as_array().unwrap().len(), 4);
    assert!(kim_section["attempts"][0][3].as_str().unwrap().starts_with("Failed"), "{}", kim_section["attempts"][0]);
    assert_eq!(kim_section["attempts"][1][3], "Passed");
    // Her first attempt's deviations, each with its explanation.
    let explained = kim_first.deviations[0].explanation.en.as_str();
    let deviations = kim_section["deviations"].as_array().unwrap();
    assert_eq!(deviations.len(), kim_first.deviations.len(), "{deviations:?}");
    assert!(deviations.iter().any(|row| row[5] == explained), "{deviations:?}");
    let lee_section = section("T-2048");
    assert!(lee_section["attempts"][2][3].as_str().unwrap().starts_with("Abandoned (left to the menu)"));
    let park = section("T-3072");
    assert_eq!(park["attempts"][0][3], "Passed", "the game's own headless attempt: {}", park["attempts"][0]);
    assert_eq!(park["attempts"][0][4], "100");

    // The charts are drawn, visible and labelled: pass rate, deviations, the learning curve and
    // the time per step for the cohort; each trainee's score over attempts.
    let charts = page["charts"].as_array().unwrap();
    let chart = |label: &str| charts.iter().find(|c| c["label"].as_str().unwrap().starts_with(label)).cloned();
    for label in ["Pass rate by level", "Deviations by level and severity", "Mean score by attempt", "Time per step — "]
    {
        let chart = chart(label).unwrap_or_else(|| panic!("no chart '{label}': {charts:?}"));
        assert!(chart["width"].as_f64().unwrap() > 400.0 && chart["height"].as_f64().unwrap() > 100.0, "{chart}");
        assert!(chart["shapes"].as_u64().unwrap() > 5, "{label} draws nothing: {chart}");
        assert!(chart["text"].as_str().unwrap().contains(&gowning.title.en), "{label} names the level: {chart}");
    }
    assert!(chart("Pass rate by level").unwrap()["text"].as_str().unwrap().contains(&rate));
    assert!(
        kim_section["charts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().starts_with("Score over attempts"))
    );
    assert!(
        kim_section["charts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c.as_str().unwrap().starts_with("Time per step against")),
        "{}",
        kim_section["charts"]
    );
    // Kept for whoever looks at the report after the test (docs/screenshots/report.png is one).
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report.png");
    browser.screenshot(&shot);
    std::fs::copy(&html, shot.with_extension("html")).unwrap();
    assert!(std::fs::metadata(&shot).unwrap().len() > 50_000, "a screenshot of the report");

    // The CSV tables: a row per attempt, with the trainee and the deviations.
    let attempts = std::fs::read_to_string(csv.join("attempts.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(attempts.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 9);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let kim_rows: Vec<&csv::StringRecord> = rows.iter().filter(|row| &row[column("trainee_id")] == "T-1024").collect();
    assert_eq!(kim_rows.len(), 4);
    assert_eq!(&kim_rows[0][column("result")], "failed");
    let major = kim_first.deviations.iter().filter(|d| d.severity == cleanroom_core::level::Severity::Major).count();
    assert_eq!(kim_rows[0][column("deviations_major")], major.to_string());
    let steps = std::fs::read_to_string(csv.join("steps.csv")).unwrap();
    assert!(steps.lines().count() > 20, "steps.csv has the steps done: {steps}");

    // The same report in Korean, for one trainee only.
    let korean = root.join("report-ko.html");
    let output =
        cleanroom(&paths, &["report", "--language", "ko", "--trainee", "T-1024", "--out", korean.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    browser.open(&korean);
    let page = browser.run(READ_PAGE);
    assert_eq!(page["lang"], "ko");
    assert_eq!(page["h1"], "훈련 기록 보고서");
    assert_eq!(page["sections"].as_array().unwrap().len(), 1);
    let korean_explanation = kim_first.deviations[0].explanation.ko.as_str();
    assert!(page["sections"][0]["deviations"].as_array().unwrap().iter().any(|row| row[5] == korean_explanation));
    drop(browser);

    // A store someone edited: the report is still written, and says so at the top.
    let connection = rusqlite::Connection::open(paths.database()).unwrap();
    connection
        .execute_batch(
            "DROP TRIGGER record_is_never_updated; UPDATE record SET body = replace(body, 'Major', 'Minor') \
             WHERE kind = 'attempt-ended' AND body LIKE '%Major%';",
        )
        .unwrap();
    drop(connection);
    let output = cleanroom(&paths, &["report", "--out", html.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(text(&output.stderr).contains("warning"), "{}", text(&output.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("AUDIT TRAIL ALTERED") && page.contains("was edited"),
        "the report says the trail was altered"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_report_on_a_folder_that_is_not_a_records_store_says_so_and_writes_nothing() {
    let root = std::env::temp_dir().join(format!("cleanroom-report-missing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let paths = StorePaths { records: root.join("records"), keys: root.join("keys") };
    let html = root.join("report.html");
    let output = cleanroom(
        &paths,
        &["report", "--records", root.join("nowhere").to_str().unwrap(), "--out", html.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("is not a records folder"), "{}", text(&output.stderr));
    assert!(!html.exists());
    let _ = std::fs::remove_dir_all(&root);
}
