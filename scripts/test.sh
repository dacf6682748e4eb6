#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and runs every test: formatting, lints, unit and
# headless app tests, the level checker, the screenshot test under Xvfb with Mesa's software
# Vulkan, the desktop fallback with no OpenXR runtime, and the XR smoke test against Monado
# (a real OpenXR runtime, in a Debian 13 chroot; needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
logs="$CARGO_TARGET_DIR/test-logs"
mkdir -p "$logs"

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

# The Monado chroot is mostly downloads and unpacking: build it while cargo compiles.
chroot_pid=""
if [ "$(id -u)" -eq 0 ]; then
  .ci/xr-chroot.sh > "$logs/xr-chroot.log" 2>&1 &
  chroot_pid=$!
fi

step "format"
cargo fmt --all -- --check

step "lints"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "build"
cargo build --workspace --all-targets --locked

step "level checker"
cargo run --quiet --locked --bin cleanroom -- check levels

if [ -n "$chroot_pid" ]; then
  step "waiting for the XR chroot"
  wait "$chroot_pid" || { cat "$logs/xr-chroot.log"; exit 1; }
fi

step "tests"
results="$logs/cargo-test.log"
if [ "$(id -u)" -eq 0 ]; then
  # Everything, including the rendering and XR tests that cargo skips by default.
  cargo test --workspace --locked -- --include-ignored 2>&1 | tee "$results"
else
  echo "not root: the XR smoke test (which needs a chroot) is skipped; run as root for all tests" >&2
  cargo test --workspace --locked -- --include-ignored --skip the_xr_session_runs 2>&1 | tee "$results"
fi

# One closing line for the whole run (cargo prints one per test binary, the last often a doc
# test run with nothing in it).
awk '/^test result:/ { passed += $4; failed += $6 } END { printf "\n%d passed, %d failed\n", passed, failed }' "$results"
