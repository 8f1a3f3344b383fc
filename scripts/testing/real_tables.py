#!/usr/bin/env python3
"""Runs the corpus of real ClickHouse table definitions through real ClickHouse (chdb) and writes the inventory.

For every `Tests/Fixtures/real-tables/*.sql` and `Tests/Fixtures/real-tables/probes/*.sql` (one CREATE TABLE
each, first line `-- Source: …`, second line `-- Changes: …`), in one chdb session:

  1. CREATE DATABASE rt_<file stem> and USE it (a database named in the DDL, such as `git.commits`, is created
     too), then run the file's text as written;
  2. fill the table with INSERTS of `generateRandom` rows over its stored columns (read from system.columns:
     MATERIALIZED, ALIAS and EPHEMERAL columns are left to ClickHouse; the subcolumns of one Nested group get
     the same array sizes; AggregateFunction(f, T) columns get `initializeAggregation('fState', T value)`);
  3. read it back (count() and a full SELECT), record SHOW CREATE TABLE, system.tables keys, the active parts'
     partition ids, skip indexes, projections, column codecs, default kinds and comments;
  (background merges are stopped on the table first, so the parts are the inserted ones and TTL drops nothing);
  4. BACKUP TABLE … TO File(…) (chdb runs with a config file whose backups.allowed_path is the work folder).

Writes `summary.json` (everything, SHOW CREATE text included) and `README.md` (the inventory: each table, its
source and the features detected) next to the fixtures. Test-only, never shipped; ClickHouse is the oracle.

Usage: /work/main/.venv/bin/python scripts/testing/real_tables.py [--fixtures DIR] [--rows N] [--inserts K]
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from chdb import session

IDENT = r'(?:"[^"]+"|`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)'
CREATE_RE = re.compile(
    r"CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:(" + IDENT + r")\s*\.\s*)?(" + IDENT + r")",
    re.IGNORECASE,
)
TYPE_FEATURES = [
    ("LowCardinality", r"\bLowCardinality\("),
    ("Nullable", r"\bNullable\("),
    ("Array", r"\bArray\("),
    ("Tuple", r"\bTuple\("),
    ("Map", r"\bMap\("),
    ("Nested", r"\bNested\s*\("),
    ("JSON", r"\bJSON\b"),
    ("Object", r"\bObject\("),
    ("Dynamic", r"\bDynamic\b"),
    ("Variant", r"\bVariant\("),
    ("DateTime64", r"\bDateTime64\b"),
    ("DateTime", r"\bDateTime\b(?!64)"),
    ("Date32", r"\bDate32\b"),
    ("Date", r"\bDate\b"),
    ("Enum8", r"\bEnum8\("),
    ("Enum16", r"\bEnum16\("),
    ("Decimal", r"\bDecimal(?:32|64|128|256)?\("),
    ("UUID", r"\bUUID\b"),
    ("IPv4", r"\bIPv4\b"),
    ("IPv6", r"\bIPv6\b"),
    ("FixedString", r"\bFixedString\("),
    ("Bool", r"\bBool\b"),
    ("Float32", r"\bFloat32\b"),
    ("Float64", r"\bFloat64\b"),
    ("Int128/256", r"\bU?Int(?:128|256)\b"),
    ("AggregateFunction", r"\bAggregateFunction\("),
    ("SimpleAggregateFunction", r"\bSimpleAggregateFunction\("),
    ("Geo (Point/Ring/Polygon…)", r"\b(?:Point|Ring|LineString|Polygon|MultiPolygon|MultiLineString)\b"),
]
SQL_STANDARD_TYPES = re.compile(
    r"\b(?:BIGINT|SMALLINT|INTEGER|INT|TINYINT|TEXT|VARCHAR|CHAR|TIMESTAMP|BOOLEAN|DOUBLE|FLOAT|REAL|"
    r"NUMERIC|DECIMAL|BLOB|BINARY|VARBINARY|NATIONAL|CHARACTER)\b(?:\s*\(\d+(?:\s*,\s*\d+)?\))?(?:\s+NOT\s+NULL)?",
)


def unquote(name):
    if name and name[0] in '"`' and name[-1] == name[0]:
        return name[1:-1]
    return name


def q(name):
    return "`" + name.replace("`", "``") + "`"


def split_top(text, sep=","):
    """Splits at top-level separators (outside parentheses and quotes)."""
    parts, depth, cur, quote = [], 0, [], None
    for ch in text:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def key_elements(key):
    """The elements of a key (`a, toDate(b)` -> ['a', 'toDate(b)']); a tuple() key is empty."""
    key = key.strip()
    if key in ("", "tuple()"):
        return []
    if key.startswith("(") and key.endswith(")") and len(split_top(key[1:-1])) > 1:
        key = key[1:-1]
    return split_top(key)


class Runner:
    def __init__(self, root, rows, inserts):
        self.root = Path(root)
        self.rows = rows
        self.inserts = inserts
        (self.root / "backups").mkdir(parents=True, exist_ok=True)
        config = self.root / "config.xml"
        config.write_text(
            f"<clickhouse><backups><allowed_path>{self.root}/</allowed_path></backups></clickhouse>"
        )
        self.s = session.Session(f"{self.root}/session?config-file={config}")
        self.s.query("SET session_timezone = 'UTC'")

    def q(self, sql, fmt="TSVRaw"):
        r = self.s.query(sql, fmt)
        data = r.bytes() if hasattr(r, "bytes") else bytes(str(r), "utf-8")
        return data.decode("utf-8", "surrogateescape")

    def rows_of(self, sql):
        out = self.q(sql, "JSONCompact")
        return json.loads(out)["data"] if out.strip() else []

    def insert_plan(self, db, table):
        """The INSERT … SELECT … FROM generateRandom(…) statement for the stored columns."""
        cols = self.rows_of(
            "SELECT name, type, default_kind FROM system.columns "
            f"WHERE database = '{db}' AND table = '{table}' ORDER BY position"
        )
        stored = [(n, t) for n, t, k in cols if k not in ("MATERIALIZED", "ALIAS", "EPHEMERAL")]
        engine = self.rows_of(f"SELECT engine_full FROM system.tables WHERE database = '{db}' AND name = '{table}'")
        engine_full = engine[0][0] if engine else ""
        sign = re.match(r"(?:Versioned)?CollapsingMergeTree\((\w+)", engine_full)
        is_deleted = re.match(r"ReplacingMergeTree\(\w+,\s*(\w+)\)", engine_full)
        structure, exprs, first_of_group = [], [], {}
        for i, (name, typ) in enumerate(stored):
            gen_type, expr = typ, f"c{i}"
            extra = []  # further generated columns (the 2nd… arguments of an AggregateFunction)
            m = re.fullmatch(r"AggregateFunction\((.*)\)", typ)
            if m:  # generateRandom has no AggregateFunction: build states from generated arguments
                parts = split_top(m.group(1))
                fn, sep, params = parts[0].partition("(")
                state = (fn + "State" + sep + params).replace("'", "\\'")
                gen_type = parts[1]
                extra = [(f"c{i}_{j}", t) for j, t in enumerate(parts[2:], start=1)]
                args = ", ".join([f"c{i}"] + [n for n, _ in extra])
                expr = f"initializeAggregation('{state}', {args})"
            m = re.fullmatch(r"SimpleAggregateFunction\((.*)\)", typ)
            if m:  # stored as its argument type
                gen_type = split_top(m.group(1))[-1]
            if sign and name == sign.group(1):
                expr = f"if(c{i} % 2 = 0, 1, -1)"  # a Collapsing sign is 1 or -1
            if is_deleted and name == is_deleted.group(1):
                expr = f"c{i} % 2"  # a Replacing is_deleted is 0 or 1
            if re.match(r"(?:Variant\(|Dynamic\b)", typ):  # generateRandom has no generator for these
                gen_type, expr = "UInt64", f"CAST(c{i}, '{typ}')"
            elif re.match(r"JSON\b", typ):
                gen_type = "UInt32"
                quoted = typ.replace("'", "\\'")
                expr = f"""CAST(concat('{{"a":{{"b":', toString(c{i}), '}},"n":"', toString(c{i} * 7), '"}}'), '{quoted}')"""
            if "." in name and typ.startswith("Array("):
                group = name.split(".", 1)[0]
                if group in first_of_group:
                    expr = f"arrayResize({expr}, length({first_of_group[group]}))"
                else:
                    first_of_group[group] = f"c{i}"
            structure.append(f"c{i} {gen_type}")
            structure += [f"{n} {t}" for n, t in extra]
            exprs.append(expr)
        names = ", ".join(q(n) for n, _ in stored)
        structure_text = ", ".join(structure).replace("'", "\\'")
        return stored, names, structure_text, exprs

    def run_file(self, path):
        text = path.read_text()
        lines = text.splitlines()
        record = {
            "file": str(path.relative_to(path.parents[1] if path.parent.name == "probes" else path.parent)),
            "source": lines[0].removeprefix("-- Source:").strip() if lines and lines[0].startswith("-- Source:") else None,
            "changes": lines[1].removeprefix("-- Changes:").strip() if len(lines) > 1 and lines[1].startswith("-- Changes:") else None,
        }
        m = CREATE_RE.search(text)
        if not m:
            record["error"] = "no CREATE TABLE found"
            return record
        own_db = "rt_" + re.sub(r"\W", "_", path.stem)
        named_db = unquote(m.group(1)) if m.group(1) else None
        table = unquote(m.group(2))
        db = named_db or own_db
        record.update(database=db, table=table)
        for d in {own_db, db}:
            self.q(f"DROP DATABASE IF EXISTS {q(d)} SYNC")
            self.q(f"CREATE DATABASE {q(d)}")
        self.q(f"USE {q(own_db)}")
        try:
            self.q(text)
            record["accepted"] = True
        except Exception as e:  # chdb raises with ClickHouse's message text
            record["accepted"] = False
            record["error"] = str(e).strip()
            return record
        full = f"{q(db)}.{q(table)}"
        record["show_create"] = self.q(f"SHOW CREATE TABLE {full}").rstrip("\n")
        info = self.rows_of(
            "SELECT engine, engine_full, partition_key, sorting_key, primary_key, sampling_key "
            f"FROM system.tables WHERE database = '{db}' AND name = '{table}'"
        )[0]
        record.update(
            dict(zip(["engine", "engine_full", "partition_key", "sorting_key", "primary_key", "sampling_key"], info))
        )
        record["columns"] = [
            dict(zip(["name", "type", "default_kind", "default_expression", "codec", "comment"], r))
            for r in self.rows_of(
                "SELECT name, type, default_kind, default_expression, compression_codec, comment FROM system.columns "
                f"WHERE database = '{db}' AND table = '{table}' ORDER BY position"
            )
        ]
        record["indexes"] = [
            dict(zip(["name", "type", "type_full", "expr", "granularity"], r))
            for r in self.rows_of(
                "SELECT name, type, type_full, expr, granularity FROM system.data_skipping_indices "
                f"WHERE database = '{db}' AND table = '{table}'"
            )
        ]
        try:
            record["projections"] = [
                r[0]
                for r in self.rows_of(f"SELECT name FROM system.projections WHERE database = '{db}' AND table = '{table}'")
            ]
        except Exception:
            record["projections"] = re.findall(r"PROJECTION\s+(\w+)", record["show_create"])
        if record["engine"].endswith("MergeTree"):  # keep the inserted parts as they are (no merges, no TTL drops)
            self.q(f"SYSTEM STOP MERGES {full}")
        try:
            stored, names, structure, exprs = self.insert_plan(db, table)
            for k in range(self.inserts):
                self.q(
                    f"INSERT INTO {full} ({names}) SELECT {', '.join(exprs)} FROM generateRandom('{structure}', "
                    f"{k + 1}, 16, 3) LIMIT {self.rows}"
                )
            record["inserted_rows"] = self.rows * self.inserts
            record["count"] = int(self.q(f"SELECT count() FROM {full}").strip())
            self.q(f"SELECT * FROM {full} FORMAT Null")
            record["reads_back"] = record["count"] == record["inserted_rows"] or record["engine"] == "Null"
        except Exception as e:
            record["insert_error"] = str(e).strip()
        if record["engine"].endswith("MergeTree"):
            parts = self.rows_of(
                "SELECT partition_id, name, part_type, rows FROM system.parts "
                f"WHERE database = '{db}' AND table = '{table}' AND active ORDER BY name"
            )
            record["partition_ids"] = sorted({p[0] for p in parts})
            record["parts"] = [{"name": p[1], "part_type": p[2], "rows": int(p[3])} for p in parts]
        backup = self.root / "backups" / path.stem
        try:
            out = self.rows_of(f"BACKUP TABLE {full} TO File('{backup}')")
            record["backup_status"] = out[0][1] if out else None
            record["backup_files"] = sum(len(f) for _, _, f in os.walk(backup))
        except Exception as e:
            record["backup_error"] = str(e).strip()
        for d in {own_db, db}:
            self.q(f"DROP DATABASE IF EXISTS {q(d)} SYNC")
        return record


def features(record):
    """Feature tags of one accepted table, from system.tables/columns/indices and the SHOW CREATE text."""
    tags = []
    if not record.get("accepted"):
        return tags
    text = record["show_create"]
    columns = {c["name"] for c in record["columns"]}
    tags.append("engine:" + record["engine"])
    if record["partition_key"]:
        tags.append("PARTITION BY")
        tags += ["partition fn:" + f for f in sorted(set(re.findall(r"(\w+)\(", record["partition_key"])))]
        if len(key_elements(record["partition_key"])) > 1:
            tags.append("PARTITION BY tuple of expressions")
        if re.search(r"\s[-+*/%]\s", record["partition_key"]):
            tags.append("partition arithmetic (+ - * / %)")
    order = key_elements(record["sorting_key"])
    if not order:
        tags.append("ORDER BY tuple()")
    elif all(e.strip("`") in columns for e in order):
        tags.append("ORDER BY plain columns")
    else:
        tags.append("ORDER BY expression")
        tags += ["key fn:" + f for f in sorted(set(re.findall(r"(\w+)\(", record["sorting_key"])))]
        if re.search(r"\s[-+*/%]\s", record["sorting_key"]):
            tags.append("key arithmetic (+ - * / %)")
    if record["primary_key"] != record["sorting_key"]:
        tags.append("PRIMARY KEY prefix of ORDER BY")
    if record["sampling_key"]:
        tags.append("SAMPLE BY")
    for index in record["indexes"]:
        tags.append("INDEX " + index["type"])
    if record["projections"]:
        tags.append("PROJECTION")
    if re.search(r"^TTL ", text, re.MULTILINE):
        tags.append("TTL")
    if re.search(r"\bTTL\b", text.split("\nENGINE")[0]):
        tags.append("column TTL")
    for column in record["columns"]:
        if column["default_kind"]:
            tags.append(column["default_kind"])
        if column["codec"]:
            tags.append("CODEC")
            tags += ["codec:" + c for c in re.findall(r"(\w+)(?:\(|,|\)|$)", column["codec"][6:-1]) if c and not c.isdigit()]
        if column["comment"]:
            tags.append("COMMENT")
    if re.search(r"^COMMENT ", text, re.MULTILINE):
        tags.append("table COMMENT")
    types = " ".join(c["type"] for c in record["columns"]) + " " + text.split("\nENGINE")[0]
    for name, pattern in TYPE_FEATURES:
        if re.search(pattern, types):
            tags.append("type:" + name)
    if any("." in c["name"] and c["type"].startswith("Array(") for c in record["columns"]):
        tags.append("type:Nested")
    ddl = Path(record["path"]).read_text().split("\n", 2)[2]
    if SQL_STANDARD_TYPES.search(re.sub(r"'[^']*'", "", ddl)):
        tags.append("SQL-standard type names")
    if re.search(r"\bSETTINGS\b", ddl):
        tags += ["setting:" + s for s in re.findall(r"(\w+)\s*=", ddl.split("SETTINGS", 1)[1])]
    return sorted(set(tags))


def markdown(records):
    accepted = [r for r in records if r.get("accepted")]
    counts = Counter(t for r in accepted for t in r["features"])
    out = [
        "# Real ClickHouse table definitions (issue #13)",
        "",
        "Each `NN_<name>.sql` holds one CREATE TABLE taken as written from a public source (first line `-- Source:`,",
        "second line `-- Changes:`); `probes/<feature>.sql` hold one minimal table per feature. Generated by",
        "`scripts/testing/real_tables.py` against ClickHouse 26.9 (chdb 4.4.0): each table is created, filled with",
        "`generateRandom` rows, read back and backed up with `BACKUP TABLE … TO File(…)`. Everything recorded",
        "(SHOW CREATE TABLE, keys, partition ids, parts, columns) is in `summary.json`.",
        "",
        f"Tables: {len([r for r in records if not r['file'].startswith('probes/')])} real, "
        f"{len([r for r in records if r['file'].startswith('probes/')])} probes; ClickHouse accepts {len(accepted)} "
        f"of {len(records)}; {sum(1 for r in accepted if r.get('reads_back'))} filled and read back; "
        f"{sum(1 for r in accepted if r.get('backup_status') == 'BACKUP_CREATED')} backed up.",
        "",
        "## Tables",
        "",
        "| file | table | source | accepted | engine | PARTITION BY | ORDER BY | rows | partitions | backup | features |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in records:
        src = r.get("source") or ""
        m = re.search(r"\((https?://[^)]+)\)", src)
        short = src.split(" (")[0].split(":", 1)
        label = f"[{short[0].split('@')[0]}:{short[1] if len(short) > 1 else ''}]({m.group(1)})" if m else src
        if not r.get("accepted"):
            err = (r.get("error") or "").replace("|", "\\|").replace("\n", " ")[:160]
            out.append(f"| `{r['file']}` | `{r.get('table', '')}` | {label} | **no**: {err} | | | | | | | |")
            continue
        feats = ", ".join(t for t in r["features"] if not t.startswith("engine:"))
        cell = lambda v: (v or "").replace("|", "\\|")
        code = lambda v: "" if not v else (f"`` {cell(v)} ``" if "`" in v else f"`{cell(v)}`")
        rows = r.get("count", "insert failed: " + cell(r.get("insert_error", ""))[:120])
        out.append(
            f"| `{r['file']}` | `{r['table']}` | {label} | yes | {r['engine']} | {code(r['partition_key'])} | "
            f"{code(r['sorting_key'])} | {rows} | {len(r.get('partition_ids', []))} | "
            f"{r.get('backup_status') or 'error: ' + cell(r.get('backup_error', ''))[:80]} | {feats} |"
        )
    by_repo = Counter(
        (r.get("source") or "").split("@")[0] for r in records if not r["file"].startswith("probes/")
    )
    out += ["", "## Sources", "", "| repository | tables |", "|---|---|"]
    out += [f"| {repo} | {n} |" for repo, n in sorted(by_repo.items(), key=lambda kv: (-kv[1], kv[0]))]
    out += [
        "",
        "## Notes",
        "",
        "- Rejected by ClickHouse 26.9 (kept on purpose: SwiftHouse should refuse them the same way):",
    ]
    out += [
        f"  - `{r['file']}`: `{(r.get('error') or '').splitlines()[0][:200]}`" for r in records if not r.get("accepted")
    ]
    out += [
        "- The fill: `generateRandom` over the stored columns, 3 INSERTs (seeds 1, 2, 3) of 20 rows, with merges",
        "  stopped (`SYSTEM STOP MERGES`) so that the parts are the inserted ones and TTL drops nothing; `rows` is",
        "  `count()` after the fill (60 expected; the Null engine stores nothing). Collapsing signs are made 1/-1,",
        "  Replacing `is_deleted` 0/1, Nested subcolumns one array size, AggregateFunction columns",
        "  `initializeAggregation('fState', …)` of generated arguments, Variant/Dynamic/JSON casts of numbers.",
        "- `partitions` is the number of distinct `partition_id`s of the active parts; the ids, the parts (name,",
        "  Wide/Compact, rows), the columns (type, default kind and expression, codec, comment), the skip indexes and",
        "  SHOW CREATE TABLE text of each table are in `summary.json`.",
        "- Features are read from system.tables (keys), system.columns (types, defaults, codecs, comments),",
        "  system.data_skipping_indices, system.projections and the SHOW CREATE text; `SQL-standard type names` and",
        "  `setting:` tags are read from the file's own DDL. `ORDER BY expression` means at least one sorting-key",
        "  element is not a plain column.",
        "- Template placeholders (Go `%s`, `{{.SIGNOZ_CLUSTER}}`, bun `?TTL`) were replaced by concrete text and",
        "  Replicated engines by plain MergeTree; each file's `-- Changes:` line says what. Files that hold several",
        "  statements were cut to one CREATE TABLE (named in `-- Changes:`); CREATE … AS SELECT, materialized views,",
        "  Distributed and Buffer tables were left out.",
        "- Re-run: `/work/main/.venv/bin/python scripts/testing/real_tables.py` (about 20 s) rewrites this file and",
        "  `summary.json`; `--only REGEX` runs some files and prints their records instead.",
    ]
    out += ["", "## Feature counts (accepted tables, real and probes)", "", "| feature | tables |", "|---|---|"]
    for tag, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"| {tag} | {n} |")
    real = [r for r in accepted if not r["file"].startswith("probes/")]
    real_counts = Counter(t for r in real for t in r["features"])
    out += ["", "## Feature counts (real tables only)", "", "| feature | tables |", "|---|---|"]
    for tag, n in sorted(real_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"| {tag} | {n} |")
    return "\n".join(out) + "\n"


def main():
    here = Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", default=str(here / "Tests/Fixtures/real-tables"))
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument("--inserts", type=int, default=3)
    parser.add_argument("--only", default=None, help="a regular expression on the file names")
    args = parser.parse_args()
    fixtures = Path(args.fixtures)
    files = sorted(fixtures.glob("*.sql")) + sorted((fixtures / "probes").glob("*.sql"))
    if args.only:
        files = [f for f in files if re.search(args.only, f.name)]
    root = tempfile.mkdtemp(prefix="sh-real-tables-")
    try:
        runner = Runner(root, args.rows, args.inserts)
        records = []
        for path in files:
            record = runner.run_file(path)
            record["path"] = str(path)
            record["features"] = features(record)
            status = "ok" if record.get("accepted") else "REJECTED"
            extra = record.get("insert_error") or record.get("backup_error") or ""
            print(f"{record['file']}: {status} {record.get('count', '')} {extra[:200]}", file=sys.stderr)
            records.append(record)
        runner.s.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for r in records:
        r["path"] = os.path.relpath(r["path"], here)
    if not args.only:
        (fixtures / "summary.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        (fixtures / "README.md").write_text(markdown(records))
    else:
        json.dump(records, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
