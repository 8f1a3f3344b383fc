#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/bootstrap.sh), builds, runs the Swift test suite
# (unit tests, golden SQL files against ClickHouse references, S3 and backup tests against a local
# moto_server, interoperability with chdb), checks formatting, the module graph, the DocC catalog and that the
# golden references are still ClickHouse's output, then fuzzes each target briefly (scripts/fuzz.sh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/bootstrap.sh"
export SH_VENV=${SH_VENV:-$root/.venv}
# The modules import exactly what Package.swift declares (the graph ARCHITECTURE.md draws).
python3 "$root/scripts/testing/check_module_graph.py"
# The DocC catalog builds without a warning (broken links, misplaced sections).
docc convert "$root/Sources/SwiftHouse/SwiftHouse.docc" --fallback-display-name SwiftHouse \
    --fallback-bundle-identifier org.swifthouse.SwiftHouse --output-path "$(mktemp -d)" --analyze --warnings-as-errors
# The golden files' references are ClickHouse's own output: regenerated with chdb, they must equal what is committed.
"$SH_VENV/bin/python" "$root/scripts/testing/generate_references.py" --check
swift build --build-tests
swift test --skip-build --no-parallel 2>&1 | tee /tmp/swifthouse-test.log
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then exit "$status"; fi
swift format lint --strict --recursive Sources Tests Package.swift
# A short coverage-guided fuzz run of each target (a crash fails the run and leaves its input in Tests/Fuzz/).
if [ "${SH_SKIP_FUZZ:-0}" != 1 ]; then
    "$root/scripts/fuzz.sh" "${SH_FUZZ_SECONDS:-20}"
fi
