#!/usr/bin/env bash
# Measures what docs/performance.md reports, in one run, on this machine:
#   - the game's own work per frame: benches/frame.rs (criterion; the headless game with a
#     level in progress and the hand busy), median and 99th percentile of one update();
#   - the core's station models and procedure engine (crates/cleanroom_core/benches);
#   - rendering: a named viewpoint of the cleanroom and a plain Bevy scene (a floor, a cube,
#     one light) in the same window with the same renderer, one after the other, and the
#     cleanroom's median frame time as a ratio to the plain scene's;
#   - start-up: from the program's start to the main menu (levels listed, answering at its
#     frame rate), against an empty Bevy window, five of each taken in turn, medians compared;
#   - memory: resident memory once every level is loaded and the longest has been played.
# Benchmarks are not tests: the test command does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh > /dev/null
. scripts/env.sh

view=${BENCH_VIEW:-processing_room}
size=${BENCH_WINDOW:-1600x900}
# Under software Vulkan a cleanroom frame at 1600x900 takes seconds: 60 frames are enough for
# the median and keep the run near ten minutes.
frames=${BENCH_FRAMES:-60}

echo "== machine"
echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores; memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "$(rustc --version); commit $(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"

echo
echo "== the game's own work per frame (cargo bench --bench frame)"
cargo bench --locked --bench frame 2>&1 | grep -E '^frame:|^frame/update|time:'

echo
echo "== the core (cargo bench -p cleanroom_core)"
cargo bench --locked -p cleanroom_core 2>&1 | grep -E 'time:' -B1 | grep -v '^--$' | sed 's/^ *//' | paste - - | sed -E 's/[[:space:]]+time:/ time:/'

echo
echo "== rendering $view at $size against a plain Bevy scene (release build; Xvfb, $(command -v xvfb-run > /dev/null && echo software Vulkan unless a GPU is found))"
cargo build --locked --release --bin cleanroom 2>&1 | tail -1
binary="$CARGO_TARGET_DIR/release/cleanroom"
render() {
  CLEANROOM_LOG=/dev/null xvfb-run -a -s "-screen 0 ${size}x24" "$binary" render-bench --window-size "$size" --frames "$frames" --warmup 10 "$@" 2> /dev/null | grep '^render:'
}
baseline=$(render --baseline)
cleanroom=$(render --view "$view")
echo "$baseline"
echo "$cleanroom"
median() { sed -E 's/.*median ([0-9.]+) ms.*/\1/'; }
awk -v room="$(echo "$cleanroom" | median)" -v base="$(echo "$baseline" | median)" \
  'BEGIN { printf "ratio: the cleanroom'"'"'s median frame is %.2f times the plain scene'"'"'s (goal: at most 2)\n", room / base }'

echo
echo "== start-up to the main menu against an empty Bevy window (release build, $size)"
startup() {
  CLEANROOM_LOG=/dev/null xvfb-run -a -s "-screen 0 ${size}x24" "$binary" startup-bench --window-size "$size" "$@" 2> /dev/null \
    | sed -nE 's/^startup: .* after ([0-9]+) ms$/\1/p'
}
middle() { sort -n | awk '{ value[NR] = $1 } END { print value[int((NR + 1) / 2)] }'; }
empty_runs=() menu_runs=()
for _ in 1 2 3 4 5; do
  empty_runs+=("$(startup --baseline)")
  menu_runs+=("$(startup)")
done
empty=$(printf '%s\n' "${empty_runs[@]}" | middle)
menu=$(printf '%s\n' "${menu_runs[@]}" | middle)
echo "startup: empty Bevy window, median of 5: $empty ms (${empty_runs[*]})"
echo "startup: cleanroom main menu, median of 5: $menu ms (${menu_runs[*]})"
awk -v menu="$menu" -v empty="$empty" \
  'BEGIN { printf "ratio: the main menu takes %.2f times as long as an empty window (goal: at most 1.5)\n", menu / empty }'

echo
echo "== memory once every level is loaded and one is played to its debrief (release build)"
CLEANROOM_LOG=/dev/null xvfb-run -a -s "-screen 0 ${size}x24" "$binary" memory-bench 2> /dev/null | grep '^memory:'
echo "(goal: under 1 GiB; under software rendering this includes what a GPU would hold in its own memory)"
