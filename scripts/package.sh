#!/usr/bin/env bash
# Builds an optimised game and writes a release for a training centre's PCs into dist/:
#   scripts/package.sh [--profile release|dev] [--out DIR]
# (--profile dev packages the build the test command already has, so CI compiles nothing twice.)
#   dist/cleanroom-<version>-linux-<arch>.tar.gz  the program with its assets, shipped levels,
#                                                 licences and an install note (unpack anywhere)
#   dist/cleanroom_<version>_<arch>.deb           the same installed under /usr (where dpkg-deb
#                                                 exists), declaring the runtime libraries
# Neither needs a Rust toolchain on the PC. Before writing them, the staged program is run from
# another folder and must find its own data and check its own levels.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

profile=release
out="$PWD/dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=${2:?--profile needs release or dev}; shift 2 ;;
    --out) out=$(realpath -m "${2:?--out needs a folder}"); shift 2 ;;
    *) echo "usage: scripts/package.sh [--profile release|dev] [--out DIR]" >&2; exit 2 ;;
  esac
done
case "$profile" in
  release) built="$CARGO_TARGET_DIR/release" ;;
  dev) built="$CARGO_TARGET_DIR/debug" ;;
  *) echo "package: unknown profile $profile (release or dev)" >&2; exit 2 ;;
esac

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
arch="$(dpkg --print-architecture 2>/dev/null || uname -m)"
name="cleanroom-$version-linux-$arch"
stage="$out/$name"

echo "== building cleanroom $version (commit $commit), profile $profile"
if [ "$profile" = dev ]; then
  # Exactly the test command's build (same targets, so the same features): nothing to compile.
  cargo build --locked --workspace --all-targets
else
  cargo build --locked --release --bin cleanroom
fi
binary="$built/cleanroom"

echo "== staging $stage"
rm -rf "$stage"
mkdir -p "$stage"
# Without its debug information (a panic still names the functions): a third of the size.
strip --strip-debug -o "$stage/cleanroom" "$binary"
chmod 755 "$stage/cleanroom"
# The newest C library the program asks for: the oldest system it runs on.
glibc="$(objdump -T "$stage/cleanroom" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
cp -r assets levels "$stage/"
mkdir -p "$stage/docs"
install -m 644 README.md "$stage/README.md"
install -m 644 docs/levels.md "$stage/docs/levels.md"
install -m 644 LICENSE-MIT LICENSE-APACHE "$stage/"
scripts/third-party-licences.sh "$stage/THIRD-PARTY-LICENSES.txt"
cat > "$stage/LICENSE.txt" <<EOF
cleanroom $version (commit $commit) is licensed under the MIT licence (LICENSE-MIT) or the
Apache Licence 2.0 (LICENSE-APACHE), at your option. The fonts are NAVER's Nanum fonts under
the SIL Open Font Licence 1.1 (assets/fonts/OFL.txt); assets/LICENSES.md lists every asset and
its licence. THIRD-PARTY-LICENSES.txt lists every crate compiled into the program, with its
licence texts.
EOF
cat > "$stage/INSTALL.txt" <<EOF
cleanroom $version (commit $commit): installing on a training PC
==============================================================

