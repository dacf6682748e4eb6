//! Benchmark: a whole simulated fill-and-finish batch (line clearance to LN₂ storage, about
//! 150 simulated minutes with the freezing profile) must compute in well under a frame.
//! It also prints the scenario table the closing notes quote.

use std::hint::black_box;

use cleanroom_core::stations::fill_finish::scenario::{self, Choices};
use criterion::{Criterion, criterion_group, criterion_main};

fn table() {
    let rows: [(&str, Choices); 12] = [
        ("well run", Choices::default()),
        ("plate not cooled (warm DMSO)", Choices { cool: false, ..Choices::default() }),
        ("bolus: added over 1 min", Choices { addition_min: 1.0, ..Choices::default() }),
        ("added without mixing", Choices { mix: false, ..Choices::default() }),
        ("hand-off 60 min late", Choices { wait_min: 60.0, ..Choices::default() }),
        ("2 bags for 3", Choices { bags: Some(2), ..Choices::default() }),
        ("20 mL a bag for 25", Choices { fill_ml: Some(20.0), ..Choices::default() }),
        ("failed seal found, re-sealed", Choices { seal_fails: true, ..Choices::default() }),
        ("failed seal left", Choices { seal_fails: true, reseal: false, ..Choices::default() }),
        ("no retention sample", Choices { retention_sample: false, ..Choices::default() }),
        ("chiller fault answered", Choices { plate_fault: Some(true), ..Choices::default() }),
        ("chiller fault ignored", Choices { plate_fault: Some(false), ..Choices::default() }),
    ];
    println!("| scenario | bags (mL) | cells/mL (×10⁶) | DMSO (%) | exposure (min) | viability (%) | deviations |");
    println!("|---|---|---|---|---|---|---|");
    for (name, choices) in rows {
        let (_, b) = scenario::run(choices);
        let deviations: Vec<&str> = b.deviations.iter().map(|d| d.id()).collect();
        let bags: Vec<String> = b.bag_volumes.iter().map(|v| format!("{v:.0}")).collect();
        println!(
            "| {name} | {} | {:.2} | {:.1} | {:.0} | {:.1} | {} |",
            bags.join(" · "),
            b.cells_per_ml / 1e6,
            b.dmso_percent,
            b.exposure_min,
            b.viability * 100.0,
            if deviations.is_empty() { "—".to_owned() } else { deviations.join(", ") },
        );
    }
}

fn whole_batch(c: &mut Criterion) {
    table();
    c.bench_function("fill-finish: whole batch, line clearance to LN2 storage", |b| {
        b.iter(|| black_box(scenario::run(black_box(Choices::default())).1.viability))
    });
}

criterion_group!(benches, whole_batch);
criterion_main!(benches);
