//! The fill-and-finish unit in the world, with what its procedure handles: the steel bench with
//! the unit, its cooling plate under a lid and the set mount; the hanger with the incoming cell
//! bag, the cryoprotectant and the final bags that fill as the model says; the set's lines and
//! the cryoprotectant clamp; the sampling port and the QC and retention tubes; the heat sealer,
//! the label printer and the overwrap sealer; the batch record on its stand; the touchscreen;
//! the tray where a product from another station is handed on; and the controlled-rate freezer.

use bevy::prelude::*;
use bevy_rapier3d::prelude::Collider;
use cleanroom_core::stations::fill_finish::ids::*;
use cleanroom_core::stations::fill_finish::station::{
    BAG_LABEL_TEXTS, BATCH_RECORD_SHEET, CRYOPROTECTANT_LABEL, INCOMING_TAG,
};

use crate::actions::LevelId;
use crate::cleanroom::equipment::{item, sample_rack, socket, station_area, takes_item, touchscreen_facing, tube};
use crate::cleanroom::kit::Kit;
use crate::interaction::items::{Clamp, HeatSealer, Item, TakesAway, TubeEnd};
use crate::interaction::semantic::{Control, Inspectable};
use crate::interaction::{Accepts, Usable};
use crate::stations::station::{ModelLevel, ModelPart, StationDef, StationScreen, model_text};

/// The bench top, above the floor.
const TABLE_TOP: f32 = 0.9;

/// Builds the fill-and-finish station at `station.position`.
pub fn build(kit: &mut Kit, station: &'static StationDef) {
    let origin = station.position;
    station_area(kit, "Fill-finish", "sign-fill-finish", origin);
    bench(kit, origin);
    let unit = origin + Vec3::new(-0.2, TABLE_TOP + 0.14, -0.1);
    unit_body(kit, unit);
    let frame = origin + Vec3::new(-0.15, TABLE_TOP, -0.3);
    let bag_tops = hanger(kit, frame);
    set_lines(kit, unit, &bag_tops);
    tools(kit, origin + Vec3::Y * TABLE_TOP);
    hand_off_tray(kit, station, origin + Vec3::new(0.55, TABLE_TOP + 0.01, 0.24));
    let (title, detail) = station.idle_screen;
    let screen = touchscreen_facing(
        kit,
        station.id,
        origin + Vec3::new(0.42, TABLE_TOP + 0.62, -0.15),
        Vec2::new(0.56, 0.42),
        // Turned a little towards the operator in front of the unit.
        Vec3::new(-0.25, 0.0, 1.0).normalize(),
        (title, detail),
    );
    kit.world.entity_mut(screen).insert(StationScreen { station });
    freezer(kit, origin + Vec3::new(1.25, 0.0, 0.05));
}

fn bench(kit: &mut Kit, origin: Vec3) {
    let palette = kit.palette.clone();
    kit.block(
        "Fill-finish bench top",
        Vec3::new(1.4, 0.04, 0.75),
        origin + Vec3::Y * (TABLE_TOP - 0.02),
        &palette.steel,
    );
    for (i, (dx, dz)) in [(-0.65f32, -0.32f32), (0.65, -0.32), (-0.65, 0.32), (0.65, 0.32)].into_iter().enumerate() {
        kit.block(
            &format!("Fill-finish bench leg {i}"),
            Vec3::new(0.04, TABLE_TOP - 0.04, 0.04),
            origin + Vec3::new(dx, (TABLE_TOP - 0.04) / 2.0, dz),
            &palette.steel,
        );
    }
    kit.trim("Fill-finish bench shelf", Vec3::new(1.35, 0.02, 0.7), origin + Vec3::Y * 0.2, &palette.steel);
}

