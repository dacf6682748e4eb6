//! A level's parameters put to use: every number that names a parameter gets its value, and
//! every `{name}` in a text reads as the value, before a run starts.

use std::collections::BTreeMap;

use crate::common::Text;
use crate::level::{
    ActionPattern, Condition, Expect, Level, Moment, Parameter, Quantity, RuleTrigger, Step, WrongPath,
};

/// The level with its parameters' values in place of their names.
pub fn resolve(level: &Level) -> Level {
    let mut level = level.clone();
    let values: BTreeMap<String, f64> = level.parameters.iter().map(|(name, p)| (name.clone(), p.value)).collect();
    let parameters = level.parameters.clone();
    for step in &mut level.steps {
        resolve_step(step, &values, &parameters);
    }
    for rule in &mut level.rules {
        resolve_trigger(&mut rule.when, &values);
        substitute(&mut rule.explanation, &parameters);
    }
    for event in &mut level.events {
        resolve_condition(&mut event.respond, &values);
        for text in [&mut event.message, &mut event.explanation] {
            substitute(text, &parameters);
        }
        if let Some(hint) = &mut event.hint {
            substitute(hint, &parameters);
        }
    }
    for path in &mut level.wrong_paths {
        resolve_wrong_path(path, &values);
    }
    substitute(&mut level.title, &parameters);
    substitute(&mut level.description, &parameters);
    for objective in &mut level.objectives {
        substitute(objective, &parameters);
    }
    level
}

fn resolve_step(step: &mut Step, values: &BTreeMap<String, f64>, parameters: &BTreeMap<String, Parameter>) {
    resolve_condition(&mut step.done_when, values);
    substitute(&mut step.instruction, parameters);
    if let Some(hint) = &mut step.hint {
        substitute(hint, parameters);
    }
    if let Some(explanation) = step.time_limit.as_mut().and_then(|limit| limit.explanation.as_mut()) {
        substitute(explanation, parameters);
    }
}

fn resolve_wrong_path(path: &mut WrongPath, values: &BTreeMap<String, f64>) {
    for pattern in &mut path.remove {
        resolve_pattern(pattern, values);
    }
}

fn resolve_quantity(quantity: &mut Quantity, values: &BTreeMap<String, f64>) {
    if let Quantity::Parameter(name) = quantity
        && let Some(value) = values.get(name)
    {
        *quantity = Quantity::Number(*value);
    }
}

/// `expect` with the level's parameters' values in place of their names (a name the level
/// does not declare stays a name).
pub(crate) fn resolved_expect(expect: &Expect, parameters: &BTreeMap<String, Parameter>) -> Expect {
    let values: BTreeMap<String, f64> = parameters.iter().map(|(name, p)| (name.clone(), p.value)).collect();
    let mut expect = expect.clone();
    resolve_expect(&mut expect, &values);
    expect
}

fn resolve_expect(expect: &mut Expect, values: &BTreeMap<String, f64>) {
    for quantity in expect.quantities_mut() {
        resolve_quantity(quantity, values);
    }
}

fn resolve_pattern(pattern: &mut ActionPattern, values: &BTreeMap<String, f64>) {
    match pattern {
        ActionPattern::Set { to: expect, .. } | ActionPattern::Record { value: expect, .. } => {
            resolve_expect(expect, values);
        }
        _ => {}
    }
}

fn resolve_condition(condition: &mut Condition, values: &BTreeMap<String, f64>) {
    match condition {
        Condition::Do(pattern) => resolve_pattern(pattern, values),
        Condition::State { is, .. } => resolve_expect(is, values),
        Condition::AllOf(parts) | Condition::AnyOf(parts) => {
            for part in parts {
                resolve_condition(part, values);
            }
        }
    }
}

fn resolve_moment(moment: &mut Moment, values: &BTreeMap<String, f64>) {
    if let Moment::Action(pattern) = moment {
        resolve_pattern(pattern, values);
    }
}

fn resolve_trigger(trigger: &mut RuleTrigger, values: &BTreeMap<String, f64>) {
    match trigger {
        RuleTrigger::Action(pattern) => resolve_pattern(pattern, values),
        RuleTrigger::Sequence { first, then, unless } => {
            for pattern in std::iter::once(first).chain(std::iter::once(then)).chain(unless.iter_mut()) {
                resolve_pattern(pattern, values);
            }
        }
        RuleTrigger::State { is, .. } => resolve_expect(is, values),
        RuleTrigger::While { action, is, .. } => {
            resolve_pattern(action, values);
            resolve_expect(is, values);
        }
        RuleTrigger::StateAt { at, is, .. } => {
            resolve_moment(at, values);
            resolve_expect(is, values);
        }
        RuleTrigger::Never { action, by } => {
            resolve_pattern(action, values);
            resolve_moment(by, values);
        }
        RuleTrigger::TimeBetween { from, to, at_most, at_least } => {
            resolve_moment(from, values);
            resolve_moment(to, values);
            for quantity in at_most.iter_mut().chain(at_least.iter_mut()) {
                resolve_quantity(quantity, values);
            }
        }
    }
}

/// The names a text writes as `{name}` (snake_case words in braces).
pub fn named_in(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if crate::common::is_snake_case(name) {
            names.push(name);
        }
        rest = &after[close + 1..];
    }
    names
}

/// A number as a trainee reads it: no trailing zeros.
pub fn format_number(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" { "0".to_owned() } else { text.to_owned() }
}

fn substitute(text: &mut Text, parameters: &BTreeMap<String, Parameter>) {
    for part in [&mut text.en, &mut text.ko] {
        if !part.contains('{') {
            continue;
        }
        for (name, parameter) in parameters {
            let placeholder = format!("{{{name}}}");
            if part.contains(&placeholder) {
                *part = part.replace(&placeholder, &format_number(parameter.value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_in_braces_and_formats_numbers_plainly() {
        assert_eq!(named_in("at most {glove_limit} CFU, {x1} and {Not} {}"), ["glove_limit", "x1"]);
        assert_eq!(format_number(5.0), "5");
        assert_eq!(format_number(0.25), "0.25");
        assert_eq!(format_number(-2.5), "-2.5");
    }
}
