//! Checks of what a level declares: its own id and texts, the setup's zones, stations,
//! objects and controls, its parameters and random values, and what the text itself says that
//! the typed level forgets (a key written twice, a number that is not finite).

use std::collections::HashMap;

use crate::level::{Control, ControlKind, Object, ObjectKind, Pick, Station, Verification};
use crate::stations::StationSpec;

use super::codes;
use super::diagnostic::clipped_list;
use super::spans::{Node, Path};
use super::validate::{Checker, did_you_mean, in_order, suggestion, value_type};

impl<'a> Checker<'a> {
    /// The level's own id, texts and prerequisites, then its setup.
    pub fn check_setup(&mut self) {
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
                    codes::UNKNOWN_PREREQUISITE,
                    root.field("prerequisites").index(i),
                    format!("level `{id}` lists itself as a prerequisite"),
                )
                .help = Some("a level's prerequisites are the levels to finish before it".to_owned());
            }
        }
        let setup = &level.setup;
        let root = root.field("setup");
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
                let near = suggestion(&zone, zone_ids.iter().copied());
                self.error(codes::UNKNOWN_ZONE, path.field("zone"), format!("unknown zone `{zone}`")).help =
                    Some(did_you_mean(near, "declare the zone in `setup.zones`"));
            }
            self.check_contents(&path, &station.objects, &station.controls, &mut seen);
            match crate::stations::spec(&station.id) {
                Some(spec) => self.check_station_model(&path, station, spec),
                None => {
                    for key in station.settings.keys() {
                        self.error(
                            codes::STATION_SETTING,
                            path.field("settings").key(key),
                            format!("the {} station has no model, so it takes no settings", station.id),
                        )
                        .help = Some("remove `settings`: only a station with a model takes them".to_owned());
                    }
                }
            }
        }
    }

    /// A station with a model: the level may name only the controls and observation keys the
    /// model declares, or the world would never press them or the runner never hear of them.
    fn check_station_model(&mut self, path: &Path, station: &Station, spec: &StationSpec) {
        self.check_settings(path, station, spec);
        for (c, control) in station.controls.iter().enumerate() {
            if !spec.controls.contains(&control.id.as_str()) {
                let finding = self.error(
                    codes::STATION_CONTROL,
                    path.field("controls").index(c).field("id"),
                    format!("the {} station has no control `{}`", spec.id, control.id),
                );
                finding.help = Some(declared_help(&control.id, spec.controls, "controls"));
            }
        }
        for key in station.state.keys() {
            if !spec.observation_keys.contains(&key.as_str()) {
                let finding = self.error(
                    codes::STATION_KEY,
                    path.field("state").key(key),
                    format!("the {} station reports no `{key}`: a condition on it could never change", spec.id),
                );
                finding.help = Some(declared_help(key, spec.observation_keys, "observation keys"));
            }
        }
    }

    /// A station's settings: keys its model takes, with values in their range.
    fn check_settings(&mut self, path: &Path, station: &Station, spec: &StationSpec) {
        for (key, value) in &station.settings {
            let at = path.field("settings").key(key);
            let Some(setting) = spec.settings.iter().find(|setting| setting.key == key) else {
                let keys: Vec<&str> = spec.settings.iter().map(|setting| setting.key).collect();
                let finding =
                    self.error(codes::STATION_SETTING, at, format!("the {} station takes no setting `{key}`", spec.id));
                finding.help = Some(if keys.is_empty() {
                    format!("the {} station takes no settings: remove `settings`", spec.id)
                } else {
                    declared_help(key, &keys, "settings")
                });
                continue;
            };
            if !setting.accepts(value) {
                let finding = self.error(
                    codes::SETTING_VALUE,
                    at,
                    format!("`{key}` ({}) takes {}, not {value:?}", setting.about, setting.range()),
                );
                finding.help = Some(format!("give `{key}` {}", setting.range()));
            }
        }
    }

    fn declare(&mut self, seen: &mut HashMap<&'a str, Path>, path: Path, id: &'a str, what: &str) {
        self.snake_id(path.clone(), id, what);
        if let Some(first) = seen.get(id) {
            let related = Some((first.clone(), "first declared here"));
            let finding = self.error(codes::DECLARED_TWICE, path, format!("`{id}` is declared twice"));
            finding.help = Some("every id in setup must be unique: rename one of them".to_owned());
            finding.related = related;
        } else {
            seen.insert(id, path);
        }
    }

    fn check_contents(
        &mut self,
        path: &Path,
        objects: &'a [Object],
        controls: &'a [Control],
        seen: &mut HashMap<&'a str, Path>,
    ) {
        for (o, object) in objects.iter().enumerate() {
            let object_path = path.field("objects").index(o);
            self.declare(seen, object_path.field("id"), &object.id, "object");
            if let Some(place) = object.state.get(super::runner::LOCATION) {
                self.location(object_path.field("state").key(super::runner::LOCATION), &object.id, place);
            }
            if let Some(title) = &object.title {
                self.text(object_path.field("title"), title, true);
            }
            match (object.kind, &object.records) {
                (ObjectKind::Entry, records) => {
                    if object.title.is_none() {
                        self.warn(
                            codes::UNTITLED_ENTRY,
                            object_path.field("id"),
                            format!("entry `{}` has no title: the record terminal will show its id", object.id),
                        )
                        .help =
                            Some("add `title: (en: \"...\", ko: \"...\")` as the trainee should read it".to_owned());
                    }
                    if let Some(kind) = records {
                        self.control_kind(&object_path.field("records"), &object.id, kind);
                    }
                    if let Some(verification) = &object.verify {
                        self.verification(&object_path.field("verify"), verification);
                    }
                }
                (_, Some(_)) => {
                    self.error(
                        codes::WRONG_KIND,
                        object_path.field("records"),
                        format!("`{}` is not an entry, so it records no value", object.id),
                    )
                    .help = Some("only objects of kind `Entry` take `records`".to_owned());
                }
                (_, None) => {}
            }
            if object.kind != ObjectKind::Entry && object.verify.is_some() {
                self.error(
                    codes::WRONG_KIND,
                    object_path.field("verify"),
                    format!("`{}` is not an entry, so nobody signs it to verify", object.id),
                )
                .help = Some("only objects of kind `Entry` take `verify`".to_owned());
            }
        }
        for (c, control) in controls.iter().enumerate() {
            let control_path = path.field("controls").index(c);
            self.declare(seen, control_path.field("id"), &control.id, "control");
            self.control_kind(&control_path.field("kind"), &control.id, &control.kind);
        }
    }

    /// A number range that is not empty, choices that exist.
    /// A second person's verification: its texts, its time and checks of states only.
    fn verification(&mut self, path: &Path, verification: &Verification) {
        self.text(path.field("by"), &verification.by, true);
        self.text(path.field("verified"), &verification.verified, true);
        self.text(path.field("refused"), &verification.refused, true);
        if let Some(finding) =
            self.positive_seconds(codes::VERIFY_TIME, path.field("after_s"), verification.after_s, "`after_s`")
        {
            finding.help = Some("the seconds between the signature and the verifier's check".to_owned());
        }
        let mut names_an_action = false;
        super::runner::for_each_pattern(&verification.checks, &mut |_| names_an_action = true);
        if names_an_action {
            self.error(
                codes::VERIFY_CHECKS_ACTION,
                path.field("checks"),
                "a verifier checks how things are, not what was done: `Do` cannot be verified".to_owned(),
            )
            .help = Some("write `State(of: ..., key: ..., is: ...)` conditions, in `AllOf`/`AnyOf`".to_owned());
        } else {
            self.condition(&path.field("checks"), &verification.checks);
        }
    }

    fn control_kind(&mut self, path: &Path, id: &str, kind: &ControlKind) {
        match kind {
            ControlKind::Number { min, max, .. } if !min.is_finite() || !max.is_finite() => {
                self.finite(path.clone(), &[*min, *max], || format!("`{id}` has a range that is not finite"));
            }
            ControlKind::Number { min, max, .. } if !in_order(*min, *max) => {
                self.error(
                    codes::EMPTY_RANGE,
                    path.clone(),
                    format!("`{id}` has an empty range: min {min} is greater than max {max}"),
                )
                .help = Some("swap min and max".to_owned());
            }
            ControlKind::Choice(options) if options.is_empty() => {
                self.error(codes::NO_OPTIONS, path.clone(), format!("choice `{id}` has no options")).help =
                    Some("list the options, as `Choice([\"a\", \"b\"])`".to_owned());
            }
            _ => {}
        }
    }

    /// Parameters: finite values.
    pub fn check_parameters(&mut self) {
        let level = self.level;
        let root = Path::root().field("parameters");
        for (name, parameter) in &level.parameters {
            let path = root.key(name);
            self.snake_id(path.clone(), name, "parameter");
            self.finite(path.field("value"), &[parameter.value], || {
                format!("parameter `{name}` must be a finite number, not {}", parameter.value)
            });
            if let Some(about) = &parameter.about {
                self.text(path.field("about"), about, true);
            }
        }
    }

    /// Random values: of a declared property, with something to pick, of its kind.
    pub fn check_random(&mut self) {
        let level = self.level;
        let root = Path::root().field("random");
        for (i, random) in level.random.iter().enumerate() {
            let path = root.index(i);
            let Some(entity) = self.registry.get(&random.of).cloned() else {
                let near = suggestion(&random.of, self.registry.ids()).map(str::to_owned);
                self.error(
                    codes::RANDOM_TARGET,
                    path.field("of"),
                    format!("unknown station, zone or object `{}`", random.of),
                )
                .help = Some(did_you_mean(near.as_deref(), "declare it in `setup`"));
                continue;
            };
            let Some(initial) = entity.state.get(&random.key) else {
                self.error(
                    codes::RANDOM_TARGET,
                    path.field("key"),
                    format!("`{}` has no state key `{}` to draw", random.of, random.key),
                )
                .help = Some(format!(
                    "declare `\"{}\"` with a starting value in the `state` of `{}`",
                    random.key, random.of
                ));
                continue;
            };
            let declared = value_type(initial);
            match &random.pick {
                Pick::OneOf(values) if values.is_empty() => {
                    self.error(codes::RANDOM_PICK, path.field("pick"), "`OneOf([])` has nothing to pick".to_owned())
                        .help = Some("list at least one value".to_owned());
                }
                Pick::OneOf(values) => {
                    for (k, value) in values.iter().enumerate() {
                        if random.key == super::runner::LOCATION {
                            self.location(path.field("pick").index(0).index(k), &random.of, value);
                        }
                        if value_type(value) != declared {
                            self.error(
                                codes::RANDOM_PICK,
                                path.field("pick").index(0).index(k),
                                format!(
                                    "`{}`.`{}` holds a {declared}, not a {}",
                                    random.of,
                                    random.key,
                                    value_type(value)
                                ),
                            );
                        }
                    }
                }
                Pick::Between { min, max, step } => {
                    if declared != "number" {
                        self.error(
                            codes::RANDOM_PICK,
                            path.field("pick"),
                            format!("`{}`.`{}` holds a {declared}: draw it with `OneOf`", random.of, random.key),
                        );
                    } else if !min.is_finite() || !max.is_finite() || !step.is_finite() {
                        self.finite(path.field("pick"), &[*min, *max, *step], || {
                            "a random range must be finite".to_owned()
                        });
                    } else if min > max || *step < 0.0 {
                        self.error(
                            codes::RANDOM_PICK,
                            path.field("pick"),
                            format!("no number can be drawn from {min} to {max} in steps of {step}"),
                        )
                        .help = Some("min must be at most max, and the step 0 or more".to_owned());
                    }
                }
            }
        }
    }

    /// What only the text shows: keys written twice in a map (the typed level keeps the last
    /// one silently) and numbers that are NaN or infinite.
    pub fn check_text(&mut self, root: &Node) {
        self.numbers_scanned = true;
        for (key, first, again) in root.duplicate_keys() {
            let finding = self.error(
                codes::KEY_TWICE,
                Path::root(),
                format!("\"{key}\" is given twice in this map: only the last one would count"),
            );
            finding.at = Some((again.start, again.end));
            finding.related_at = Some((first.start, first.end, "first given here"));
            finding.help = Some("keep one of them".to_owned());
        }
        for node in root.non_finite_numbers() {
            let text = match &node.kind {
                super::spans::NodeKind::Atom(text) => text.clone(),
                _ => String::new(),
            };
            let finding = self.error(
                codes::NOT_A_NUMBER,
                Path::root(),
                format!("`{text}` is not a usable number: times, points and limits must be finite"),
            );
            finding.at = Some((node.start, node.end));
            finding.help = Some("write the number itself, e.g. `600` for ten minutes".to_owned());
        }
    }
}

/// "did you mean …? The station's <what> are: …", for an id a station model does not declare
/// (the whole list: it is what the author has to choose from).
fn declared_help(id: &str, declared: &[&str], what: &str) -> String {
    let list = clipped_list(declared);
    match suggestion(id, declared.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? the station's {what} are: {list}"),
        None => format!("the station's {what} are: {list}"),
    }
}
