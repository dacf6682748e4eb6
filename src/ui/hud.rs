//! The heads-up display: crosshair, zone, what the crosshair points at, notices, the current
//! step, and the controls card the first time.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::common::{ACCENT, Tr, card};
use crate::DisplayMode;
use crate::actions::{LevelId, TraineeNotified};
use crate::i18n::{Language, Translations};
use crate::input::{Hand, Locomotion};
use crate::interaction::items::Item;
use crate::interaction::{Focus, Held, Shape, Socket, Usable};
use crate::player::CurrentZone;
use crate::procedure::{ActiveProcedure, HowTo};
use crate::screens::SessionSettings;
use cleanroom_core::procedure::{Mode, Severity};

/// How long a notice stays on screen, in seconds.
const NOTICE_SECONDS: f32 = 3.0;

/// The latest notice and when it expires.
#[derive(Resource, Debug, Default)]
pub struct NoticeBoard {
    pub key: Option<&'static str>,
    pub until: f32,
}

pub fn collect_notices(
    time: Res<Time<Real>>,
    mut notices: MessageReader<TraineeNotified>,
    mut board: ResMut<NoticeBoard>,
) {
    if let Some(notice) = notices.read().last() {
        board.key = Some(notice.key);
        board.until = time.elapsed_secs() + NOTICE_SECONDS;
    }
}

pub fn hud(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    zone: Res<CurrentZone>,
    mode: Res<DisplayMode>,
    time: Res<Time<Real>>,
    board: Res<NoticeBoard>,
    locomotion: Res<Locomotion>,
    mut settings: ResMut<SessionSettings>,
    hands: Query<(Entity, &Focus), With<Hand>>,
    held: Query<(&Held, &LevelId, Option<&Shape>), With<Item>>,
    sockets: Query<&Socket>,
    usable: Query<&Usable>,
    capture: Res<crate::LaunchOptions>,
    procedure: Option<Res<ActiveProcedure>>,
    how: Res<HowTo>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    // A clean picture for captures of named places: no HUD.
    if capture.capture.as_ref().is_some_and(|capture| capture.view.is_some()) {
        return Ok(());
    }
    egui::Area::new("hud-zone".into()).anchor(egui::Align2::LEFT_TOP, [16.0, 16.0]).show(context, |ui| {
        card().inner_margin(12.0).show(ui, |ui| {
            ui.label(
                egui::RichText::new(tr.with("hud-zone", &[("zone", &tr.get(zone.0.name_key()))]))
                    .strong()
                    .color(ACCENT),
            );
            if settings.level.is_none() {
                ui.label(tr.get("hud-free-roam"));
            }
        });
    });
    if let Some(procedure) = procedure.as_deref() {
        procedure_panel(context, &tr, procedure, how.0);
    }
    if matches!(*mode, DisplayMode::Desktop { .. }) {
        let painter = context.layer_painter(egui::LayerId::new(egui::Order::Foreground, "crosshair".into()));
        let centre = context.content_rect().center();
        let stroke = egui::Stroke::new(2.0, egui::Color32::from_rgba_unmultiplied(20, 30, 40, 200));
        painter.line_segment([centre - egui::vec2(9.0, 0.0), centre + egui::vec2(9.0, 0.0)], stroke);
        painter.line_segment([centre - egui::vec2(0.0, 9.0), centre + egui::vec2(0.0, 9.0)], stroke);
    }
    // Carrying something to a socket: say whether it goes there.
    let socket_hint = hands.iter().find_map(|(hand, focus)| {
        let (_, id, shape) = held.iter().find(|(held, ..)| held.hand == hand)?;
        let socket = focus.target.and_then(|target| sockets.get(target).ok())?;
        Some(if socket.takes(&id.0, shape) { "hud-socket-fits" } else { "hud-socket-rejects" })
    });
    if let Some(key) = socket_hint {
        egui::Area::new("hud-socket".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 48.0]).show(context, |ui| {
            card().inner_margin(8.0).show(ui, |ui| {
                ui.label(egui::RichText::new(tr.get(key)).strong());
            });
        });
    }
    let pointed = hands.iter().find_map(|(_, focus)| focus.target.and_then(|target| usable.get(target).ok()));
    if let (Some(usable), None) = (pointed, socket_hint) {
        egui::Area::new("hud-focus".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 48.0]).show(context, |ui| {
            card().inner_margin(8.0).show(ui, |ui| {
                ui.label(tr.with("hud-use-hint", &[("target", &tr.get(usable.label_key))]));
            });
        });
    }
    if let Some(key) = board.key.filter(|_| time.elapsed_secs() < board.until) {
        egui::Area::new("hud-notice".into()).anchor(egui::Align2::CENTER_BOTTOM, [0.0, -60.0]).show(context, |ui| {
            card().fill(egui::Color32::from_rgb(255, 244, 214)).inner_margin(12.0).show(ui, |ui| {
                ui.label(egui::RichText::new(tr.get(key)).strong());
            });
        });
    }
    if locomotion.walk != Vec2::ZERO && !settings.controls_seen {
        settings.controls_seen = true;
        // Remembered across runs, so the card greets a trainee only the first time; captures
        // (documentation) leave the machine's memory alone.
        if capture.capture.is_none() {
            remember_controls_seen();
        }
    }
    if !settings.controls_seen && matches!(*mode, DisplayMode::Desktop { .. }) {
        egui::Area::new("hud-controls".into()).anchor(egui::Align2::RIGHT_TOP, [-16.0, 16.0]).show(context, |ui| {
            controls_card(ui, &tr);
        });
    }
    Ok(())
}

