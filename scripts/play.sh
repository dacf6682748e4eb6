#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and starts the game (headset if an OpenXR runtime is
# running, desktop otherwise), built optimised. Extra arguments go to the game, e.g. --desktop.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
# Optimised: a debug build renders too slowly for a headset. The release build is the one
# scripts/package.sh and scripts/bench.sh use, so it is compiled once for all three.
exec cargo run --locked --release --bin cleanroom -- "$@"
