//! Scripted demonstrations of the interaction model for documentation captures
//! (`--demo grab|socket|weld`): the trainee's body and desktop hand are driven through the
//! same input abstraction a person uses, then the capture is taken.

use std::collections::VecDeque;

use bevy::prelude::*;

use crate::actions::TraineeActed;
use crate::cleanroom::equipment::RecordTerminal;
use crate::input::{Hand, HandState, InputSystems, Press};
use crate::interaction::touchscreen::ButtonPressed;
use crate::player::{Player, PlayerCamera};
use crate::procedure::terminal::{Key, TerminalKeys};
use crate::screens::{Screen, SessionSettings};

/// The level the carrying demonstrations happen in: at its start, the set and the bags are
/// still on the bench. The others happen exploring freely, with the bioreactor set up.
const CARRYING_LEVEL: &str = "bioreactor_load_prime";

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, choose_demo_level);
    app.add_systems(OnEnter(Screen::Session), start_demo);
    app.add_systems(
        PreUpdate,
        (act_as_instructor, drive_demo).chain().after(InputSystems::Fill).run_if(resource_exists::<Demo>),
    );
}

/// One step of a demonstration.
#[derive(Debug, Clone, Copy)]
pub enum DemoStep {
    /// Stand at a floor position, facing along a direction.
    Stand(Vec3, Vec3),
    /// Look at the object with this name, for some frames.
    Aim(&'static str, u32),
    /// Press or release the grab.
    Grab(bool),
    /// Click (use) what is aimed at.
    Click,
    /// Hand a level's expert actions (its golden path, up to this many) to the world at once:
    /// used to bring a station to a late state (days of culture) for a picture.
    Replay(&'static str, usize),
    /// The same for the entries of a level's golden path from one index up to another
    /// (excluded): a later part of the path, once the stations have had time for the first.
    ReplayRange(&'static str, usize, usize),
    /// As `Replay`, with the actions taken as done before the session (as a prerequisite's
    /// are): items go where the actions put them and the stations hear them; the level's
    /// procedure does not.
    ReplayDone(&'static str, usize),
    /// The same for the entries of a level's golden path from one index up to another
    /// (excluded).
    ReplayDoneRange(&'static str, usize, usize),
    /// Press a key of the batch record terminal, as the hand's ray would.
    Terminal(TerminalPress),
    /// Let this many seconds of game time pass, looking where the last step looked.
    Wait(f64),
    /// Set a control to a choice, as a touchscreen button does (a page, a keypad key).
    Choose(&'static str, &'static str),
    /// Make an event happen at the stations, as a level's injected event does.
    Inject(&'static str),
    /// The instructor at the desk: open the panel, send a line, skip the current step.
    Instructor(InstructorStep),
    /// Let a station's model run this many seconds of play at once (hours of a collection for
    /// a picture, without rendering every frame of them).
    FastForward(&'static str, f64),
}

/// What the instructor does in a demonstration.
#[derive(Debug, Clone, Copy)]
pub enum InstructorStep {
    OpenPanel,
    Message(&'static str),
    /// Skip the first current required step.
    SkipCurrent,
}

/// A key of the batch record terminal.
#[derive(Debug, Clone, Copy)]
pub enum TerminalPress {
    /// The first entry that takes a value.
    OpenFirstField,
    Char(char),
}

/// A demonstration in progress.
#[derive(Resource, Debug, Default)]
pub struct Demo {
    steps: VecDeque<DemoStep>,
    frames: u32,
    grab: bool,
    clicked: bool,
    /// Game time the current `Wait` began.
    waiting_since: Option<f64>,
}

impl Demo {
    /// Every step has been played.
    pub fn finished(&self) -> bool {
        self.steps.is_empty()
    }
}

/// The demonstrations that exist, by name.
pub const DEMOS: &[&str] = &[
    "grab",
    "socket",
    "weld",
    "culture",
    "record",
    "verify",
    "apheresis_setup",
    "apheresis_donor",
    "apheresis_target",
    "apheresis_run",
    "apheresis_alarm",
    "apheresis_citrate",
    "fill_finish_setup",
    "fill_finish_recipe",
    "fill_finish_run",
    "fill_finish_labels",
    "fill_finish_results",
    "batch_review",
    "em_counter",
    "em_glove_print",
    "qc_bench",
    "material_transfer_hatch",
    "material_transfer_unwrapped",
    "instructor",
    "instructor_walk",
    "instructor_debrief",
];

fn script(name: &str) -> Option<Vec<DemoStep>> {
    let bench = (Vec3::new(-5.9, 0.0, -6.5), Vec3::new(-0.4, 0.0, -1.0));
    let unit = (Vec3::new(-4.75, 0.0, -6.45), Vec3::new(-0.3, 0.0, -1.0));
    Some(match name {
        // Holding the media bag, looking at the bench.
        "grab" => vec![
            DemoStep::Stand(bench.0, bench.1),
            DemoStep::Aim("Bag: media_bag", 4),
            DemoStep::Grab(true),
            DemoStep::Aim("Work bench", 6),
        ],
        // Carrying the set to the bioreactor: the mount shows green because it takes the set.
        "socket" => vec![
            DemoStep::Stand(Vec3::new(-5.3, 0.0, -6.3), Vec3::new(-0.6, 0.0, -1.0)),
            DemoStep::Aim("Single-use set", 4),
            DemoStep::Grab(true),
            DemoStep::Aim("Set mount", 8),
        ],
        // With the set loaded and primed, a line end, then the cell bag: a sterile weld the
        // bioreactor accepts, drawn as joined tubing.
        "weld" => vec![
            DemoStep::Stand(unit.0, unit.1),
            DemoStep::Aim("Tube end: set_cell_line", 4),
            DemoStep::Click,
            DemoStep::Aim("Bag: cell_bag", 4),
            DemoStep::Click,
            DemoStep::Aim("Work bench", 6),
        ],
        // Days of a culture run: coating, cell loading and daily feeding, from the shipped
        // levels' expert paths, so the touchscreen's chart has data. (Exploring freely, the
        // bioreactor is already set up and primed.)
        "culture" => vec![
            DemoStep::Replay("bioreactor_coat_load_attach", usize::MAX),
            DemoStep::Replay("bioreactor_feed_harvest", 55),
        ],
        // Typing a count into the batch record terminal above the bench (in a level whose
        // entries take values).
        "record" => vec![
            DemoStep::Stand(Vec3::new(-6.55, 0.0, -7.0), Vec3::NEG_Z),
            DemoStep::Aim("Batch record terminal", 3),
            DemoStep::Terminal(TerminalPress::OpenFirstField),
            DemoStep::Terminal(TerminalPress::Char('1')),
            DemoStep::Terminal(TerminalPress::Char('2')),
            DemoStep::Aim("Batch record terminal", 3),
        ],
        // Line clearance done and signed (the set-up level's first entries), then the wait at
        // the bench for QA, whose verification shows on the HUD.
        // The instructor's panel during the gowning level: two steps done, a line sent, a step
        // skipped.
        "instructor" => vec![
            DemoStep::Replay("gowning_grade_b", 2),
            DemoStep::Wait(2.0),
            DemoStep::Instructor(InstructorStep::Message("Look each pack over for tears and dates.")),
            DemoStep::Instructor(InstructorStep::SkipCurrent),
            DemoStep::Instructor(InstructorStep::OpenPanel),
            DemoStep::Wait(1.0),
        ],
        // The instructor's window while the trainee walks the corridor: a line sent and a step
        // skipped, the trainee's path drawn on the room from above.
        "instructor_walk" => {
            let mut steps = vec![DemoStep::Replay("gowning_grade_b", 2)];
            for (x, z) in [(-6.0, 9.6), (-4.5, 9.4), (-3.0, 9.7), (-1.8, 9.2), (-1.0, 8.6)] {
                steps.extend([DemoStep::Stand(Vec3::new(x, 0.0, z), Vec3::X), DemoStep::Wait(0.7)]);
            }
            steps.extend([
                DemoStep::Instructor(InstructorStep::Message("Look each pack over for tears and dates.")),
                DemoStep::Instructor(InstructorStep::SkipCurrent),
                DemoStep::Stand(Vec3::new(-1.0, 0.0, 8.6), Vec3::NEG_Z),
                DemoStep::Wait(1.0),
            ]);
            steps
        }
        // With the level's expert path playing itself (`--autoplay`, in assessment), the
        // instructor sends a line: the debrief says it is not a clean pass and lists it.
        "instructor_debrief" => vec![
            DemoStep::Wait(4.0),
            DemoStep::Instructor(InstructorStep::Message("Look each pack over for tears and dates.")),
        ],
        "verify" => vec![
            DemoStep::Stand(Vec3::new(-6.3, 0.0, -6.45), Vec3::NEG_Z),
            DemoStep::Replay("bioreactor_load_prime", 8),
            DemoStep::Aim("Batch record terminal", 3),
            DemoStep::Wait(24.0),
        ],
        // The apheresis touchscreen's pages, each at a moment that fills it, from the shipped
        // levels' expert paths (play them with the level named by `--level`).
        "apheresis_setup" => vec![DemoStep::Replay("apheresis_set_up_prime", 22), DemoStep::Wait(1.0)],
        "apheresis_donor" => vec![
            DemoStep::Replay("apheresis_collect", 5),
            DemoStep::Choose(APHERESIS_FIELD, "cd3"),
            DemoStep::Choose(APHERESIS_KEY, "3"),
            DemoStep::Choose(APHERESIS_KEY, "8"),
            DemoStep::Wait(0.5),
        ],
        "apheresis_target" => vec![
            DemoStep::Replay("apheresis_collect", 9),
            DemoStep::Choose(APHERESIS_FIELD, "target_tbv"),
            DemoStep::Choose(APHERESIS_KEY, "2"),
            DemoStep::Choose(APHERESIS_KEY, "."),
            DemoStep::Choose(APHERESIS_KEY, "1"),
            DemoStep::Choose(APHERESIS_KEY, "enter"),
            DemoStep::Choose(APHERESIS_PAGE, "target"),
            DemoStep::Wait(0.5),
        ],
        // An hour and a half into the collection: the run values and the chart.
        "apheresis_run" => vec![
            DemoStep::Replay("apheresis_collect", 17),
            DemoStep::Wait(0.2),
            DemoStep::FastForward("apheresis", 90.0),
            DemoStep::Wait(0.5),
        ],
        // The troubleshooting level's low inlet pressure alarm, 15 min into the run.
        "apheresis_alarm" => vec![
            DemoStep::Replay("apheresis_troubleshoot_store", 17),
            DemoStep::Wait(0.2),
            DemoStep::FastForward("apheresis", 15.0),
            DemoStep::Inject("low_inlet_pressure"),
            DemoStep::Wait(0.5),
        ],
        // The collection level's citrate reaction, a few minutes after it began: the donor
        // says what they feel.
        "apheresis_citrate" => vec![
            DemoStep::Replay("apheresis_collect", 17),
            DemoStep::Wait(0.2),
            DemoStep::FastForward("apheresis", 45.0),
            DemoStep::Inject("citrate_reaction"),
            DemoStep::FastForward("apheresis", 30.0),
            DemoStep::Wait(0.5),
        ],
        // The fill-and-finish touchscreen's pages and a labelled bag, from the shipped levels'
        // expert paths: the set-up level's (play it with `--level fill_finish_set_up_recipe`)
        // and the freezing level's (`--level fill_finish_formulate_freeze`), with time for the
        // plate to cool, the cryoprotectant to go in and the bags to fill.
        "fill_finish_setup" => vec![DemoStep::Replay("fill_finish_set_up_recipe", 4), DemoStep::Wait(0.5)],
        "fill_finish_recipe" => vec![
            DemoStep::Replay("fill_finish_set_up_recipe", 26),
            DemoStep::Choose(FILL_FINISH_PAGE, "recipe"),
            DemoStep::Choose(FILL_FINISH_FIELD, "addition"),
            DemoStep::Choose(FILL_FINISH_KEY, "1"),
            DemoStep::Choose(FILL_FINISH_KEY, "0"),
            DemoStep::Wait(0.5),
        ],
        // Six minutes into the cryoprotectant addition.
        "fill_finish_run" => {
            let mut steps = FILL_FINISH_COOLED.to_vec();
            steps.extend([DemoStep::FastForward("fill_finish", 6.0), DemoStep::Wait(0.5)]);
            steps
        }
        // The four bags filled, sealed, sampled and labelled: the labels page, and the bags.
        "fill_finish_labels" => {
            let mut steps = FILL_FINISH_COOLED.to_vec();
            steps.extend(FILL_FINISH_LABELLED);
            steps.extend([DemoStep::Choose(FILL_FINISH_PAGE, "labels"), DemoStep::Wait(0.5)]);
            steps
        }
        // Frozen at −1 °C/min, then stored in LN₂ vapour: the results and the freezing plot.
        "fill_finish_results" => {
            let mut steps = FILL_FINISH_COOLED.to_vec();
            steps.extend(FILL_FINISH_LABELLED);
            steps.extend([
                DemoStep::ReplayRange(FILL_FINISH_FREEZE, 45, 51),
                DemoStep::Wait(0.2),
                DemoStep::FastForward("fill_finish", 30.0),
                DemoStep::Wait(0.2),
                DemoStep::ReplayRange(FILL_FINISH_FREEZE, 52, 54),
                DemoStep::Wait(0.2),
                DemoStep::FastForward("fill_finish", 5.0),
                DemoStep::Wait(0.5),
            ]);
            steps
        }
        // Three faults flagged (entries 3, 5 and 7) in the inspection level's batch record, the
        // culture page open with entry 7 chosen and its flag raised (play it with
        // `--level inspection_readiness`).
        "batch_review" => vec![
            DemoStep::Replay("inspection_readiness", 8),
            DemoStep::Choose(cleanroom_core::stations::batch_review::ids::PAGE, "culture"),
            DemoStep::Wait(0.5),
        ],
        // The monitoring trolley's counter through the first minutes of the operation (play it
        // with `--level em_operation`): the plates out, the counter sampling, its chart filling.
        "em_counter" => vec![
            DemoStep::Replay("em_operation", 15),
            DemoStep::Wait(0.3),
            DemoStep::FastForward("environmental_monitoring", 140.0),
            DemoStep::Wait(1.5),
        ],
        // The left glove printed, five fingers, and the right begun (`--level em_operation`).
        "em_glove_print" => vec![DemoStep::Replay("em_operation", 31), DemoStep::Wait(0.5)],
        // The QC bench with every sample tested and the bottles read, before the decision
        // (`--level qc_testing_msc`; the terminal's results page with `--view qc_release_screen`).
        "qc_bench" => vec![DemoStep::ReplayDone("qc_testing_msc", QC_BEFORE_DECISION), DemoStep::Wait(0.5)],
        // Material transfer (`--level material_transfer`): the torn sample tubes set aside, the
        // rest wiped, left the contact time and in the hatch with its corridor door open; then,
        // from the room, the room door open and both outer wraps peeled off.
        "material_transfer_hatch" => MATERIAL_TRANSFER_LOADED.to_vec(),
        "material_transfer_unwrapped" => {
            let mut steps = MATERIAL_TRANSFER_LOADED.to_vec();
            steps.extend([DemoStep::ReplayDoneRange("material_transfer", 11, 17), DemoStep::Wait(1.0)]);
            steps
        }
        _ => return None,
    })
}

/// The material transfer level's path to both items in the hatch, its corridor door open.
const MATERIAL_TRANSFER_LOADED: [DemoStep; 4] = [
    DemoStep::ReplayDone("material_transfer", 7),
    DemoStep::FastForward("material_transfer", 40.0),
    DemoStep::ReplayDoneRange("material_transfer", 7, 11),
    DemoStep::Wait(1.0),
];

/// The fill-and-finish touchscreen's page, field and keypad controls, and the freezing level.
const FILL_FINISH_PAGE: &str = cleanroom_core::stations::fill_finish::ids::PAGE;
const FILL_FINISH_FIELD: &str = cleanroom_core::stations::fill_finish::ids::FIELD;
const FILL_FINISH_KEY: &str = cleanroom_core::stations::fill_finish::ids::KEY;
const FILL_FINISH_FREEZE: &str = "fill_finish_formulate_freeze";

/// The freezing level's path to the cryoprotectant addition, the plate cooled first.
const FILL_FINISH_COOLED: [DemoStep; 5] = [
    DemoStep::ReplayRange(FILL_FINISH_FREEZE, 0, 1),
    DemoStep::Wait(0.2),
    DemoStep::FastForward("fill_finish", 15.0),
    DemoStep::Wait(0.2),
    DemoStep::ReplayRange(FILL_FINISH_FREEZE, 2, 8),
];

/// From the addition to the bags filled, sealed, sampled and labelled.
const FILL_FINISH_LABELLED: [DemoStep; 8] = [
    DemoStep::Wait(0.2),
    DemoStep::FastForward("fill_finish", 12.0),
    DemoStep::ReplayRange(FILL_FINISH_FREEZE, 16, 17),
    DemoStep::Wait(0.2),
    DemoStep::FastForward("fill_finish", 10.0),
    DemoStep::Wait(0.2),
    // (Not the seal made again: in the expert's path the first seal failed.)
    DemoStep::ReplayRange(FILL_FINISH_FREEZE, 18, 23),
    DemoStep::ReplayRange(FILL_FINISH_FREEZE, 26, 45),
];

/// The QC testing level's golden-path entries up to the decision: every sample tested and the
/// bottles read.
const QC_BEFORE_DECISION: usize = 11;

/// The apheresis touchscreen's page, field and keypad controls.
const APHERESIS_PAGE: &str = cleanroom_core::stations::apheresis::ids::PAGE;
const APHERESIS_FIELD: &str = cleanroom_core::stations::apheresis::ids::FIELD;
const APHERESIS_KEY: &str = cleanroom_core::stations::apheresis::ids::KEY;

fn choose_demo_level(options: Res<crate::LaunchOptions>, mut settings: ResMut<SessionSettings>) {
    if options.demo.as_deref().is_some_and(|demo| ["grab", "socket"].contains(&demo)) && settings.level.is_none() {
        settings.level = Some(CARRYING_LEVEL.to_owned());
    }
}

fn start_demo(options: Res<crate::LaunchOptions>, mut commands: Commands) {
    if let Some(steps) = options.demo.as_deref().and_then(script) {
        commands.insert_resource(Demo { steps: steps.into(), ..default() });
    }
}

/// The demonstration's instructor steps, each taken in one frame.
fn act_as_instructor(
    mut demo: ResMut<Demo>,
    procedure: Option<Res<crate::procedure::ActiveProcedure>>,
    mut panel: ResMut<crate::ui::instructor::InstructorPanel>,
    mut asked: MessageWriter<crate::procedure::InstructorIntervened>,
) {
    use cleanroom_core::procedure::Intervention;
    let Some(DemoStep::Instructor(step)) = demo.steps.front().copied() else {
        return;
    };
    match step {
        InstructorStep::OpenPanel => panel.shown = true,
        InstructorStep::Message(text) => {
            asked.write(crate::procedure::InstructorIntervened(Intervention::Message { text: text.into() }));
        }
        InstructorStep::SkipCurrent => {
            let step = procedure.as_deref().and_then(|procedure| {
                procedure.runner.current_steps().into_iter().find(|step| step.required).map(|step| step.id.clone())
            });
            if let Some(step) = step {
                asked.write(crate::procedure::InstructorIntervened(Intervention::SkipStep { step }));
            }
        }
    }
    demo.steps.pop_front();
    demo.frames = 0;
}

fn drive_demo(
    mut demo: ResMut<Demo>,
    catalog: Res<crate::procedure::LevelCatalog>,
    levels: Res<Assets<crate::procedure::LevelAsset>>,
    mut actions: MessageWriter<TraineeActed>,
    mut replayed: MessageWriter<crate::actions::ActionReplayed>,
    mut player: Query<(&mut Transform, &mut Player)>,
    camera: Query<&GlobalTransform, With<PlayerCamera>>,
    named: Query<(&Name, &GlobalTransform)>,
    mut hands: Query<(&Hand, &mut HandState)>,
    terminals: Query<(Entity, &TerminalKeys), With<RecordTerminal>>,
    mut pressed: MessageWriter<ButtonPressed>,
    time: Res<Time<Virtual>>,
    mut stations: ResMut<crate::stations::Stations>,
    mut injected: MessageWriter<crate::stations::EventInjected>,
) {
    let (Ok((mut body, mut state)), Ok(eye)) = (player.single_mut(), camera.single()) else {
        return;
    };
    let grab = demo.grab;
    let was_clicked = demo.clicked;
    let mut click = false;
    demo.frames += 1;
    let done = match demo.steps.front().copied() {
        None => false,
        Some(DemoStep::Stand(feet, facing)) => {
            crate::player::place(&mut body, &mut state, feet, facing);
            true
        }
        Some(DemoStep::Aim(name, frames)) => {
            if let Some((_, target)) = named.iter().find(|(n, _)| n.as_str() == name) {
                let to = target.translation() - eye.translation();
                body.look_to(Vec3::new(to.x, 0.0, to.z), Vec3::Y);
                state.pitch = to.y.atan2(Vec2::new(to.x, to.z).length());
            }
            demo.frames >= frames
        }
        Some(DemoStep::Grab(down)) => {
            demo.grab = down;
            true
        }
        Some(DemoStep::Click) => {
            click = true;
            true
        }
        Some(
            step @ (DemoStep::Replay(..)
            | DemoStep::ReplayRange(..)
            | DemoStep::ReplayDone(..)
            | DemoStep::ReplayDoneRange(..)),
        ) => {
            let (level, from, to) = match step {
                DemoStep::ReplayRange(level, from, to) | DemoStep::ReplayDoneRange(level, from, to) => {
                    (level, from, to)
                }
                DemoStep::Replay(level, count) | DemoStep::ReplayDone(level, count) => (level, 0, count),
                _ => unreachable!("matched above"),
            };
            let done_before = matches!(step, DemoStep::ReplayDone(..) | DemoStep::ReplayDoneRange(..));
            let golden = catalog
                .find(level)
                .and_then(|entry| entry.handle.as_ref())
                .and_then(|handle| levels.get(handle))
                .map(|asset| asset.level.golden_path.clone())
                .unwrap_or_default();
            for entry in golden.into_iter().take(to).skip(from) {
                if let cleanroom_core::level::GoldenEntry::Do { action, .. } = entry {
                    if done_before {
                        replayed.write(crate::actions::ActionReplayed::now(action));
                    } else {
                        actions.write(TraineeActed(action));
                    }
                }
            }
            true
        }
        // Taken by `act_as_instructor`.
        Some(DemoStep::Instructor(_)) => false,
        Some(DemoStep::Inject(event)) => {
            injected.write(crate::stations::EventInjected { event: event.into() });
            true
        }
        Some(DemoStep::FastForward(station, seconds)) => {
            if let Some(unit) = stations.unit_mut(station) {
                unit.model.tick(seconds);
            }
            true
        }
        Some(DemoStep::Choose(control, choice)) => {
            actions.write(TraineeActed(cleanroom_core::level::Action::Set {
                control: control.into(),
                value: cleanroom_core::common::Value::Choice(choice.into()),
            }));
            true
        }
        Some(DemoStep::Wait(seconds)) => {
            let now = time.elapsed_secs_f64();
            let since = *demo.waiting_since.get_or_insert(now);
            let over = now - since >= seconds;
            if over {
                demo.waiting_since = None;
            }
            over
        }
        Some(DemoStep::Terminal(press)) => {
            let wanted = |key: &Key| match (press, key) {
                (TerminalPress::OpenFirstField, Key::Open(_)) => true,
                (TerminalPress::Char(c), Key::Char(k)) => c == *k,
                _ => false,
            };
            if demo.frames == 1 {
                for (terminal, keys) in &terminals {
                    if let Some(button) = keys.0.iter().position(wanted) {
                        pressed.write(ButtonPressed { screen: terminal, button });
                    }
                }
            }
            // The terminal lays its keys out again before the next press.
            demo.frames >= 2
        }
    };
    for (hand, mut hand_state) in &mut hands {
        if *hand == Hand::Desktop {
            hand_state.grab = Press { pressed: demo.grab && !grab, held: demo.grab, released: !demo.grab && grab };
            hand_state.use_ = Press { pressed: click, held: click, released: !click && was_clicked };
        }
    }
    demo.clicked = click;
    if done {
        demo.steps.pop_front();
        demo.frames = 0;
    }
}