/// The unit: its body, the cooling plate under a clear lid hinged at the back, the set mount
/// beside the plate and the sampling port on the front.
fn unit_body(kit: &mut Kit, unit: Vec3) {
    let palette = kit.palette.clone();
    let root = kit.block("Fill-finish unit", Vec3::new(0.7, 0.28, 0.45), unit, &palette.plastic_white);
    kit.world.entity_mut(root).insert(LevelId::new(STATION_ID));
    kit.trim("Fill-finish unit stripe", Vec3::new(0.71, 0.04, 0.46), unit - Vec3::Y * 0.1, &palette.accent_blue);
    let plate = unit + Vec3::new(-0.12, 0.15, 0.02);
    kit.trim("Cooling plate", Vec3::new(0.36, 0.02, 0.3), plate, &palette.cooling_plate);
    kit.label(
        "Label: cooling plate",
        "COOLING PLATE 2–8 °C",
        "냉각 플레이트 2–8 °C",
        0.22,
        0.05,
        unit + Vec3::new(-0.12, 0.06, 0.226),
        Vec3::Z,
    );
    // The lid: shut over the plate, or swung up on its back hinge.
    let hinge = plate + Vec3::new(0.0, 0.02, -0.15);
    let shut = Transform::from_translation(hinge + Vec3::new(0.0, 0.04, 0.15));
    let turn = Quat::from_rotation_x(-1.4);
    let open = Transform::from_translation(hinge + turn * Vec3::new(0.0, 0.04, 0.15)).with_rotation(turn);
    let lid = kit.part("Cooling plate lid", Cuboid::new(0.38, 0.08, 0.31), shut, &palette.glass);
    kit.world.entity_mut(lid).insert((
        Control,
        LevelId::new(LID),
        Collider::cuboid(0.19, 0.04, 0.155),
        Usable { label_key: "item-plate-lid" },
        ModelPart { part: LID, on: open, off: shut },
    ));
    // The set mounts on the right of the plate.
    let mount = unit + Vec3::new(0.23, 0.16, 0.02);
    kit.trim(
        "Fill-and-finish set mount plate",
        Vec3::new(0.2, 0.01, 0.3),
        mount - Vec3::Y * 0.01,
        &palette.plastic_grey,
    );
    kit.label("Label: set mount", "SET", "세트", 0.1, 0.04, unit + Vec3::new(0.23, 0.06, 0.226), Vec3::Z);
    socket(
        kit,
        "Set mount socket",
        SET_MOUNT,
        takes_item(SET),
        mount + Vec3::Y * 0.04,
        Vec3::new(0.2, 0.08, 0.3),
        Transform::default(),
    );
    // The sampling port: a filled tube goes from it to QC or the retention store.
    let port = unit + Vec3::new(0.23, -0.02, 0.235);
    kit.trim("Sampling port", Vec3::new(0.05, 0.05, 0.02), port, &palette.accent_blue);
    kit.label("Label: sampling port", "SAMPLE", "샘플", 0.1, 0.035, port + Vec3::new(0.0, 0.05, 0.0), Vec3::Z);
    let accepts = [QC_TUBE, RETENTION_TUBE].into_iter().map(|id| Accepts::Item(id.into())).collect();
    let site = socket(
        kit,
        "Sampling port socket",
        SAMPLE_PORT,
        accepts,
        port + Vec3::Z * 0.04,
        Vec3::new(0.1, 0.1, 0.08),
        Transform::default(),
    );
    kit.world.entity_mut(site).insert(TakesAway);
}

