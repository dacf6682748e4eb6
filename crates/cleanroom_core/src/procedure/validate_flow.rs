//! Checks of how a level runs: its steps and their order, its rules and their windows, its
//! injected events, and its scoring.

use std::collections::{HashMap, HashSet};

use crate::level::{EventTrigger, Moment, RuleTrigger};

use super::codes;
use super::runner::MAX_SCORE;
use super::spans::Path;
use super::validate::{Checker, did_you_mean, suggestion};

impl Checker<'_> {
    pub fn check_steps(&mut self) {
        let level = self.level;
        let root = Path::root().field("steps");
        if level.steps.is_empty() {
            self.error(codes::NO_STEPS, root.clone(), "the level has no steps".to_owned()).help =
                Some("write at least one step: what the trainee must do".to_owned());
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut groups_closed: HashSet<&str> = HashSet::new();
        let mut previous_group: Option<&str> = None;
        for (i, step) in level.steps.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &step.id, "step");
            self.unique_id(&mut seen, &root, i, &step.id, codes::STEP_TWICE, "step");
            self.text(path.field("instruction"), &step.instruction, true);
            if let Some(hint) = &step.hint {
                self.text(path.field("hint"), hint, true);
            }
            self.points(path.field("points"), step.points);
            if let Some(limit) = &step.time_limit {
                let limit_path = path.field("time_limit");
                self.positive_seconds(codes::TIME_LIMIT, limit_path.field("seconds"), limit.seconds, "a time limit");
                self.points(limit_path.field("points"), limit.points);
                if let Some(explanation) = &limit.explanation {
                    self.text(limit_path.field("explanation"), explanation, true);
                }
            }
            let group = step.group.as_deref();
            if let Some(previous) = previous_group
                && group != Some(previous)
            {
                groups_closed.insert(previous);
            }
            if let Some(group) = group
                && groups_closed.contains(group)
            {
                self.error(
                    codes::GROUP_SPLIT,
                    path.field("group"),
                    format!("group `{group}` is split: its steps must be next to each other"),
                )
                .help = Some("move this step next to the other steps of the group".to_owned());
            }
            previous_group = group;
            if let Some(after) = &step.after {
                for (k, id) in after.iter().enumerate() {
                    if !self.step_index.contains_key(id) {
                        let near = suggestion(id, level.steps.iter().map(|s| s.id.as_str()));
                        self.error(
                            codes::UNKNOWN_STEP,
                            path.field("after").index(k),
                            format!("unknown step `{id}` in `after`"),
                        )
                        .help = Some(did_you_mean(near, "`after` lists the ids of steps to finish first"));
                    }
                }
            }
            self.highlights(&path.field("highlight"), &step.highlight);
            self.possible[i] = self.condition(&path.field("done_when"), &step.done_when);
        }
    }

    /// Orders steps, then reports cycles and steps that can never start.
    pub fn check_ordering(&mut self) {
        let level = self.level;
        let prereqs = self.prerequisites.clone();
        let count = level.steps.len();
        // Cycles: depth-first search with colours.
        let mut colour = vec![0u8; count];
        let mut in_cycle = vec![false; count];
        for start in 0..count {
            if colour[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            colour[start] = 1;
            while let Some((node, next)) = stack.last().copied() {
                if let Some(&p) = prereqs[node].get(next) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    match colour[p] {
                        0 => {
                            colour[p] = 1;
                            stack.push((p, 0));
                        }
                        1 => {
                            let from = stack.iter().position(|(n, _)| *n == p).unwrap_or(0);
                            let members: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                            if members.iter().all(|&m| !in_cycle[m]) {
                                self.report_cycle(&members);
                            }
                            for m in members {
                                in_cycle[m] = true;
                            }
                        }
                        _ => {}
                    }
                } else {
                    colour[node] = 2;
                    stack.pop();
                }
            }
        }
        // Reachability: a step can complete when all its prerequisites can and its own
        // condition can be met.
        let possible = self.possible.clone();
        let mut reachable = vec![false; count];
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..count {
                if !reachable[i] && !in_cycle[i] && prereqs[i].iter().all(|&p| reachable[p] && possible[p]) {
                    reachable[i] = true;
                    changed = true;
                }
            }
        }
        for i in 0..count {
            if reachable[i] || in_cycle[i] {
                continue;
            }
            let Some(blocker) = prereqs[i].iter().find(|&&p| !(reachable[p] && possible[p])).copied() else {
                continue;
            };
            // Only the first step that cannot complete is worth a message; those waiting for
            // it follow from it.
            if !(reachable[blocker] || in_cycle[blocker]) {
                continue;
            }
            let (id, blocker) = (level.steps[i].id.clone(), level.steps[blocker].id.clone());
            self.error(
                codes::UNREACHABLE_STEP,
                Path::root().field("steps").index(i).field("id"),
                format!("step `{id}` is unreachable: it waits for `{blocker}`, which can never complete"),
            )
            .help = Some(format!("fix the condition of `{blocker}` (see its message), or this step's `after`"));
        }
    }

    fn report_cycle(&mut self, members: &[usize]) {
        let steps = &self.level.steps;
        let mut names: Vec<&str> = members.iter().map(|&m| steps[m].id.as_str()).collect();
        names.push(names[0]);
        let at = members.iter().copied().find(|&m| steps[m].after.is_some()).unwrap_or(members[0]);
        let path = Path::root().field("steps").index(at);
        let path = if steps[at].after.is_some() { path.field("after") } else { path.field("id") };
        let message = format!("ordering cycle: {} wait for each other, so none can start", names.join(" → "));
        self.error(codes::ORDERING_CYCLE, path, message).help = Some("remove one of these `after` entries".to_owned());
    }

    /// Whether step `ancestor` is done before step `step` can start (directly or further up).
    fn comes_before(&self, ancestor: usize, step: usize) -> bool {
        let prereqs = &self.prerequisites;
        let mut stack = vec![step];
        let mut seen = HashSet::new();
        while let Some(node) = stack.pop() {
            for &p in &prereqs[node] {
                if p == ancestor {
                    return true;
                }
                if seen.insert(p) {
                    stack.push(p);
                }
            }
        }
        false
    }

    pub fn check_rules(&mut self) {
        let level = self.level;
        let root = Path::root().field("rules");
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, rule) in level.rules.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &rule.id, "rule");
            self.unique_id(&mut seen, &root, i, &rule.id, codes::RULE_TWICE, "rule");
            self.text(path.field("explanation"), &rule.explanation, true);
            self.points(path.field("points"), rule.points);
            for (field, step) in [("from_step", &rule.from_step), ("until_step", &rule.until_step)] {
                if let Some(step) = step {
                    self.step_ref(path.field(field), step);
                }
            }
            if let (Some(from), Some(until)) = (&rule.from_step, &rule.until_step)
                && let (Some(&from), Some(&until)) = (self.step_index.get(from), self.step_index.get(until))
                && (from == until || self.comes_before(until, from))
            {
                self.warn(
                    codes::RULE_NEVER_APPLIES,
                    path.field("until_step"),
                    format!(
                        "rule `{}` can never apply: `{}` is done before `{}`, so its window closes before it opens",
                        rule.id, level.steps[until].id, level.steps[from].id
                    ),
                )
                .help = Some("`from_step` opens the window and `until_step` closes it: swap them?".to_owned());
            }
            let when = path.field("when");
            match &rule.when {
                RuleTrigger::Action(pattern) => {
                    self.pattern(&when.index(0), pattern);
                }
                RuleTrigger::Sequence { first, then, unless } => {
                    self.pattern(&when.field("first"), first);
                    self.pattern(&when.field("then"), then);
                    for (k, pattern) in unless.iter().enumerate() {
                        self.pattern(&when.field("unless").index(k), pattern);
                    }
                }
                RuleTrigger::State { of, key, is } => {
                    self.state_ref(&when, of, key, Some(is));
                }
                RuleTrigger::While { action, of, key, is } => {
                    self.pattern(&when.field("action"), action);
                    self.state_ref(&when, of, key, Some(is));
                }
                RuleTrigger::StateAt { at, of, key, is } => {
                    self.moment(&when.field("at"), at);
                    self.state_ref(&when, of, key, Some(is));
                }
                RuleTrigger::Never { action, by } => {
                    self.pattern(&when.field("action"), action);
                    self.moment(&when.field("by"), by);
                }
                RuleTrigger::TimeBetween { from, to, at_most, at_least } => {
                    self.moment(&when.field("from"), from);
                    self.moment(&when.field("to"), to);
                    if at_most.is_none() && at_least.is_none() {
                        self.error(
                            codes::TIME_RULE_EMPTY,
                            when.clone(),
                            "`TimeBetween` needs `at_most`, `at_least` or both".to_owned(),
                        )
                        .help = Some("e.g. `at_most: 14400` for at most 4 h".to_owned());
                    }
                    for (field, quantity) in [("at_most", at_most), ("at_least", at_least)] {
                        if let Some(quantity) = quantity
                            && let Some(seconds) = self.quantity(&when.field(field), quantity)
                        {
                            self.seconds(when.field(field), seconds, "a time between moments");
                        }
                    }
                }
            }
        }
    }

    /// A moment names a step or event that exists, or an action pattern that can match.
    fn moment(&mut self, path: &Path, moment: &Moment) {
        match moment {
            Moment::Start | Moment::End => {}
            Moment::Step(step) if !self.step_index.contains_key(step) => {
                let near = suggestion(step, self.level.steps.iter().map(|s| s.id.as_str()));
                self.error(codes::MOMENT_UNKNOWN, path.index(0), format!("unknown step `{step}`")).help =
                    Some(did_you_mean(near, "the moment is when that step is completed"));
            }
            Moment::Event(event) if !self.level.events.iter().any(|e| e.id == *event) => {
                let near = suggestion(event, self.level.events.iter().map(|e| e.id.as_str()));
                self.error(codes::MOMENT_UNKNOWN, path.index(0), format!("unknown event `{event}`")).help =
                    Some(did_you_mean(near, "the moment is when that event is injected"));
            }
            Moment::Action(pattern) => {
                self.pattern(&path.index(0), pattern);
            }
            Moment::Step(_) | Moment::Event(_) => {}
        }
    }

    pub fn step_ref(&mut self, path: Path, step: &str) {
        if !self.step_index.contains_key(step) {
            let near = suggestion(step, self.level.steps.iter().map(|s| s.id.as_str()));
            self.error(codes::UNKNOWN_STEP, path, format!("unknown step `{step}`")).help =
                Some(did_you_mean(near, "name one of the level's steps"));
        }
    }

    pub fn check_events(&mut self) {
        let level = self.level;
        let root = Path::root().field("events");
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, event) in level.events.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &event.id, "event");
            self.unique_id(&mut seen, &root, i, &event.id, codes::EVENT_TWICE, "event");
            match &event.trigger {
                EventTrigger::At { seconds } => {
                    let at = path.field("trigger").field("seconds");
                    if seconds.is_finite() && *seconds < 0.0 {
                        self.error(codes::EVENT_TIME, at, "an event cannot happen before the level starts".to_owned());
                    } else {
                        self.seconds(at, *seconds, "an event's time");
                    }
                }
                EventTrigger::AfterStep { step, delay_s } => {
                    self.step_ref(path.field("trigger").field("step"), step);
                    let delay = path.field("trigger").field("delay_s");
                    if delay_s.is_finite() && *delay_s < 0.0 {
                        self.error(codes::EVENT_TIME, delay, "a delay cannot be negative".to_owned());
                    } else {
                        self.seconds(delay, *delay_s, "a delay");
                    }
                }
            }
            self.text(path.field("message"), &event.message, true);
            self.text(path.field("explanation"), &event.explanation, true);
            if let Some(hint) = &event.hint {
                self.text(path.field("hint"), hint, true);
            }
            if let Some(finding) =
                self.positive_seconds(codes::DEADLINE, path.field("deadline_s"), event.deadline_s, "the deadline")
            {
                finding.help = Some("the trainee has this many seconds to respond".to_owned());
            }
            self.points(path.field("points"), event.points);
            self.highlights(&path.field("highlight"), &event.highlight);
            if !self.condition(&path.field("respond"), &event.respond) {
                self.error(
                    codes::RESPONSE_IMPOSSIBLE,
                    path.field("respond"),
                    format!("the response to event `{}` can never be met", event.id),
                );
            }
        }
    }

    pub fn check_scoring(&mut self) {
        let scoring = &self.level.scoring;
        let path = Path::root().field("scoring");
        self.number(codes::PASS_SCORE, path.field("pass_score"), scoring.pass_score, MAX_SCORE, "the pass score");
        if let Some(limit) = scoring.time_limit_s {
            self.positive_seconds(codes::TIME_LIMIT, path.field("time_limit_s"), limit, "the time limit");
        }
        self.points(path.field("wrong_object").field("points"), scoring.wrong_object.points);
        let weight: f64 = self.level.steps.iter().filter(|s| s.required).map(|s| s.points.max(0.0)).sum();
        if !self.level.steps.is_empty() && weight <= 0.0 {
            self.error(
                codes::NO_SCORE,
                Path::root().field("steps"),
                "no required step carries points, so nobody can score".to_owned(),
            )
            .help = Some("give at least one required step `points` above 0".to_owned());
        }
    }
}
