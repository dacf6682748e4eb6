//! Material transfer into the Grade B room through the pass-through hatch (domain.md §1): each
//! item wiped with a sporicidal / 70 % IPA wipe before it goes in, left for the disinfectant's
//! contact time, loaded through the corridor door, the hatch's doors interlocked so that only
//! one is open at a time, and the outer wrap removed at the boundary before the item is taken
//! into the room. An item whose outer wrap is damaged does not go in: it is set aside on the
//! corridor's reject tray.
//!
//! The items are the level's (a box of media, a tubing set, sample tubes); which one has a
//! damaged wrap, and the contact time the site's SOP gives its disinfectant, are the
//! instructor's settings.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::common::{Text, Value};
use crate::level::{Action, SanitiseTarget};
use crate::stations::batch_record::{BatchRecord, EntryKind};
use crate::stations::screen::{ScreenView, alarm, good, line};
use crate::stations::{Outcome, SettingKind, SettingSpec, StationModel, StationSpec};

pub const STATION_ID: &str = "material_transfer";
/// The hatch's inside, where items are put through.
pub const HATCH: &str = "pass_through_hatch";
/// The hatch's two doors, each opened and closed by its button.
pub const CORRIDOR_DOOR: &str = "hatch_corridor_door";
pub const ROOM_DOOR: &str = "hatch_room_door";
/// The canister of sporicidal wipes on the corridor's transfer trolley.
pub const WIPES: &str = "sporicidal_wipes";
/// Where transferred items go on the room side, and where a damaged one is set aside.
pub const RECEIPT: &str = "transfer_receipt_trolley";
pub const REJECT: &str = "transfer_reject_tray";

/// The items to transfer, each with the control that peels its outer wrap off.
pub const ITEMS: [(&str, &str); 3] = [
    ("transfer_media_box", "transfer_media_box_outer_wrap"),
    ("transfer_tubing_set", "transfer_tubing_set_outer_wrap"),
    ("transfer_sample_tubes", "transfer_sample_tubes_outer_wrap"),
];

/// The mark of a torn outer wrap on each item, shown where the level tears it.
pub const TEARS: [&str; 3] = ["transfer_media_box_tear", "transfer_tubing_set_tear", "transfer_sample_tubes_tear"];

/// The disinfectant's contact time when a level gives none, s. Typical: the wipe's label and the
/// site's SOP give it; an assumption here, not a product's claim.
pub const DEFAULT_CONTACT_SECONDS: f64 = 60.0;

/// What the hatch declares to level authors.
pub const SPEC: StationSpec = StationSpec {
    id: STATION_ID,
    controls: &CONTROLS,
    observation_keys: OBSERVATION_KEYS,
    events: &[],
    settings: &SETTINGS,
    new: |operator| Box::new(MaterialTransfer::new(operator)),
};

pub const CONTROLS: [&str; 5] = [CORRIDOR_DOOR, ROOM_DOOR, ITEMS[0].1, ITEMS[1].1, ITEMS[2].1];

pub const SETTINGS: [SettingSpec; 2] = [
    SettingSpec::number(
        "contact_seconds",
        10.0,
        600.0,
        "how long a wiped item is left wet before it is put through, s (the disinfectant's contact time by the site's SOP)",
    ),
    SettingSpec {
        key: "damaged_wrap",
        kind: SettingKind::Choice(&["none", "transfer_media_box", "transfer_tubing_set", "transfer_sample_tubes"]),
        about: "the item whose outer wrap is torn (found by inspecting it), which must not go in",
    },
];

/// Every key the hatch reports.
pub const OBSERVATION_KEYS: &[&str] = &[
    "corridor_door_open",
    "room_door_open",
    "transfer_media_box_wiped",
    "transfer_media_box_in_hatch",
    "transfer_media_box_unwrapped",
    "transfer_media_box_in_room",
    "transfer_tubing_set_wiped",
    "transfer_tubing_set_in_hatch",
    "transfer_tubing_set_unwrapped",
    "transfer_tubing_set_in_room",
    "transfer_sample_tubes_wiped",
    "transfer_sample_tubes_in_hatch",
    "transfer_sample_tubes_unwrapped",
    "transfer_sample_tubes_in_room",
    "damaged_item_rejected",
    "transfer_complete",
    "deviation_loaded_unwiped",
    "deviation_contact_time_short",
    "deviation_damaged_item_loaded",
    "deviation_wrap_into_grade_b",
    "deviation_sound_item_rejected",
];

/// Where one item stands.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Item {
    wiped_at_s: Option<f64>,
    in_hatch: bool,
    unwrapped: bool,
    in_room: bool,
    rejected: bool,
    damaged: bool,
}

