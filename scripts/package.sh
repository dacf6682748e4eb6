#!/usr/bin/env bash
# Builds an optimised game and writes a release for a training centre's PCs into dist/:
#   dist/cleanroom-<version>-linux-<arch>.tar.gz  the program with its assets, shipped levels,
#                                                 licences and an install note (unpack anywhere)
#   dist/cleanroom_<version>_<arch>.deb           the same installed under /usr (where dpkg-deb
#                                                 exists), declaring the runtime libraries
# Neither needs a Rust toolchain on the PC. Before writing them, the staged program is run from
# another folder and must find its own data and check its own levels.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
arch="$(dpkg --print-architecture 2>/dev/null || uname -m)"
name="cleanroom-$version-linux-$arch"
out="$PWD/dist"
stage="$out/$name"

echo "== building cleanroom $version (commit $commit), optimised"
cargo build --release --bin cleanroom
binary="$CARGO_TARGET_DIR/release/cleanroom"

echo "== staging $stage"
rm -rf "$stage"
mkdir -p "$stage"
install -m 755 "$binary" "$stage/cleanroom"
cp -r assets levels "$stage/"
install -m 644 README.md "$stage/README.md"
cat > "$stage/LICENSE.txt" <<EOF
cleanroom $version (commit $commit) is licensed under the MIT licence or the Apache
Licence 2.0, at your option. The fonts are NAVER's Nanum fonts under the SIL Open Font
Licence 1.1 (assets/fonts/OFL.txt); assets/LICENSES.md lists every asset and its licence.
EOF
cat > "$stage/INSTALL.txt" <<EOF
cleanroom $version (commit $commit): installing on a training PC
==============================================================

Needs: a 64-bit Debian or Ubuntu desktop with a Vulkan driver (Mesa's is enough:
mesa-vulkan-drivers), the Vulkan loader (libvulkan1) and X11 or Wayland. For a headset, an
OpenXR runtime (SteamVR, Monado) and the OpenXR loader (libopenxr-loader1). No compiler.

With the .deb (recommended on Debian/Ubuntu):
    sudo apt install ./cleanroom_${version}_${arch}.deb
    cleanroom                      # starts in the headset if one is running, else on the desktop

From the archive, anywhere (a shared folder, a USB stick):
    tar xzf $name.tar.gz
    $name/cleanroom

Check an installation: \`cleanroom --version\` (version and commit) and \`cleanroom paths\` (where
it reads its assets and levels). \`cleanroom check\` checks the shipped levels.
EOF

echo "== checking the staged program from another folder"
paths="$(cd /tmp && "$stage/cleanroom" paths)"
echo "$paths" | sed 's/^/   /'
if echo "$paths" | grep -q "not found"; then
  echo "error: the staged program does not find its own data" >&2
  exit 1
fi
(cd /tmp && "$stage/cleanroom" check "$stage/levels" | tail -1)

echo "== writing $out/$name.tar.gz"
tar -C "$out" -czf "$out/$name.tar.gz" "$name"

if command -v dpkg-deb > /dev/null; then
  deb_root="$out/deb-$arch"
  rm -rf "$deb_root"
  mkdir -p "$deb_root/DEBIAN" "$deb_root/usr/bin" "$deb_root/usr/share/cleanroom" "$deb_root/usr/share/doc/cleanroom"
  install -m 755 "$binary" "$deb_root/usr/bin/cleanroom"
  cp -r assets levels "$deb_root/usr/share/cleanroom/"
  install -m 644 "$stage/LICENSE.txt" "$deb_root/usr/share/doc/cleanroom/copyright"
  install -m 644 "$stage/INSTALL.txt" "$deb_root/usr/share/doc/cleanroom/INSTALL.txt"
  size="$(du -sk "$deb_root/usr" | cut -f1)"
  # The window system, Vulkan and OpenXR libraries are loaded at run time (not linked), so they
  # are declared here rather than found by dpkg-shlibdeps.
  cat > "$deb_root/DEBIAN/control" <<EOF
Package: cleanroom
Version: $version
Architecture: $arch
Maintainer: cleanroom developers <cleanroom@localhost>
Installed-Size: $size
Depends: libc6, libgcc-s1, libudev1, libvulkan1, mesa-vulkan-drivers | vulkan-icd, libx11-6, libxcursor1, libxrandr2, libxi6, libxkbcommon-x11-0, libwayland-client0
Recommends: libopenxr-loader1
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
echo "== done: $out/$name.tar.gz"
