//! Semantic checks of a parsed level, each problem located at the field that causes it, and
//! the golden-path replay in both modes.

use std::collections::{HashMap, HashSet};

use crate::common::{Text, Value};

use super::diagnostic::{Diagnostic, DiagnosticSeverity};
use super::registry::{EntityKind, Registry};
use super::report::{DeviationSource, FailReason, Mode, Outcome};
use super::runner::{MAX_SCORE, prerequisites, replay_golden};
use super::spans::{Node, Path, Pos};
use crate::level::{
    ANY_ID, Action, ActionPattern, Condition, ControlKind, EventTrigger, Expect, GoldenEntry, Level, Object,
    ObjectKind, RuleTrigger, SanitiseTarget, Severity,
};

/// The file-name ending of a level file.
pub const LEVEL_EXTENSION: &str = ".level.ron";

/// Scores closer than this to 100 count as full marks.
const SCORE_EPSILON: f64 = 1e-6;

/// A problem found in the typed level, located by a path into the file.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub severity: DiagnosticSeverity,
    pub path: Path,
    pub message: String,
    pub help: Option<String>,
    /// A second place to mention in the help (e.g. the first declaration of a duplicate).
    pub related: Option<(Path, &'static str)>,
}

/// Checks `level` (parsed from `src`, read from `file`) and replays its golden path in both
/// modes when nothing else is wrong. Returns every problem, sorted by position.
pub fn validate(level: &Level, src: &str, file: &str) -> Vec<Diagnostic> {
    let mut checker = Checker::new(level);
    checker.check_file_name(file);
    checker.check_all();
    if !checker.findings.iter().any(|f| f.severity == DiagnosticSeverity::Error) {
        checker.check_golden_replay();
    }
    resolve(&checker.findings, src, file)
}

/// Turns findings into diagnostics with line, column and source text.
pub(crate) fn resolve(findings: &[Finding], src: &str, file: &str) -> Vec<Diagnostic> {
    let root = Node::parse(src);
    let locate = |path: &Path| match &root {
        Some(root) => {
            let node = root.locate(path);
            let width =
                if node.start.line == node.end.line { node.end.column.saturating_sub(node.start.column) } else { 1 };
            (node.start, width)
        }
        None => (Pos::START, 1),
    };
    let mut diagnostics: Vec<Diagnostic> = findings
        .iter()
        .map(|finding| {
            let (pos, width) = locate(&finding.path);
            let mut diagnostic =
                Diagnostic::new(finding.severity, file, src, (pos.line, pos.column), width, finding.message.clone());
            let related = finding.related.as_ref().map(|(path, what)| {
                let (pos, _) = locate(path);
                format!("{what} on line {}", pos.line)
            });
            diagnostic.help = match (&finding.help, related) {
                (Some(help), Some(related)) => Some(format!("{help} ({related})")),
                (Some(help), None) => Some(help.clone()),
                (None, related) => related,
            };
            diagnostic
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.line, d.column));
    diagnostics
}

/// "did you mean …? The station's <what> are: …", for an id a station model does not declare.
fn declared_help(id: &str, declared: &[&str], what: &str) -> String {
    let list = declared.join(", ");
    match suggestion(id, declared.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? the station's {what} are: {list}"),
        None => format!("the station's {what} are: {list}"),
    }
}

/// Whether `id` is snake_case: lower-case letters, digits and underscores, starting with a
/// letter.
pub fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What an id field of an action must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Handled,
    Anything,
    Pressable,
    Settable,
    Line,
    Tube,
    Clamp,
    Garment,
    Cleaner,
    Entry,
    Port,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Handled => "item or garment",
            Role::Anything => "object",
            Role::Pressable => "button or switch",
            Role::Settable => "number, choice or switch control",
            Role::Line => "tube or item (bag, set)",
            Role::Tube => "tube",
            Role::Clamp => "clamp",
            Role::Garment => "garment",
            Role::Cleaner => "sink, dispenser or item",
            Role::Entry => "entry",
            Role::Port => "port",
        }
    }

    fn accepts(self, kind: &EntityKind) -> bool {
        use ObjectKind as O;
        match (self, kind) {
            (Role::Anything, _) => true,
            (Role::Handled, EntityKind::Object(O::Item | O::Garment)) => true,
            (Role::Pressable, EntityKind::Control(ControlKind::Button | ControlKind::Switch)) => true,
            (Role::Settable, EntityKind::Control(kind)) => *kind != ControlKind::Button,
            (Role::Line, EntityKind::Object(O::Item | O::Tube)) => true,
            (Role::Tube, EntityKind::Object(O::Tube)) => true,
            (Role::Clamp, EntityKind::Object(O::Clamp)) => true,
            (Role::Garment, EntityKind::Object(O::Garment)) => true,
            (Role::Cleaner, EntityKind::Object(O::Sink | O::Dispenser | O::Item)) => true,
            (Role::Entry, EntityKind::Object(O::Entry)) => true,
            (Role::Port, EntityKind::Object(O::Port)) => true,
            _ => false,
        }
    }
}

