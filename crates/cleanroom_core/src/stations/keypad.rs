//! The numeric keypad of a station's touchscreen: the field being typed, what has been typed,
//! and the buttons that show it. A value entered reaches the station as the `Set` of the
//! field's control; the station decides whether it takes it.

use crate::common::{Text, Value};
use crate::level::Action;
use crate::stations::Refusal;
use crate::stations::screen::ScreenControl;

/// The keys of the keypad, row by row.
const KEYS: [[&str; 3]; 4] = [["7", "8", "9"], ["4", "5", "6"], ["1", "2", "3"], [".", "0", "delete"]];

/// The longest value the keypad takes.
const MAX_TYPED: usize = 7;

/// A keypad's entry: the field it types into and the characters typed so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keypad {
    field: Option<String>,
    typed: String,
}

/// What one key did.
#[derive(Debug, Clone, PartialEq)]
pub enum Keyed {
    /// The entry changed (or the key did nothing).
    Typed,
    /// Enter with a number typed: the field's id and the value.
    Entered(String, f64),
}

impl Keypad {
    /// The field being typed into.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// Opens the keypad on `field`, with nothing typed.
    pub fn choose(&mut self, field: &str) {
        self.field = Some(field.to_owned());
        self.typed.clear();
    }

    /// Closes the keypad.
    pub fn clear(&mut self) {
        self.field = None;
        self.typed.clear();
    }

    /// Applies one key: digits, the point and delete edit the entry; enter gives the value.
    pub fn key(&mut self, key: &str) -> Result<Keyed, Refusal> {
        let Some(field) = self.field.clone() else {
            return Err(refusal(
                "missing:field",
                "Choose the field to type into first.",
                "먼저 입력할 칸을 고르십시오.",
            ));
        };
        match key {
            "delete" => {
                self.typed.pop();
            }
            "enter" => {
                return match self.typed.parse::<f64>() {
                    Ok(value) => Ok(Keyed::Entered(field, value)),
                    Err(_) => Err(refusal("invalid:typed", "Type a number first.", "먼저 숫자를 입력하십시오.")),
                };
            }
            "." if self.typed.contains('.') => {}
            digit
                if digit.len() == 1
                    && digit.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && self.typed.len() < MAX_TYPED =>
            {
                self.typed.push_str(digit);
            }
            _ => {}
        }
        Ok(Keyed::Typed)
    }

    /// A field's button: choosing it (a `Set` of `control` to the field's id) opens the keypad
    /// on it; while it is open the button shows what has been typed.
    pub fn field_button(&self, control: &str, field: &str, name: Text, enabled: bool) -> ScreenControl {
        let editing = self.field.as_deref() == Some(field);
        let shown = if editing { format!("{}_", self.typed) } else { String::new() };
        ScreenControl {
            action: Action::Set { control: control.into(), value: Value::Choice(field.into()) },
            caption: Text::new(format!("{} {shown}", name.en), format!("{} {shown}", name.ko)),
            enabled,
            selected: editing,
        }
    }

    /// The keypad's rows (digits, the point, delete, then enter), whose keys are `Set`s of
    /// `control`; they can be pressed while a field is open.
    pub fn rows(&self, control: &str) -> Vec<Vec<ScreenControl>> {
        let open = self.field.is_some();
        let key = |key: &str, caption: Text, enabled: bool| ScreenControl {
            action: Action::Set { control: control.into(), value: Value::Choice(key.into()) },
            caption,
            enabled,
            selected: false,
        };
        let mut rows: Vec<Vec<ScreenControl>> = KEYS
            .iter()
            .map(|keys| {
                keys.iter()
                    .map(|k| key(k, if *k == "delete" { Text::new("Del", "지움") } else { Text::new(*k, *k) }, open))
                    .collect()
            })
            .collect();
        rows.push(vec![key("enter", Text::new("Enter", "입력"), open && !self.typed.is_empty())]);
        rows
    }
}

fn refusal(code: &str, en: &str, ko: &str) -> Refusal {
    Refusal { code: code.into(), reason: Text::new(en, ko) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_digits_become_the_value_entered() {
        let mut keypad = Keypad::default();
        assert!(keypad.key("5").is_err(), "no field chosen");
        keypad.choose("fill");
        for key in ["3", ".", "5", ".", "2", "delete"] {
            assert_eq!(keypad.key(key), Ok(Keyed::Typed));
        }
        assert_eq!(keypad.key("enter"), Ok(Keyed::Entered("fill".into(), 3.5)));
        keypad.choose("bags");
        assert_eq!(keypad.key("enter").map_err(|r| r.code), Err("invalid:typed".into()));
        let rows = keypad.rows("key");
        assert_eq!(rows.len(), 5);
        assert!(!rows[4][0].enabled, "enter waits for a digit");
    }
}
