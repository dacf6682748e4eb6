//! xAPI 1.0.3 statements from the records, as they are written: each attempt is an activity
//! the trainee launched, initialized, made progress in (each step, deviation and injected event,
//! with the values the stations measured meanwhile as result extensions), completed, passed or
//! failed (score and duration) and terminated. Launched by a learning system with cmi5 launch
//! parameters, the statements follow cmi5's rules instead: the launch's actor, registration,
//! activity and context template, no `launched` (the LMS sends it), `passed` only at the
//! mastery score, one result per session, `terminated` last.
//!
//! Every statement has its id and timestamp set here, and is stored in the outbox as the bytes
//! that will be sent: a resend is byte for byte the same statement.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value as Json, json};

use super::attempt::{AbandonedBecause, AttemptAbandoned, AttemptEnded, AttemptStarted, NewRecord, Observed, kind};
use super::outbox::OutboxEntry;
pub use super::outbox::RegistrationResults;
use crate::procedure::{Outcome, Report, RunnerEvent};

/// The xAPI version the statements conform to (and the header every request carries).
pub const XAPI_VERSION: &str = "1.0.3";

/// The game's own vocabulary (verbs, activity types, extensions) where ADL's and cmi5's have no
/// term: URNs, so that no web address is claimed that the project does not own.
pub const VOCABULARY: &str = "urn:cleanroom:xapi:";

const ADL_VERBS: &str = "http://adlnet.gov/expapi/verbs/";
const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const CMI5_SESSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const CMI5_MASTERY: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
const CMI5_REASON: &str = "https://w3id.org/xapi/cmi5/result/extensions/reason";

/// Where statements go and whom they name.
#[derive(Debug, Clone, PartialEq)]
pub struct LrsConfig {
    /// The LRS's xAPI endpoint, ending in `/` (`…/xAPI/`).
    pub endpoint: String,
    /// The `Authorization` header's value (`Basic …`).
    pub authorization: String,
    /// The training centre's home page: trainees are accounts there (their id is the name).
    pub home_page: String,
    /// The prefix of each level's activity id (the level's id follows it).
    pub activity_base: String,
    /// Set when a learning system launched the game with cmi5.
    pub cmi5: Option<Cmi5Context>,
}

impl LrsConfig {
    /// An LRS with basic-auth credentials (`key` and `secret`).
    pub fn basic(endpoint: &str, key: &str, secret: &str, home_page: &str, activity_base: &str) -> Self {
        Self {
            endpoint: with_slash(endpoint),
            authorization: basic_authorization(key, secret),
            home_page: home_page.to_owned(),
            activity_base: activity_base.to_owned(),
            cmi5: None,
        }
    }

    /// Which runs may send this configuration's statements: any run pointed at the same LRS
    /// (None) for the centre's own credentials; only this launch for a cmi5 launch, whose auth
    /// token is the learning system's for one session. Named by a hash of the token, never the
    /// token itself.
    pub fn delivery_scope(&self) -> Option<String> {
        use sha2::Digest;
        self.cmi5.as_ref()?;
        let digest = sha2::Sha256::digest(self.authorization.as_bytes());
        let short: String = digest.iter().take(8).map(|byte| format!("{byte:02x}")).collect();
        Some(format!("cmi5-session:{short}"))
    }
}

/// `Basic base64(key:secret)`.
pub fn basic_authorization(key: &str, secret: &str) -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}")))
}

/// An endpoint with exactly one `/` at its end, so resource names append to it.
pub fn with_slash(endpoint: &str) -> String {
    format!("{}/", endpoint.trim_end_matches('/'))
}

/// How the learning system wants the AU judged (cmi5 `moveOn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveOn {
    Passed,
    Completed,
    CompletedAndPassed,
    CompletedOrPassed,
    NotApplicable,
}

