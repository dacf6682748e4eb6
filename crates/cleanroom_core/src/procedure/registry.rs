//! Everything a level's setup declares, by id, and how actions are matched against patterns.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::common::Value;

use crate::level::{ANY_ID, Action, ActionPattern, Control, ControlKind, Object, ObjectKind, SanitiseTarget, Setup};

/// What a declared id names.
#[derive(Debug, Clone, PartialEq)]
pub enum EntityKind {
    Zone,
    Station,
    Object(ObjectKind),
    Control(ControlKind),
}

impl EntityKind {
    /// Lower-case English name used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            EntityKind::Zone => "zone",
            EntityKind::Station => "station",
            EntityKind::Object(kind) => kind.name(),
            EntityKind::Control(_) => "control",
        }
    }
}

/// One declared id.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    pub tags: Vec<String>,
    /// Declared properties and their starting values.
    pub state: BTreeMap<String, Value>,
}

/// Every id declared in a level's setup, in one namespace.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entities: HashMap<String, Entity>,
    tags: HashSet<String>,
}

impl Registry {
    /// Collects the ids declared in `setup`; a repeated id keeps its first declaration.
    pub fn new(setup: &Setup) -> Self {
        let mut registry = Registry::default();
        for zone in &setup.zones {
            registry.insert(&zone.id, EntityKind::Zone, &zone.tags, &zone.state);
            registry.insert_contents(&zone.objects, &zone.controls);
        }
        for station in &setup.stations {
            registry.insert(&station.id, EntityKind::Station, &station.tags, &station.state);
            registry.insert_contents(&station.objects, &station.controls);
        }
        registry
    }

    fn insert_contents(&mut self, objects: &[Object], controls: &[Control]) {
        for object in objects {
            // An entry a second person verifies reports whether they have (`verified`).
            let mut state = object.state.clone();
            if object.verify.is_some() {
                state.entry(crate::level::VERIFIED.to_owned()).or_insert(Value::Flag(false));
            }
            self.insert(&object.id, EntityKind::Object(object.kind), &object.tags, &state);
        }
        for control in controls {
            self.insert(&control.id, EntityKind::Control(control.kind.clone()), &control.tags, &BTreeMap::new());
        }
    }

    fn insert(&mut self, id: &str, kind: EntityKind, tags: &[String], state: &BTreeMap<String, Value>) {
        // A duplicate is reported by the checker; its tags still count, so nothing else
        // follows from it.
        self.tags.extend(tags.iter().cloned());
        if self.entities.contains_key(id) {
            return;
        }
        self.entities.insert(id.to_owned(), Entity { kind, tags: tags.to_vec(), state: state.clone() });
    }

