//! What every part of the 2D interface shares: text lookups in the chosen language, the fonts
//! that draw Hangul, the card style and the accent colour.

use std::sync::Arc;

use bevy::asset::RenderAssetUsages;
use bevy::image::Image;
use bevy::math::UVec2;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat, TextureUsages};
use bevy_egui::egui;

use crate::i18n::{Language, Translations};

/// The regular UI font, which covers Hangul (OFL, see assets/LICENSES.md).
const UI_FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");

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

/// The game's fonts (Hangul included), sizes and light look, for each window's interface.
pub fn style(context: &egui::Context) {
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
/// Body text on a light card.
pub const INK: egui::Color32 = egui::Color32::from_rgb(20, 26, 36);
/// Secondary text on a card (an explanation under its line).
pub const MUTED: egui::Color32 = egui::Color32::from_rgb(70, 80, 95);

/// An image of `size` filled with `fill` (sRGB) that a camera can render into: a touchscreen's
/// texture, the menu's backdrop.
pub fn render_target_image(size: UVec2, fill: [u8; 4]) -> Image {
    let mut image = Image::new_fill(
        Extent3d { width: size.x, height: size.y, depth_or_array_layers: 1 },
        TextureDimension::D2,
        &fill,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    );
    image.texture_descriptor.usage |= TextureUsages::RENDER_ATTACHMENT;
    image
}
