//! The step card in a headset: the current step, how to do it with the controllers and the step
//! just done, on a small panel above the left controller, where a trainee turns the wrist to
//! read it (the desktop shows the same on its HUD, which a headset never sees).

use bevy::prelude::*;
use bevy_egui::{EguiContext, egui};
use cleanroom_core::procedure::Mode;

use super::common::{ACCENT, INK, MUTED, Tr, install_fonts, render_target_image};
use super::panels::{ScreenContext, ScreenPass, screen_camera};
use crate::DisplayMode;
use crate::i18n::{Language, Translations};
use crate::input::{Hand, HandState};
use crate::procedure::{ActiveProcedure, HowTo};
use crate::screens::Screen;

/// The card's size in the world, metres: a phone's, read at a forearm's length.
const CARD_SIZE: Vec2 = Vec2::new(0.2, 0.13);
/// Texture width, pixels (egui points at scale 1).
const CARD_WIDTH: u32 = 640;
/// Where the card sits from the left controller's grip: above the back of the hand.
const CARD_OFFSET: Vec3 = Vec3::new(0.0, 0.09, 0.02);
/// The schedule and context id of the card's screen.
const CARD_SCREEN: &str = "step_card";

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_card.run_if(resource_equals(DisplayMode::Headset)));
    app.add_systems(Update, follow_the_left_hand.in_set(crate::AppSystems::Present));
    app.add_systems(ScreenPass(CARD_SCREEN), draw_card);
}

/// The step card panel.
#[derive(Component, Debug, Clone, Copy)]
pub struct StepCard;

fn spawn_card(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let height = (CARD_WIDTH as f32 * CARD_SIZE.y / CARD_SIZE.x).round() as u32;
    let image = images.add(render_target_image(UVec2::new(CARD_WIDTH, height), [250, 251, 253, 255]));
    commands.spawn(screen_camera(CARD_SCREEN, image.clone(), Color::srgb(0.98, 0.98, 0.99)));
    commands.spawn((
        Name::new("Step card"),
        StepCard,
        Mesh3d(meshes.add(Rectangle::new(CARD_SIZE.x, CARD_SIZE.y))),
        MeshMaterial3d(materials.add(StandardMaterial { base_color_texture: Some(image), unlit: true, ..default() })),
        Transform::default(),
        Visibility::Hidden,
    ));
}

/// The card rides above the left controller, turned to the eyes, while a level is played.
fn follow_the_left_hand(
    hands: Query<(&Hand, &HandState)>,
    eyes: Query<&GlobalTransform, With<crate::input::PointerCamera>>,
    screen: Res<State<Screen>>,
    procedure: Option<Res<ActiveProcedure>>,
    mut cards: Query<(&mut Transform, &mut Visibility), With<StepCard>>,
) {
    let Ok((mut card, mut visibility)) = cards.single_mut() else {
        return;
    };
    let left = hands.iter().find(|(hand, state)| **hand == Hand::Left && state.tracked).map(|(_, state)| state.grip);
    let shown = *screen.get() == Screen::Session && procedure.is_some();
    let (Some(grip), Ok(eyes), true) = (left, eyes.single(), shown) else {
        visibility.set_if_neq(Visibility::Hidden);
        return;
    };
    let at = grip.translation + grip.rotation * CARD_OFFSET;
    // A rectangle faces +z: look away from the eyes so its face turns to them.
    *card = Transform::from_translation(at).looking_to(at - eyes.translation(), Vec3::Y);
    visibility.set_if_neq(Visibility::Inherited);
}

fn draw_card(
    mut contexts: Query<(&ScreenContext, &mut EguiContext)>,
    procedure: Option<Res<ActiveProcedure>>,
    how: Res<HowTo>,
    translations: Res<Translations>,
    language: Res<Language>,
    pause: Option<Res<State<crate::screens::Pause>>>,
    mut fonts_set: Local<bool>,
) {
    let held = pause.is_some_and(|pause| *pause.get() == crate::screens::Pause::Held);
    let Some((_, mut context)) = contexts.iter_mut().find(|(context, _)| context.0 == CARD_SCREEN) else {
        return;
    };
    let context = context.get_mut();
    if !*fonts_set {
        install_fonts(context);
        *fonts_set = true;
    }
    let Some(procedure) = procedure else {
        return;
    };
    let tr = Tr { translations: &translations, language: *language };
    let code = language.code();
    let guided = procedure.mode == Mode::Guided;
    let area = context.content_rect();
    egui::Area::new("step-card".into()).fixed_pos(egui::pos2(0.0, 0.0)).show(context, |ui| {
        ui.set_min_size(area.size());
        ui.set_max_width(area.width() - 32.0);
        egui::Frame::new().inner_margin(16.0).show(ui, |ui| {
            // The card is light, and its own screen's egui starts with dark-theme text.
            ui.visuals_mut().override_text_color = Some(INK);
            if held {
                ui.label(egui::RichText::new(tr.get("held-title")).size(24.0).strong().color(ACCENT));
            }
            if let Some(text) = super::hud::instructor_message(&procedure) {
                let line = format!("{} {text}", tr.get("hud-instructor-message"));
                ui.label(egui::RichText::new(line).size(22.0).strong().color(egui::Color32::from_rgb(20, 70, 150)));
            }
            if guided && let Some(done) = procedure.step_just_done() {
                let text = format!("{} {}", tr.get("hud-step-done"), done.instruction.get(code));
                ui.label(egui::RichText::new(text).size(20.0).color(egui::Color32::from_rgb(30, 120, 60)));
            }
            ui.label(egui::RichText::new(tr.get("hud-step")).size(18.0).color(ACCENT));
            if let Some(step) = procedure.runner.current_steps().into_iter().next() {
                ui.label(egui::RichText::new(step.instruction.get(code)).size(26.0).strong().color(INK));
            }
            if guided && let Some(key) = how.0 {
                ui.label(egui::RichText::new(tr.get(key)).size(22.0).color(MUTED));
            }
        });
    });
}
