//! The stations' touchscreens drawn with egui into textures on the panels in the world, so
//! they read the same on the desktop and in a headset. What the buttons do is decided in
//! `stations`; this only draws them where the hit test expects them.

use bevy::asset::RenderAssetUsages;
use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat, TextureUsages};
use bevy_egui::{EguiContext, EguiSchedule, egui};

use super::{Tr, install_fonts};
use crate::cleanroom::equipment::{RecordTerminal, Station, Touchscreen};
use crate::i18n::{Language, Translations};
use crate::stations::{BioreactorUnit, Caption, ScreenButtons};

/// Texture width of a touchscreen, in pixels (egui points at scale 1).
const SCREEN_WIDTH: u32 = 1024;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, attach_screen_contexts);
    app.add_systems(
        bevy_egui::EguiPrimaryContextPass,
        full_screen_panel.run_if(in_state(crate::screens::Screen::Session)),
    );
    for kind in Station::ALL.map(ScreenKind::Station).into_iter().chain([ScreenKind::BatchRecord]) {
        app.add_systems(ScreenPass(kind), draw_screen(kind));
    }
}

/// Which screen in the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScreenKind {
    Station(Station),
    BatchRecord,
}

/// The egui pass of one screen.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScreenPass(pub ScreenKind);

/// The egui context (a camera rendering to the screen's texture) of one screen.
#[derive(Component, Debug, Clone, Copy)]
pub struct ScreenContext(pub ScreenKind);

fn kind_of(touchscreen: Option<&Touchscreen>) -> ScreenKind {
    touchscreen.map_or(ScreenKind::BatchRecord, |touchscreen| ScreenKind::Station(touchscreen.0))
}

/// Gives each touchscreen its own egui context rendering into its texture.
fn attach_screen_contexts(
    mut commands: Commands,
    screens: Query<
        (Option<&Touchscreen>, &ScreenButtons, &MeshMaterial3d<StandardMaterial>),
        Or<(Added<Touchscreen>, Added<RecordTerminal>)>,
    >,
    mut images: ResMut<Assets<Image>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    for (touchscreen, buttons, material) in &screens {
        let kind = kind_of(touchscreen);
        let height = (SCREEN_WIDTH as f32 * buttons.size.y / buttons.size.x).round() as u32;
        let size = Extent3d { width: SCREEN_WIDTH, height, depth_or_array_layers: 1 };
        let mut image = Image::new_fill(
            size,
            TextureDimension::D2,
            &[18, 34, 56, 255],
            TextureFormat::Rgba8UnormSrgb,
            RenderAssetUsages::default(),
        );
        image.texture_descriptor.usage |= TextureUsages::RENDER_ATTACHMENT;
        let image = images.add(image);
        commands.spawn((
            Name::new(format!("Screen context: {kind:?}")),
            ScreenContext(kind),
            Camera3d::default(),
            Camera { order: -1, clear_color: ClearColorConfig::Custom(Color::srgb(0.07, 0.13, 0.22)), ..default() },
            RenderLayers::none(),
            RenderTarget::Image(image.clone().into()),
            EguiSchedule::new(ScreenPass(kind)),
        ));
        if let Some(mut material) = materials.get_mut(&material.0) {
            material.base_color_texture = Some(image.clone());
            material.emissive_texture = None;
            material.emissive = LinearRgba::BLACK;
        }
    }
}

