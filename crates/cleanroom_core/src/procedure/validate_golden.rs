//! The golden path and the wrong paths: their entries, and their replays. The golden path
//! must pass with full marks in both modes; where it goes wrong, the first place is reported
//! with what was expected there, and what follows from it is left out. Each wrong path must
//! record the deviations its author names, and fail (or pass) as the author says.

use std::collections::HashSet;

use crate::level::{Action, ActionPattern, Condition, Expect, GoldenEntry, Level, WrongPath};

use super::codes::{self, Code};
use super::registry::EntityKind;
use super::report::{DeviationSource, FailReason, Mode, Outcome, Report, StepStatus};
use super::runner::{GoldenReplay, MAX_SCORE, for_each_pattern, replay, replay_attempt};
use super::spans::Path;
use super::validate::{Checker, action_fields, listed};

/// Scores closer than this to 100 count as full marks.
const SCORE_EPSILON: f64 = 1e-6;
/// Seeds the golden path is replayed with when the level has random values: it must pass
/// whatever is drawn.
const GOLDEN_SEEDS: u64 = 8;
/// The modes every path is replayed in.
const MODES: [(Mode, &str); 2] = [(Mode::Guided, "guided"), (Mode::Assessment, "assessment")];

/// One thing wrong with a replayed path, with when it happened.
struct Problem {
    code: Code,
    time_s: f64,
    path: Path,
    message: String,
    help: Option<String>,
    related: Option<(Path, &'static str)>,
    modes: Vec<&'static str>,
}

impl Checker<'_> {
    pub fn check_golden_entries(&mut self) {
        let root = Path::root().field("golden_path");
        if self.level.golden_path.is_empty() {
            self.error(codes::NO_GOLDEN_PATH, root, "the level has no golden path".to_owned()).help =
                Some("write the actions an expert takes, with their times, in `golden_path`".to_owned());
            return;
        }
        self.path_entries(&root, &self.level.golden_path, true);
    }

    /// The entries of a path: times in order and within the level's time limit, real ids,
    /// values the controls take, observations of declared properties.
    fn path_entries(&mut self, root: &Path, entries: &[GoldenEntry], golden: bool) {
        let mut previous = 0.0;
        let limit = self.level.scoring.time_limit_s;
        for (i, entry) in entries.iter().enumerate() {
            let path = root.index(i);
            let at = entry.at();
            if !self.seconds(path.field("at"), at, "a time") {
                continue;
            }
            if at < previous {
                self.error(
                    codes::BACK_IN_TIME,
                    path.field("at"),
                    format!("the path goes back in time: {at} s comes after {previous} s"),
                )
                .help = Some("keep the entries in time order".to_owned());
            }
            previous = previous.max(at);
            let until = match entry {
                GoldenEntry::Do { action: Action::Wait { seconds }, .. } => at + seconds,
                _ => at,
            };
            if golden
                && let Some(limit) = limit
                && until > limit
            {
                self.error(
                    codes::GOLDEN_TOO_LONG,
                    path.field("at"),
                    format!("the golden path runs to {until} s, past the level's time limit of {limit} s"),
                )
                .help = Some(
                    "an expert finishes within the time limit: shorten the path, or raise `time_limit_s`".to_owned(),
                );
            }
            match entry {
                GoldenEntry::Do { action, .. } => {
                    let action_path = path.field("action");
                    for (field_path, id, role) in action_fields(&action_path, action) {
                        self.id_ref(field_path, id, role, action.verb(), true);
                    }
                    match action {
                        Action::Set { control, value } => {
                            if let Some(kind) = self.registry.control_kind(control).cloned() {
                                let expect = Expect::Is(value.clone());
                                self.expect(&action_path.field("value"), &expect, Some((control, &kind)));
                            }
                        }
                        Action::Record { entry, value } => match self.records_of(entry) {
                            Some(kind) => {
                                let expect = Expect::Is(value.clone());
                                self.expect(&action_path.field("value"), &expect, Some((entry, &kind)));
                            }
                            None => {
                                self.records_nothing(action_path.field("entry"), entry);
                            }
                        },
                        Action::Wait { seconds } => {
                            self.seconds(action_path.field("seconds"), *seconds, "a wait");
                        }
                        _ => {}
                    }
                }
                GoldenEntry::Observe { of, key, value, .. } => {
                    self.state_ref(&path, of, key, Some(&Expect::Is(value.clone())));
                }
            }
        }
    }