impl MoveOn {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "Passed" => Self::Passed,
            "Completed" => Self::Completed,
            "CompletedAndPassed" => Self::CompletedAndPassed,
            "CompletedOrPassed" => Self::CompletedOrPassed,
            "NotApplicable" => Self::NotApplicable,
            _ => return None,
        })
    }
}

/// cmi5's launch modes: only `Normal` records results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchMode {
    Normal,
    Browse,
    Review,
}

impl LaunchMode {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "Normal" => Self::Normal,
            "Browse" => Self::Browse,
            "Review" => Self::Review,
            _ => return None,
        })
    }
}

/// What a cmi5 launch gave: the launch parameters and the LMS's launch data.
#[derive(Debug, Clone, PartialEq)]
pub struct Cmi5Context {
    /// The learner, exactly as the launch named them (an Agent with an account).
    pub actor: Json,
    pub registration: String,
    /// The AU's activity id.
    pub activity_id: String,
    /// The launch data's context template (it carries the session id and the publisher's
    /// grouping); every statement starts from it.
    pub context_template: Json,
    pub launch_mode: LaunchMode,
    pub mastery_score: Option<f64>,
    pub move_on: MoveOn,
    /// What the AU was given to play (the launch data's `launchParameters`).
    pub launch_parameters: Option<String>,
    pub return_url: Option<String>,
}

impl Cmi5Context {
    /// The session id the LMS put in the context template.
    pub fn session_id(&self) -> Option<&str> {
        self.context_template.pointer("/extensions").and_then(|e| e.get(CMI5_SESSION)).and_then(Json::as_str)
    }
}

/// What the translator knows of an attempt in progress.
#[derive(Debug, Clone)]
struct Attempt {
    actor: Json,
    activity: Json,
    activity_id: String,
    registration: String,
    started_at: jiff::Timestamp,
    /// The stations' latest values, by `station.key`.
    readings: BTreeMap<String, Json>,
    /// What was read since the last step completed (a step's measured values).
    read_since_step: BTreeMap<String, Json>,
    /// The level time each current step started.
    step_started: HashMap<String, f64>,
    /// The cmi5 session this attempt reports in, if it is the one the launch was for.
    cmi5: bool,
    terminated: bool,
}

/// Turns records into statements, keeping what each attempt in progress needs.
#[derive(Debug, Clone)]
pub struct Translator {
    lrs: LrsConfig,
    attempts: HashMap<String, Attempt>,
    /// cmi5 allows one session's results once: later attempts in the same launch are kept in
    /// the local records only.
    cmi5_session_used: bool,
    /// What earlier sessions of this registration already reported (cmi5 allows one
    /// `completed` and one `passed` per registration, and no `failed` after a `passed`).
    registration: RegistrationResults,
}

impl Translator {
    pub fn new(lrs: LrsConfig) -> Self {
        Self { lrs, attempts: HashMap::new(), cmi5_session_used: false, registration: RegistrationResults::default() }
    }

    /// The launch's registration, when a learning system launched the game.
    pub fn cmi5_registration(&self) -> Option<&str> {
        self.lrs.cmi5.as_ref().map(|cmi5| cmi5.registration.as_str())
    }

    /// Tells the translator what earlier sessions of the launch's registration reported.
    pub fn set_registration_results(&mut self, results: RegistrationResults) {
        self.registration = results;
    }

    /// The statements a record gives (none for most), ready for the outbox.
    pub fn statements(&mut self, record: &NewRecord) -> Vec<OutboxEntry> {
        self.translate(record)
            .into_iter()
            .map(|mut statement| {
                drop_empty(&mut statement);
                let statement_id = statement["id"].as_str().unwrap_or_default().to_owned();
                OutboxEntry {
                    statement_id,
                    endpoint: self.lrs.endpoint.clone(),
                    scope: self.lrs.delivery_scope(),
                    statement: statement.to_string(),
                }
            })
            .collect()
    }

