#!/usr/bin/env bash
# scripts/install-deps.sh — installs everything Loket needs to build, run, test and
# benchmark on Debian 12: the compiler, the C libraries, the test servers (PostgreSQL,
# an SMTP server, nginx, wrk), Chromium for browser tests, and the npm packages
# (pinned in package.json / package-lock.json).
# Safe to run again: apt and npm skip what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

DEBS=(
  build-essential pkg-config make gcc git ca-certificates
  libmicrohttpd-dev libsqlite3-dev libpq-dev libjansson-dev libsodium-dev
  libcurl4-openssl-dev libcairo2-dev libqrencode-dev libmagic-dev zlib1g-dev libssl-dev
  fonts-dejavu-core libcmocka-dev sqlite3
  postgresql python3-aiosmtpd chromium zbar-tools poppler-utils
  nginx-light wrk clang libclang-rt-14-dev
)

# Node.js: a fresh Debian 12 has none; a machine with its own Node.js keeps it.
if ! command -v node >/dev/null 2>&1; then DEBS+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then DEBS+=(npm); fi

missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  # nginx is only a benchmark and cluster-test reference, started by those with their own
  # config and pid file.  When this script is what installs it, Debian's default site must
  # not start on port 80: a policy-rc.d for the length of this one install says so.  An
  # nginx (or any service) the operator already runs is not touched, and an existing
  # policy-rc.d is left as it is.
  policy=""
  if [[ " ${missing[*]} " == *" nginx-light "* ]] && [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# written by Loket install-deps for one apt-get run\n[ "$1" = nginx ] && exit 101\nexit 0\n' \
      | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
  fi
  $SUDO apt-get update -q
  rc=0
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || rc=$?
  # Only the policy file this run wrote is removed; no service is stopped or disabled.
  if [ -n "$policy" ]; then $SUDO rm -f "$policy"; fi
  [ "$rc" -eq 0 ] || exit "$rc"
fi

# npm: idn-area-data (wilayah), playwright-core and axe-core (browser tests).
if [ ! -d node_modules/idn-area-data ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "install-deps: done"
