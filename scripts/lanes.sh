# Shared by scripts/setup, scripts/in-lane, scripts/test and scripts/develop (sourced, not run).
#
# A lane is one Home Assistant version on one Python, with a venv for pytest and a
# venv for a real `hass` (the same venv on the Python 3.13 lanes):
#   old      HA 2025.4.4 on Python 3.13            .venv
#   next     HA 2026.2.3 on Python 3.13 (opt-in)   .venv-next
#   current  Python 3.14: pytest on HA 2026.10.4 (pytest-homeassistant-custom-component
#            0.13.375 pins it), a real hass 2026.11.0. With a python3.14 on PATH or under
#            pyenv the venvs are .venv-current and .venv-current-hass in the checkout;
#            without one (as root on Debian/Ubuntu) they live in a small Debian testing
#            root kept in the user's cache, entered through scripts/in-lane.
# Nothing here prints or exits: callers decide what a missing piece means.

# The checkout this file belongs to (scripts/..).
CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Inside the Debian root this file exists (written by scripts/setup): in-lane runs
# commands directly there instead of entering the root again.
ROOTFS_MARKER="/.zte-lane-root"
# Where the root keeps the current lane's venvs (a path inside the root).
ROOTFS_VENVS="/opt/zte_modem"

# find_python 3.14 → path of a CPython of that minor version: PATH first, then pyenv.
find_python() {
  local want="$1" candidate root
  for candidate in "python$want" python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$want' else 1)" 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    root="$(pyenv root)"
    # Plain releases only (3.14.1, not 3.14.1t free-threaded or 3.14-dev), newest first.
    for candidate in $(ls -d "$root/versions/$want".* 2>/dev/null | grep -E "/$want\.[0-9]+$" | sort -V -r); do
      if [[ -x "$candidate/bin/python3" ]]; then echo "$candidate/bin/python3"; return 0; fi
    done
  fi
  return 1
}

# $HOME may be unset in CI-like environments; ask the password database then.
home_dir() { echo "${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"; }

# The Debian testing root of the current lane: outside the checkout, so that every clone
# on this machine shares one (building it takes a minute, its venvs another two).
current_rootfs() { echo "${XDG_CACHE_HOME:-$(home_dir)/.cache}/zte_modem/lanes/current-rootfs"; }

# How the current lane is made here: inside (we run in its root), host (a python3.14
# exists), root (build/enter the Debian root), or unavailable (no 3.14, cannot build a root).
current_mode() {
  if [[ -f "$ROOTFS_MARKER" ]]; then echo inside
  elif find_python 3.14 >/dev/null; then echo host
  elif [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1 && [[ -f /etc/debian_version ]]; then echo root
  else echo unavailable
  fi
}

# lane_venvs LANE → sets LANE_PYTEST_VENV, LANE_HASS_VENV (paths as the lane's commands
# see them) and LANE_ROOTFS (the root to enter first, empty when none). Returns 1 when
# the lane cannot exist on this machine.
lane_venvs() {
  LANE_ROOTFS=""
  case "$1" in
    old) LANE_PYTEST_VENV="$CHECKOUT/.venv"; LANE_HASS_VENV="$CHECKOUT/.venv" ;;
    next) LANE_PYTEST_VENV="$CHECKOUT/.venv-next"; LANE_HASS_VENV="$CHECKOUT/.venv-next" ;;
    current)
      case "$(current_mode)" in
        host) LANE_PYTEST_VENV="$CHECKOUT/.venv-current"; LANE_HASS_VENV="$CHECKOUT/.venv-current-hass" ;;
        inside | root)
          LANE_PYTEST_VENV="$ROOTFS_VENVS/current-pytest"; LANE_HASS_VENV="$ROOTFS_VENVS/current-hass"
          if [[ ! -f "$ROOTFS_MARKER" ]]; then LANE_ROOTFS="$(current_rootfs)"; fi ;;
        *) return 1 ;;
      esac ;;
    *) return 1 ;;
  esac
}

