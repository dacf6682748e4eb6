//! The checker's message codes. Every diagnostic carries one, and `docs/levels.md` explains
//! each in its table of codes (a test keeps the two in step).

/// A message code: its id (`L101`) and what it is about, in a few words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    pub id: &'static str,
    pub about: &'static str,
}

macro_rules! codes {
    ($($name:ident = $id:literal, $about:literal;)*) => {
        $(pub const $name: Code = Code { id: $id, about: $about };)*
        /// Every code, in order.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

codes! {
    // The file itself.
    NOT_UTF8 = "L001", "the file is not UTF-8 text";
    BYTE_ORDER_MARK = "L002", "the file starts with a byte-order mark";
    UNREADABLE = "L003", "the file or folder cannot be read";
    NO_LEVEL_FILES = "L004", "a folder holds no level files";
    CURRICULUM = "L005", "the curriculum does not fit the levels";
    SYNTAX = "L010", "the file's structure is broken (a bracket, comma or quote)";
    UNKNOWN_FIELD = "L011", "a field name that does not belong here";
    UNKNOWN_WORD = "L012", "a word (action, kind, severity…) that does not exist";
    MISSING_FIELD = "L013", "a required field is missing";
    FIELD_TWICE = "L014", "a field is given twice";
    WRONG_VALUE_TYPE = "L015", "a value of the wrong kind";
    WRONG_GROUP_NAME = "L016", "the name before `(` is not the one expected";
    TOO_DEEP = "L017", "the file nests too deeply";
    BAD_NAME = "L018", "a field or word written with characters names cannot have";
    FILE_NAME = "L020", "the level id does not match the file name";
    LEVEL_ID_TAKEN = "L021", "two level files have the same id";
    UNKNOWN_PREREQUISITE = "L022", "a prerequisite that is not a level found here";
    // Setup: ids, objects, controls, stations.
    EMPTY_ID = "L100", "an id is empty";
    NOT_SNAKE_CASE = "L101", "an id is not snake_case";
    DECLARED_TWICE = "L102", "an id is declared twice";
    UNKNOWN_ZONE = "L103", "a station stands in a zone that is not declared";
    EMPTY_RANGE = "L104", "a number control whose range is empty";
    NO_OPTIONS = "L105", "a choice control without options";
    STATION_CONTROL = "L106", "a control the station's model does not have";
    STATION_KEY = "L107", "a state key the station's model does not report";
    KEY_TWICE = "L108", "a key is given twice in a map";
    UNTITLED_ENTRY = "L109", "a batch-record entry without a title";
    VERIFY_CHECKS_ACTION = "L110", "a verification that checks an action, not a state";
    VERIFY_TIME = "L111", "a verification with no time to come";
    STATION_SETTING = "L112", "a setting the station's model does not take";
    SETTING_VALUE = "L113", "a setting's value the station's model does not take";
    // Texts.
    MISSING_ENGLISH = "L150", "a text without English";
    MISSING_KOREAN = "L151", "a text without Korean";
    // Steps, conditions and patterns.
    NO_STEPS = "L200", "the level has no steps";
    STEP_TWICE = "L201", "two steps have the same id";
    UNKNOWN_STEP = "L202", "a step id that does not exist";
    GROUP_SPLIT = "L203", "the steps of a group are not next to each other";
    ORDERING_CYCLE = "L204", "steps wait for each other";
    UNREACHABLE_STEP = "L205", "a step that can never start";
    UNKNOWN_ID = "L210", "an id that is not declared";
    WRONG_KIND = "L211", "an id of the wrong kind for the action";
    UNKNOWN_TAG = "L212", "a tag no object has";
    UNKNOWN_STATE = "L213", "a state condition on something or some key not declared";
    STATE_TYPE = "L214", "a state condition expects the wrong kind of value";
    IMPOSSIBLE = "L215", "no value can meet an expectation";
    CONTROL_VALUE = "L216", "a value the control does not take";
    EMPTY_CONDITION = "L217", "`AllOf([])` or `AnyOf([])`";
    UNKNOWN_HIGHLIGHT = "L218", "a highlight that names nothing declared";
    PATTERN_IN_GOLDEN = "L219", "the golden path names a pattern, not a real id";
    // Rules and events.
    RULE_TWICE = "L300", "two rules have the same id";
    RULE_NEVER_APPLIES = "L301", "a rule whose window closes before it opens";
    EVENT_TWICE = "L302", "two events have the same id";
    EVENT_TIME = "L303", "an event before the level starts, or a negative delay";
    DEADLINE = "L304", "an event's deadline is not more than 0";
    RESPONSE_IMPOSSIBLE = "L305", "an event's response can never be met";
    EVENT_UNTESTED = "L306", "an event that never happens in the golden path";
    MOMENT_UNKNOWN = "L307", "a rule's moment names no step or event";
    TIME_RULE_EMPTY = "L308", "a `TimeBetween` rule with neither `at_most` nor `at_least`";
    // Numbers and scoring.
    NOT_A_NUMBER = "L400", "a number that is not finite (NaN or infinite)";
    POINTS = "L401", "points below 0 or above 100";
    PASS_SCORE = "L402", "a pass score outside 0 to 100";
    TIME_LIMIT = "L403", "a time limit that is not more than 0";
    NO_SCORE = "L404", "no required step carries points, so no score can be computed";
    SECONDS = "L405", "a time below 0 or beyond a week";
    // The golden path.
    NO_GOLDEN_PATH = "L500", "the level has no golden path";
    BACK_IN_TIME = "L501", "the golden path goes back in time";
    GOLDEN_TOO_LONG = "L503", "the golden path runs past the level's time limit";
    GOLDEN_DIVERGES = "L504", "the golden path goes wrong (the first place, with what was expected)";
    ANSWERED_EARLY = "L505", "the golden path answers an event before it happens";
    GOLDEN_UNFINISHED = "L506", "the level is still in progress when the golden path ends";
    GOLDEN_SCORE = "L507", "the golden path does not score 100";
    // Wrong paths.
    WRONG_PATH_TWICE = "L600", "two wrong paths have the same id";
    WRONG_PATH_MISSES = "L601", "a wrong path does not record a deviation it expects";
    WRONG_PATH_OUTCOME = "L602", "a wrong path passes (or fails) when it should not";
    WRONG_PATH_SHAPE = "L603", "a wrong path that both changes the golden path and gives its own";
    WRONG_PATH_UNKNOWN = "L604", "a wrong path expects a deviation no rule, step or event can record";
    // The 3D cleanroom.
    NOT_IN_WORLD = "L700", "an id the 3D cleanroom does not have";
    // Parameters, random values and records.
    UNKNOWN_PARAMETER = "L800", "a parameter that is not declared";
    PARAMETER_IN_TEXT = "L801", "a text names `{x}`, which is no parameter";
    RANDOM_TARGET = "L802", "a random value for a property not declared";
    RANDOM_PICK = "L803", "a random pick with nothing to pick from";
    RECORD_VALUE = "L804", "a value the entry does not record";
}

/// The code with this id.
pub fn find(id: &str) -> Option<Code> {
    ALL.iter().copied().find(|code| code.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_order() {
        let ids: Vec<&str> = ALL.iter().map(|code| code.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "codes must be unique and listed in order");
        assert_eq!(find("L011").map(|code| code.id), Some("L011"));
    }
}
