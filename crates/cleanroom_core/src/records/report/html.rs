//! The report as one self-contained HTML page: its style inline, its charts inline SVG, no
//! script and no file beside it, so it can be mailed, archived with the records or printed.
//! Everything a chart shows is also in a table, for a screen reader and for print.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charts::{self, BarRow, Bars, Line, Series, colour};
use super::{Attempt, Cohort, Filter, Finish, Language, LevelSummary, Records, SourceRead, TraineeSummary, Words};
use super::{severity_index, step_label};
use crate::level::Severity;
use crate::procedure::{FailReason, Mode};
use crate::records::attempt::AbandonedBecause;

/// What the page says about how it was made.
#[derive(Debug, Clone)]
pub struct Made {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The game's version.
    pub by: String,
    pub filter: Filter,
}

/// The report's page.
pub fn render(records: &Records, cohort: &Cohort, language: Language, made: &Made) -> Result<String, String> {
    let w = language.words();
    let cohort_section = cohort_section(records, cohort, w)?;
    let mut trainee_sections = Vec::new();
    for trainee in &cohort.trainees {
        trainee_sections.push(trainee_section(records, cohort, trainee, language, w)?);
    }
    let page = html! {
        (DOCTYPE)
        html lang=(language.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(made.by);
                title { (w.title) " — " (made.at.get(..10).unwrap_or(&made.at)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header id="top" {
                    h1 { (w.title) }
                    p.made { (w.generated) " " (made.at) " · cleanroom " (made.by) }
                    @if !made.filter.trainees.is_empty() || !made.filter.levels.is_empty() {
                        p.filter {
                            (w.filter) ": "
                            @for id in &made.filter.trainees { span.tag { (w.trainee) " " (id) } " " }
                            @for level in &made.filter.levels { span.tag { (w.level) " " (level) } " " }
                        }
                    }
                    (sources(&records.sources, w))
                    @if !cohort.trainees.is_empty() {
                        nav {
                            a href="#cohort" { (w.cohort) }
                            @for trainee in &cohort.trainees {
                                " · " a href={ "#" (anchor(&trainee.trainee.id)) } { (trainee.trainee.name) }
                            }
                        }
                    }
                }
                main {
                    @if records.attempts.is_empty() {
                        p.empty { (w.no_attempts) }
                    } @else {
                        (cohort_section)
                        @for section in trainee_sections { (section) }
                    }
                }
            }
        }
    };
    Ok(page.into_string())
}

/// The stores the report was made from and whether each verified.
fn sources(sources: &[SourceRead], w: &Words) -> Markup {
    html! {
        section.sources aria-label=(w.sources) {
            h2 { (w.sources) }
            ul {
                @for source in sources {
                    @match &source.verification {
                        Ok(verification) if verification.is_intact() => {
                            li.intact {
                                code { (source.source.label) } " — " (source.attempts) " " (w.attempts.to_lowercase()) ", "
                                (verification.records) " " (w.records) ", " strong { (w.intact) }
                            }
                        }
                        Ok(verification) => {
                            li.altered {
                                code { (source.source.label) } " — " (source.attempts) " " (w.attempts.to_lowercase()) ", "
                                strong { (w.not_intact) } ":"
                                ul { @for finding in &verification.findings { li { (finding.to_string()) } } }
                            }
                        }
                        Err(why) => {
                            li.altered { code { (source.source.label) } " — " strong { (w.not_verified) } ": " (why) }
                        }
                    }
                }
            }
        }
    }
}

fn cohort_section(records: &Records, cohort: &Cohort, w: &Words) -> Result<Markup, String> {
    let tally = &cohort.tally;
    let pass_rows: Vec<BarRow> = cohort
        .levels
        .iter()
        .map(|level| BarRow {
            label: level.title.clone(),
            values: vec![level.tally.pass_rate().unwrap_or(0.0) * 100.0],
            note: format!("{} ({}/{})", percent(level.tally.pass_rate()), level.tally.passed, level.tally.completed()),
        })
        .collect();
    let passed = [Series { name: w.passed.to_owned(), colour: colour::PASSED }];
    let pass_chart = charts::bar_chart("%", &pass_rows, &passed, Bars::Stacked, Some(118.0))?;
    let deviation_rows: Vec<BarRow> = cohort
        .levels
        .iter()
        .map(|level| BarRow {
            label: level.title.clone(),
            values: level.tally.by_severity.iter().map(|&n| n as f64).collect(),
            note: level.tally.deviations().to_string(),
        })
        .collect();
    let severities = severity_series(w);
    let deviation_chart = charts::bar_chart(w.deviations, &deviation_rows, &severities, Bars::Stacked, None)?;
    let curve_lines: Vec<Line> = cohort
        .levels
        .iter()
        .enumerate()
        .map(|(i, level)| Line {
            series: Series { name: level.title.clone(), colour: colour::SERIES[i % colour::SERIES.len()] },
            points: level.by_attempt_number.iter().map(|n| (n.number, n.mean_score)).collect(),
        })
        .filter(|line| !line.points.is_empty())
        .collect();
    let pass_score = common_pass_score(records.attempts.iter());
    let curve_chart = if curve_lines.is_empty() {
        None
    } else {
        Some(charts::line_chart(w.nth_attempt, w.mean_score, &curve_lines, pass_score)?)
    };
    let curve_legend = line_legend(&curve_lines, pass_score, w);
    let mut step_charts = Vec::new();
    for level in cohort.levels.iter().filter(|level| !level.steps.is_empty()) {
        let rows: Vec<BarRow> = level
            .steps
            .iter()
            .map(|step| BarRow {
                label: step_label(&step.step),
                values: vec![step.median_s],
                note: format!("{:.0} {}", step.median_s, w.seconds),
            })
            .collect();
        let series = [Series { name: w.cohort_median.to_owned(), colour: colour::COHORT }];
        step_charts.push((level, charts::bar_chart(w.median_seconds, &rows, &series, Bars::Stacked, None)?));
    }
    Ok(html! {
        section id="cohort" {
            h2 { (w.cohort) }
            div.figures {
                (figure(w.trainees, cohort.trainees.len().to_string()))
                (figure(w.attempts, tally.attempts.to_string()))
                (figure(w.pass_rate, percent(tally.pass_rate())))
                (figure(w.deviations, tally.deviations().to_string()))
            }
            (levels_table(&cohort.levels, w))
            p.note { (w.pass_rate_note) }
            (chart(w.pass_rate_by_level, &pass_chart, &[]))
            (chart(w.deviations_by_level, &deviation_chart, &legend(&severities)))
            @if let Some(curve) = &curve_chart { (chart(w.learning_curve, curve, &curve_legend)) }
            h3 { (w.trainees) }
            (trainees_table(cohort, w))
            h3 { (w.time_per_step) }
            p.note { (w.times_note) }
            @for (level, svg) in &step_charts {
                (chart(&format!("{} — {}", w.time_per_step, level.title), svg, &[]))
            }
        }
    })
}

fn levels_table(levels: &[LevelSummary], w: &Words) -> Markup {
    html! {
        table.levels {
            thead { tr {
                th { (w.level) } th.n { (w.trainees) } th.n { (w.attempts) } th.n { (w.passed) } th.n { (w.failed) }
                th.n { (w.abandoned) } th.n { (w.pass_rate) } th.n { (w.median_score) } th.n { (w.median_time) }
                th.n { (w.minor) } th.n { (w.major) } th.n { (w.critical) }
            } }
            tbody {
                @for level in levels {
                    tr data-level=(level.level) {
                        td { (level.title) br; small { code { (level.level) } } }
                        td.n { (level.trainees) } td.n { (level.tally.attempts) } td.n { (level.tally.passed) }
                        td.n { (level.tally.failed) } td.n { (level.tally.abandoned) }
                        td.n.rate { (percent(level.tally.pass_rate())) }
                        td.n { (score(level.median_score)) } td.n { (duration(level.median_elapsed_s)) }
                        td.n { (level.tally.by_severity[0]) } td.n { (level.tally.by_severity[1]) }
                        td.n.critical[level.tally.by_severity[2] > 0] { (level.tally.by_severity[2]) }
                    }
                }
            }
        }
    }
}

fn trainees_table(cohort: &Cohort, w: &Words) -> Markup {
    html! {
        table.trainees {
            thead { tr {
                th { (w.trainee) } th { (w.trainee_id) } th.n { (w.attempts) } th.n { (w.passed) } th.n { (w.pass_rate) }
                th.n { (w.deviations) } th { (w.last_attempt) }
            } }
            tbody {
                @for trainee in &cohort.trainees {
                    tr data-trainee=(trainee.trainee.id) {
                        td { a href={ "#" (anchor(&trainee.trainee.id)) } { (trainee.trainee.name) } }
                        td { (trainee.trainee.id) }
                        td.n { (trainee.tally.attempts) } td.n { (trainee.tally.passed) }
                        td.n.rate { (percent(trainee.tally.pass_rate())) }
                        td.n { (trainee.tally.deviations()) }
                        td { (trainee.last_attempt_at.get(..10).unwrap_or(&trainee.last_attempt_at)) }
                    }
                }
            }
        }
    }
}

fn trainee_section(
    records: &Records,
    cohort: &Cohort,
    trainee: &TraineeSummary,
    language: Language,
    w: &Words,
) -> Result<Markup, String> {
    let attempts: Vec<&Attempt> = trainee.attempts.iter().map(|&i| &records.attempts[i]).collect();
    let lines: Vec<Line> = trainee
        .levels
        .iter()
        .map(|level| {
            let i = cohort.levels.iter().position(|l| l.level == level.level).unwrap_or(0);
            Line {
                series: Series { name: level.title.clone(), colour: colour::SERIES[i % colour::SERIES.len()] },
                points: level.scores.iter().enumerate().map(|(n, &score)| (n + 1, score)).collect(),
            }
        })
        .filter(|line| !line.points.is_empty())
        .collect();
    let pass_score = common_pass_score(attempts.iter().copied());
    let score_chart =
        if lines.is_empty() { None } else { Some(charts::line_chart(w.attempt, w.score, &lines, pass_score)?) };
    let score_legend = line_legend(&lines, pass_score, w);
    let mut step_charts = Vec::new();
    for level in trainee.levels.iter().filter(|level| !level.steps.is_empty()) {
        let everyone = cohort.levels.iter().find(|l| l.level == level.level);
        let rows: Vec<BarRow> = level
            .steps
            .iter()
            .map(|step| {
                let all =
                    everyone.and_then(|l| l.steps.iter().find(|s| s.step == step.step)).map_or(0.0, |s| s.median_s);
                BarRow {
                    label: step_label(&step.step),
                    values: vec![step.median_s, all],
                    note: format!("{:.0} / {:.0} {}", step.median_s, all, w.seconds),
                }
            })
            .collect();
        let series = [
            Series { name: w.this_trainee.to_owned(), colour: colour::TRAINEE },
            Series { name: w.cohort_median.to_owned(), colour: colour::COHORT },
        ];
        let title = format!("{} — {}", w.their_time_per_step, level.title);
        let svg = charts::bar_chart(w.median_seconds, &rows, &series, Bars::Grouped, None)?;
        step_charts.push((title, svg, legend(&series)));
    }
    let id = anchor(&trainee.trainee.id);
    Ok(html! {
        section.trainee id=(id) data-trainee=(trainee.trainee.id) {
            h2 { (trainee.trainee.name) " " small { "(" (w.trainee_id) " " (trainee.trainee.id) ")" } }
            div.figures {
                (figure(w.attempts, trainee.tally.attempts.to_string()))
                (figure(w.passed, trainee.tally.passed.to_string()))
                (figure(w.pass_rate, percent(trainee.tally.pass_rate())))
                (figure(w.deviations, trainee.tally.deviations().to_string()))
            }
            table.trainee-levels {
                thead { tr {
                    th { (w.level) } th.n { (w.attempts) } th.n { (w.passed) } th.n { (w.best_score) } th { (w.first_pass) }
                } }
                tbody {
                    @for level in &trainee.levels {
                        tr data-level=(level.level) {
                            td { (level.title) } td.n { (level.tally.attempts) } td.n { (level.tally.passed) }
                            td.n { (score(level.best_score)) }
                            td {
                                @match level.first_pass {
                                    Some(n) => { (n) }
                                    None => { (w.not_yet) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(svg) = &score_chart { (chart(w.score_over_attempts, svg, &score_legend)) }
            h3 { (w.attempts) }
            (attempts_table(&attempts, language, w))
            h3 { (w.deviations) }
            (deviations_table(&attempts, language, w))
            @for (title, svg, legend) in &step_charts { (chart(title, svg, legend)) }
            p.top { a href="#top" { (w.back_to_top) } }
        }
    })
}

fn attempts_table(attempts: &[&Attempt], language: Language, w: &Words) -> Markup {
    html! {
        table.attempts {
            thead { tr {
                th { (w.date) } th { (w.level) } th { (w.mode) } th { (w.result) } th.n { (w.score) } th.n { (w.duration) }
                th.n { (w.deviations) } th { (w.machine) }
            } }
            tbody {
                @for attempt in attempts {
                    @let (day, time) = attempt.started_on();
                    @let [minor, major, critical] = attempt.by_severity();
                    tr data-attempt=(attempt.id) {
                        td { (day) " " (time) }
                        td { (attempt.started.level_title) " " small { "v" (attempt.started.level_version) } }
                        td { (mode(attempt.started.mode, w)) }
                        td class=(finish_class(&attempt.finish)) { (finish(&attempt.finish, language, w)) }
                        td.n { (score(attempt.score)) }
                        td.n { (duration(attempt.elapsed_s)) }
                        td.n title={ (w.minor) " " (minor) ", " (w.major) " " (major) ", " (w.critical) " " (critical) } {
                            (minor + major + critical)
                        }
                        td { (attempt.started.machine) " " small { "(" @if attempt.started.headset { (w.headset) } @else { (w.desktop) } ")" } }
                    }
                }
            }
        }
    }
}

fn deviations_table(attempts: &[&Attempt], language: Language, w: &Words) -> Markup {
    let any = attempts.iter().any(|attempt| !attempt.deviations.is_empty());
    html! {
        @if !any {
            p.none { (w.no_deviations) }
        } @else {
            table.deviations {
                thead { tr {
                    th { (w.date) } th { (w.level) } th.n { (w.time_s) } th { (w.step) } th { (w.severity) } th { (w.explanation) }
                } }
                tbody {
                    @for attempt in attempts {
                        @for deviation in &attempt.deviations {
                            @let (day, time) = attempt.started_on();
                            tr class=(severity_class(deviation.severity)) {
                                td { (day) " " (time) }
                                td { (attempt.started.level_title) }
                                td.n { (duration(Some(deviation.time_s))) }
                                td { (deviation.step.as_deref().map(step_label).unwrap_or_default()) }
                                td { (severity_name(deviation.severity, w)) }
                                td { (deviation.explanation.get(language.code())) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One entry of a chart's legend: its name and how it is drawn.
struct Key {
    name: String,
    colour: String,
    /// A line (a series over attempts), a dashed line (the pass score) or a swatch (a bar).
    mark: &'static str,
}

fn legend(series: &[Series]) -> Vec<Key> {
    series.iter().map(|one| Key { name: one.name.clone(), colour: charts::hex(one.colour), mark: "swatch" }).collect()
}

fn line_legend(lines: &[Line], pass_score: Option<f64>, w: &Words) -> Vec<Key> {
    let mut keys: Vec<Key> = lines
        .iter()
        .map(|line| Key { name: line.series.name.clone(), colour: charts::hex(line.series.colour), mark: "line" })
        .collect();
    if let Some(score) = pass_score {
        keys.push(Key {
            name: format!("{} {score:.0}", w.pass_score),
            colour: charts::hex(colour::REFERENCE),
            mark: "dashed",
        });
    }
    keys
}

/// A chart with its title and legend, as an image a screen reader names.
fn chart(caption: &str, svg: &str, keys: &[Key]) -> Markup {
    html! {
        figure.chart role="img" aria-label=(caption) {
            figcaption { (caption) }
            @if !keys.is_empty() {
                ul.legend {
                    @for key in keys {
                        li { span class=(key.mark) style={ "--colour: " (key.colour) } {} " " (key.name) }
                    }
                }
            }
            (PreEscaped(svg))
        }
    }
}

fn figure(name: &str, value: String) -> Markup {
    html! { div.figure { span.value { (value) } span.name { (name) } } }
}

fn severity_series(w: &Words) -> [Series; 3] {
    [
        Series { name: w.minor.to_owned(), colour: colour::MINOR },
        Series { name: w.major.to_owned(), colour: colour::MAJOR },
        Series { name: w.critical.to_owned(), colour: colour::CRITICAL },
    ]
}

fn severity_name(severity: Severity, w: &Words) -> &'static str {
    [w.minor, w.major, w.critical][severity_index(severity)]
}

fn severity_class(severity: Severity) -> &'static str {
    ["minor", "major", "critical"][severity_index(severity)]
}

fn mode(mode: Mode, w: &Words) -> &'static str {
    match mode {
        Mode::Guided => w.guided,
        Mode::Assessment => w.assessment,
    }
}

fn finish_class(finish: &Finish) -> &'static str {
    match finish {
        Finish::Passed => "passed",
        Finish::Failed(_) | Finish::Assisted { .. } => "failed",
        Finish::Abandoned(_) => "abandoned",
        Finish::InProgress => "in-progress",
    }
}

/// How an attempt ended, with why it failed or stopped.
pub fn finish(finish: &Finish, language: Language, w: &Words) -> String {
    match finish {
        Finish::Passed => w.passed.to_owned(),
        Finish::Failed(reasons) => {
            let why: Vec<String> = reasons.iter().map(|reason| fail_reason(reason, language)).collect();
            if why.is_empty() { w.failed.to_owned() } else { format!("{} ({})", w.failed, why.join("; ")) }
        }
        Finish::Assisted { interventions } => format!("{} ({interventions})", w.assisted),
        Finish::Abandoned(because) => {
            let because = match because {
                AbandonedBecause::LeftToMenu => w.left_to_menu,
                AbandonedBecause::GameClosed => w.game_closed,
                AbandonedBecause::LevelEdited => w.level_edited,
                AbandonedBecause::RestartedByInstructor => w.restarted_by_instructor,
                AbandonedBecause::Interrupted => w.interrupted,
            };
            format!("{} ({because})", w.abandoned)
        }
        Finish::InProgress => w.in_progress.to_owned(),
    }
}

fn fail_reason(reason: &FailReason, language: Language) -> String {
    let korean = language == Language::Korean;
    match reason {
        FailReason::ScoreBelowPass { score, pass_score } => {
            if korean {
                format!("점수 {score:.0} < {pass_score:.0}")
            } else {
                format!("score {score:.0} below {pass_score:.0}")
            }
        }
        FailReason::CriticalDeviation(source) => {
            if korean {
                format!("치명적 일탈: {}", source.id())
            } else {
                format!("critical deviation: {}", source.id())
            }
        }
        FailReason::TimeLimitExceeded { limit_s } => {
            if korean {
                format!("제한 시간 {} 초과", duration(Some(*limit_s)))
            } else {
                format!("over the time limit of {}", duration(Some(*limit_s)))
            }
        }
        FailReason::StepsIncomplete(steps) => {
            if korean {
                format!("미완료 단계 {}개", steps.len())
            } else {
                format!("{} steps not done", steps.len())
            }
        }
    }
}

/// The pass score the attempts share, if they share one (levels may set their own).
fn common_pass_score<'a>(attempts: impl Iterator<Item = &'a Attempt>) -> Option<f64> {
    let mut scores = attempts.filter_map(|attempt| attempt.pass_score);
    let first = scores.next()?;
    scores.all(|score| score == first).then_some(first)
}

/// A fraction as a whole percentage; a dash for none.
pub fn percent(fraction: Option<f64>) -> String {
    fraction.map_or_else(|| "—".to_owned(), |f| format!("{:.0}%", f * 100.0))
}

fn score(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_owned(), |s| format!("{s:.0}"))
}

/// Seconds as m:ss (h:mm:ss past an hour); a dash for none.
pub fn duration(seconds: Option<f64>) -> String {
    let Some(seconds) = seconds.filter(|s| s.is_finite()) else { return "—".to_owned() };
    let total = seconds.max(0.0).round() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// A trainee id as a fragment identifier (ids are typed at the menu: anything may be in them).
fn anchor(id: &str) -> String {
    let safe: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("trainee-{safe}-{:x}", id.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b.into())))
}

const STYLE: &str = r#"
:root { --ink: #212529; --muted: #495057; --line: #dee2e6; --passed: #2b8a3e; --failed: #c92a2a;
  --minor: #e0a800; --major: #e8590c; --critical: #c92a2a; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans KR", "Malgun Gothic", sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; line-height: 1.45; }
h1 { font-size: 1.8rem; margin: 0 0 4px; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--ink); padding-bottom: 4px; margin-top: 40px; }
h2 small { font-weight: normal; color: var(--muted); font-size: 1rem; }
h3 { font-size: 1.1rem; margin-top: 28px; }
.made, .note, .filter { color: var(--muted); margin: 4px 0; }
.tag { background: #f1f3f5; border-radius: 4px; padding: 1px 6px; }
.sources h2 { font-size: 1rem; border: none; margin: 16px 0 4px; }
.sources ul { margin: 0; padding-left: 20px; }
.sources .intact strong { color: var(--passed); }
.sources .altered strong { color: var(--failed); }
nav { margin: 16px 0; padding: 8px 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
a { color: #1864ab; }
.figures { display: flex; gap: 16px; flex-wrap: wrap; margin: 16px 0; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 10px 18px; min-width: 140px; }
.figure .value { display: block; font-size: 1.8rem; font-weight: 600; }
.figure .name { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.92rem; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f8f9fa; }
.n { text-align: right; font-variant-numeric: tabular-nums; }
td.passed { color: var(--passed); font-weight: 600; }
td.failed { color: var(--failed); font-weight: 600; }
td.abandoned, td.in-progress { color: var(--muted); }
tr.minor td:nth-child(5) { color: #8f6b00; font-weight: 600; }
tr.major td:nth-child(5) { color: var(--major); font-weight: 600; }
tr.critical td:nth-child(5), td.critical { color: var(--critical); font-weight: 600; }
figure.chart { margin: 24px 0; }
figure.chart figcaption { font-weight: 600; font-size: 1.05rem; margin-bottom: 4px; }
figure.chart svg { width: 100%; max-width: 960px; height: auto; display: block; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 20px; padding: 0; margin: 4px 0 8px; }
.legend span { display: inline-block; vertical-align: middle; }
.legend .swatch { width: 14px; height: 14px; background: var(--colour); border-radius: 2px; }
.legend .line { width: 22px; height: 0; border-top: 3px solid var(--colour); }
.legend .dashed { width: 22px; height: 0; border-top: 2px dashed var(--colour); }
.empty, .none { color: var(--muted); font-style: italic; }
@media print {
  body { max-width: none; padding: 0; }
  nav, .top { display: none; }
  section.trainee { page-break-before: always; }
  figure.chart { page-break-inside: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_minutes_and_seconds() {
        assert_eq!(duration(Some(65.4)), "1:05");
        assert_eq!(duration(Some(3725.0)), "1:02:05");
        assert_eq!(duration(None), "—");
        assert_eq!(percent(Some(0.5)), "50%");
    }

    #[test]
    fn an_anchor_is_safe_and_tells_similar_ids_apart() {
        let (a, b) = (anchor("T 1"), anchor("T_1"));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{a}");
        assert_ne!(a, b);
    }
}
