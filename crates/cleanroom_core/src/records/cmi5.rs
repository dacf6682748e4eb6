//! A cmi5 launch: the learning system starts the game with the launch parameters (`endpoint`,
//! `fetch`, `actor`, `registration`, `activityId`), here taken from the command line as the
//! launch URL's query string. The game fetches its auth token once, reads `LMS.LaunchData`
//! from the State API (the context template, launch mode, mastery score, moveOn) and the
//! learner's language preference, and from then on sends its statements as the AU.

use std::time::Duration;

use serde_json::Value as Json;

use super::attempt::Trainee;
use super::xapi::{Cmi5Context, LaunchMode, LrsConfig, MoveOn, XAPI_VERSION, with_slash};

/// How long each request of the launch may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The launch parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchParameters {
    pub endpoint: String,
    pub fetch: String,
    /// The actor, as JSON.
    pub actor: Json,
    pub registration: String,
    pub activity_id: String,
}

/// What went wrong with a launch, said so the person at the learning system can act on it.
#[derive(Debug, Clone, PartialEq)]
pub enum LaunchError {
    /// A launch parameter is missing or malformed.
    Parameter(String),
    /// The fetch URL did not give a token (what it said).
    Fetch(String),
    /// The LMS's launch data could not be read (what was said).
    LaunchData(String),
}

impl std::fmt::Display for LaunchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LaunchError::Parameter(what) => write!(f, "the cmi5 launch parameters: {what}"),
            LaunchError::Fetch(what) => write!(f, "the cmi5 fetch URL gave no auth token: {what}"),
            LaunchError::LaunchData(what) => write!(f, "the cmi5 launch data (LMS.LaunchData): {what}"),
        }
    }
}

impl std::error::Error for LaunchError {}

impl LaunchParameters {
    /// The parameters from a launch URL or its query string (`endpoint=…&fetch=…&…`).
    pub fn parse(launch: &str) -> Result<Self, LaunchError> {
        let query = launch.split_once('?').map_or(launch, |(_, query)| query);
        let query = query.split('#').next().unwrap_or_default();
        let mut pairs = std::collections::HashMap::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.insert(decode(key), decode(value));
        }
        let get = |name: &str| {
            pairs
                .get(name)
                .filter(|value| !value.is_empty())
                .cloned()
                .ok_or_else(|| LaunchError::Parameter(format!("'{name}' is missing")))
        };
        let actor_text = get("actor")?;
        let actor: Json = serde_json::from_str(&actor_text)
            .map_err(|error| LaunchError::Parameter(format!("'actor' is not JSON ({error})")))?;
        let account = &actor["account"];
        if account["homePage"].as_str().is_none() || account["name"].as_str().is_none() {
            return Err(LaunchError::Parameter("'actor' must be an Agent with an account (homePage and name)".into()));
        }
        let registration = get("registration")?;
        if uuid::Uuid::parse_str(&registration).is_err() {
            return Err(LaunchError::Parameter(format!("'registration' is not a UUID: {registration}")));
        }
        Ok(Self {
            endpoint: with_slash(&get("endpoint")?),
            fetch: get("fetch")?,
            actor,
            registration,
            activity_id: get("activityId")?,
        })
    }

    /// The trainee the launch names: the account's name is their id, the agent's name their
    /// name (the id again when the LMS gives none).
    pub fn trainee(&self) -> Trainee {
        let id = self.actor["account"]["name"].as_str().unwrap_or_default();
        let name = self.actor["name"].as_str().unwrap_or(id);
        Trainee { id: id.to_owned(), name: name.to_owned() }
    }
}

/// A completed launch: where the statements go, with the token, and what the LMS asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Launched {
    pub lrs: LrsConfig,
    pub trainee: Trainee,
    /// The learner's preferred languages, from their cmi5 learner preferences (e.g. `ko-KR`).
    pub language_preference: Vec<String>,
}

