#!/usr/bin/env bash
# Renders the documentation screenshots into docs/screenshots/ with the game's capture mode,
# under Xvfb (no display or GPU needed): every named place, the menu and HUD in Korean, the
# interaction demonstrations, a debrief, and — as root, with the Monado chroot — the headset's
# spectator view.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cargo build --quiet --bin cleanroom
binary="$CARGO_TARGET_DIR/debug/cleanroom"
out=docs/screenshots
mkdir -p "$out"
# The game as shipped: none of this machine's own levels or saved settings.
export CLEANROOM_USER_LEVELS="$CARGO_TARGET_DIR/screenshots-no-user-levels" CLEANROOM_SETTINGS="$CARGO_TARGET_DIR/screenshots-settings.ron" \
  CLEANROOM_LOG="$CARGO_TARGET_DIR/screenshots-cleanroom.log"

shoot() {
  local name=$1; shift
  echo "rendering $name"
  timeout 900 xvfb-run -a -s "-screen 0 1600x900x24" "$binary" --desktop --screenshot "$out/$name.png" "$@" \
    > "$CARGO_TARGET_DIR/screenshot-$name.log" 2>&1 || { tail -20 "$CARGO_TARGET_DIR/screenshot-$name.log"; exit 1; }
}

for view in corridor airlock processing_room biosafety_cabinet bioreactor bioreactor_screen apheresis apheresis_trolley fill_finish; do
  shoot "$view" --view "$view" --frames 10
done
shoot menu_korean --view menu --language ko --frames 5
shoot hud_gowning_korean --level gowning_grade_b --language ko --frames 8
shoot tutorial_first_step --level tutorial --frames 8
shoot practice_bench --view practice_bench --frames 10
for demo in grab socket weld; do
  shoot "desktop_$demo" --demo "$demo" --frames 3
done
shoot bioreactor_screen_culture --view bioreactor_screen --demo culture --frames 5
CLEANROOM_LEVELS="$PWD/tests/fixtures/levels" shoot record_terminal_keys --level record_values --demo record --frames 3
# The instructor's panel (F2) during the gowning level, a line sent and a step skipped, with the
# room from above; and the same session with the instructor's own window (instructor_window.png).
shoot instructor_panel --level gowning_grade_b --demo instructor --frames 5
shoot instructor --level gowning_grade_b --demo instructor_walk --instructor-window --frames 5
mv "$out/instructor_instructor.png" "$out/instructor_window.png"
rm "$out/instructor.png"
shoot hud_qa_verification --level bioreactor_load_prime --demo verify --frames 5
# The apheresis touchscreen's pages, each at a moment of the shipped levels that fills it, and
# the donor during the collection.
shoot apheresis_screen_setup --level apheresis_set_up_prime --demo apheresis_setup --view apheresis_screen --frames 5
shoot apheresis_screen_donor --level apheresis_collect --demo apheresis_donor --view apheresis_screen --frames 5
shoot apheresis_screen_target --level apheresis_collect --demo apheresis_target --view apheresis_screen --frames 5
shoot apheresis_screen_run --level apheresis_collect --demo apheresis_run --view apheresis_screen --frames 5
shoot apheresis_screen_alarm --level apheresis_troubleshoot_store --demo apheresis_alarm --view apheresis_screen --frames 5
shoot apheresis_donor --level apheresis_collect --demo apheresis_citrate --view apheresis_donor --frames 5
# The fill-and-finish touchscreen's pages, from the shipped levels' expert paths, a filled and
# labelled bag close up, and the station with its freezer.
shoot fill_finish_screen_setup --level fill_finish_set_up_recipe --demo fill_finish_setup --view fill_finish_screen --frames 5
shoot fill_finish_screen_recipe --level fill_finish_set_up_recipe --demo fill_finish_recipe --view fill_finish_screen --frames 5
shoot fill_finish_screen_run --level fill_finish_formulate_freeze --demo fill_finish_run --view fill_finish_screen --frames 5
shoot fill_finish_screen_labels --level fill_finish_formulate_freeze --demo fill_finish_labels --view fill_finish_screen --frames 5
shoot fill_finish_screen_results --level fill_finish_formulate_freeze --demo fill_finish_results --view fill_finish_screen --frames 5
shoot fill_finish_labelled_bags --level fill_finish_formulate_freeze --demo fill_finish_labels --view fill_finish_bags --frames 5
# The inspection level's review terminal with faults flagged, and the desk with its loose note.
shoot batch_review_screen --level inspection_readiness --demo batch_review --view batch_review_screen --frames 5
shoot batch_review --view batch_review --frames 5
shoot qc_release_screen --level qc_release_car_t --view qc_release_screen --frames 5
# The monitoring trolley: the particle counter's page through the operation, the glove-print
# plates with one hand printed.
shoot particle_counter --level em_operation --demo em_counter --view particle_counter --frames 5
shoot glove_print --level em_operation --demo em_glove_print --view em_plates --frames 5
shoot qc_bench --level qc_testing_msc --demo qc_bench --view qc_bench --frames 5
shoot qc_bench_results --level qc_testing_msc --demo qc_bench --view qc_release_screen --frames 5
# Material transfer: the torn tubes set aside and the wiped items in the hatch (the corridor side
# and its status panel), then the outer wraps peeled off from the room's side.
shoot material_transfer --level material_transfer --demo material_transfer_hatch --view material_transfer --frames 5
shoot material_transfer_panel --level material_transfer --demo material_transfer_hatch --view material_transfer_panel --frames 5
shoot material_transfer_room --level material_transfer --demo material_transfer_unwrapped --view material_transfer_room --frames 5
shoot debrief_gowning --autoplay gowning_grade_b --frames 5
shoot debrief_apheresis_collect --autoplay apheresis_collect --frames 5
shoot debrief_feed_harvest --autoplay bioreactor_feed_harvest --frames 5
shoot debrief_fill_finish_freeze --autoplay fill_finish_formulate_freeze --frames 5
# The debrief of an attempt the instructor stepped into: not a clean pass, the interventions listed.
shoot debrief_instructor --autoplay gowning_grade_b --assessment --demo instructor_debrief --frames 5
# The after-action review of a recorded attempt: the gowning level played by its expert path as a
# trainee would record it, walking the corridor, then reviewed from the store at 2:00.
review_store="$CARGO_TARGET_DIR/screenshots-review"
rm -rf "$review_store"
CLEANROOM_RECORDS="$review_store/records" CLEANROOM_RECORDS_KEYS="$review_store/keys" \
  "$binary" play-headless --level gowning_grade_b --walk --trainee-id T-2041 --trainee-name "Kim Minji" \
  > "$CARGO_TARGET_DIR/screenshot-review-play.log" 2>&1 || { tail -20 "$CARGO_TARGET_DIR/screenshot-review-play.log"; exit 1; }
