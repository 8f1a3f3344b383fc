#!/usr/bin/env python3
"""Issue #13's proof: every real table of the corpus backed up by one system and restored by the other.

For every `Tests/Fixtures/real-tables/*.sql` and `probes/*.sql` (one CREATE TABLE each, taken as written from a
public project) that ClickHouse accepts, against a local S3 endpoint (moto_server):

  ClickHouse → SwiftHouse: ClickHouse (chdb) creates the table, fills it with three INSERTs of generateRandom rows
  (merges stopped; the third after `min_bytes_for_wide_part = 0`, so there are Compact and Wide parts) and backs it
  up to S3; SwiftHouse (the `swifthouse` binary) restores it. Compared: every row (as sorted TabSeparated lines),
  SHOW CREATE TABLE, the active parts' partition ids, `count()` under a condition on the first ORDER BY
  element, CHECK TABLE, and every row after `OPTIMIZE TABLE … FINAL` on both sides.

  SwiftHouse → ClickHouse: SwiftHouse creates the same table from the same text, fills it with the same INSERT
  statements and backs it up to S3; ClickHouse restores it. Compared: CHECK TABLE, every row, SHOW CREATE TABLE,
  partition ids, the keyed count, and the rows after OPTIMIZE … FINAL on both sides.

Each direction of each table ends as `pass`, or as the first failure: `error` (a statement failed with a
ClickHouse-style error, whose code name is recorded — the clean way for a feature that is not done) or `mismatch`
(both sides answered and the answers differ: a wrong result). Writes JSON: one record per table.

Usage: real_tables_both_ways.py --binary .build/debug/swifthouse --endpoint http://127.0.0.1:PORT --bucket B
       [--only NAME ...] [--shard K/N] [--json OUT] [--write-passing]   (the bucket must exist; credentials `testing`/`testing` as moto accepts)
Test-only, never shipped: ClickHouse is the oracle.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_tables  # noqa: E402  (the corpus reader and the INSERT plan of the inventory script)

from chdb import session  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "Tests" / "Fixtures" / "real-tables"
ROWS = 6  # rows per INSERT: random dates spread partitioned tables over up to 3 × ROWS partitions
CODE = re.compile(r"\(([A-Z][A-Z0-9_]+)\)\s*$")


class Failure(Exception):
    def __init__(self, kind, stage, detail):
        super().__init__(f"{kind} at {stage}: {detail}")
        self.kind, self.stage, self.detail = kind, stage, detail


def code_of(text):
    match = CODE.search(text.strip())
    return match.group(1) if match else "UNKNOWN"


class ClickHouse:
    def __init__(self, root):
        self.s = session.Session(str(root / "chdb"))
        self.s.query("SET session_timezone = 'UTC'")

    def q(self, sql, stage, fmt="TSVRaw"):
        try:
            r = self.s.query(sql, fmt)
        except Exception as e:  # chdb raises with ClickHouse's message text
            raise Failure("clickhouse-error", stage, f"{sql[:200]} → {str(e).strip()[:600]}")
        data = r.bytes() if hasattr(r, "bytes") else bytes(str(r), "utf-8")
        return data.decode("utf-8", "surrogateescape")


class SwiftHouse:
    SEPARATOR = "-- statement done --"

    def __init__(self, binary, path):
        self.binary, self.path = binary, path

    def q(self, sql, stage, database=None, fmt="TSVRaw"):
        return self.batch([(sql, stage)], database, fmt)[0]

    def batch(self, statements, database=None, fmt="TSVRaw"):
        """Runs `(sql, stage)` pairs in one `swifthouse local` process, a marker row after each; returns each one's
        output. A failure is attributed to the statement after the last marker printed."""
        text = (f"USE {database};\n" if database else "") + "".join(
            f"{sql};\nSELECT '{self.SEPARATOR}';\n" for sql, _ in statements)
        p = subprocess.run(
            [self.binary, "local", "--path", str(self.path), "--format", fmt, "--query", text],
            capture_output=True, timeout=300,
        )
        out = p.stdout.decode("utf-8", "surrogateescape")
        pieces = out.split(self.SEPARATOR + "\n")
        if p.returncode != 0:
            err = p.stderr.decode("utf-8", "replace").strip()
            sql, stage = statements[min(len(pieces) - 1, len(statements) - 1)]
            if p.returncode < 0 or "Fatal error" in err or not err.startswith("Code:"):
                raise Failure("crash", stage, f"{sql[:200]} → exit {p.returncode}: {err[-600:]}")
            raise Failure("error", stage, f"{sql[:200]} → {err[-600:]}")
        return pieces[: len(statements)]


def sorted_lines(text):
    return sorted(text.splitlines())


def compare(stage, ours, theirs, what):
    if ours != theirs:
        if isinstance(ours, list):
            a, b = set(ours), set(theirs)
            detail = f"{what}: {len(ours)} vs {len(theirs)} lines; only SwiftHouse: {sorted(a - b)[:2]}; only ClickHouse: {sorted(b - a)[:2]}"
        else:
            detail = f"{what}: SwiftHouse {str(ours)[:400]!r} vs ClickHouse {str(theirs)[:400]!r}"
        raise Failure("mismatch", stage, detail[:1200])


class Case:
    """One corpus file: its text, names and the facts ClickHouse records for it."""

    def __init__(self, path):
        self.path = path
        self.name = str(path.relative_to(FIXTURES))
        self.text = path.read_text()
        m = real_tables.CREATE_RE.search(self.text)
        self.own_db = "rt_" + re.sub(r"\W", "_", path.stem)
        self.named_db = real_tables.unquote(m.group(1)) if m and m.group(1) else None
        self.table = real_tables.unquote(m.group(2)) if m else None
        self.db = self.named_db or self.own_db
        self.full = f"{real_tables.q(self.db)}.{real_tables.q(self.table)}" if m else None

    @property
    def databases(self):
        return sorted({self.own_db, self.db})


PARTITION_IDS = "SELECT partition_id FROM system.parts WHERE active AND database = '{db}' AND table = '{table}'"


def table_facts(ask, case, engine):
    """SHOW CREATE, partition ids, first key element, as one system answers them (`ask(sql, stage)`)."""
    show = ask(f"SHOW CREATE TABLE {case.full}", "show-create").rstrip("\n")
    ids = []
    if engine.endswith("MergeTree"):
        ids = sorted(set(ask(
            f"SELECT partition_id FROM system.parts WHERE active AND database = '{case.db}' AND table = '{case.table}'",
            "partition-ids").split()))
    return show, ids


def one_merge(case):
    """Settings for ClickHouse's OPTIMIZE FINAL so that its rows are those of one merge, as SwiftHouse's are.

    Once merges start, ClickHouse may merge the three parts in the background before the OPTIMIZE; merging that one
    part again would apply the engine's functions twice (groupUniqArrayArray reorders its arrays each time), so the
    OPTIMIZE skips a partition already merged. Not for tables with TTL: ClickHouse's background merge may leave expired
    rows that only the OPTIMIZE's merge deletes (TTL applies the same however often it runs)."""
    return "" if re.search(r"\bTTL\b", case.text, re.IGNORECASE) else " SETTINGS optimize_skip_merged_partitions = 1"


