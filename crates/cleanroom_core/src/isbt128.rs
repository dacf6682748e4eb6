//! ISBT 128 identifiers on cell-therapy labels (domain.md §6.3): the Donation Identification
//! Number with its check character, and the product description codes the levels use.
//!
//! The DIN (data structure 001) is a Facility Identification Number, a two-digit year and a
//! six-digit sequence number, read from the published example "G123 498 654 321" [S67][S68];
//! its eye-readable check character is computed by ISO 7064 mod 37-2 over those 13 characters.

use std::fmt;

use crate::common::Text;

/// The characters of ISO 7064 mod 37-2, by value: digits, letters, then `*`.
const MOD37_CHARACTERS: &[u8; 37] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

/// The check character of `data` by ISO 7064 mod 37-2 (pure system, radix 2), or None when
/// `data` holds a character the system has no value for.
pub fn mod37_2_check(data: &str) -> Option<char> {
    let mut sum = 0u32;
    for character in data.chars() {
        let value = MOD37_CHARACTERS.iter().position(|c| char::from(*c) == character)?;
        sum = ((sum + value as u32) * 2) % 37;
    }
    let check = (38 - sum) % 37;
    Some(char::from(MOD37_CHARACTERS[check as usize]))
}

/// A Donation Identification Number: facility, year and sequence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Din {
    /// The Facility Identification Number: a letter and four digits (e.g. "G1234").
    pub facility: String,
    /// The year the number was assigned, two digits.
    pub year: String,
    /// The sequence number, six digits.
    pub sequence: String,
}

/// Why a DIN was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DinError {
    /// Not 13 characters once spaces are left out (optionally 14 with the check character).
    Length(usize),
    /// A character that does not belong where it stands.
    Character { position: usize, found: char },
    /// The check character given is not the one the number computes to.
    Check { given: char, expected: char },
}

impl DinError {
    /// What is wrong, for the trainee or the instructor.
    pub fn text(&self) -> Text {
        match self {
            DinError::Length(found) => Text::new(
                format!("A DIN has 13 characters (5 facility, 2 year, 6 sequence), not {found}."),
                format!("DIN은 13자(시설 5자, 연도 2자, 일련번호 6자)입니다. {found}자가 아닙니다."),
            ),
            DinError::Character { position, found } => Text::new(
                format!("Character {} of the DIN, `{found}`, does not belong there.", position + 1),
                format!("DIN의 {}번째 문자 `{found}`는 그 자리에 올 수 없습니다.", position + 1),
            ),
            DinError::Check { given, expected } => Text::new(
                format!("The check character is {expected}, not {given}: the number has been misread or mistyped."),
                format!("확인 문자는 {given}가 아니라 {expected}입니다. 번호를 잘못 읽었거나 잘못 입력했습니다."),
            ),
        }
    }
}

impl Din {
    /// Reads a DIN as it is printed: spaces ignored, with or without its check character.
    pub fn parse(printed: &str) -> Result<Self, DinError> {
        let characters: Vec<char> = printed.chars().filter(|c| !c.is_whitespace()).collect();
        let (data, check) = match characters.len() {
            13 => (&characters[..], None),
            14 => (&characters[..13], Some(characters[13])),
            other => return Err(DinError::Length(other)),
        };
        for (position, found) in data.iter().copied().enumerate() {
            let fits = if position == 0 { found.is_ascii_uppercase() } else { found.is_ascii_digit() };
            if !fits {
                return Err(DinError::Character { position, found });
            }
        }
        let text: String = data.iter().collect();
        let din = Din { facility: text[..5].to_owned(), year: text[5..7].to_owned(), sequence: text[7..].to_owned() };
        if let Some(given) = check {
            let expected = din.check_character();
            if given != expected {
                return Err(DinError::Check { given, expected });
            }
        }
        Ok(din)
    }

    /// The 13 data characters, without spaces.
    pub fn data(&self) -> String {
        format!("{}{}{}", self.facility, self.year, self.sequence)
    }

    /// The eye-readable check character (ISO 7064 mod 37-2 over the 13 data characters).
    pub fn check_character(&self) -> char {
        // The data are a capital letter and digits (parse checks it): always in the system.
        mod37_2_check(&self.data()).unwrap_or('*')
    }
}

impl fmt::Display for Din {
    /// As printed for the eye: "G123 498 654 321 H".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = self.data();
        write!(f, "{} {} {} {} {}", &data[..4], &data[4..7], &data[7..10], &data[10..], self.check_character())
    }
}

