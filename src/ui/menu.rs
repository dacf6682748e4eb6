//! The main menu: levels, mode, language, play height and whether a headset was found.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::common::{ACCENT, Tr, card};
use crate::DisplayMode;
use crate::i18n::{Language, Translations};
use crate::player::PlayHeight;
use crate::procedure::{LevelCatalog, LevelEntry, LevelOrigin};
use crate::records::{Records, SignedInTrainee};
use crate::screens::{Screen, SessionSettings};
use cleanroom_core::common::Text;
use cleanroom_core::curriculum::{Lesson, LessonState};
use cleanroom_core::records::attempt::{SignedInBy, Trainee};
use cleanroom_core::records::delivery::DeliveryState;
use cleanroom_core::records::recorder::StoreState;
use std::collections::BTreeSet;

/// What the trainee is typing to sign in.
#[derive(Default)]
pub struct SignInForm {
    id: String,
    name: String,
}

pub fn main_menu(
    mut contexts: EguiContexts,
    translations: Res<Translations>,
    mut language: ResMut<Language>,
    catalog: Res<LevelCatalog>,
    mode: Res<DisplayMode>,
    mut settings: ResMut<SessionSettings>,
    mut height: ResMut<PlayHeight>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
    mut tab: Local<LevelOrigin>,
    mut signed_in: ResMut<SignedInTrainee>,
    records: Option<Res<Records>>,
    mut form: Local<SignInForm>,
    mut any_level: Local<bool>,
) -> Result {
    let context = contexts.ctx_mut()?;
    let tr = Tr { translations: &translations, language: *language };
    egui::Area::new("main-menu".into()).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(context, |ui| {
        card().show(ui, |ui| {
            ui.set_width(760.0f32.min(ui.ctx().content_rect().width() - 64.0));
            ui.label(egui::RichText::new(tr.get("app-title")).heading().color(ACCENT));
            ui.label(tr.get("app-subtitle"));
            ui.separator();
            sign_in(ui, &tr, &mut signed_in, records.as_deref(), &mut form);
            ui.separator();
            // Two tabs: the shipped levels and the instructors' own (with the folder they come from).
            let count = |origin| catalog.entries.iter().filter(|entry| entry.origin == origin).count();
            ui.horizontal(|ui| {
                for (origin, key) in
                    [(LevelOrigin::Shipped, "menu-shipped-levels"), (LevelOrigin::Instructor, "menu-your-levels")]
                {
                    let label = format!("{} ({})", tr.get(key), count(origin));
                    ui.selectable_value(&mut *tab, origin, egui::RichText::new(label).strong().size(21.0));
                }
            });
            let folder = match *tab {
                LevelOrigin::Shipped => Some(catalog.directories.shipped.display().to_string()),
                LevelOrigin::Instructor => catalog.directories.user.as_ref().map(|dir| dir.display().to_string()),
            };
            let folder = folder.unwrap_or_else(|| tr.get("menu-your-levels-no-home"));
            let key = match (*tab, count(*tab)) {
                (LevelOrigin::Shipped, 0) => Some("menu-no-levels"),
                (LevelOrigin::Shipped, _) => None,
                (LevelOrigin::Instructor, 0) => Some("menu-your-levels-none"),
                (LevelOrigin::Instructor, _) => Some("menu-your-levels-folder"),
            };
            if let Some(key) = key {
                ui.label(egui::RichText::new(tr.with(key, &[("dir", &folder)])).small());
            }
            if *tab == LevelOrigin::Shipped {
                curriculum_line(ui, &tr, &catalog, &mut any_level);
            }
            // Room for the options and buttons below on a short window too.
            let room = (ui.ctx().content_rect().height() - 540.0).clamp(60.0, 380.0);
            egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                ui.set_width(ui.available_width());
                // The card keeps its size when the tab changes.
                ui.set_min_height(room.min(300.0));
                let passed = progress(&signed_in, records.as_deref());
                for (entry, lesson) in in_curriculum_order(&catalog, *tab, &passed) {
                    level_row(ui, &tr, *language, entry, lesson, *any_level, &mut settings);
                }
            });
            ui.separator();
            egui::Grid::new("menu-options").num_columns(2).spacing([24.0, 10.0]).show(ui, |ui| {
                ui.label(tr.get("menu-mode"));
                ui.horizontal(|ui| {
                    ui.radio_value(&mut settings.assessment, false, tr.get("menu-mode-guided"));
                    ui.radio_value(&mut settings.assessment, true, tr.get("menu-mode-assessment"));
                });
                ui.end_row();
                ui.label("");
                ui.label(
                    egui::RichText::new(tr.get(if settings.assessment {
                        "menu-mode-assessment-help"
                    } else {
                        "menu-mode-guided-help"
                    }))
                    .small(),
                );
                ui.end_row();
                ui.label(tr.get("menu-language"));
                ui.horizontal(|ui| {
                    for option in Language::ALL {
                        ui.radio_value(&mut *language, option, option.native_name());
                    }
                });
                ui.end_row();
                ui.label(tr.get("menu-headset"));
                let (key, colour) = match *mode {
                    DisplayMode::Headset => ("menu-headset-found", egui::Color32::from_rgb(30, 130, 70)),
                    DisplayMode::Desktop { .. } => ("menu-headset-missing", egui::Color32::from_rgb(90, 90, 100)),
                };
                ui.colored_label(colour, tr.get(key));
                ui.end_row();
                records_status(ui, &tr, records.as_deref());
                if *mode == DisplayMode::Headset {
                    ui.label(tr.get("menu-height"));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut *height, PlayHeight::Standing, tr.get("menu-height-standing"));
                        ui.radio_value(&mut *height, PlayHeight::Seated, tr.get("menu-height-seated"));
                    });
                    ui.end_row();
                }
            });
            ui.separator();
            ui.horizontal(|ui| {
                let start = egui::Button::new(egui::RichText::new(tr.get("menu-start")).strong())
                    .fill(egui::Color32::from_rgb(205, 225, 250));
                // With records kept, an attempt needs someone to attribute it to.
                let attributable = records.is_none() || signed_in.trainee.is_some();
                if ui.add_enabled(settings.level.is_some() && attributable, start).clicked() {
                    next.set(Screen::Session);
                }
                if ui.button(tr.get("menu-free-roam")).clicked() {
                    settings.level = None;
                    next.set(Screen::Session);
                }
                if ui.button(tr.get("menu-quit")).clicked() {
                    exit.write(AppExit::Success);
                }
            });
        });
    });
    Ok(())
}