    /// The entity declared with `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id)
    }

    /// What the control `id` takes, if `id` is a control.
    pub fn control_kind(&self, id: &str) -> Option<&ControlKind> {
        match self.get(id).map(|entity| &entity.kind) {
            Some(EntityKind::Control(kind)) => Some(kind),
            _ => None,
        }
    }

    /// Whether any entity carries `tag`.
    pub fn tag_exists(&self, tag: &str) -> bool {
        self.tags.contains(tag)
    }

    /// All declared ids, sorted (for suggestions).
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.entities.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// Whether the pattern id (`"*"`, `"#tag"` or an id) matches `id`.
    pub fn id_matches(&self, pattern: &str, id: &str) -> bool {
        if pattern == ANY_ID {
            return true;
        }
        match pattern.strip_prefix('#') {
            Some(tag) => self.entities.get(id).is_some_and(|entity| entity.tags.iter().any(|t| t == tag)),
            None => pattern == id,
        }
    }

    /// Whether `action` matches `pattern`.
    pub fn matches(&self, pattern: &ActionPattern, action: &Action) -> bool {
        let m = |p: &str, id: &str| self.id_matches(p, id);
        match (pattern, action) {
            (ActionPattern::Grab { item: p }, Action::Grab { item }) => m(p, item),
            (ActionPattern::Place { item: pi, target: pt }, Action::Place { item, target }) => {
                m(pi, item) && m(pt, target)
            }
            (ActionPattern::Press { control: p }, Action::Press { control }) => m(p, control),
            (ActionPattern::Set { control: p, to }, Action::Set { control, value }) => {
                m(p, control) && to.accepts(value)
            }
            (ActionPattern::Connect { a: pa, b: pb, method: pm }, Action::Connect { a, b, method }) => {
                pm.is_none_or(|pm| pm == *method) && ((m(pa, a) && m(pb, b)) || (m(pa, b) && m(pb, a)))
            }
            (ActionPattern::Seal { tube: p }, Action::Seal { tube }) => m(p, tube),
            (ActionPattern::OpenClamp { clamp: p }, Action::OpenClamp { clamp }) => m(p, clamp),
            (ActionPattern::CloseClamp { clamp: p }, Action::CloseClamp { clamp }) => m(p, clamp),
            (ActionPattern::Wear { garment: p }, Action::Wear { garment }) => m(p, garment),
            (ActionPattern::TakeOff { garment: p }, Action::TakeOff { garment }) => m(p, garment),
            (ActionPattern::Discard { item: p }, Action::Discard { item }) => m(p, item),
            (ActionPattern::Sanitise { target: pt, with: pw }, Action::Sanitise { target, with }) => {
                let target_ok = match (pt, target) {
                    (None, _) => true,
                    (Some(SanitiseTarget::Hands), SanitiseTarget::Hands)
                    | (Some(SanitiseTarget::Gloves), SanitiseTarget::Gloves) => true,
                    (Some(SanitiseTarget::Surface(p)), SanitiseTarget::Surface(id)) => m(p, id),
                    _ => false,
                };
                let with_ok = match (pw, with) {
                    (None, _) => true,
                    (Some(p), Some(id)) => m(p, id),
                    (Some(p), None) => p == ANY_ID,
                };
                target_ok && with_ok
            }
            (ActionPattern::Touch { surface: p }, Action::Touch { surface }) => m(p, surface),
            (ActionPattern::Contact { item: pi, surface: ps }, Action::Contact { item, surface, .. }) => {
                m(pi, item) && m(ps, surface)
            }
            (ActionPattern::Reach { place: p }, Action::Reach { place }) => m(p, place),
            (ActionPattern::Sign { entry: p }, Action::Sign { entry }) => m(p, entry),
            (ActionPattern::Record { entry: p, value: expect }, Action::Record { entry, value }) => {
                m(p, entry) && expect.accepts(value)
            }
            (ActionPattern::Inspect { object: p }, Action::Inspect { object }) => m(p, object),
            (ActionPattern::TakeSample { port: p }, Action::TakeSample { port }) => m(p, port),
            (ActionPattern::Wait { seconds: min }, Action::Wait { seconds }) => *seconds >= *min,
            _ => false,
        }
    }
}

impl Action {
    /// Short English name of the action's verb, as written in a level file.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Grab { .. } => "Grab",
            Action::Place { .. } => "Place",
            Action::Press { .. } => "Press",
            Action::Set { .. } => "Set",
            Action::Connect { .. } => "Connect",
            Action::Seal { .. } => "Seal",
            Action::OpenClamp { .. } => "OpenClamp",
            Action::CloseClamp { .. } => "CloseClamp",
            Action::Wear { .. } => "Wear",
            Action::TakeOff { .. } => "TakeOff",
            Action::Discard { .. } => "Discard",
            Action::Sanitise { .. } => "Sanitise",
            Action::Touch { .. } => "Touch",
            Action::Contact { .. } => "Contact",
            Action::Reach { .. } => "Reach",
            Action::Sign { .. } => "Sign",
            Action::Record { .. } => "Record",
            Action::Inspect { .. } => "Inspect",
            Action::TakeSample { .. } => "TakeSample",
            Action::Wait { .. } => "Wait",
        }
    }

    /// Every id the action involves (the object handled, the control, the target).
    pub fn ids(&self) -> Vec<&str> {
        match self {
            Action::Grab { item } | Action::Discard { item } => vec![item],
            Action::Place { item, target } => vec![item, target],
            Action::Press { control } | Action::Set { control, .. } => vec![control],
            Action::Connect { a, b, .. } => vec![a, b],
            Action::Seal { tube } => vec![tube],
            Action::OpenClamp { clamp } | Action::CloseClamp { clamp } => vec![clamp],
            Action::Wear { garment } | Action::TakeOff { garment } => vec![garment],
            Action::Sanitise { target, with } => {
                let mut ids = Vec::new();
                if let SanitiseTarget::Surface(id) = target {
                    ids.push(id.as_str());
                }
                if let Some(with) = with {
                    ids.push(with.as_str());
                }
                ids
            }
            Action::Touch { surface } => vec![surface],
            Action::Contact { item, surface, .. } => vec![item, surface],
            Action::Reach { place } => vec![place],
            Action::Sign { entry } | Action::Record { entry, .. } => vec![entry],
            Action::Inspect { object } => vec![object],
            Action::TakeSample { port } => vec![port],
            Action::Wait { .. } => Vec::new(),
        }
    }
}

