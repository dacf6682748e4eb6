//! The heads-up display: crosshair, zone, what the crosshair points at, notices, the current
//! step, and the controls card the first time.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{ACCENT, Tr, card};
use crate::DisplayMode;
use crate::i18n::{Language, Translations};
use crate::input::{Hand, Locomotion};
use crate::interaction::{Focus, Notice, Usable};
use crate::player::CurrentZone;
use crate::screens::SessionSettings;

/// How long a notice stays on screen, in seconds.
const NOTICE_SECONDS: f32 = 3.0;

/// The latest notice and when it expires.
#[derive(Resource, Debug, Default)]
pub struct NoticeBoard {
    pub key: Option<&'static str>,
    pub until: f32,
}

pub fn collect_notices(time: Res<Time<Real>>, mut notices: MessageReader<Notice>, mut board: ResMut<NoticeBoard>) {
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
    hands: Query<(&Hand, &Focus)>,
    usable: Query<&Usable>,
    capture: Res<crate::LaunchOptions>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    // A clean picture for captures: no HUD.
    if capture.capture.is_some() {
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
    if matches!(*mode, DisplayMode::Desktop { .. }) {
        let painter = context.layer_painter(egui::LayerId::new(egui::Order::Foreground, "crosshair".into()));
        let centre = context.content_rect().center();
        let stroke = egui::Stroke::new(2.0, egui::Color32::from_rgba_unmultiplied(20, 30, 40, 200));
        painter.line_segment([centre - egui::vec2(9.0, 0.0), centre + egui::vec2(9.0, 0.0)], stroke);
        painter.line_segment([centre - egui::vec2(0.0, 9.0), centre + egui::vec2(0.0, 9.0)], stroke);
    }
    let pointed = hands.iter().find_map(|(_, focus)| focus.target.and_then(|target| usable.get(target).ok()));
    if let Some(usable) = pointed {
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
    if locomotion.walk != Vec2::ZERO {
        settings.controls_seen = true;
    }
    if !settings.controls_seen && matches!(*mode, DisplayMode::Desktop { .. }) {
        egui::Area::new("hud-controls".into()).anchor(egui::Align2::RIGHT_TOP, [-16.0, 16.0]).show(context, |ui| {
            controls_card(ui, &tr);
        });
    }
    Ok(())
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
