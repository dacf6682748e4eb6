#!/usr/bin/env bash
# Build (or reuse) a Debian 13 (trixie) chroot holding Monado + the OpenXR loader +
# lavapipe, so CI can run the XR build headless. Why a chroot: the host is bookworm,
# which has no Monado package; trixie does, and bookworm-built binaries run on
# trixie's newer glibc. Idempotent: a finished chroot is marked and reused.
# Usage (root): .ci/xr-chroot.sh      env: XR_CHROOT (dir), XR_MIRROR (debian mirror URL)
set -euo pipefail

ROOT="${XR_CHROOT:-/var/cache/cleanroom/xr-chroot}"
# Packages run inside the chroot. Bump MARK_V when this list changes so old chroots update.
# libopenxr-dev: only for the unversioned libopenxr_loader.so that the `openxr` crate dlopens
# (libopenxr-loader1 has just .so.1). libopenxr-utils: hello_xr, a reference OpenXR client.
PKGS=(monado-service libopenxr1-monado libopenxr-loader1 libopenxr-dev libopenxr-utils
      libvulkan1 mesa-vulkan-drivers vulkan-tools
      libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0
      libasound2t64 libudev1 libwayland-client0 xvfb xauth procps)
MARK="$ROOT/.cleanroom-xr-ready"
MARK_V="v2 ${PKGS[*]}"

if [[ -f "$MARK" && "$(cat "$MARK")" == "$MARK_V" ]]; then
  echo "xr-chroot: reusing $ROOT"; exit 0
fi

# Same Debian mirror as the host's apt sources (only Debian mirrors are reachable in CI).
if [[ -z "${XR_MIRROR:-}" ]]; then
  XR_MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n1 | tr -d ' ' || true)
  XR_MIRROR="${XR_MIRROR%/}"
fi
[[ -n "$XR_MIRROR" ]] || { echo "xr-chroot: no Debian mirror found in /etc/apt/sources.list*; set XR_MIRROR" >&2; exit 1; }

command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }

start=$SECONDS
# A chroot without the marker is a leftover of an interrupted run: start it over
# (after making sure nothing from xr-run.sh is still mounted inside).
if [[ -d "$ROOT" && ! -f "$ROOT/etc/debian_version" ]] || [[ -d "$ROOT/debootstrap" ]]; then
  if findmnt -rno TARGET | grep -q "^$ROOT/"; then echo "xr-chroot: $ROOT has mounts, refusing to delete" >&2; exit 1; fi
  rm -rf --one-file-system "$ROOT"
fi
if [[ ! -f "$ROOT/etc/debian_version" ]]; then
  mkdir -p "$(dirname "$ROOT")"
  debootstrap --variant=minbase trixie "$ROOT" "$XR_MIRROR"
fi
echo "xr-chroot: debootstrap done after $((SECONDS - start))s"

# Keep daemons from starting during package installs inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"; chmod +x "$ROOT/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive dpkg --configure -a   # finish an interrupted install
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PKGS[@]}"
chroot "$ROOT" apt-get clean
echo "$MARK_V" >"$MARK"
echo "xr-chroot: ready at $ROOT after $((SECONDS - start))s"
