# Shared settings for the play and test scripts (sourced, not run).
# Builds go outside the clone so that they survive a fresh clone and are shared by every script.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cleanroom/target}"
export XR_CHROOT="${XR_CHROOT:-/var/cache/cleanroom/xr-chroot}"
mkdir -p "$CARGO_TARGET_DIR" 2>/dev/null || {
  export CARGO_TARGET_DIR="$HOME/.cache/cleanroom/target"
  mkdir -p "$CARGO_TARGET_DIR"
}
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
# Every script compiles as the test command does (clippy's driver builds the workspace's own
# crates, warnings denied), so playing or rendering screenshots reuses the test build instead
# of compiling the game again with other flags.
if clippy_driver="$(command -v clippy-driver 2>/dev/null)"; then
  export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
  export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
fi
true
