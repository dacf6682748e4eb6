//! The after-action review's screen: the room seen from above with the trainee's path drawn
//! over it (the part walked up to the scrubber in colour, each deviation where it happened, a
//! marker where the trainee stood and the way they faced), the timeline of the attempt under
//! it with a scrubber, and beside it what happened up to that moment and the steps current then.
//! Space plays and stops; the arrow keys go to the previous or next moment.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use cleanroom_core::level::Action;
use cleanroom_core::records::review::{Moment, Reproduction, What};

use super::common::{ACCENT, INK, MUTED, Tr};
use super::overlays::{clock, intervention_text, mode_key};
use super::overview::{DEVIATION, Marks, Overview, WALKED, map};
use crate::i18n::{Language, Translations};
use crate::player::PlayerCamera;
use crate::review::{ReviewSession, SPEEDS};
use crate::screens::Screen;

const DONE: egui::Color32 = egui::Color32::from_rgb(30, 140, 70);
const INSTRUCTOR: egui::Color32 = egui::Color32::from_rgb(200, 120, 10);
const EVENT: egui::Color32 = egui::Color32::from_rgb(120, 60, 170);
const PANEL: egui::Color32 = egui::Color32::from_rgb(246, 248, 251);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Review), leave_the_trainee_view);
    app.add_systems(OnExit(Screen::Review), back_to_the_trainee);
}

/// Whether the trainee's camera was drawing before the review took the window.
#[derive(Resource)]
struct TraineeCameraWas(bool);

/// The review covers the window: the trainee's view is not drawn under it, and the room is
/// pictured afresh from above (as the attempt left it).
fn leave_the_trainee_view(
    mut commands: Commands,
    mut trainee: Query<&mut Camera, With<PlayerCamera>>,
    mut overview: ResMut<Overview>,
) {
    let mut was = false;
    for mut camera in &mut trainee {
        was |= camera.is_active;
        camera.is_active = false;
    }
    commands.insert_resource(TraineeCameraWas(was));
    overview.renew();
}

fn back_to_the_trainee(
    mut commands: Commands,
    was: Option<Res<TraineeCameraWas>>,
    mut trainee: Query<&mut Camera, With<PlayerCamera>>,
) {
    let active = was.is_some_and(|was| was.0);
    for mut camera in &mut trainee {
        camera.is_active = active;
    }
    commands.remove_resource::<TraineeCameraWas>();
}

/// The verb of an action as the review says it.
fn verb_key(action: &Action) -> &'static str {
    match action {
        Action::Grab { .. } => "verb-grab",
        Action::Place { .. } => "verb-place",
        Action::Press { .. } => "verb-press",
        Action::Set { .. } => "verb-set",
        Action::Connect { .. } => "verb-connect",
        Action::Seal { .. } => "verb-seal",
        Action::OpenClamp { .. } => "verb-open-clamp",
        Action::CloseClamp { .. } => "verb-close-clamp",
        Action::Wear { .. } => "verb-wear",
        Action::TakeOff { .. } => "verb-take-off",
        Action::Discard { .. } => "verb-discard",
        Action::Sanitise { .. } => "verb-sanitise",
        Action::Touch { .. } => "verb-touch",
        Action::Contact { .. } => "verb-contact",
        Action::Reach { .. } => "verb-reach",
        Action::Sign { .. } => "verb-sign",
        Action::Record { .. } => "verb-record",
        Action::Inspect { .. } => "verb-inspect",
        Action::TakeSample { .. } => "verb-take-sample",
        Action::Wait { .. } => "verb-wait",
    }
}

/// One moment of the timeline in words, with its colour.
fn moment_text(tr: &Tr, session: &ReviewSession, moment: &Moment) -> (String, egui::Color32) {
    let code = tr.language.code();
    let instruction = |step: &str| session.instruction(step, code);
    match &moment.what {
        What::Acted(action) => {
            let mut text = tr.get(verb_key(action));
            let ids = action.ids();
            if !ids.is_empty() {
                text = format!("{text} · {}", ids.join(", "));
            }
            (text, INK)
        }
        What::StepStarted { step } => (tr.with("review-step-started", &[("step", &instruction(step))]), MUTED),
        What::StepCompleted { step, skipped: false } => {
            (tr.with("review-step-done", &[("step", &instruction(step))]), DONE)
        }
        What::StepCompleted { step, skipped: true } => {
            (tr.with("review-step-skipped", &[("step", &instruction(step))]), INSTRUCTOR)
        }
        What::Deviation(deviation) => (
            format!("{} — {}", tr.get(super::hud::severity_key(deviation.severity)), deviation.explanation.get(code)),
            DEVIATION,
        ),
        What::EventInjected { event } => (tr.with("review-event", &[("event", event)]), EVENT),
        What::EventResolved { event } => (tr.with("review-event-resolved", &[("event", event)]), EVENT),
        What::Intervened(intervention) => (intervention_text(tr, intervention, &instruction), INSTRUCTOR),
        What::Passed => (tr.get("review-passed"), DONE),
        What::Failed => (tr.get("review-failed"), DEVIATION),
    }
}