/// An id field of an action or pattern: where it is, its value, what it must name.
type IdField<'a> = (Path, &'a str, Role);

fn pattern_fields<'a>(path: &Path, pattern: &'a ActionPattern) -> (&'static str, Vec<IdField<'a>>) {
    let f = |name: &'static str, id: &'a String, role| (path.field(name), id.as_str(), role);
    match pattern {
        ActionPattern::Grab { item } => ("Grab", vec![f("item", item, Role::Handled)]),
        ActionPattern::Place { item, target } => {
            ("Place", vec![f("item", item, Role::Handled), f("target", target, Role::Anything)])
        }
        ActionPattern::Press { control } => ("Press", vec![f("control", control, Role::Pressable)]),
        ActionPattern::Set { control, .. } => ("Set", vec![f("control", control, Role::Settable)]),
        ActionPattern::Connect { a, b, .. } => ("Connect", vec![f("a", a, Role::Line), f("b", b, Role::Line)]),
        ActionPattern::Seal { tube } => ("Seal", vec![f("tube", tube, Role::Tube)]),
        ActionPattern::OpenClamp { clamp } => ("OpenClamp", vec![f("clamp", clamp, Role::Clamp)]),
        ActionPattern::CloseClamp { clamp } => ("CloseClamp", vec![f("clamp", clamp, Role::Clamp)]),
        ActionPattern::Wear { garment } => ("Wear", vec![f("garment", garment, Role::Garment)]),
        ActionPattern::TakeOff { garment } => ("TakeOff", vec![f("garment", garment, Role::Garment)]),
        ActionPattern::Discard { item } => ("Discard", vec![f("item", item, Role::Handled)]),
        ActionPattern::Sanitise { target, with } => {
            let mut fields = Vec::new();
            if let Some(SanitiseTarget::Surface(id)) = target {
                fields.push((path.field("target").index(0), id.as_str(), Role::Anything));
            }
            if let Some(with) = with {
                fields.push(f("with", with, Role::Cleaner));
            }
            ("Sanitise", fields)
        }
        ActionPattern::Touch { surface } => ("Touch", vec![f("surface", surface, Role::Anything)]),
        ActionPattern::Sign { entry } => ("Sign", vec![f("entry", entry, Role::Entry)]),
        ActionPattern::Inspect { object } => ("Inspect", vec![f("object", object, Role::Anything)]),
        ActionPattern::TakeSample { port } => ("TakeSample", vec![f("port", port, Role::Port)]),
        ActionPattern::Wait { .. } => ("Wait", Vec::new()),
    }
}

fn action_fields<'a>(path: &Path, action: &'a Action) -> Vec<IdField<'a>> {
    let f = |name: &'static str, id: &'a String, role| (path.field(name), id.as_str(), role);
    match action {
        Action::Grab { item } | Action::Discard { item } => vec![f("item", item, Role::Handled)],
        Action::Place { item, target } => {
            vec![f("item", item, Role::Handled), f("target", target, Role::Anything)]
        }
        Action::Press { control } => vec![f("control", control, Role::Pressable)],
        Action::Set { control, .. } => vec![f("control", control, Role::Settable)],
        Action::Connect { a, b, .. } => vec![f("a", a, Role::Line), f("b", b, Role::Line)],
        Action::Seal { tube } => vec![f("tube", tube, Role::Tube)],
        Action::OpenClamp { clamp } | Action::CloseClamp { clamp } => {
            vec![f("clamp", clamp, Role::Clamp)]
        }
        Action::Wear { garment } | Action::TakeOff { garment } => {
            vec![f("garment", garment, Role::Garment)]
        }
        Action::Sanitise { target, with } => {
            let mut fields = Vec::new();
            if let SanitiseTarget::Surface(id) = target {
                fields.push((path.field("target").index(0), id.as_str(), Role::Anything));
            }
            if let Some(with) = with {
                fields.push(f("with", with, Role::Cleaner));
            }
            fields
        }
        Action::Touch { surface } => vec![f("surface", surface, Role::Anything)],
        Action::Sign { entry } => vec![f("entry", entry, Role::Entry)],
        Action::Inspect { object } => vec![f("object", object, Role::Anything)],
        Action::TakeSample { port } => vec![f("port", port, Role::Port)],
        Action::Wait { .. } => Vec::new(),
    }
}

/// Whether `x` is a number at least 0 (NaN is not).
fn non_negative(x: f64) -> bool {
    x >= 0.0
}

/// Whether `x` is a number above 0 (NaN is not).
fn positive(x: f64) -> bool {
    x > 0.0
}

/// Whether `min` is at most `max` (false when either is NaN).
fn in_order(min: f64, max: f64) -> bool {
    min <= max
}

