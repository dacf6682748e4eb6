//! Semantic checks of a parsed level, each problem located at the field that causes it, and
//! the replays that prove it can be passed (the golden path) and failed as its author says
//! (its wrong paths). The checks themselves are in `validate_setup`, `validate_flow` and
//! `validate_golden`; this file holds the checker and what they share.

use std::collections::HashMap;

use crate::common::{Text, Value};
use crate::level::{
    ANY_ID, Action, ActionPattern, Condition, ControlKind, Expect, Level, ObjectKind, Quantity, SanitiseTarget,
};

use super::codes::{self, Code};
use super::diagnostic::{Diagnostic, DiagnosticSeverity, Place, clipped_list};
use super::parameters::named_in;
use super::registry::{EntityKind, Registry};
use super::spans::{Node, Path, Pos};

/// The file-name ending of a level file.
pub const LEVEL_EXTENSION: &str = ".level.ron";

/// A problem found in the typed level, located by a path into the file.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub severity: DiagnosticSeverity,
    pub code: Code,
    pub path: Path,
    pub message: String,
    pub help: Option<String>,
    /// A second place to show (e.g. the first declaration of a duplicate), and what it is.
    pub related: Option<(Path, &'static str)>,
    /// Found by position in the text rather than by a path (a key written twice).
    pub at: Option<(Pos, Pos)>,
    /// The second place, by position.
    pub related_at: Option<(Pos, Pos, &'static str)>,
    /// Text inside the located place to point at instead (a `{name}` inside a sentence).
    pub within: Option<String>,
}

impl Finding {
    /// A problem at `path`, with nothing more said yet.
    pub fn new(severity: DiagnosticSeverity, code: Code, path: Path, message: String) -> Self {
        Finding { severity, code, path, message, help: None, related: None, at: None, related_at: None, within: None }
    }

    /// The same with what to do about it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Checks `level` (parsed from `src`, read from `file`) and replays its golden path and its
/// wrong paths in both modes when nothing else is wrong. Returns every problem, sorted by
/// position.
pub fn validate(level: &Level, src: &str, file: &str) -> Vec<Diagnostic> {
    let root = Node::parse(src);
    let mut checker = Checker::new(level);
    checker.check_file_name(file);
    if let Some(root) = &root {
        checker.check_text(root);
    }
    checker.check_all();
    if !checker.has_errors() {
        checker.check_golden_replay();
        checker.check_wrong_paths();
    }
    resolve_in(&checker.findings, root.as_ref(), src, file)
}

/// Turns findings into diagnostics with line, column and source text.
pub(crate) fn resolve(findings: &[Finding], src: &str, file: &str) -> Vec<Diagnostic> {
    resolve_in(findings, Node::parse(src).as_ref(), src, file)
}

/// As `resolve`, with the text already parsed into `root`.
fn resolve_in(findings: &[Finding], root: Option<&Node>, src: &str, file: &str) -> Vec<Diagnostic> {
    let span = |start: Pos, end: Pos| {
        let width = if start.line == end.line { end.column.saturating_sub(start.column) } else { 1 };
        (start, width)
    };
    let locate = |path: &Path| match root {
        Some(root) => {
            let node = root.locate(path);
            span(node.start, node.end)
        }
        None => (Pos::START, 1),
    };
    let mut diagnostics: Vec<Diagnostic> = findings
        .iter()
        .map(|finding| {
            let (mut pos, mut width) = match finding.at {
                Some((start, end)) => span(start, end),
                None => locate(&finding.path),
            };
            if let Some(needle) = &finding.within
                && let Some(line) = src.lines().nth(pos.line.saturating_sub(1))
            {
                let from: usize = line.chars().take(pos.column.saturating_sub(1)).map(char::len_utf8).sum();
                let room: usize = line[from..].chars().take(width).map(char::len_utf8).sum();
                if let Some(offset) = line[from..from + room].find(needle.as_str()) {
                    pos.column += line[from..from + offset].chars().count();
                    width = needle.chars().count();
                }
            }
            let mut diagnostic = Diagnostic::new(
                finding.severity,
                finding.code,
                file,
                src,
                (pos.line, pos.column),
                width,
                finding.message.clone(),
            );
            diagnostic.help = finding.help.clone();
            let related = match (&finding.related_at, &finding.related) {
                (Some((start, end, what)), _) => Some((span(*start, *end), *what)),
                (None, Some((path, what))) => Some((locate(path), *what)),
                (None, None) => None,
            };
            diagnostic.related = related
                .map(|((pos, width), what)| (Place::new(src, (pos.line, pos.column), width), (*what).to_owned()));
            diagnostic
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.line, d.column));
    diagnostics
}

pub use crate::common::is_snake_case;

/// What an id field of an action must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
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
pub(crate) type IdField<'a> = (Path, &'a str, Role);

pub(crate) fn pattern_fields<'a>(path: &Path, pattern: &'a ActionPattern) -> Vec<IdField<'a>> {
    let f = |name: &'static str, id: &'a String, role| (path.field(name), id.as_str(), role);
    match pattern {
        ActionPattern::Grab { item } => vec![f("item", item, Role::Handled)],
        ActionPattern::Place { item, target } => {
            vec![f("item", item, Role::Handled), f("target", target, Role::Anything)]
        }
        ActionPattern::Press { control } => vec![f("control", control, Role::Pressable)],
        ActionPattern::Set { control, .. } => vec![f("control", control, Role::Settable)],
        ActionPattern::Connect { a, b, .. } => vec![f("a", a, Role::Line), f("b", b, Role::Line)],
        ActionPattern::Seal { tube } => vec![f("tube", tube, Role::Tube)],
        ActionPattern::OpenClamp { clamp } => vec![f("clamp", clamp, Role::Clamp)],
        ActionPattern::CloseClamp { clamp } => vec![f("clamp", clamp, Role::Clamp)],
        ActionPattern::Wear { garment } => vec![f("garment", garment, Role::Garment)],
        ActionPattern::TakeOff { garment } => vec![f("garment", garment, Role::Garment)],
        ActionPattern::Discard { item } => vec![f("item", item, Role::Handled)],
        ActionPattern::Sanitise { target, with } => {
            let mut fields = Vec::new();
            if let Some(SanitiseTarget::Surface(id)) = target {
                fields.push((path.field("target").index(0), id.as_str(), Role::Anything));
            }
            if let Some(with) = with {
                fields.push(f("with", with, Role::Cleaner));
            }
            fields
        }
        ActionPattern::Touch { surface } => vec![f("surface", surface, Role::Anything)],
        ActionPattern::Contact { item, surface } => {
            vec![f("item", item, Role::Handled), f("surface", surface, Role::Anything)]
        }
        ActionPattern::Reach { place } => vec![f("place", place, Role::Anything)],
        ActionPattern::Sign { entry } => vec![f("entry", entry, Role::Entry)],
        ActionPattern::Record { entry, .. } => vec![f("entry", entry, Role::Entry)],
        ActionPattern::Inspect { object } => vec![f("object", object, Role::Anything)],
        ActionPattern::TakeSample { port } => vec![f("port", port, Role::Port)],
        ActionPattern::Wait { .. } => Vec::new(),
    }
}