pub fn screen(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    language: Res<Language>,
    session: Option<ResMut<ReviewSession>>,
    mut next: ResMut<NextState<Screen>>,
    mut overview: ResMut<Overview>,
) -> Result {
    let Some(mut session) = session else { return Ok(()) };
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    let code = language.code();

    // The keys a video player has.
    let (space, left, right) = context.input(|input| {
        (
            input.key_pressed(egui::Key::Space),
            input.key_pressed(egui::Key::ArrowLeft),
            input.key_pressed(egui::Key::ArrowRight),
        )
    });
    if space {
        session.toggle_playing();
    }
    if left || right {
        session.step(right);
    }

    let frame = egui::Frame::new().fill(PANEL).inner_margin(14.0);
    let mut root = egui::Ui::new(
        context.clone(),
        "review".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(context.content_rect()),
    );
    egui::Panel::top("review-top").frame(frame).show(&mut root, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(tr.get("review-title")).heading().color(ACCENT));
            ui.add_space(12.0);
            let started = &session.review.started;
            let title =
                session.level.as_ref().map_or(started.level_title.clone(), |level| level.title.get(code).to_owned());
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(title).strong().size(20.0));
                let mode = tr.get(mode_key(started.mode));
                let place = tr.get(if started.headset { "review-in-headset" } else { "review-on-desktop" });
                ui.label(format!("{} ({}) · {mode} · {place}", started.trainee.name, started.trainee.id));
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let back = if session.back_to == Screen::Debrief { "review-back-debrief" } else { "review-back-menu" };
                if ui.button(tr.get(back)).clicked() {
                    next.set(session.back_to);
                }
            });
        });
        let (text, colour) = match &session.review.reproduction {
            Reproduction::Same => (tr.get("review-reproduced"), DONE),
            Reproduction::Differs => (tr.get("review-differs"), DEVIATION),
            Reproduction::Unfinished => (tr.get("review-unfinished"), MUTED),
            Reproduction::NotReplayed(why) => (tr.with("review-not-replayed", &[("why", why)]), INSTRUCTOR),
        };
        ui.colored_label(colour, text);
    });

    egui::Panel::bottom("review-timeline").frame(frame).show(&mut root, |ui| timeline(ui, &tr, &mut session));

    egui::Panel::right("review-moments").frame(frame).exact_size(430.0).resizable(false).show(&mut root, |ui| {
        let now = session.time_s;
        ui.label(egui::RichText::new(tr.with("review-at", &[("time", &clock(now))])).strong().color(ACCENT));
        let steps = session.review.steps_at(now);
        if steps.is_empty() {
            ui.label(egui::RichText::new(tr.get("review-no-step")).color(MUTED));
        }
        for step in steps {
            ui.label(format!("▶ {}", session.instruction(step, code)));
        }
        ui.separator();
        ui.label(egui::RichText::new(tr.get("review-what-happened")).strong().color(ACCENT));
        let mut go_to = None;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            // The latest first: what just happened is at the top.
            let until = session.review.moments_until(now);
            for moment in until.iter().rev().filter(|moment| !matches!(moment.what, What::StepStarted { .. })) {
                let (text, colour) = moment_text(&tr, &session, moment);
                ui.horizontal_wrapped(|ui| {
                    if ui.link(egui::RichText::new(clock(moment.time_s)).monospace()).clicked() {
                        go_to = Some(moment.time_s);
                    }
                    ui.colored_label(colour, text);
                });
            }
            if until.is_empty() {
                ui.label(egui::RichText::new(tr.get("review-nothing-yet")).color(MUTED));
            }
        });
        if let Some(time) = go_to {
            session.playing = false;
            session.scrub_to(time);
        }
    });

    // The map: the room from above in what the panels leave, the path over it.
    overview.want(false);
    egui::CentralPanel::default().frame(egui::Frame::NONE.fill(egui::Color32::from_rgb(40, 48, 58))).show(
        &mut root,
        |ui| {
            let area = ui.max_rect().shrink(8.0);
            let review = &session.review;
            let marks = Marks {
                path: &review.path,
                now_s: session.time_s,
                here: review.position_at(session.time_s),
                deviations: review
                    .moments
                    .iter()
                    .filter_map(|moment| match &moment.what {
                        What::Deviation(deviation) => Some((
                            moment.time_s,
                            deviation.severity,
                            format!("{} · {}", clock(moment.time_s), deviation.explanation.get(code)),
                        )),
                        _ => None,
                    })
                    .collect(),
                start: tr.get("review-start"),
            };
            map(ui, area, &overview, &marks);
            if review.path.is_empty() {
                ui.painter().text(
                    area.center(),
                    egui::Align2::CENTER_CENTER,
                    tr.get("review-no-path"),
                    egui::FontId::proportional(20.0),
                    egui::Color32::WHITE,
                );
            }
        },
    );
    Ok(())
}

