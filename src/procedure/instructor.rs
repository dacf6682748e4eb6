//! The instructor stepping in: what the instructor's panel asks for reaches the runner, which
//! takes it (and reports it, so the records keep it) or says why not. A pause holds the whole
//! session until the instructor resumes it; a restart begins a fresh attempt; a message is
//! shown to the trainee.

use bevy::prelude::*;
use cleanroom_core::common::Text;
use cleanroom_core::procedure::{Intervention, RunnerEvent};

use super::session::{ActiveProcedure, ProcedureReported, deliver, level_clock};
use crate::screens::{Pause, Screen};
use crate::stations::EventInjected;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<InstructorIntervened>();
    app.init_resource::<InstructorDesk>();
    app.add_systems(
        Update,
        apply_interventions
            .in_set(InstructorSystems)
            .after(crate::AppSystems::Judge)
            .run_if(in_state(Screen::Session))
            .run_if(resource_exists::<ActiveProcedure>),
    );
    app.add_systems(OnEnter(Screen::Session), |mut desk: ResMut<InstructorDesk>| desk.refused = None);
}

/// Where the instructor's interventions are taken: after the runner has judged the frame's
/// actions, before the records write the frame down (so the trail keeps their order).
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct InstructorSystems;

/// The instructor asks for an intervention (the panel, or a test).
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct InstructorIntervened(pub Intervention);

/// What the instructor's side knows beside the runner: why the latest request was refused.
#[derive(Resource, Debug, Clone, Default)]
pub struct InstructorDesk {
    pub refused: Option<Text>,
}

fn apply_interventions(
    mut commands: Commands,
    mut asked: MessageReader<InstructorIntervened>,
    time: Res<Time<Virtual>>,
    mut procedure: ResMut<ActiveProcedure>,
    mut desk: ResMut<InstructorDesk>,
    mut reported: MessageWriter<ProcedureReported>,
    mut injected: MessageWriter<EventInjected>,
    mut next_screen: ResMut<NextState<Screen>>,
    mut next_pause: ResMut<NextState<Pause>>,
) {
    for InstructorIntervened(intervention) in asked.read() {
        let now = level_clock(&time);
        let mut produced = match procedure.runner.intervene(now, intervention.clone()) {
            Ok(produced) => produced,
            Err(refused) => {
                info!("instructor: {intervention:?} refused: {refused}");
                desk.refused = Some(refused.text());
                continue;
            }
        };
        desk.refused = None;
        info!("instructor: {intervention:?} at {:.1} s of level time", procedure.runner.level_time());
        match intervention {
            Intervention::Pause => next_pause.set(Pause::Held),
            Intervention::Resume => next_pause.set(Pause::Running),
            // The attempt ends here with the restart on its record; entering the session again
            // builds the world anew and starts a fresh attempt.
            Intervention::Restart => {
                produced.retain(|event| matches!(event, RunnerEvent::Intervened(_)));
                next_screen.set(Screen::Session);
            }
            _ => {}
        }
        deliver(&mut commands, &mut procedure, produced, &mut reported, &mut injected, &mut next_screen);
        if matches!(intervention, Intervention::Restart) {
            break;
        }
    }
}
