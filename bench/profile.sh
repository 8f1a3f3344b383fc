#!/usr/bin/env bash
# Profiles one step of the seed workflow in SwiftHouse (release build) with perf and prints the top symbols.
# Usage: bench/profile.sh [rows] [step] [source]   step: ingest | backup | restore | verify  (default: 1000000 backup)
#   source: swifthouse (default; SwiftHouse writes the parts) | clickhouse (identical bytes: ClickHouse (chdb) writes
#   the parts and backs them up, SwiftHouse restores ClickHouse's backup; only the restore step is profiled then).
# Needs perf (linux-perf) and a kernel.perf_event_paranoid that allows user-space sampling.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rows=${1:-1000000}
step=${2:-backup}
source=${3:-swifthouse}
scripts/bootstrap.sh >&2
venv=${SH_VENV:-$root/.venv}
# SH_BIN: a release swifthouse built elsewhere (otherwise this checkout's is built).
bin=${SH_BIN:-}
if [ -z "$bin" ]; then
  swift build -c release --product swifthouse >&2
  bin="$(swift build -c release --show-bin-path)/swifthouse"
fi
work=$(mktemp -d)
port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; rm -rf "$work"' EXIT
until curl -s "http://127.0.0.1:$port" >/dev/null; do sleep 0.1; done
curl -s -X PUT "http://127.0.0.1:$port/bench" >/dev/null
s3="S3('http://127.0.0.1:$port/bench/profile', 'testing', 'testing')"
run() { "$bin" local --path "$work/data" --format Null --query "$1"; }
ingest="CREATE DATABASE test_db; CREATE TABLE test_db.test_table (key Int32, value String, array Array(String))
  ENGINE = MergeTree ORDER BY tuple(); INSERT INTO test_db.test_table SELECT * FROM
  generateRandom('key Int, value String, array Array(String)', 1) LIMIT $rows"
backup="BACKUP TABLE test_db.test_table TO $s3"
restore="RESTORE TABLE test_db.test_table AS test_db.test_table_restored FROM $s3"
verify="SELECT throwIf((SELECT groupArray(tuple(*)) FROM test_db.test_table) !=
  (SELECT groupArray(tuple(*)) FROM test_db.test_table_restored))"
order=(ingest backup restore verify)
if [ "$source" = clickhouse ]; then
  [ "$step" = restore ] || { echo "source clickhouse profiles the restore step only" >&2; exit 2; }
  "$venv/bin/python" - "$port" "$rows" "$work/chdb" <<'PY' >&2
import sys
from chdb import session
port, rows, path = sys.argv[1:]
s = session.Session(path)
for q in ["CREATE DATABASE test_db",
          "CREATE TABLE test_db.test_table (key Int32, value String, array Array(String)) ENGINE = MergeTree ORDER BY tuple()",
          f"INSERT INTO test_db.test_table SELECT * FROM generateRandom('key Int, value String, array Array(String)', 1) LIMIT {rows}",
          f"BACKUP TABLE test_db.test_table TO S3('http://127.0.0.1:{port}/bench/profile', 'testing', 'testing')"]:
    s.query(q)
print(s.query("SELECT count(), formatReadableSize(sum(bytes_on_disk)) FROM system.parts WHERE active AND table = 'test_table'"))
PY
  restore="CREATE DATABASE test_db; $restore"
  order=(restore)
fi
for name in "${order[@]}"; do
  if [ "$name" = "$step" ]; then
    perf record -F 999 -g -o "$work/perf.data" "$bin" local --path "$work/data" --format Null --query "${!name}" >&2
    perf report -i "$work/perf.data" --no-children --stdio --sort dso,sym 2>/dev/null |
      grep -E '^ +[0-9]' | head -25 | swift demangle --simplified | cut -c1-160
    exit 0
  fi
  run "${!name}"
done
echo "unknown step: $step" >&2
exit 2
