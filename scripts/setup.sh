#!/usr/bin/env bash
# Installs what building and running cleanroom needs on Debian or Ubuntu: system libraries for
# Bevy (audio, input, X11/Wayland), Mesa's Vulkan drivers (lavapipe renders without a GPU),
# the OpenXR loader, the sqlite3 command line (to inspect the records store; the tamper tests
# use it), Python's venv (the records tests run a learning record store from PyPI in one),
# Chromium with its WebDriver (the report test opens the instructors' report in it), and the
# Rust toolchain when it is missing. Safe to run again.
set -euo pipefail

packages=(
  build-essential pkg-config git curl ca-certificates
  libasound2-dev libudev-dev libwayland-dev libxkbcommon-dev
  libx11-dev libxcursor-dev libxrandr-dev libxi-dev
  libvulkan1 mesa-vulkan-drivers
  libopenxr-loader1 libopenxr-dev
  xvfb xauth debootstrap jq iproute2
  sqlite3
  python3 python3-venv
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian packages Chromium and chromedriver; Ubuntu ships Chromium as a snap only, so there the
# report test needs a Chromium and its chromedriver on the PATH from elsewhere.
if ! command -v chromedriver >/dev/null 2>&1; then
  [ ${#missing[@]} -gt 0 ] || as_root apt-get update -qq
  if apt-cache show chromium-driver >/dev/null 2>&1; then
    echo "setup: installing chromium chromium-driver"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
  else
    echo "setup: this system has no chromium-driver package: install Chromium and chromedriver for the report test" >&2
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: installing the Rust toolchain with rustup (https://rustup.rs)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component rustfmt,clippy
  . "$HOME/.cargo/env"
fi
# A toolchain installed without them (rustup's minimal profile) lacks the formatter and clippy,
# which the test command uses.
if command -v rustup >/dev/null 2>&1; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
fi
