#!/usr/bin/env bash
# Installs what building and testing SwiftHouse needs on a fresh Debian machine:
# the system compression and line-editing libraries, restic (the oracle of `swifthouse backup prune`'s retention
# rules) and a Python virtualenv (moto_server, chdb) under .venv/.
# Idempotent: a second run only checks. SH_VENV overrides the virtualenv's location.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${SH_VENV:-$root/.venv}

missing=()
for pkg in liblz4-dev libzstd-dev zlib1g-dev liblzma-dev libbz2-dev libedit-dev pkg-config python3-venv restic; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    echo "bootstrap: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! "$venv/bin/python" -c 'import moto, chdb, boto3, lz4, zstandard, clickhouse_connect, clickhouse_driver, clickhouse_cityhash' 2>/dev/null; then
    echo "bootstrap: creating the Python virtualenv at $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/scripts/requirements.txt"
fi