/// What went wrong, once each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fault {
    LoadedUnwiped,
    ContactTimeShort,
    DamagedLoaded,
    WrapIntoGradeB,
    SoundRejected,
}

impl Fault {
    fn key(self) -> &'static str {
        match self {
            Fault::LoadedUnwiped => "deviation_loaded_unwiped",
            Fault::ContactTimeShort => "deviation_contact_time_short",
            Fault::DamagedLoaded => "deviation_damaged_item_loaded",
            Fault::WrapIntoGradeB => "deviation_wrap_into_grade_b",
            Fault::SoundRejected => "deviation_sound_item_rejected",
        }
    }
}

/// The hatch, the items and their record.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialTransfer {
    items: [Item; 3],
    corridor_open: bool,
    room_open: bool,
    contact_seconds: f64,
    now_s: f64,
    faults: Vec<Fault>,
    record: BatchRecord,
    operator: String,
}

impl MaterialTransfer {
    pub fn new(operator: &str) -> Self {
        MaterialTransfer {
            items: [Item::default(); 3],
            corridor_open: false,
            room_open: false,
            contact_seconds: DEFAULT_CONTACT_SECONDS,
            now_s: 0.0,
            faults: Vec::new(),
            record: BatchRecord::new(),
            operator: operator.to_owned(),
        }
    }

    fn index(item: &str) -> Option<usize> {
        ITEMS.iter().position(|(id, _)| *id == item)
    }

    fn wrap_index(control: &str) -> Option<usize> {
        ITEMS.iter().position(|(_, wrap)| *wrap == control)
    }

    fn name(index: usize) -> Text {
        match index {
            0 => Text::new("the box of media", "배지 상자"),
            1 => Text::new("the tubing set", "튜빙 세트"),
            _ => Text::new("the sample tubes", "샘플 튜브"),
        }
    }

    fn fault(&mut self, fault: Fault, text: Text) -> Outcome {
        if !self.faults.contains(&fault) {
            self.faults.push(fault);
        }
        self.note(EntryKind::Deviation, Value::Flag(true), text)
    }

    /// A material-movement entry in the record.
    fn material(&mut self, text: Text) -> Outcome {
        self.note(EntryKind::Material, Value::Flag(true), text)
    }

    fn note(&mut self, kind: EntryKind, value: Value, text: Text) -> Outcome {
        let id = self.record.record(self.now_s / 3600.0, &self.operator, kind, value, text);
        Outcome { handled: true, refusals: Vec::new(), notes: self.record.entry(id).cloned().into_iter().collect() }
    }

    fn door(&mut self, corridor: bool) -> Outcome {
        let (open, other) =
            if corridor { (self.corridor_open, self.room_open) } else { (self.room_open, self.corridor_open) };
        if !open && other {
            return Outcome::refused(
                "transfer:interlock",
                "The other door of the hatch is open: the interlock keeps this one shut.",
                "패스박스의 반대쪽 문이 열려 있어 인터록으로 이 문은 열리지 않습니다.",
            );
        }
        if corridor {
            self.corridor_open = !open;
        } else {
            self.room_open = !open;
        }
        Outcome { handled: true, ..Outcome::default() }
    }

    fn wipe(&mut self, index: usize) -> Outcome {
        let item = &mut self.items[index];
        if item.in_hatch || item.in_room {
            return Outcome::refused(
                "transfer:passed",
                "It is through the hatch already: items are wiped before they go in.",
                "이미 패스박스를 지났습니다. 물품은 넣기 전에 닦습니다.",
            );
        }
        item.wiped_at_s = Some(self.now_s);
        let name = Self::name(index);
        self.material(Text::new(
            format!("Wiped {} with a sporicidal wipe.", name.en),
            format!("{}을(를) 살포자제 와이프로 닦음.", name.ko),
        ))
    }

    fn inspect(&mut self, index: usize) -> Outcome {
        let item = self.items[index];
        if !item.damaged {
            return Outcome { handled: true, ..Outcome::default() };
        }
        let name = Self::name(index);
        self.material(Text::new(
            format!("The outer wrap of {} is torn.", name.en),
            format!("{}의 외포장이 찢어져 있음.", name.ko),
        ))
    }

