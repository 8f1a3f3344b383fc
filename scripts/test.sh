#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/bootstrap.sh), builds, runs the Swift test suite
# (unit tests, golden SQL files against ClickHouse references, S3 and backup tests against a local
# moto_server, interoperability with chdb), then checks formatting.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/bootstrap.sh"
export SH_VENV=${SH_VENV:-$root/.venv}
swift build --build-tests
swift test --skip-build --no-parallel 2>&1 | tee /tmp/swifthouse-test.log
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then exit "$status"; fi
swift format lint --strict --recursive Sources Tests Package.swift
