//! What the window shows behind its 2D screens. The interface has a camera of its own, drawn
//! over the trainee's view, so the 3D view can be switched off where nothing in it moves: while
//! loading there is nothing behind the progress card (the room is drawn only into a thumbnail,
//! so its pipelines compile), and behind the main menu is a picture of
//! the processing room rendered once when the menu opens (again if the window is resized).
//! Under software rendering a frame of the room takes most of a second; rendered behind a menu
//! that does not change, it made every click in the menu answer that late (and start-up took
//! 4.5 s instead of 2).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy::render::render_resource::PipelineCache;
use bevy::render::{Render, RenderApp, RenderSystems};
use bevy::window::{PrimaryWindow, WindowRef};
use bevy_egui::{EguiContexts, EguiTextureHandle, PrimaryEguiContext, egui};

use super::common::render_target_image;
use crate::player::PlayerCamera;
use crate::screens::Screen;

/// Frames the trainee's camera renders into the menu's picture, with every pipeline compiled,
/// before it stops.
const BACKDROP_FRAMES: u32 = 2;

/// The size of the picture the trainee's camera renders while loading: nothing to look at, but
/// the renderer compiles the room's pipelines for it (the same target format and multisampling
/// as the menu's picture), so the picture does not miss what was still compiling.
const WARM_UP_SIZE: UVec2 = UVec2::new(64, 36);

/// While a headset runs, the desktop window (the instructor's view of what the trainee sees) is
/// drawn at half the window's resolution and at most this often (an assumption: smooth enough
/// to follow the trainee), so that it never takes the headset's frame budget.
const SPECTATOR_EVERY_S: f64 = 1.0 / 30.0;

/// The window's clear colour while nothing 3D is drawn under the interface.
const EMPTY: Color = Color::srgb(0.16, 0.19, 0.23);

/// The camera that draws the window's egui interface, over the trainee's view.
#[derive(Component, Debug)]
pub struct InterfaceCamera;

/// A picture the trainee's camera renders at half the window's size, for egui to paint behind
/// the window's panels.
#[derive(Debug, Default)]
struct WindowPicture {
    image: Option<Handle<Image>>,
    texture: Option<egui::TextureId>,
    size: UVec2,
}

impl WindowPicture {
    /// Makes a fresh picture when there is none or the window changed size; the new image, if so.
    fn fit(
        &mut self,
        window: &Window,
        contexts: &mut EguiContexts,
        images: &mut Assets<Image>,
    ) -> Option<Handle<Image>> {
        // Half the window's resolution: a quarter of the pixels to render.
        let size = (window.physical_size() / 2).max(UVec2::ONE);
        if self.image.is_some() && self.size == size {
            return None;
        }
        if let Some(old) = self.image.take() {
            contexts.remove_image(&old);
            images.remove(&old);
        }
        let image = images.add(picture(size));
        self.texture = Some(contexts.add_image(EguiTextureHandle::Weak(image.id())));
        self.image = Some(image.clone());
        self.size = size;
        Some(image)
    }
}

/// Paints a picture over the whole window, behind every egui window.
fn paint_behind(contexts: &mut EguiContexts, texture: egui::TextureId) -> Result {
    let context = contexts.ctx_mut()?;
    let rect = context.content_rect();
    let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
    context.layer_painter(egui::LayerId::background()).image(texture, rect, uv, egui::Color32::WHITE);
    Ok(())
}

/// The picture of the room behind the main menu.
#[derive(Resource, Debug, Default)]
pub struct MenuBackdrop {
    picture: WindowPicture,
    frames_left: u32,
}

/// The picture of the trainee's view that the desktop window shows while a headset runs.
#[derive(Resource, Debug, Default)]
pub struct Spectator {
    picture: WindowPicture,
    drawn_at: Option<f64>,
}

/// Whether the renderer has no pipeline still compiling (set by the render world each frame).
#[derive(Resource, Debug, Clone)]
pub(super) struct PipelinesCompiled(Arc<AtomicBool>);

