//! The work bench beside the bioreactor and what stands around it: the single-use set, the
//! bags (with the decoys the label checks must catch), sampling, the metabolite analyser, the
//! previous batch's record and its return tray, the waste bin, the heat sealer, the tube welder
//! and the electronic batch record terminal on the wall.

use bevy::prelude::*;
use bevy_rapier3d::prelude::{Collider, RigidBody};

use crate::actions::LevelId;
use crate::cleanroom::equipment::{
    Receptacle, RecordTerminal, find_named, item, loose_bag, receptacle, sample_rack, socket, takes_item, waste_bin,
};
use crate::cleanroom::kit::Kit;
use crate::cleanroom::signs::{SignLine, SignSpec};
use crate::interaction::items::{Analyser, Delivers, HeatSealer, Refill, TakesAway};
use crate::interaction::semantic::Inspectable;
use crate::interaction::touchscreen::ScreenButtons;
use crate::interaction::{Accepts, Socket, Usable};

/// The work bench beside the bioreactor with what the set-up procedure needs: the single-use
/// set, the media, reagent and waste bags, the previous batch's record (line clearance), the
/// document return tray, a tube welder and the electronic batch record terminal.
pub fn build(kit: &mut Kit) {
    let palette = kit.palette.clone();
    let top = 0.9;
    let centre = Vec3::new(-6.55, 0.0, -7.35);
    let bench = kit.block("Work bench", Vec3::new(1.6, 0.04, 0.7), centre + Vec3::Y * (top - 0.02), &palette.steel);
    kit.world.entity_mut(bench).insert((
        Inspectable,
        LevelId::new("work_bench"),
        Usable { label_key: "item-work-bench" },
    ));
    for (index, (dx, dz)) in [(-0.75f32, -0.3f32), (0.75, -0.3), (-0.75, 0.3), (0.75, 0.3)].into_iter().enumerate() {
        kit.block(
            &format!("Work bench leg {index}"),
            Vec3::new(0.04, top - 0.04, 0.04),
            centre + Vec3::new(dx, (top - 0.04) / 2.0, dz),
            &palette.steel,
        );
    }
    let set = kit.block(
        "Single-use set",
        Vec3::new(0.3, 0.1, 0.22),
        centre + Vec3::new(-0.55, top + 0.05, 0.05),
        &palette.plastic_white,
    );
    kit.world.entity_mut(set).insert(item("bioreactor_set", "item-set"));
    let stripe =
        kit.trim("Single-use set stripe", Vec3::new(0.31, 0.02, 0.23), Vec3::new(0.0, 0.03, 0.0), &palette.accent_blue);
    kit.world.entity_mut(stripe).insert(ChildOf(set));
    // The bags on the bench: front row for set-up, back row for later and the decoys the label
    // checks must catch (another batch's media, another donor's cells). Offsets are from the
    // bench centre along x and z.
    let bags: [(&str, &str, &str, Vec2, Vec2, &Handle<StandardMaterial>); 8] = [
        ("media_bag", "MEDIA", "배지", Vec2::new(-0.2, 0.05), Vec2::new(0.2, 0.3), &palette.media),
        ("reagent_bag", "REAGENT", "시약", Vec2::new(0.05, 0.05), Vec2::new(0.14, 0.2), &palette.reagent),
        ("waste_bag", "WASTE", "폐액", Vec2::new(0.27, 0.05), Vec2::new(0.2, 0.3), &palette.waste),
        (
            "media_bag_other_batch",
            "MEDIA · BATCH 24-117",
            "배지 · 배치 24-117",
            Vec2::new(-0.65, -0.22),
            Vec2::new(0.2, 0.3),
            &palette.media,
        ),
        (
            "cell_bag",
            "CELLS · BATCH 25-031",
            "세포 · 배치 25-031",
            Vec2::new(0.05, -0.22),
            Vec2::new(0.12, 0.16),
            &palette.cells,
        ),
        (
            "cell_bag_other_batch",
            "CELLS · BATCH 24-117",
            "세포 · 배치 24-117",
            // Beside the front row, not behind it: line clearance finds it from the bench.
            Vec2::new(0.4, -0.22),
            Vec2::new(0.12, 0.16),
            &palette.cells,
        ),
        // The enzyme (trypsin-type) bag and the harvest bag, for the end of the run.
        ("enzyme_bag", "ENZYME", "효소", Vec2::new(0.22, -0.22), Vec2::new(0.12, 0.16), &palette.reagent),
        ("harvest_bag", "HARVEST", "수확", Vec2::new(0.58, -0.22), Vec2::new(0.14, 0.2), &palette.tubing),
    ];
    for (id, english, korean, offset, size, material) in bags {
        loose_bag(kit, id, english, korean, centre + Vec3::new(offset.x, top + 0.02, offset.y), size, material);
    }
    let harvest_slot = Vec3::new(0.0, 0.0, 0.03);
    let harvest = find_named(kit, "Bag: harvest_bag");
    if let Some(harvest) = harvest {
        kit.world
            .entity_mut(harvest)
            .insert(Socket::new(takes_item("harvest_bag_label"), Transform::from_translation(harvest_slot)));
    }
    let label = kit.block(
        "Harvest bag label",
        Vec3::new(0.08, 0.005, 0.05),
        centre + Vec3::new(0.72, top + 0.003, 0.25),
        &palette.pack,
    );
    kit.world.entity_mut(label).insert(item("harvest_bag_label", "item-label"));
    qc_sampling(kit, centre, top, harvest);
    // Sampling: a rack with a sample tube, a sheet of labels, and the metabolite analyser.
    let tube_home = Transform::from_translation(centre + Vec3::new(0.35, top + 0.05, 0.22));
    let tube = kit.part("Sample tube", Cylinder::new(0.012, 0.09), tube_home, &palette.tubing);
    kit.world.entity_mut(tube).insert((
        item("sample_tube", "item-sample-tube"),
        Socket::new(takes_item("sample_label"), Transform::default()),
        Refill { home: tube_home },
        RigidBody::Fixed,
        Collider::cylinder(0.045, 0.02),
    ));
    kit.block(
        "Sample tube rack",
        Vec3::new(0.1, 0.02, 0.06),
        centre + Vec3::new(0.35, top + 0.01, 0.22),
        &palette.accent_blue,
    );
    let label_home = Transform::from_translation(centre + Vec3::new(0.2, top + 0.003, 0.25));
    let sample_label = kit.part("Sample label", Cuboid::new(0.05, 0.005, 0.03), label_home, &palette.pack);
    kit.world.entity_mut(sample_label).insert((
        item("sample_label", "item-label"),
        Refill { home: label_home },
        RigidBody::Fixed,
        Collider::cuboid(0.025, 0.005, 0.015),
    ));
    let analyser_centre = centre + Vec3::new(0.05, top + 0.08, 0.2);
    kit.block(
        "Metabolite analyser body",
        Vec3::new(0.2, 0.16, 0.16),
        analyser_centre - Vec3::X * 0.05,
        &palette.plastic_grey,
    );
    kit.label(
        "Label: metabolite analyser",
        "GLUCOSE · LACTATE",
        "포도당 · 젖산",
        0.16,
        0.05,
        analyser_centre + Vec3::new(-0.05, 0.03, 0.081),
        Vec3::Z,
    );
    let analyser = socket(
        kit,
        "Metabolite analyser",
        "metabolite_analyser",
        takes_item("sample_tube"),
        analyser_centre + Vec3::new(0.1, 0.0, 0.0),
        Vec3::new(0.06, 0.16, 0.1),
        Transform::default(),
    );
    kit.world.entity_mut(analyser).insert(Analyser);
    // A place on the bench for the harvest bag once it is separated.
    socket(
        kit,
        "Work bench socket",
        "work_bench",
        takes_item("harvest_bag"),
        centre + Vec3::new(-0.3, top + 0.12, 0.25),
        Vec3::new(0.3, 0.22, 0.15),
        Transform::default(),
    );
    line_clearance_checks(kit, centre, top);
    let record = kit.block(
        "Previous batch record",
        Vec3::new(0.22, 0.015, 0.3),
        centre + Vec3::new(0.6, top + 0.01, 0.1),
        &palette.pack,
    );
    kit.world.entity_mut(record).insert(item("previous_batch_record", "item-record"));
    let record_label = kit.label(
        "Label: previous batch record",
        "BATCH 24-117",
        "배치 24-117",
        0.18,
        0.08,
        Vec3::new(0.0, 0.009, 0.0),
        Vec3::Y,
    );
    kit.world
        .entity_mut(record_label)
        .insert((ChildOf(record), Transform::from_xyz(0.0, 0.009, 0.0).looking_to(Vec3::NEG_Y, Vec3::NEG_Z)));
    // The previous batch's unused printed labels: a label left in the area could end up on
    // this batch's bag (domain.md §3, §6.3).
    let labels = kit.block(
        "Previous batch labels",
        Vec3::new(0.1, 0.01, 0.07),
        centre + Vec3::new(0.78, top + 0.006, -0.05),
        &palette.plastic_white,
    );
    kit.world.entity_mut(labels).insert(item("previous_batch_labels", "item-previous-labels"));
    let labels_text = kit.label("Label: previous batch labels", "24-117", "라벨", 0.09, 0.06, Vec3::ZERO, Vec3::Y);
    kit.world
        .entity_mut(labels_text)
        .insert((ChildOf(labels), Transform::from_xyz(0.0, 0.006, 0.0).looking_to(Vec3::NEG_Y, Vec3::NEG_Z)));
    // A wall tray where documents leave the room: what goes in is taken out of the area,
    // so it takes every document of a session.
    let tray = Vec3::new(-5.45, 1.15, -7.8);
    let tray = receptacle(
        kit,
        Receptacle {
            name: "Document return tray",
            id: "document_return_tray",
            body: (Vec3::new(0.34, 0.03, 0.2), tray, palette.steel.clone()),
            label: ("DOCUMENT RETURN", "문서 반납", Vec2::new(0.3, 0.08), Vec3::new(0.0, 0.15, -0.09), Vec3::Z),
            accepts: vec![Accepts::Item("previous_batch_record".into()), Accepts::Item("previous_batch_labels".into())],
            opening: (Vec3::Y * 0.08, Vec3::new(0.34, 0.14, 0.22)),
        },
    );
    kit.world.entity_mut(tray).insert(TakesAway);
    // A tote by the bench for material that does not belong to this batch: line clearance
    // moves it out of the area (EU GMP Part I 5.45), it is not left aside on the bench. What
    // goes in is taken out of the area, so it holds every such bag of a session.
    let tote = receptacle(
        kit,
        Receptacle {
            name: "Material return tote",
            id: "material_return_tote",
            body: (Vec3::new(0.36, 0.4, 0.4), Vec3::new(-7.6, 0.2, -6.85), palette.accent_blue.clone()),
            label: ("MATERIAL RETURN", "자재 반출", Vec2::new(0.32, 0.1), Vec3::new(0.181, 0.08, 0.0), Vec3::X),
            accepts: vec![Accepts::Item("media_bag_other_batch".into()), Accepts::Item("cell_bag_other_batch".into())],
            opening: (Vec3::Y * 0.26, Vec3::new(0.36, 0.16, 0.4)),
        },
    );
    kit.world.entity_mut(tote).insert(TakesAway);
    // Waste bin for spent bags (separated at a seal).
    waste_bin(kit, "Waste bin", Vec3::new(-5.35, 0.3, -6.9));
    // Heat sealer: lines are sealed before a bag is separated.
    let sealer = kit.block(
        "Heat sealer",
        Vec3::new(0.18, 0.1, 0.14),
        centre + Vec3::new(0.72, top + 0.05, -0.12),
        &palette.accent_blue,
    );
    kit.world.entity_mut(sealer).insert((HeatSealer, Usable { label_key: "item-sealer" }));
    // Tube welder: the bags' tubes are joined to the set's lines by sterile welding.
    kit.block(
        "Tube welder",
        Vec3::new(0.22, 0.14, 0.18),
        centre + Vec3::new(-0.65, top + 0.07, -0.22),
        &palette.plastic_grey,
    );
    kit.label(
        "Label: tube welder",
        "STERILE TUBE WELDER",
        "무균 접합기",
        0.2,
        0.06,
        centre + Vec3::new(-0.65, top + 0.1, -0.129),
        Vec3::Z,
    );
    // Under the terminal, the batch record's status: issued for this batch, nothing left open.
    let record_status = kit.label(
        "Batch record status label",
        "BATCH 25-031 · RECORD ISSUED · UP TO DATE",
        "배치 25-031 · 제조기록서 발행 · 최신 상태",
        0.5,
        0.06,
        Vec3::new(-6.55, 1.27, -7.885),
        Vec3::Z,
    );
    kit.world.entity_mut(record_status).insert((
        Collider::cuboid(0.25, 0.03, 0.003),
        Inspectable,
        LevelId::new("batch_record_status_label"),
        Usable { label_key: "item-record-status" },
    ));
    // Electronic batch record on the wall above the bench.
    let terminal_centre = Vec3::new(-6.55, 1.55, -7.88);
    kit.trim(
        "Batch record terminal bezel",
        Vec3::new(0.56, 0.42, 0.03),
        terminal_centre - Vec3::Z * 0.02,
        &palette.plastic_dark,
    );
    let spec =
        SignSpec { width_px: 512, height_px: 384, background: [18, 34, 56, 255], stripe: None, lines: Vec::new() };
    let terminal = kit.panel("Batch record terminal", &spec, 0.52, 0.38, terminal_centre, Vec3::Z, true);
    kit.world.entity_mut(terminal).insert((
        RecordTerminal { zone: crate::layout::Zone::ProcessingRoom },
        ScreenButtons { size: Vec2::new(0.52, 0.38), buttons: Vec::new() },
        Collider::cuboid(0.26, 0.19, 0.004),
        Usable { label_key: "item-record-terminal" },
    ));
}

