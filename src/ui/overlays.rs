//! Full-screen overlays: loading progress, the pause menu and the debrief.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::common::{ACCENT, MUTED, Tr, card};
use crate::i18n::{Language, Translations};
use crate::procedure::{ActiveProcedure, Debrief};
use crate::screens::{Loading, Pause, Screen};
use cleanroom_core::procedure::{FailReason, Mode, Outcome};

pub fn loading(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    loading: Res<Loading>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    egui::Area::new("loading".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            ui.set_width(520.0);
            ui.label(egui::RichText::new(tr.get("loading-title")).heading().color(ACCENT));
            for part in &loading.parts {
                ui.label(tr.with("loading-step", &[("what", &tr.get(part.name))]));
                let bar = egui::ProgressBar::new(part.progress).desired_height(22.0);
                let bar = match &part.detail {
                    Some(detail) => bar.text(detail.clone()),
                    None => bar.show_percentage(),
                };
                ui.add(bar);
            }
        });
    });
    Ok(())
}

pub fn pause_menu(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    mut next_pause: ResMut<NextState<Pause>>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut show_controls: Local<bool>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    dim(context);
    egui::Area::new("pause".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            ui.set_width(360.0);
            ui.label(egui::RichText::new(tr.get("pause-title")).heading().color(ACCENT));
            ui.vertical_centered_justified(|ui| {
                if ui.button(tr.get("pause-resume")).clicked() {
                    next_pause.set(Pause::Running);
                }
                if ui.button(tr.get("pause-restart")).clicked() {
                    // Re-entering the session state runs its start again: a fresh attempt.
                    next_screen.set(Screen::Session);
                }
                if ui.button(tr.get("pause-controls")).clicked() {
                    *show_controls = !*show_controls;
                }
                if ui.button(tr.get("pause-menu")).clicked() {
                    next_screen.set(Screen::MainMenu);
                }
            });
            if *show_controls {
                super::hud::controls_card(ui, &tr);
            }
        });
    });
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub fn debrief(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    mut next: ResMut<NextState<Screen>>,
    debrief: Option<Res<Debrief>>,
    procedure: Option<Res<ActiveProcedure>>,
    records: Option<Res<crate::records::Records>>,
    problem: Res<crate::review::ReviewProblem>,
    mut review: MessageWriter<crate::review::OpenReview>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    let code = language.code();
    dim(context);
    // Step ids are shown as the level's own instructions.
    // The runner's level has its parameters' values in its texts.
    let level = procedure.as_deref().map(|procedure| procedure.runner.level());
    let instruction = |id: &str| level.map_or_else(|| id.to_owned(), |level| level.instruction_of(id, code));
    // Why each step matters, as the level explains it.
    let why = |id: &str| {
        level
            .and_then(|level| level.steps.iter().find(|step| step.id == id))
            .and_then(|step| step.why.as_ref())
            .map(|why| why.get(code).to_owned())
    };
    egui::Area::new("debrief".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            // Narrower on a small window, so nothing falls off its edges.
            ui.set_width(820.0f32.min(ui.ctx().content_rect().width() - 64.0));
            ui.label(egui::RichText::new(tr.get("debrief-title")).heading().color(ACCENT));
            let Some(Debrief(report)) = debrief.as_deref() else {
                ui.label(tr.get("debrief-waiting"));
                if ui.button(tr.get("debrief-back")).clicked() {
                    next.set(Screen::MainMenu);
                }
                return;
            };
            if let Some(level) = level {
                ui.label(egui::RichText::new(level.title.get(code)).strong().size(21.0));
            }
            let (verdict, colour) = match &report.outcome {
                Outcome::Passed if report.assisted_assessment() => {
                    (tr.get("debrief-assisted"), egui::Color32::from_rgb(170, 110, 20))
                }
                Outcome::Passed => (tr.get("debrief-passed"), egui::Color32::from_rgb(30, 130, 70)),
                _ => (tr.get("debrief-failed"), egui::Color32::from_rgb(170, 40, 40)),
            };
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(verdict).strong().size(24.0).color(colour));
                let score = format!("{:.0}", report.score.total);
                let max = format!("{:.0}", report.score.pass_score);
                ui.label(
                    egui::RichText::new(tr.with("debrief-score", &[("score", &score), ("max", "100")])).size(22.0),
                );
                ui.label(tr.with("debrief-pass-mark", &[("score", &max)]));
            });
            if let Outcome::Failed(reasons) = &report.outcome {
                for reason in reasons {
                    ui.colored_label(colour, fail_reason(&tr, reason, &instruction));
                }
            }
            if report.assisted_assessment() {
                ui.colored_label(colour, tr.get("debrief-assisted-why"));
            }
            ui.label(tr.with(
                "debrief-time",
                &[
                    ("minutes", &format!("{:.1}", report.score.elapsed_s / 60.0)),
                    ("mode", &tr.get(mode_key(report.mode))),
                ],
            ));
            // Room for the heading above and the button below on a short window too.
            let room = (ui.ctx().content_rect().height() - 340.0).clamp(120.0, 520.0);
            egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                ui.separator();
                ui.label(egui::RichText::new(tr.get("debrief-steps")).strong().color(ACCENT));
                egui::Grid::new("debrief-steps").striped(true).num_columns(3).max_col_width(640.0).show(ui, |ui| {
                    for step in &report.steps {
                        let points = report.score.steps.iter().find(|score| score.step == step.step);
                        // Long instructions are cut to one line here; hovering shows them whole.
                        ui.add(egui::Label::new(instruction(&step.step)).truncate());
                        ui.label(step.completed_s.map_or_else(|| "—".to_owned(), clock));
                        ui.label(points.map_or_else(String::new, |p| format!("{:.0} / {:.0}", p.earned, p.max)));
                        ui.end_row();
                        if let Some(why) = why(&step.step) {
                            ui.add(egui::Label::new(egui::RichText::new(why).small().color(MUTED)).wrap());
                            ui.end_row();
                        }
                    }
                });
                ui.separator();
                ui.label(egui::RichText::new(tr.get("debrief-deviations")).strong().color(ACCENT));
                if report.deviations.is_empty() {
                    ui.label(tr.get("debrief-no-deviations"));
                }
                for deviation in &report.deviations {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(clock(deviation.time_s)).monospace());
                        ui.label(egui::RichText::new(tr.get(super::hud::severity_key(deviation.severity))).strong());
                        ui.label(format!("−{:.0}", deviation.points));
                    });
                    ui.label(deviation.explanation.get(code));
                    ui.add_space(4.0);
                }
                if !report.interventions.is_empty() {
                    ui.separator();
                    ui.label(egui::RichText::new(tr.get("debrief-interventions")).strong().color(ACCENT));
                    for intervened in &report.interventions {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new(clock(intervened.time_s)).monospace());
                            ui.label(intervention_text(&tr, &intervened.intervention, &instruction));
                        });
                    }
                }
            });
            ui.horizontal(|ui| {
                if ui.button(tr.get("debrief-back")).clicked() {
                    next.set(Screen::MainMenu);
                }
                // The attempt as recorded: its path and timeline, replayed from the store.
                if let Some(attempt) = records.as_ref().and_then(|records| records.last_ended())
                    && ui.button(tr.get("debrief-review")).clicked()
                {
                    review.write(crate::review::OpenReview {
                        attempt: Some(attempt.to_owned()),
                        back_to: Screen::Debrief,
                        at_s: None,
                    });
                }
            });
            if let Some(why) = &problem.0 {
                ui.colored_label(egui::Color32::from_rgb(170, 40, 40), tr.with("review-cannot-open", &[("why", why)]));
            }
        });
    });
    Ok(())
}

