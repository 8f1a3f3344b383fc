#!/usr/bin/env python3
"""Runs SQL statements in one real ClickHouse (chdb) session and prints their outputs as JSON.

Input (stdin): {"path": "<session dir or empty for a temporary one>", "statements": ["...", ...],
               "format": "TabSeparated", "base64": false}
Output (stdout): [{"output": "..."} | {"error": "Code: ... (NAME)"}, ...] — one entry per statement (with
"base64": true, outputs are the exact bytes in base64, for binary-safe comparisons);
execution continues after an error. Used by the Swift interoperability tests (test-only, never shipped).
"""
import base64
import json
import sys
import tempfile

from chdb import session


def main():
    request = json.load(sys.stdin)
    fmt = request.get("format", "TabSeparated")
    path = request.get("path") or tempfile.mkdtemp(prefix="sh-chdb-")
    s = session.Session(path)
    s.query("SET session_timezone = 'UTC'")
    results = []
    for sql in request["statements"]:
        try:
            r = s.query(sql, fmt)
            data = r.bytes() if hasattr(r, "bytes") else bytes(str(r), "utf-8")
            if request.get("base64"):
                results.append({"output": base64.b64encode(data).decode("ascii")})
            else:
                results.append({"output": data.decode("utf-8", "surrogateescape")})
        except Exception as e:  # chdb raises with ClickHouse's message text
            results.append({"error": str(e)})
    s.close()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
