//! The particle counter on the monitoring trolley: two sample points, one in the Grade B room
//! by the stations and one in the Grade A cabinet, each counting particles ≥0.5 µm and ≥5 µm.
//! Counts follow what the trainee does: a person moving sheds more than one standing still, an
//! open door lets the lower grade's air in, fast hands in the cabinet break its first air.
//!
//! The limits are Annex 1's (domain.md §2.1). How many particles a person and a door add, and
//! how fast the air clears them, are this model's assumptions, chosen so that clean conduct
//! stays well within the limits and each fault shows clearly on the counter; they are not
//! measurements of a real room.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::common::Text;
use crate::draw::Draw;
use crate::stations::RoomConditions;

/// A sample point of the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Probe {
    /// The Grade B processing room, at working height by the stations.
    Room,
    /// Inside the Grade A biosafety cabinet, beside the work zone.
    Cabinet,
}

impl Probe {
    pub const ALL: [Probe; 2] = [Probe::Room, Probe::Cabinet];

    pub fn name(self) -> Text {
        match self {
            Probe::Room => Text::new("Grade B room", "B등급 공정실"),
            Probe::Cabinet => Text::new("Grade A cabinet", "A등급 안전작업대"),
        }
    }

    /// The in-operation limits, particles/m³ (≥0.5 µm, ≥5 µm): Grade B 352 000 and 2 930
    /// (Annex 1 Table 1); Grade A 3 520 and, for routine monitoring, 29 at ≥5 µm (Table 5)
    /// [S37].
    pub fn limits(self) -> [f64; 2] {
        match self {
            Probe::Room => [352_000.0, 2_930.0],
            Probe::Cabinet => [3_520.0, 29.0],
        }
    }

    /// Alert levels, particles/m³. A site sets them from its own trend data (domain.md §2.4);
    /// here they are an assumption: half the action limit.
    pub fn alerts(self) -> [f64; 2] {
        self.limits().map(|limit| limit / 2.0)
    }

    /// How fast the air at the point clears, in seconds (the time constant of a well-mixed
    /// room at its air-change rate; the cabinet's first air sweeps its work zone in seconds).
    fn clearing_s(self) -> f64 {
        match self {
            Probe::Room => 3600.0 / ROOM_AIR_CHANGES_PER_H,
            Probe::Cabinet => CABINET_CLEARING_S,
        }
    }
}

/// Air changes per hour of the Grade B room. Assumption: a figure in the range commonly
/// designed for Grade B rooms; the real figure comes from the room's qualification.
const ROOM_AIR_CHANGES_PER_H: f64 = 40.0;
/// How long the cabinet's unidirectional first air takes to clear its work zone, s. Assumption.
const CABINET_CLEARING_S: f64 = 5.0;
/// What one gowned person standing still adds at the room point, particles/m³ (≥0.5, ≥5 µm).
/// Assumption.
const STILL_PERSON: [f64; 2] = [1_000.0, 10.0];
/// A person walking sheds about ten times what one standing still does (domain.md §1).
const WALKING_FACTOR: f64 = 10.0;
/// Hurrying sheds more again. Assumption: three times walking.
const HURRYING_FACTOR: f64 = 30.0;
/// Speeds that count as walking and as hurrying, m/s (the game walks at 1.2 m/s).
pub const WALKING_M_S: f64 = 0.2;
pub const HURRYING_M_S: f64 = 1.6;
/// What a door of the room standing open adds at the room point, particles/m³: air from the
/// airlock's lower-grade side. Assumption.
const OPEN_DOOR_ROOM: [f64; 2] = [60_000.0, 500.0];
/// What an open door adds in the cabinet, whose downflow keeps most of it out. Assumption.
const OPEN_DOOR_CABINET: [f64; 2] = [40.0, 0.5];
/// A gloved hand inside the cabinet, moving calmly, and moving fast (which breaks the first
/// air and carries room air in), particles/m³ at the cabinet point. Assumption.
const HAND_IN_CABINET: [f64; 2] = [60.0, 0.5];
const FAST_HAND_IN_CABINET: [f64; 2] = [6_000.0, 150.0];
/// Hand speeds above this count as fast (brisk movements rather than calm reaching), m/s.
/// Assumption.
pub const FAST_HAND_M_S: f64 = 1.0;
/// The counter's sample flow: 28.3 L/min (1 ft³/min), as portable counters commonly draw
/// (**typical**).
const FLOW_M3_PER_S: f64 = 0.0283 / 60.0;
/// The counter reports one sample a minute, as the count of that minute per m³.
pub const SAMPLE_S: f64 = 60.0;
/// Samples kept for the chart.
const HISTORY: usize = 30;
/// Three consecutive samples with ≥5 µm counts in Grade A point to a possible contamination
/// event rather than a false single count (domain.md §2.1, [S39]).
pub const FIVE_MICRON_RUN: u32 = 3;

