#!/usr/bin/env bash
# Benchmarks SwiftHouse (release build) against ClickHouse (chdb) on the same data and the same local
# S3 endpoint (moto_server), in one run. Not part of the test suite. Usage: bench/run.sh [rows ...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/bootstrap.sh
venv=${SH_VENV:-$root/.venv}
swift build -c release --product swifthouse >&2
exec "$venv/bin/python" bench/bench.py --swifthouse "$(swift build -c release --show-bin-path)/swifthouse" "$@"
