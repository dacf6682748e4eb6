//! The curriculum: the shipped levels on one path, from the first lesson to a released batch,
//! each with what it teaches and the lessons that must be passed before it. Written in
//! `levels/curriculum.ron`; the menu shows it in order, with each lesson locked, open or passed
//! for the signed-in trainee (from the records store).

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::common::Text;

/// The file the curriculum is written in, in the shipped levels' folder.
pub const CURRICULUM_FILE: &str = "curriculum.ron";

/// The path through the levels.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    pub lessons: Vec<Lesson>,
}

/// One level on the path.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The level's id.
    pub level: String,
    /// What the trainee learns in it, in a sentence.
    pub teaches: Text,
    /// The lessons (by level id, earlier on the path) to pass first; none for the first.
    #[serde(default)]
    pub after: Vec<String>,
}

/// Where a lesson stands for one trainee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LessonState {
    /// Passed at least once.
    Passed,
    /// Its prerequisites are passed (or it has none): it can be played.
    Open,
    /// Waiting for these lessons to be passed.
    Locked { waiting_for: Vec<String> },
}

impl Curriculum {
    /// Reads a curriculum file's text; the error says where it is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        crate::common::ron_options()
            .from_str::<Curriculum>(text)
            .map_err(|error| format!("line {}, column {}: {}", error.span.start.line, error.span.start.col, error.code))
    }

    /// What is wrong with the curriculum against the levels that exist (by id): a lesson
    /// naming no level, a level twice, a prerequisite that is not an earlier lesson, a lesson
    /// without both texts. Empty when it is sound.
    pub fn problems(&self, levels: &BTreeSet<String>) -> Vec<String> {
        let mut problems = Vec::new();
        let mut earlier: BTreeSet<&str> = BTreeSet::new();
        for (index, lesson) in self.lessons.iter().enumerate() {
            let at = format!("lesson {} ({})", index + 1, lesson.level);
            if !levels.contains(&lesson.level) {
                problems.push(format!("{at}: there is no level with this id"));
            }
            if earlier.contains(lesson.level.as_str()) {
                problems.push(format!("{at}: the level is on the path twice"));
            }
            for before in &lesson.after {
                if !earlier.contains(before.as_str()) {
                    problems.push(format!(
                        "{at}: its prerequisite '{before}' is not an earlier lesson (the path lists lessons in the order \
                         they are taken)"
                    ));
                }
            }
            if lesson.teaches.en.trim().is_empty() || lesson.teaches.ko.trim().is_empty() {
                problems.push(format!("{at}: 'teaches' needs an English and a Korean text"));
            }
            earlier.insert(&lesson.level);
        }
        problems
    }

    /// Each lesson's state for a trainee who has passed `passed` (level ids), in the path's
    /// order.
    pub fn states(&self, passed: &BTreeSet<String>) -> Vec<(&Lesson, LessonState)> {
        self.lessons
            .iter()
            .map(|lesson| {
                let state = if passed.contains(&lesson.level) {
                    LessonState::Passed
                } else {
                    let waiting_for: Vec<String> =
                        lesson.after.iter().filter(|before| !passed.contains(*before)).cloned().collect();
                    if waiting_for.is_empty() { LessonState::Open } else { LessonState::Locked { waiting_for } }
                };
                (lesson, state)
            })
            .collect()
    }

    /// The lesson of a level, and its place on the path (from 1).
    pub fn lesson(&self, level: &str) -> Option<(usize, &Lesson)> {
        self.lessons.iter().enumerate().find(|(_, lesson)| lesson.level == level).map(|(i, lesson)| (i + 1, lesson))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = r#"Curriculum(lessons: [
        Lesson(level: "gowning", teaches: (en: "Gown for Grade B.", ko: "B등급 갱의.")),
        Lesson(level: "bioreactor", teaches: (en: "Load the set.", ko: "세트 장착."), after: ["gowning"]),
        Lesson(level: "apheresis", teaches: (en: "Collect.", ko: "채집."), after: ["gowning"]),
        Lesson(level: "release", teaches: (en: "Release.", ko: "출하."), after: ["bioreactor", "apheresis"]),
    ])"#;

    fn levels(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|id| (*id).to_owned()).collect()
    }

    #[test]
    fn a_lesson_opens_once_every_prerequisite_is_passed() {
        let curriculum = Curriculum::parse(PATH).unwrap();
        assert!(curriculum.problems(&levels(&["gowning", "bioreactor", "apheresis", "release"])).is_empty());
        let states = |passed: &[&str]| -> Vec<LessonState> {
            curriculum.states(&levels(passed)).into_iter().map(|(_, state)| state).collect()
        };
        let locked =
            |waiting: &[&str]| LessonState::Locked { waiting_for: waiting.iter().map(|w| (*w).to_owned()).collect() };
        assert_eq!(
            states(&[]),
            [LessonState::Open, locked(&["gowning"]), locked(&["gowning"]), locked(&["bioreactor", "apheresis"])]
        );
        assert_eq!(
            states(&["gowning", "apheresis"]),
            [LessonState::Passed, LessonState::Open, LessonState::Passed, locked(&["bioreactor"])]
        );
        assert_eq!(curriculum.lesson("apheresis").map(|(place, _)| place), Some(3));
    }

    #[test]
    fn a_path_out_of_order_or_naming_a_missing_level_is_reported() {
        let curriculum = Curriculum::parse(
            r#"Curriculum(lessons: [
                Lesson(level: "bioreactor", teaches: (en: "Load.", ko: ""), after: ["gowning"]),
                Lesson(level: "gowning", teaches: (en: "Gown.", ko: "갱의.")),
                Lesson(level: "gowning", teaches: (en: "Gown.", ko: "갱의.")),
            ])"#,
        )
        .unwrap();
        let problems = curriculum.problems(&levels(&["gowning"]));
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("no level with this id"));
        assert!(problems[1].contains("'gowning' is not an earlier lesson"));
        assert!(problems[2].contains("English and a Korean"));
        assert!(problems[3].contains("on the path twice"));
        assert!(Curriculum::parse("Curriculum(lesons: [])").unwrap_err().contains("line 1"));
    }
}