class Harness:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.ch = ClickHouse(work)
        self.counter = 0
        self.run_id = uuid.uuid4().hex[:8]

    def s3(self, prefix):
        return (f"S3('{self.args.endpoint}/{self.args.bucket}/{prefix}', 'testing', 'testing')")

    def fresh_swifthouse(self):
        self.counter += 1
        return SwiftHouse(self.args.binary, self.work / f"sh{self.counter}")

    def reset_clickhouse(self, case):
        for d in case.databases:
            self.ch.q(f"DROP DATABASE IF EXISTS {real_tables.q(d)} SYNC", "reset")
            self.ch.q(f"CREATE DATABASE {real_tables.q(d)}", "reset")

    def prepare(self, case):
        """Creates and fills the table in ClickHouse; returns (engine, INSERT statements, first key element)."""
        self.reset_clickhouse(case)
        self.ch.q(f"USE {real_tables.q(case.own_db)}", "use")
        self.ch.q(case.text, "create")
        engine, sorting_key = self.ch.q(
            f"SELECT engine, sorting_key FROM system.tables WHERE database = '{case.db}' AND name = '{case.table}'",
            "engine").rstrip("\n").split("\t")
        if engine.endswith("MergeTree"):
            self.ch.q(f"SYSTEM STOP MERGES {case.full}", "stop-merges")
        runner = real_tables.Runner.__new__(real_tables.Runner)
        runner.s = self.ch.s
        _, names, structure, exprs = runner.insert_plan(case.db, case.table)
        inserts = [
            f"INSERT INTO {case.full} ({names}) SELECT {', '.join(exprs)} FROM generateRandom('{structure}', "
            f"{k + 1}, 16, 3) LIMIT {ROWS}" for k in range(3)]
        keys = real_tables.key_elements(sorting_key) if sorting_key else []
        return engine, inserts, (keys[0] if keys else None)

    def keyed_count(self, ask, case, key, literal, stage):
        return ask(f"SELECT count() FROM {case.full} WHERE {key} <= {literal}", stage).strip()

    def median_literal(self, case, key):
        """The first key element's middle value as a SQL literal (ClickHouse's Values format)."""
        out = self.ch.q(
            f"SELECT {key} FROM {case.full} ORDER BY {key} LIMIT 1 OFFSET {ROWS * 3 // 2} FORMAT Values", "median",
            fmt="TSVRaw").strip()
        return out[1:-1] if out.startswith("(") and out.endswith(")") else None

    def clickhouse_to_swifthouse(self, case):
        engine, inserts, key = self.prepare(case)
        for k, insert in enumerate(inserts):
            if k == 2 and engine.endswith("MergeTree"):
                self.ch.q(f"ALTER TABLE {case.full} MODIFY SETTING min_bytes_for_wide_part = 0, "
                          "min_rows_for_wide_part = 0", "wide")
            self.ch.q(insert, "clickhouse-insert")
        rows = sorted_lines(self.ch.q(f"SELECT * FROM {case.full}", "clickhouse-rows"))
        show, ids = table_facts(self.ch.q, case, engine)
        literal = self.median_literal(case, key) if key else None
        count = self.keyed_count(self.ch.q, case, key, literal, "clickhouse-keyed-count") if literal else None
        prefix = f"{self.run_id}/ch/{case.path.stem}"
        self.ch.q(f"BACKUP TABLE {case.full} TO {self.s3(prefix)}", "clickhouse-backup")
        sh = self.fresh_swifthouse()
        status = sh.batch([(f"CREATE DATABASE IF NOT EXISTS {real_tables.q(d)}", "swifthouse-create-database")
                           for d in case.databases]
                          + [(f"RESTORE TABLE {case.full} FROM {self.s3(prefix)}", "swifthouse-restore")])[-1]
        compare("swifthouse-restore", status.strip().split("\t")[-1:], ["RESTORED"], "status")
        merge_tree = engine.endswith("MergeTree")
        queries = [(f"SELECT * FROM {case.full}", "swifthouse-rows"),
                   (f"SHOW CREATE TABLE {case.full}", "swifthouse-show-create"),
                   (PARTITION_IDS.format(db=case.db, table=case.table), "swifthouse-partition-ids")]
        if literal:
            queries.append((f"SELECT count() FROM {case.full} WHERE {key} <= {literal}", "swifthouse-keyed-count"))
        if merge_tree:
            queries += [(f"CHECK TABLE {case.full} SETTINGS check_query_single_value_result = 1", "swifthouse-check"),
                        (f"OPTIMIZE TABLE {case.full} FINAL", "swifthouse-optimize"),
                        (f"SELECT * FROM {case.full}", "swifthouse-optimized-rows")]
        answers = dict(zip([stage for _, stage in queries], sh.batch(queries)))
        compare("rows", sorted_lines(answers["swifthouse-rows"]), rows, "rows")
        compare("show-create", answers["swifthouse-show-create"].rstrip("\n"), show, "SHOW CREATE TABLE")
        if merge_tree:
            compare("partition-ids", sorted(set(answers["swifthouse-partition-ids"].split())), ids, "partition ids")
        if literal:
            compare("keyed-count", answers["swifthouse-keyed-count"].strip(), count,
                    f"count() WHERE {key} <= {literal}")
        if merge_tree:
            compare("check", answers["swifthouse-check"].strip(), "1", "CHECK TABLE")
            self.ch.q(f"SYSTEM START MERGES {case.full}", "start-merges")
            self.ch.q(f"OPTIMIZE TABLE {case.full} FINAL{one_merge(case)}", "clickhouse-optimize")
            compare("optimized-rows", sorted_lines(answers["swifthouse-optimized-rows"]),
                    sorted_lines(self.ch.q(f"SELECT * FROM {case.full}", "clickhouse-rows")), "rows after OPTIMIZE FINAL")

    def swifthouse_to_clickhouse(self, case):
        engine, inserts, key = self.prepare(case)  # ClickHouse plans the INSERTs from its system.columns
        sh = self.fresh_swifthouse()
        prefix = f"{self.run_id}/sh/{case.path.stem}"
        statements = [(f"CREATE DATABASE IF NOT EXISTS {real_tables.q(d)}", "swifthouse-create-database")
                      for d in case.databases]
        statements += [(f"USE {real_tables.q(case.own_db)}", "use"), (case.text, "swifthouse-create")]
        statements += [(insert, "swifthouse-insert") for insert in inserts]
        statements += [(f"SELECT * FROM {case.full}", "swifthouse-rows"),
                       (f"SHOW CREATE TABLE {case.full}", "swifthouse-show-create"),
                       (PARTITION_IDS.format(db=case.db, table=case.table), "swifthouse-partition-ids"),
                       (f"BACKUP TABLE {case.full} TO {self.s3(prefix)}", "swifthouse-backup")]
        answers = dict(zip([stage for _, stage in statements], sh.batch(statements)))
        rows = sorted_lines(answers["swifthouse-rows"])
        show = answers["swifthouse-show-create"].rstrip("\n")
        ids = sorted(set(answers["swifthouse-partition-ids"].split())) if engine.endswith("MergeTree") else []
        # Restored into the empty table `prepare` created from the same text with merges stopped (ClickHouse checks
        # the backup's definition is the same, else 608): background TTL merges cannot change the rows compared.
        status = self.ch.q(f"RESTORE TABLE {case.full} FROM {self.s3(prefix)}", "clickhouse-restore")
        compare("clickhouse-restore", status.strip().split("\t")[-1:], ["RESTORED"], "status")
        if engine.endswith("MergeTree"):
            check = self.ch.q(f"CHECK TABLE {case.full} SETTINGS check_query_single_value_result = 1",
                              "clickhouse-check").strip()
            compare("check", "1", check, "ClickHouse's CHECK TABLE")
        compare("rows", rows, sorted_lines(self.ch.q(f"SELECT * FROM {case.full}", "clickhouse-rows")), "rows")
        theirs_show, theirs_ids = table_facts(self.ch.q, case, engine)
        compare("show-create", show, theirs_show, "SHOW CREATE TABLE")
        compare("partition-ids", ids, theirs_ids, "partition ids")
        literal = self.median_literal(case, key) if key else None
        queries = []
        if literal:
            queries.append((f"SELECT count() FROM {case.full} WHERE {key} <= {literal}", "swifthouse-keyed-count"))
        if engine.endswith("MergeTree"):
            queries += [(f"OPTIMIZE TABLE {case.full} FINAL", "swifthouse-optimize"),
                        (f"SELECT * FROM {case.full}", "swifthouse-optimized-rows")]
        answers = dict(zip([stage for _, stage in queries], sh.batch(queries))) if queries else {}
        if literal:
            theirs = self.keyed_count(self.ch.q, case, key, literal, "clickhouse-keyed-count")
            # ClickHouse's count under the condition uses our primary index and minmax files to skip granules; the
            # same count over every row must agree.
            unpruned = self.ch.q(f"SELECT countIf({key} <= {literal}) FROM {case.full}", "clickhouse-count").strip()
            compare("keyed-count", theirs, unpruned, f"ClickHouse's count() WHERE {key} <= {literal} vs countIf")
            compare("keyed-count", answers["swifthouse-keyed-count"].strip(), theirs,
                    f"count() WHERE {key} <= {literal}")
        if engine.endswith("MergeTree"):
            self.ch.q(f"SYSTEM START MERGES {case.full}", "start-merges")
            self.ch.q(f"OPTIMIZE TABLE {case.full} FINAL{one_merge(case)}", "clickhouse-optimize")
            compare("optimized-rows", sorted_lines(answers["swifthouse-optimized-rows"]),
                    sorted_lines(self.ch.q(f"SELECT * FROM {case.full}", "clickhouse-rows")), "rows after OPTIMIZE FINAL")

    def run(self, case):
        record = {"file": case.name}
        try:
            self.prepare(case)
        except Failure as f:
            record["clickhouse_accepts"] = False
            record["clickhouse_error"] = f.detail
            return record
        record["clickhouse_accepts"] = True
        for direction, body in (("clickhouse_to_swifthouse", self.clickhouse_to_swifthouse),
                                ("swifthouse_to_clickhouse", self.swifthouse_to_clickhouse)):
            try:
                body(case)
                record[direction] = {"outcome": "pass"}
            except Failure as f:
                outcome = {"outcome": f.kind, "stage": f.stage, "detail": f.detail}
                if f.kind == "error":
                    outcome["code"] = code_of(f.detail)
                record[direction] = outcome
        return record


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--shard", help="K/N: run every N-th table starting at the K-th (0-based), for parallel runs")
    parser.add_argument("--json")
    parser.add_argument("--write-passing", action="store_true",
                        help="rewrite Tests/Fixtures/real-tables/passing.txt with the tables that pass both ways")
    args = parser.parse_args()
    files = sorted(FIXTURES.glob("*.sql")) + sorted((FIXTURES / "probes").glob("*.sql"))
    if args.only:
        files = [f for f in files if any(o in str(f.relative_to(FIXTURES)) for o in args.only)]
    if args.shard:
        index, count = (int(x) for x in args.shard.split("/"))
        files = files[index::count]
    with tempfile.TemporaryDirectory(prefix="sh-real-tables-") as work:
        harness = Harness(args, Path(work))
        records = [harness.run(Case(f)) for f in files]
    text = json.dumps(records, indent=1)
    if args.json:
        Path(args.json).write_text(text)
    else:
        print(text)
    both = sum(1 for r in records if all(r.get(d, {}).get("outcome") == "pass"
                                         for d in ("clickhouse_to_swifthouse", "swifthouse_to_clickhouse")))
    if args.write_passing:
        passing = [r["file"] for r in records if all(r.get(d, {}).get("outcome") == "pass"
                                                     for d in ("clickhouse_to_swifthouse", "swifthouse_to_clickhouse"))]
        (FIXTURES / "passing.txt").write_text(
            "# The corpus tables that pass both ways (RealTablesInteropTests checks this list is exact);\n"
            "# regenerate with scripts/testing/real_tables_both_ways.py --write-passing.\n" + "\n".join(passing) + "\n")
    print(f"{both} of {sum(1 for r in records if r.get('clickhouse_accepts'))} tables pass both ways",
          file=sys.stderr)


if __name__ == "__main__":
    main()