    /// Replays the golden path in both modes (and with several seeds when the level draws
    /// random values): it must pass with full marks and no deviation. Only the first problem
    /// is reported; what follows from it is counted, not listed.
    pub fn check_golden_replay(&mut self) {
        let level = self.level;
        let seeds: Vec<u64> =
            if level.random.is_empty() { vec![level.seed.unwrap_or(0)] } else { (0..GOLDEN_SEEDS).collect() };
        let mut problems: Vec<Problem> = Vec::new();
        let mut injected: HashSet<String> = HashSet::new();
        for seed in &seeds {
            for (mode, name) in MODES {
                let played = replay(level, mode, &level.golden_path, *seed);
                for record in &played.report.events {
                    if record.injected_s.is_some() {
                        injected.insert(record.event.clone());
                    }
                }
                for mut problem in self.golden_problems(&played, &level.golden_path) {
                    if seeds.len() > 1 {
                        problem.message.push_str(&format!(" (with seed {seed})"));
                    }
                    merge(&mut problems, problem, name);
                }
            }
        }
        problems.sort_by(|a, b| a.time_s.total_cmp(&b.time_s));
        let more = problems.len().saturating_sub(1);
        if let Some(first) = problems.into_iter().next() {
            let modes = first.modes.join(" and ");
            let finding = self.error(first.code, first.path, format!("{} (in {modes} mode)", first.message));
            finding.related = first.related;
            let follow = if more > 0 {
                format!(
                    "{more} more problem{} follow{} from it; fix this one and check again",
                    if more == 1 { "" } else { "s" },
                    if more == 1 { "s" } else { "" }
                )
            } else {
                String::new()
            };
            finding.help = match (first.help, follow.is_empty()) {
                (Some(help), true) => Some(help),
                (Some(help), false) => Some(format!("{help}; {follow}")),
                (None, false) => Some(follow),
                (None, true) => None,
            };
        }
        for (i, event) in level.events.iter().enumerate() {
            if !injected.contains(&event.id) {
                self.warn(
                    codes::EVENT_UNTESTED,
                    Path::root().field("events").index(i).field("id"),
                    format!("event `{}` never happens in the golden path", event.id),
                )
                .help = Some(
                    "so nobody has checked that its response can be done; make the golden path last long enough"
                        .to_owned(),
                );
            }
        }
    }

