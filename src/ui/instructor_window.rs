//! The instructor's own window (`cleanroom --instructor-window`), for a trainee who plays on the
//! desktop: the trainee's view (a small picture, renewed twice a second), the room from above
//! with the trainee's path so far, and the instructor's panel with its interventions. The game
//! window keeps the trainee's keys and mouse only while it has the focus, so the instructor can
//! type and click here.

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{Exposure, RenderTarget};
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::window::{WindowRef, WindowResolution};
use bevy_egui::{EguiContexts, EguiSchedule, EguiTextureHandle, egui};

use super::common::render_target_image;
use super::instructor::DeskInputs;
use crate::player::PlayerCamera;

/// The size of the trainee's picture in the instructor's window.
const TRAINEE_VIEW: UVec2 = UVec2::new(480, 270);
/// How often the trainee's picture is renewed: a quarter of the pixels at a fraction of the
/// frames, so the second view costs the trainee's frame little.
const TRAINEE_VIEW_EVERY_S: f64 = 0.5;

/// The egui pass of the instructor's window.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct InstructorWindowPass;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, open_the_window.run_if(|options: Res<crate::LaunchOptions>| options.instructor_window));
    app.add_systems(InstructorWindowPass, window_ui);
    app.add_systems(PostUpdate, follow_the_trainee.before(TransformSystems::Propagate));
    app.add_systems(Last, close_with_the_window);
}

/// Closing the instructor's window leaves the game running; its cameras go with it.
fn close_with_the_window(
    mut commands: Commands,
    windows: Query<(), With<InstructorWindow>>,
    cameras: Query<Entity, Or<(With<InstructorWindowCamera>, With<TraineeViewCamera>)>>,
) {
    if windows.is_empty() && !cameras.is_empty() {
        for camera in &cameras {
            commands.entity(camera).despawn();
        }
        commands.remove_resource::<TraineeView>();
    }
}

/// The instructor's window.
#[derive(Component)]
pub struct InstructorWindow;

#[derive(Component)]
struct InstructorWindowCamera;

#[derive(Component)]
struct TraineeViewCamera;

/// The trainee's picture for the instructor.
#[derive(Resource)]
struct TraineeView {
    image: Handle<Image>,
    texture: Option<egui::TextureId>,
    renewed_at: Option<f64>,
}

fn open_the_window(mut commands: Commands, mut images: ResMut<Assets<Image>>) {
    let window = commands
        .spawn((
            InstructorWindow,
            Window {
                title: "Cleanroom — instructor".to_owned(),
                resolution: WindowResolution::new(1280, 800),
                ..default()
            },
        ))
        .id();
    commands.spawn((
        Name::new("Instructor window camera"),
        InstructorWindowCamera,
        Camera2d,
        Camera { clear_color: ClearColorConfig::Custom(Color::srgb(0.16, 0.19, 0.23)), ..default() },
        RenderTarget::Window(WindowRef::Entity(window)),
        EguiSchedule::new(InstructorWindowPass),
        // It draws egui only.
        RenderLayers::none(),
    ));
    let image = images.add(render_target_image(TRAINEE_VIEW, [40, 48, 58, 255]));
    commands.spawn((
        Name::new("Trainee view for the instructor"),
        TraineeViewCamera,
        Camera3d::default(),
        Camera { order: -3, is_active: false, ..default() },
        RenderTarget::Image(image.clone().into()),
        Projection::from(PerspectiveProjection { fov: 72f32.to_radians(), near: 0.05, ..default() }),
        Exposure { ev100: Exposure::EV100_INDOOR + 0.6 },
    ));
    commands.insert_resource(TraineeView { image, texture: None, renewed_at: None });
}

/// The trainee's picture looks from where the trainee's camera does, drawn a frame now and then.
fn follow_the_trainee(
    view: Option<ResMut<TraineeView>>,
    trainee: Query<&Transform, (With<PlayerCamera>, Without<TraineeViewCamera>)>,
    mut camera: Query<(&mut Camera, &mut Transform), With<TraineeViewCamera>>,
    time: Res<Time<Real>>,
) {
    let (Some(mut view), Ok(eyes), Ok((mut camera, mut transform))) = (view, trainee.single(), camera.single_mut())
    else {
        return;
    };
    let now = time.elapsed_secs_f64();
    let due = view.renewed_at.is_none_or(|at| now - at >= TRAINEE_VIEW_EVERY_S);
    if due {
        view.renewed_at = Some(now);
        *transform = *eyes;
    }
    if camera.is_active != due {
        camera.is_active = due;
    }
}

fn window_ui(
    camera: Query<Entity, With<InstructorWindowCamera>>,
    mut contexts: EguiContexts,
    mut styled: Local<bool>,
    mut desk: DeskInputs,
    mut view: Option<ResMut<TraineeView>>,
) {
    let Some(context) = camera.single().ok().and_then(|camera| contexts.ctx_for_entity_mut(camera).ok().cloned())
    else {
        return;
    };
    if !*styled {
        super::common::style(&context);
        *styled = true;
    }
    if let Some(view) = view.as_mut()
        && view.texture.is_none()
    {
        view.texture = Some(contexts.add_image(EguiTextureHandle::Weak(view.image.id())));
    }
    let mut root = egui::Ui::new(
        context.clone(),
        "instructor-window".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(context.content_rect()),
    );
    let frame = egui::Frame::new().fill(egui::Color32::from_rgb(246, 248, 251)).inner_margin(14.0);
    egui::Panel::right("instructor-window-panel").frame(frame).exact_size(470.0).resizable(false).show(
        &mut root,
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| desk.show_contents(ui));
        },
    );
    egui::CentralPanel::default().frame(egui::Frame::NONE.inner_margin(10.0)).show(&mut root, |ui| {
        let white = |text: String| egui::RichText::new(text).strong().color(egui::Color32::WHITE);
        ui.label(white(desk.tr().get("instructor-trainee-view")));
        let width = ui.available_width().min(TRAINEE_VIEW.x as f32 * 1.2);
        let size = egui::vec2(width, width * TRAINEE_VIEW.y as f32 / TRAINEE_VIEW.x as f32);
        match view.as_ref().and_then(|view| view.texture) {
            Some(texture) => {
                ui.image(egui::load::SizedTexture::new(texture, size));
            }
            None => {
                ui.allocate_exact_size(size, egui::Sense::hover());
            }
        }
        ui.add_space(6.0);
        ui.label(white(desk.tr().get("instructor-overview")));
        let area = ui.available_rect_before_wrap();
        desk.show_map(ui, area);
        ui.allocate_rect(area, egui::Sense::hover());
    });
}
