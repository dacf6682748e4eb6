//! Full-screen overlays: loading progress, the pause menu and the debrief.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{ACCENT, Tr, card};
use crate::cleanroom::WorldBuild;
use crate::i18n::{Language, Translations};
use crate::screens::{Pause, Screen, SessionSettings};

pub fn loading(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    build: Res<WorldBuild>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    egui::Area::new("loading".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            ui.set_width(520.0);
            ui.label(egui::RichText::new(tr.get("loading-title")).heading().color(ACCENT));
            ui.label(tr.with("loading-step", &[("what", &tr.get("loading-world"))]));
            ui.add(egui::ProgressBar::new(build.progress()).show_percentage().desired_height(22.0));
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

pub fn debrief(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    mut next: ResMut<NextState<Screen>>,
    settings: Res<SessionSettings>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    dim(context);
    egui::Area::new("debrief".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            ui.set_width(640.0);
            ui.label(egui::RichText::new(tr.get("debrief-title")).heading().color(ACCENT));
            if settings.level.is_none() {
                ui.label(tr.get("debrief-waiting"));
            }
            if ui.button(tr.get("debrief-back")).clicked() {
                next.set(Screen::MainMenu);
            }
        });
    });
    Ok(())
}

/// Darkens the scene behind a modal overlay.
fn dim(context: &egui::Context) {
    let painter = context.layer_painter(egui::LayerId::new(egui::Order::Background, "dim".into()));
    painter.rect_filled(context.content_rect(), 0.0, egui::Color32::from_black_alpha(110));
}