# pip_view ROOTFS → PIP_BINDS (source/target pairs), PIP_ENV (env(1) arguments) and
# PIP_DROPPED (lines saying what was left out): the host's pip configuration as pip inside
# the root must see it, every file and folder it names at the same path
# (scripts/pip_view.py). Without a host python3 the root keeps its own pip defaults.
pip_view() {
  local rootfs="$1" python kind a b c
  PIP_BINDS=() PIP_ENV=() PIP_DROPPED=()
  python="$(command -v python3 || find_python 3.13 || true)"
  [[ -n "$python" ]] || return 0
  while IFS=$'\t' read -r kind a b c; do
    case "$kind" in
      bind) PIP_BINDS+=("$a" "$b") ;;
      set) PIP_ENV+=("$a=$b") ;;
      unset) PIP_ENV+=(-u "$a") ;;
      drop) PIP_DROPPED+=("$a names $b $c, which does not exist here; pip in the root runs without it") ;;
    esac
  done < <("$python" "$CHECKOUT/scripts/pip_view.py" plan --view-dir "$rootfs.pip-view")
}

# rootfs_command [--without-pip-view] ROOTFS COMMAND... sets ROOTFS_CMD to the command line
# that runs COMMAND (as root) chrooted into ROOTFS with /proc, /dev, a fresh /tmp, this
# checkout (at its own absolute path) and, read-only, the host's pip configuration with
# everything it names (pip_view) mounted; callers run "${ROOTFS_CMD[@]}" or exec it.
# --without-pip-view leaves the root's own files alone (update-ca-certificates rewrites the
# bundle a PIP_CERT may name). The mounts are
# made in a private mount namespace (unshare) that the kernel tears down when COMMAND
# ends, however it ends (exit, Ctrl-C, kill -9): nothing to unmount, nothing left on the
# host, and two runs at once (scripts/develop next to scripts/test) never unmount each
# other's /proc. unshare and chroot exec, so COMMAND keeps the caller's PID and process
# group and gets Ctrl-C like any child of the terminal.
rootfs_command() {
  local with_view=1
  if [[ "$1" == --without-pip-view ]]; then with_view=0; shift; fi
  local rootfs="$1"; shift
  PIP_BINDS=() PIP_ENV=()
  if [[ $with_view -eq 1 ]]; then pip_view "$rootfs"; fi
  ROOTFS_CMD=(unshare --mount --propagation private --
    "$BASH" -c 'source "$1"; shift; _mount_and_chroot "$@"' lanes "${BASH_SOURCE[0]}" "$rootfs"
    "${#PIP_BINDS[@]}" "${PIP_BINDS[@]}" /usr/bin/env "${PIP_ENV[@]}" "$@")
}

_mount_and_chroot() { # ROOTFS COUNT SOURCE TARGET... COMMAND...; only inside the private namespace
  set -euo pipefail
  local rootfs="$1" count="$2"; shift 2
  local binds=("${@:1:$count}"); shift "$count"
  # /tmp first: a checkout below /tmp (CI clones) is bound on top of it, not hidden by it.
  mount -t tmpfs -o mode=1777 lane-tmp "$rootfs/tmp"
  mount -t proc proc "$rootfs/proc"
  # /dev with its submounts: /dev/pts for ptys, /dev/shm for Python's multiprocessing.
  mount --rbind /dev "$rootfs/dev"
  mkdir -p "$rootfs$CHECKOUT"
  mount --bind "$CHECKOUT" "$rootfs$CHECKOUT"
  local i source target
  for ((i = 0; i < ${#binds[@]}; i += 2)); do
    source="${binds[i]}" target="$rootfs${binds[i + 1]}"
    if [[ -d "$source" ]]; then
      mkdir -p "$target"
    else
      mkdir -p "$(dirname "$target")"
      [[ -e "$target" ]] || : >"$target"
    fi
    mount --bind "$source" "$target"
    mount -o remount,bind,ro "$target"
  done
  exec chroot "$rootfs" "$@"
}