/// Fetches the token (once: a second fetch is refused by cmi5), reads the launch data and the
/// learner's preferences.
pub fn launch(parameters: &LaunchParameters) -> Result<Launched, LaunchError> {
    let agent =
        ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).http_status_as_error(false).build().new_agent();
    let token = fetch_token(&agent, &parameters.fetch)?;
    let authorization = format!("Basic {token}");
    let actor = parameters.actor.to_string();
    let state_url = format!("{}activities/state", parameters.endpoint);
    let mut response = agent
        .get(&state_url)
        .query("stateId", "LMS.LaunchData")
        .query("activityId", &parameters.activity_id)
        .query("agent", &actor)
        .query("registration", &parameters.registration)
        .header("X-Experience-API-Version", XAPI_VERSION)
        .header("Authorization", &authorization)
        .call()
        .map_err(|error| LaunchError::LaunchData(error.to_string()))?;
    let code = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    if code != 200 {
        return Err(LaunchError::LaunchData(format!("HTTP {code}: {}", text.chars().take(300).collect::<String>())));
    }
    let data: Json =
        serde_json::from_str(&text).map_err(|error| LaunchError::LaunchData(format!("not JSON: {error}")))?;
    let context_template = data
        .get("contextTemplate")
        .filter(|t| t.is_object())
        .cloned()
        .ok_or_else(|| LaunchError::LaunchData("it has no contextTemplate".into()))?;
    let launch_mode = data["launchMode"].as_str().and_then(LaunchMode::parse).ok_or_else(|| {
        LaunchError::LaunchData(format!("launchMode {} is not Normal, Browse or Review", data["launchMode"]))
    })?;
    let move_on = data["moveOn"]
        .as_str()
        .and_then(MoveOn::parse)
        .ok_or_else(|| LaunchError::LaunchData(format!("moveOn {} is not one of cmi5's", data["moveOn"])))?;
    let mastery_score = data["masteryScore"].as_f64();
    if mastery_score.is_some_and(|score| !(0.0..=1.0).contains(&score)) {
        return Err(LaunchError::LaunchData(format!("masteryScore {} is not between 0 and 1", data["masteryScore"])));
    }
    let cmi5 = Cmi5Context {
        actor: parameters.actor.clone(),
        registration: parameters.registration.clone(),
        activity_id: parameters.activity_id.clone(),
        context_template,
        launch_mode,
        mastery_score,
        move_on,
        launch_parameters: data["launchParameters"].as_str().map(str::to_owned),
        return_url: data["returnURL"].as_str().map(str::to_owned),
    };
    // The learner's preferences are optional: an LMS without them answers 404.
    let language_preference = agent
        .get(format!("{}agents/profile", parameters.endpoint))
        .query("profileId", "cmi5LearnerPreferences")
        .query("agent", &actor)
        .header("X-Experience-API-Version", XAPI_VERSION)
        .header("Authorization", &authorization)
        .call()
        .ok()
        .filter(|response| response.status().as_u16() == 200)
        .and_then(|mut response| response.body_mut().read_to_string().ok())
        .and_then(|text| serde_json::from_str::<Json>(&text).ok())
        .and_then(|preferences| preferences["languagePreference"].as_str().map(str::to_owned))
        .map(|languages| languages.split(',').map(|code| code.trim().to_owned()).filter(|c| !c.is_empty()).collect())
        .unwrap_or_default();
    let lrs = LrsConfig {
        endpoint: parameters.endpoint.clone(),
        authorization,
        home_page: parameters.actor["account"]["homePage"].as_str().unwrap_or_default().to_owned(),
        activity_base: String::new(),
        cmi5: Some(cmi5),
    };
    Ok(Launched { lrs, trainee: parameters.trainee(), language_preference })
}

fn fetch_token(agent: &ureq::Agent, fetch: &str) -> Result<String, LaunchError> {
    let mut response = agent.post(fetch).send_empty().map_err(|error| LaunchError::Fetch(error.to_string()))?;
    let code = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let answer: Json = serde_json::from_str(&text).unwrap_or(Json::Null);
    if let Some(token) = answer["auth-token"].as_str().filter(|token| !token.is_empty()) {
        return Ok(token.to_owned());
    }
    // cmi5's fetch errors are JSON with an error code and text (a second fetch is refused).
    let said = match answer["error-text"].as_str() {
        Some(said) => format!("error {}: {said}", answer["error-code"]),
        None => format!("HTTP {code}: {}", text.chars().take(300).collect::<String>()),
    };
    Err(LaunchError::Fetch(said))
}

/// Percent-decodes a query-string part (`+` is a space there).
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTOR: &str =
        r#"{"objectType":"Agent","name":"Kim Mina","account":{"homePage":"https://lms.example.org","name":"1024"}}"#;

    fn encode(text: &str) -> String {
        percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
    }

    #[test]
    fn launch_parameters_are_read_from_the_launch_url() {
        let url = format!(
            "cleanroom://launch?endpoint={}&fetch={}&actor={}&registration=760e3480-ba55-4991-94b0-01820dbd23a2&activityId={}",
            encode("http://127.0.0.1:8100/xAPI"),
            encode("http://127.0.0.1:8101/fetch?session=abc"),
            encode(ACTOR),
            encode("https://lms.example.org/au/gowning"),
        );
        let parameters = LaunchParameters::parse(&url).unwrap();
        assert_eq!(parameters.endpoint, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(parameters.fetch, "http://127.0.0.1:8101/fetch?session=abc");
        assert_eq!(parameters.activity_id, "https://lms.example.org/au/gowning");
        assert_eq!(parameters.trainee(), Trainee { id: "1024".into(), name: "Kim Mina".into() });
    }

    #[test]
    fn a_launch_missing_a_parameter_or_with_a_bad_registration_says_which() {
        let missing = LaunchParameters::parse("endpoint=http%3A%2F%2Fx&actor=%7B%7D").unwrap_err();
        assert!(
            missing.to_string().contains("'fetch' is missing") || missing.to_string().contains("actor"),
            "{missing}"
        );
        let query = format!(
            "endpoint=http%3A%2F%2Fx&fetch=http%3A%2F%2Ff&actor={}&registration=not-a-uuid&activityId=a",
            encode(ACTOR)
        );
        let bad = LaunchParameters::parse(&query).unwrap_err();
        assert!(bad.to_string().contains("'registration' is not a UUID"), "{bad}");
    }
}