/// `word` with "a" or "an" in front.
fn with_article(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {word}")
}

fn value_type(value: &Value) -> &'static str {
    match value {
        Value::Number(_) => "number",
        Value::Choice(_) => "choice",
        Value::Flag(_) => "flag",
    }
}

/// The kind of value an expectation needs, if it needs one.
fn expect_type(expect: &Expect) -> Option<&'static str> {
    match expect {
        Expect::Any => None,
        Expect::Is(value) => Some(value_type(value)),
        _ => Some("number"),
    }
}

/// The closest candidate to `wanted`, if any is close enough to be a typo.
fn suggestion<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates.into_iter().map(|c| (edit_distance(wanted, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

struct Checker<'a> {
    level: &'a Level,
    registry: Registry,
    step_index: HashMap<String, usize>,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    fn new(level: &'a Level) -> Self {
        let mut step_index = HashMap::new();
        for (index, step) in level.steps.iter().enumerate() {
            step_index.entry(step.id.clone()).or_insert(index);
        }
        Checker { level, registry: Registry::new(&level.setup), step_index, findings: Vec::new() }
    }

    fn push(&mut self, severity: DiagnosticSeverity, path: Path, message: String) -> &mut Finding {
        self.findings.push(Finding { severity, path, message, help: None, related: None });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    fn error(&mut self, path: Path, message: String) -> &mut Finding {
        self.push(DiagnosticSeverity::Error, path, message)
    }

    fn warn(&mut self, path: Path, message: String) -> &mut Finding {
        self.push(DiagnosticSeverity::Warning, path, message)
    }

    fn check_file_name(&mut self, file: &str) {
        let name = std::path::Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file);
        if let Some(stem) = name.strip_suffix(LEVEL_EXTENSION)
            && stem != self.level.id
        {
            let id = self.level.id.clone();
            self.error(Path::root().field("id"), format!("level id `{id}` does not match the file name `{name}`"))
                .help = Some(format!("name the file `{id}{LEVEL_EXTENSION}`, or change the id"));
        }
    }

    fn check_all(&mut self) {
        let level = self.level;
        let root = Path::root();
        self.snake_id(root.field("id"), &level.id, "level");
        self.text(root.field("title"), &level.title, true);
        self.text(root.field("description"), &level.description, false);
        for (i, objective) in level.objectives.iter().enumerate() {
            self.text(root.field("objectives").index(i), objective, true);
        }
        for (i, id) in level.prerequisites.iter().enumerate() {
            self.snake_id(root.field("prerequisites").index(i), id, "level");
            if *id == level.id {
                self.error(
                    root.field("prerequisites").index(i),
                    format!("level `{id}` lists itself as a prerequisite"),
                );
            }
        }
        self.check_setup();
        self.check_steps();
        self.check_ordering();
        self.check_rules();
        self.check_events();
        self.check_scoring();
        self.check_golden_entries();
    }

    /// Missing English is an error, missing Korean a warning.
    fn text(&mut self, path: Path, text: &Text, required: bool) {
        if text.en.trim().is_empty() {
            if required || !text.ko.trim().is_empty() {
                self.error(path, "missing English text (`en`)".to_owned());
            }
        } else if text.ko.trim().is_empty() {
            self.warn(path, "missing Korean text (`ko`)".to_owned()).help =
                Some("add `ko: \"...\"` so Korean trainees see this too".to_owned());
        }
    }

    fn snake_id(&mut self, path: Path, id: &str, what: &str) {
        if !is_snake_case(id) {
            self.warn(path, format!("{what} id `{id}` is not snake_case")).help =
                Some("ids are shared with the 3D world: use lower-case letters, digits and `_`".to_owned());
        }
    }

    fn check_setup(&mut self) {
        let level: &'a Level = self.level;
        let setup = &level.setup;
        let root = Path::root().field("setup");
        let mut seen: HashMap<&'a str, Path> = HashMap::new();
        let zone_ids: Vec<&str> = setup.zones.iter().map(|z| z.id.as_str()).collect();
        for (z, zone) in setup.zones.iter().enumerate() {
            let path = root.field("zones").index(z);
            self.declare(&mut seen, path.field("id"), &zone.id, "zone");
            self.check_contents(&path, &zone.objects, &zone.controls, &mut seen);
        }
        for (s, station) in setup.stations.iter().enumerate() {
            let path = root.field("stations").index(s);
            self.declare(&mut seen, path.field("id"), &station.id, "station");
            if !zone_ids.contains(&station.zone.as_str()) {
                let zone = station.zone.clone();
                let finding = self.error(path.field("zone"), format!("unknown zone `{zone}`"));
                finding.help = Some(match suggestion(&zone, zone_ids.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "declare the zone in `setup.zones`".to_owned(),
                });
            }
            self.check_contents(&path, &station.objects, &station.controls, &mut seen);
            if let Some(spec) = crate::stations::spec(&station.id) {
                self.check_station_model(&path, station, spec);
            }
        }
    }

    /// A station with a model: the level may name only the controls and observation keys the
    /// model declares, or the world would never press them or the runner never hear of them.
    fn check_station_model(
        &mut self,
        path: &Path,
        station: &crate::level::Station,
        spec: &crate::stations::StationSpec,
    ) {
        for (c, control) in station.controls.iter().enumerate() {
            if !spec.controls.contains(&control.id.as_str()) {
                let finding = self.error(
                    path.field("controls").index(c).field("id"),
                    format!("the {} station has no control `{}`", spec.id, control.id),
                );
                finding.help = Some(declared_help(&control.id, spec.controls, "controls"));
            }
        }
        for key in station.state.keys() {
            if !spec.observation_keys.contains(&key.as_str()) {
                let finding = self.error(
                    path.field("state").key(key),
                    format!("the {} station reports no `{key}`: a condition on it could never change", spec.id),
                );
                finding.help = Some(declared_help(key, spec.observation_keys, "observation keys"));
            }
        }
    }

    fn declare(&mut self, seen: &mut HashMap<&'a str, Path>, path: Path, id: &'a str, what: &str) {
        self.snake_id(path.clone(), id, what);
        if let Some(first) = seen.get(id) {
            let related = Some((first.clone(), "first declared"));
            let finding = self.error(path, format!("`{id}` is declared twice"));
            finding.help = Some("every id in setup must be unique".to_owned());
            finding.related = related;
        } else {
            seen.insert(id, path);
        }
    }

    fn check_contents(
        &mut self,
        path: &Path,
        objects: &'a [Object],
        controls: &'a [crate::level::Control],
        seen: &mut HashMap<&'a str, Path>,
    ) {
        for (o, object) in objects.iter().enumerate() {
            self.declare(seen, path.field("objects").index(o).field("id"), &object.id, "object");
        }
        for (c, control) in controls.iter().enumerate() {
            let control_path = path.field("controls").index(c);
            self.declare(seen, control_path.field("id"), &control.id, "control");
            match &control.kind {
                ControlKind::Number { min, max, .. } if !in_order(*min, *max) => {
                    self.error(
                        control_path.field("kind"),
                        format!("control `{}` has an empty range: min {min} is greater than max {max}", control.id),
                    );
                }
                ControlKind::Choice(options) if options.is_empty() => {
                    self.error(control_path.field("kind"), format!("choice control `{}` has no options", control.id));
                }
                _ => {}
            }
        }
    }

    fn check_steps(&mut self) {
        let level = self.level;
        let root = Path::root().field("steps");
        if level.steps.is_empty() {
            self.error(root.clone(), "the level has no steps".to_owned());
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut groups_closed: HashSet<&str> = HashSet::new();
        let mut previous_group: Option<&str> = None;
        for (i, step) in level.steps.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &step.id, "step");
            if let Some(&first) = seen.get(step.id.as_str()) {
                let finding = self.error(path.field("id"), format!("duplicate step id `{}`", step.id));
                finding.related = Some((root.index(first).field("id"), "first used"));
            } else {
                seen.insert(&step.id, i);
            }
            self.text(path.field("instruction"), &step.instruction, true);
            if let Some(hint) = &step.hint {
                self.text(path.field("hint"), hint, true);
            }
            if !non_negative(step.points) {
                self.error(path.field("points"), format!("step points must be zero or more, not {}", step.points));
            }
            if let Some(limit) = &step.time_limit {
                self.time_limit(&path.field("time_limit"), limit);
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
                        let finding =
                            self.error(path.field("after").index(k), format!("unknown step `{id}` in `after`"));
                        finding.help = near.map(|n| format!("did you mean `{n}`?"));
                    }
                }
            }
            self.highlights(&path.field("highlight"), &step.highlight);
            self.condition(&path.field("done_when"), &step.done_when);
        }
    }

    fn time_limit(&mut self, path: &Path, limit: &crate::level::TimeLimit) {
        if !positive(limit.seconds) {
            self.error(
                path.field("seconds"),
                format!("a time limit must be more than 0 seconds, not {}", limit.seconds),
            );
        }
        if !non_negative(limit.points) {
            self.error(path.field("points"), "points must be zero or more".to_owned());
        }
        if let Some(explanation) = &limit.explanation {
            self.text(path.field("explanation"), explanation, true);
        }
    }

    fn highlights(&mut self, path: &Path, ids: &[String]) {
        for (k, id) in ids.iter().enumerate() {
            if self.registry.get(id).is_none() {
                let near = suggestion(id, self.registry.ids()).map(str::to_owned);
                let finding = self.error(path.index(k), format!("unknown id `{id}` in `highlight`"));
                finding.help = Some(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "highlight ids must be declared in setup".to_owned(),
                });
            }
        }
    }

    /// Checks a condition; returns whether it can ever be met.
    fn condition(&mut self, path: &Path, condition: &Condition) -> bool {
        match condition {
            Condition::Do(pattern) => self.pattern(&path.index(0), pattern),
            Condition::State { of, key, is } => self.state_ref(path, of, key, Some(is)),
            Condition::AllOf(parts) => {
                if parts.is_empty() {
                    self.warn(path.clone(), "`AllOf([])` is met at once".to_owned());
                }
                let mut possible = true;
                for (i, part) in parts.iter().enumerate() {
                    possible &= self.condition(&path.index(0).index(i), part);
                }
                possible
            }
            Condition::AnyOf(parts) => {
                if parts.is_empty() {
                    self.error(path.clone(), "`AnyOf([])` can never be met".to_owned()).help =
                        Some("list at least one condition".to_owned());
                }
                let mut possible = false;
                for (i, part) in parts.iter().enumerate() {
                    possible |= self.condition(&path.index(0).index(i), part);
                }
                possible
            }
        }
    }

    /// Checks `of`/`key` (and `is`); returns whether a value can meet it.
    fn state_ref(&mut self, path: &Path, of: &str, key: &str, is: Option<&Expect>) -> bool {
        let Some(entity) = self.registry.get(of).cloned() else {
            let near = suggestion(of, self.registry.ids()).map(str::to_owned);
            let finding = self.error(path.field("of"), format!("unknown station, zone or object `{of}`"));
            finding.help = near.map(|n| format!("did you mean `{n}`?"));
            return true;
        };
        let Some(initial) = entity.state.get(key) else {
            let near = suggestion(key, entity.state.keys().map(String::as_str));
            let finding = self.error(path.field("key"), format!("`{of}` has no state key `{key}`"));
            finding.help = Some(match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("declare `\"{key}\"` with its starting value in the `state` of `{of}` in setup"),
            });
            return true;
        };
        let Some(is) = is else { return true };
        let declared = value_type(initial);
        if let Some(wanted) = expect_type(is)
            && wanted != declared
        {
            self.error(path.field("is"), format!("`{of}`.`{key}` holds a {declared}, but this expects a {wanted}"));
            return false;
        }
        self.expect(&path.field("is"), is, None)
    }

    /// Checks a pattern's ids and values; returns whether an action can match it.
    fn pattern(&mut self, path: &Path, pattern: &ActionPattern) -> bool {
        let (verb, fields) = pattern_fields(path, pattern);
        for (field_path, id, role) in fields {
            self.id_ref(field_path, id, role, verb, false);
        }
        match pattern {
            ActionPattern::Set { control, to } => {
                let kind = match self.registry.get(control).map(|e| &e.kind) {
                    Some(EntityKind::Control(kind)) => Some(kind.clone()),
                    _ => None,
                };
                self.expect(&path.field("to"), to, kind.as_ref().map(|k| (control.as_str(), k)))
            }
            ActionPattern::Wait { seconds } if !non_negative(*seconds) => {
                self.error(path.field("seconds"), "a wait cannot be negative".to_owned());
                false
            }
            _ => true,
        }
    }

    fn id_ref(&mut self, path: Path, id: &str, role: Role, verb: &str, concrete: bool) {
        if id == ANY_ID || id.starts_with('#') {
            if concrete {
                self.error(path, format!("the golden path must name a real id, not the pattern `{id}`"));
            } else if let Some(tag) = id.strip_prefix('#')
                && !self.registry.tag_exists(tag)
            {
                self.error(path, format!("no object has the tag `{tag}`")).help =
                    Some("add it to the `tags` of the objects it should match".to_owned());
            }
            return;
        }
        match self.registry.get(id) {
            None => {
                let near = suggestion(id, self.registry.ids()).map(str::to_owned);
                let finding = self.error(path, format!("unknown {} `{id}`", role.name()));
                finding.help = Some(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "declare it in `setup`, under a zone or a station".to_owned(),
                });
            }
            Some(entity) if !role.accepts(&entity.kind) => {
                let kind = entity.kind.name();
                self.error(
                    path,
                    format!("`{id}` is {}, but `{verb}` needs {}", with_article(kind), with_article(role.name())),
                );
            }
            Some(_) => {}
        }
    }

    /// Checks that some value can meet `expect` (and, for a control, that the control takes
    /// it). Returns whether one can.
    fn expect(&mut self, path: &Path, expect: &Expect, control: Option<(&str, &ControlKind)>) -> bool {
        let numbers: Vec<f64> = match expect {
            Expect::Is(Value::Number(n)) | Expect::AtLeast(n) | Expect::AtMost(n) => vec![*n],
            Expect::Between { min, max } => vec![*min, *max],
            Expect::Near { target, tolerance } => vec![*target, *tolerance],
            _ => Vec::new(),
        };
        if numbers.iter().any(|n| n.is_nan()) {
            self.error(path.clone(), "NaN is not a usable number".to_owned());
            return false;
        }
        match expect {
            Expect::Between { min, max } if min > max => {
                self.error(path.clone(), format!("no value can meet this: min {min} is greater than max {max}")).help =
                    Some("swap min and max".to_owned());
                return false;
            }
            Expect::Near { tolerance, .. } if *tolerance < 0.0 => {
                self.error(path.clone(), format!("no value can meet this: the tolerance {tolerance} is negative"));
                return false;
            }
            _ => {}
        }
        let Some((id, kind)) = control else {
            return true;
        };
        match (kind, expect) {
            (_, Expect::Any) => true,
            (ControlKind::Number { min, max, unit }, _) => {
                let Some((low, high)) = expect.number_interval() else {
                    self.error(
                        path.clone(),
                        format!("control `{id}` takes a number, not a {}", expect_type(expect).unwrap_or("value")),
                    );
                    return false;
                };
                if high < *min || low > *max {
                    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                    self.error(
                        path.clone(),
                        format!("no value can meet this: control `{id}` only goes from {min} to {max}{unit}"),
                    )
                    .help = Some("change the target, or the control's declared range".to_owned());
                    return false;
                }
                true
            }
            (ControlKind::Choice(options), Expect::Is(Value::Choice(choice))) => {
                if options.contains(choice) {
                    return true;
                }
                let near = suggestion(choice, options.iter().map(String::as_str));
                let finding = self.error(path.clone(), format!("control `{id}` has no option `{choice}`"));
                finding.help = Some(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("its options are: {}", options.join(", ")),
                });
                false
            }
            (ControlKind::Switch, Expect::Is(Value::Flag(_))) => true,
            (ControlKind::Choice(_), _) | (ControlKind::Switch, _) | (ControlKind::Button, _) => {
                let takes = match kind {
                    ControlKind::Choice(_) => "one of its options, as `Is(Choice(\"...\"))`",
                    ControlKind::Switch => "`Is(Flag(true))` or `Is(Flag(false))`",
                    _ => "no value: press it instead",
                };
                self.error(path.clone(), format!("control `{id}` takes {takes}"));
                false
            }
        }
    }

    /// Orders steps, then reports cycles and steps that can never start.
    fn check_ordering(&mut self) {
        let level = self.level;
        let prereqs = prerequisites(level, &self.step_index);
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
        let possible: Vec<bool> =
            level.steps.iter().map(|s| condition_possible(&s.done_when, &self.registry)).collect();
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
            let blocker = prereqs[i]
                .iter()
                .find(|&&p| !(reachable[p] && possible[p]))
                .map(|&p| level.steps[p].id.clone())
                .unwrap_or_default();
            let id = level.steps[i].id.clone();
            self.error(
                Path::root().field("steps").index(i).field("id"),
                format!("step `{id}` is unreachable: it waits for `{blocker}`, which can never complete"),
            );
        }
    }

    fn report_cycle(&mut self, members: &[usize]) {
        let steps = &self.level.steps;
        let mut names: Vec<&str> = members.iter().map(|&m| steps[m].id.as_str()).collect();
        names.push(names[0]);
        let at = members.iter().copied().find(|&m| steps[m].after.is_some()).unwrap_or(members[0]);
        let path = Path::root().field("steps").index(at);
        let path = if steps[at].after.is_some() { path.field("after") } else { path.field("id") };
        self.error(path, format!("ordering cycle: {} wait for each other, so none can start", names.join(" → ")))
            .help = Some("remove one of these `after` entries".to_owned());
    }

    fn check_rules(&mut self) {
        let level = self.level;
        let root = Path::root().field("rules");
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, rule) in level.rules.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &rule.id, "rule");
            if let Some(&first) = seen.get(rule.id.as_str()) {
                self.error(path.field("id"), format!("duplicate rule id `{}`", rule.id)).related =
                    Some((root.index(first).field("id"), "first used"));
            } else {
                seen.insert(&rule.id, i);
            }
            self.text(path.field("explanation"), &rule.explanation, true);
            if !non_negative(rule.points) {
                self.error(path.field("points"), "points must be zero or more".to_owned());
            }
            for (field, step) in [("from_step", &rule.from_step), ("until_step", &rule.until_step)] {
                if let Some(step) = step {
                    self.step_ref(path.field(field), step);
                }
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
            }
        }
    }

    fn step_ref(&mut self, path: Path, step: &str) {
        if !self.step_index.contains_key(step) {
            let near = suggestion(step, self.level.steps.iter().map(|s| s.id.as_str()));
            self.error(path, format!("unknown step `{step}`")).help = near.map(|n| format!("did you mean `{n}`?"));
        }
    }

    fn check_events(&mut self) {
        let level = self.level;
        let root = Path::root().field("events");
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, event) in level.events.iter().enumerate() {
            let path = root.index(i);
            self.snake_id(path.field("id"), &event.id, "event");
            if let Some(&first) = seen.get(event.id.as_str()) {
                self.error(path.field("id"), format!("duplicate event id `{}`", event.id)).related =
                    Some((root.index(first).field("id"), "first used"));
            } else {
                seen.insert(&event.id, i);
            }
            match &event.trigger {
                EventTrigger::At { seconds } if !non_negative(*seconds) => {
                    self.error(
                        path.field("trigger").field("seconds"),
                        "an event cannot happen before the level starts".to_owned(),
                    );
                }
                EventTrigger::AfterStep { step, delay_s } => {
                    self.step_ref(path.field("trigger").field("step"), step);
                    if !non_negative(*delay_s) {
                        self.error(path.field("trigger").field("delay_s"), "a delay cannot be negative".to_owned());
                    }
                }
                EventTrigger::At { .. } => {}
            }
            self.text(path.field("message"), &event.message, true);
            self.text(path.field("explanation"), &event.explanation, true);
            if let Some(hint) = &event.hint {
                self.text(path.field("hint"), hint, true);
            }
            if !positive(event.deadline_s) {
                self.error(
                    path.field("deadline_s"),
                    format!("the deadline must be more than 0 seconds, not {}", event.deadline_s),
                );
            }
            if !non_negative(event.points) {
                self.error(path.field("points"), "points must be zero or more".to_owned());
            }
            self.highlights(&path.field("highlight"), &event.highlight);
            if !self.condition(&path.field("respond"), &event.respond) {
                self.error(path.field("respond"), format!("the response to event `{}` can never be met", event.id));
            }
        }
    }

    fn check_scoring(&mut self) {
        let scoring = &self.level.scoring;
        let path = Path::root().field("scoring");
        if !(0.0..=MAX_SCORE).contains(&scoring.pass_score) {
            self.error(
                path.field("pass_score"),
                format!("the pass score must be from 0 to 100, not {}", scoring.pass_score),
            );
        }
        if let Some(limit) = scoring.time_limit_s
            && !positive(limit)
        {
            self.error(path.field("time_limit_s"), format!("the time limit must be more than 0 seconds, not {limit}"));
        }
        if !non_negative(scoring.wrong_object.points) {
            self.error(path.field("wrong_object").field("points"), "points must be zero or more".to_owned());
        }
        let weight: f64 = self.level.steps.iter().filter(|s| s.required).map(|s| s.points.max(0.0)).sum();
        if !self.level.steps.is_empty() && !positive(weight) {
            self.error(
                Path::root().field("steps"),
                "no required step carries points, so nobody can score".to_owned(),
            )
            .help = Some("give at least one required step `points` above 0".to_owned());
        }
    }

    fn check_golden_entries(&mut self) {
        let root = Path::root().field("golden_path");
        if self.level.golden_path.is_empty() {
            self.error(root, "the level has no golden path: write the actions an expert takes".to_owned());
            return;
        }
        let mut previous = 0.0;
        for (i, entry) in self.level.golden_path.iter().enumerate() {
            let path = root.index(i);
            let at = entry.at();
            if !non_negative(at) {
                self.error(path.field("at"), format!("time {at} is before the level starts"));
            } else if at < previous {
                self.error(
                    path.field("at"),
                    format!("the golden path goes back in time: {at} s comes after {previous} s"),
                )
                .help = Some("keep golden-path entries in time order".to_owned());
            }
            previous = previous.max(at);
            match entry {
                GoldenEntry::Do { action, .. } => {
                    let action_path = path.field("action");
                    for (field_path, id, role) in action_fields(&action_path, action) {
                        self.id_ref(field_path, id, role, action.verb(), true);
                    }
                    if let Action::Set { control, value } = action {
                        let kind = match self.registry.get(control).map(|e| &e.kind) {
                            Some(EntityKind::Control(kind)) => Some(kind.clone()),
                            _ => None,
                        };
                        if let Some(kind) = kind {
                            self.expect(
                                &action_path.field("value"),
                                &Expect::Is(value.clone()),
                                Some((control, &kind)),
                            );
                        }
                    }
                }
                GoldenEntry::Observe { of, key, value, .. } => {
                    self.state_ref(&path, of, key, Some(&Expect::Is(value.clone())));
                }
            }
        }
    }

    /// Replays the golden path in both modes: it must pass with full marks and no deviation.
    fn check_golden_replay(&mut self) {
        let level = self.level;
        // message -> (path, modes), merged so a problem in both modes is reported once.
        let mut problems: Vec<(Path, String, Vec<&'static str>)> = Vec::new();
        let mut add = |path: Path, message: String, mode: &'static str| match problems
            .iter_mut()
            .find(|(p, m, _)| *p == path && *m == message)
        {
            Some((_, _, modes)) => {
                if !modes.contains(&mode) {
                    modes.push(mode);
                }
            }
            None => problems.push((path, message, vec![mode])),
        };
        let root = Path::root().field("golden_path");
        let mut injected: HashSet<String> = HashSet::new();
        for (mode, name) in [(Mode::Guided, "guided"), (Mode::Assessment, "assessment")] {
            let replay = replay_golden(level, mode);
            let report = &replay.report;
            for (deviation, entry) in report.deviations.iter().zip(&replay.deviation_entries) {
                let path = match entry {
                    Some(i) => root.index(*i),
                    None => root.clone(),
                };
                let what = match &deviation.source {
                    DeviationSource::Rule(id) => format!("breaks rule `{id}`"),
                    DeviationSource::StepTimeLimit(id) => {
                        format!("runs past the time limit of step `{id}`")
                    }
                    DeviationSource::EventMissed(id) => {
                        format!("misses the deadline of event `{id}`")
                    }
                    DeviationSource::WrongObject(id) => format!("uses `{id}` before its step"),
                };
                add(
                    path,
                    format!(
                        "the golden path {what} at {} s ({}, -{} points): {}",
                        deviation.time_s,
                        severity_name(deviation.severity),
                        deviation.points,
                        deviation.explanation.en
                    ),
                    name,
                );
            }
            for record in &report.steps {
                if record.required && record.completed_s.is_none() {
                    let index = self.step_index.get(&record.step).copied().unwrap_or(0);
                    add(
                        Path::root().field("steps").index(index).field("id"),
                        format!("the golden path never completes step `{}`", record.step),
                        name,
                    );
                }
            }
            for record in &report.events {
                if record.injected_s.is_some() {
                    injected.insert(record.event.clone());
                }
            }
            match &report.outcome {
                Outcome::Passed if report.score.total < MAX_SCORE - SCORE_EPSILON => add(
                    root.clone(),
                    format!("the golden path scores {:.1}/100; it must score 100", report.score.total),
                    name,
                ),
                Outcome::Passed => {}
                Outcome::InProgress => {
                    add(root.clone(), "the level is still in progress when the golden path ends".to_owned(), name)
                }
                Outcome::Failed(reasons) => {
                    let reasons: Vec<String> = reasons.iter().map(describe_fail).collect();
                    add(root.clone(), format!("the golden path fails the level: {}", reasons.join("; ")), name);
                }
            }
        }
        for (path, message, modes) in problems {
            self.error(path, format!("{message} (in {} mode)", modes.join(" and ")));
        }
        for (i, event) in level.events.iter().enumerate() {
            if !injected.contains(&event.id) {
                self.warn(
                    Path::root().field("events").index(i).field("id"),
                    format!("event `{}` never happens in the golden path", event.id),
                )
                .help = Some(
                    "so nobody has checked that its response can be done; make the golden path \
                     last long enough"
                        .to_owned(),
                );
            }
        }
    }
}

