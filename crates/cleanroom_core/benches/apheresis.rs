//! Benchmark: a whole simulated apheresis collection (2.0 TBV, CMNC, about 230 simulated
//! minutes) must compute in well under 5 ms, so time compression never costs a frame.
//! It also prints the scenario table the closing notes quote.

use std::hint::black_box;

use cleanroom_core::stations::apheresis::Protocol;
use cleanroom_core::stations::apheresis::scenario::{self, Choices};
use criterion::{Criterion, criterion_group, criterion_main};

fn table() {
    let rows: [(&str, Choices); 7] = [
        ("well run, CMNC 2.0 TBV", Choices::default()),
        ("well run, MNC 2.0 TBV", Choices { protocol: Protocol::Mnc, ..Choices::default() }),
        ("inlet saline left open", Choices { close_saline: false, ..Choices::default() }),
        ("stale haematocrit (44 % for 40 %)", Choices { stale_hct: true, ..Choices::default() }),
        ("under-processed, 1.0 TBV", Choices { target_tbv: 1.0, ..Choices::default() }),
        ("ACD-A and saline swapped", Choices { swap_bags: true, ..Choices::default() }),
        (
            "AC 1.2 mL/min/L, ratio 8:1, 1.0 TBV",
            Choices { ac_rate_limit: 1.2, ac_ratio: 8.0, target_tbv: 1.0, ..Choices::default() },
        ),
    ];
    println!(
        "| scenario | run time (min) | processed (TBV) | product (mL) | CD3+ (×10⁹) | CE2 (%) | lowest iCa | worst symptom | deviations |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, choices) in rows {
        let (_, r) = scenario::run(choices);
        let deviations: Vec<&str> = r.deviations.iter().map(|d| d.id()).collect();
        println!(
            "| {name} | {:.0} | {:.2} | {:.0} | {:.2} | {:.1} | {:.2} | {} | {} |",
            r.run_time_min,
            r.tbv_processed,
            r.product_ml,
            r.cd3_collected / 1e9,
            r.ce2 * 100.0,
            r.lowest_ica_mmol_l,
            r.worst_symptom.id(),
            if deviations.is_empty() { "—".to_owned() } else { deviations.join(", ") },
        );
    }
}

fn whole_collection(c: &mut Criterion) {
    table();
    c.bench_function("apheresis: whole collection, set-up to stored product", |b| {
        b.iter(|| black_box(scenario::run(black_box(Choices::default())).1.cd3_collected))
    });
}

criterion_group!(benches, whole_collection);
criterion_main!(benches);