/// The hanger behind the unit: the incoming cell bag with its tag, the cryoprotectant, and the
/// manifold of final bags, each bag filling as the model says, with its tube (sealed with the
/// heat sealer) and its label (pressing the bag applies it). Returns where the cell bag, the
/// cryoprotectant and the manifold hang from.
fn hanger(kit: &mut Kit, frame: Vec3) -> [Vec3; 3] {
    let palette = kit.palette.clone();
    for (i, dx) in [-0.45f32, 0.45].into_iter().enumerate() {
        kit.cylinder(
            &format!("Hanger upright {i}"),
            0.012,
            1.0,
            Transform::from_translation(frame + Vec3::new(dx, 0.5, 0.0)),
            &palette.steel,
        );
    }
    let bar = frame + Vec3::Y * 1.0;
    kit.trim("Hanger bar", Vec3::new(0.94, 0.02, 0.02), bar, &palette.steel);
    let tops = [bar + Vec3::new(-0.34, 0.0, 0.03), bar + Vec3::new(-0.17, 0.0, 0.03), bar + Vec3::new(0.13, 0.0, 0.03)];
    // The incoming cells, with the tag the model writes (its DIN).
    let cell_bag = fixed_bag(kit, CELL_BAG, "item-ff-cell-bag", tops[0], Vec2::new(0.13, 0.2), &palette.cells);
    // The bag is there only for a batch made from it (the model says): hidden otherwise.
    let shown = kit.world.get::<Transform>(cell_bag).copied().unwrap_or_default();
    let hidden = shown.with_scale(Vec3::splat(0.001));
    kit.world.entity_mut(cell_bag).insert(ModelPart { part: CELL_BAG, on: shown, off: hidden });
    let tag = model_text(
        kit,
        "Incoming bag tag",
        INCOMING_TAG,
        Vec3::ZERO,
        Vec2::new(0.15, 0.08),
        Vec3::Z,
        ([255, 255, 255, 255], [20, 20, 30, 255]),
        24.0,
    );
    kit.world.entity_mut(tag).insert((
        ChildOf(cell_bag),
        Transform::from_xyz(0.0, -0.01, 0.03),
        Inspectable,
        Collider::cuboid(0.075, 0.04, 0.004),
        Usable { label_key: "item-ff-cell-tag" },
    ));
    fixed_bag(kit, CRYO_BAG, "item-ff-cryo-bag", tops[1], Vec2::new(0.1, 0.16), &palette.saline);
    // Its label says the DMSO the level's cryoprotectant holds (the model writes it).
    model_text(
        kit,
        "Cryoprotectant label",
        CRYOPROTECTANT_LABEL,
        tops[1] + Vec3::new(0.0, -0.1, 0.02),
        Vec2::new(0.09, 0.05),
        Vec3::Z,
        ([255, 255, 255, 255], [20, 20, 30, 255]),
        16.0,
    );
    // The final-bag manifold: a bar the bags hang from, welded to the set as one.
    let manifold =
        kit.block("Final bag manifold", Vec3::new(0.4, 0.025, 0.03), tops[2] - Vec3::Y * 0.03, &palette.tubing);
    kit.world.entity_mut(manifold).insert((Item, LevelId::new(FINAL_BAGS), Usable { label_key: "item-ff-manifold" }));
    kit.label("Label: final bags", "FINAL BAGS", "최종 백", 0.16, 0.03, tops[2] + Vec3::new(0.0, 0.025, 0.02), Vec3::Z);
    for index in 0..MAX_BAGS {
        final_bag(kit, index, tops[2] + Vec3::new(-0.15 + 0.1 * index as f32, -0.05, 0.0));
    }
    tops
}

/// A bag on the hanger that a line is welded to: an item that stays where it hangs.
fn fixed_bag(
    kit: &mut Kit,
    id: &str,
    label_key: &'static str,
    top: Vec3,
    size: Vec2,
    material: &Handle<StandardMaterial>,
) -> Entity {
    let palette = kit.palette.clone();
    let centre = top - Vec3::Y * (size.y / 2.0 + 0.03);
    let bag = kit.block(&format!("Bag: {id}"), Vec3::new(size.x, size.y, 0.035), centre, material);
    kit.world.entity_mut(bag).insert((Item, LevelId::new(id), Usable { label_key }));
    kit.trim(&format!("Bag hanger: {id}"), Vec3::new(0.02, 0.04, 0.01), top - Vec3::Y * 0.015, &palette.plastic_white);
    bag
}

/// One final bag under the manifold: flat while empty and plump when full, with its tube end
/// below (sealed, then inspected) and its label, shown once applied.
fn final_bag(kit: &mut Kit, index: usize, top: Vec3) {
    let palette = kit.palette.clone();
    let (width, height) = (0.085, 0.13);
    let centre = top - Vec3::Y * (height / 2.0);
    let full = Transform::from_translation(centre);
    let empty = Transform::from_translation(centre).with_scale(Vec3::new(1.0, 1.0, 0.15));
    let bag = kit.part(&format!("Final bag {}", index + 1), Cuboid::new(width, height, 0.03), empty, &palette.cells);
    kit.world.entity_mut(bag).insert((
        Control,
        LevelId::new(BAG_LABELS[index]),
        Collider::cuboid(width / 2.0, height / 2.0, 0.02),
        Usable { label_key: "item-ff-final-bag" },
        ModelLevel { vessel: BAG_FILLS[index], empty, full },
    ));
    // The label: on the bag's front once applied, hidden inside it before.
    let shown = Transform::from_xyz(0.0, 0.0, 0.0165);
    let hidden = Transform::from_xyz(0.0, 0.0, 0.0).with_scale(Vec3::splat(0.001));
    let label = model_text(
        kit,
        &format!("Final bag {} label", index + 1),
        BAG_LABEL_TEXTS[index],
        Vec3::ZERO,
        Vec2::new(0.08, 0.11),
        Vec3::Z,
        ([255, 255, 255, 255], [15, 15, 25, 255]),
        17.0,
    );
    kit.world.entity_mut(label).insert((
        ChildOf(bag),
        hidden,
        ModelPart { part: BAG_LABELS[index], on: shown, off: hidden },
    ));
    // The bag's tube, hanging below: the heat sealer seals it; then using it inspects the seal.
    let end = centre - Vec3::Y * (height / 2.0 + 0.05);
    tube(kit, &format!("Final bag {} tubing", index + 1), centre - Vec3::Y * (height / 2.0), end + Vec3::Y * 0.02);
    let tube_end =
        kit.block(&format!("Tube end: {}", BAG_TUBES[index]), Vec3::new(0.02, 0.04, 0.02), end, &palette.tubing);
    kit.world.entity_mut(tube_end).insert((
        TubeEnd::default(),
        LevelId::new(BAG_TUBES[index]),
        Usable { label_key: "item-ff-bag-tube" },
    ));
}