pub(crate) fn action_fields<'a>(path: &Path, action: &'a Action) -> Vec<IdField<'a>> {
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
        Action::Contact { item, surface, .. } => {
            vec![f("item", item, Role::Handled), f("surface", surface, Role::Anything)]
        }
        Action::Reach { place } => vec![f("place", place, Role::Anything)],
        Action::Sign { entry } | Action::Record { entry, .. } => vec![f("entry", entry, Role::Entry)],
        Action::Inspect { object } => vec![f("object", object, Role::Anything)],
        Action::TakeSample { port } => vec![f("port", port, Role::Port)],
        Action::Wait { .. } => Vec::new(),
    }
}

/// The longest time a level may name, seconds: a week. Anything longer is a typing mistake
/// (a level's time is the trainee's time at the keyboard or in the headset).
pub(crate) const MAX_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// Whether `min` is at most `max` (false when either is NaN).
pub(crate) fn in_order(min: f64, max: f64) -> bool {
    min <= max
}

/// `word` with "a" or "an" in front.
pub(crate) fn with_article(word: &str) -> String {
    format!("{} {word}", article(word))
}

pub(crate) fn value_type(value: &Value) -> &'static str {
    match value {
        Value::Number(_) => "number",
        Value::Choice(_) => "choice",
        Value::Flag(_) => "flag",
        Value::Text(_) => "text",
    }
}