/// Samples for QC (domain.md §4: on the starting material and the final product, §4.9): four
/// labelled containers in a rack, the sampling sites on the cell bag and the harvest bag where
/// they are filled, and the pass box they leave through.
fn qc_sampling(kit: &mut Kit, centre: Vec3, top: f32, harvest: Option<Entity>) {
    let palette = kit.palette.clone();
    let product = [
        ("qc_sample_count", "COUNT", "세포 수", "item-qc-count"),
        ("qc_sample_sterility", "STERILITY", "무균", "item-qc-sterility"),
        ("qc_sample_mycoplasma", "MYCOPLASMA", "마이코", "item-qc-mycoplasma"),
        ("qc_sample_endotoxin", "ENDOTOXIN", "엔도톡신", "item-qc-endotoxin"),
    ];
    let starting = [
        ("starting_sample_count", "COUNT", "세포 수", "item-starting-count"),
        ("starting_sample_sterility", "STERILITY", "무균", "item-starting-sterility"),
    ];
    sample_rack(kit, "QC sample rack", ("QC SAMPLES", "QC 샘플"), centre + Vec3::new(0.55, top, 0.3), &product);
    sample_rack(
        kit,
        "Starting material rack",
        ("STARTING MATERIAL", "출발물질"),
        centre + Vec3::new(0.22, top, 0.31),
        &starting,
    );
    // Each sampling site moves with its bag, hung or on the bench: the harvest bag's for the
    // product, the cell bag's for the starting material.
    let cells = find_named(kit, "Bag: cell_bag");
    for (bag, name, id, side, containers) in [
        (harvest, "Harvest bag sampling site", "harvest_bag_sample_site", 0.11, &product[..]),
        (cells, "Cell bag sampling site", "cell_bag_sample_site", 0.09, &starting[..]),
    ] {
        let Some(bag) = bag else { continue };
        let accepts = containers.iter().map(|(id, ..)| Accepts::Item((*id).into())).collect();
        let site = socket(kit, name, id, accepts, Vec3::ZERO, Vec3::new(0.04, 0.04, 0.04), Transform::default());
        // A port on the bag's side, clear of the bag itself.
        kit.world.entity_mut(site).insert((ChildOf(bag), Transform::from_xyz(side, -0.05, 0.0)));
    }
    let pass_box = receptacle(
        kit,
        Receptacle {
            name: "QC pass box",
            id: "qc_pass_box",
            body: (Vec3::new(0.34, 0.3, 0.3), Vec3::new(-7.45, 1.1, -7.75), palette.steel.clone()),
            label: ("PASS BOX · QC", "패스 박스 · QC", Vec2::new(0.3, 0.08), Vec3::new(0.0, 0.2, 0.151), Vec3::Z),
            accepts: product.iter().chain(&starting).map(|(id, ..)| Accepts::Item((*id).into())).collect(),
            opening: (Vec3::Y * 0.2, Vec3::new(0.34, 0.14, 0.3)),
        },
    );
    // The samples leave for the QC laboratory, whose receipt rack they arrive in.
    kit.world.entity_mut(pass_box).insert(Delivers(cleanroom_core::stations::qc_release::ids::RECEIPT));
}