fn draw_screen(
    kind: ScreenKind,
) -> impl FnMut(
    Query<(&ScreenContext, &mut EguiContext)>,
    Query<(Option<&Touchscreen>, &ScreenButtons)>,
    Option<Res<BioreactorUnit>>,
    Res<Translations>,
    Res<Language>,
    Local<bool>,
) {
    move |mut contexts, screens, unit, translations, language, mut fonts_set| {
        let Some((_, mut context)) = contexts.iter_mut().find(|(screen, _)| screen.0 == kind) else {
            return;
        };
        let context = context.get_mut();
        if !*fonts_set {
            install_fonts(context);
            *fonts_set = true;
        }
        let tr = Tr { translations: &translations, language: *language };
        let Some((_, buttons)) = screens.iter().find(|(touchscreen, _)| kind_of(*touchscreen) == kind) else {
            return;
        };
        let area = context.content_rect();
        egui::Area::new(egui::Id::new(("screen", format!("{kind:?}")))).fixed_pos(egui::pos2(0.0, 0.0)).show(
            context,
            |ui| {
                ui.set_min_size(area.size());
                match (kind, unit.as_deref()) {
                    (ScreenKind::Station(Station::Bioreactor), Some(unit)) => bioreactor(ui, &tr, unit, area),
                    (ScreenKind::Station(station), _) => idle(ui, &tr, station, area),
                    (ScreenKind::BatchRecord, _) => batch_record(ui, &tr, buttons, area),
                }
                draw_buttons(ui, &tr, buttons, area);
            },
        );
    }
}

fn draw_content(
    ui: &mut egui::Ui,
    tr: &Tr,
    kind: ScreenKind,
    unit: Option<&BioreactorUnit>,
    buttons: &ScreenButtons,
    area: egui::Rect,
) {
    // Screens are dark: fill behind the content (the texture has its own clear colour).
    ui.painter().rect_filled(area, 0.0, egui::Color32::from_rgb(18, 34, 56));
    match (kind, unit) {
        (ScreenKind::Station(Station::Bioreactor), Some(unit)) => bioreactor(ui, tr, unit, area),
        (ScreenKind::Station(station), _) => idle(ui, tr, station, area),
        (ScreenKind::BatchRecord, _) => batch_record(ui, tr, buttons, area),
    }
}

/// On the desktop, a panel opened full-screen: the same screen, large, with buttons the mouse
/// clicks; Close (or Esc) returns to the room.
fn full_screen_panel(
    mut contexts: bevy_egui::EguiContexts,
    mut open: ResMut<crate::stations::FullScreenPanel>,
    screens: Query<(Option<&Touchscreen>, &ScreenButtons)>,
    unit: Option<Res<BioreactorUnit>>,
    translations: Res<Translations>,
    language: Res<Language>,
    mut actions: MessageWriter<crate::procedure::TraineeAction>,
) -> Result {
    let Some(entity) = open.0 else {
        return Ok(());
    };
    let Ok((touchscreen, buttons)) = screens.get(entity) else {
        open.0 = None;
        return Ok(());
    };
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    let kind = kind_of(touchscreen);
    let screen = context.content_rect();
    let width = (screen.width() * 0.8).min(screen.height() * 0.8 * buttons.size.x / buttons.size.y);
    let size = egui::vec2(width, width * buttons.size.y / buttons.size.x);
    let mut close = context.input(|input| input.key_pressed(egui::Key::Escape));
    egui::Area::new("full-screen-panel".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        let (area, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        draw_content(ui, &tr, kind, unit.as_deref(), buttons, area);
        for button in &buttons.buttons {
            let rect = button_rect(area, button);
            let widget = egui::Button::new(caption(&tr, button)).selected(button.selected);
            if ui
                .put(rect, widget.sense(if button.enabled { egui::Sense::click() } else { egui::Sense::hover() }))
                .clicked()
                && button.enabled
            {
                actions.write(crate::procedure::TraineeAction(button.action.clone()));
            }
        }
        let close_rect =
            egui::Rect::from_min_size(area.right_top() + egui::vec2(-130.0, -46.0), egui::vec2(130.0, 40.0));
        close |= ui.put(close_rect, egui::Button::new(tr.get("panel-close"))).clicked();
    });
    if close {
        open.0 = None;
    }
    Ok(())
}

