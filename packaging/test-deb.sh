#!/usr/bin/env bash
# packaging/test-deb.sh — installs build/loket_*.deb into a throwaway Debian 12 root and
# checks what an operator would: apt resolves its dependencies, postinst made the loket
# user, /var/lib/loket and a 0640 configuration; the installed binary, run as loket
# with the installed configuration and the unit's ExecStart line, serves /healthz and the
# demo catalogue; a backup of it restores; removing and purging the package keep the data.
# systemd itself does not run in a chroot: the unit is checked with systemd-analyze
# verify on this machine instead, and its start is done by hand.  Run as root:
#   packaging/test-deb.sh [DEB]     (FRESH_CACHE=tarball of a debootstrap minbase root)
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t build/loket_*.deb | head -1)}
[ "$(id -u)" = 0 ] || { echo "test-deb.sh: run as root (chroot, mounts)" >&2; exit 2; }
cache=${FRESH_CACHE:-/tmp/fresh-bookworm.tar}
root=$(mktemp -d /tmp/loket-debroot-XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true
  for m in dev/pts dev proc; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
step() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; exit 1; }

step "a fresh Debian 12 root in $root"
if [ -f "$cache" ]; then tar -C "$root" -xf "$cache"
else
  mirror=$(awk '/^URIs:/ && $2 ~ /\/debian$/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null)
  debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}" >/dev/null
fi
chmod 0755 "$root"
mount --bind /dev "$root/dev"; mount -t devpts devpts "$root/dev/pts" 2>/dev/null || true; mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/"
cp /etc/apt/apt.conf.d/99* "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
mkdir -p "$root/usr/local/share/ca-certificates"; cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null || true
cp "$deb" "$root/tmp/loket.deb"
# The unit's environment: HOME of the loket user, fontconfig's cache in CacheDirectory=.
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/loket \
  XDG_CACHE_HOME=/var/cache/loket LANG=C.UTF-8 "$@"; }

step "apt installs $(basename "$deb") and its dependencies"
in_root apt-get update -qq >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/loket.deb curl >"$root/tmp/apt.log" 2>&1 \
  || { tail -20 "$root/tmp/apt.log"; fail "apt-get install"; }
in_root getent passwd loket >/dev/null || fail "no loket user"
[ "$(in_root stat -c '%U %a' /var/lib/loket)" = "loket 750" ] || fail "/var/lib/loket: $(in_root stat -c '%U %a' /var/lib/loket)"
[ "$(in_root stat -c '%U:%G %a' /etc/loket/loket.conf)" = "root:loket 640" ] || fail "loket.conf: $(in_root stat -c '%U:%G %a' /etc/loket/loket.conf)"
in_root loket --version
install -d -o "$(in_root id -u loket)" -g "$(in_root id -g loket)" "$root/var/cache/loket"   # CacheDirectory=
systemd-analyze verify "$root/lib/systemd/system/loket.service" 2>&1 | grep -v 'is not executable\|Failed to prepare filename' | grep . \
  && fail "systemd-analyze verify loket.service" || echo "systemd-analyze verify: no complaints about the unit"

step "the unit's ExecStart, as the loket user, with the installed configuration"
execstart=$(sed -n 's/^ExecStart=//p' "$root/lib/systemd/system/loket.service")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
in_root setpriv --reuid=loket --regid=loket --init-groups loket demo --config /etc/loket/loket.conf >/dev/null \
  || fail "loket demo as loket"
# chroot, env and setpriv each exec the next: $! is the serve process itself.
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/loket XDG_CACHE_HOME=/var/cache/loket \
  setpriv --reuid=loket --regid=loket --init-groups $execstart --listen "127.0.0.1:$port" >"$root/tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$port/healthz" || { cat "$root/tmp/serve.log"; fail "serve did not answer"; }
curl -fsS "http://127.0.0.1:$port/katalog" | grep -q 'Kota Pangkalpinang' || fail "the catalogue lacks the demo office"
grep -q 'configuration from /etc/loket/loket.conf' "$root/tmp/serve.log" || fail "the configuration file was not read"
echo "serves on 127.0.0.1:$port: /healthz and the demo catalogue"

step "backup while serving, restore into a new folder"
in_root setpriv --reuid=loket --regid=loket --init-groups loket backup --config /etc/loket/loket.conf --output /var/backups/loket/t.tar
in_root setpriv --reuid=loket --regid=loket --init-groups loket restore --config /etc/loket/loket.conf --data /var/lib/loket/restored-copy /var/backups/loket/t.tar
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
grep -q 'msg=stopped' "$root/tmp/serve.log" || fail "serve did not stop gracefully"

step "remove and purge keep the data"
in_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq loket >/dev/null 2>&1 || fail "apt-get remove"
[ -f "$root/var/lib/loket/loket.db" ] || fail "remove deleted the database"
[ -f "$root/etc/loket/loket.conf" ] || fail "remove deleted the configuration"
in_root dpkg --purge loket >/dev/null 2>&1 || fail "dpkg --purge"
[ -f "$root/var/lib/loket/loket.db" ] || fail "purge deleted the database"
[ ! -e "$root/usr/bin/loket" ] || fail "the binary is still there"
echo "deb: installed, served, backed up, restored, removed and purged; the data stayed"
