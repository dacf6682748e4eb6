//! The instructor's panel on the desktop window (F2): who is training and how, the level's steps
//! with the current ones, the clock, the deviations as they are recorded with their
//! explanations, the stations' latest values, and the instructor's interventions — pause and
//! resume, skip a step, restart, fire one of the level's events now, send the trainee a line.
//! While it is open the game gives the mouse back, so the instructor can use it.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use cleanroom_core::common::Value;
use cleanroom_core::procedure::report::StepStatus;
use cleanroom_core::procedure::{Intervention, Mode};

use super::common::{ACCENT, MUTED, Tr, card};
use super::overlays::{clock, intervention_text};
use super::overview::{Marks, Overview, map};
use crate::actions::SignedInTrainee;
use crate::i18n::{Language, Translations};
use crate::input::ScreenIntents;
use crate::player::PlayerCamera;
use crate::procedure::{ActiveProcedure, InstructorDesk, InstructorIntervened};
use crate::records::TraineePath;
use crate::screens::Pause;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<InstructorPanel>();
    app.add_systems(Last, toggle);
}

/// Whether the instructor's panel is open, and the message being typed.
#[derive(Resource, Debug, Clone, Default)]
pub struct InstructorPanel {
    pub shown: bool,
    pub message: String,
}

fn toggle(intents: Res<ScreenIntents>, mut panel: ResMut<InstructorPanel>) {
    if intents.toggle_instructor {
        panel.shown = !panel.shown;
    }
}

/// The shortest way to show a station's value on the panel.
fn value_text(value: &Value) -> String {
    match value {
        Value::Number(number) if number.fract() == 0.0 && number.abs() < 1e9 => format!("{number:.0}"),
        Value::Number(number) => format!("{number:.3}"),
        Value::Flag(flag) => if *flag { "yes" } else { "no" }.to_owned(),
        Value::Choice(choice) => choice.clone(),
        Value::Text(text) => text.clone(),
    }
}

/// The width of a step's or an event's button on the panel.
const ACTION_WIDTH: f32 = 78.0;

/// What the instructor's view shows, read once a frame.
pub struct Desk<'a> {
    pub tr: &'a Tr<'a>,
    pub trainee: &'a SignedInTrainee,
    pub procedure: Option<&'a ActiveProcedure>,
    pub desk: &'a InstructorDesk,
    pub held: bool,
}

/// What the instructor's panel and window read and write, in one system parameter.
#[derive(SystemParam)]
pub struct DeskInputs<'w, 's> {
    translations: Res<'w, Translations>,
    language: Res<'w, Language>,
    pub panel: ResMut<'w, InstructorPanel>,
    procedure: Option<Res<'w, ActiveProcedure>>,
    desk: Res<'w, InstructorDesk>,
    trainee: Res<'w, SignedInTrainee>,
    pause: Option<Res<'w, State<Pause>>>,
    asked: MessageWriter<'w, InstructorIntervened>,
    overview: ResMut<'w, Overview>,
    path: Res<'w, TraineePath>,
    eyes: Query<'w, 's, &'static Transform, With<PlayerCamera>>,
}

impl DeskInputs<'_, '_> {
    pub fn tr(&self) -> Tr<'_> {
        Tr { translations: &self.translations, language: *self.language }
    }

    /// The instructor's view and interventions (see `contents`).
    pub fn show_contents(&mut self, ui: &mut egui::Ui) {
        let Self { translations, language, panel, procedure, desk, trainee, pause, asked, .. } = self;
        let tr = Tr { translations, language: **language };
        let view = Desk {
            tr: &tr,
            trainee,
            procedure: procedure.as_deref(),
            desk,
            held: pause.as_deref().is_some_and(|pause| *pause.get() == Pause::Held),
        };
        let mut ask = |intervention: Intervention| {
            asked.write(InstructorIntervened(intervention));
        };
        contents(ui, &view, panel, &mut ask);
    }

    /// The room from above in `area`, live (see `live_map`).
    pub fn show_map(&mut self, ui: &mut egui::Ui, area: egui::Rect) {
        self.overview.want(true);
        let tr = self.tr();
        let view = Desk {
            tr: &tr,
            trainee: &self.trainee,
            procedure: self.procedure.as_deref(),
            desk: &self.desk,
            held: false,
        };
        live_map(ui, area, &view, &self.overview, &self.path, self.eyes.single().ok());
    }
}

