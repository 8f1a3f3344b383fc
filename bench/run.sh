#!/usr/bin/env bash
# Benchmarks SwiftHouse (release build) against ClickHouse (chdb) on identical bytes (the default; --mode logical
# for each system's own parts of the same rows), on two local S3 endpoints started here (moto_server and
# SeaweedFS), in one run. Not part of the test suite.
# Usage: bench/run.sh [--mode identical|logical] [--endpoints moto seaweedfs] [--rows N ...] [--repeat N]
#                     [--parts N] [--s3-mib N] [--big]   (defaults: 1M and 10M rows, 3 repetitions; --big adds 100M)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/bootstrap.sh
venv=${SH_VENV:-$root/.venv}
"$venv/bin/pip" install --quiet -r bench/requirements.txt
swift build -c release --product swifthouse >&2
swift build -c release --product sh-s3-bench >&2
bin=$(swift build -c release --show-bin-path)
exec "$venv/bin/python" bench/bench.py --swifthouse "$bin/swifthouse" --s3-bench "$bin/sh-s3-bench" "$@"
