//! The after-action review: an attempt read back from the records store (the newest one that
//! ended, or one named), replayed through the runner, and played back on a scrubber that the
//! review screen draws as the trainee's path through the room and the timeline of what
//! happened. The trainee opens it from the debrief; an instructor from the debrief at the desk
//! or with `cleanroom --review`.

use bevy::prelude::*;
use cleanroom_core::records::replay::TrailRecord;
use cleanroom_core::records::review::Review;
use cleanroom_core::records::{attempt_records, latest_ended_attempt};

use crate::procedure::{LevelAsset, LevelCatalog};
use crate::records::{Records, RecordsConfig};
use crate::screens::Screen;

/// How long opening a review waits for the attempt's last records to reach the disk.
const FLUSH: std::time::Duration = std::time::Duration::from_secs(10);

/// The speeds the review plays at.
pub const SPEEDS: [f64; 4] = [1.0, 2.0, 5.0, 10.0];

pub(super) fn plugin(app: &mut App) {
    app.add_message::<OpenReview>();
    app.init_resource::<ReviewProblem>();
    app.add_systems(Update, (open_reviews, play_back.run_if(in_state(Screen::Review))).chain());
    app.add_systems(Update, open_the_review_asked_for.run_if(in_state(Screen::MainMenu)));
    app.add_systems(OnExit(Screen::Review), |mut commands: Commands| commands.remove_resource::<ReviewSession>());
}

/// Opens the review of an attempt: the one named, or the newest that ended.
#[derive(Message, Debug, Clone)]
pub struct OpenReview {
    pub attempt: Option<String>,
    /// The screen the review goes back to.
    pub back_to: Screen,
    /// The moment to open at, in level time (the start if None).
    pub at_s: Option<f64>,
}

/// The store a run that records nothing reviews from (a capture of a review: reading changes
/// nothing). A run that records reviews from its own store.
#[derive(Resource, Debug, Clone)]
pub struct ReviewStore(pub cleanroom_core::records::StorePaths);

/// Why the last review asked for could not be opened (shown where it was asked for).
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct ReviewProblem(pub Option<String>);

/// The review being shown, with where the scrubber is.
#[derive(Resource, Debug)]
pub struct ReviewSession {
    pub attempt: String,
    pub review: Review,
    /// The level as installed here, for its steps' instructions (None if it is not).
    pub level: Option<cleanroom_core::level::Level>,
    /// Where the scrubber is, in level time.
    pub time_s: f64,
    pub playing: bool,
    /// Which of `SPEEDS` it plays at.
    pub speed: usize,
    pub back_to: Screen,
}

impl ReviewSession {
    /// Moves the scrubber (kept within the attempt).
    pub fn scrub_to(&mut self, time_s: f64) {
        self.time_s = time_s.clamp(0.0, self.review.duration_s);
    }

    /// Plays from where the scrubber is (from the start again once at the end), or stops.
    pub fn toggle_playing(&mut self) {
        if !self.playing && self.time_s >= self.review.duration_s {
            self.time_s = 0.0;
        }
        self.playing = !self.playing;
    }

    /// The next or previous moment of the timeline.
    pub fn step(&mut self, forward: bool) {
        let moment =
            if forward { self.review.next_moment(self.time_s) } else { self.review.previous_moment(self.time_s) };
        let to = moment.map_or(if forward { self.review.duration_s } else { 0.0 }, |moment| moment.time_s);
        self.playing = false;
        self.scrub_to(to);
    }

    /// A step's instruction as the level says it, or its id.
    pub fn instruction(&self, step: &str, language: &str) -> String {
        self.level.as_ref().map_or_else(|| step.to_owned(), |level| level.instruction_of(step, language))
    }
}

/// With `--review`, the review opens once the menu is ready.
fn open_the_review_asked_for(
    options: Res<crate::LaunchOptions>,
    mut asked: Local<bool>,
    mut open: MessageWriter<OpenReview>,
) {
    if let Some(attempt) = options.review.as_ref().filter(|_| !*asked) {
        *asked = true;
        let attempt = (attempt != "latest").then(|| attempt.clone());
        open.write(OpenReview { attempt, back_to: Screen::MainMenu, at_s: options.review_at });
    }
}

fn open_reviews(
    mut asked: MessageReader<OpenReview>,
    mut commands: Commands,
    records: Option<Res<Records>>,
    config: Option<Res<RecordsConfig>>,
    store: Option<Res<ReviewStore>>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    mut problem: ResMut<ReviewProblem>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(asked) = asked.read().last().cloned() else {
        return;
    };
    let level_named = |id: &str| {
        let handle = catalog.find(id).and_then(|entry| entry.handle.clone())?;
        levels.get(&handle).map(|asset| asset.level.clone())
    };
    let store = config.as_deref().map(|config| &config.store).or(store.as_deref().map(|store| &store.0));
    match load(&asked, records.as_deref(), store, level_named) {
        Ok((attempt, review, level)) => {
            info!(
                "review: attempt {attempt} at {} ({} moments, {} positions, {:.0} s): {:?}",
                review.started.level,
                review.moments.len(),
                review.path.len(),
                review.duration_s,
                review.reproduction
            );
            let mut session =
                ReviewSession { attempt, review, level, time_s: 0.0, playing: false, speed: 0, back_to: asked.back_to };
            session.scrub_to(asked.at_s.unwrap_or(0.0));
            commands.insert_resource(session);
            problem.0 = None;
            next.set(Screen::Review);
        }
        Err(why) => {
            warn!("review: {why}");
            problem.0 = Some(why);
        }
    }
}

/// Reads the attempt asked for from the store and reviews it.
fn load(
    asked: &OpenReview,
    records: Option<&Records>,
    store: Option<&cleanroom_core::records::StorePaths>,
    level_named: impl Fn(&str) -> Option<cleanroom_core::level::Level>,
) -> Result<(String, Review, Option<cleanroom_core::level::Level>), String> {
    let Some(store) = store else {
        return Err("this run keeps no records, so there is nothing to review".to_owned());
    };
    // What the game has handed the recorder is on disk before it is read back.
    if let Some(records) = records
        && !records.flush(FLUSH)
    {
        return Err("the attempt's last records are not on disk yet; try again in a moment".to_owned());
    }
    let attempt = match &asked.attempt {
        Some(attempt) => attempt.clone(),
        None => latest_ended_attempt(store)
            .map_err(|error| error.to_string())?
            .ok_or_else(|| "no attempt has ended on this machine yet".to_owned())?,
    };
    let trail = attempt_records(store, &attempt)
        .map_err(|error| error.to_string())?
        .ok_or_else(|| format!("the records hold no attempt {attempt}"))?;
    let trail: Vec<TrailRecord> = trail.iter().map(|(kind, body)| TrailRecord { kind, body }).collect();
    let started = cleanroom_core::records::review::attempt_started(&trail);
    let level = started.and_then(|started| level_named(&started.level));
    let review = Review::from_records(level.as_ref(), &trail).map_err(|error| error.to_string())?;
    Ok((attempt, review, level))
}

/// While playing, the scrubber moves with time at the chosen speed, and stops at the end.
fn play_back(time: Res<Time<Real>>, session: Option<ResMut<ReviewSession>>) {
    let Some(mut session) = session else { return };
    if !session.playing {
        return;
    }
    let to = session.time_s + time.delta_secs_f64() * SPEEDS[session.speed];
    session.scrub_to(to);
    if session.time_s >= session.review.duration_s {
        session.playing = false;
    }
}
