#!/usr/bin/env bash
# The release package as a training centre gets it, tried where the clone is not:
#   .ci/package-test.sh DIST_DIR        (what scripts/package.sh --out DIST_DIR wrote)
# The archive is unpacked into a fresh temporary folder, an instructor's level is put in the
# user folder, and from there: --version, paths, check, the menu started under a virtual
# display (the log must list every shipped level and the instructor's), and the instructor's
# level played through to its debrief. Then the .deb is installed and checked the same way.
#
# As root, all of it runs inside the Debian 13 chroot of the XR test (.ci/xr-chroot.sh), which
# has the runtime libraries but no compiler, and into which only the temporary folder is
# mounted: the clone does not exist there. Otherwise it runs on this machine from the temporary
# folder, with the clone hidden behind an empty folder where user namespaces allow it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dist=$(realpath "${1:?usage: .ci/package-test.sh DIST_DIR}")
archive=$(ls "$dist"/cleanroom-*-linux-*.tar.gz | head -1)
deb=$(ls "$dist"/cleanroom_*.deb 2> /dev/null | head -1 || true)
clone="$(cd "$here/.." && pwd)"
logs="${PACKAGE_TEST_LOGS:-/tmp/cleanroom-package-test}"
mkdir -p "$logs"

work=$(mktemp -d /tmp/cleanroom-package-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$archive" "$work/"
[ -n "$deb" ] && cp "$deb" "$work/"
cp "$clone/levels/gowning_grade_b.level.ron" "$work/shipped-gowning.level.ron"

# What runs where the clone is not. Every check prints "ok: ..." or stops with "FAILED: ...".
cat > "$work/inside.sh" << 'EOF'
#!/bin/bash
set -euo pipefail
work="$(cd "$(dirname "$0")" && pwd)"
cd "$work"
unset CARGO_MANIFEST_DIR CLEANROOM_ASSETS CLEANROOM_LEVELS CLEANROOM_USER_LEVELS CLEANROOM_SETTINGS CLEANROOM_LOG
export HOME="$work/home" RUST_LOG=info XDG_DATA_HOME= XDG_CONFIG_HOME= XDG_STATE_HOME=
fail() { echo "FAILED: $*"; exit 1; }

tar xzf cleanroom-*.tar.gz
program=$(ls -d "$work"/cleanroom-*-linux-*/cleanroom)
package=$(dirname "$program")
# An instructor's level: a shipped one given its own id and title.
mkdir -p "$HOME/.local/share/cleanroom/levels"
sed -e 's/id: "gowning_grade_b"/id: "centre_gowning"/' -e 's/en: "Gowning for Grade B"/en: "Gowning, the centre'"'"'s SOP"/' \
  shipped-gowning.level.ron > "$HOME/.local/share/cleanroom/levels/centre_gowning.level.ron"
shipped=$(ls "$package/levels" | grep -c '\.level\.ron$')

check_installed() {  # check_installed PROGRAM DATA_FOLDER WHAT
  local program=$1 data=$2 what=$3
  "$program" --version | grep -q '(commit ' || fail "$what: --version names no commit"
  "$program" paths > "$work/paths.txt"
  grep -qx "assets: $data/assets" "$work/paths.txt" || fail "$what: assets not found in $data: $(cat "$work/paths.txt")"
  grep -qx "shipped levels: $data/levels" "$work/paths.txt" || fail "$what: levels not found in $data: $(cat "$work/paths.txt")"
  grep -qx "instructors' levels: $HOME/.local/share/cleanroom/levels" "$work/paths.txt" || fail "$what: user folder: $(cat "$work/paths.txt")"
  echo "ok: $what finds its data in $data"
  "$program" check > "$work/check.txt" 2>&1 || fail "$what: cleanroom check: $(tail -20 "$work/check.txt")"
  grep -q "^checked $((shipped + 1)) level files: 0 errors" "$work/check.txt" || fail "$what: check: $(tail -3 "$work/check.txt")"
  echo "ok: $what: $(tail -1 "$work/check.txt") (the shipped levels and the instructor's)"
  # The menu, a few frames: the log says what the game loaded.
  timeout 300 "$program" --desktop --window-size 1280x720 --screenshot "$work/menu-$what.png" --view menu --frames 5 > "$work/menu.log" 2>&1 ||
    fail "$what: the game did not start: $(tail -20 "$work/menu.log")"
  loaded=$(sed -n 's/.*levels: \([0-9]*\) shipped (.*), \([0-9]*\) yours (\(.*\)); \([0-9]*\) not playable.*/\1 \2 \3 \4/p' "$work/menu.log")
  [ "$loaded" = "$shipped 1 centre_gowning 0" ] || fail "$what: levels loaded: '$loaded', expected $shipped shipped, centre_gowning, none rejected"
  echo "ok: $what loaded every shipped level ($shipped) and the instructor's centre_gowning"
}

check_installed "$program" "$package" archive
# The instructor's level played through by its expert path, to the debrief.
timeout 300 "$program" --desktop --window-size 1280x720 --autoplay centre_gowning --screenshot debrief-archive.png --frames 5 > play.log 2>&1 ||
  fail "the instructor's level did not play: $(tail -20 play.log)"
grep -q "procedure centre_gowning started" play.log || fail "the instructor's level did not start: $(tail -20 play.log)"
# The game's own log file, where a centre's IT would look.
log="$HOME/.local/state/cleanroom/cleanroom.log"
grep -q "procedure centre_gowning finished: Passed" "$log" || fail "the instructor's level did not pass: $(grep -i 'procedure' play.log | tail -5)"
echo "ok: the instructor's level played from the archive to its debrief (passed, says $log)"

# The .deb is installed only where installing cannot touch the host: in the chroot.
if [ "${PACKAGE_TEST_DEB:-0}" = 1 ] && ls cleanroom_*.deb > /dev/null 2>&1; then
  command -v dpkg > /dev/null || fail "no dpkg here to install the .deb"
  dpkg -i cleanroom_*.deb > dpkg.log 2>&1 || { cat dpkg.log; dpkg -r cleanroom > /dev/null 2>&1 || true; fail "the .deb did not install (its Depends)"; }
  # Checked, and a shipped level played from the installed data to its debrief, in a subshell
  # so that the package is removed whatever happens.
  level=fill_finish_label_reconciliation
  installed_ok=0
  (
    cd /
    check_installed /usr/bin/cleanroom /usr/share/cleanroom deb
    entry=/usr/share/applications/cleanroom.desktop
    grep -qx 'Exec=cleanroom' "$entry" && command -v cleanroom > /dev/null || fail "no applications-menu entry that starts the game ($entry)"
    echo "ok: the applications menu has Cleanroom, which starts $(command -v cleanroom)"
    timeout 300 /usr/bin/cleanroom --desktop --window-size 1280x720 --autoplay $level --screenshot "$work/debrief-deb.png" \
      --frames 5 > "$work/play-deb.log" 2>&1 || fail "the shipped level $level did not play from the .deb: $(tail -20 "$work/play-deb.log")"
    grep -q "procedure $level finished: Passed" "$work/play-deb.log" ||
      fail "$level did not pass: $(grep -i procedure "$work/play-deb.log" | tail -5)"
    echo "ok: the shipped level $level played from the installed .deb to its debrief (passed)"
  ) && installed_ok=1
  dpkg -r cleanroom > /dev/null
  [ "$installed_ok" = 1 ] || fail "the installed .deb"
  echo "ok: the .deb installed, found its data under /usr/share/cleanroom, and was removed"
fi
echo "package test: passed"
EOF
chmod +x "$work/inside.sh"

status=0
if [ "$(id -u)" -eq 0 ] && [ -d "${XR_CHROOT:-/var/cache/cleanroom/xr-chroot}" ]; then
  echo "package test: in the Debian 13 chroot (no compiler, no clone), from $work"
  PACKAGE_TEST_DEB=1 XR_WORKDIR="$work" XR_LOG_DIR="$logs" "$here/xr-run.sh" "$work/inside.sh" < /dev/null || status=$?
else
  echo "package test: on this machine, from $work"
  runner=(bash)
  # Hide the clone behind an empty folder (a mount namespace of our own), where allowed.
  if unshare --user --map-root-user --mount true 2> /dev/null; then
    runner=(unshare --user --map-root-user --mount bash -c 'mount -t tmpfs none "$0" && exec bash "$1"' "$clone")
    echo "package test: the clone $clone is hidden while it runs"
  else
    echo "package test: cannot hide the clone here (no user namespaces); it runs from $work all the same"
  fi
  (cd "$work" && xvfb-run -a -s "-screen 0 1280x720x24" "${runner[@]}" "$work/inside.sh") < /dev/null || status=$?
fi
cp "$work"/*.png "$logs/" 2> /dev/null || true
exit "$status"
