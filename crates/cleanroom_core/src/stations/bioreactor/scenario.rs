//! Scripted runs of the bioreactor: the reference scenarios for tests, benches and tuning.

use super::events::{Refusal, SampleResult};
use super::operation::{Bag, CoatingReagent, ConnectionMethod, Distribution, Operation};
use super::{ATTACHMENT_PERIOD_H, Bioreactor, COATING_TIME_H, SAMPLE_INTERVAL_H};

/// Cells loaded in the bone-marrow P1 scenario. Assumption: a scenario input, not a
/// published seeding density; with `culture::DOUBLING_TIME_H` it lands a well-run culture in
/// the published P1 range.
pub const WELL_RUN_SEEDED_CELLS: f64 = 10.0e6;

/// IC inlet rate at the start of feeding, mL/min. Assumption: a low starting feed.
pub const FEED_START_ML_MIN: f64 = 0.1;

/// Daily lactate above which the well-run policy doubles the IC inlet rate, mmol/L.
/// Assumption: a training policy, not a vendor setpoint.
pub const FEED_RAISE_LACTATE_MMOL_L: f64 = 4.0;

/// Highest rate the well-run policy goes to, mL/min. Assumption.
pub const FEED_MAX_ML_MIN: f64 = 3.2;

/// Hours of attachment before the early-feeding scenario starts feeding. Assumption: a
/// scenario input, a quarter of the ~24 h attachment period (domain.md §4.6).
pub const EARLY_FEEDING_H: f64 = 6.0;

/// Factor the well-run policy raises the IC inlet rate by. Assumption: a training policy
/// (double it), as `FEED_RAISE_LACTATE_MMOL_L`; not a vendor procedure.
pub const FEED_RAISE_FACTOR: f64 = 2.0;

/// Culture days from loading to harvest in the P1 scenario. Source: domain.md §4.8
/// (bone marrow P1 in 13±1 days).
pub const P1_CULTURE_DAYS: f64 = 13.0;

/// How the scripted operator feeds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FeedPolicy {
    /// Double the rate after each daily sample whose lactate is above the trigger.
    RaiseWithLactate { start_ml_min: f64, raise_above_mmol_l: f64, max_ml_min: f64 },
    /// Keep one rate throughout (under-feeding when low).
    Fixed { ml_min: f64 },
}

/// A scripted run: the operator's choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: &'static str,
    pub coating: CoatingReagent,
    pub distribution: Distribution,
    pub seeded_cells: f64,
    /// Hours from loading to the start of feeding.
    pub attachment_h: f64,
    pub feed: FeedPolicy,
    /// Culture days from loading to harvest.
    pub culture_days: f64,
}

/// What a scripted run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioOutcome {
    pub harvested_cells: f64,
    pub viability: f64,
    pub peak_lactate_mmol_l: f64,
    pub lowest_glucose_mmol_l: f64,
    pub final_ic_inlet_ml_min: f64,
    pub deviations: usize,
}

impl Scenario {
    /// Bone-marrow P1 done well: fibronectin, settle-and-rotate, 24 h attachment, feed raised
    /// with lactate, harvest on day 13.
    pub fn well_run() -> Self {
        Self {
            name: "well run",
            coating: CoatingReagent::Fibronectin,
            distribution: Distribution::SettleAndRotate,
            seeded_cells: WELL_RUN_SEEDED_CELLS,
            attachment_h: ATTACHMENT_PERIOD_H,
            feed: FeedPolicy::RaiseWithLactate {
                start_ml_min: FEED_START_ML_MIN,
                raise_above_mmol_l: FEED_RAISE_LACTATE_MMOL_L,
                max_ml_min: FEED_MAX_ML_MIN,
            },
            culture_days: P1_CULTURE_DAYS,
        }
    }

    /// As `well_run`, but the feed is never raised from its starting rate.
    pub fn under_fed() -> Self {
        Self { name: "under-fed", feed: FeedPolicy::Fixed { ml_min: FEED_START_ML_MIN }, ..Self::well_run() }
    }

    /// As `well_run`, with another coating reagent (named by its id).
    pub fn coated_with(coating: CoatingReagent) -> Self {
        Self { name: coating.id(), coating, ..Self::well_run() }
    }

    /// As `well_run`, with plain circulation instead of settle-and-rotate.
    pub fn circulate_only() -> Self {
        Self { name: "circulate only", distribution: Distribution::Circulate, ..Self::well_run() }
    }

