# Shared settings for the play and test scripts (sourced, not run).
# Builds go outside the clone so that they survive a fresh clone and are shared by every script.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cleanroom/target}"
export XR_CHROOT="${XR_CHROOT:-/var/cache/cleanroom/xr-chroot}"
mkdir -p "$CARGO_TARGET_DIR" 2>/dev/null || {
  export CARGO_TARGET_DIR="$HOME/.cache/cleanroom/target"
  mkdir -p "$CARGO_TARGET_DIR"
}
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
true
