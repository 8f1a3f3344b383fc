#!/usr/bin/env python3
"""Regenerates Tests/Queries/*.reference by running each .sql file through real ClickHouse (chdb).

Each .sql file is a script: a statement ends with ';' at the end of a line. A statement followed by
`-- { serverError NAME }` must fail with that error (checked here against ClickHouse, so annotations
cannot drift); it prints nothing. Every other statement's output, in TabSeparated unless the statement
has its own FORMAT, is appended to the reference. Run from the repository root:
    .venv/bin/python scripts/testing/generate_references.py [name ...]
With --check nothing is written: the run fails if any committed .reference differs from ClickHouse's output
(scripts/test.sh runs this, so a reference cannot drift from ClickHouse).
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


def run(path, check):
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
    reference = path[:-4] + ".reference"
    produced = b"".join(out)
    if check:
        with open(reference, "rb") as f:
            committed = f.read()
        if committed != produced:
            print(f"{reference} differs from ClickHouse's output; regenerate it with {sys.argv[0]}")
            return False
        return True
    with open(reference, "wb") as f:
        f.write(produced)
    return True


def main():
    check = "--check" in sys.argv[1:]
    names = [name for name in sys.argv[1:] if name != "--check"]
    same = True
    count = 0
    for name in sorted(os.listdir(QUERIES)):
        if name.endswith(".sql") and (not names or any(n in name for n in names)):
            same = run(os.path.join(QUERIES, name), check) and same
            count += 1
            if not check:
                print("generated", name[:-4] + ".reference")
    if check:
        if not same:
            sys.exit(1)
        print(f"{count} references are ClickHouse's output")


if __name__ == "__main__":
    main()
