//! The touchscreens in the world drawn with egui into textures on their panels, so they read
//! the same on the desktop and in a headset: every station's screen as its model describes it
//! (or idle while it has no model), and the batch record terminal. What the buttons do is
//! decided by the models; this only draws them where the hit test expects them.

use bevy::camera::RenderTarget;
use bevy::camera::visibility::RenderLayers;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy_egui::{EguiContext, EguiSchedule, egui};
use cleanroom_core::stations::screen::{Chart, ScreenView, TaskState, Tone};

use super::common::{Tr, install_fonts, render_target_image};
use crate::cleanroom::equipment::RecordTerminal;
use crate::i18n::{Language, Translations};
use crate::interaction::touchscreen::{ButtonPressed, Caption, FullScreenPanel, ScreenButton, ScreenButtons};
use crate::stations::{STATIONS, ScreenContent, StationScreen};

/// Texture width of a touchscreen, in pixels (egui points at scale 1).
const SCREEN_WIDTH: u32 = 1024;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, attach_screen_contexts);
    app.add_systems(
        bevy_egui::EguiPrimaryContextPass,
        full_screen_panel.run_if(in_state(crate::screens::Screen::Session)),
    );
    let terminals = crate::layout::Zone::ALL.map(|zone| RecordTerminal { zone }.screen());
    for screen in STATIONS.iter().map(|station| station.id).chain(terminals) {
        app.add_systems(ScreenPass(screen), draw_screen(screen));
    }
}