fn batch_record(ui: &mut egui::Ui, tr: &Tr, buttons: &ScreenButtons, area: egui::Rect) {
    header(ui, area, &tr.get("record-title"), &tr.get("record-operator"));
    if buttons.buttons.is_empty() {
        ui.painter().text(
            area.center(),
            egui::Align2::CENTER_CENTER,
            tr.get("record-no-entries"),
            egui::FontId::proportional(24.0),
            TEXT,
        );
    }
}

/// A batch-record entry's name on the terminal, with its state.
fn entry_caption(tr: &Tr, entry: &str, signed: bool) -> String {
    let day = |prefix: &str| entry.strip_prefix(prefix).map(|day| day.trim_start_matches('0').to_owned());
    let name = if let Some(day) = day("batch_record_sample_day_") {
        tr.with("entry-sample-day", &[("day", &day)])
    } else if let Some(day) = day("batch_record_flow_day_") {
        tr.with("entry-flow-day", &[("day", &day)])
    } else {
        tr.get(&format!("entry-{entry}"))
    };
    let state = tr.get(if signed { "record-signed" } else { "record-sign" });
    format!("{name} — {state}")
}

fn header(ui: &mut egui::Ui, area: egui::Rect, title: &str, right: &str) {
    let bar = egui::Rect::from_min_size(area.min, egui::vec2(area.width(), area.height() * 0.09));
    ui.painter().rect_filled(bar, 0.0, egui::Color32::from_rgb(40, 110, 190));
    ui.painter().text(
        bar.left_center() + egui::vec2(18.0, 0.0),
        egui::Align2::LEFT_CENTER,
        title,
        egui::FontId::proportional(30.0),
        egui::Color32::WHITE,
    );
    ui.painter().text(
        bar.right_center() - egui::vec2(18.0, 0.0),
        egui::Align2::RIGHT_CENTER,
        right,
        egui::FontId::proportional(26.0),
        egui::Color32::WHITE,
    );
}

fn idle(ui: &mut egui::Ui, tr: &Tr, station: Station, area: egui::Rect) {
    let (title, detail) = match station {
        Station::Bioreactor => ("screen-bioreactor", "screen-bioreactor-detail"),
        Station::Apheresis => ("screen-apheresis", "screen-apheresis-detail"),
        Station::FillFinish => ("screen-fill-finish", "screen-fill-finish-detail"),
    };
    header(ui, area, &tr.get(title), "");
    ui.painter().text(
        area.center(),
        egui::Align2::CENTER_CENTER,
        tr.get(detail),
        egui::FontId::proportional(28.0),
        egui::Color32::from_rgb(170, 215, 255),
    );
}

const TEXT: egui::Color32 = egui::Color32::from_rgb(225, 238, 250);
const GLUCOSE: egui::Color32 = egui::Color32::from_rgb(90, 170, 255);
const LACTATE: egui::Color32 = egui::Color32::from_rgb(255, 160, 60);
const CELLS: egui::Color32 = egui::Color32::from_rgb(110, 220, 130);

