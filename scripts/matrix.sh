#!/usr/bin/env bash
# make matrix: the README's `make test` (both engines) and `make demo` inside
# Debian roots made with debootstrap (default: trixie = Debian 13, QGIS 3.40;
# sid = Debian unstable, QGIS 3.44), each on a fresh clone of the committed
# HEAD of a checkout. The roots run one after another (the CPU is shared).
#
#   scripts/matrix.sh                      # as root (debootstrap, chroot, mount)
#   MATRIX_REPO=/path/to/checkout make matrix
#
# Environment:
#   MATRIX_REPO    checkout to clone (default: the one this script lives in);
#                  its committed HEAD is tested, uncommitted changes are not
#   MATRIX_SUITES  Debian suites (default "trixie sid")
#   MATRIX_CACHE   where the roots are kept (default /var/cache/doldo-matrix);
#                  <cache>/<suite> is reused when complete and upgraded
#   MATRIX_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   MATRIX_DEMO    1 (default) also runs `make demo` and prints its numbers
#   MATRIX_LOGS    full logs (default <this checkout>/out/matrix)
#   MATRIX_TIMEOUT seconds allowed to each step inside a root (default 3600)
# Exit status: 0 when every root's tests (and demo) passed, 1 otherwise,
# 2 on a usage or set-up error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="${MATRIX_REPO:-$here}"
suites="${MATRIX_SUITES:-trixie sid}"
cache="${MATRIX_CACHE:-/var/cache/doldo-matrix}"
mirror="${MATRIX_MIRROR:-http://deb.debian.org/debian}"
run_demo="${MATRIX_DEMO:-1}"
logs="${MATRIX_LOGS:-$here/out/matrix}"
step_timeout="${MATRIX_TIMEOUT:-3600}"
# What a root gets when it is made (the rest comes from the checkout's own
# `make test`, as on a user's fresh machine): debootstrap's minbase plus
# ca-certificates, git and make, then the Makefile's Debian packages.
boot_pkgs="ca-certificates,git,make"
root_pkgs="qgis python3-qgis qgis-providers python3-venv python3-pip python3-numpy python3-scipy python3-matplotlib"
stamp_name=".doldo-matrix-ready"     # written last: a root without it is half-made
inroot_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

