#!/usr/bin/env bash
# Runs one Swift command (`swift.sh build`, `swift.sh test --parallel`, ...),
# or, with --exec, a program Swift built (`swift.sh --exec .build/debug/x`),
# which on Linux needs the same root's libraries.
#
# With a native Swift 6 on PATH (a Mac, a Linux box with Swift) it runs that.
# Otherwise, as root on Linux, it runs the command inside a Debian trixie root,
# whose `swiftlang` package is Swift 6.0.3: the root is made once with
# debootstrap in a cache directory outside the repository and reused later.
# The command runs with /proc, /dev, the repository and the working directory
# mounted at their own paths and the environment passed through; chroot keeps
# the host's network, so servers on the host's 127.0.0.1 are reachable.
#
# Environment:
#   EXPYS_SWIFT_CACHE   where the root lives (default ~/.cache/expys-swift)
#   EXPYS_SWIFT_MOUNTS  more host directories to mount, separated by ':'
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
# Bump when the package set changes, so every machine makes a new root. git is
# there for SwiftPM, which clones a package's git dependencies with it.
root_key="trixie-swiftlang-2"
packages="swiftlang libc6-dev libcurl4-openssl-dev ca-certificates git"
cache="${EXPYS_SWIFT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/expys-swift}"
root="$cache/$root_key"
ready_marker=.expys-root-ready

log() { echo "swift.sh: $*" >&2; }

native_swift() {
  command -v swift >/dev/null 2>&1 && swift --version 2>/dev/null | grep -Eq 'Swift version ([6-9]|[1-9][0-9])\.'
}

# The first `URIs:` of the machine's own Debian sources, read at run time so
# no mirror's host name is ever committed.
debian_mirror() {
  local file=/etc/apt/sources.list.d/debian.sources
  [ -r "$file" ] || { log "cannot read $file to find a Debian mirror"; exit 1; }
  awk '/^URIs:/ { print $2; exit }' "$file"
}

# Mounts made here live in a private mount namespace (unshare), so they
# vanish when the command ends, however it ends: no trap can miss one.
in_namespace() {
  unshare --mount --propagation private -- "$@"
}

create_root() {
  local partial="$cache/$root_key.partial"
  # A half-finished earlier attempt is thrown away, never resumed: its mounts
  # died with its namespace, so only files are left.
  rm -rf --one-file-system "$partial"
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap"
    { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap ||
      { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap; }; } \
      >"$cache/debootstrap-install.log" 2>&1 ||
      { log "could not install debootstrap; see $cache/debootstrap-install.log"; exit 1; }
  fi
  local mirror started
  mirror="$(debian_mirror)"
  started=$SECONDS
  log "creating a Debian trixie root in $partial (once per machine)"
  in_namespace debootstrap --variant=minbase trixie "$partial" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { log "debootstrap failed; see $cache/debootstrap.log"; tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  log "root made in $((SECONDS - started)) s; installing $packages"
  cp /etc/resolv.conf "$partial/etc/resolv.conf" 2>/dev/null || true
  started=$SECONDS
  in_namespace "${BASH_SOURCE[0]}" --inside "$partial" / sh -c \
    "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages && apt-get clean" \
    >"$cache/install.log" 2>&1 ||
    { log "installing into the root failed; see $cache/install.log"; tail -n 20 "$cache/install.log" >&2; exit 1; }
  log "installed in $((SECONDS - started)) s"
  # The marker says the root is whole; the rename makes it visible at once.
  touch "$partial/$ready_marker"
  rm -rf --one-file-system "$root"
  mv "$partial" "$root"
  # Roots made for an older package set are no longer used.
  for old in "$cache"/trixie-swiftlang-*; do
    case "$old" in "$root" | "$root.lock") ;; *) rm -rf --one-file-system "$old" ;; esac
  done
}

ensure_root() {
  [ -e "$root/$ready_marker" ] && return
  if [ "$(uname -s)" != Linux ] || [ "$(id -u)" != 0 ]; then
    log "no Swift 6 on PATH; install Swift 6, or run as root on Linux to use a Debian trixie root"
    exit 1
  fi
  mkdir -p "$cache"
  # One creator at a time; the others wait and then find the root made.
  exec 9>"$cache/$root_key.lock"
  flock 9
  [ -e "$root/$ready_marker" ] || create_root
  exec 9>&-
}

mount_at_same_path() {
  local target="$1$2"
  mkdir -p "$target"
  mount --rbind "$2" "$target"
}

# Runs inside the private namespace: mounts, then enters the root.
inside() {
  local target="$1" workdir="$2"
  shift 2
  mount -t proc proc "$target/proc"
  mount --rbind /dev "$target/dev"
  if [ "$workdir" != / ]; then
    mount_at_same_path "$target" "$repo"
    case "$workdir/" in "$repo"/*) ;; *) mount_at_same_path "$target" "$workdir" ;; esac
    local extra
    IFS=: read -r -a extra <<<"${EXPYS_SWIFT_MOUNTS:-}"
    for dir in "${extra[@]}"; do [ -n "$dir" ] && mount_at_same_path "$target" "$(cd "$dir" && pwd)"; done
  fi
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH" \
    exec chroot "$target" /bin/sh -c 'cd "$0" && exec "$@"' "$workdir" "$@"
}

if [ "${1:-}" = --inside ]; then
  shift
  inside "$@"
fi

command=(swift)
if [ "${1:-}" = --exec ]; then
  shift
  command=()
fi

if native_swift; then
  exec "${command[@]}" "$@"
fi
ensure_root
exec unshare --mount --propagation private -- "${BASH_SOURCE[0]}" --inside "$root" "$PWD" "${command[@]}" "$@"