/// Who is training: the signed-in trainee (with a way out, unless the learning system named
/// them), or the trainees seen on this machine and a form for a new one.
fn sign_in(
    ui: &mut egui::Ui,
    tr: &Tr,
    signed_in: &mut SignedInTrainee,
    records: Option<&Records>,
    form: &mut SignInForm,
) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(tr.get("menu-trainee")).strong());
        if let Some(trainee) = signed_in.trainee.clone() {
            let name = tr.with("menu-trainee-signed-in", &[("name", &trainee.name), ("id", &trainee.id)]);
            ui.label(egui::RichText::new(name).size(19.0).color(ACCENT));
            if signed_in.by == Some(SignedInBy::LearningSystem) {
                ui.label(egui::RichText::new(tr.get("menu-trainee-by-lms")).small());
            } else if ui.button(tr.get("menu-trainee-sign-out")).clicked() {
                *signed_in = SignedInTrainee::default();
            }
            return;
        }
        ui.label(egui::RichText::new(tr.get("menu-trainee-needed")).small());
    });
    if signed_in.trainee.is_some() {
        return;
    }
    let known = records.map(|records| records.status().trainees).unwrap_or_default();
    if !known.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(tr.get("menu-trainee-known"));
            for trainee in known.iter().take(8) {
                let label = tr.with("menu-trainee-signed-in", &[("name", &trainee.name), ("id", &trainee.id)]);
                if ui.button(label).clicked() {
                    *signed_in = SignedInTrainee { trainee: Some(trainee.clone()), by: Some(SignedInBy::Menu) };
                }
            }
        });
    }
    ui.horizontal(|ui| {
        ui.label(tr.get("menu-trainee-id"));
        ui.add(egui::TextEdit::singleline(&mut form.id).desired_width(140.0));
        ui.label(tr.get("menu-trainee-name"));
        let name = ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(220.0));
        let typed = Trainee::new(&form.id, &form.name);
        let entered = name.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
        let clicked = ui.add_enabled(typed.is_some(), egui::Button::new(tr.get("menu-trainee-sign-in"))).clicked();
        if let Some(trainee) = typed.filter(|_| clicked || entered) {
            *signed_in = SignedInTrainee { trainee: Some(trainee), by: Some(SignedInBy::Menu) };
            *form = SignInForm::default();
        }
    });
}