    fn translate(&mut self, record: &NewRecord) -> Vec<Json> {
        let Some(attempt_id) = record.attempt.as_deref() else { return Vec::new() };
        if record.kind == kind::ATTEMPT_STARTED {
            let Ok(started) = serde_json::from_str::<AttemptStarted>(&record.body) else { return Vec::new() };
            return self.start(attempt_id, &started, record);
        }
        let Some(attempt) = self.attempts.get_mut(attempt_id) else { return Vec::new() };
        let lrs = &self.lrs;
        match record.kind {
            kind::OBSERVATION => {
                if let Ok(observed) = serde_json::from_str::<Observed>(&record.body) {
                    let key = format!("{}.{}", observed.of, observed.key);
                    let value = value_json(&observed.value);
                    attempt.readings.insert(key.clone(), value.clone());
                    attempt.read_since_step.insert(key, value);
                }
                Vec::new()
            }
            kind::STEP_STARTED | kind::STEP_COMPLETED | kind::DEVIATION | kind::EVENT_RESOLVED => {
                let Ok(event) = serde_json::from_str::<RunnerEvent>(&record.body) else { return Vec::new() };
                progress(lrs, attempt, &event, record).into_iter().collect()
            }
            kind::ATTEMPT_ENDED => {
                let Ok(ended) = serde_json::from_str::<AttemptEnded>(&record.body) else { return Vec::new() };
                let statements = end(lrs, attempt, &ended.report, record, &mut self.registration);
                self.attempts.remove(attempt_id);
                statements
            }
            kind::ATTEMPT_ABANDONED => {
                let because = serde_json::from_str::<AttemptAbandoned>(&record.body).map(|a| a.because);
                let statements = match because {
                    Ok(because) if !attempt.terminated => vec![terminated(lrs, attempt, record, Some(because))],
                    _ => Vec::new(),
                };
                self.attempts.remove(attempt_id);
                statements
            }
            _ => Vec::new(),
        }
    }

    fn start(&mut self, attempt_id: &str, started: &AttemptStarted, record: &NewRecord) -> Vec<Json> {
        let lrs = &self.lrs;
        let name = json!({ "en-US": started.level_title });
        let definition = json!({
            "name": name,
            "type": "http://adlnet.gov/expapi/activities/lesson",
        });
        let (actor, activity_id, registration, cmi5) = match &lrs.cmi5 {
            Some(cmi5) if !self.cmi5_session_used => {
                self.cmi5_session_used = true;
                (cmi5.actor.clone(), cmi5.activity_id.clone(), cmi5.registration.clone(), true)
            }
            // A later attempt in a cmi5 launch: the LMS has had this session's result.
            Some(_) => return Vec::new(),
            None => {
                let actor = json!({
                    "objectType": "Agent",
                    "name": started.trainee.name,
                    "account": { "homePage": lrs.home_page, "name": started.trainee.id },
                });
                // Each attempt is its own registration: its statements can be asked for together.
                (actor, format!("{}{}", lrs.activity_base, started.level), attempt_id.to_owned(), false)
            }
        };
        let activity = json!({ "objectType": "Activity", "id": activity_id, "definition": definition });
        let attempt = Attempt {
            actor,
            activity,
            activity_id,
            registration,
            started_at: timestamp(&record.at),
            readings: BTreeMap::new(),
            read_since_step: BTreeMap::new(),
            step_started: HashMap::new(),
            cmi5,
            terminated: false,
        };
        let mut statements = Vec::new();
        let extensions = json!({
            vocabulary("extensions/level-version"): started.level_version,
            vocabulary("extensions/mode"): format!("{:?}", started.mode),
            vocabulary("extensions/seed"): started.seed.to_string(),
            vocabulary("extensions/machine"): started.machine,
            vocabulary("extensions/headset"): started.headset,
        });
        if !cmi5 {
            let mut launched = statement(lrs, &attempt, "launched", &record.at, Json::Null, false);
            launched["context"]["extensions"] = extensions.clone();
            statements.push(launched);
        }
        let mut initialized = statement(lrs, &attempt, "initialized", &record.at, Json::Null, cmi5);
        merge_extensions(&mut initialized, &extensions);
        statements.push(initialized);
        self.attempts.insert(attempt_id.to_owned(), attempt);
        statements
    }
}

