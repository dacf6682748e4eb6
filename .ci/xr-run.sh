#!/usr/bin/env bash
# Run a (host-built) binary against a real OpenXR runtime: Monado with its null
# compositor and simulated HMD + controllers, inside the trixie chroot made by
# xr-chroot.sh, rendering with lavapipe (CPU Vulkan) under Xvfb. No GPU needed.
# Usage (root): .ci/xr-run.sh <binary> [args...]   -> exits with the binary's status
#   The binary runs at the same path, cwd = $XR_WORKDIR (default $PWD), which is
#   bind-mounted into the chroot at the same path (so Bevy's assets resolve).
#   A binary outside it is copied in; a path only the chroot has (e.g. /usr/bin/hello_xr) runs as-is.
#   env: XR_CHROOT, XR_WORKDIR, XR_BIND (more host dirs to bind, space-separated),
#        XR_LOG_DIR (default /tmp/xr-run), XR_DISPLAY (default: the first free display from :170), XR_STARTUP_TIMEOUT (s, 30)
#        XR_REMOTE=SCRIPT: Monado's remote driver instead of its simulated devices, the head and
#        controllers played from SCRIPT by XR_REMOTE_CLIENT (xr-remote; log: $XR_LOG_DIR/xr-remote.log)
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,13p' "$0"; exit 2; }
# The remote driver listens on every interface: the whole run gets a network namespace of its
# own, with only loopback, so nothing outside can drive the headset.
if [[ -n "${XR_REMOTE:-}" && -z "${XR_NETNS:-}" ]]; then
  exec unshare --net env XR_NETNS=1 "$0" "$@"
fi
[[ -z "${XR_NETNS:-}" ]] || ip link set lo up

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="${XR_CHROOT:-/var/cache/cleanroom/xr-chroot}"
export XR_CHROOT="$ROOT"
"$HERE/xr-chroot.sh" >&2     # no-op when the chroot is already complete

WORK="$(realpath "${XR_WORKDIR:-$PWD}")"
LOGS="${XR_LOG_DIR:-/tmp/xr-run}"; mkdir -p "$LOGS"
# A display number nobody uses, on the host or in the chroot: the chroot shares the host's
# abstract socket namespace, so an Xvfb on the host (xvfb-run -a picks :99 first) would clash.
free_display() {
  local n
  for n in $(seq 170 250); do
    [[ -e "/tmp/.X$n-lock" || -e "$ROOT/tmp/.X$n-lock" ]] && continue
    grep -q "/tmp/.X11-unix/X$n\b" /proc/net/unix && continue
    echo ":$n"; return
  done
  echo ":99"
}
DISP="${XR_DISPLAY:-$(free_display)}"
RUNDIR=/run/xr           # XDG_RUNTIME_DIR inside the chroot: Monado's IPC socket lives here
SOCK="$ROOT$RUNDIR/monado_comp_ipc"
RUNTIME_JSON=/usr/share/openxr/1/openxr_monado.json
LVP_ICD=/usr/share/vulkan/icd.d/lvp_icd.json

# One run at a time: runs share the chroot's mounts, display and IPC socket.
exec 9>"$ROOT.lock"; flock 9