/// The set's three lines from the unit to the bags, each with its free end for welding, and the
/// cryoprotectant line's clamp.
fn set_lines(kit: &mut Kit, unit: Vec3, tops: &[Vec3; 3]) {
    let palette = kit.palette.clone();
    let lines = [(CELL_LINE, "item-ff-cell-line"), (CRYO_LINE, "item-ff-cryo-line"), (BAGS_LINE, "item-ff-bags-line")];
    for (index, (line, label_key)) in lines.into_iter().enumerate() {
        let end = unit + Vec3::new(-0.3 + 0.22 * index as f32, 0.2, 0.2);
        let entity = kit.block(&format!("Tube end: {line}"), Vec3::new(0.025, 0.06, 0.025), end, &palette.tubing);
        kit.world.entity_mut(entity).insert((TubeEnd::default(), LevelId::new(line), Usable { label_key }));
        tube(kit, &format!("Set line: {line}"), end + Vec3::Y * 0.03, tops[index] - Vec3::Y * 0.2);
        if line == CRYO_LINE {
            let at = end + Vec3::new(0.045, 0.0, 0.0);
            let clamp =
                kit.block("Clamp: fill_finish_cryo_clamp", Vec3::new(0.04, 0.025, 0.035), at, &palette.marking_red);
            kit.world.entity_mut(clamp).insert((
                Clamp { open: false },
                LevelId::new(CRYO_CLAMP),
                Usable { label_key: "item-ff-cryo-clamp" },
            ));
        }
    }
}