    /// What went wrong in one replay of the golden path, each with its time.
    fn golden_problems(&self, played: &GoldenReplay, path: &[GoldenEntry]) -> Vec<Problem> {
        let level = self.level;
        let root = Path::root().field("golden_path");
        let report = &played.report;
        let mut problems = Vec::new();
        for (deviation, entry) in report.deviations.iter().zip(&played.deviation_entries) {
            let at = entry.map_or(root.clone(), |i| root.index(i));
            let mut problem = Problem {
                code: codes::GOLDEN_DIVERGES,
                time_s: deviation.time_s,
                path: at,
                message: String::new(),
                help: None,
                related: None,
                modes: Vec::new(),
            };
            let cost = format!("({}, -{} points)", severity_name(deviation.severity), deviation.points);
            match &deviation.source {
                DeviationSource::EventMissed(id) => {
                    let event = level.events.iter().position(|e| e.id == *id);
                    let injected = report.events.iter().find(|e| e.event == *id).and_then(|e| e.injected_s);
                    let early =
                        event.zip(injected).and_then(|(event, injected)| self.answered_early(event, injected, path));
                    match (early, event, injected) {
                        (Some(index), Some(event), Some(injected)) => {
                            problem = answered_early_problem(id, event, injected, index, path);
                        }
                        _ => {
                            problem.message = format!(
                                "the golden path misses the deadline of event `{id}` at {} s {cost}",
                                deviation.time_s
                            );
                            problem.help = Some("respond sooner, or allow a longer `deadline_s`".to_owned());
                            problem.related = event.map(|e| {
                                (Path::root().field("events").index(e).field("respond"), "the response it waits for")
                            });
                        }
                    }
                }
                DeviationSource::Rule(id) => {
                    problem.message = format!(
                        "the golden path breaks rule `{id}` at {} s {cost}: {}",
                        deviation.time_s, deviation.explanation.en
                    );
                    problem.help =
                        Some("the expert path itself commits a deviation: fix the path or the rule".to_owned());
                    problem.related = level
                        .rules
                        .iter()
                        .position(|r| r.id == *id)
                        .map(|r| (Path::root().field("rules").index(r).field("when"), "the rule"));
                }
                DeviationSource::StepTimeLimit(id) => {
                    problem.message = format!("the golden path runs past the time limit of step `{id}` {cost}");
                    problem.help =
                        Some("an expert is faster than the time limit: do it sooner, or allow longer".to_owned());
                }
                DeviationSource::WrongObject(id) => {
                    problem.message =
                        format!("the golden path uses `{id}` before its step, at {} s {cost}", deviation.time_s);
                    problem.help =
                        Some("in assessment mode an object used out of turn is an error: reorder the path".to_owned());
                }
            }
            problems.push(problem);
        }
        // The first required step the path never completes, though it could start: the others
        // waiting for it follow from it.
        let stuck = report.steps.iter().find(|record| record.required && record.status == StepStatus::Current);
        if let Some(record) = stuck
            && let Some(&index) = self.step_index.get(&record.step)
        {
            let step = &level.steps[index];
            let wanted = describe(&step.done_when);
            let near = self.near_miss(&step.done_when, path);
            let mut help = format!("the step waits for {wanted}");
            if let Some((entry, action)) = &near {
                help.push_str(&format!("; the closest the path comes is `{action}` at {} s", path[*entry].at()));
            }
            problems.push(Problem {
                code: codes::GOLDEN_DIVERGES,
                time_s: record.started_s.unwrap_or(0.0),
                path: Path::root().field("steps").index(index).field("done_when"),
                message: format!("the golden path never completes step `{}`", record.step),
                help: Some(help),
                related: near.map(|(entry, _)| (root.index(entry), "the nearest entry of the golden path")),
                modes: Vec::new(),
            });
        }
        if problems.is_empty() {
            let end = path.last().map_or(0.0, |e| e.at());
            match &report.outcome {
                Outcome::Passed if report.score.total < MAX_SCORE - SCORE_EPSILON => problems.push(Problem {
                    code: codes::GOLDEN_SCORE,
                    time_s: end,
                    path: root.clone(),
                    message: format!("the golden path scores {:.1}/100; it must score 100", report.score.total),
                    help: Some("an expert earns every point: see which step gave fewer".to_owned()),
                    related: None,
                    modes: Vec::new(),
                }),
                Outcome::Passed => {}
                // An event still waiting, whose response the path gave before it happened.
                Outcome::InProgress if let Some(early) = self.waiting_answered_early(report, path) => {
                    problems.push(early);
                }
                Outcome::InProgress => problems.push(Problem {
                    code: codes::GOLDEN_UNFINISHED,
                    time_s: end,
                    path: root.clone(),
                    message: "the level is still in progress when the golden path ends".to_owned(),
                    help: Some(still_open(report)),
                    related: None,
                    modes: Vec::new(),
                }),
                Outcome::Failed(reasons) => problems.push(Problem {
                    code: codes::GOLDEN_DIVERGES,
                    time_s: end,
                    path: root.clone(),
                    message: format!(
                        "the golden path fails the level: {}",
                        reasons.iter().map(describe_fail).collect::<Vec<_>>().join("; ")
                    ),
                    help: None,
                    related: None,
                    modes: Vec::new(),
                }),
            }
        }
        problems
    }

    /// The first entry of `path` before `injected` that does what event `event` waits for.
    fn answered_early(&self, event: usize, injected: f64, path: &[GoldenEntry]) -> Option<usize> {
        let respond = &self.level.events[event].respond;
        path.iter().position(|entry| {
            entry.at() < injected
                && matches!(entry, GoldenEntry::Do { action, .. } if self.condition_names(respond, action))
        })
    }