/// The timeline: every moment as a mark on a track, the scrubber on it, and the playback
/// controls under it.
fn timeline(ui: &mut egui::Ui, tr: &Tr, session: &mut ReviewSession) {
    let duration = session.review.duration_s.max(1.0);
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 92.0), egui::Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 6.0, egui::Color32::WHITE);
    painter.rect_stroke(
        rect,
        6.0,
        egui::Stroke::new(1.0, egui::Color32::from_rgb(190, 200, 215)),
        egui::StrokeKind::Inside,
    );
    let inner = rect.shrink2(egui::vec2(12.0, 8.0));
    // The rows' names on the left, the track beside them.
    let track_rect = egui::Rect::from_min_max(egui::pos2(inner.left() + 150.0, inner.top()), inner.max);
    let x_of = |time: f64| track_rect.left() + (time / duration).clamp(0.0, 1.0) as f32 * track_rect.width();
    // Rows: what the trainee did, the steps, the deviations, the instructor and events.
    let rows = [inner.top() + 10.0, inner.top() + 32.0, inner.top() + 54.0, inner.top() + 72.0];
    for (row, key) in
        rows.iter().zip(["review-row-actions", "review-row-steps", "review-row-deviations", "review-row-instructor"])
    {
        painter.text(
            egui::pos2(inner.left(), *row),
            egui::Align2::LEFT_CENTER,
            tr.get(key),
            egui::FontId::proportional(14.0),
            MUTED,
        );
    }
    let track = |row: usize| rows[row];
    // Whole minutes along the track.
    let mut minute = 60.0;
    while minute < duration {
        let x = x_of(minute);
        painter.line_segment(
            [egui::pos2(x, inner.top()), egui::pos2(x, inner.bottom())],
            egui::Stroke::new(1.0, egui::Color32::from_gray(225)),
        );
        minute += 60.0;
    }
    for moment in &session.review.moments {
        let x = x_of(moment.time_s);
        match &moment.what {
            What::Acted(_) => {
                painter.line_segment(
                    [egui::pos2(x, track(0) - 6.0), egui::pos2(x, track(0) + 6.0)],
                    egui::Stroke::new(1.5, INK),
                );
            }
            What::StepCompleted { skipped, .. } => {
                let colour = if *skipped { INSTRUCTOR } else { DONE };
                painter.add(egui::Shape::convex_polygon(
                    vec![
                        egui::pos2(x, track(1) - 7.0),
                        egui::pos2(x + 6.0, track(1)),
                        egui::pos2(x, track(1) + 7.0),
                        egui::pos2(x - 6.0, track(1)),
                    ],
                    colour,
                    egui::Stroke::NONE,
                ));
            }
            What::Deviation(_) => {
                painter.circle_filled(egui::pos2(x, track(2)), 6.0, DEVIATION);
            }
            What::Intervened(_) => {
                painter.rect_filled(
                    egui::Rect::from_center_size(egui::pos2(x, track(3)), egui::vec2(9.0, 9.0)),
                    1.0,
                    INSTRUCTOR,
                );
            }
            What::EventInjected { .. } | What::EventResolved { .. } => {
                painter.circle_stroke(egui::pos2(x, track(3)), 5.0, egui::Stroke::new(2.0, EVENT));
            }
            What::StepStarted { .. } | What::Passed | What::Failed => {}
        }
    }
    let x = x_of(session.time_s);
    painter.line_segment([egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())], egui::Stroke::new(3.0, WALKED));
    painter.circle_filled(egui::pos2(x, rect.top() + 4.0), 6.0, WALKED);
    if (response.clicked() || response.dragged())
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let fraction = ((pointer.x - track_rect.left()) / track_rect.width()).clamp(0.0, 1.0) as f64;
        session.playing = false;
        session.scrub_to(fraction * duration);
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui.button(tr.get("review-previous")).clicked() {
            session.step(false);
        }
        let play = if session.playing { "review-stop" } else { "review-play" };
        if ui.button(tr.get(play)).clicked() {
            session.toggle_playing();
        }
        if ui.button(tr.get("review-next")).clicked() {
            session.step(true);
        }
        ui.add_space(8.0);
        for (index, speed) in SPEEDS.iter().enumerate() {
            if ui.selectable_label(session.speed == index, format!("{speed}×")).clicked() {
                session.speed = index;
            }
        }
        ui.add_space(8.0);
        ui.label(
            egui::RichText::new(format!("{} / {}", clock(session.time_s), clock(session.review.duration_s)))
                .monospace()
                .size(20.0),
        );
        ui.add_space(8.0);
        let distance = format!("{:.0}", session.review.distance_m());
        ui.label(egui::RichText::new(tr.with("review-walked", &[("metres", &distance)])).color(MUTED));
        ui.label(egui::RichText::new(tr.get("review-keys")).small().color(MUTED));
    });
}