/// One completed sample at one point, particles/m³.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Seconds since the counter started.
    pub at_s: f64,
    pub per_m3: [f64; 2],
}

/// What a completed sample showed that the operator must hear of.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A count over its action limit.
    OverLimit { probe: Probe, size: usize, per_m3: f64, limit: f64 },
    /// A count over its alert level (and within the limit).
    OverAlert { probe: Probe, size: usize, per_m3: f64, alert: f64 },
    /// A Grade A sample with ≥5 µm counts over the limit: a single count may be false
    /// (domain.md §2.1), so it is watched rather than acted on.
    FiveMicronCount { per_m3: f64 },
    /// The third consecutive Grade A sample with ≥5 µm counts.
    FiveMicronRun,
}

/// One sample point's air and what the counter has counted there.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    probe: Probe,
    /// The concentration now, particles/m³ (≥0.5, ≥5 µm).
    air: [f64; 2],
    /// Counts in the sample being taken.
    counting: [u64; 2],
    samples: VecDeque<Sample>,
}

/// The counter and the air it samples.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticleCounter {
    points: [Point; 2],
    running: bool,
    /// Seconds since it started, and into the current sample.
    elapsed_s: f64,
    into_sample_s: f64,
    /// Seconds not yet counted (counting goes in whole seconds).
    pending_s: f64,
    room: RoomConditions,
    draw: Draw,
    /// Consecutive Grade A samples with a ≥5 µm count.
    five_micron_run: u32,
    /// Whole seconds of air passed, counting or not.
    seconds_passed: u64,
}

/// The counter's draw seed: fixed, so the same conduct counts the same on every machine.
const SEED: u64 = 0x454D_2026;

impl Default for ParticleCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl ParticleCounter {
    pub fn new() -> Self {
        let point = |probe| Point { probe, air: [0.0; 2], counting: [0; 2], samples: VecDeque::new() };
        let mut counter = ParticleCounter {
            points: [point(Probe::Room), point(Probe::Cabinet)],
            running: false,
            elapsed_s: 0.0,
            into_sample_s: 0.0,
            pending_s: 0.0,
            room: RoomConditions::default(),
            draw: Draw::new(SEED),
            five_micron_run: 0,
            seconds_passed: 0,
        };
        // The air starts as a quiet room leaves it: nobody in it.
        for point in &mut counter.points {
            point.air = Self::target(point.probe, &RoomConditions::default());
        }
        counter
    }

    pub fn start(&mut self) -> bool {
        if self.running {
            return false;
        }
        self.running = true;
        true
    }

    pub fn running(&self) -> bool {
        self.running
    }

    /// The room as the world sees it now.
    pub fn observe(&mut self, room: &RoomConditions) {
        self.room = room.clone();
    }

    /// The concentration the air at `probe` tends to under `room`, particles/m³.
    pub fn target(probe: Probe, room: &RoomConditions) -> [f64; 2] {
        let scale = |values: [f64; 2], by: f64| values.map(|v| v * by);
        let add = |a: [f64; 2], b: [f64; 2]| [a[0] + b[0], a[1] + b[1]];
        let doors = f64::from(room.doors_open);
        match probe {
            Probe::Room => {
                let person = if !room.in_processing_room {
                    0.0
                } else if room.walking_speed_m_s >= HURRYING_M_S {
                    HURRYING_FACTOR
                } else if room.walking_speed_m_s >= WALKING_M_S {
                    WALKING_FACTOR
                } else {
                    1.0
                };
                add(scale(STILL_PERSON, person), scale(OPEN_DOOR_ROOM, doors))
            }
            Probe::Cabinet => {
                let hand = match (room.hand_in_cabinet, room.hand_speed_m_s >= FAST_HAND_M_S) {
                    (false, _) => [0.0; 2],
                    (true, false) => HAND_IN_CABINET,
                    (true, true) => FAST_HAND_IN_CABINET,
                };
                add(hand, scale(OPEN_DOOR_CABINET, doors))
            }
        }
    }