    /// An injected event still waiting for its response at the end, which the path answered
    /// before it happened.
    fn waiting_answered_early(&self, report: &Report, path: &[GoldenEntry]) -> Option<Problem> {
        report.events.iter().filter(|e| e.resolved_s.is_none() && !e.missed).find_map(|record| {
            let injected = record.injected_s?;
            let event = self.level.events.iter().position(|e| e.id == record.event)?;
            let index = self.answered_early(event, injected, path)?;
            Some(answered_early_problem(&record.event, event, injected, index, path))
        })
    }

    /// Whether `action` is one `condition` names (for "answered before it happens").
    fn condition_names(&self, condition: &Condition, action: &Action) -> bool {
        let mut named = false;
        for_each_pattern(condition, &mut |pattern| named |= self.registry.matches(pattern, action));
        named
    }

    /// The golden entry that comes closest to what `condition` waits for: the same kind of
    /// action on the same things, or failing that the same kind of action.
    fn near_miss(&self, condition: &Condition, path: &[GoldenEntry]) -> Option<(usize, String)> {
        let mut patterns: Vec<&ActionPattern> = Vec::new();
        for_each_pattern(condition, &mut |pattern| patterns.push(pattern));
        let mut best: Option<(usize, usize)> = None;
        for (index, entry) in path.iter().enumerate() {
            let GoldenEntry::Do { action, .. } = entry else { continue };
            for pattern in &patterns {
                if pattern.verb() != action.verb() {
                    continue;
                }
                let shared = pattern.concrete_ids().iter().filter(|id| action.ids().contains(id)).count();
                let score = 1 + shared;
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((index, score));
                }
            }
        }
        best.map(|(index, _)| {
            let text = match &path[index] {
                GoldenEntry::Do { action, .. } => short(action),
                GoldenEntry::Observe { of, key, .. } => format!("Observe({of}.{key})"),
            };
            (index, text)
        })
    }

    /// Wrong paths: unique ids, one way of saying the path, entries that make sense, and
    /// deviations that something in the level can record.
    pub fn check_wrong_path_entries(&mut self) {
        let level = self.level;
        let root = Path::root().field("wrong_paths");
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        // What can record a deviation: a rule, a step with a time limit, an event.
        let known: Vec<&str> = level
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(level.steps.iter().filter(|s| s.time_limit.is_some()).map(|s| s.id.as_str()))
            .chain(level.events.iter().map(|e| e.id.as_str()))
            .collect();
        for (i, wrong) in level.wrong_paths.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &wrong.id, "wrong path");
            self.unique_id(&mut seen, &root, i, &wrong.id, codes::WRONG_PATH_TWICE, "wrong path");
            if let Some(description) = &wrong.description {
                self.text(path.field("description"), description, true);
            }
            if wrong.path.is_some() && (!wrong.remove.is_empty() || !wrong.add.is_empty()) {
                self.error(
                    codes::WRONG_PATH_SHAPE,
                    path.field("path"),
                    "a wrong path gives either a whole `path` or changes to the golden path (`remove`, `add`), not both"
                        .to_owned(),
                );
            }
            for (k, pattern) in wrong.remove.iter().enumerate() {
                self.pattern(&path.field("remove").index(k), pattern);
            }
            self.path_entries(&path.field("add"), &wrong.add, false);
            if let Some(own) = &wrong.path {
                self.path_entries(&path.field("path"), own, false);
            }
            for (k, id) in wrong.expect.deviations.iter().enumerate() {
                // An object used out of turn is recorded by its own id.
                let object_id = matches!(self.registry.get(id).map(|e| &e.kind), Some(EntityKind::Object(_)));
                if !known.contains(&id.as_str()) && !object_id {
                    self.error(
                        codes::WRONG_PATH_UNKNOWN,
                        path.field("expect").field("deviations").index(k),
                        format!("no rule, timed step or event `{id}` can record this deviation"),
                    )
                    .help = Some(format!("the ids that can: {}", listed(&known)));
                }
            }
        }
    }

    /// Replays each wrong path in both modes: it must record every deviation it names, and
    /// fail the level (or pass it, when it says `passes: true`).
    pub fn check_wrong_paths(&mut self) {
        let level = self.level;
        for (i, wrong) in level.wrong_paths.iter().enumerate() {
            let path = Path::root().field("wrong_paths").index(i);
            // Matched as the runner plays it: a pattern that names a parameter has its value.
            let entries = wrong_entries(&self.registry, &level.golden_path, &self.resolved.wrong_paths[i]);
            let seed = wrong.seed.or(level.seed).unwrap_or(0);
            let mut missing: Vec<(String, Vec<&'static str>)> = Vec::new();
            let mut outcome_wrong: Vec<(&'static str, String)> = Vec::new();
            for (mode, name) in MODES {
                let played = replay_attempt(level, mode, &entries, seed);
                let recorded: Vec<&str> = played.report.deviations.iter().map(|d| d.source.id()).collect();
                for id in &wrong.expect.deviations {
                    if !recorded.contains(&id.as_str()) {
                        match missing.iter_mut().find(|(m, _)| m == id) {
                            Some((_, modes)) => modes.push(name),
                            None => missing.push((id.clone(), vec![name])),
                        }
                    }
                }
                let passed = played.report.outcome == Outcome::Passed;
                if passed != wrong.expect.passes {
                    outcome_wrong.push((name, outcome_words(&played.report)));
                }
            }
            let misses = !missing.is_empty();
            for (id, modes) in missing {
                let mut help = "the rule does not fire on this path: check its pattern, window and ids".to_owned();
                // The outcome that follows from it is said here, not as a second error.
                if let Some((_, outcome)) = outcome_wrong.first() {
                    help.push_str(&format!("; without it the path {outcome}"));
                }
                self.error(
                    codes::WRONG_PATH_MISSES,
                    path.field("expect"),
                    format!("wrong path `{}` records no deviation `{id}` (in {} mode)", wrong.id, modes.join(" and ")),
                )
                .help = Some(help);
            }
            if !misses && let Some((mode, outcome)) = outcome_wrong.first() {
                let expected = if wrong.expect.passes { "pass" } else { "fail" };
                self.error(
                    codes::WRONG_PATH_OUTCOME,
                    path.field("expect"),
                    format!("wrong path `{}` should {expected} the level, but it {outcome} (in {mode} mode)", wrong.id),
                )
                .help = Some(if wrong.expect.passes {
                    "say `passes: false` if it should fail, or make its deviation cost fewer points".to_owned()
                } else {
                    "its deviations cost too little to fail the level: raise their points or severity, or say `passes: true`"
                        .to_owned()
                });
            }
        }
    }
}

/// The entries of `level`'s wrong path number `index`, as the checker replays it (its
/// parameters resolved), for tests that play it through a station model.
pub fn wrong_path_entries(level: &Level, index: usize) -> Option<Vec<GoldenEntry>> {
    let resolved = super::parameters::resolve(level);
    let wrong = resolved.wrong_paths.get(index)?;
    Some(wrong_entries(&super::registry::Registry::new(&level.setup), &resolved.golden_path, wrong))
}

/// The entries of a wrong path: its own path, or the golden path without the entries it
/// removes and with those it adds, in time order.
pub(crate) fn wrong_entries(
    registry: &super::registry::Registry,
    golden: &[GoldenEntry],
    wrong: &WrongPath,
) -> Vec<GoldenEntry> {
    if let Some(own) = &wrong.path {
        return own.clone();
    }
    let mut entries: Vec<GoldenEntry> = golden
        .iter()
        .filter(|entry| match entry {
            GoldenEntry::Do { action, .. } => !wrong.remove.iter().any(|pattern| registry.matches(pattern, action)),
            GoldenEntry::Observe { .. } => true,
        })
        .cloned()
        .collect();
    entries.extend(wrong.add.iter().cloned());
    // A stable sort keeps the golden path's order among entries at the same time.
    entries.sort_by(|a, b| a.at().total_cmp(&b.at()));
    entries
}

/// Adds `problem` (found in `mode`) unless the same problem was found in another mode.
fn merge(problems: &mut Vec<Problem>, mut problem: Problem, mode: &'static str) {
    match problems.iter_mut().find(|p| p.path == problem.path && p.message == problem.message) {
        Some(existing) => {
            if !existing.modes.contains(&mode) {
                existing.modes.push(mode);
            }
        }
        None => {
            problem.modes = vec![mode];
            problems.push(problem);
        }
    }
}

/// The golden path answered event `id` (the level's event `event`) at entry `index`, before
/// it happened at `injected`.
fn answered_early_problem(id: &str, event: usize, injected: f64, index: usize, path: &[GoldenEntry]) -> Problem {
    Problem {
        code: codes::ANSWERED_EARLY,
        time_s: path[index].at(),
        path: Path::root().field("golden_path").index(index),
        message: format!(
            "the golden path answers event `{id}` at {} s, before it happens at {injected} s",
            path[index].at()
        ),
        help: Some("a response counts only after the event: move this entry after it".to_owned()),
        related: Some((Path::root().field("events").index(event).field("trigger"), "the event")),
        modes: Vec::new(),
    }
}

/// What still keeps a level open, for "still in progress".
fn still_open(report: &Report) -> String {
    let events: Vec<&str> = report
        .events
        .iter()
        .filter(|e| e.injected_s.is_some() && e.resolved_s.is_none() && !e.missed)
        .map(|e| e.event.as_str())
        .collect();
    if events.is_empty() {
        "let the golden path go on until every step is done".to_owned()
    } else {
        format!("events still wait for their response: {}", listed(&events))
    }
}

fn outcome_words(report: &Report) -> String {
    match &report.outcome {
        Outcome::Passed => format!("passes with {:.1} points", report.score.total),
        Outcome::InProgress => "leaves it unfinished".to_owned(),
        Outcome::Failed(reasons) => {
            format!("fails it: {}", reasons.iter().map(describe_fail).collect::<Vec<_>>().join("; "))
        }
    }
}

fn describe_fail(reason: &FailReason) -> String {
    match reason {
        FailReason::ScoreBelowPass { score, pass_score } => {
            format!("score {score:.1} is below the pass score {pass_score}")
        }
        FailReason::CriticalDeviation(source) => format!("critical deviation `{}`", source.id()),
        FailReason::TimeLimitExceeded { limit_s } => format!("time limit of {limit_s} s exceeded"),
        FailReason::StepsIncomplete(steps) => format!("steps not done: {}", steps.join(", ")),
    }
}

fn severity_name(severity: crate::level::Severity) -> &'static str {
    match severity {
        crate::level::Severity::Minor => "minor",
        crate::level::Severity::Major => "major",
        crate::level::Severity::Critical => "critical",
    }
}