/// Where the records go and whether they get there (two rows of the options grid).
fn records_status(ui: &mut egui::Ui, tr: &Tr, records: Option<&Records>) {
    const GOOD: egui::Color32 = egui::Color32::from_rgb(30, 130, 70);
    const WAITING: egui::Color32 = egui::Color32::from_rgb(160, 110, 20);
    ui.label(tr.get("menu-records"));
    let Some(records) = records else {
        ui.label(tr.get("menu-records-off"));
        ui.end_row();
        return;
    };
    let status = records.status();
    let written = status.written.to_string();
    let (text, colour) = match &status.state {
        StoreState::Opening => (tr.get("menu-records-opening"), WAITING),
        StoreState::Ready => (tr.with("menu-records-ready", &[("count", &written)]), GOOD),
        StoreState::Failing(error) => (tr.with("menu-records-failing", &[("error", error)]), WAITING),
        StoreState::Refused(error) => (tr.with("menu-records-refused", &[("error", error)]), ERROR_RED),
    };
    ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
    ui.end_row();
    ui.label(tr.get("menu-lrs"));
    let Some(delivery) = records.delivery_status() else {
        ui.label(tr.get("menu-lrs-none"));
        ui.end_row();
        return;
    };
    let (waiting, delivered) = (delivery.waiting.to_string(), delivery.delivered.to_string());
    let endpoint = delivery.endpoint.as_str();
    let args = |error: &str| {
        [
            ("waiting", waiting.clone()),
            ("delivered", delivered.clone()),
            ("endpoint", endpoint.to_owned()),
            ("error", error.to_owned()),
        ]
    };
    let say = |key: &str, error: &str| {
        let args = args(error);
        let args: Vec<(&str, &str)> = args.iter().map(|(key, value)| (*key, value.as_str())).collect();
        tr.with(key, &args)
    };
    let (text, colour) = match &delivery.state {
        DeliveryState::Starting => (say("menu-lrs-starting", ""), WAITING),
        DeliveryState::UpToDate => (say("menu-lrs-up-to-date", ""), GOOD),
        DeliveryState::Sending => (say("menu-lrs-sending", ""), WAITING),
        DeliveryState::Unreachable(error) => (say("menu-lrs-unreachable", error), ERROR_RED),
        DeliveryState::NotAuthorised(error) => (say("menu-lrs-not-authorised", error), ERROR_RED),
    };
    ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
    ui.end_row();
    if delivery.stranded > 0 {
        ui.label("");
        let stranded = delivery.stranded.to_string();
        let text = tr.with("menu-lrs-stranded", &[("stranded", &stranded)]);
        ui.add(egui::Label::new(egui::RichText::new(text).color(WAITING).small()).wrap());
        ui.end_row();
    }
}

/// One level on the path: its place, what it teaches and where it stands for the trainee.
struct OnPath<'a> {
    place: usize,
    lesson: &'a Lesson,
    state: LessonState,
    /// The titles of the lessons to pass first, while it is locked.
    waiting_for: Vec<&'a Text>,
}

/// The levels of a tab: the shipped ones in the curriculum's order (with their place and state
/// for the trainee), then any not on the path; an instructor's in their own order.
fn in_curriculum_order<'a>(
    catalog: &'a LevelCatalog,
    tab: LevelOrigin,
    passed: &BTreeSet<String>,
) -> Vec<(&'a LevelEntry, Option<OnPath<'a>>)> {
    let entries: Vec<&LevelEntry> = catalog.entries.iter().filter(|entry| entry.origin == tab).collect();
    let Some(Ok(curriculum)) = catalog.curriculum.as_ref().filter(|_| tab == LevelOrigin::Shipped) else {
        return entries.into_iter().map(|entry| (entry, None)).collect();
    };
    let mut ordered: Vec<(&LevelEntry, Option<OnPath>)> = Vec::new();
    for (place, (lesson, state)) in curriculum.states(passed).into_iter().enumerate() {
        if let Some(entry) = entries.iter().find(|entry| entry.id == lesson.level) {
            let waiting_for = match &state {
                LessonState::Locked { waiting_for } => waiting_for
                    .iter()
                    .filter_map(|id| catalog.entries.iter().find(|entry| entry.id == *id).map(|entry| &entry.title))
                    .collect(),
                _ => Vec::new(),
            };
            ordered.push((entry, Some(OnPath { place: place + 1, lesson, state, waiting_for })));
        }
    }
    for entry in entries {
        if curriculum.lesson(&entry.id).is_none() {
            ordered.push((entry, None));
        }
    }
    ordered
}