impl ActionPattern {
    /// The verb of the actions it matches, as written in a level file.
    pub fn verb(&self) -> &'static str {
        match self {
            ActionPattern::Grab { .. } => "Grab",
            ActionPattern::Place { .. } => "Place",
            ActionPattern::Press { .. } => "Press",
            ActionPattern::Set { .. } => "Set",
            ActionPattern::Connect { .. } => "Connect",
            ActionPattern::Seal { .. } => "Seal",
            ActionPattern::OpenClamp { .. } => "OpenClamp",
            ActionPattern::CloseClamp { .. } => "CloseClamp",
            ActionPattern::Wear { .. } => "Wear",
            ActionPattern::TakeOff { .. } => "TakeOff",
            ActionPattern::Discard { .. } => "Discard",
            ActionPattern::Sanitise { .. } => "Sanitise",
            ActionPattern::Touch { .. } => "Touch",
            ActionPattern::Contact { .. } => "Contact",
            ActionPattern::Reach { .. } => "Reach",
            ActionPattern::Sign { .. } => "Sign",
            ActionPattern::Record { .. } => "Record",
            ActionPattern::Inspect { .. } => "Inspect",
            ActionPattern::TakeSample { .. } => "TakeSample",
            ActionPattern::Wait { .. } => "Wait",
        }
    }

    /// The concrete ids the pattern names (not `"*"` or `"#tag"`).
    pub fn concrete_ids(&self) -> Vec<&str> {
        let ids: Vec<&str> = match self {
            ActionPattern::Grab { item } | ActionPattern::Discard { item } => vec![item],
            ActionPattern::Place { item, target } => vec![item, target],
            ActionPattern::Press { control } | ActionPattern::Set { control, .. } => {
                vec![control]
            }
            ActionPattern::Connect { a, b, .. } => vec![a, b],
            ActionPattern::Seal { tube } => vec![tube],
            ActionPattern::OpenClamp { clamp } | ActionPattern::CloseClamp { clamp } => {
                vec![clamp]
            }
            ActionPattern::Wear { garment } | ActionPattern::TakeOff { garment } => vec![garment],
            ActionPattern::Sanitise { target, with } => {
                let mut ids = Vec::new();
                if let Some(SanitiseTarget::Surface(id)) = target {
                    ids.push(id.as_str());
                }
                if let Some(with) = with {
                    ids.push(with.as_str());
                }
                ids
            }
            ActionPattern::Touch { surface } => vec![surface],
            ActionPattern::Contact { item, surface } => vec![item, surface],
            ActionPattern::Reach { place } => vec![place],
            ActionPattern::Sign { entry } | ActionPattern::Record { entry, .. } => vec![entry],
            ActionPattern::Inspect { object } => vec![object],
            ActionPattern::TakeSample { port } => vec![port],
            ActionPattern::Wait { .. } => Vec::new(),
        };
        ids.into_iter().filter(|id| *id != ANY_ID && !id.starts_with('#')).collect()
    }
}