    /// The concentration at `probe` now, particles/m³ (what the air holds, not what was counted).
    pub fn air(&self, probe: Probe) -> [f64; 2] {
        self.point(probe).air
    }

    fn point(&self, probe: Probe) -> &Point {
        &self.points[if probe == Probe::Room { 0 } else { 1 }]
    }

    /// The latest completed sample at `probe`.
    pub fn latest(&self, probe: Probe) -> Option<Sample> {
        self.point(probe).samples.back().copied()
    }

    /// The completed samples at `probe`, oldest first (the last thirty).
    pub fn samples(&self, probe: Probe) -> impl Iterator<Item = &Sample> {
        self.point(probe).samples.iter()
    }

    /// The count so far in the sample being taken, per m³ of the air drawn: the live figure.
    pub fn live(&self, probe: Probe) -> Option<[f64; 2]> {
        let drawn = self.into_sample_s.floor() * FLOW_M3_PER_S;
        (self.running && drawn > 0.0).then(|| self.point(probe).counting.map(|count| count as f64 / drawn))
    }

    /// Lets real time pass: the air follows the room, and a running counter counts; each
    /// completed sample is checked against the limits.
    pub fn pass(&mut self, seconds: f64) -> Vec<Finding> {
        let mut findings = Vec::new();
        if seconds <= 0.0 {
            return findings;
        }
        self.pending_s += seconds;
        while self.pending_s >= 1.0 {
            self.pending_s -= 1.0;
            findings.extend(self.second());
        }
        findings
    }

    /// Whole seconds of air passed since the counter was made.
    pub fn seconds_passed(&self) -> u64 {
        self.seconds_passed
    }

    /// One second of air and counting.
    fn second(&mut self) -> Vec<Finding> {
        self.seconds_passed += 1;
        for point in &mut self.points {
            let target = Self::target(point.probe, &self.room);
            let keep = (-1.0 / point.probe.clearing_s()).exp();
            for (air, target) in point.air.iter_mut().zip(target) {
                *air = target + (*air - target) * keep;
            }
        }
        if !self.running {
            return Vec::new();
        }
        for point in &mut self.points {
            for (count, air) in point.counting.iter_mut().zip(point.air) {
                *count += self.draw.poisson(air * FLOW_M3_PER_S);
            }
        }
        self.elapsed_s += 1.0;
        self.into_sample_s += 1.0;
        if self.into_sample_s < SAMPLE_S {
            return Vec::new();
        }
        self.into_sample_s = 0.0;
        let mut findings = Vec::new();
        let drawn = SAMPLE_S * FLOW_M3_PER_S;
        for point in &mut self.points {
            let per_m3 = point.counting.map(|count| count as f64 / drawn);
            point.counting = [0; 2];
            point.samples.push_back(Sample { at_s: self.elapsed_s, per_m3 });
            if point.samples.len() > HISTORY {
                point.samples.pop_front();
            }
            let (limits, alerts) = (point.probe.limits(), point.probe.alerts());
            for size in 0..2 {
                if point.probe == Probe::Cabinet && size == 1 {
                    if per_m3[1] > limits[1] {
                        findings.push(Finding::FiveMicronCount { per_m3: per_m3[1] });
                    }
                } else if per_m3[size] > limits[size] {
                    findings.push(Finding::OverLimit {
                        probe: point.probe,
                        size,
                        per_m3: per_m3[size],
                        limit: limits[size],
                    });
                } else if per_m3[size] > alerts[size] {
                    findings.push(Finding::OverAlert {
                        probe: point.probe,
                        size,
                        per_m3: per_m3[size],
                        alert: alerts[size],
                    });
                }
            }
            if point.probe == Probe::Cabinet {
                self.five_micron_run = if per_m3[1] > 0.0 { self.five_micron_run + 1 } else { 0 };
                if self.five_micron_run == FIVE_MICRON_RUN {
                    findings.push(Finding::FiveMicronRun);
                }
            }
        }
        findings
    }
}