fn bioreactor(ui: &mut egui::Ui, tr: &Tr, unit: &BioreactorUnit, area: egui::Rect) {
    let code = tr.language.code();
    let station = &unit.desk.station;
    let status = station.status();
    let clock =
        tr.with("bio-clock", &[("day", &status.clock.day.to_string()), ("hour", &format!("{:02}", status.clock.hour))]);
    header(ui, area, &format!("{} — {}", tr.get("bio-title"), status.phase_name.get(code)), &clock);
    let painter = ui.painter();
    let left = area.min.x + 18.0;
    let mut y = area.min.y + area.height() * 0.11;
    let mut line = |text: String, colour: egui::Color32| {
        painter.text(egui::pos2(left, y), egui::Align2::LEFT_TOP, text, egui::FontId::proportional(22.0), colour);
        y += 30.0;
    };
    line(tr.with("bio-inlet", &[("rate", &format!("{:.2}", status.ic_inlet_ml_min))]), TEXT);
    line(tr.get(if status.pumps_running { "bio-pumps-running" } else { "bio-pumps-stopped" }), TEXT);
    if let Some(coating) = status.coating {
        line(tr.with("bio-coating", &[("reagent", coating.name().get(code))]), TEXT);
    }
    if let Some(remaining) = status.coating_remaining_h {
        line(tr.with("bio-coating-left", &[("hours", &format!("{remaining:.1}"))]), TEXT);
    }
    line(tr.with("bio-cells", &[("cells", &format!("{:.1}", status.cells_estimate / 1e6))]), CELLS);
    if let Some(sample) = &status.last_sample {
        line(
            tr.with(
                "bio-sample",
                &[
                    ("glucose", &format!("{:.2}", sample.glucose_mmol_l)),
                    ("lactate", &format!("{:.2}", sample.lactate_mmol_l)),
                ],
            ),
            TEXT,
        );
    }
    for alarm in &status.alarms {
        line(format!("⚠ {}", alarm.message.get(code)), egui::Color32::from_rgb(255, 120, 110));
    }
    if let Some(message) = &unit.message {
        line(message.get(code).to_owned(), egui::Color32::from_rgb(255, 210, 120));
    }
    draw_tasks(ui, tr, station, egui::pos2(left, area.min.y + area.height() * 0.43), area.width() * 0.45);
    let chart = egui::Rect::from_min_max(
        egui::pos2(left, area.min.y + area.height() * 0.64),
        egui::pos2(area.min.x + area.width() * 0.47, area.max.y - 18.0),
    );
    draw_chart(ui, tr, chart, station.history());
}

/// The operator's task list in two columns: done, the current one, and those still locked.
fn draw_tasks(
    ui: &mut egui::Ui,
    tr: &Tr,
    station: &cleanroom_core::stations::bioreactor::Bioreactor,
    top_left: egui::Pos2,
    width: f32,
) {
    use cleanroom_core::stations::bioreactor::TaskState;
    let painter = ui.painter();
    let tasks = station.tasks();
    let rows = tasks.len().div_ceil(2);
    for (index, task) in tasks.iter().enumerate() {
        let column = (index / rows) as f32;
        let row = (index % rows) as f32;
        let position = top_left + egui::vec2(column * width / 2.0, row * 26.0);
        let (mark, colour) = match task.state {
            TaskState::Done => ("✓", egui::Color32::from_rgb(110, 220, 130)),
            TaskState::Current => ("▶", egui::Color32::WHITE),
            TaskState::Locked => ("·", egui::Color32::from_rgb(120, 135, 150)),
        };
        painter.text(
            position,
            egui::Align2::LEFT_TOP,
            format!("{mark} {}", task.title.get(tr.language.code())),
            egui::FontId::proportional(17.0),
            colour,
        );
    }
}