/// An intervention as the debrief and the instructor's panel say it.
pub fn intervention_text(
    tr: &Tr,
    intervention: &cleanroom_core::procedure::Intervention,
    instruction: &dyn Fn(&str) -> String,
) -> String {
    use cleanroom_core::procedure::Intervention;
    match intervention {
        Intervention::Pause => tr.get("intervention-pause"),
        Intervention::Resume => tr.get("intervention-resume"),
        Intervention::Restart => tr.get("intervention-restart"),
        Intervention::SkipStep { step } => tr.with("intervention-skip", &[("step", &instruction(step))]),
        Intervention::FireEvent { event } => tr.with("intervention-fire", &[("event", event)]),
        Intervention::Message { text } => tr.with("intervention-message", &[("text", text)]),
    }
}

/// The trainee's screen while the instructor holds the session: nothing to press, only why.
pub fn held(mut contexts: EguiContexts, translations: Res<Translations>, language: Res<Language>) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    dim(context);
    egui::Area::new("held".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            ui.set_width(420.0);
            ui.label(egui::RichText::new(tr.get("held-title")).heading().color(ACCENT));
            ui.label(tr.get("held-body"));
        });
    });
    Ok(())
}

/// Level time as minutes:seconds.
pub fn clock(seconds: f64) -> String {
    let whole = seconds.max(0.0).round() as u64;
    format!("{}:{:02}", whole / 60, whole % 60)
}

pub fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Guided => "menu-mode-guided",
        Mode::Assessment => "menu-mode-assessment",
    }
}

fn fail_reason(tr: &Tr, reason: &FailReason, instruction: &dyn Fn(&str) -> String) -> String {
    match reason {
        FailReason::ScoreBelowPass { score, pass_score } => {
            tr.with("fail-score", &[("score", &format!("{score:.0}")), ("pass", &format!("{pass_score:.0}"))])
        }
        FailReason::CriticalDeviation(source) => tr.with("fail-critical", &[("id", source.id())]),
        FailReason::TimeLimitExceeded { limit_s } => {
            tr.with("fail-time", &[("minutes", &format!("{:.0}", limit_s / 60.0))])
        }
        FailReason::StepsIncomplete(steps) => {
            // The step table below lists them all; here, the first few.
            const SHOWN: usize = 3;
            let mut names: Vec<String> = steps.iter().take(SHOWN).map(|step| instruction(step)).collect();
            if steps.len() > SHOWN {
                names.push(tr.with("fail-more", &[("count", &(steps.len() - SHOWN).to_string())]));
            }
            tr.with("fail-incomplete", &[("steps", &names.join("; "))])
        }
    }
}

/// Darkens the scene behind a modal overlay.
fn dim(context: &egui::Context) {
    let painter = context.layer_painter(egui::LayerId::new(egui::Order::Background, "dim".into()));
    painter.rect_filled(context.content_rect(), 0.0, egui::Color32::from_black_alpha(110));
}
