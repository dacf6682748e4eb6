//! The frame-time overlay (F3 on the desktop): how long frames take, frames per second, and how
//! much of each frame is the main world's update (input, the game's systems, physics, transform
//! propagation: everything but rendering), over the last couple of seconds.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::common::card;
use crate::input::ScreenIntents;

/// Frames kept for the figures (about two seconds at 60 frames per second).
const KEPT: usize = 120;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FrameTimes>();
    app.add_systems(First, start_update);
    app.add_systems(Last, (end_update, toggle).chain());
}

/// The latest frames' times.
#[derive(Resource, Debug, Default)]
pub struct FrameTimes {
    /// Whether the overlay is shown.
    pub shown: bool,
    /// Wall time between one frame's update and the next, per frame.
    pub frames: VecDeque<Duration>,
    /// The main world's update, per frame (First to Last).
    pub updates: VecDeque<Duration>,
    started: Option<Instant>,
    last_end: Option<Instant>,
}

/// The median and the 99th percentile of some durations, in milliseconds (the overlay, the
/// render benchmark and the frame benchmark all read their times this way).
pub fn percentiles<'a>(times: impl IntoIterator<Item = &'a Duration>) -> Option<(f64, f64)> {
    let mut sorted: Vec<Duration> = times.into_iter().copied().collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort();
    let at = |fraction: f64| sorted[((sorted.len() - 1) as f64 * fraction).round() as usize].as_secs_f64() * 1e3;
    Some((at(0.5), at(0.99)))
}

fn start_update(mut times: ResMut<FrameTimes>) {
    times.started = Some(Instant::now());
}

fn end_update(mut times: ResMut<FrameTimes>) {
    let now = Instant::now();
    if let Some(started) = times.started.take() {
        push(&mut times.updates, now - started);
    }
    if let Some(last) = times.last_end.replace(now) {
        push(&mut times.frames, now - last);
    }
}

fn push(times: &mut VecDeque<Duration>, time: Duration) {
    if times.len() == KEPT {
        times.pop_front();
    }
    times.push_back(time);
}

fn toggle(intents: Res<ScreenIntents>, mut times: ResMut<FrameTimes>) {
    if intents.toggle_frame_times {
        times.shown = !times.shown;
    }
}

/// The overlay, in the top-right corner over everything else.
pub fn overlay(mut contexts: EguiContexts, times: Res<FrameTimes>) -> Result {
    if !times.shown {
        return Ok(());
    }
    let context = contexts.ctx_mut()?;
    let (Some((frame, frame_99)), Some((update, update_99))) =
        (percentiles(&times.frames), percentiles(&times.updates))
    else {
        return Ok(());
    };
    egui::Area::new("frame-times".into())
        .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -12.0])
        .order(egui::Order::Foreground)
        .show(context, |ui| {
            card().show(ui, |ui| {
                let line = |ui: &mut egui::Ui, text: String| ui.label(egui::RichText::new(text).monospace().size(15.0));
                line(ui, format!("frame   {frame:6.1} ms  (99th {frame_99:6.1})  {:5.1} FPS", 1e3 / frame.max(1e-3)));
                line(ui, format!("update  {update:6.2} ms  (99th {update_99:6.2})"));
                ui.label(
                    egui::RichText::new(
                        "median of the last 2 s · update: the game's systems, physics, transforms · F3 hides",
                    )
                    .small(),
                );
            });
        });
    Ok(())
}
