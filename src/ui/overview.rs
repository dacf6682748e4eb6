//! The room seen from above, for the instructor and the after-action review: a camera under
//! the ceiling renders the whole floor plan into a picture, only when someone wants it (a few
//! frames for a still, or once in a while for a live view, so it never takes a headset's frame
//! budget), and `map` paints that picture with the trainee's path over it, each deviation where
//! it happened and a marker where the trainee stands and faces.

use bevy::camera::ScalingMode;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiTextureHandle, egui};
use cleanroom_core::level::Severity;
use cleanroom_core::records::attempt::Positioned;
use cleanroom_core::records::review::position_on;

use super::backdrop::PipelinesCompiled;
use super::common::render_target_image;

/// The floor plan the picture shows (x from west to east, z from north to south), with a margin.
const MAP_MIN: Vec2 = Vec2::new(-8.6, -8.6);
const MAP_MAX: Vec2 = Vec2::new(8.6, 11.6);
/// Pixels per metre of the picture: enough for a benchmark of a station's footprint.
const PIXELS_PER_METRE: f32 = 48.0;
/// The camera looks down from just under the ceiling, so the ceiling is behind it.
const CAMERA_HEIGHT: f32 = crate::layout::CEILING_HEIGHT - 0.1;
/// Frames rendered, once every pipeline is ready, for each new picture.
const FRAMES_PER_PICTURE: u32 = 2;
/// How often a live view's picture is renewed (items move, doors open).
const LIVE_EVERY_S: f64 = 2.0;

pub const WALKED: egui::Color32 = egui::Color32::from_rgb(20, 110, 220);
const AHEAD: egui::Color32 = egui::Color32::from_rgba_premultiplied(60, 60, 70, 110);
pub const DEVIATION: egui::Color32 = egui::Color32::from_rgb(205, 40, 40);
const INK: egui::Color32 = super::common::INK;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Overview>();
    app.add_systems(Startup, spawn_overview_camera);
    app.add_systems(Update, renew_the_picture);
}

/// The picture of the room from above, and who wants it.
#[derive(Resource, Debug, Default)]
pub struct Overview {
    image: Option<Handle<Image>>,
    texture: Option<egui::TextureId>,
    frames_left: u32,
    /// Level or real time of the last picture (real time: it is renewed while a session is held).
    pictured_at: Option<f64>,
    /// Asked for this frame: a still (false) or a live view (true).
    wanted: Option<bool>,
}

impl Overview {
    /// Asks for the picture, live (renewed every few seconds) or still; the ask lasts a frame.
    pub fn want(&mut self, live: bool) {
        self.wanted = Some(self.wanted.unwrap_or(false) || live);
    }

    /// Draws a fresh picture on the next frames (the room changed).
    pub fn renew(&mut self) {
        self.pictured_at = None;
    }
}

#[derive(Component)]
struct OverviewCamera;

fn picture_size() -> UVec2 {
    ((MAP_MAX - MAP_MIN) * PIXELS_PER_METRE).as_uvec2()
}

fn spawn_overview_camera(mut commands: Commands, mut images: ResMut<Assets<Image>>, mut overview: ResMut<Overview>) {
    let image = images.add(render_target_image(picture_size(), [40, 48, 58, 255]));
    overview.image = Some(image.clone());
    let centre = (MAP_MIN + MAP_MAX) / 2.0;
    let size = MAP_MAX - MAP_MIN;
    commands.spawn((
        Name::new("Overview camera"),
        OverviewCamera,
        Camera3d::default(),
        // Drawn before the windows' cameras, into its own picture, only when asked.
        Camera { order: -2, is_active: false, ..default() },
        bevy::camera::RenderTarget::Image(image.into()),
        Projection::Orthographic(OrthographicProjection {
            near: 0.0,
            far: CAMERA_HEIGHT + 1.0,
            scaling_mode: ScalingMode::Fixed { width: size.x, height: size.y },
            ..OrthographicProjection::default_3d()
        }),
        // North (−z) at the top of the picture, east (+x) to the right.
        Transform::from_xyz(centre.x, CAMERA_HEIGHT, centre.y).looking_to(Vec3::NEG_Y, Vec3::NEG_Z),
        bevy::camera::Exposure { ev100: bevy::camera::Exposure::EV100_INDOOR + 0.6 },
    ));
}

/// Renders the picture when it is wanted and old (or never drawn), for a few frames, then
/// stops the camera.
fn renew_the_picture(
    mut overview: ResMut<Overview>,
    mut contexts: EguiContexts,
    mut camera: Query<&mut Camera, With<OverviewCamera>>,
    compiled: Option<Res<PipelinesCompiled>>,
    time: Res<Time<Real>>,
) {
    let Ok(mut camera) = camera.single_mut() else { return };
    if overview.texture.is_none()
        && let Some(image) = &overview.image
    {
        let id = image.id();
        overview.texture = Some(contexts.add_image(EguiTextureHandle::Weak(id)));
    }
    let now = time.elapsed_secs_f64();
    if let Some(live) = overview.wanted.take() {
        let old = overview.pictured_at.is_none_or(|at| live && now - at >= LIVE_EVERY_S);
        if old && overview.frames_left == 0 {
            overview.frames_left = FRAMES_PER_PICTURE;
            overview.pictured_at = Some(now);
        }
    }
    let drawing = overview.frames_left > 0;
    if drawing && compiled.is_none_or(|compiled| compiled.get()) {
        overview.frames_left -= 1;
    }
    if camera.is_active != drawing {
        camera.is_active = drawing;
    }
}

