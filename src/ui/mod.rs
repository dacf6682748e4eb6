//! The 2D interface, drawn with egui: loading, menu, HUD, pause and debrief. Every string comes
//! from the translation files, and the shipped Hangul font makes Korean render everywhere.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext, egui};

use crate::player::PlayerCamera;

use crate::i18n::{Language, Translations};
use crate::screens::{Pause, Screen};

mod hud;
mod menu;
mod overlays;
pub mod panels;

/// The regular UI font, which covers Hangul (OFL, see assets/LICENSES.md).
const UI_FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default());
    // The trainee's camera hosts the screen-space UI; station screens have their own contexts.
    app.insert_resource(EguiGlobalSettings { auto_create_primary_context: false, ..default() });
    app.add_observer(|added: On<Add, PlayerCamera>, mut commands: Commands| {
        commands.entity(added.entity).insert(PrimaryEguiContext);
    });
    app.add_plugins(panels::plugin);
    app.init_resource::<hud::NoticeBoard>();
    app.add_systems(
        Startup,
        |options: Res<crate::LaunchOptions>, mut settings: ResMut<crate::screens::SessionSettings>| {
            settings.controls_seen = options.capture.is_none() && hud::controls_already_seen();
        },
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            setup_egui.run_if(run_once),
            overlays::loading.run_if(in_state(Screen::Loading)),
            menu::main_menu.run_if(in_state(Screen::MainMenu)),
            hud::hud.run_if(in_state(Screen::Session)),
            overlays::pause_menu.run_if(in_state(Pause::Paused)),
            overlays::debrief.run_if(in_state(Screen::Debrief)),
        )
            .chain(),
    );
    app.add_systems(Update, hud::collect_notices);
}

/// Text lookups in the chosen language.
pub struct Tr<'a> {
    pub translations: &'a Translations,
    pub language: Language,
}

impl Tr<'_> {
    pub fn get(&self, key: &str) -> String {
        self.translations.get(self.language, key)
    }

    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.translations.get_with(self.language, key, args)
    }
}

fn setup_egui(mut contexts: EguiContexts) -> Result {
    let context = contexts.ctx_mut()?;
    install_fonts(context);
    context.all_styles_mut(|style| {
        style.text_styles.insert(egui::TextStyle::Heading, egui::FontId::proportional(30.0));
        style.text_styles.insert(egui::TextStyle::Body, egui::FontId::proportional(18.0));
        style.text_styles.insert(egui::TextStyle::Button, egui::FontId::proportional(19.0));
        style.text_styles.insert(egui::TextStyle::Small, egui::FontId::proportional(14.0));
        style.spacing.button_padding = egui::vec2(14.0, 8.0);
        style.spacing.item_spacing = egui::vec2(10.0, 10.0);
    });
    context.set_visuals(egui::Visuals::light());
    Ok(())
}

/// Makes an egui context draw Hangul with the shipped font.
pub fn install_fonts(context: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("nanum".into(), Arc::new(egui::FontData::from_static(UI_FONT)));
    // Hangul comes from Nanum, Latin from egui's own font; Nanum first keeps both consistent.
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().insert(0, "nanum".into());
    }
    context.set_fonts(fonts);
}

/// The card style shared by menus and overlays.
pub fn card() -> egui::Frame {
    egui::Frame::new()
        .fill(egui::Color32::from_rgba_unmultiplied(250, 251, 253, 242))
        .stroke(egui::Stroke::new(1.0, egui::Color32::from_rgb(190, 200, 215)))
        .corner_radius(10.0)
        .inner_margin(24.0)
}

/// Accent colour for titles: the Grade B blue of the signs.
pub const ACCENT: egui::Color32 = egui::Color32::from_rgb(30, 90, 170);