/// The vocabulary's term `name`.
fn vocabulary(name: &str) -> String {
    format!("{VOCABULARY}{}", name.replace('/', ":"))
}

/// A statement of `verb` about the attempt's activity. `cmi5_defined` adds cmi5's category (the
/// statements cmi5 itself defines); every statement in a cmi5 launch carries the context
/// template (its session id and publisher grouping).
fn statement(lrs: &LrsConfig, attempt: &Attempt, verb: &str, at: &str, result: Json, cmi5_defined: bool) -> Json {
    statement_about(lrs, attempt, verb_of(verb), attempt.activity.clone(), at, result, cmi5_defined)
}

fn verb_of(verb: &str) -> Json {
    json!({ "id": format!("{ADL_VERBS}{verb}"), "display": { "en-US": verb } })
}

fn statement_about(
    lrs: &LrsConfig,
    attempt: &Attempt,
    verb: Json,
    object: Json,
    at: &str,
    result: Json,
    cmi5_defined: bool,
) -> Json {
    let mut context = match (&lrs.cmi5, attempt.cmi5) {
        (Some(cmi5), true) => cmi5.context_template.clone(),
        _ => json!({}),
    };
    if !context.is_object() {
        context = json!({});
    }
    context["registration"] = json!(attempt.registration);
    context["platform"] = json!("cleanroom");
    if object["id"] != attempt.activity["id"] {
        let activities = context_activities(&mut context);
        activities.insert("parent".into(), json!([{ "objectType": "Activity", "id": attempt.activity_id }]));
    }
    if cmi5_defined {
        let activities = context_activities(&mut context);
        let category = activities.entry("category").or_insert_with(|| json!([]));
        if let Some(list) = category.as_array_mut() {
            list.push(json!({ "id": CMI5_CATEGORY }));
        }
    }
    let mut statement = json!({
        "id": super::attempt::random_uuid(),
        "timestamp": at,
        "actor": attempt.actor,
        "verb": verb,
        "object": object,
        "context": context,
    });
    if !result.is_null() {
        statement["result"] = result;
    }
    statement
}

fn context_activities(context: &mut Json) -> &mut Map<String, Json> {
    if !context["contextActivities"].is_object() {
        context["contextActivities"] = json!({});
    }
    context["contextActivities"].as_object_mut().expect("an object, set just above")
}

fn merge_extensions(statement: &mut Json, extensions: &Json) {
    if !statement["context"]["extensions"].is_object() {
        statement["context"]["extensions"] = json!({});
    }
    if let (Some(into), Some(from)) = (statement["context"]["extensions"].as_object_mut(), extensions.as_object()) {
        for (key, value) in from {
            into.insert(key.clone(), value.clone());
        }
    }
}

