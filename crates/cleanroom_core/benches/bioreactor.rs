//! Benchmark: 14 simulated days of a well-run bioreactor culture must take well under 50 ms.

use std::hint::black_box;

use cleanroom_core::stations::bioreactor::Operation;
use cleanroom_core::stations::bioreactor::scenario::Scenario;
use criterion::{Criterion, criterion_group, criterion_main};

/// Simulated days the benchmark covers.
const DAYS: f64 = 14.0;

fn fourteen_days(c: &mut Criterion) {
    let scenario = Scenario { culture_days: DAYS, ..Scenario::well_run() };
    let loaded = scenario.prepare().expect("the well-run scenario prepares");

    c.bench_function("bioreactor: 14 days, daily sample and feed", |b| {
        b.iter(|| {
            let mut station = loaded.clone();
            scenario.culture_to_harvest(&mut station).expect("the well-run scenario runs");
            black_box(station.culture().attached)
        })
    });

    c.bench_function("bioreactor: 14 days in one advance", |b| {
        b.iter(|| {
            let mut station = loaded.clone();
            station.advance(24.0);
            station.apply(Operation::StartFeeding { ic_inlet_ml_min: 0.4 }).expect("feeding starts");
            station.advance(black_box(DAYS * 24.0 - 24.0));
            black_box(station.culture().attached)
        })
    });

    c.bench_function("bioreactor: whole run, set-up to harvest", |b| {
        b.iter(|| black_box(scenario.run().map(|(outcome, _)| outcome.harvested_cells)))
    });
}

criterion_group!(benches, fourteen_days);
criterion_main!(benches);
