#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and starts the game (headset if an OpenXR runtime is
# running, desktop otherwise). Extra arguments go to the game, e.g. --desktop.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
exec cargo run --bin cleanroom -- "$@"
