#!/usr/bin/env bash
# scripts/demo.sh — the newcomer's first command: installs everything Loket needs,
# builds it, loads the demo offices (embedded SQLite store in ./data) and serves on
# http://127.0.0.1:8080 until Ctrl-C.  Set LOKET_LISTEN to use another address.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
make -s -j"$(nproc)"
build/loket demo
echo "Open ${LOKET_BASE_URL:-http://${LOKET_LISTEN:-127.0.0.1:8080}} in a browser (Ctrl-C stops Loket)."
exec build/loket serve