Needs: a 64-bit Debian or Ubuntu desktop with glibc $glibc or newer (Ubuntu 22.04 has 2.35,
Debian 12 has 2.36), a Vulkan driver (Mesa's is enough: mesa-vulkan-drivers), the Vulkan
loader (libvulkan1) and X11 or Wayland. For a headset, an OpenXR runtime (SteamVR, Monado) and the OpenXR loader as
libopenxr_loader.so, which Debian and Ubuntu ship in libopenxr-dev (the .deb recommends it,
so apt installs it). Without a headset or a loader the game starts on the desktop by itself.
No sound card, no compiler, no network.

With the .deb (recommended on Debian/Ubuntu):
    sudo apt install ./cleanroom_${version}_${arch}.deb
    cleanroom                      # starts in the headset if one is running, else on the desktop
It also adds "Cleanroom" (청정실) to the desktop's applications menu, under Education.

From the archive, anywhere (a shared folder, a USB stick):
    tar xzf $name.tar.gz
    $name/cleanroom

On twenty PCs: copy the .deb to each (or to a local apt repository) and install it as above;
nothing is downloaded at run time and no server is needed. To remove it: sudo apt remove cleanroom.

Where things are, for each user of a PC (\`cleanroom paths\` prints them):
    ~/.local/share/cleanroom/levels   the instructors' own levels (*.level.ron, made on first
                                      start with a README); the menu lists them beside the
                                      shipped ones and picks up a file as soon as it is saved
    ~/.config/cleanroom/settings.ron  language and seated/standing play, saved from the menu
    ~/.local/state/cleanroom/cleanroom.log
                                      the log of the latest run (the one before is kept as
                                      cleanroom.previous.log); RUST_LOG=debug sets more detail
Set CLEANROOM_USER_LEVELS to share one levels folder between users (a network folder, say).

Check an installation: \`cleanroom --version\` (version and commit) and \`cleanroom paths\` (where
it reads and writes). \`cleanroom check\` checks the shipped levels and the instructors' own
together, and reports a level of theirs that takes a shipped level's id. docs/levels.md
describes the level format.
EOF

echo "== checking the staged program from another folder"
paths="$(cd /tmp && "$stage/cleanroom" paths)"
echo "$paths" | sed 's/^/   /'
if echo "$paths" | grep -q "not found"; then
  echo "error: the staged program does not find its own data" >&2
  exit 1
fi
(cd /tmp && "$stage/cleanroom" check "$stage/levels" 2> /dev/null | tail -1)

echo "== writing $out/$name.tar.gz"
tar -C "$out" -czf "$out/$name.tar.gz" "$name"

if command -v dpkg-deb > /dev/null; then
  deb_root="$out/deb-$arch"
  rm -rf "$deb_root"
  mkdir -p "$deb_root/DEBIAN" "$deb_root/usr/bin" "$deb_root/usr/share/cleanroom" "$deb_root/usr/share/doc/cleanroom"
  install -m 755 "$stage/cleanroom" "$deb_root/usr/bin/cleanroom"
  cp -r assets levels "$deb_root/usr/share/cleanroom/"
  # An entry in the desktop's applications menu, so a trainee starts it without a terminal.
  mkdir -p "$deb_root/usr/share/applications"
  cat > "$deb_root/usr/share/applications/cleanroom.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Cleanroom
Name[ko]=청정실
GenericName=GMP cell-therapy training
GenericName[ko]=GMP 세포치료제 제조 교육
Comment=Learn to manufacture MSC and CAR-T therapies without contaminating them, in VR or on the desktop
Comment[ko]=오염 없이 MSC와 CAR-T 치료제를 제조하는 법을 VR 또는 데스크톱에서 배웁니다
Exec=cleanroom
Terminal=false
Categories=Education;Science;
EOF
  cat "$stage/LICENSE.txt" LICENSE-MIT > "$deb_root/usr/share/doc/cleanroom/copyright"
  for file in LICENSE-APACHE THIRD-PARTY-LICENSES.txt INSTALL.txt README.md docs/levels.md; do
    install -m 644 "$stage/$file" "$deb_root/usr/share/doc/cleanroom/${file##*/}"
  done
  size="$(du -sk "$deb_root/usr" | cut -f1)"
  # The program links only libc, libm and libgcc_s; the window system, Vulkan and OpenXR
  # libraries are opened at run time (the names below are the ones it opens), so they are
  # declared here rather than found by dpkg-shlibdeps. No sound is played: ALSA is not needed.
  # The OpenXR crate opens the unversioned libopenxr_loader.so, which Debian and Ubuntu ship in
  # libopenxr-dev, so a headset PC needs that too (recommended, installed by default by apt).
  cat > "$deb_root/DEBIAN/control" <<EOF
Package: cleanroom
Version: $version
Architecture: $arch
Maintainer: cleanroom developers <cleanroom@localhost>
Installed-Size: $size
Depends: libc6 (>= $glibc), libgcc-s1, libvulkan1, mesa-vulkan-drivers | vulkan-icd, libx11-6, libx11-xcb1, libxcb1, libxcursor1, libxi6, libxkbcommon0, libxkbcommon-x11-0, libwayland-client0
Recommends: libopenxr-loader1, libopenxr-dev
Section: education
Priority: optional
Description: GMP cell-therapy manufacturing training, in VR and on a desktop
 A 3D cleanroom where trainees learn gowning, aseptic conduct and the bioreactor,
 apheresis and fill-and-finish stations, in English or Korean, in a headset or on a
 desktop. Commit $commit.
EOF
  deb="$out/cleanroom_${version}_${arch}.deb"
  dpkg-deb --root-owner-group --build "$deb_root" "$deb" > /dev/null
  rm -rf "$deb_root"
  echo "== wrote $deb"
fi
echo "== done"
du -h "$out/$name.tar.gz" ${deb:+"$deb"} | sed 's/^/   /'
echo "   program $(du -h "$stage/cleanroom" | cut -f1), assets $(du -sh "$stage/assets" | cut -f1), $(ls "$stage/levels" | wc -l) shipped levels"
