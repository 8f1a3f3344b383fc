#!/usr/bin/env bash
# Replays the seed page ("Backup and restore to/from an S3 endpoint") against a local S3 endpoint:
# starts moto_server on 127.0.0.1, points the page's endpoint at it, and runs every statement of the
# page unchanged with `swifthouse local`, printing each statement and its output (PrettyCompact).
# The page's RESTORE names table `data` (a typo): it fails exactly as ClickHouse fails; the demo then
# runs the intended statement so that the page's verification steps can follow.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
scripts/bootstrap.sh
venv=${SH_VENV:-$root/.venv}
swift build --product swifthouse >&2
bin=$(swift build --show-bin-path)/swifthouse

port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
data=$(mktemp -d)
trap 'kill $moto 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
    curl -s "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -s -X PUT "http://127.0.0.1:$port/backup-ch-docs" >/dev/null
endpoint="http://127.0.0.1:$port/backup-ch-docs/"
echo "S3 endpoint: $endpoint (moto_server), data directory: $data"

run() {
    local sql=$1
    printf '\n%s\n' "$sql"
    "$bin" local --path "$data" --format PrettyCompact --query "$sql" || true
}

statements=$(sed "s#https://backup-ch-docs.s3.us-east-1.amazonaws.com/#$endpoint#g" demo/seed-page.sql)
"$venv/bin/python" - "$statements" <<'PY' > "$data/statements.txt"
import sys
text = sys.argv[1]
for statement in [s.strip() for s in text.split(";\n") if s.strip()]:
    print(statement.rstrip(";").replace("\n", "\\n") + "\0", end="")
PY
while IFS= read -r -d '' statement; do
    sql=$(printf '%b' "$statement")
    run "$sql"
    if [[ "$sql" == RESTORE\ TABLE\ data* ]]; then
        echo
        echo "-- The page's RESTORE names table 'data', which the backup does not contain; the intended statement:"
        run "${sql/RESTORE TABLE data AS/RESTORE TABLE test_db.test_table AS}"
    fi
done < "$data/statements.txt"