pub fn panel(mut contexts: EguiContexts, mut desk: DeskInputs) -> Result {
    if !desk.panel.shown {
        return Ok(());
    }
    let context = contexts.ctx_mut()?;
    let height = context.content_rect().height() - 32.0;
    egui::Area::new("instructor".into())
        .anchor(egui::Align2::RIGHT_TOP, [-12.0, 12.0])
        .order(egui::Order::Foreground)
        .show(context, |ui| {
            card().inner_margin(14.0).show(ui, |ui| {
                ui.set_width(440.0);
                ui.set_max_height(height);
                desk.show_contents(ui);
                ui.label(egui::RichText::new(desk.tr().get("instructor-hides")).small().color(MUTED));
            });
        });
    // The room from above, live, beside the trainee's own view.
    let map_height = (context.content_rect().height() * 0.45).clamp(200.0, 440.0);
    egui::Area::new("instructor-map".into())
        .anchor(egui::Align2::LEFT_BOTTOM, [12.0, -12.0])
        .order(egui::Order::Foreground)
        .show(context, |ui| {
            card().inner_margin(8.0).show(ui, |ui| {
                let (area, _) = ui.allocate_exact_size(egui::vec2(map_height * 0.85, map_height), egui::Sense::hover());
                desk.show_map(ui, area);
            });
        });
    Ok(())
}

/// The room from above with the trainee's path in this level so far and where they stand now.
pub fn live_map(
    ui: &mut egui::Ui,
    area: egui::Rect,
    view: &Desk,
    overview: &Overview,
    path: &TraineePath,
    eyes: Option<&Transform>,
) {
    let now_s = view.procedure.map_or(0.0, |procedure| procedure.runner.level_time());
    let here = eyes.map(|eyes| crate::records::eyes_at(now_s, eyes));
    let code = view.tr.language.code();
    let deviations = view.procedure.map_or_else(Vec::new, |procedure| {
        procedure
            .runner
            .deviations()
            .iter()
            .map(|deviation| {
                (
                    deviation.time_s,
                    deviation.severity,
                    format!("{} · {}", clock(deviation.time_s), deviation.explanation.get(code)),
                )
            })
            .collect()
    });
    let marks = Marks { path: &path.samples, now_s, here, deviations, start: view.tr.get("review-start") };
    map(ui, area, overview, &marks);
}