/// What the map shows over the room.
pub struct Marks<'a> {
    /// Where the trainee was, in time order.
    pub path: &'a [Positioned],
    /// The moment shown: the path up to it is the walked part.
    pub now_s: f64,
    /// Where the trainee is at that moment.
    pub here: Option<Positioned>,
    /// Each deviation: when, how severe, what (shown when hovered).
    pub deviations: Vec<(f64, Severity, String)>,
    /// The words for the start of the path.
    pub start: String,
}

/// Paints the room from above into `area` (the picture kept to the floor plan's proportions)
/// with the marks over it.
pub fn map(ui: &mut egui::Ui, area: egui::Rect, overview: &Overview, marks: &Marks) {
    let plan = MAP_MAX - MAP_MIN;
    let scale = (area.width() / plan.x).min(area.height() / plan.y);
    let picture = egui::Rect::from_center_size(area.center(), egui::vec2(plan.x * scale, plan.y * scale));
    let painter = ui.painter_at(area);
    match overview.texture {
        Some(texture) => {
            let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
            painter.image(texture, picture, uv, egui::Color32::WHITE);
        }
        None => {
            painter.rect_filled(picture, 4.0, egui::Color32::from_rgb(40, 48, 58));
        }
    }
    let to_screen =
        |x: f32, z: f32| egui::pos2(picture.left() + (x - MAP_MIN.x) * scale, picture.top() + (z - MAP_MIN.y) * scale);
    let now = marks.now_s;
    let (walked, ahead): (Vec<&Positioned>, Vec<&Positioned>) =
        marks.path.iter().partition(|sample| sample.time_s <= now);
    let mut walked: Vec<egui::Pos2> = walked.into_iter().map(|sample| to_screen(sample.x, sample.z)).collect();
    let mut ahead: Vec<egui::Pos2> = ahead.into_iter().map(|sample| to_screen(sample.x, sample.z)).collect();
    if let Some(here) = marks.here {
        let here = to_screen(here.x, here.z);
        walked.push(here);
        ahead.insert(0, here);
    }
    painter.add(egui::Shape::line(ahead, egui::Stroke::new(3.0, AHEAD)));
    painter.add(egui::Shape::line(walked, egui::Stroke::new(5.0, WALKED)));
    if let Some(start) = marks.path.first() {
        let start = to_screen(start.x, start.z);
        painter.circle(start, 9.0, egui::Color32::WHITE, egui::Stroke::new(3.0, WALKED));
        painter.text(
            start + egui::vec2(12.0, -12.0),
            egui::Align2::LEFT_BOTTOM,
            &marks.start,
            egui::FontId::proportional(16.0),
            egui::Color32::WHITE,
        );
    }
    // Each deviation where the trainee was when it happened; hovering says what it was.
    let pointer = ui.ctx().pointer_hover_pos();
    for (time_s, severity, text) in &marks.deviations {
        let Some(at) = position_on(marks.path, *time_s).map(|at| to_screen(at.x, at.z)) else { continue };
        let radius = match severity {
            Severity::Minor => 8.0,
            Severity::Major => 10.0,
            Severity::Critical => 12.0,
        };
        let fill = if *time_s <= now { DEVIATION } else { egui::Color32::from_rgba_unmultiplied(205, 40, 40, 90) };
        painter.circle(at, radius, fill, egui::Stroke::new(2.0, egui::Color32::WHITE));
        painter.text(at, egui::Align2::CENTER_CENTER, "!", egui::FontId::proportional(15.0), egui::Color32::WHITE);
        if pointer.is_some_and(|pointer| pointer.distance(at) <= radius + 2.0) {
            let text = text.clone();
            egui::Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                egui::Id::new("map-deviation"),
                egui::PopupAnchor::Pointer,
            )
            .show(|ui| {
                ui.set_max_width(360.0);
                ui.colored_label(INK, text);
            });
        }
    }
    // The trainee: a disc with the way they face.
    if let Some(here) = marks.here {
        let centre = to_screen(here.x, here.z);
        let heading = here.heading_deg.to_radians();
        // 0° faces north (up the picture), 90° east (right).
        let direction = egui::vec2(heading.sin(), -heading.cos());
        let side = egui::vec2(-direction.y, direction.x);
        let tip = centre + direction * 26.0;
        painter.add(egui::Shape::convex_polygon(
            vec![tip, centre + side * 11.0, centre - side * 11.0],
            egui::Color32::from_rgba_unmultiplied(20, 110, 220, 170),
            egui::Stroke::NONE,
        ));
        painter.circle(centre, 11.0, WALKED, egui::Stroke::new(3.0, egui::Color32::WHITE));
    }
}
