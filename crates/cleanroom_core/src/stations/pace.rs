//! Play time turned into a station's simulated time: step by step, each step taking the real
//! time the pace of that moment gives it (a machine running by itself may run faster than life),
//! so that a run is the same however the seconds are split into frames.

/// A station model whose simulated time runs at a pace of its own.
pub trait Paced {
    /// Real seconds received and not yet turned into steps.
    fn pending_real_s(&mut self) -> &mut f64;
    /// Simulated minutes per real second now.
    fn minutes_per_second(&self) -> f64;
    /// Lets `minutes` of simulated time pass.
    fn step(&mut self, minutes: f64);
}

/// Lets `seconds` of play pass in steps of `step_min` simulated minutes; whether any step was
/// taken (the model moved).
pub fn pass_real_time(model: &mut impl Paced, seconds: f64, step_min: f64) -> bool {
    if seconds.is_finite() && seconds > 0.0 {
        *model.pending_real_s() += seconds;
    }
    let mut stepped = false;
    loop {
        let quantum = step_min / model.minutes_per_second();
        if *model.pending_real_s() + 1e-9 < quantum {
            break;
        }
        *model.pending_real_s() -= quantum;
        model.step(step_min);
        stepped = true;
    }
    stepped
}