/// How long a deviation notice stays up, in seconds of level time.
const DEVIATION_NOTICE_SECONDS: f64 = 8.0;

/// The current step(s), how to do it with these controls, the guided hint, the step just
/// done, an injected event with its countdown and, when feedback is live, the latest deviation.
fn procedure_panel(context: &egui::Context, tr: &Tr, procedure: &ActiveProcedure, how: Option<&'static str>) {
    let language = tr.language.code();
    let now = procedure.runner.level_time();
    let guided = procedure.mode == Mode::Guided;
    egui::Area::new("hud-procedure".into()).anchor(egui::Align2::LEFT_TOP, [16.0, 96.0]).show(context, |ui| {
        if guided && let Some(done) = procedure.step_just_done() {
            notice(ui, GOOD, &tr.get("hud-step-done"), done.instruction.get(language));
        }
        card().inner_margin(14.0).show(ui, |ui| {
            ui.set_max_width(460.0);
            ui.label(egui::RichText::new(tr.get("hud-step")).small().color(ACCENT));
            for step in procedure.runner.current_steps().into_iter().take(3) {
                ui.label(egui::RichText::new(step.instruction.get(language)).strong());
            }
            if guided && let Some(key) = how {
                ui.label(egui::RichText::new(format!("{} {}", tr.get("hud-how"), tr.get(key))).color(ACCENT));
            }
            if guided && let Some((_, hint)) = &procedure.hint {
                ui.label(egui::RichText::new(format!("{} {}", tr.get("hud-hint"), hint.get(language))).italics());
            }
        });
        if let Some(text) = instructor_message(procedure) {
            notice(ui, INSTRUCTOR, &tr.get("hud-instructor-message"), text);
        }
        if let Some((_, message, deadline)) = &procedure.pending_event {
            let left = (deadline - now).max(0.0).round().to_string();
            notice(ui, ALERT, message.get(language), &tr.with("hud-event-deadline", &[("seconds", &left)]));
        }
        if let Some(verification) =
            procedure.last_verification.as_ref().filter(|v| now - v.time_s < DEVIATION_NOTICE_SECONDS)
        {
            let fill = if verification.verified { GOOD } else { ALERT };
            notice(ui, fill, verification.by.get(language), verification.message.get(language));
        }
        if let Some(deviation) = procedure.last_deviation.as_ref().filter(|d| now - d.time_s < DEVIATION_NOTICE_SECONDS)
        {
            notice(ui, WARNING, &tr.get(severity_key(deviation.severity)), deviation.explanation.get(language));
        }
    });
}

/// How long the instructor's message stays up, in seconds of level time (it stays while the
/// session is held).
const INSTRUCTOR_MESSAGE_SECONDS: f64 = 30.0;

/// The instructor's message, while it is fresh.
pub fn instructor_message(procedure: &ActiveProcedure) -> Option<&str> {
    let (text, at) = procedure.instructor_message.as_ref()?;
    (procedure.runner.level_time() - at < INSTRUCTOR_MESSAGE_SECONDS).then_some(text.as_str())
}

/// The instructor's message card: a calm blue, unlike the warnings.
const INSTRUCTOR: egui::Color32 = egui::Color32::from_rgb(214, 230, 250);

/// Card colours of the HUD's notices: an event to answer or a refusal, a deviation, a pass.
const ALERT: egui::Color32 = egui::Color32::from_rgb(255, 226, 214);
const WARNING: egui::Color32 = egui::Color32::from_rgb(255, 240, 200);
const GOOD: egui::Color32 = egui::Color32::from_rgb(214, 240, 220);

/// A notice card under the step card: a strong first line and the text below it.
fn notice(ui: &mut egui::Ui, fill: egui::Color32, title: &str, body: &str) {
    card().fill(fill).inner_margin(14.0).show(ui, |ui| {
        ui.set_max_width(460.0);
        ui.label(egui::RichText::new(title).strong());
        ui.label(body);
    });
}

/// Translation key of a deviation's GMP severity.
pub fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Minor => "severity-minor",
        Severity::Major => "severity-major",
        Severity::Critical => "severity-critical",
    }
}

/// Where the game remembers that the controls card was seen.
fn controls_seen_marker() -> Option<std::path::PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::PathBuf::from(home).join(".config")))?;
    Some(config.join("cleanroom").join("controls-seen"))
}

fn remember_controls_seen() {
    let Some(marker) = controls_seen_marker() else {
        return;
    };
    let written = marker.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&marker, b""));
    if let Err(error) = written {
        warn!("could not remember that the controls were seen ({}): {error}", marker.display());
    }
}

/// Whether a trainee on this machine has already seen the controls card.
pub fn controls_already_seen() -> bool {
    controls_seen_marker().is_some_and(|marker| marker.exists())
}

/// The desktop controls, shown at the first session and from the pause menu.
pub fn controls_card(ui: &mut egui::Ui, tr: &Tr) {
    card().show(ui, |ui| {
        ui.label(egui::RichText::new(tr.get("controls-title")).strong().size(21.0).color(ACCENT));
        for key in
            ["controls-move", "controls-look", "controls-use", "controls-grab", "controls-dial", "controls-pause"]
        {
            ui.label(tr.get(key));
        }
        ui.label(egui::RichText::new(tr.get("controls-dismiss")).small());
    });
}