/// What line clearance also checks (domain.md §3): the bioreactor's equipment logbook on the
/// bench, and the room's monitoring panel on the wall.
fn line_clearance_checks(kit: &mut Kit, centre: Vec3, top: f32) {
    let palette = kit.palette.clone();
    let logbook = kit.block(
        "Equipment logbook",
        Vec3::new(0.18, 0.03, 0.16),
        centre + Vec3::new(-0.65, top + 0.015, 0.27),
        &palette.accent_blue,
    );
    kit.world.entity_mut(logbook).insert(item("bioreactor_logbook", "item-logbook"));
    let cover = kit.label("Label: equipment logbook", "LOGBOOK", "사용 일지", 0.14, 0.05, Vec3::ZERO, Vec3::Y);
    kit.world
        .entity_mut(cover)
        .insert((ChildOf(logbook), Transform::from_xyz(0.0, 0.016, 0.0).looking_to(Vec3::NEG_Y, Vec3::NEG_Z)));
    // Readings are the display of a training room (typical); the limits are Annex 1's for
    // Grade B at rest (domain.md §2.1).
    let ink = [230, 236, 244, 255];
    let line = |text: &str, size_px: f32| SignLine { text: text.to_owned(), size_px, colour: ink };
    let spec = SignSpec {
        width_px: 720,
        height_px: 440,
        background: [18, 34, 56, 255],
        stripe: None,
        lines: vec![
            line("ROOM MONITORING", 36.0),
            line("환경 모니터링", 30.0),
            line("Processing room · Grade B", 28.0),
            line("≥0.5 micron: 1 180/m³ (limit 3 520)", 26.0),
            line("≥5 micron: 0/m³ (limit 29)", 26.0),
            line("Pressure cascade OK · 차압 정상", 26.0),
            line("IN LIMITS · 기준 이내", 32.0),
        ],
    };
    let panel = kit.panel("Room monitoring panel", &spec, 0.54, 0.33, Vec3::new(-7.89, 1.6, -6.3), Vec3::X, true);
    kit.world.entity_mut(panel).insert((
        Inspectable,
        LevelId::new("room_monitoring_panel"),
        Usable { label_key: "item-room-monitor" },
        Collider::cuboid(0.27, 0.165, 0.004),
    ));
}