    fn load(&mut self, index: usize) -> Outcome {
        if !self.corridor_open {
            return Outcome::refused(
                "transfer:door_shut",
                "Open the hatch's corridor door first.",
                "먼저 패스박스의 복도 쪽 문을 여십시오.",
            );
        }
        let item = self.items[index];
        if item.in_hatch || item.in_room {
            return Outcome { handled: true, ..Outcome::default() };
        }
        self.items[index].in_hatch = true;
        self.items[index].rejected = false;
        let name = Self::name(index);
        let mut outcome = Outcome { handled: true, ..Outcome::default() };
        let mut add = |this: &mut Self, fault, text| outcome.notes.extend(this.fault(fault, text).notes);
        match item.wiped_at_s {
            None => add(
                self,
                Fault::LoadedUnwiped,
                Text::new(
                    format!("{} put through the hatch without being wiped.", crate::common::capitalised(&name.en)),
                    format!("{}을(를) 닦지 않고 패스박스에 넣음.", name.ko),
                ),
            ),
            Some(at) if self.now_s - at < self.contact_seconds => {
                let waited = self.now_s - at;
                let contact = self.contact_seconds;
                add(
                    self,
                    Fault::ContactTimeShort,
                    Text::new(
                        format!(
                            "{} put through {waited:.0} s after wiping, before the {contact:.0} s contact time.",
                            crate::common::capitalised(&name.en)
                        ),
                        format!("{}을(를) 닦은 지 {waited:.0}초 만에 넣음. 접촉 시간 {contact:.0}초 전.", name.ko),
                    ),
                )
            }
            Some(_) => {}
        }
        if item.damaged {
            add(
                self,
                Fault::DamagedLoaded,
                Text::new(
                    format!("{} put through with its outer wrap torn.", crate::common::capitalised(&name.en)),
                    format!("외포장이 찢어진 {}을(를) 패스박스에 넣음.", name.ko),
                ),
            );
        }
        outcome
    }

    fn unwrap(&mut self, index: usize) -> Outcome {
        let item = self.items[index];
        if !item.in_hatch || !self.room_open {
            return Outcome::refused(
                "transfer:not_at_boundary",
                "The outer wrap comes off at the boundary: in the hatch, from the room's side, with its room door open.",
                "외포장은 경계에서 벗깁니다. 공정실 쪽에서 패스박스 문을 열고 패스박스 안에서 벗기십시오.",
            );
        }
        if item.unwrapped {
            return Outcome { handled: true, ..Outcome::default() };
        }
        self.items[index].unwrapped = true;
        Outcome { handled: true, ..Outcome::default() }
    }

    fn take_in(&mut self, index: usize) -> Outcome {
        let item = self.items[index];
        if !item.in_hatch || !self.room_open {
            return Outcome::refused(
                "transfer:not_through",
                "Only what is in the hatch comes into the room, through its room door.",
                "패스박스 안에 있는 물품만 공정실 쪽 문을 통해 들여옵니다.",
            );
        }
        self.items[index].in_hatch = false;
        self.items[index].in_room = true;
        if !item.unwrapped {
            let name = Self::name(index);
            return self.fault(
                Fault::WrapIntoGradeB,
                Text::new(
                    format!("{} brought into Grade B in its outer wrap.", crate::common::capitalised(&name.en)),
                    format!("{}을(를) 외포장째 B등급 구역에 들임.", name.ko),
                ),
            );
        }
        let name = Self::name(index);
        self.material(Text::new(
            format!("{} transferred into the processing room.", crate::common::capitalised(&name.en)),
            format!("{}을(를) 공정실로 반입함.", name.ko),
        ))
    }

    fn reject(&mut self, index: usize) -> Outcome {
        let item = self.items[index];
        if item.in_hatch || item.in_room {
            return Outcome::refused(
                "transfer:passed",
                "It is through the hatch already.",
                "이미 패스박스를 지났습니다.",
            );
        }
        self.items[index].rejected = true;
        let name = Self::name(index);
        if !item.damaged {
            return self.fault(
                Fault::SoundRejected,
                Text::new(
                    format!("{} set aside though its wrap is sound.", crate::common::capitalised(&name.en)),
                    format!("포장이 온전한 {}을(를) 반출 보류함.", name.ko),
                ),
            );
        }
        self.note(
            EntryKind::Deviation,
            Value::Flag(false),
            Text::new(
                format!("{} set aside: outer wrap torn; not transferred.", crate::common::capitalised(&name.en)),
                format!("{} 보류: 외포장 찢어짐, 반입하지 않음.", name.ko),
            ),
        )
    }

    /// Every item that should come in is in, and the damaged one, if any, is set aside.
    fn complete(&self) -> bool {
        self.items.iter().all(|item| if item.damaged { item.rejected } else { item.in_room })
    }
}

