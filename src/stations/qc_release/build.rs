//! The QC review desk in the world: the shared review desk and terminal, and the laboratory's
//! certificate folder beside it; and the QC laboratory's bench along the corridor's north wall,
//! where the product's samples arrive from the processing room and are tested.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;
use cleanroom_core::stations::qc_release::bench::Test;
use cleanroom_core::stations::qc_release::ids::*;

use crate::actions::LevelId;
use crate::cleanroom::equipment::{review_desk, socket};
use crate::cleanroom::kit::Kit;
use crate::interaction::semantic::Control;
use crate::interaction::{Accepts, Usable};
use crate::stations::station::{StationDef, StationScreen, model_text};

/// The way the desk faces: from the corridor's west wall, east into the corridor.
const OUTWARD: Vec3 = Vec3::X;

/// The bench: its centre on the floor against the corridor's north wall, its length along the
/// wall and its depth, and its top (a laboratory bench's height). It faces south.
const BENCH: Vec3 = Vec3::new(-4.85, 0.0, 10.6);
const BENCH_LENGTH: f32 = 2.8;
const BENCH_DEPTH: f32 = 0.6;
const BENCH_TOP: f32 = 0.9;
const BENCH_FACING: Vec3 = Vec3::NEG_Z;
/// Instruments' displays: dark ink on a pale screen, as the touchscreens.
const DISPLAY_COLOURS: ([u8; 4], [u8; 4]) = ([226, 236, 240, 255], [16, 28, 40, 255]);
const DISPLAY_SIZE: Vec2 = Vec2::new(0.26, 0.13);
const DISPLAY_LINE_PX: f32 = 42.0;
/// The instruments' name plates, above their displays.
const NAME_PLATE_HEIGHT: f32 = 0.07;

pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let palette = kit.palette.clone();
    let (panel, top, _) =
        review_desk(kit, station.id, station.position, OUTWARD, station.idle_screen, "sign-qc-release");
    kit.world.entity_mut(panel).insert(StationScreen { station });
    kit.block(
        "QC certificates folder",
        Vec3::new(0.24, 0.04, 0.3),
        top + Vec3::new(0.05, 0.02, 0.5),
        &palette.marking_green,
    );
    bench(kit);
}

/// The laboratory bench, west to east: the receipt rack, the cell counter, the culture bottles
/// and their incubator, the PCR cycler and the LAL reader.
fn bench(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let top = BENCH + Vec3::Y * BENCH_TOP;
    kit.block(
        "QC laboratory bench top",
        Vec3::new(BENCH_LENGTH, 0.04, BENCH_DEPTH),
        top - Vec3::Y * 0.02,
        &palette.plastic_white,
    );
    kit.block(
        "QC laboratory bench cabinet",
        Vec3::new(BENCH_LENGTH, BENCH_TOP - 0.1, BENCH_DEPTH - 0.05),
        BENCH + Vec3::new(0.0, (BENCH_TOP - 0.1) / 2.0 + 0.06, 0.02),
        &palette.plastic_grey,
    );
    kit.label(
        "Label: QC laboratory",
        "QC LABORATORY · PRODUCT TESTING",
        "QC 시험실 · 제품 시험",
        0.9,
        0.12,
        BENCH + Vec3::new(0.0, 1.55, BENCH_DEPTH / 2.0 - 0.01),
        BENCH_FACING,
    );
    let along = |x: f32| top + Vec3::new(x, 0.0, 0.0);
    receipt_rack(kit, along(-1.15));
    culture_bottles(kit, along(-0.15));
    for instrument in &INSTRUMENTS {
        build_instrument(kit, instrument, along(instrument.along));
    }
    // On the incubator's front, under its display.
    let incubator = &INSTRUMENTS[1];
    read_button(kit, along(incubator.along) + Vec3::new(0.0, 0.022, -incubator.size.z / 2.0 - 0.001));
}

/// Where the samples from the processing room's pass box arrive: one place per sample.
fn receipt_rack(kit: &mut Kit, at: Vec3) {
    let palette = kit.palette.clone();
    kit.block("QC receipt rack", Vec3::new(0.3, 0.03, 0.1), at + Vec3::Y * 0.015, &palette.accent_blue);
    kit.label(
        "Label: QC receipt rack",
        "SAMPLES RECEIVED",
        "접수된 샘플",
        0.28,
        0.05,
        at + Vec3::new(0.0, 0.016, -0.051),
        BENCH_FACING,
    );
    for (index, test) in Test::ALL.iter().enumerate() {
        socket(
            kit,
            &format!("QC receipt place {index}"),
            RECEIPT,
            vec![Accepts::Item(test.sample().into())],
            at + Vec3::new(-0.105 + 0.07 * index as f32, 0.06, 0.0),
            Vec3::new(0.05, 0.09, 0.05),
            Transform::default(),
        );
    }
}

/// One instrument on the bench: a body, its label, the display its model writes, and, for one
/// that takes a sample, the slot on its top; `along` is its place along the bench from its centre.
#[derive(Clone, Copy)]
struct Instrument {
    name: &'static str,
    label: (&'static str, &'static str),
    along: f32,
    size: Vec3,
    display: &'static str,
    slot: Option<Test>,
}