MOUNTS=(); PIDS=()
cleanup() {
  local p i
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for ((i=${#MOUNTS[@]}-1; i>=0; i--)); do umount -R -l "${MOUNTS[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
# Ctrl+C or SIGTERM: once the program runs, it gets the signal and closes itself (ending its
# headset session and writing its records); before that, the run just stops.
GAME_PID=""
forward() { if [[ -n "$GAME_PID" ]]; then kill -"$1" "$GAME_PID" 2>/dev/null || true; else exit "$2"; fi; }
trap 'forward INT 130' INT; trap 'forward TERM 143' TERM

bind() {  # bind host dir $1 at chroot path $2; rslave so unmounting never reaches the host
  mkdir -p "$ROOT$2"
  mount --rbind "$1" "$ROOT$2"; mount --make-rslave "$ROOT$2"
  MOUNTS+=("$ROOT$2")
}
mount -t proc proc "$ROOT/proc"; MOUNTS+=("$ROOT/proc")
bind /sys /sys
bind /dev /dev            # includes /dev/shm and /dev/pts (Monado shares memory via shm)
mkdir -p "$ROOT/run"; mount -t tmpfs -o mode=755 tmpfs "$ROOT/run"; MOUNTS+=("$ROOT/run")
mkdir -p -m 700 "$ROOT$RUNDIR"
bind "$WORK" "$WORK"
for d in ${XR_BIND:-}; do d="$(realpath "$d")"; bind "$d" "$d"; done

# Where the binary is, seen from inside the chroot.
BIN="$1"; shift
if [[ -e "$BIN" ]]; then
  BIN="$(realpath "$BIN")"
  inside=0; for d in "$WORK" ${XR_BIND:-}; do [[ "$BIN" == "$(realpath "$d")"/* ]] && inside=1; done
  if [[ $inside == 0 ]]; then
    mkdir -p "$ROOT/opt/xr-bin"; cp "$BIN" "$ROOT/opt/xr-bin/"; BIN="/opt/xr-bin/$(basename "$BIN")"
  fi
elif [[ ! -e "$ROOT$BIN" ]]; then
  echo "xr-run: $BIN not found on the host or in $ROOT" >&2; exit 127
fi

# chroot execs env execs the program, so $! of a background IN_CHROOT is the program's own pid.
IN_CHROOT=(chroot "$ROOT" /usr/bin/env -C "$WORK" HOME=/root XDG_RUNTIME_DIR="$RUNDIR")
wait_for() {  # wait_for <path> <pid> <what>
  local t=$(( ${XR_STARTUP_TIMEOUT:-30} * 10 ))
  while [[ ! -e "$1" ]]; do
    kill -0 "$2" 2>/dev/null || { echo "xr-run: $3 died at startup" >&2; return 1; }
    (( t-- > 0 )) || { echo "xr-run: timed out waiting for $3 ($1)" >&2; return 1; }
    sleep 0.1
  done
}

# Xvfb inside the chroot: winit needs an X server even when all rendering goes to the headset.
XLOG="$LOGS/xvfb.log"; n="${DISP#:}"; rm -f "$ROOT/tmp/.X11-unix/X$n" "$ROOT/tmp/.X$n-lock"
"${IN_CHROOT[@]}" Xvfb "$DISP" -screen 0 1280x720x24 -nolisten tcp >"$XLOG" 2>&1 & PIDS+=($!)
wait_for "$ROOT/tmp/.X11-unix/X$n" $! "Xvfb (log: $XLOG)"

# Monado: XRT_COMPOSITOR_NULL = headless compositor (no display), SIMULATED_ENABLE = simulated
# HMD, SIMULATED_LEFT/RIGHT = its controllers (simple|wmr|ml2; without them there are none),
# XRT_NO_STDIN = don't read stdin (it otherwise waits there for Enter to quit).
MLOG="$LOGS/monado.log"; echo "xr-run: monado log: $MLOG" >&2
rm -f "$SOCK"
if [[ -n "${XR_REMOTE:-}" ]]; then
  devices=(P_OVERRIDE_ACTIVE_CONFIG=remote)
else
  devices=(SIMULATED_ENABLE=1 SIMULATED_LEFT="${SIMULATED_LEFT:-simple}" SIMULATED_RIGHT="${SIMULATED_RIGHT:-simple}")
fi
"${IN_CHROOT[@]}" XRT_COMPOSITOR_NULL=1 XRT_NO_STDIN=1 "${devices[@]}" \
  VK_ICD_FILENAMES="$LVP_ICD" VK_DRIVER_FILES="$LVP_ICD" DISPLAY="$DISP" \
  monado-service </dev/null >"$MLOG" 2>&1 & PIDS+=($!)
wait_for "$SOCK" $! "monado-service (log: $MLOG)"
if [[ -n "${XR_REMOTE:-}" ]]; then
  # The client runs on the host, in this namespace: it reaches the driver on loopback.
  "${XR_REMOTE_CLIENT:?XR_REMOTE needs XR_REMOTE_CLIENT, the xr-remote program}" "$XR_REMOTE" \
    >"$LOGS/xr-remote.log" 2>&1 & PIDS+=($!)
fi

# In the background + wait, so a signal to this script is handled at once (the trap then
# stops the binary too); <&0 keeps our stdin, which a background job would lose.
rc=0
"${IN_CHROOT[@]}" DISPLAY="$DISP" XR_RUNTIME_JSON="$RUNTIME_JSON" \
  VK_ICD_FILENAMES="$LVP_ICD" VK_DRIVER_FILES="$LVP_ICD" "$BIN" "$@" <&0 &
GAME_PID=$!
PIDS=($GAME_PID "${PIDS[@]}")
# A forwarded signal interrupts `wait`; wait again until the program has exited.
while :; do
  rc=0; wait "$GAME_PID" || rc=$?
  kill -0 "$GAME_PID" 2>/dev/null || break
done
echo "xr-run: $BIN exited with $rc (monado log: $MLOG)" >&2
exit "$rc"