    /// As `well_run`, feeding started after only `EARLY_FEEDING_H` of attachment.
    pub fn early_feeding() -> Self {
        Self { name: "feeding at 6 h", attachment_h: EARLY_FEEDING_H, ..Self::well_run() }
    }

    /// Runs the scenario to harvest.
    pub fn run(&self) -> Result<(ScenarioOutcome, Bioreactor), Refusal> {
        let mut station = self.prepare()?;
        self.culture_to_harvest(&mut station)?;
        station.apply(Operation::Harvest { enzymatic_release: true })?;
        let outcome = self.outcome(&station);
        Ok((outcome, station))
    }

    /// Takes a fresh station through set-up and cell loading, up to the start of attachment.
    pub fn prepare(&self) -> Result<Bioreactor, Refusal> {
        let mut station = Bioreactor::new("operator-1");
        station.apply(Operation::LoadSet)?;
        for bag in Bag::ALL {
            station.apply(Operation::ConnectBag { bag, method: ConnectionMethod::SterileWeld })?;
            station.apply(Operation::InspectLine { bag })?;
            station.apply(Operation::SetClamp { bag, open: true })?;
        }
        station.apply(Operation::Prime)?;
        station.apply(Operation::Coat { reagent: self.coating })?;
        station.advance(COATING_TIME_H);
        station.apply(Operation::WashOut)?;
        station.apply(Operation::ConditionMedium)?;
        station.apply(Operation::LoadCells { cells: self.seeded_cells, distribution: self.distribution })?;
        Ok(station)
    }

    /// Attachment, then daily sample-and-feed decisions until the harvest day.
    pub fn culture_to_harvest(&self, station: &mut Bioreactor) -> Result<(), Refusal> {
        let loaded_at = station.clock_h();
        let harvest_at = loaded_at + self.culture_days * 24.0;
        station.advance(self.attachment_h);
        let start = match self.feed {
            FeedPolicy::RaiseWithLactate { start_ml_min, .. } => start_ml_min,
            FeedPolicy::Fixed { ml_min } => ml_min,
        };
        station.apply(Operation::StartFeeding { ic_inlet_ml_min: start })?;
        let mut next_sample = loaded_at + SAMPLE_INTERVAL_H;
        while next_sample <= harvest_at {
            station.advance(next_sample - station.clock_h());
            let result = self.take_sample(station)?;
            self.adjust_feed(station, &result)?;
            next_sample += SAMPLE_INTERVAL_H;
        }
        station.advance(harvest_at - station.clock_h());
        Ok(())
    }

    fn take_sample(&self, station: &mut Bioreactor) -> Result<SampleResult, Refusal> {
        let label = format!("S-{:02}", station.samples().len() + 1);
        station.apply(Operation::Sample { label })?;
        let last = station.samples().last().cloned();
        Ok(last.unwrap_or(SampleResult {
            time_h: station.clock_h(),
            label: String::new(),
            glucose_mmol_l: 0.0,
            lactate_mmol_l: 0.0,
            cells_estimate: 0.0,
        }))
    }

    fn adjust_feed(&self, station: &mut Bioreactor, sample: &SampleResult) -> Result<(), Refusal> {
        let FeedPolicy::RaiseWithLactate { raise_above_mmol_l, max_ml_min, .. } = self.feed else {
            return Ok(());
        };
        let rate = station.ic_inlet_ml_min();
        if sample.lactate_mmol_l > raise_above_mmol_l && rate < max_ml_min {
            let ml_min = (rate * FEED_RAISE_FACTOR).min(max_ml_min);
            station.apply(Operation::SetIcInletRate { ml_min })?;
        }
        Ok(())
    }

    fn outcome(&self, station: &Bioreactor) -> ScenarioOutcome {
        let harvest = station.harvest();
        let lowest_glucose = station.history().iter().map(|p| p.glucose_mmol_l).fold(f64::INFINITY, f64::min);
        ScenarioOutcome {
            harvested_cells: harvest.map_or(0.0, |h| h.viable_cells),
            viability: harvest.map_or(0.0, |h| h.viability),
            peak_lactate_mmol_l: station.peak_lactate_mmol_l(),
            lowest_glucose_mmol_l: lowest_glucose,
            final_ic_inlet_ml_min: station.ic_inlet_ml_min(),
            deviations: station.deviations().len(),
        }
    }
}