/// The instructor's view: who, what and how it goes, and the interventions.
pub fn contents(ui: &mut egui::Ui, view: &Desk, panel: &mut InstructorPanel, ask: &mut dyn FnMut(Intervention)) {
    let tr = view.tr;
    let code = tr.language.code();
    ui.label(egui::RichText::new(tr.get("instructor-title")).heading().color(ACCENT));
    let who =
        view.trainee.trainee.as_ref().map_or_else(|| tr.get("instructor-nobody"), |t| format!("{} ({})", t.name, t.id));
    ui.label(egui::RichText::new(who).strong());
    let Some(procedure) = view.procedure else {
        ui.label(tr.get("instructor-no-level"));
        return;
    };
    let desk = view.desk;
    let held = view.held;
    let runner = &procedure.runner;
    let level = runner.level();
    let mode = match procedure.mode {
        Mode::Guided => tr.get("menu-mode-guided"),
        Mode::Assessment => tr.get("menu-mode-assessment"),
    };
    ui.label(format!("{} · {mode}", level.title.get(code)));
    let score = runner.score();
    ui.label(
        tr.with(
            "instructor-clock",
            &[("time", &clock(runner.level_time())), ("score", &format!("{:.0}", score.total))],
        ),
    );
    let forbidden = procedure.mode == Mode::Assessment && !level.scoring.interventions_in_assessment;
    ui.horizontal(|ui| {
        if held {
            if ui.button(tr.get("instructor-resume")).clicked() {
                ask(Intervention::Resume);
            }
        } else if ui.button(tr.get("instructor-pause")).clicked() {
            ask(Intervention::Pause);
        }
        if ui.button(tr.get("instructor-restart")).clicked() {
            ask(Intervention::Restart);
        }
    });
    if forbidden {
        ui.label(egui::RichText::new(tr.get("instructor-forbidden")).small().color(MUTED));
    } else if procedure.mode == Mode::Assessment {
        ui.label(egui::RichText::new(tr.get("instructor-assessment")).small().color(MUTED));
    }
    if let Some(refused) = &desk.refused {
        ui.colored_label(egui::Color32::from_rgb(170, 40, 40), refused.get(code));
    }
    ui.horizontal(|ui| {
        let field = egui::TextEdit::singleline(&mut panel.message)
            .hint_text(tr.get("instructor-message-hint"))
            .desired_width(300.0)
            .char_limit(cleanroom_core::procedure::intervention::MESSAGE_MAX_CHARS);
        let response = ui.add_enabled(!forbidden, field);
        let entered = response.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        if (ui.add_enabled(!forbidden, egui::Button::new(tr.get("instructor-send"))).clicked() || entered)
            && !panel.message.trim().is_empty()
        {
            ask(Intervention::Message { text: std::mem::take(&mut panel.message) });
        }
    });
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.separator();
        ui.label(egui::RichText::new(tr.get("instructor-steps")).strong().color(ACCENT));
        for (step, status) in runner.step_statuses() {
            ui.horizontal(|ui| {
                let (mark, strong) = match status {
                    StepStatus::Done => ("✔", false),
                    StepStatus::Current => ("▶", true),
                    StepStatus::Waiting => ("·", false),
                };
                // The buttons in a column on the left, so a long instruction is cut, not them.
                if status == StepStatus::Done {
                    ui.add_space(ACTION_WIDTH + ui.spacing().item_spacing.x);
                } else if ui
                    .add_enabled_ui(!forbidden, |ui| {
                        ui.add_sized([ACTION_WIDTH, 24.0], egui::Button::new(tr.get("instructor-skip")).small())
                    })
                    .inner
                    .clicked()
                {
                    ask(Intervention::SkipStep { step: step.id.clone() });
                }
                let text = egui::RichText::new(format!("{mark} {}", step.instruction.get(code)));
                ui.add(egui::Label::new(if strong { text.strong() } else { text.color(MUTED) }).truncate());
            });
        }
        // The event the trainee must answer now, with the time left to answer it.
        if let Some((_, message, deadline_s)) = &procedure.pending_event {
            ui.separator();
            ui.label(egui::RichText::new(tr.get("instructor-event-now")).strong().color(ACCENT));
            let left = format!("{:.0}", (deadline_s - runner.level_time()).max(0.0));
            ui.label(egui::RichText::new(message.get(code)).strong());
            ui.label(tr.with("hud-event-deadline", &[("seconds", &left)]));
        }
        let to_come = runner.events_to_come();
        if !to_come.is_empty() {
            ui.separator();
            ui.label(egui::RichText::new(tr.get("instructor-events")).strong().color(ACCENT));
            for event in to_come {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled_ui(!forbidden, |ui| {
                            ui.add_sized([ACTION_WIDTH, 24.0], egui::Button::new(tr.get("instructor-fire")).small())
                        })
                        .inner
                        .clicked()
                    {
                        ask(Intervention::FireEvent { event: event.id.clone() });
                    }
                    ui.add(egui::Label::new(event.message.get(code)).truncate());
                });
            }
        }
        ui.separator();
        ui.label(egui::RichText::new(tr.get("instructor-deviations")).strong().color(ACCENT));
        if runner.deviations().is_empty() {
            ui.label(tr.get("debrief-no-deviations"));
        }
        for deviation in runner.deviations() {
            ui.label(
                egui::RichText::new(format!(
                    "{} {} −{:.0}",
                    clock(deviation.time_s),
                    tr.get(super::hud::severity_key(deviation.severity)),
                    deviation.points
                ))
                .strong(),
            );
            ui.label(egui::RichText::new(deviation.explanation.get(code)).small());
        }
        for station in &level.setup.stations {
            let values = runner.states_of(&station.id);
            if values.is_empty() {
                continue;
            }
            ui.separator();
            ui.label(egui::RichText::new(&station.id).strong().color(ACCENT));
            egui::Grid::new(("instructor-station", &station.id)).num_columns(2).show(ui, |ui| {
                for (key, value) in values {
                    ui.label(egui::RichText::new(key).small().color(MUTED));
                    ui.label(egui::RichText::new(value_text(value)).small());
                    ui.end_row();
                }
            });
        }
        if !runner.interventions().is_empty() {
            ui.separator();
            ui.label(egui::RichText::new(tr.get("debrief-interventions")).strong().color(ACCENT));
            let instruction = |id: &str| level.instruction_of(id, code);
            for intervened in runner.interventions() {
                ui.label(format!(
                    "{} {}",
                    clock(intervened.time_s),
                    intervention_text(tr, &intervened.intervention, &instruction)
                ));
            }
        }
    });
}