CLEANROOM_RECORDS="$review_store/records" CLEANROOM_RECORDS_KEYS="$review_store/keys" \
  shoot after_action_review --review latest --review-at 120 --frames 5

if [ "$(id -u)" -eq 0 ]; then
  echo "rendering xr_spectator_touchscreen"
  XR_BIND="$PWD/$out" .ci/xr-run.sh "$binary" --xr-smoke 60 --screenshot "$PWD/$out/xr_spectator_touchscreen.png" \
    --frames 5 --view bioreactor_screen > "$CARGO_TARGET_DIR/screenshot-xr.log" 2>&1 \
    || { tail -20 "$CARGO_TARGET_DIR/screenshot-xr.log"; exit 1; }
  # The tutorial's first step in the headset: the step card above the left controller.
  echo "rendering xr_step_card"
  XR_BIND="$PWD/$out" .ci/xr-run.sh "$binary" --xr-smoke 60 --screenshot "$PWD/$out/xr_step_card.png" \
    --frames 5 --level tutorial > "$CARGO_TARGET_DIR/screenshot-xr-card.log" 2>&1 \
    || { tail -20 "$CARGO_TARGET_DIR/screenshot-xr-card.log"; exit 1; }
  # The instructor's view on the desktop window while the trainee is in the headset: the
  # spectator view with the panel open, a line sent and a step skipped.
  echo "rendering xr_instructor"
  XR_BIND="$PWD/$out" .ci/xr-run.sh "$binary" --xr-smoke 4 --screenshot "$PWD/$out/xr_instructor.png" \
    --frames 2 --level gowning_grade_b --demo instructor > "$CARGO_TARGET_DIR/screenshot-xr-instructor.log" 2>&1 \
    || { tail -20 "$CARGO_TARGET_DIR/screenshot-xr-instructor.log"; exit 1; }
fi