/// The levels the signed-in trainee has passed on this machine (none when nobody is signed in
/// or nothing is recorded).
fn progress(signed_in: &SignedInTrainee, records: Option<&Records>) -> BTreeSet<String> {
    let (Some(trainee), Some(records)) = (&signed_in.trainee, records) else { return BTreeSet::new() };
    records.status().passed.get(&trainee.id).cloned().unwrap_or_default()
}

/// Under the shipped tab: that the levels are a path, what is wrong with it if anything, and
/// the instructor's way round the locks.
fn curriculum_line(ui: &mut egui::Ui, tr: &Tr, catalog: &LevelCatalog, any_level: &mut bool) {
    match &catalog.curriculum {
        Some(Ok(curriculum)) => {
            let ids: BTreeSet<String> = catalog.entries.iter().map(|entry| entry.id.clone()).collect();
            if catalog.ready
                && let Some(problem) = curriculum.problems(&ids).first()
            {
                ui.colored_label(ERROR_RED, tr.with("menu-curriculum-problem", &[("problem", problem)]));
            }
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(tr.get("menu-curriculum")).small());
                ui.checkbox(any_level, egui::RichText::new(tr.get("menu-any-level")).small());
            });
        }
        Some(Err(problem)) => {
            ui.colored_label(ERROR_RED, tr.with("menu-curriculum-problem", &[("problem", problem)]));
        }
        None => {}
    }
}

/// One level in the menu's list: selectable, or why it cannot be played.
fn level_row(
    ui: &mut egui::Ui,
    tr: &Tr,
    language: Language,
    entry: &LevelEntry,
    on_path: Option<OnPath>,
    any_level: bool,
    settings: &mut SessionSettings,
) {
    if entry.errors > 0 {
        ui.colored_label(ERROR_RED, tr.with("menu-level-error", &[("file", &entry.file)]));
        return;
    }
    if let Some((origin, owner)) = &entry.clash {
        let key = match origin {
            LevelOrigin::Shipped => "menu-level-clash-shipped",
            LevelOrigin::Instructor => "menu-level-clash-yours",
        };
        ui.colored_label(ERROR_RED, tr.with(key, &[("file", &entry.file), ("id", &entry.id), ("owner", owner)]));
        return;
    }
    if !entry.missing_in_world.is_empty() {
        let title = entry.title.get(language.code());
        ui.label(egui::RichText::new(title).size(19.0).color(egui::Color32::GRAY));
        let missing = entry.missing_in_world.join(", ");
        ui.label(egui::RichText::new(tr.with("menu-level-not-in-world", &[("ids", &missing)])).small());
        return;
    }
    let selected = settings.level.as_deref() == Some(entry.id.as_str());
    let place = on_path.as_ref().map_or_else(String::new, |on_path| format!("{}. ", on_path.place));
    let mark = match on_path.as_ref().map(|on_path| &on_path.state) {
        Some(LessonState::Passed) => format!("  ·  ✔ {}", tr.get("menu-lesson-passed")),
        _ => String::new(),
    };
    let title = format!(
        "{place}{}  ·  {}{mark}",
        entry.title.get(language.code()),
        tr.with("menu-minutes", &[("minutes", &entry.minutes.to_string())])
    );
    let locked = match on_path.as_ref() {
        Some(OnPath { state: LessonState::Locked { .. }, waiting_for, .. }) => {
            Some(waiting_for.iter().map(|title| title.get(language.code())).collect::<Vec<_>>())
        }
        _ => None,
    };
    let playable = locked.is_none() || any_level;
    if selected && !playable {
        // Chosen before it was locked for this trainee (another signed in, or the
        // instructor's way round turned off): not theirs to start.
        settings.level = None;
    }
    let selected = selected && playable;
    let mut text = egui::RichText::new(title).size(19.0);
    if !playable {
        text = text.color(egui::Color32::GRAY);
    }
    let row = ui.add_enabled(playable, egui::Button::selectable(selected, text));
    if row.clicked() {
        settings.level = Some(entry.id.clone());
    }
    if let Some(titles) = &locked {
        let key = if any_level { "menu-lesson-locked-open" } else { "menu-lesson-locked" };
        ui.label(egui::RichText::new(format!("🔒 {}", tr.with(key, &[("levels", &titles.join(", "))]))).small());
    }
    if selected {
        if let Some(on_path) = &on_path {
            ui.label(egui::RichText::new(on_path.lesson.teaches.get(language.code())).small().strong());
        }
        ui.label(egui::RichText::new(entry.description.get(language.code())).small());
    }
}

const ERROR_RED: egui::Color32 = egui::Color32::from_rgb(170, 40, 40);