/// The instruments, from the receipt rack's end: the counter, the incubator (beside the culture
/// bottles), the PCR cycler and the LAL reader.
const INSTRUMENTS: [Instrument; 4] = [
    Instrument {
        name: "Cell counter",
        label: ("CELL COUNTER", "세포 계수기"),
        along: -0.62,
        size: Vec3::new(0.3, 0.28, 0.3),
        display: CELL_COUNTER_DISPLAY,
        slot: Some(Test::CountAndViability),
    },
    Instrument {
        name: "Culture incubator",
        label: ("CULTURE INCUBATOR · 7 d", "배양기 · 7일"),
        along: 0.3,
        size: Vec3::new(0.34, 0.36, 0.34),
        display: INCUBATOR_DISPLAY,
        slot: None,
    },
    Instrument {
        name: "PCR cycler",
        label: ("MYCOPLASMA PCR", "마이코플라스마 PCR"),
        along: 0.76,
        size: Vec3::new(0.3, 0.26, 0.32),
        display: PCR_DISPLAY,
        slot: Some(Test::Mycoplasma),
    },
    Instrument {
        name: "LAL reader",
        label: ("ENDOTOXIN LAL", "엔도톡신 LAL"),
        along: 1.18,
        size: Vec3::new(0.3, 0.26, 0.3),
        display: LAL_DISPLAY,
        slot: Some(Test::Endotoxin),
    },
];

fn build_instrument(kit: &mut Kit, instrument: &Instrument, at: Vec3) {
    let palette = kit.palette.clone();
    let Instrument { name, label, size, display, slot, .. } = *instrument;
    let centre = at + Vec3::Y * size.y / 2.0;
    let front = -size.z / 2.0 - 0.002;
    kit.block(name, size, centre, &palette.plastic_white);
    kit.label(
        &format!("Label: {name}"),
        label.0,
        label.1,
        size.x - 0.02,
        NAME_PLATE_HEIGHT,
        centre + Vec3::new(0.0, size.y / 2.0 - NAME_PLATE_HEIGHT / 2.0 - 0.01, front),
        BENCH_FACING,
    );
    // The display below the name plate, at the same height on every instrument.
    let display_centre = at + Vec3::new(0.0, 0.045 + DISPLAY_SIZE.y / 2.0, front - 0.001);
    let screen = model_text(
        kit,
        &format!("{name} display"),
        display,
        display_centre,
        DISPLAY_SIZE,
        BENCH_FACING,
        DISPLAY_COLOURS,
        DISPLAY_LINE_PX,
    );
    kit.world.entity_mut(screen).insert(Usable { label_key: "item-qc-instrument-display" });
    if let Some(test) = slot {
        socket(
            kit,
            &format!("{name} slot"),
            test.instrument(),
            vec![Accepts::Item(test.sample().into())],
            at + Vec3::new(0.0, size.y + 0.04, 0.02),
            Vec3::new(0.1, 0.08, 0.1),
            Transform::default(),
        );
    }
}

/// The aerobic and anaerobic culture bottles in their stand: the sterility sample put to them
/// inoculates both.
fn culture_bottles(kit: &mut Kit, at: Vec3) {
    let palette = kit.palette.clone();
    kit.block("Culture bottle stand", Vec3::new(0.22, 0.02, 0.12), at + Vec3::Y * 0.01, &palette.steel);
    for (index, (name, cap, english, korean)) in [
        ("aerobic", palette.accent_blue.clone(), "AEROBIC", "호기성"),
        ("anaerobic", palette.marking_red.clone(), "ANAEROBIC", "혐기성"),
    ]
    .into_iter()
    .enumerate()
    {
        let x = -0.05 + 0.1 * index as f32;
        kit.cylinder(
            &format!("Culture bottle: {name}"),
            0.03,
            0.13,
            Transform::from_translation(at + Vec3::new(x, 0.085, 0.0)),
            &palette.glass,
        );
        kit.cylinder(
            &format!("Culture bottle cap: {name}"),
            0.018,
            0.02,
            Transform::from_translation(at + Vec3::new(x, 0.16, 0.0)),
            &cap,
        );
        kit.label(
            &format!("Label: culture bottle {name}"),
            english,
            korean,
            0.07,
            0.025,
            at + Vec3::new(x, 0.08, -0.032),
            BENCH_FACING,
        );
    }
    socket(
        kit,
        "Culture bottles slot",
        CULTURE_BOTTLES,
        vec![Accepts::Item(Test::Sterility.sample().into())],
        at + Vec3::Y * 0.22,
        Vec3::new(0.2, 0.08, 0.1),
        Transform::default(),
    );
}

/// The incubator's button that reads the bottles once their incubation is over (compressed).
fn read_button(kit: &mut Kit, centre: Vec3) {
    let palette = kit.palette.clone();
    let button = kit.block("Incubator read button", Vec3::new(0.06, 0.04, 0.015), centre, &palette.accent_blue);
    kit.world.entity_mut(button).insert((
        Control,
        LevelId::new(INCUBATOR_READ),
        Collider::cuboid(0.03, 0.02, 0.0075),
        Usable { label_key: "item-qc-incubator-read" },
    ));
}