say() { printf '[matrix %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { say "ERROR: $*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount): run it as root or with sudo"
command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
git -C "$repo" rev-parse --verify -q HEAD >/dev/null || die "$repo is not a git checkout with a commit"
commit="$(git -C "$repo" rev-parse HEAD)"
gitdir="$(cd "$repo" && cd "$(git rev-parse --git-common-dir)" && pwd)"
mkdir -p "$cache" "$logs"

# ---------------------------------------------------------------- mounts
# Every mount made under a root is recorded and undone on exit, whatever
# happens (error, Ctrl-C, timeout); a busy one is lazily detached. Before a
# root is removed, no mount may remain under it (a bound /dev would otherwise
# be emptied by rm -rf).
MOUNTS=()
mounts_under() {  # targets mounted at or below $1, deepest first
  findmnt -rn -o TARGET | awk -v r="$1" '$0 == r || index($0, r "/") == 1' | sort -r
}
kill_root_procs() {  # processes still running inside root $1 (by pid)
  local root pid pids=()
  root="$(readlink -f "$1")"
  for pid in /proc/[0-9]*; do
    [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ] && pids+=("${pid#/proc/}")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  say "stopping ${#pids[@]} process(es) left in $root: ${pids[*]}"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  sleep 2
  kill -KILL "${pids[@]}" 2>/dev/null || true
}
unmount_path() { umount "$1" 2>/dev/null || umount -l "$1" 2>/dev/null || say "cannot unmount $1"; }
unmount_root() {  # everything under root $1, recorded or not
  local m i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    case "${MOUNTS[i]}" in "$1"/*) unmount_path "${MOUNTS[i]}"; unset 'MOUNTS[i]' ;; esac
  done
  MOUNTS=("${MOUNTS[@]}")
  while read -r m; do
    [ -n "$m" ] && unmount_path "$m"
  done < <(mounts_under "$1")
  return 0
}
ACTIVE_ROOT=""
cleanup() {
  local m i j
  for j in $(jobs -p); do kill -TERM "$j" 2>/dev/null || true; done   # prepare jobs, debootstrap
  for j in $(jobs -p); do wait "$j" 2>/dev/null || true; done
  [ -z "$ACTIVE_ROOT" ] || kill_root_procs "$ACTIVE_ROOT" 2>/dev/null || true
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do unmount_path "${MOUNTS[i]}"; done
  MOUNTS=()
  [ -z "$ACTIVE_ROOT" ] || unmount_root "$ACTIVE_ROOT"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM HUP

mount_root() {
  local root="$1"
  ACTIVE_ROOT="$root"
  mkdir -p "$root/proc" "$root/sys" "$root/dev"
  mount -t proc proc "$root/proc" && MOUNTS+=("$root/proc") || return 1
  { mount -t sysfs sysfs "$root/sys" || mount --bind /sys "$root/sys"; } && MOUNTS+=("$root/sys") || return 1
  mount --bind /dev "$root/dev" && MOUNTS+=("$root/dev") || return 1
  mount --bind /dev/pts "$root/dev/pts" && MOUNTS+=("$root/dev/pts") || return 1
  # a private /dev/shm (Python's multiprocessing/dask use it): nothing the
  # root writes there lands in the host's /dev
  mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm" && MOUNTS+=("$root/dev/shm") || return 1
}

remove_root() {
  local root="$1"
  kill_root_procs "$root"
  unmount_root "$root"
  if [ -n "$(mounts_under "$root")" ]; then
    die "mounts remain under $root; not removing it: $(mounts_under "$root" | tr '\n' ' ')"
  fi
  rm -rf --one-file-system "$root"
}

# ---------------------------------------------------------------- root set-up
in_root() {  # in_root ROOT COMMAND...: clean environment, as root, with a timeout
  local root="$1" pid; shift
  # in the background + wait, so that a signal to this script is handled
  # (cleanup) at once rather than when the step ends
  timeout --kill-after=30 "$step_timeout" chroot "$root" /usr/bin/env -i \
    HOME=/root PATH="$inroot_path" LANG=C.UTF-8 TERM=dumb \
    DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$@" &
  pid=$!
  wait "$pid"
}

copy_pip_refs() {  # files a pip config names (e.g. constraint = /etc/xdg/pip/constraints.txt)
  local root="$1" conf="$2" p
  # (directories, e.g. find-links or file:// indexes, are host-local mirrors:
  # not copied; pip in the root then uses PyPI)
  for p in $(sed -n 's/^[^#;=]*=[[:space:]]*//p' "$conf" | tr ' ' '\n' | sed 's|^file://||' | grep '^/' || true); do
    case "$p" in /etc/ssl/*) continue ;; esac    # the root's own CA bundle
    [ -f "$p" ] && install -D -m 644 "$p" "$root$p"
  done
  return 0
}

configure_root() {  # host's resolver, pip configuration, CA certificates; apt settings
  local root="$1" suite="$2" f
  cp -L --remove-destination /etc/resolv.conf "$root/etc/resolv.conf"
  for f in /etc/pip.conf /etc/xdg/pip/pip.conf; do
    [ -f "$f" ] && install -D -m 644 "$f" "$root$f" && copy_pip_refs "$root" "$f"
  done
  for f in .config/pip/pip.conf .pip/pip.conf; do
    [ -f "$HOME/$f" ] && install -D -m 644 "$HOME/$f" "$root/root/$f" && copy_pip_refs "$root" "$HOME/$f"
  done
  mkdir -p "$root/usr/local/share/ca-certificates"
  if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  fi
  # sid's Release file may be past its Valid-Until date on a mirror snapshot
  if [ "$suite" = sid ] || [ "$suite" = unstable ]; then
    echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99doldo-valid-until"
  fi
  echo 'Acquire::Retries "3";' > "$root/etc/apt/apt.conf.d/99doldo-retries"
  # a stable suite as a user has it: with its updates and security archives
  case "$suite" in
    sid|unstable|testing) ;;
    *) if ! grep -qs "$suite-updates" "$root/etc/apt/sources.list"; then
         {
           echo "deb $mirror $suite-updates main"
           echo "deb ${mirror%/debian}/debian-security $suite-security main"
         } >> "$root/etc/apt/sources.list"
       fi ;;
  esac
}

make_root() {  # debootstrap + Debian packages; the stamp is written last
  local root="$1" suite="$2"
  if [ -e "$root" ]; then
    say "$suite: $root has no $stamp_name (half-made): removing it"
    remove_root "$root"
  fi
  mkdir -p "$root"
  ACTIVE_ROOT="$root"   # debootstrap mounts /proc and /sys itself: swept on exit
  say "$suite: debootstrap from $mirror"
  debootstrap --variant=minbase --include="$boot_pkgs" "$suite" "$root" "$mirror" \
    > "$logs/$suite-debootstrap.log" 2>&1 &
  wait $! || { tail -n 20 "$logs/$suite-debootstrap.log"; return 1; }
  configure_root "$root" "$suite"
  mount_root "$root" || return 1
  in_root "$root" update-ca-certificates > "$logs/$suite-ca.log" 2>&1 || return 1
  say "$suite: installing $root_pkgs"
  in_root "$root" sh -c "apt-get update && apt-get install -y --no-install-recommends $root_pkgs && apt-get clean" \
    > "$logs/$suite-apt.log" 2>&1 \
    || { tail -n 20 "$logs/$suite-apt.log"; return 1; }
  date -u +%FT%TZ > "$root/$stamp_name"
}

upgrade_root() {
  local root="$1" suite="$2"
  configure_root "$root" "$suite"
  mount_root "$root" || return 1
  in_root "$root" update-ca-certificates > "$logs/$suite-ca.log" 2>&1 || return 1
  say "$suite: apt-get update && upgrade"
  in_root "$root" sh -c "apt-get update && apt-get -y upgrade && apt-get install -y --no-install-recommends $root_pkgs && apt-get clean" \
    > "$logs/$suite-apt.log" 2>&1 \
    || { tail -n 20 "$logs/$suite-apt.log"; return 1; }
}

# ---------------------------------------------------------------- one root
VERSIONS_PY='
import platform
from qgis.core import Qgis
from qgis.PyQt.QtCore import QT_VERSION_STR
import numpy, scipy
try:
    import numba
    nb = numba.__version__
except Exception as e:
    nb = "not importable (%s)" % e
print("QGIS %s, Qt %s, Python %s, numpy %s, scipy %s, numba %s" % (
    Qgis.version(), QT_VERSION_STR, platform.python_version(), numpy.__version__,
    scipy.__version__, nb))
'
SUMMARY_RE='^(=+ )?[0-9]+ (passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?)\b.* in [0-9.]+s'

# Making or upgrading a root is network-bound: every root is prepared at once
# in the background (its own mounts and traps, log <suite>-prepare.log), and
# the tests, CPU-bound, then run one root after another.
prepare_root() {
  local suite="$1" root="$cache/$1" t0
  t0=$(date +%s)
  if [ -n "$(mounts_under "$root")" ]; then
    say "$suite: stale mounts under $root: unmounting"; unmount_root "$root"
  fi
  if [ -f "$root/$stamp_name" ]; then
    upgrade_root "$root" "$suite" || { say "$suite: root upgrade FAILED"; return 1; }
    say "$suite: root upgraded in $(( $(date +%s) - t0 )) s"
  else
    make_root "$root" "$suite" || { say "$suite: root set-up FAILED"; return 1; }
    say "$suite: root made from nothing in $(( $(date +%s) - t0 )) s"
  fi
}
declare -A PREP_PID
start_prepare() {
  local suite="$1"
  (
    MOUNTS=(); ACTIVE_ROOT=""
    trap cleanup EXIT
    trap 'say "$suite: preparation interrupted"; exit 130' INT TERM HUP
    if prepare_root "$suite"; then exit 0; else exit 1; fi
  ) > "$logs/$suite-prepare.log" 2>&1 &
  PREP_PID[$suite]=$!
}

declare -A RESULT
run_suite() {  # the steps, then whatever happened: nothing left running or mounted
  local rc=0
  suite_steps "$1" || rc=$?
  if [ -n "$ACTIVE_ROOT" ]; then
    kill_root_procs "$ACTIVE_ROOT"
    unmount_root "$ACTIVE_ROOT"
  fi
  MOUNTS=()
  ACTIVE_ROOT=""
  return $rc
}
suite_steps() {
  local suite="$1" root="$cache/$1" t0 t1 rc=0 prc=0 log line
  t0=$(date +%s)
  wait "${PREP_PID[$suite]}" || prc=$?
  sed 's/^/  /' "$logs/$suite-prepare.log"
  if [ $prc != 0 ] || [ ! -f "$root/$stamp_name" ]; then
    RESULT[$suite]="root preparation failed (see $logs/$suite-*.log)"; return 1
  fi
  [ "$(( $(date +%s) - t0 ))" -lt 2 ] || say "$suite: waited $(( $(date +%s) - t0 )) s for the root"
  configure_root "$root" "$suite"      # the host's resolver/pip/CA as they are now
  mount_root "$root" || { RESULT[$suite]="mounting failed"; return 1; }
  say "$suite: Debian $(cat "$root/etc/debian_version"); fresh clone of $commit"
  rm -rf --one-file-system "$root/root/doldo"
  git clone -q --no-checkout "$gitdir" "$root/root/doldo" &&
    git -C "$root/root/doldo" -c advice.detachedHead=false checkout -q --detach "$commit" \
    || { RESULT[$suite]="git clone failed"; return 1; }

  t1=$(date +%s)
  log="$logs/$suite-venv.log"
  if ! in_root "$root" sh -c 'cd /root/doldo && make venv' > "$log" 2>&1; then
    tail -n 30 "$log"
    RESULT[$suite]="make venv failed (see $log)"; return 1
  fi
  say "$suite: make venv in $(( $(date +%s) - t1 )) s"
  line="$(in_root "$root" /root/doldo/.venv/bin/python -c "$VERSIONS_PY" 2>&1 | tail -n 1)"
  say "$suite: $line"
  RESULT[$suite]="$line"

  t1=$(date +%s)
  log="$logs/$suite-test.log"
  in_root "$root" sh -c 'cd /root/doldo && make test' > "$log" 2>&1 || rc=1
  say "$suite: make test $([ $rc = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - t1 )) s (log: $log)"
  grep -E "$SUMMARY_RE" "$log" | sed "s/^/[matrix]   $suite pytest: /" || say "$suite: no pytest summary line (see $log)"
  if [ $rc != 0 ]; then
    grep -E '^(FAILED|ERROR) ' "$log" | head -n 40 | sed 's/^/[matrix]     /' || tail -n 30 "$log"
  fi
  RESULT[$suite]+=$'\n'"    make test: $([ $rc = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - t1 )) s; "
  RESULT[$suite]+="$(grep -E "$SUMMARY_RE" "$log" | sed 's/=//g; s/^ *//; s/ *$//' | paste -sd '|' - | sed 's/|/ ; /g')"
  if [ $rc != 0 ]; then   # the names in the summary too: a CI shows only the tail
    RESULT[$suite]+="$(grep -E '^(FAILED|ERROR) ' "$log" | head -n 10 | cut -c1-200 | sed 's/^/\n      /')"
  fi

  if [ "$run_demo" = 1 ]; then
    local drc=0
    t1=$(date +%s)
    log="$logs/$suite-demo.log"
    in_root "$root" sh -c 'cd /root/doldo && make demo' > "$log" 2>&1 || drc=1
    say "$suite: make demo $([ $drc = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - t1 )) s (log: $log)"
    line="$(grep -E '^(H_MAX|GLOBAL_CORE_FIRMS|CORE_FIRMS|CLUSTER_COUNT|GAMMA_SUM):' "$log" | tr -d '\t ' | paste -sd ' ' -)"
    [ $drc = 0 ] || { grep -iE 'error|exception' "$log" | tail -n 5 | sed 's/^/[matrix]     /'; }
    say "$suite: demo numbers: ${line:-none}"
    RESULT[$suite]+=$'\n'"    make demo: $([ $drc = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - t1 )) s; ${line:-no numbers}"
    [ $drc = 0 ] || rc=1
  fi

  say "$suite: done in $(( $(date +%s) - t0 )) s"
  return $rc
}

# ---------------------------------------------------------------- main
[ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] || \
  say "note: $repo has uncommitted changes; the matrix tests its HEAD $commit"
say "repository $repo at $(git -C "$repo" log -1 --format='%h %s' | cut -c1-80)"
say "suites: $suites; roots under $cache; logs in $logs"
start=$(date +%s)
for suite in $suites; do start_prepare "$suite"; done
failed=()
for suite in $suites; do
  if ! run_suite "$suite"; then failed+=("$suite"); fi
done

say "summary ($(( $(date +%s) - start )) s in all)"
for suite in $suites; do
  printf '  %-7s %s\n' "$suite" "${RESULT[$suite]:-not run}"
done
if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED in: ${failed[*]}"
  exit 1
fi
say "all roots passed"
