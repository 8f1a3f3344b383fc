#!/usr/bin/env python3
"""SwiftHouse vs ClickHouse (chdb) on the seed workflow, same data shape, same moto S3 endpoint, one run.

Each step runs in its own process for both systems (SwiftHouse: `swifthouse local`; ClickHouse: a chdb
session in a child Python), alternating, `--repeat` times; prints median and spread of wall time, the
SwiftHouse/ClickHouse ratio, peak RSS of each process, and bytes stored per backup.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

STRUCTURE = "key Int, value String, array Array(String)"
CREATE_DB = "CREATE DATABASE IF NOT EXISTS test_db"
CREATE = "CREATE TABLE test_db.test_table (`key` Int32, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()"

CHDB_CHILD = r"""
import sys, json, time
from chdb import session
request = json.load(sys.stdin)
s = session.Session(request["path"])
start = time.perf_counter()
for sql in request["statements"]:
    s.query(sql, "Null")
sys.stderr.write("ELAPSED %f\n" % (time.perf_counter() - start))
s.close()
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_measured(argv, stdin=None):
    """Runs a child process; returns (seconds, peak RSS in MiB). A child that reports `ELAPSED s` on stderr
    (the chdb child, timing its statements without the Python and chdb start-up) is timed by that."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else None, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    errors = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{argv[0]} failed: {errors[-2000:]}")
    for line in errors.splitlines():
        if line.startswith("ELAPSED "):
            elapsed = float(line.split()[1])
    return elapsed, usage.ru_maxrss / 1024


class Systems:
    def __init__(self, swifthouse, python, endpoint):
        self.swifthouse = swifthouse
        self.python = python
        self.endpoint = endpoint

    def swift(self, path, statements):
        return run_measured([self.swifthouse, "local", "--path", path, "--format", "Null", "--query", ";\n".join(statements)])

    def clickhouse(self, path, statements):
        return run_measured([self.python, "-c", CHDB_CHILD], stdin=json.dumps({"path": path, "statements": statements}))


def bucket_bytes(endpoint, bucket, prefix):
    import boto3

    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    total = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        total += sum(o["Size"] for o in page.get("Contents", []))
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swifthouse", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("rows", nargs="*", type=int, default=[1_000_000])
    args = parser.parse_args()
    port = free_port()
    moto = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint, timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/bench", method="PUT"))
        systems = Systems(args.swifthouse, sys.executable, endpoint)
        print(f"machine: {os.cpu_count()} cores; endpoint: moto_server on loopback; repetitions: {args.repeat}")
        print(f"{'rows':>10} {'step':<22} {'SwiftHouse s':>13} {'ClickHouse s':>13} {'ratio':>6} {'SH MiB':>7} {'CH MiB':>7} {'SH stored':>11} {'CH stored':>11}")
        for rows in args.rows:
            results = {}
            for repetition in range(args.repeat):
                for name, runner in (("SwiftHouse", systems.swift), ("ClickHouse", systems.clickhouse)):
                    tag = f"{name[:2].lower()}{rows}r{repetition}{int(time.time() * 1000) % 100000}"
                    s3 = lambda p: f"S3('{endpoint}/bench/{tag}/{p}', 'testing', 'testing')"
                    directory = tempfile.mkdtemp(prefix=f"bench-{name}-")
                    extra = max(1, rows // 10)
                    steps = [
                        ("ingest", [CREATE_DB, CREATE, f"INSERT INTO test_db.test_table SELECT * FROM generateRandom('{STRUCTURE}', 1) LIMIT {rows}"]),
                        ("full backup", [f"BACKUP TABLE test_db.test_table TO {s3('base')}"]),
                        ("insert 10%", [f"INSERT INTO test_db.test_table SELECT * FROM generateRandom('{STRUCTURE}', 2) LIMIT {extra}"]),
                        ("incremental backup", [f"BACKUP TABLE test_db.test_table TO {s3('inc')} SETTINGS base_backup = {s3('base')}"]),
                        ("restore incremental", [f"RESTORE TABLE test_db.test_table AS test_db.test_table_restored FROM {s3('inc')}"]),
                        ("count + verify", ["SELECT count() FROM test_db.test_table_restored",
                                            "SELECT throwIf((SELECT groupArray(tuple(*)) FROM test_db.test_table) != (SELECT groupArray(tuple(*)) FROM test_db.test_table_restored), 'Data does not match after BACKUP/RESTORE') SETTINGS max_threads = 1"]),
                    ]
                    for step, statements in steps:
                        seconds, rss = runner(directory, statements)
                        results.setdefault(step, {}).setdefault(name, []).append((seconds, rss))
                    for step, prefix in (("full backup", "base"), ("incremental backup", "inc")):
                        results[step].setdefault(name + " stored", []).append(bucket_bytes(endpoint, "bench", f"{tag}/{prefix}/"))
                    shutil.rmtree(directory, ignore_errors=True)
            for step, by in results.items():
                sh = [t for t, _ in by["SwiftHouse"]]
                ch = [t for t, _ in by["ClickHouse"]]
                sh_med, ch_med = statistics.median(sh), statistics.median(ch)
                stored = lambda k: f"{statistics.median(by[k]) / 1e6:.1f} MB" if k in by else ""
                print(f"{rows:>10} {step:<22} {sh_med:>8.3f}±{(max(sh) - min(sh)) / 2:<4.2f} {ch_med:>8.3f}±{(max(ch) - min(ch)) / 2:<4.2f} "
                      f"{sh_med / ch_med:>6.2f} {max(r for _, r in by['SwiftHouse']):>7.0f} {max(r for _, r in by['ClickHouse']):>7.0f} "
                      f"{stored('SwiftHouse stored'):>11} {stored('ClickHouse stored'):>11}")
    finally:
        moto.terminate()


if __name__ == "__main__":
    main()