fn describe_fail(reason: &FailReason) -> String {
    match reason {
        FailReason::ScoreBelowPass { score, pass_score } => {
            format!("score {score:.1} is below the pass score {pass_score}")
        }
        FailReason::CriticalDeviation(source) => {
            format!("critical deviation `{}`", source.id())
        }
        FailReason::TimeLimitExceeded { limit_s } => format!("time limit of {limit_s} s exceeded"),
        FailReason::StepsIncomplete(steps) => format!("steps not done: {}", steps.join(", ")),
    }
}

/// Whether some sequence of actions and states can meet `condition` (ignoring unknown ids,
/// which are reported separately).
fn condition_possible(condition: &Condition, registry: &Registry) -> bool {
    match condition {
        Condition::Do(ActionPattern::Set { control, to }) => match registry.get(control).map(|e| &e.kind) {
            Some(EntityKind::Control(ControlKind::Number { min, max, .. })) => {
                expect_possible(to) && to.number_interval().is_none_or(|(low, high)| high >= *min && low <= *max)
            }
            _ => expect_possible(to),
        },
        Condition::Do(_) => true,
        Condition::State { is, .. } => expect_possible(is),
        Condition::AllOf(parts) => parts.iter().all(|p| condition_possible(p, registry)),
        Condition::AnyOf(parts) => parts.iter().any(|p| condition_possible(p, registry)),
    }
}

fn expect_possible(expect: &Expect) -> bool {
    match expect {
        Expect::Between { min, max } => min <= max,
        Expect::Near { tolerance, .. } => *tolerance >= 0.0,
        Expect::Is(Value::Number(n)) | Expect::AtLeast(n) | Expect::AtMost(n) => !n.is_nan(),
        _ => true,
    }
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Minor => "minor",
        Severity::Major => "major",
        Severity::Critical => "critical",
    }
}
