#!/usr/bin/env bash
# scripts/pg-test-server.sh — a throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg-test-server.sh start DIR   creates DIR, starts a cluster in it and prints its
#                                         connection URL as the only line on stdout
#   scripts/pg-test-server.sh stop DIR    stops that cluster and removes DIR
#
# The cluster listens on a unix socket in DIR and on 127.0.0.1 at a free port, trusts
# local connections (it is for tests only: nothing in it matters), has a superuser
# "loket" and a database "loket_test", and runs without fsync.  PostgreSQL refuses to run
# as root, so under root DIR belongs to the postgres user and the server runs as it.
# Uses Debian's postgresql package (binaries in /usr/lib/postgresql/15/bin).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_USER=loket
DB_NAME=loket_test

die() { echo "pg-test-server: $*" >&2; exit 1; }

usage() { die "usage: $0 start|stop DIR"; }

# Runs a command as the cluster's owner: postgres under root, else the caller.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Percent-encodes a value for a URL query parameter.
url_encode() {
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9._~/-]) out+=$c ;;
      *) out+=$(printf '%%%02X' "'$c") ;;
    esac
  done
  printf '%s' "$out"
}

start() {
  local dir=$1
  [ -x "$PG_BIN/initdb" ] || die "no $PG_BIN/initdb (apt-get install postgresql)"
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then die "$dir exists and is not empty"; fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd -P)
  # The socket path must fit in sockaddr_un (107 bytes): DIR/.s.PGSQL.NNNNN
  [ ${#dir} -le 90 ] || die "$dir is too long for a unix socket path; use a shorter DIR"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" || die "user postgres cannot write $dir (check the parent folders' permissions)"
  fi
  chmod 0755 "$dir"

  as_owner "$PG_BIN/initdb" -D "$dir/data" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  cat >>"$dir/data/postgresql.conf" <<EOF

# pg-test-server.sh: throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

  # Pick a random port the kernel does not show as listening; if the server still
  # cannot bind it (a race with another process), try another.
  local port started=''
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    if command -v ss >/dev/null 2>&1 && ss -Htln "sport = :$port" | grep -q .; then continue; fi
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 30 start \
      >/dev/null 2>&1; then
      started=yes
      break
    fi
  done
  [ -n "$started" ] || { tail -n 20 "$dir/server.log" >&2 2>/dev/null || true; die "the server did not start"; }

  "$PG_BIN/createdb" -h "$dir" -p "$port" -U "$DB_USER" "$DB_NAME" \
    || die "createdb $DB_NAME failed"
  printf 'postgresql:///%s?host=%s&port=%s&user=%s\n' "$DB_NAME" "$(url_encode "$dir")" "$port" "$DB_USER"
}

stop() {
  local dir=$1
  # Refuse anything that does not look like our cluster: this deletes DIR.
  [ -f "$dir/data/PG_VERSION" ] || die "$dir does not hold a test cluster"
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

[ $# -eq 2 ] || usage
case $1 in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) usage ;;
esac