/// A condition in a few words: `Place(item: "media_bag", target: "bioreactor_bag_hanger")`.
fn describe(condition: &Condition) -> String {
    match condition {
        Condition::Do(pattern) => format!("`{}`", short_pattern(pattern)),
        Condition::State { of, key, is } => format!("`{of}`.`{key}` to be {}", short_expect(is)),
        Condition::AllOf(parts) => format!("all of: {}", parts.iter().map(describe).collect::<Vec<_>>().join(", ")),
        Condition::AnyOf(parts) => format!("any of: {}", parts.iter().map(describe).collect::<Vec<_>>().join(", ")),
    }
}

/// An action as a level file would write it, shortened.
fn short(action: &Action) -> String {
    let ids = action.ids();
    if ids.is_empty() { action.verb().to_owned() } else { format!("{}({})", action.verb(), ids.join(", ")) }
}

fn short_pattern(pattern: &ActionPattern) -> String {
    let ids = pattern.concrete_ids();
    let verb = pattern.verb();
    if ids.is_empty() { verb.to_owned() } else { format!("{verb}({})", ids.join(", ")) }
}

fn short_expect(expect: &Expect) -> String {
    match expect {
        Expect::Any => "anything".to_owned(),
        Expect::Is(value) => format!("{value:?}"),
        other => format!("{other:?}"),
    }
}