/// A step done, a deviation, an event answered: a statement about that part of the level, with
/// what the stations measured.
fn progress(lrs: &LrsConfig, attempt: &mut Attempt, event: &RunnerEvent, record: &NewRecord) -> Option<Json> {
    if attempt.terminated {
        return None;
    }
    let part = |kind: &str, id: &str, type_: &str| {
        json!({
            "objectType": "Activity",
            "id": format!("{}/{kind}/{id}", attempt.activity_id),
            "definition": { "name": { "en-US": id }, "type": vocabulary(&format!("activities/{type_}")) },
        })
    };
    match event {
        RunnerEvent::StepStarted { step, time_s } => {
            attempt.step_started.insert(step.clone(), *time_s);
            None
        }
        RunnerEvent::StepCompleted { step, time_s, points, skipped } => {
            let took = attempt.step_started.remove(step).map(|started| time_s - started);
            let measured = std::mem::take(&mut attempt.read_since_step);
            let mut result = json!({
                "completion": true,
                "extensions": {
                    vocabulary("extensions/points"): points,
                    vocabulary("extensions/skipped"): skipped,
                    vocabulary("extensions/level-time-s"): time_s,
                    vocabulary("extensions/measured"): measured,
                },
            });
            if let Some(took) = took {
                result["duration"] = json!(duration(took));
            }
            let object = part("steps", step, "step");
            Some(statement_about(lrs, attempt, verb_of("completed"), object, &record.at, result, false))
        }
        RunnerEvent::DeviationRecorded(deviation) => {
            let object = part("deviations", deviation.source.id(), "deviation");
            let result = json!({
                "success": false,
                "response": deviation.explanation.en,
                "extensions": {
                    vocabulary("extensions/severity"): format!("{:?}", deviation.severity),
                    vocabulary("extensions/points"): -deviation.points,
                    vocabulary("extensions/source"): serde_json::to_value(&deviation.source).unwrap_or(Json::Null),
                    vocabulary("extensions/step"): deviation.step,
                    vocabulary("extensions/level-time-s"): deviation.time_s,
                    vocabulary("extensions/measured"): attempt.readings,
                },
            });
            let verb = json!({ "id": vocabulary("verbs/deviated"), "display": { "en-US": "deviated from" } });
            Some(statement_about(lrs, attempt, verb, object, &record.at, result, false))
        }
        RunnerEvent::EventResolved { event, time_s } => {
            let object = part("events", event, "event");
            let result = json!({
                "success": true,
                "extensions": {
                    vocabulary("extensions/level-time-s"): time_s,
                    vocabulary("extensions/measured"): attempt.readings,
                },
            });
            Some(statement_about(lrs, attempt, verb_of("responded"), object, &record.at, result, false))
        }
        _ => None,
    }
}

/// The attempt's end: completed (when every required step was done), passed or failed with
/// the score and the duration, and terminated. In a cmi5 launch, `passed` needs the mastery
/// score too, and a Browse or Review launch records no result.
fn end(
    lrs: &LrsConfig,
    attempt: &mut Attempt,
    report: &Report,
    record: &NewRecord,
    registration: &mut RegistrationResults,
) -> Vec<Json> {
    if attempt.terminated {
        return Vec::new();
    }
    let elapsed = (timestamp(&record.at).duration_since(attempt.started_at)).as_secs_f64().max(0.0);
    let cmi5 = lrs.cmi5.as_ref().filter(|_| attempt.cmi5);
    let mut statements = Vec::new();
    let judged = cmi5.is_none_or(|cmi5| cmi5.launch_mode == LaunchMode::Normal);
    if judged {
        let completed = report.steps.iter().all(|step| !step.required || step.completed_s.is_some());
        let scaled = (report.score.total / crate::procedure::runner::MAX_SCORE).clamp(0.0, 1.0);
        let mastery = cmi5.and_then(|cmi5| cmi5.mastery_score);
        // An assessment the instructor stepped into is not a pass to the learning system.
        let passed = report.clean_pass() && mastery.is_none_or(|mastery| scaled >= mastery);
        let moveon = cmi5.is_some();
        // Within a cmi5 registration: one `completed`, one `passed`, and nothing judged after
        // a `passed`.
        let completed = completed && !(moveon && registration.completed);
        let judge = !(moveon && registration.passed);
        if moveon {
            registration.completed |= completed;
            registration.passed |= judge && passed;
        }
        if completed {
            let result = json!({ "completion": true, "duration": duration(elapsed) });
            let mut completed = statement(lrs, attempt, "completed", &record.at, result, cmi5.is_some());
            if moveon {
                add_category(&mut completed, MOVEON_CATEGORY);
            }
            statements.push(completed);
        }
        let mut result = json!({
            // cmi5 (9.5.2): raw, min and max are integers.
            "score": {
                "scaled": round(scaled, 4),
                "raw": report.score.total.round() as i64,
                "min": 0,
                "max": crate::procedure::runner::MAX_SCORE as i64,
            },
            "success": passed,
            "duration": duration(elapsed),
        });
        // A score at or above the mastery score cannot go with `failed` (cmi5 9.5.1.0-1): a level
        // failed for another reason (a critical deviation) says so without one.
        if !passed && mastery.is_some_and(|mastery| scaled >= mastery) {
            result.as_object_mut().map(|result| result.remove("score"));
        }
        if let Outcome::Failed(reasons) = &report.outcome {
            let reasons: Vec<String> = reasons.iter().map(|reason| format!("{reason:?}")).collect();
            result["extensions"] = json!({ CMI5_REASON: reasons.join("; ") });
        } else if report.assisted_assessment() {
            let reason =
                format!("assessment assisted by the instructor ({} interventions)", report.interventions.len());
            result["extensions"] = json!({ CMI5_REASON: reason });
        }
        let verb = if passed { "passed" } else { "failed" };
        let mut judged = statement(lrs, attempt, verb, &record.at, result, cmi5.is_some());
        if moveon {
            add_category(&mut judged, MOVEON_CATEGORY);
        }
        if let Some(mastery) = mastery {
            merge_extensions(&mut judged, &json!({ CMI5_MASTERY: mastery }));
        }
        if judge {
            statements.push(judged);
        }
    }
    statements.push(terminated(lrs, attempt, record, None));
    statements
}