/// A product description code and what it names [S60].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductCode {
    pub code: &'static str,
    pub description: &'static str,
    /// Final DMSO, % (v/v).
    pub dmso_percent: u8,
}

/// The cryopreserved HPC apheresis product codes of [S60], with 10 % and 5 % DMSO.
///
/// Assumption: the game labels every cryopreserved apheresis product with these codes, the only
/// cryopreserved ones in the domain reference; a real MNC (CAR-T starting material) product has
/// codes of its own, which the reference does not give.
pub const PRODUCT_CODES: [ProductCode; 2] = [
    ProductCode {
        code: "S1194",
        description: "HPC, APHERESIS | NS/XX/<=-120C | 10% DMSO | Cryopreserved | Mobilized",
        dmso_percent: 10,
    },
    ProductCode {
        code: "S1195",
        description: "HPC, APHERESIS | NS/XX/<=-120C | 5% DMSO | Cryopreserved | Mobilized",
        dmso_percent: 5,
    },
];

/// The product code for a final DMSO percentage, where [S60] gives one.
pub fn product_code_for_dmso(dmso_percent: u8) -> Option<&'static ProductCode> {
    PRODUCT_CODES.iter().find(|code| code.dmso_percent == dmso_percent)
}

/// A calendar date, as a label prints it (collection and expiry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Reads "YYYY-MM-DD"; None for anything else or a day the month does not have.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        (parts.next().is_none() && (1..=12).contains(&month) && day >= 1 && day <= date.days_in_month()).then_some(date)
    }

    fn days_in_month(&self) -> u32 {
        match self.month {
            2 if (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// The date `months` later, on the same day or the month's last.
    pub fn plus_months(self, months: u32) -> Self {
        let index = self.month - 1 + months;
        let mut date = Date { year: self.year + (index / 12) as i32, month: index % 12 + 1, day: 1 };
        date.day = self.day.min(date.days_in_month());
        date
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published example: DIN "G123 498 654 321" with check character "H" [S68].
    #[test]
    fn the_published_example_din_has_check_character_h() {
        let din = Din::parse("G123 498 654 321").expect("the example parses");
        assert_eq!(din.check_character(), 'H');
        assert_eq!(din.to_string(), "G123 498 654 321 H");
        assert_eq!((din.facility.as_str(), din.year.as_str(), din.sequence.as_str()), ("G1234", "98", "654321"));
        assert_eq!(Din::parse("G123 498 654 321 H"), Ok(din));
    }

    #[test]
    fn a_misread_digit_or_check_character_is_caught() {
        assert_eq!(
            Din::parse("G123 498 654 321 K"),
            Err(DinError::Check { given: 'K', expected: 'H' }),
            "a wrong check character"
        );
        // One digit changed: the printed check character no longer fits.
        assert!(matches!(Din::parse("G123 498 654 322 H"), Err(DinError::Check { given: 'H', .. })));
        // Two neighbours swapped: mod 37-2 catches transpositions too.
        assert!(matches!(Din::parse("G123 489 654 321 H"), Err(DinError::Check { .. })));
        assert_eq!(Din::parse("G123 498 654"), Err(DinError::Length(10)));
        assert_eq!(Din::parse("1123 498 654 321"), Err(DinError::Character { position: 0, found: '1' }));
        assert_eq!(Din::parse("G12X 498 654 321"), Err(DinError::Character { position: 3, found: 'X' }));
        assert!(!DinError::Length(10).text().ko.is_empty());
    }

    #[test]
    fn every_check_value_maps_to_a_character_of_the_system() {
        // The check of a one-character datum runs over every value of the system.
        let mut seen: Vec<char> = (0..37)
            .map(|v| char::from(MOD37_CHARACTERS[v]))
            .map(|c| mod37_2_check(&c.to_string()).expect("in the system"))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 37, "each datum has its own check character");
        assert_eq!(mod37_2_check("a"), None, "lower case is not in the system");
    }

    #[test]
    fn dates_read_as_printed_and_add_months_within_the_month() {
        let date = Date::parse("2026-12-01").expect("a date");
        assert_eq!(date.plus_months(12).to_string(), "2027-12-01");
        assert_eq!(Date::parse("2027-01-31").map(|d| d.plus_months(1).to_string()), Some("2027-02-28".into()));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("1 Dec 2026"), None);
    }

    #[test]
    fn the_product_code_follows_the_final_dmso() {
        assert_eq!(product_code_for_dmso(10).map(|code| code.code), Some("S1194"));
        assert_eq!(product_code_for_dmso(5).map(|code| code.code), Some("S1195"));
        assert_eq!(product_code_for_dmso(7), None);
    }
}
