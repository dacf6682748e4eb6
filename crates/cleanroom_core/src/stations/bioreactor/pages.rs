//! The bioreactor touchscreen's pages: one for each part of the run and the task list, the
//! screen turning to the page of the phase the run is in unless the trainee chose another.

use serde::{Deserialize, Serialize};

use super::events::Phase;
use crate::common::Text;

/// The touchscreen's pages: one for each part of the run, and the task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Page {
    Setup,
    Cells,
    Culture,
    Tasks,
}

impl Page {
    pub const ALL: [Page; 4] = [Page::Setup, Page::Cells, Page::Culture, Page::Tasks];

    pub fn id(self) -> &'static str {
        match self {
            Page::Setup => "setup",
            Page::Cells => "cells",
            Page::Culture => "culture",
            Page::Tasks => "tasks",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Page::ALL.into_iter().find(|page| page.id() == id)
    }

    pub fn name(self) -> Text {
        match self {
            Page::Setup => Text::new("Set-up", "준비"),
            Page::Cells => Text::new("Cells", "세포"),
            Page::Culture => Text::new("Culture", "배양"),
            Page::Tasks => Text::new("Tasks", "작업 목록"),
        }
    }

    /// The page the screen shows in `phase`, unless the trainee chose another since.
    pub fn for_phase(phase: Phase) -> Self {
        match phase {
            Phase::AwaitingSet
            | Phase::SetLoaded
            | Phase::Primed
            | Phase::Coating
            | Phase::Coated
            | Phase::WashedOut => Page::Setup,
            Phase::Conditioned | Phase::Attachment => Page::Cells,
            Phase::Feeding | Phase::Harvested => Page::Culture,
        }
    }
}

/// The page the trainee chose, and the phase they chose it in: once the phase moves on, the
/// screen turns to that phase's page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageChoice(Option<(Page, Phase)>);

impl PageChoice {
    pub fn choose(&mut self, page: Page, phase: Phase) {
        self.0 = Some((page, phase));
    }

    /// The page showing in `phase`.
    pub fn page(&self, phase: Phase) -> Page {
        match self.0 {
            Some((page, chosen_in)) if chosen_in == phase => page,
            _ => Page::for_phase(phase),
        }
    }
}