fn terminated(lrs: &LrsConfig, attempt: &mut Attempt, record: &NewRecord, because: Option<AbandonedBecause>) -> Json {
    attempt.terminated = true;
    let elapsed = (timestamp(&record.at).duration_since(attempt.started_at)).as_secs_f64().max(0.0);
    let mut result = json!({ "duration": duration(elapsed) });
    if let Some(because) = because {
        result["extensions"] =
            json!({ vocabulary("extensions/ended-because"): serde_json::to_value(because).unwrap_or(Json::Null) });
    }
    statement(lrs, attempt, "terminated", &record.at, result, attempt.cmi5)
}

fn add_category(statement: &mut Json, category: &str) {
    let activities = context_activities(&mut statement["context"]);
    let list = activities.entry("category").or_insert_with(|| json!([]));
    if let Some(list) = list.as_array_mut() {
        list.push(json!({ "id": category }));
    }
}

/// Removes nulls and empty objects and lists, which xAPI forbids (a step with nothing
/// measured, a deviation outside any step).
fn drop_empty(value: &mut Json) {
    let empty = |value: &Json| match value {
        Json::Null => true,
        Json::Object(map) => map.is_empty(),
        Json::Array(list) => list.is_empty(),
        _ => false,
    };
    match value {
        Json::Object(map) => {
            map.values_mut().for_each(drop_empty);
            map.retain(|_, value| !empty(value));
        }
        Json::Array(list) => {
            list.iter_mut().for_each(drop_empty);
            list.retain(|value| !empty(value));
        }
        _ => {}
    }
}

/// A station's value as JSON.
fn value_json(value: &crate::common::Value) -> Json {
    match value {
        crate::common::Value::Number(number) => json!(number),
        crate::common::Value::Choice(choice) => json!(choice),
        crate::common::Value::Flag(flag) => json!(flag),
        crate::common::Value::Text(text) => json!(text),
    }
}

/// An ISO 8601 duration to the hundredth of a second (`PT754.21S`), as xAPI writes them.
pub fn duration(seconds: f64) -> String {
    let hundredths = (seconds.max(0.0) * 100.0).round() as u64;
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    if fraction == 0 { format!("PT{whole}S") } else { format!("PT{whole}.{fraction:02}S") }
}

fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

fn timestamp(at: &str) -> jiff::Timestamp {
    at.parse().unwrap_or_else(|_| jiff::Timestamp::now())
}
