#!/usr/bin/env python3
"""Regenerates Tests/Queries/*.reference by running each .sql file through real ClickHouse (chdb).

Each .sql file is a script: a statement ends with ';' at the end of a line. A statement followed by
`-- { serverError NAME }` must fail with that error (checked here against ClickHouse, so annotations
cannot drift); it prints nothing. Every other statement's output, in TabSeparated unless the statement
has its own FORMAT, is appended to the reference. Run from the repository root:
    .venv/bin/python scripts/testing/generate_references.py [name ...]
"""
import os
import re
import sys
import tempfile

from chdb import session

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QUERIES = os.path.join(ROOT, "Tests", "Queries")
ERROR = re.compile(r"--\s*\{\s*serverError\s+([A-Z_0-9]+)\s*\}")


def statements(text):
    """Yields (statement, expected_error) in file order."""
    current = []
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("--")):
            continue
        current.append(line)
        code = stripped
        match = ERROR.search(stripped)
        if match:
            code = stripped[: match.start()].strip()
        if code.endswith(";"):
            sql = "\n".join(current)
            error = None
            if match:
                sql = sql[: sql.rfind("--")].rstrip()
                error = match.group(1)
            yield sql.rstrip().rstrip(";"), error
            current = []
    if current:
        raise SystemExit(f"unterminated statement: {current}")


def run(path):
    with open(path) as f:
        text = f.read()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        s = session.Session(tmp)
        s.query("SET session_timezone = 'UTC'")
        for sql, error in statements(text):
            try:
                result = s.query(sql, "TabSeparated")
            except Exception as e:  # chdb raises RuntimeError with ClickHouse's text
                if error and f"({error})" in str(e):
                    continue
                raise SystemExit(f"{path}: unexpected error for:\n{sql}\n{e}")
            if error:
                raise SystemExit(f"{path}: expected {error} for:\n{sql}")
            out.append(result.bytes() if hasattr(result, "bytes") else bytes(str(result), "utf-8"))
        s.close()
    with open(path[:-4] + ".reference", "wb") as f:
        f.write(b"".join(out))


def main():
    names = sys.argv[1:]
    for name in sorted(os.listdir(QUERIES)):
        if name.endswith(".sql") and (not names or any(n in name for n in names)):
            run(os.path.join(QUERIES, name))
            print("generated", name[:-4] + ".reference")


if __name__ == "__main__":
    main()