/// Glucose and lactate (mmol/L, left scale) and estimated cells (right scale) over days.
fn draw_chart(
    ui: &mut egui::Ui,
    tr: &Tr,
    rect: egui::Rect,
    history: &[cleanroom_core::stations::bioreactor::HistoryPoint],
) {
    let painter = ui.painter();
    painter.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.5, egui::Color32::from_rgb(80, 110, 150)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        rect.left_top() + egui::vec2(8.0, 6.0),
        egui::Align2::LEFT_TOP,
        tr.get("bio-chart"),
        egui::FontId::proportional(18.0),
        TEXT,
    );
    let legend = [(GLUCOSE, "bio-glucose"), (LACTATE, "bio-lactate"), (CELLS, "bio-cells-legend")];
    for (index, (colour, key)) in legend.into_iter().enumerate() {
        painter.text(
            rect.right_top() + egui::vec2(-8.0, 6.0 + index as f32 * 20.0),
            egui::Align2::RIGHT_TOP,
            tr.get(key),
            egui::FontId::proportional(16.0),
            colour,
        );
    }
    if history.len() < 2 {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            tr.get("bio-chart-empty"),
            egui::FontId::proportional(18.0),
            TEXT,
        );
        return;
    }
    let first = history[0].time_h;
    let span = (history[history.len() - 1].time_h - first).max(24.0);
    let metabolite_max = history.iter().map(|p| p.glucose_mmol_l.max(p.lactate_mmol_l)).fold(1.0, f64::max);
    let cells_max = history.iter().map(|p| p.cells_estimate).fold(1.0, f64::max);
    let plot = rect.shrink2(egui::vec2(10.0, 30.0));
    let point = |time: f64, value: f64, max: f64| {
        egui::pos2(
            plot.left() + plot.width() * ((time - first) / span) as f32,
            plot.bottom() - plot.height() * (value / max) as f32,
        )
    };
    let series = |value: fn(&cleanroom_core::stations::bioreactor::HistoryPoint) -> f64, max: f64| -> Vec<egui::Pos2> {
        history.iter().map(|p| point(p.time_h, value(p), max)).collect()
    };
    painter.add(egui::Shape::line(series(|p| p.glucose_mmol_l, metabolite_max), egui::Stroke::new(2.5, GLUCOSE)));
    painter.add(egui::Shape::line(series(|p| p.lactate_mmol_l, metabolite_max), egui::Stroke::new(2.5, LACTATE)));
    painter.add(egui::Shape::line(series(|p| p.cells_estimate, cells_max), egui::Stroke::new(2.5, CELLS)));
    // Day ticks along the bottom.
    let days = (span / 24.0).ceil() as u32;
    for day in 0..=days {
        let x = point(first + f64::from(day) * 24.0, 0.0, 1.0).x;
        if x <= plot.right() + 1.0 {
            painter.line_segment(
                [egui::pos2(x, plot.bottom()), egui::pos2(x, plot.bottom() + 5.0)],
                egui::Stroke::new(1.0, TEXT),
            );
        }
    }
}

/// Where a button sits within a drawn screen.
fn button_rect(area: egui::Rect, button: &crate::stations::ScreenButton) -> egui::Rect {
    egui::Rect::from_min_max(
        egui::pos2(area.min.x + button.min.x * area.width(), area.min.y + button.min.y * area.height()),
        egui::pos2(area.min.x + button.max.x * area.width(), area.min.y + button.max.y * area.height()),
    )
}

/// What a button says, in the trainee's language.
fn caption(tr: &Tr, button: &crate::stations::ScreenButton) -> String {
    match &button.caption {
        Caption::Key(key) => tr.get(key),
        Caption::Text(text) => text.get(tr.language.code()).to_owned(),
        Caption::Literal(text) => text.clone(),
        Caption::Entry(entry) => entry_caption(tr, entry, button.selected),
    }
}

fn draw_buttons(ui: &mut egui::Ui, tr: &Tr, buttons: &ScreenButtons, area: egui::Rect) {
    for button in &buttons.buttons {
        let rect = button_rect(area, button);
        let caption = caption(tr, button);
        let (fill, ink) = match (button.enabled, button.selected) {
            (false, _) => (egui::Color32::from_rgb(45, 58, 75), egui::Color32::from_rgb(120, 135, 150)),
            (true, true) => (egui::Color32::from_rgb(60, 160, 110), egui::Color32::WHITE),
            (true, false) => (egui::Color32::from_rgb(55, 110, 180), egui::Color32::WHITE),
        };
        let painter = ui.painter();
        painter.rect_filled(rect, 6.0, fill);
        // Long captions (reagent names) get a smaller font so they stay inside their button.
        let size = (rect.width() / (caption.chars().count().max(1) as f32 * 0.58)).clamp(11.0, 19.0);
        painter.text(rect.center(), egui::Align2::CENTER_CENTER, caption, egui::FontId::proportional(size), ink);
    }
}