/// The kind of value an expectation needs, if it needs one.
pub(crate) fn expect_type(expect: &Expect) -> Option<&'static str> {
    match expect {
        Expect::Any => None,
        Expect::Is(value) => Some(value_type(value)),
        _ => Some("number"),
    }
}

/// The closest candidate to `wanted`, if any is close enough to be a typo (case does not
/// count: `major` is near `Major`).
pub(crate) fn suggestion<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates.into_iter().map(|c| (edit_distance(wanted, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
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

/// "did you mean `x`?", or `otherwise`.
pub(crate) fn did_you_mean(near: Option<&str>, otherwise: impl Into<String>) -> String {
    match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => otherwise.into(),
    }
}

/// Backquoted names, clipped when many.
pub(crate) fn listed<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{}`", name.as_ref())).collect();
    clipped_list(&quoted)
}

pub(crate) struct Checker<'a> {
    pub level: &'a Level,
    /// The level with its parameters' values in place of their names, as the runner plays it.
    pub resolved: Level,
    pub registry: Registry,
    pub step_index: HashMap<String, usize>,
    /// For each step, the steps it waits for (as the runner orders them).
    pub prerequisites: Vec<Vec<usize>>,
    pub findings: Vec<Finding>,
    /// For each step, whether its `done_when` can be met, as `check_steps` found.
    pub possible: Vec<bool>,
    /// Whether the file's text was scanned for NaN and infinite numbers (each then already
    /// has its message, at its place).
    pub numbers_scanned: bool,
}

impl<'a> Checker<'a> {
    pub fn new(level: &'a Level) -> Self {
        let mut step_index = HashMap::new();
        for (index, step) in level.steps.iter().enumerate() {
            step_index.entry(step.id.clone()).or_insert(index);
        }
        let possible = vec![true; level.steps.len()];
        let resolved = super::parameters::resolve(level);
        let registry = Registry::new(&level.setup);
        let prerequisites = super::runner::prerequisites(level, &step_index);
        Checker {
            level,
            resolved,
            registry,
            step_index,
            prerequisites,
            findings: Vec::new(),
            possible,
            numbers_scanned: false,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == DiagnosticSeverity::Error)
    }

    fn push(&mut self, severity: DiagnosticSeverity, code: Code, path: Path, message: String) -> &mut Finding {
        self.findings.push(Finding::new(severity, code, path, message));
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    pub fn error(&mut self, code: Code, path: Path, message: String) -> &mut Finding {
        self.push(DiagnosticSeverity::Error, code, path, message)
    }

    pub fn warn(&mut self, code: Code, path: Path, message: String) -> &mut Finding {
        self.push(DiagnosticSeverity::Warning, code, path, message)
    }

    /// Every check that needs no replay.
    fn check_all(&mut self) {
        self.check_setup();
        self.check_parameters();
        self.check_random();
        self.check_steps();
        self.check_ordering();
        self.check_rules();
        self.check_events();
        self.check_scoring();
        self.check_golden_entries();
        self.check_wrong_path_entries();
    }

    fn check_file_name(&mut self, file: &str) {
        let name = std::path::Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file);
        if let Some(stem) = name.strip_suffix(LEVEL_EXTENSION)
            && stem != self.level.id
        {
            let id = self.level.id.clone();
            self.error(
                codes::FILE_NAME,
                Path::root().field("id"),
                format!("level id `{id}` does not match the file name `{name}`"),
            )
            .help = Some(format!("name the file `{id}{LEVEL_EXTENSION}`, or change the id"));
        }
    }

    /// English is required; Korean is expected.
    pub fn text(&mut self, path: Path, text: &Text, required: bool) {
        if text.en.trim().is_empty() {
            if required || !text.ko.trim().is_empty() {
                self.error(codes::MISSING_ENGLISH, path.clone(), "missing English text (`en`)".to_owned()).help =
                    Some("write the English in `en: \"...\"`".to_owned());
            }
        } else if text.ko.trim().is_empty() {
            self.warn(codes::MISSING_KOREAN, path.clone(), "missing Korean text (`ko`)".to_owned()).help =
                Some("add `ko: \"...\"` so Korean trainees see this too".to_owned());
        }
        self.names_in_text(&path, text);
    }

    /// A `{name}` in a text must be one of the level's parameters: the game shows its value.
    fn names_in_text(&mut self, path: &Path, text: &Text) {
        let level = self.level;
        let parameters = &level.parameters;
        for (language, words) in [("en", &text.en), ("ko", &text.ko)] {
            for name in named_in(words) {
                if parameters.contains_key(name) {
                    continue;
                }
                let near = suggestion(name, parameters.keys().map(String::as_str));
                let finding = self.error(
                    codes::PARAMETER_IN_TEXT,
                    path.field(language),
                    format!("the text names `{{{name}}}`, which is not a parameter of the level"),
                );
                finding.within = Some(format!("{{{name}}}"));
                finding.help = Some(did_you_mean(
                    near,
                    "declare it in `parameters`, or write the braces differently if they are meant as text",
                ));
            }
        }
    }

    /// An id a level declares: not empty, and snake_case.
    pub fn snake_id(&mut self, path: Path, id: &str, what: &str) {
        if id.trim().is_empty() {
            self.error(codes::EMPTY_ID, path, format!("{} {what} id cannot be empty", article(what))).help =
                Some("give it a name of lower-case letters, digits and `_`".to_owned());
        } else if !is_snake_case(id) {
            self.warn(codes::NOT_SNAKE_CASE, path, format!("{what} id `{id}` is not snake_case")).help =
                Some("ids are shared with the 3D world: use lower-case letters, digits and `_`".to_owned());
        }
    }

    /// Reports `id`, the id of entry `i` of the list at `root`, if an earlier entry has it
    /// too, pointing at the first.
    pub fn unique_id(
        &mut self,
        seen: &mut HashMap<String, usize>,
        root: &Path,
        i: usize,
        id: &str,
        code: Code,
        what: &str,
    ) {
        if let Some(&first) = seen.get(id) {
            let finding = self.error(code, root.index(i).field("id"), format!("duplicate {what} id `{id}`"));
            finding.related = Some((root.index(first).field("id"), "first used here"));
            finding.help = Some(format!("every {what} needs its own id"));
        } else {
            seen.insert(id.to_owned(), i);
        }
    }

    /// Whether all `values` are finite numbers. One that is not (NaN, inf) is reported once:
    /// by the scan of the text, which points at it, or here when the text could not be scanned.
    pub fn finite(&mut self, path: Path, values: &[f64], message: impl FnOnce() -> String) -> bool {
        if values.iter().all(|v| v.is_finite()) {
            return true;
        }
        if !self.numbers_scanned {
            self.error(codes::NOT_A_NUMBER, path, message()).help = Some("write a finite number".to_owned());
        }
        false
    }

    /// A time that must be more than 0 seconds (a limit, a deadline); returns the finding when
    /// it is 0, for the caller's help.
    pub fn positive_seconds(&mut self, code: Code, path: Path, value: f64, what: &str) -> Option<&mut Finding> {
        if self.seconds(path.clone(), value, what) && value <= 0.0 {
            return Some(self.error(code, path, format!("{what} must be more than 0 seconds")));
        }
        None
    }

    /// A number written in the level: finite, not negative, at most `max` (with `what` for the
    /// message). Returns whether it is usable.
    pub fn number(&mut self, code: Code, path: Path, value: f64, max: f64, what: &str) -> bool {
        if !self.finite(path.clone(), &[value], || format!("{what} must be a finite number, not {value}")) {
            return false;
        }
        if value < 0.0 || value > max {
            self.error(code, path, format!("{what} must be from 0 to {max}, not {value}"));
            return false;
        }
        true
    }

    /// A time in seconds: finite, from 0 to a week.
    pub fn seconds(&mut self, path: Path, value: f64, what: &str) -> bool {
        if !self.finite(path.clone(), &[value], || format!("{what} must be a finite number, not {value}")) {
            return false;
        }
        if !(0.0..=MAX_SECONDS).contains(&value) {
            self.error(
                codes::SECONDS,
                path,
                format!("{what} must be from 0 to a week ({MAX_SECONDS} s), not {value}"),
            )
            .help = Some("times are in seconds of the trainee's time".to_owned());
            return false;
        }
        true
    }

    /// Points of a step, rule or event: from 0 to 100 (the score is out of 100).
    pub fn points(&mut self, path: Path, points: f64) {
        self.number(codes::POINTS, path, points, 100.0, "points");
    }

    pub fn highlights(&mut self, path: &Path, ids: &[String]) {
        for (k, id) in ids.iter().enumerate() {
            if self.registry.get(id).is_none() {
                let near = suggestion(id, self.registry.ids()).map(str::to_owned);
                let finding =
                    self.error(codes::UNKNOWN_HIGHLIGHT, path.index(k), format!("unknown id `{id}` in `highlight`"));
                finding.help = Some(did_you_mean(near.as_deref(), "highlight ids must be declared in setup"));
            }
        }
    }

    /// Checks a condition; returns whether it can ever be met.
    pub fn condition(&mut self, path: &Path, condition: &Condition) -> bool {
        match condition {
            Condition::Do(pattern) => self.pattern(&path.index(0), pattern),
            Condition::State { of, key, is } => self.state_ref(path, of, key, Some(is)),
            Condition::AllOf(parts) => {
                if parts.is_empty() {
                    self.warn(codes::EMPTY_CONDITION, path.clone(), "`AllOf([])` is met at once".to_owned()).help =
                        Some("list the conditions that must all be met".to_owned());
                }
                let mut possible = true;
                for (i, part) in parts.iter().enumerate() {
                    possible &= self.condition(&path.index(0).index(i), part);
                }
                possible
            }
            Condition::AnyOf(parts) => {
                if parts.is_empty() {
                    self.error(codes::EMPTY_CONDITION, path.clone(), "`AnyOf([])` can never be met".to_owned()).help =
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
    pub fn state_ref(&mut self, path: &Path, of: &str, key: &str, is: Option<&Expect>) -> bool {
        let Some(entity) = self.registry.get(of).cloned() else {
            let near = suggestion(of, self.registry.ids()).map(str::to_owned);
            let finding =
                self.error(codes::UNKNOWN_STATE, path.field("of"), format!("unknown station, zone or object `{of}`"));
            finding.help = Some(did_you_mean(near.as_deref(), "declare it in `setup`"));
            return true;
        };
        let Some(initial) = entity.state.get(key) else {
            let near = suggestion(key, entity.state.keys().map(String::as_str));
            let finding =
                self.error(codes::UNKNOWN_STATE, path.field("key"), format!("`{of}` has no state key `{key}`"));
            finding.help = Some(did_you_mean(
                near,
                format!("declare `\"{key}\"` with its starting value in the `state` of `{of}` in setup"),
            ));
            return true;
        };
        let Some(is) = is else { return true };
        if key == super::runner::LOCATION
            && let Expect::Is(value) = is
        {
            self.location(path.field("is").index(0), of, value);
        }
        let declared = value_type(initial);
        if let Some(wanted) = expect_type(is)
            && wanted != declared
        {
            self.error(
                codes::STATE_TYPE,
                path.field("is"),
                format!("`{of}`.`{key}` holds a {declared}, but this expects a {wanted}"),
            )
            .help = Some(format!("expect a {declared}, as `{of}` declares `{key}` in setup"));
            return false;
        }
        self.expect(&path.field("is"), is, None)
    }

    /// A value of `location` (where `of` lies) must name a place the level declares.
    pub fn location(&mut self, path: Path, of: &str, value: &Value) {
        let Value::Choice(place) = value else {
            self.error(codes::STATE_TYPE, path, format!("`{of}`.`location` names a place: write `Choice(\"...\")`"))
                .help = Some("the place is the id of an object, station or zone".to_owned());
            return;
        };
        if place != "floor" && place != super::runner::WORN && self.registry.get(place).is_none() {
            let near = suggestion(place, self.registry.ids()).map(str::to_owned);
            self.error(codes::UNKNOWN_ID, path, format!("`{of}` cannot lie at `{place}`: nothing has that id")).help =
                Some(did_you_mean(
                    near.as_deref(),
                    "a location is the id of an object, station or zone (or `floor`, or `worn` for a garment)",
                ));
        }
    }

    /// Checks a pattern's ids and values; returns whether an action can match it.
    pub fn pattern(&mut self, path: &Path, pattern: &ActionPattern) -> bool {
        let verb = pattern.verb();
        let fields = pattern_fields(path, pattern);
        for (field_path, id, role) in fields {
            self.id_ref(field_path, id, role, verb, false);
        }
        match pattern {
            ActionPattern::Set { control, to } => {
                let kind = self.registry.control_kind(control).cloned();
                self.expect(&path.field("to"), to, kind.as_ref().map(|k| (control.as_str(), k)))
            }
            ActionPattern::Record { entry, value } => match self.records_of(entry) {
                Some(records) => self.expect(&path.field("value"), value, Some((entry.as_str(), &records))),
                None => self.records_nothing(path.field("entry"), entry),
            },
            ActionPattern::Wait { seconds } => self.seconds(path.field("seconds"), *seconds, "a wait"),
            _ => true,
        }
    }

    /// `Record` on an entry that declares no `records`: the record terminal would only offer to
    /// sign it. (Entries that are not declared at all are reported as unknown ids.)
    pub fn records_nothing(&mut self, path: Path, entry: &str) -> bool {
        let declared =
            self.registry.get(entry).is_some_and(|e| matches!(e.kind, EntityKind::Object(ObjectKind::Entry)));
        if declared {
            self.error(
                codes::RECORD_VALUE,
                path,
                format!("entry `{entry}` records no value: the record terminal only offers to sign it"),
            )
            .help = Some(
                "give the entry what it records, e.g. `records: Number(min: 0, max: 100, unit: \"CFU\")` or `records: Text`"
                    .to_owned(),
            );
        }
        false
    }

    /// What a batch-record entry records, if it declares it.
    pub fn records_of(&self, entry: &str) -> Option<ControlKind> {
        let zones = self.level.setup.zones.iter().flat_map(|zone| &zone.objects);
        let stations = self.level.setup.stations.iter().flat_map(|station| &station.objects);
        zones.chain(stations).find(|object| object.id == entry).and_then(|object| object.records.clone())
    }

    pub fn id_ref(&mut self, path: Path, id: &str, role: Role, verb: &str, concrete: bool) {
        if id == ANY_ID || id.starts_with('#') {
            if concrete {
                self.error(
                    codes::PATTERN_IN_GOLDEN,
                    path,
                    format!("the golden path must name a real id, not the pattern `{id}`"),
                )
                .help = Some("write the id of the object the expert actually uses".to_owned());
            } else if let Some(tag) = id.strip_prefix('#')
                && !self.registry.tag_exists(tag)
            {
                self.error(codes::UNKNOWN_TAG, path, format!("no object has the tag `{tag}`")).help =
                    Some("add it to the `tags` of the objects it should match".to_owned());
            }
            return;
        }
        if id.trim().is_empty() {
            self.error(codes::EMPTY_ID, path, format!("`{verb}` names an empty id")).help =
                Some("write the id of the object it is about".to_owned());
            return;
        }
        match self.registry.get(id) {
            None => {
                let near = suggestion(id, self.registry.ids()).map(str::to_owned);
                let finding = self.error(codes::UNKNOWN_ID, path, format!("unknown {} `{id}`", role.name()));
                finding.help = Some(did_you_mean(near.as_deref(), "declare it in `setup`, under a zone or a station"));
            }
            Some(entity) if !role.accepts(&entity.kind) => {
                let kind = entity.kind.name();
                self.error(
                    codes::WRONG_KIND,
                    path,
                    format!("`{id}` is {}, but `{verb}` needs {}", with_article(kind), with_article(role.name())),
                )
                .help = Some(format!("use {} here, or change the object's `kind`", with_article(role.name())));
            }
            Some(_) => {}
        }
    }

    /// The numbers of an expectation, with the parameters resolved; `None` for a parameter
    /// the level does not declare (reported).
    fn expect_numbers(&mut self, path: &Path, expect: &Expect) -> Option<Vec<f64>> {
        let mut numbers = Vec::new();
        if let Expect::Is(Value::Number(n)) = expect {
            numbers.push(*n);
        }
        for quantity in expect.quantities() {
            numbers.push(self.quantity(path, quantity)?);
        }
        Some(numbers)
    }

    /// A number, or a parameter's value; `None` for a parameter that does not exist (reported).
    pub fn quantity(&mut self, path: &Path, quantity: &Quantity) -> Option<f64> {
        match quantity {
            Quantity::Number(n) => Some(*n),
            Quantity::Parameter(name) => match self.level.parameters.get(name) {
                Some(parameter) => Some(parameter.value),
                None => {
                    let names: Vec<&str> = self.level.parameters.keys().map(String::as_str).collect();
                    let near = suggestion(name, names.iter().copied());
                    let otherwise = if names.is_empty() {
                        format!("declare it in the level's `parameters`: `\"{name}\": (value: ..., unit: \"...\")`")
                    } else {
                        format!("the parameters are {}", listed(&names))
                    };
                    self.error(codes::UNKNOWN_PARAMETER, path.clone(), format!("unknown parameter `{name}`")).help =
                        Some(did_you_mean(near, otherwise));
                    None
                }
            },
        }
    }

    /// Checks that some value can meet `expect` (and, for a control or entry, that it takes
    /// it). Returns whether one can.
    pub fn expect(&mut self, path: &Path, expect: &Expect, control: Option<(&str, &ControlKind)>) -> bool {
        let Some(numbers) = self.expect_numbers(path, expect) else {
            return true;
        };
        if !self.finite(path.clone(), &numbers, || "NaN and infinity are not usable numbers".to_owned()) {
            return false;
        }
        // Every name is a known parameter here: the bounds are numbers.
        let resolved = super::parameters::resolved_expect(expect, &self.level.parameters);
        match &resolved {
            Expect::Between { min: Quantity::Number(min), max: Quantity::Number(max) } if min > max => {
                self.error(
                    codes::IMPOSSIBLE,
                    path.clone(),
                    format!("no value can meet this: min {min} is greater than max {max}"),
                )
                .help = Some("swap min and max".to_owned());
                return false;
            }
            Expect::Near { tolerance: Quantity::Number(tolerance), .. } if *tolerance < 0.0 => {
                self.error(
                    codes::IMPOSSIBLE,
                    path.clone(),
                    format!("no value can meet this: the tolerance {tolerance} is negative"),
                )
                .help = Some("a tolerance is how far either side of the target is accepted".to_owned());
                return false;
            }
            _ => {}
        }
        let interval = resolved.number_interval();
        let Some((id, kind)) = control else {
            return true;
        };
        let takes = |kind: &ControlKind| match kind {
            ControlKind::Choice(_) => "one of its options, as `Is(Choice(\"...\"))`",
            ControlKind::Switch => "`Is(Flag(true))` or `Is(Flag(false))`",
            ControlKind::Text => "a text, as `Is(Text(\"...\"))`, or `Any`",
            ControlKind::Number { .. } => "a number",
            ControlKind::Button => "no value: press it instead",
        };
        match (kind, expect) {
            (_, Expect::Any) => true,
            (ControlKind::Number { min, max, unit }, _) => {
                let Some((low, high)) = interval else {
                    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                    self.error(
                        codes::CONTROL_VALUE,
                        path.clone(),
                        format!("`{id}` takes a number, not a {}", expect_type(expect).unwrap_or("value")),
                    )
                    .help = Some(format!("write a number from {min} to {max}{unit}, e.g. `Number({min})`"));
                    return false;
                };
                if high < *min || low > *max {
                    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                    self.error(
                        codes::IMPOSSIBLE,
                        path.clone(),
                        format!("no value can meet this: `{id}` only goes from {min} to {max}{unit}"),
                    )
                    .help = Some("change the target, or the declared range".to_owned());
                    return false;
                }
                true
            }
            (ControlKind::Choice(options), Expect::Is(Value::Choice(choice))) => {
                if options.contains(choice) {
                    return true;
                }
                let near = suggestion(choice, options.iter().map(String::as_str));
                let finding =
                    self.error(codes::CONTROL_VALUE, path.clone(), format!("`{id}` has no option `{choice}`"));
                finding.help = Some(did_you_mean(near, format!("its options are: {}", options.join(", "))));
                false
            }
            (ControlKind::Switch, Expect::Is(Value::Flag(_))) | (ControlKind::Text, Expect::Is(Value::Text(_))) => true,
            (kind, _) => {
                self.error(codes::CONTROL_VALUE, path.clone(), format!("`{id}` takes {}", takes(kind)));
                false
            }
        }
    }
}

/// "a" or "an" before `word`.
pub(crate) fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