impl PipelinesCompiled {
    pub(super) fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

fn report_compiled_pipelines(cache: Res<PipelineCache>, compiled: Res<PipelinesCompiled>) {
    compiled.0.store(cache.waiting_pipelines().next().is_none(), Ordering::Relaxed);
}

impl MenuBackdrop {
    /// Whether the picture is rendered and the 3D view stopped.
    pub fn is_done(&self) -> bool {
        self.picture.image.is_some() && self.frames_left == 0
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<MenuBackdrop>();
    app.init_resource::<Spectator>();
    // Without a renderer (nothing to wait for) every pipeline counts as compiled.
    let compiled = PipelinesCompiled(Arc::new(AtomicBool::new(app.get_sub_app(RenderApp).is_none())));
    if let Some(render_app) = app.get_sub_app_mut(RenderApp) {
        render_app.insert_resource(compiled.clone());
        render_app.add_systems(Render, report_compiled_pipelines.in_set(RenderSystems::Cleanup));
    }
    app.insert_resource(compiled);
    app.add_systems(Startup, spawn_interface_camera);
    app.add_systems(
        Update,
        (render_backdrop.run_if(in_state(Screen::MainMenu)), spectate_at_a_lower_rate, clear_when_nothing_below)
            .chain(),
    );
    // Each visit to the menu gets a fresh picture (the stations may have changed).
    app.add_systems(OnEnter(Screen::MainMenu), |mut backdrop: ResMut<MenuBackdrop>| {
        backdrop.picture.size = UVec2::ZERO
    });
    app.add_systems(OnExit(Screen::MainMenu), back_to_the_window);
    app.add_systems(OnExit(Screen::Loading), back_to_the_window);
    app.add_observer(warm_up_while_loading);
}

/// While the cleanroom is built behind the loading card, the trainee's camera draws it only into
/// a thumbnail nobody sees (see WARM_UP_SIZE).
fn warm_up_while_loading(
    added: On<Add, PlayerCamera>,
    mut targets: Query<&mut RenderTarget>,
    screen: Res<State<Screen>>,
    mut images: ResMut<Assets<Image>>,
) {
    if *screen.get() != Screen::Loading {
        return;
    }
    if let Ok(mut target) = targets.get_mut(added.entity) {
        *target = RenderTarget::Image(images.add(picture(WARM_UP_SIZE)).into());
    }
}

/// An image the trainee's camera can render into, blank until it does.
fn picture(size: UVec2) -> Image {
    render_target_image(size, EMPTY.to_srgba().to_u8_array())
}

fn spawn_interface_camera(mut commands: Commands) {
    commands.spawn((
        Name::new("Interface camera"),
        InterfaceCamera,
        PrimaryEguiContext,
        Camera2d,
        // Over the trainee's view (order 0); the station screens' cameras come first (-1).
        Camera { order: 10, clear_color: ClearColorConfig::None, ..default() },
        // It draws egui only: no entity of the world is culled or drawn for it.
        RenderLayers::none(),
    ));
}

/// In the menu, renders the room into the backdrop picture for a few frames, then stops the 3D
/// view; a window of a new size gets a new picture.
fn render_backdrop(
    mut backdrop: ResMut<MenuBackdrop>,
    mut contexts: EguiContexts,
    mut images: ResMut<Assets<Image>>,
    window: Query<&Window, With<PrimaryWindow>>,
    mut trainee: Query<(&mut Camera, &mut RenderTarget, &mut Projection), With<PlayerCamera>>,
    compiled: Res<PipelinesCompiled>,
) {
    let (Ok(window), Ok((mut camera, mut target, mut projection))) = (window.single(), trainee.single_mut()) else {
        return;
    };
    // Behind the menu's card a softer picture of the room is what a menu wants anyway.
    if let Some(image) = backdrop.picture.fit(window, &mut contexts, &mut images) {
        backdrop.frames_left = BACKDROP_FRAMES;
        *target = RenderTarget::Image(image.into());
        camera.is_active = true;
        // The target's size is recomputed (see back_to_the_window).
        projection.set_changed();
    }
    // Only frames drawn with every pipeline ready count: a mesh whose pipeline is still
    // compiling is left out of its frame.
    if backdrop.frames_left > 0 {
        if compiled.get() {
            backdrop.frames_left -= 1;
        }
    } else if camera.is_active {
        camera.is_active = false;
    }
}

/// Leaving the menu or the loading screen, the trainee's camera draws into the window again.
fn back_to_the_window(mut trainee: Query<(&mut Camera, &mut RenderTarget, &mut Projection), With<PlayerCamera>>) {
    if let Ok((mut camera, mut target, mut projection)) = trainee.single_mut() {
        *target = RenderTarget::Window(WindowRef::Primary);
        camera.is_active = true;
        // Bevy 0.19 recomputes a camera's target size when its window or image changes, not
        // when it is given another target; without this the room is drawn with the picture's
        // depth buffer into the window's colour and the renderer stops on the mismatch.
        projection.set_changed();
    }
}

/// The interface camera clears the window itself when no view of the world is drawn into it.
fn clear_when_nothing_below(
    world_cameras: Query<(&Camera, &RenderTarget), Without<InterfaceCamera>>,
    mut interface: Query<&mut Camera, With<InterfaceCamera>>,
) {
    let Ok(mut interface) = interface.single_mut() else {
        return;
    };
    // The trainee's view, or the review's view from above.
    let below =
        world_cameras.iter().any(|(camera, target)| camera.is_active && matches!(target, RenderTarget::Window(_)));
    let clears = !matches!(interface.clear_color, ClearColorConfig::None);
    if below == clears {
        interface.clear_color = if below { ClearColorConfig::None } else { ClearColorConfig::Custom(EMPTY) };
    }
}

/// Paints the menu's backdrop picture over the whole window, behind every egui window (run
/// before the menu).
pub fn menu_backdrop(mut contexts: EguiContexts, backdrop: Res<MenuBackdrop>) -> Result {
    match backdrop.picture.texture {
        Some(texture) => paint_behind(&mut contexts, texture),
        None => Ok(()),
    }
}

/// Whether the desktop window shows the headset's trainee through the spectator's picture.
fn spectating(mode: &crate::DisplayMode, screen: Screen) -> bool {
    matches!(mode, crate::DisplayMode::Headset) && matches!(screen, Screen::Session | Screen::Debrief)
}

/// While a headset runs, the trainee's camera draws the desktop window's view into a picture of
/// half its size, at most `SPECTATOR_EVERY_S` apart; the interface paints it behind the panels.
fn spectate_at_a_lower_rate(
    mode: Res<crate::DisplayMode>,
    screen: Res<State<Screen>>,
    mut spectator: ResMut<Spectator>,
    mut contexts: EguiContexts,
    mut images: ResMut<Assets<Image>>,
    window: Query<&Window, With<PrimaryWindow>>,
    mut trainee: Query<(&mut Camera, &mut RenderTarget, &mut Projection), With<PlayerCamera>>,
    time: Res<Time<Real>>,
) {
    if !spectating(&mode, *screen.get()) {
        return;
    }
    let (Ok(window), Ok((mut camera, mut target, mut projection))) = (window.single(), trainee.single_mut()) else {
        return;
    };
    spectator.picture.fit(window, &mut contexts, &mut images);
    let ours = spectator.picture.image.clone();
    if let Some(image) = ours
        && !matches!(&*target, RenderTarget::Image(current) if current.handle == image)
    {
        *target = RenderTarget::Image(image.into());
        // The target's size is recomputed (see back_to_the_window).
        projection.set_changed();
    }
    let now = time.elapsed_secs_f64();
    let due = spectator.drawn_at.is_none_or(|at| now - at >= SPECTATOR_EVERY_S);
    if due {
        spectator.drawn_at = Some(now);
    }
    if camera.is_active != due {
        camera.is_active = due;
    }
}

/// Paints the spectator's picture over the whole window, behind every panel, while a headset
/// runs.
pub fn spectator_backdrop(
    mut contexts: EguiContexts,
    spectator: Res<Spectator>,
    mode: Res<crate::DisplayMode>,
    screen: Res<State<Screen>>,
) -> Result {
    match spectator.picture.texture.filter(|_| spectating(&mode, *screen.get())) {
        Some(texture) => paint_behind(&mut contexts, texture),
        None => Ok(()),
    }
}
