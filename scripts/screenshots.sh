#!/usr/bin/env bash
# Renders every named viewpoint into docs/screenshots/ with the game's capture mode (under Xvfb,
# so it works without a display or GPU). Extra arguments go to the game, e.g. --language ko.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cargo build --quiet --bin cleanroom
mkdir -p docs/screenshots
for view in corridor airlock processing_room biosafety_cabinet bioreactor apheresis fill_finish; do
  echo "rendering $view"
  xvfb-run -a -s "-screen 0 1600x900x24" "$CARGO_TARGET_DIR/debug/cleanroom" --desktop \
    --screenshot "docs/screenshots/$view.png" --view "$view" --frames 10 "$@" > "$CARGO_TARGET_DIR/screenshot-$view.log" 2>&1 || { tail -20 "$CARGO_TARGET_DIR/screenshot-$view.log"; exit 1; }
done