/// Along the bench's front, left to right: the batch record on its stand, the single-use set,
/// the heat sealer, the overwrap sealer with its pouch, the label printer and the sample tubes.
fn tools(kit: &mut Kit, top: Vec3) {
    let palette = kit.palette.clone();
    let set = kit.block(
        "Fill-finish set",
        Vec3::new(0.18, 0.05, 0.22),
        top + Vec3::new(-0.38, 0.025, 0.2),
        &palette.plastic_white,
    );
    kit.world.entity_mut(set).insert(item(SET, "item-ff-set"));
    let stripe = kit.trim(
        "Fill-finish set stripe",
        Vec3::new(0.19, 0.012, 0.23),
        Vec3::new(0.0, 0.015, 0.0),
        &palette.marking_green,
    );
    kit.world.entity_mut(stripe).insert(ChildOf(set));
    let sealer = kit.block(
        "Fill-finish heat sealer",
        Vec3::new(0.12, 0.08, 0.1),
        top + Vec3::new(-0.17, 0.04, 0.27),
        &palette.plastic_grey,
    );
    kit.world.entity_mut(sealer).insert((HeatSealer, Usable { label_key: "item-sealer" }));
    kit.label("Label: heat sealer", "SEALER", "열 밀봉기", 0.1, 0.03, top + Vec3::new(-0.17, 0.05, 0.321), Vec3::Z);
    let printer = kit.block(
        "Label printer",
        Vec3::new(0.14, 0.1, 0.12),
        top + Vec3::new(0.25, 0.05, 0.24),
        &palette.plastic_dark,
    );
    kit.world.entity_mut(printer).insert((
        Control,
        LevelId::new(LABEL_PRINTER),
        Usable { label_key: "item-ff-label-printer" },
    ));
    kit.label("Label: label printer", "LABELS", "라벨", 0.12, 0.035, top + Vec3::new(0.25, 0.06, 0.301), Vec3::Z);
    let wrapper = kit.block(
        "Overwrap sealer",
        Vec3::new(0.26, 0.04, 0.12),
        top + Vec3::new(0.04, 0.02, 0.27),
        &palette.plastic_grey,
    );
    kit.world.entity_mut(wrapper).insert((Control, LevelId::new(OVERWRAP), Usable { label_key: "item-ff-overwrap" }));
    kit.label("Label: overwrap", "OVERWRAP", "외포장", 0.16, 0.03, top + Vec3::new(0.04, 0.03, 0.331), Vec3::Z);
    // The overwrap pouch over the bags once they are wrapped.
    let pouch_at = top + Vec3::new(-0.02, 0.9, -0.27);
    let wrapped = Transform::from_translation(pouch_at);
    let stowed = Transform::from_translation(pouch_at).with_scale(Vec3::splat(0.001));
    let pouch = kit.part("Overwrap pouch", Cuboid::new(0.44, 0.2, 0.06), stowed, &palette.glass);
    kit.world.entity_mut(pouch).insert(ModelPart { part: OVERWRAP, on: wrapped, off: stowed });
    sample_rack(
        kit,
        "Fill-finish sample rack",
        ("QC · RETENTION", "QC · 보관"),
        top + Vec3::new(0.38, 0.0, 0.05),
        &[(QC_TUBE, "QC", "QC", "item-ff-qc-tube"), (RETENTION_TUBE, "KEEP", "보관", "item-ff-retention-tube")],
    );
    // The batch record's page for this step, on a stand at the bench's left.
    let sheet = model_text(
        kit,
        "Fill-finish batch record",
        BATCH_RECORD_SHEET,
        top + Vec3::new(-0.6, 0.32, 0.22),
        Vec2::new(0.26, 0.22),
        Vec3::new(0.45, 0.3, 1.0).normalize(),
        ([252, 252, 250, 255], [20, 20, 30, 255]),
        26.0,
    );
    kit.world.entity_mut(sheet).insert((
        Inspectable,
        Collider::cuboid(0.13, 0.11, 0.004),
        Usable { label_key: "item-ff-batch-record" },
    ));
    kit.cylinder(
        "Batch record stand",
        0.01,
        0.2,
        Transform::from_translation(top + Vec3::new(-0.6, 0.1, 0.2)),
        &palette.steel,
    );
}

/// Where a product from another station is handed on, on the bench's right.
fn hand_off_tray(kit: &mut Kit, station: &'static StationDef, tray: Vec3) {
    let palette = kit.palette.clone();
    kit.trim("Product hand-off tray", Vec3::new(0.24, 0.02, 0.2), tray, &palette.accent_blue);
    kit.label(
        "Label: product hand-off",
        "INCOMING PRODUCT",
        "입고 산물",
        0.2,
        0.04,
        tray + Vec3::new(0.0, 0.012, 0.101),
        Vec3::Z,
    );
    socket(
        kit,
        "Product hand-off socket",
        station.id,
        takes_item(cleanroom_core::stations::apheresis::ids::PRODUCT_BAG),
        tray + Vec3::Y * 0.1,
        Vec3::new(0.24, 0.18, 0.2),
        Transform::default(),
    );
}

/// The controlled-rate freezer on the floor beside the bench: pressing its door loads the
/// overwrapped bags and starts the profile.
fn freezer(kit: &mut Kit, at: Vec3) {
    let palette = kit.palette.clone();
    kit.block("Controlled-rate freezer", Vec3::new(0.6, 0.95, 0.6), at + Vec3::Y * 0.475, &palette.plastic_white);
    kit.trim("Freezer stripe", Vec3::new(0.61, 0.05, 0.61), at + Vec3::Y * 0.1, &palette.accent_blue);
    kit.label(
        "Label: controlled-rate freezer",
        "CONTROLLED-RATE FREEZER",
        "속도 조절 동결기",
        0.5,
        0.08,
        at + Vec3::new(0.0, 0.8, 0.301),
        Vec3::Z,
    );
    let door =
        kit.block("Freezer door", Vec3::new(0.5, 0.03, 0.5), at + Vec3::new(0.0, 0.965, 0.0), &palette.dark_steel);
    kit.world.entity_mut(door).insert((Control, LevelId::new(FREEZER), Usable { label_key: "item-ff-freezer" }));
    kit.label("Label: freezer door", "LOAD BAGS", "백 넣기", 0.24, 0.06, at + Vec3::new(0.0, 0.982, 0.1), Vec3::Y);
}
