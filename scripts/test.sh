#!/usr/bin/env bash
# scripts/test.sh — the whole test suite, as the README says: installs what is missing,
# builds, starts a throwaway PostgreSQL, then runs
#   1. the C unit tests (store and domain tests run on SQLite and on PostgreSQL),
#   2. the integration tests against the real binary, on SQLite and on PostgreSQL,
#   3. the browser tests (Chromium + axe-core), on SQLite and on PostgreSQL,
#   4. every libFuzzer target for FUZZ_SECONDS each (default 10) when clang is there,
# and ends with one line "tests: N passed, N failed".  Exit status 0 only if all passed.
#   scripts/test.sh [--no-install] [--only unit|integration|browser|fuzz] [--db sqlite|pg]
set -uo pipefail
cd "$(dirname "$0")/.."

install=1 only="" dbs="sqlite pg"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=0 ;;
    --only) only=$2; shift ;;
    --db) dbs=$2; shift ;;
    *) echo "usage: $0 [--no-install] [--only unit|integration|browser|fuzz] [--db sqlite|pg]" >&2; exit 2 ;;
  esac
  shift
done

[ "$install" = 1 ] && { scripts/install-deps.sh || exit 1; }
make -s -j"$(nproc)" all unit-bins || exit 1

if [ "$only" != unit ] && [ "$only" != fuzz ]; then
  node tests/lib/preflight.mjs || { echo "tests: 0 passed, 1 failed"; exit 1; }
  # The runner's flags: --test-reporter arrived in Node 18.15 (needed: the counts below are
  # read from TAP), --test-concurrency in 18.19/20.10 (optional: without it Node picks).
  if ! node --test-reporter=tap -e 0 >/dev/null 2>&1; then
    echo "preflight: this Node.js ($(node --version)) has no --test-reporter=tap; Node 18.15 or newer is needed" >&2
    echo "tests: 0 passed, 1 failed"; exit 1
  fi
  concurrency_flag=1
  node --test-concurrency=1 -e 0 >/dev/null 2>&1 || concurrency_flag=0
fi

passed=0 failed=0
out=tests/out
mkdir -p "$out"

pgdir=""
cleanup() { [ -n "$pgdir" ] && scripts/pg-test-server.sh stop "$pgdir" >/dev/null 2>&1; }
trap cleanup EXIT
if [[ " $dbs " == *" pg "* ]]; then
  pgdir=$(mktemp -d /tmp/loket-pg-XXXXXX)
  if ! LOKET_TEST_PG_URL=$(scripts/pg-test-server.sh start "$pgdir"); then
    echo "test.sh: could not start PostgreSQL" >&2; exit 1
  fi
  export LOKET_TEST_PG_URL
  echo "== PostgreSQL test server: $LOKET_TEST_PG_URL"
fi

# cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)".
run_unit() {
  for t in build/tests/test_*; do
    [ -x "$t" ] || continue
    echo "== unit: $t"
    "$t" 2>&1 | tee "$out/unit.log"
    local rc=${PIPESTATUS[0]}
    local p f
    p=$(grep -oE '\[  PASSED  \] [0-9]+' "$out/unit.log" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')
    f=$(grep -oE '\[  FAILED  \] [0-9]+' "$out/unit.log" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
  done
}

# node's test runner with the TAP reporter ends with "# pass N" and "# fail N".
run_node() {
  local kind=$1 db=$2 conc=$3
  echo "== $kind tests on $db"
  local env=()
  [ "$db" = sqlite ] && env=(env -u LOKET_TEST_PG_URL)
  local flags=(--test --test-reporter=tap)
  [ "${concurrency_flag:-1}" = 1 ] && flags+=(--test-concurrency="$conc")
  "${env[@]}" node "${flags[@]}" tests/"$kind"/*.test.mjs \
    > "$out/$kind-$db.tap" 2>&1
  local rc=$?
  grep -E '^(not ok|# (pass|fail|tests))' "$out/$kind-$db.tap" | sed 's/^/   /'
  if grep -q '^not ok' "$out/$kind-$db.tap"; then
    echo "   --- failures (full log: $out/$kind-$db.tap)"
    grep -B2 -A25 '^\s*not ok' "$out/$kind-$db.tap" | head -150
  fi
  local p f
  p=$(grep -E '^# pass ' "$out/$kind-$db.tap" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -E '^# fail ' "$out/$kind-$db.tap" | tail -1 | grep -oE '[0-9]+')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
}

# Every libFuzzer target (fuzz/fuzz_*.c) for a bounded time, each from its committed corpus
# (fuzz/corpus-NAME), new finds written to a scratch folder: one test per target.
run_fuzz() {
  if ! command -v clang >/dev/null; then echo "== fuzz: clang missing, skipped"; return; fi
  local secs=${FUZZ_SECONDS:-10} src name
  if ! make -s fuzz-lib > "$out/fuzz-build.log" 2>&1; then
    echo "   the fuzz build failed (log: $out/fuzz-build.log)"; tail -30 "$out/fuzz-build.log"
    failed=$((failed + 1)); return
  fi
  for src in fuzz/fuzz_*.c; do
    name=$(basename "$src" .c)
    echo "== fuzz: $name for $secs s"
    rm -rf "$out/new-$name"; mkdir -p "$out/new-$name"   # this run's finds only: no earlier, longer inputs
    local corpus=()
    [ -d "fuzz/corpus-$name" ] && corpus+=("fuzz/corpus-$name")
    if make -s "build-fuzz/$name" >> "$out/fuzz-build.log" 2>&1 &&
       "build-fuzz/$name" -max_total_time="$secs" -timeout=5 -artifact_prefix="$out/$name-" \
         "$out/new-$name" "${corpus[@]}" > "$out/$name.log" 2>&1; then
      echo "   $(grep -E '^Done [0-9]+ runs' "$out/$name.log")"
      passed=$((passed + 1))
    else
      echo "   $name failed (log: $out/$name.log, input: $out/$name-crash-*)"; tail -30 "$out/$name.log"
      failed=$((failed + 1))
    fi
  done
}

[ -z "$only" ] || [ "$only" = unit ] && run_unit
[ -z "$only" ] || [ "$only" = fuzz ] && run_fuzz
for db in $dbs; do
  [ -z "$only" ] || [ "$only" = integration ] && run_node integration "$db" 2
  [ -z "$only" ] || [ "$only" = browser ] && run_node browser "$db" 1
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
