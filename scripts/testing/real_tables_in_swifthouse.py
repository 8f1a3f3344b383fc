#!/usr/bin/env python3
"""Runs every CREATE TABLE of Tests/Fixtures/real-tables (and its probes) through SwiftHouse and prints how many
it accepts, the errors by code and each failure: the baseline issue #13 works against.
    python3 scripts/testing/real_tables_in_swifthouse.py [path to the swifthouse binary]
(default: .build/debug/swifthouse; build it first with `swift build`).
"""
import glob, os, subprocess, sys, tempfile, re
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
root = os.path.join(ROOT, "Tests", "Fixtures", "real-tables")
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "swifthouse")
results = {}
for path in sorted(glob.glob(root + "/*.sql")) + sorted(glob.glob(root + "/probes/*.sql")):
    text = open(path).read()
    sql = "\n".join(l for l in text.splitlines() if not l.strip().startswith("--")).strip().rstrip(";")
    dbs = set(re.findall(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?\.", sql, re.I))
    pre = "".join(f"CREATE DATABASE IF NOT EXISTS {d};" for d in dbs)
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run([binary, "local", "--path", d, "--query", pre + sql + ";"],
                           capture_output=True, text=True, timeout=60)
    rel = os.path.relpath(path, root)
    results[rel] = "ok" if p.returncode == 0 else p.stderr.strip().splitlines()[0][:160] if p.stderr.strip() else f"rc={p.returncode}"
ok = sum(v == "ok" for v in results.values())
print(f"{ok}/{len(results)} CREATE statements accepted by SwiftHouse")
c = Counter(re.sub(r"Code: (\d+).*\((\w+)\)$", r"\1 \2", v) if v != "ok" else "ok" for v in results.values())
for k, n in c.most_common(): print(n, k)
for k, v in results.items():
    if v != "ok": print(k, "|", v)
