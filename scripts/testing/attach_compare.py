#!/usr/bin/env python3
"""ClickHouse reads SwiftHouse's parts: attaches the part directories written by SwiftHouse to a chdb table,
runs CHECK TABLE, and compares SELECT output with the same rows inserted by ClickHouse itself.

Input (stdin JSON): {"create": "CREATE TABLE {t} (...) ENGINE = MergeTree ...", "values": "(1, 'a'), ...",
                     "parts": "<directory holding part directories>", "order_by": "k"}
Output (stdout JSON): {"check": [[part, passed, message], ...], "ours": "<TSV>", "reference": "<TSV>"}
Test-only; never shipped.
"""
import glob
import json
import os
import shutil
import sys
import tempfile

from chdb import session


def main():
    request = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as tmp:
        s = session.Session(tmp)
        s.query("SET session_timezone = 'UTC'")
        s.query(request["create"].replace("{t}", "ours"))
        s.query(request["create"].replace("{t}", "reference"))
        path = s.query("SELECT data_paths[1] FROM system.tables WHERE name = 'ours'", "TSV").bytes().decode().strip()
        for part in sorted(glob.glob(os.path.join(request["parts"], "*_*_*_*"))):
            name = os.path.basename(part)
            shutil.copytree(part, os.path.join(path, "detached", name))
            s.query(f"ALTER TABLE ours ATTACH PART '{name}'")
        s.query("INSERT INTO reference VALUES " + request["values"])
        check = s.query("CHECK TABLE ours SETTINGS check_query_single_value_result = 0", "JSONCompactEachRow").bytes().decode()
        order = request.get("order_by", "tuple()")
        ours = s.query(f"SELECT * FROM ours ORDER BY {order}", "TSV").bytes().decode()
        reference = s.query(f"SELECT * FROM reference ORDER BY {order}", "TSV").bytes().decode()
        s.close()
    rows = [json.loads(line) for line in check.splitlines() if line.strip()]
    json.dump({"check": rows, "ours": ours, "reference": reference}, sys.stdout)


if __name__ == "__main__":
    main()