impl StationModel for MaterialTransfer {
    fn act(&mut self, action: &Action) -> Outcome {
        match action {
            Action::Press { control } if control == CORRIDOR_DOOR => self.door(true),
            Action::Press { control } if control == ROOM_DOOR => self.door(false),
            Action::Press { control } => match Self::wrap_index(control) {
                Some(index) => self.unwrap(index),
                None => Outcome::default(),
            },
            Action::Sanitise { target: SanitiseTarget::Surface(item), with } if with.as_deref() == Some(WIPES) => {
                match Self::index(item) {
                    Some(index) => self.wipe(index),
                    None => Outcome::default(),
                }
            }
            Action::Inspect { object } => match Self::index(object) {
                Some(index) => self.inspect(index),
                None => Outcome::default(),
            },
            Action::Place { item, target } => match (Self::index(item), target.as_str()) {
                (Some(index), HATCH) => self.load(index),
                (Some(index), RECEIPT) => self.take_in(index),
                (Some(index), REJECT) => self.reject(index),
                _ => Outcome::default(),
            },
            _ => Outcome::default(),
        }
    }

    fn observations(&self) -> Vec<(&'static str, Value)> {
        let mut out = vec![
            ("corridor_door_open", Value::Flag(self.corridor_open)),
            ("room_door_open", Value::Flag(self.room_open)),
        ];
        let keys = &OBSERVATION_KEYS[2..14];
        for (index, item) in self.items.iter().enumerate() {
            let states = [item.wiped_at_s.is_some(), item.in_hatch, item.unwrapped, item.in_room];
            for (key, state) in keys[index * 4..index * 4 + 4].iter().zip(states) {
                out.push((key, Value::Flag(state)));
            }
        }
        out.push(("damaged_item_rejected", Value::Flag(self.items.iter().any(|item| item.damaged && item.rejected))));
        out.push(("transfer_complete", Value::Flag(self.complete())));
        for fault in [
            Fault::LoadedUnwiped,
            Fault::ContactTimeShort,
            Fault::DamagedLoaded,
            Fault::WrapIntoGradeB,
            Fault::SoundRejected,
        ] {
            out.push((fault.key(), Value::Flag(self.faults.contains(&fault))));
        }
        out
    }

    fn screen(&self) -> ScreenView {
        let mut view = ScreenView {
            title: Text::new("Pass-through hatch", "패스박스"),
            corner: if self.corridor_open || self.room_open {
                Text::new("Door open", "문 열림")
            } else {
                Text::new("Doors shut", "문 닫힘")
            },
            ..ScreenView::default()
        };
        for (open, en, ko) in
            [(self.corridor_open, "Corridor door", "복도 쪽 문"), (self.room_open, "Room door", "공정실 쪽 문")]
        {
            let (state_en, state_ko) = if open { ("open", "열림") } else { ("shut", "닫힘") };
            view.lines.push(line(Text::new(format!("{en}: {state_en}"), format!("{ko}: {state_ko}"))));
        }
        for (index, item) in self.items.iter().enumerate() {
            let name = Self::name(index);
            let (en, ko) = match (item.in_room, item.in_hatch, item.rejected) {
                (true, _, _) => ("in the room", "공정실 반입"),
                (_, true, _) => ("in the hatch", "패스박스 안"),
                (_, _, true) => ("set aside", "보류"),
                _ => ("in the corridor", "복도"),
            };
            let text =
                Text::new(format!("{}: {en}", crate::common::capitalised(&name.en)), format!("{}: {ko}", name.ko));
            view.lines.push(if item.in_room { good(text) } else { line(text) });
        }
        if !self.faults.is_empty() {
            view.lines.push(alarm(Text::new("Deviations recorded", "일탈 기록됨")));
        }
        view
    }

    fn batch_record(&self) -> &BatchRecord {
        &self.record
    }

    /// Each outer wrap, on until it is peeled off, and each tear, shown on a damaged wrap.
    fn parts(&self) -> Vec<(&'static str, bool)> {
        let wraps = ITEMS.iter().zip(&self.items).map(|((_, wrap), item)| (*wrap, !item.unwrapped));
        let tears = TEARS.iter().zip(&self.items).map(|(tear, item)| (*tear, item.damaged && !item.unwrapped));
        wraps.chain(tears).collect()
    }

    fn configure(&mut self, settings: &BTreeMap<String, Value>) {
        let operator = self.operator.clone();
        *self = MaterialTransfer::new(&operator);
        if let Some(Value::Number(seconds)) = settings.get("contact_seconds") {
            self.contact_seconds = *seconds;
        }
        if let Some(Value::Choice(item)) = settings.get("damaged_wrap")
            && let Some(index) = Self::index(item)
        {
            self.items[index].damaged = true;
        }
    }

    fn tick(&mut self, real_seconds: f64) -> Outcome {
        self.now_s += real_seconds;
        Outcome::default()
    }
}
