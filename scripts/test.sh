#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and runs every test: formatting, lints, unit and
# headless app tests, the level checker, the screenshot test under Xvfb with Mesa's software
# Vulkan, the desktop fallback with no OpenXR runtime, and the XR smoke test against Monado
# (a real OpenXR runtime, in a Debian 13 chroot; needs root), and the release package made
# from the same build, unpacked and installed where the clone is not (.ci/package-test.sh).
#
# Every test binary runs even when one fails; the run ends with the time of each phase, every
# failed test with the reason it gave, and one line counting every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

phase_names=()
phase_seconds=()
phase_name=""
phase_started=$SECONDS
run_started=$SECONDS
# Starts a phase: ends the one before (its time goes into the closing summary) and prints a header.
step() {
  if [ -n "$phase_name" ]; then
    phase_names+=("$phase_name")
    phase_seconds+=($((SECONDS - phase_started)))
  fi
  phase_name=$1
  phase_started=$SECONDS
  [ "$1" = "end" ] || printf '\n== %s (%s)\n' "$1" "$(date +%T)"
}
minutes() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
# A phase before the tests that fails ends the run: say which, as the last line.
trap 'rc=$?; if [ $rc -ne 0 ] && [ "$phase_name" != "end" ]; then printf "\ntest.sh: failed in phase \"%s\" (exit %d); no tests ran\n" "$phase_name" $rc; fi' EXIT

step "setup"
scripts/setup.sh
. scripts/env.sh
logs="$CARGO_TARGET_DIR/test-logs"
mkdir -p "$logs"
# The learning record store the records tests deliver to: Ralph, from PyPI, pinned, in a venv
# of its own beside the build (installed once; the tests start and stop it on loopback).
export CLEANROOM_RALPH_VENV="${CLEANROOM_RALPH_VENV:-${CARGO_TARGET_DIR%/*}/ralph-venv}"
if ! cmp -s tests/lrs/requirements.txt "$CLEANROOM_RALPH_VENV/requirements.txt"; then
  rm -rf "$CLEANROOM_RALPH_VENV"
  /usr/bin/python3 -m venv "$CLEANROOM_RALPH_VENV"
  "$CLEANROOM_RALPH_VENV/bin/pip" install --quiet --no-cache-dir --disable-pip-version-check -r tests/lrs/requirements.txt
  cp tests/lrs/requirements.txt "$CLEANROOM_RALPH_VENV/requirements.txt"
fi

# The Monado chroot is mostly downloads and unpacking: build it while cargo compiles.
chroot_pid=""
if [ "$(id -u)" -eq 0 ]; then
  .ci/xr-chroot.sh > "$logs/xr-chroot.log" 2>&1 &
  chroot_pid=$!
fi

step "format"
cargo fmt --all -- --check

# Lints and build in one compilation: clippy's driver compiles the workspace's own crates (all
# targets, warnings denied), so the dependency graph is compiled once, not once for clippy's
# check and again for the build. Every later cargo command keeps the same wrapper, so nothing
# is compiled twice.
step "build with lints"
clippy_driver="$(command -v clippy-driver)" || { echo "clippy-driver not found: install clippy (rustup component add clippy)" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo build --workspace --all-targets --locked

step "level checker"
cargo run --quiet --locked --bin cleanroom -- check levels

if [ -n "$chroot_pid" ]; then
  step "waiting for the XR chroot"
  # A failed chroot is reported here and again by the XR test, which then fails; the other
  # tests still run.
  wait "$chroot_pid" || { echo "the XR chroot could not be built:"; tail -30 "$logs/xr-chroot.log"; }
fi

step "tests"
results="$logs/cargo-test.log"
test_args=(--include-ignored)
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the XR smoke test (which needs a chroot) is skipped; run as root for all tests" >&2
  test_args+=(--skip the_xr_session_runs)
fi
tests_rc=0
# Everything, including the rendering and XR tests that cargo skips by default.
cargo test --workspace --locked --no-fail-fast -- "${test_args[@]}" 2>&1 | tee "$results" || tests_rc=$?

# The release package made from this build (nothing is compiled again), unpacked where the
# clone is not and run from there: .ci/package-test.sh says what it checks.
step "package"
package_rc=0
{ scripts/package.sh --profile dev --out "$logs/dist" && PACKAGE_TEST_LOGS="$logs/package" .ci/package-test.sh "$logs/dist"; } \
  2>&1 | tee "$logs/package.log" | grep -v '^\[\|^\x1b' || true
grep -q '^package test: passed$' "$logs/package.log" || package_rc=1
step "end"

printf '\n== summary\n'
for i in "${!phase_names[@]}"; do
  printf '%-20s %s\n' "${phase_names[i]}" "$(minutes "${phase_seconds[i]}")"
done
printf '%-20s %s\n' "whole run" "$(minutes $((SECONDS - run_started)))"
if [ "$package_rc" -eq 0 ]; then
  echo "package test: passed (the packaged game, unpacked away from the clone, loads and plays its levels)"
else
  printf 'package test: FAILED\n  %s\n' "$(grep -m1 'FAILED\|error' "$logs/package.log" || tail -1 "$logs/package.log")"
fi
# Which tests failed and why, and one closing line for the whole workspace (cargo prints one
# per test binary). A test binary that ran but printed no result (it crashed) counts as one
# failure.
awk '
  function ended() { if (current != "" && !has_result) crashed[++ncrashed] = current }
  /^ *Running / || /^ *Doc-tests / {
    ended(); has_result = 0
    current = $0; sub(/^ *(Running|Doc-tests) /, "", current); sub(/ \(.*\)$/, "", current)
  }
  /^test result:/ { has_result = 1; passed += $4; failed += $6 }
  / \.\.\. FAILED$/ { sub(/^test /, ""); sub(/ \.\.\. FAILED$/, ""); failures[++nfailures] = $0; binary[$0] = current }
  /^---- .* stdout ----$/ { name = $2; capture = 0 }
  /^thread .* panicked at / { where[name] = $NF; capture = 1; next }
  capture && /^note: run with/ { capture = 0; next }
  capture && NF > 0 { reason[name] = reason[name] (reason[name] == "" ? "" : " / ") $0; if (length(reason[name]) > 300) capture = 0; next }
  capture && NF == 0 { capture = 0 }
  END {
    ended()
    if (nfailures + ncrashed > 0) print "\nfailed:"
    for (i = 1; i <= nfailures; i++) {
      test = failures[i]
      printf "  %s (%s)\n", test, binary[test]
      if (test in reason) printf "    %s\n    at %s\n", reason[test], where[test]
    }
    for (i = 1; i <= ncrashed; i++) printf "  %s: the test binary stopped without a result (it crashed; see its output above)\n", crashed[i]
    printf "\n%d passed, %d failed\n", passed, failed + ncrashed
  }' "$results"
[ "$tests_rc" -ne 0 ] && exit "$tests_rc"
exit "$package_rc"
