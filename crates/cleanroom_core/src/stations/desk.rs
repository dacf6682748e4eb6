//! A touchscreen's own state, the same for every station: the page it shows (its tabs) and the
//! keypad's entry. The desk answers the screen's own actions (turning a page, choosing a field,
//! a key); a value entered on the keypad reaches the station as the `Set` of the field's
//! control, and the station decides whether it takes it.

use crate::common::{Text, Value};
use crate::level::Action;
use crate::stations::Outcome;
use crate::stations::keypad::{Keyed, Keypad};
use crate::stations::screen::ScreenControl;

/// A station's touchscreen pages.
pub trait Pages: Copy + Eq + 'static {
    /// Every page, in the order of the tabs.
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    fn name(self) -> Text;
}

/// The values a station's keypad types into.
pub trait Fields: Copy + Eq + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    /// The control whose `Set` the typed value becomes.
    fn control(self) -> &'static str;
}

/// The fields of a touchscreen that types nothing: its desk's keypad has no fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoField {}

impl Fields for NoField {
    const ALL: &'static [Self] = &[];

    fn id(self) -> &'static str {
        match self {}
    }

    fn control(self) -> &'static str {
        match self {}
    }
}

/// The controls a desk answers: which page shows, which field the keypad types into, a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskControls {
    pub page: &'static str,
    pub field: &'static str,
    pub key: &'static str,
}

/// The page a touchscreen shows and its keypad's entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Desk<P, F> {
    page: P,
    keypad: Keypad,
    controls: DeskControls,
    fields: std::marker::PhantomData<F>,
}

impl<P: Pages, F: Fields> Desk<P, F> {
    pub fn new(page: P, controls: DeskControls) -> Self {
        Self { page, keypad: Keypad::default(), controls, fields: std::marker::PhantomData }
    }

    pub fn page(&self) -> P {
        self.page
    }

    /// Shows `page`; the keypad closes when the page changes.
    pub fn turn_to(&mut self, page: P) {
        if page != self.page {
            self.page = page;
            self.keypad.clear();
        }
    }

    /// Answers the screen's own actions; a value entered goes to `station` as the `Set` of its
    /// field's control, and the keypad closes if the station takes it. None for actions that
    /// are not the screen's own.
    pub fn act(&mut self, action: &Action, station: impl FnOnce(&Action) -> Outcome) -> Option<Outcome> {
        let Action::Set { control, value: Value::Choice(choice) } = action else {
            return None;
        };
        let handled = Outcome { handled: true, ..Outcome::default() };
        Some(if *control == self.controls.page {
            match P::ALL.iter().find(|page| page.id() == choice) {
                Some(page) => {
                    self.turn_to(*page);
                    handled
                }
                None => Outcome::refused("invalid:page", "No such page.", "그런 화면이 없습니다."),
            }
        } else if *control == self.controls.field {
            match F::ALL.iter().find(|field| field.id() == choice) {
                Some(field) => {
                    self.keypad.choose(field.id());
                    handled
                }
                None => Outcome::refused("invalid:field", "No such field.", "그런 입력 칸이 없습니다."),
            }
        } else if *control == self.controls.key {
            match self.keypad.key(choice) {
                Err(refusal) => Outcome { handled: true, refusals: vec![refusal], notes: Vec::new() },
                Ok(Keyed::Typed) => handled,
                Ok(Keyed::Entered(field, value)) => {
                    let Some(field) = F::ALL.iter().find(|f| f.id() == field) else {
                        return Some(handled);
                    };
                    let outcome =
                        station(&Action::Set { control: field.control().into(), value: Value::Number(value) });
                    if outcome.refusals.is_empty() {
                        self.keypad.clear();
                    }
                    outcome
                }
            }
        } else {
            return None;
        })
    }

    /// The page tabs, the page shown selected; `warning` marks a page that needs the operator
    /// (the alarms) with ⚠.
    pub fn tabs(&self, warning: Option<P>) -> Vec<ScreenControl> {
        P::ALL
            .iter()
            .map(|page| {
                let mut name = page.name();
                if warning == Some(*page) {
                    name = Text::new(format!("⚠ {}", name.en), format!("⚠ {}", name.ko));
                }
                ScreenControl {
                    action: Action::Set { control: self.controls.page.into(), value: Value::Choice(page.id().into()) },
                    caption: name,
                    enabled: true,
                    selected: *page == self.page,
                }
            })
            .collect()
    }

    /// A field's button, named `short`: choosing it opens the keypad on it.
    pub fn field_button(&self, field: F, short: Text, enabled: bool) -> ScreenControl {
        self.keypad.field_button(self.controls.field, field.id(), short, enabled)
    }

    /// The keypad's rows.
    pub fn keypad_rows(&self) -> Vec<Vec<ScreenControl>> {
        self.keypad.rows(self.controls.key)
    }
}