/// The egui pass of one screen in the world (a station's id, or the terminal's).
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ScreenPass(pub &'static str);

/// The egui context (a camera rendering to the screen's texture) of one screen.
#[derive(Component, Debug, Clone, Copy)]
pub struct ScreenContext(pub &'static str);

/// Which screen a panel is: its station's id, or its batch record terminal's.
fn screen_of(station: Option<&StationScreen>, terminal: Option<&RecordTerminal>) -> &'static str {
    match (station, terminal) {
        (Some(screen), _) => screen.station.id,
        (None, Some(terminal)) => terminal.screen(),
        (None, None) => "",
    }
}

/// Gives each touchscreen its own egui context rendering into its texture.
fn attach_screen_contexts(
    mut commands: Commands,
    screens: Query<
        (Option<&StationScreen>, Option<&RecordTerminal>, &ScreenButtons, &MeshMaterial3d<StandardMaterial>),
        Or<(Added<StationScreen>, Added<RecordTerminal>)>,
    >,
    mut images: ResMut<Assets<Image>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    for (station, terminal, buttons, material) in &screens {
        let screen = screen_of(station, terminal);
        let height = (SCREEN_WIDTH as f32 * buttons.size.y / buttons.size.x).round() as u32;
        let image = images.add(render_target_image(UVec2::new(SCREEN_WIDTH, height), [18, 34, 56, 255]));
        commands.spawn(screen_camera(screen, image.clone(), Color::srgb(0.07, 0.13, 0.22)));
        if let Some(mut material) = materials.get_mut(&material.0) {
            material.base_color_texture = Some(image.clone());
            material.emissive_texture = None;
            material.emissive = LinearRgba::BLACK;
        }
    }
}

/// The egui context of the screen `screen`, rendering into `image`. Only egui draws into the
/// texture: a 2D camera without multisampling runs none of the 3D passes (light clustering, the
/// 3D phases, tonemapping) for it, about 40 ms a frame less for the four screens under software
/// rendering (measured).
pub fn screen_camera(screen: &'static str, image: Handle<Image>, clear: Color) -> impl Bundle {
    (
        Name::new(format!("Screen context: {screen}")),
        ScreenContext(screen),
        Camera2d,
        Msaa::Off,
        Camera { order: -1, clear_color: ClearColorConfig::Custom(clear), ..default() },
        RenderLayers::none(),
        RenderTarget::Image(image.into()),
        EguiSchedule::new(ScreenPass(screen)),
    )
}

/// What a panel shows, whichever screen it is.
type PanelParts = (
    Option<&'static StationScreen>,
    Option<&'static ScreenContent>,
    &'static ScreenButtons,
    Option<&'static RecordTerminal>,
);

fn draw_screen(
    screen: &'static str,
) -> impl FnMut(Query<(&ScreenContext, &mut EguiContext)>, Query<PanelParts>, Res<Translations>, Res<Language>, Local<bool>)
{
    move |mut contexts, panels, translations, language, mut fonts_set| {
        let Some((_, mut context)) = contexts.iter_mut().find(|(context, _)| context.0 == screen) else {
            return;
        };
        let context = context.get_mut();
        if !*fonts_set {
            install_fonts(context);
            *fonts_set = true;
        }
        let tr = Tr { translations: &translations, language: *language };
        let Some(parts) = panels.iter().find(|(station, _, _, terminal)| screen_of(*station, *terminal) == screen)
        else {
            return;
        };
        let area = context.content_rect();
        egui::Area::new(egui::Id::new(("screen", screen))).fixed_pos(egui::pos2(0.0, 0.0)).show(context, |ui| {
            ui.set_min_size(area.size());
            draw_content(ui, &tr, parts, area);
            draw_buttons(ui, &tr, parts.2, area);
        });
    }
}

/// A screen's content: a station's view, its idle page, or the terminal's list.
fn draw_content(
    ui: &mut egui::Ui,
    tr: &Tr,
    (station, content, buttons, _): (
        Option<&StationScreen>,
        Option<&ScreenContent>,
        &ScreenButtons,
        Option<&RecordTerminal>,
    ),
    area: egui::Rect,
) {
    // Screens are dark: fill behind the content (the texture has its own clear colour).
    ui.painter().rect_filled(area, 0.0, egui::Color32::from_rgb(18, 34, 56));
    match (station, content) {
        (Some(_), Some(content)) => station_view(ui, tr, content, buttons.size, area),
        (Some(station), None) => idle(ui, tr, station.station.idle_screen, area),
        (None, _) => batch_record(ui, tr, buttons, area),
    }
}

/// On the desktop, a panel opened full-screen: the same screen, large, with buttons the mouse
/// clicks; Close (or Esc) returns to the room.
fn full_screen_panel(
    mut contexts: bevy_egui::EguiContexts,
    mut open: ResMut<FullScreenPanel>,
    panels: Query<PanelParts>,
    translations: Res<Translations>,
    language: Res<Language>,
    mut pressed: MessageWriter<ButtonPressed>,
) -> Result {
    let Some(entity) = open.0 else {
        return Ok(());
    };
    let Ok(parts) = panels.get(entity) else {
        open.0 = None;
        return Ok(());
    };
    let buttons = parts.2;
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    let screen = context.content_rect();
    let width = (screen.width() * 0.8).min(screen.height() * 0.8 * buttons.size.x / buttons.size.y);
    let size = egui::vec2(width, width * buttons.size.y / buttons.size.x);
    let mut close = context.input(|input| input.key_pressed(egui::Key::Escape));
    egui::Area::new("full-screen-panel".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        let (area, _) = ui.allocate_exact_size(size, egui::Sense::hover());
        draw_content(ui, &tr, parts, area);
        for (index, button) in buttons.buttons.iter().enumerate() {
            let rect = button_rect(area, button);
            let widget = egui::Button::new(caption(&tr, button)).selected(button.selected);
            let sense = if button.enabled { egui::Sense::click() } else { egui::Sense::hover() };
            if ui.put(rect, widget.sense(sense)).clicked() && button.enabled {
                pressed.write(ButtonPressed { screen: entity, button: index });
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

/// A station with no model yet: its name and state, as its idle page says.
fn idle(ui: &mut egui::Ui, tr: &Tr, (title, detail): (&'static str, &'static str), area: egui::Rect) {
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

/// The colour of a line or series of this tone.
fn colour(tone: Tone) -> egui::Color32 {
    match tone {
        Tone::Normal => egui::Color32::from_rgb(90, 170, 255),
        Tone::Accent => egui::Color32::from_rgb(255, 160, 60),
        Tone::Good => egui::Color32::from_rgb(110, 220, 130),
        Tone::Alarm => egui::Color32::from_rgb(255, 120, 110),
        Tone::Message => egui::Color32::from_rgb(255, 210, 120),
    }
}

/// The height of a screen's text on the panel, millimetres: capitals of about 10 mm, 1° of the
/// view from where the operator stands (0.6 m), in a headset as on the desktop.
pub const LEGIBLE_TEXT_MM: f32 = 14.0;

/// The font size, in texture pixels, that draws text `LEGIBLE_TEXT_MM` tall on a panel of
/// `panel` metres drawn `area` wide.
fn legible_px(area: egui::Rect, panel: Vec2) -> f32 {
    area.width() / (panel.x * 1000.0) * LEGIBLE_TEXT_MM
}

/// A station's screen as its model describes it: its page tabs under the title (drawn as
/// buttons), then down the left half the status lines, the station's latest message, the task
/// list and the chart, one after the other; every text legible from where the operator stands.
fn station_view(ui: &mut egui::Ui, tr: &Tr, content: &ScreenContent, panel: Vec2, area: egui::Rect) {
    let code = tr.language.code();
    let view: &ScreenView = &content.view;
    header(ui, area, view.title.get(code), view.corner.get(code));
    let painter = ui.painter();
    let size = legible_px(area, panel);
    let left = area.min.x + 18.0;
    let width = area.width() * 0.47 - 18.0;
    let top = if view.tabs.is_empty() { 0.11 } else { crate::stations::station::BELOW_TABS };
    let mut y = area.min.y + area.height() * top;
    let mut line = |text: &str, colour: egui::Color32, size: f32| {
        let galley = painter.layout(text.to_owned(), egui::FontId::proportional(size), colour, width);
        let height = galley.size().y;
        painter.galley(egui::pos2(left, y), galley, colour);
        y += height + size * 0.25;
    };
    for status in &view.lines {
        let ink = if status.tone == Tone::Normal { TEXT } else { colour(status.tone) };
        line(status.text.get(code), ink, size);
    }
    if let Some(message) = &content.message {
        line(message.get(code), colour(Tone::Message), size);
    }
    for task in &view.tasks {
        let (mark, ink) = match task.state {
            TaskState::Done => ("●", egui::Color32::from_rgb(110, 220, 130)),
            TaskState::Current => ("▶", egui::Color32::WHITE),
            TaskState::Locked => ("○", egui::Color32::from_rgb(120, 135, 150)),
        };
        line(&format!("{mark} {}", task.title.get(code)), ink, size);
    }
    if let Some(chart) = &view.chart {
        let rect = egui::Rect::from_min_max(
            egui::pos2(left, y + 6.0),
            egui::pos2(area.min.x + area.width() * 0.47, area.max.y - 12.0),
        );
        if rect.height() > size * 4.0 {
            draw_chart(ui, tr, rect, chart, size);
        }
    }
}

/// A time chart: each series on its scale group's range, ticks along the bottom.
fn draw_chart(ui: &mut egui::Ui, tr: &Tr, rect: egui::Rect, chart: &Chart, size: f32) {
    let code = tr.language.code();
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
        chart.title.get(code),
        egui::FontId::proportional(size * 0.85),
        TEXT,
    );
    // The legend: one entry per series under the title, wrapping onto more rows as needed.
    let mut x = rect.left() + 8.0;
    let mut legend_rows = 1.0;
    for series in &chart.series {
        let galley = painter.layout_no_wrap(
            series.name.get(code).to_owned(),
            egui::FontId::proportional(size * 0.85),
            colour(series.tone),
        );
        let width = galley.size().x;
        if x > rect.left() + 8.0 && x + width > rect.right() - 8.0 {
            x = rect.left() + 8.0;
            legend_rows += 1.0;
        }
        painter.galley(egui::pos2(x, rect.top() + 8.0 + size * legend_rows), galley, colour(series.tone));
        x += width + size;
    }
    let times = chart.series.iter().flat_map(|series| series.points.iter().map(|(time, _)| *time));
    let (first, last) = times.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| (a.min(t), b.max(t)));
    if chart.series.iter().all(|series| series.points.len() < 2) {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            chart.empty.get(code),
            egui::FontId::proportional(size * 0.85),
            TEXT,
        );
        return;
    }
    let span = (last - first).max(chart.min_span);
    let plot = egui::Rect::from_min_max(
        rect.left_top() + egui::vec2(10.0, (1.3 + legend_rows) * size),
        rect.right_bottom() - egui::vec2(10.0, 10.0),
    );
    let point = |time: f64, value: f64, (low, high): (f64, f64)| {
        egui::pos2(
            plot.left() + plot.width() * ((time - first) / span) as f32,
            plot.bottom() - plot.height() * ((value - low) / (high - low)) as f32,
        )
    };
    // Series of one scale group share its range: from zero (or the lowest value, below zero:
    // a temperature) to the highest value (at least 1).
    let scale_range = |scale: u8| {
        let values = || {
            chart.series.iter().filter(move |series| series.scale == scale).flat_map(|s| s.points.iter().map(|p| p.1))
        };
        (values().fold(0.0, f64::min), values().fold(1.0, f64::max))
    };
    for series in &chart.series {
        let range = scale_range(series.scale);
        let points: Vec<egui::Pos2> = series.points.iter().map(|(time, value)| point(*time, *value, range)).collect();
        painter.add(egui::Shape::line(points, egui::Stroke::new(2.5, colour(series.tone))));
    }
    // A first scale that goes below zero says its range at the plot's left edge.
    let (low, high) = scale_range(0);
    if low < 0.0 {
        for (value, anchor, y) in
            [(high, egui::Align2::LEFT_TOP, plot.top()), (low, egui::Align2::LEFT_BOTTOM, plot.bottom())]
        {
            painter.text(
                egui::pos2(plot.left() + 4.0, y),
                anchor,
                format!("{value:.0}"),
                egui::FontId::proportional(size * 0.75),
                TEXT,
            );
        }
    }
    // Ticks along the bottom.
    let ticks = (span / chart.tick).ceil() as u32;
    for tick in 0..=ticks {
        let x = point(first + f64::from(tick) * chart.tick, 0.0, (0.0, 1.0)).x;
        if x <= plot.right() + 1.0 {
            painter.line_segment(
                [egui::pos2(x, plot.bottom()), egui::pos2(x, plot.bottom() + 5.0)],
                egui::Stroke::new(1.0, TEXT),
            );
        }
    }
}

/// Where a button sits within a drawn screen.
fn button_rect(area: egui::Rect, button: &ScreenButton) -> egui::Rect {
    egui::Rect::from_min_max(
        egui::pos2(area.min.x + button.min.x * area.width(), area.min.y + button.min.y * area.height()),
        egui::pos2(area.min.x + button.max.x * area.width(), area.min.y + button.max.y * area.height()),
    )
}

/// What a button says, in the trainee's language.
fn caption(tr: &Tr, button: &ScreenButton) -> String {
    match &button.caption {
        Caption::Key(key) => tr.get(key),
        Caption::Text(text) => text.get(tr.language.code()).to_owned(),
        Caption::Entry(title) => {
            let state = tr.get(if button.selected { "record-signed" } else { "record-sign" });
            format!("{} — {state}", title.get(tr.language.code()))
        }
        Caption::Field { title, shown } => {
            let shown = if shown.is_empty() { tr.get("record-enter-value") } else { shown.clone() };
            format!("{}: {shown}", title.get(tr.language.code()))
        }
    }
}

fn draw_buttons(ui: &mut egui::Ui, tr: &Tr, buttons: &ScreenButtons, area: egui::Rect) {
    let legible = legible_px(area, buttons.size).max(26.0);
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
        // As large as the button allows, so it reads from a step away; long captions (reagent
        // names) get a smaller font so they stay inside their button.
        let fits_width = rect.width() / (caption.chars().count().max(1) as f32 * 0.58);
        let size = fits_width.min(rect.height() * 0.6).clamp(11.0, legible);
        painter.text(rect.center(), egui::Align2::CENTER_CENTER, caption, egui::FontId::proportional(size), ink);
    }
}
