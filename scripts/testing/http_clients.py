#!/usr/bin/env python3
"""Issue #16's proof: a running `swifthouse server` driven by real ClickHouse clients.

clickhouse-connect (PyPI, its default Native path for query and insert) connects, creates a table of the common
column types, inserts 3,000 rows and reads them back with `query`, `query_df` and `query_np`; the same rows,
exported from the server as TabSeparated, are loaded into ClickHouse (chdb) and a set of queries must answer
byte for byte as ClickHouse answers them. Then raw HTTP (urllib) checks the protocol details against
ClickHouse's documented HTTP behaviour: /ping, query in the URL and the body, `database`, `default_format`,
settings as URL parameters, `query_id`, sessions, users, GET as readonly, status codes and
`X-ClickHouse-Exception-Code`, compressed request bodies, ClickHouse's compressed blocks (`compress=1`,
`decompress=1`, decoded and encoded by clickhouse-driver's implementation), query size; and BACKUP / RESTORE to a local S3 endpoint
through the server, an ASYNC BACKUP watched in system.backups by a second client.

Prints JSON: a list of {"check", "ok", "detail"}. Exit 0 when the script ran (failed checks are in the list).
Usage: http_clients.py --port PORT --s3 http://127.0.0.1:MOTO/bucket/prefix
       http_clients.py --port 0 --write-users-config FILE; then with a server started with --config FILE:
       http_clients.py --port PORT --users   (users from a ClickHouse users.xml: passwords, a readonly profile)
Test-only, never shipped: ClickHouse is the oracle.
"""
import argparse
import base64
import datetime
import decimal
import gzip
import io
import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import chdb
import clickhouse_connect
import lz4.frame
import zstandard
from clickhouse_cityhash.cityhash import CityHash128
from clickhouse_driver.compression import get_compressor_cls, get_decompressor_cls
from clickhouse_driver.reader import read_binary_uint8, read_binary_uint128
from clickhouse_driver.writer import write_binary_uint128

CHECKS = []


def check(name, ok, detail=""):
    CHECKS.append({"check": name, "ok": bool(ok), "detail": str(detail)[:2000]})


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name)


def http(port, method="POST", params=None, body=None, headers=None):
    url = f"http://127.0.0.1:{port}/"
    if isinstance(params, str):
        url += params
    elif params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


TYPES = [
    ("id", "UInt64"), ("u8", "UInt8"), ("u16", "UInt16"), ("u32", "UInt32"), ("i8", "Int8"), ("i16", "Int16"),
    ("i32", "Int32"), ("i64", "Int64"), ("f32", "Float32"), ("f64", "Float64"), ("s", "String"),
    ("fs", "FixedString(4)"), ("d", "Date"), ("dt", "DateTime"), ("dt64", "DateTime64(3)"), ("u", "UUID"),
    ("dec", "Decimal(18, 4)"), ("b", "Bool"), ("ns", "Nullable(String)"), ("ai", "Array(Int32)"),
    ("lc", "LowCardinality(String)"), ("m", "Map(String, UInt64)"), ("ip", "IPv4"),
]


def make_rows(count):
    rows = []
    for i in range(count):
        rows.append([
            i, i % 256, (i * 7) % 65536, i * 1000003 % 4294967296, (i % 256) - 128, (i * 3) % 65536 - 32768,
            i * 2654435761 % 4294967296 - 2147483648, i * 0x9E3779B97F4A7C15 % (1 << 64) - (1 << 63),
            float(i) / 8, i / 3, f"row {i} ünïcode", f"{i % 10000:04d}".encode(),
            datetime.date(2000, 1, 1) + datetime.timedelta(days=i * 13 % 20000),
            datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=i * 977),
            datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=i * 12345),
            uuid.UUID(int=(i * 0x9E3779B97F4A7C15 * 31) % (1 << 128)),
            decimal.Decimal(i * 12345) / decimal.Decimal(10000), i % 3 == 0, None if i % 4 == 0 else f"n{i}",
            [i, -i, i * 2][: i % 4], ["red", "green", "blue"][i % 3], {f"k{i % 5}": i, "z": i % 7},
            f"10.{i % 256}.{i // 256 % 256}.1",
        ])
    return rows


def normalize(value):
    """A value as clickhouse-connect returns it, comparable with what was inserted."""
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if hasattr(value, "exploded"):  # IPv4Address
        return str(value)
    return value


def clients(port):
    client = clickhouse_connect.get_client(host="127.0.0.1", port=port)
    check("connect: server version", client.server_version == chdb.query("SELECT version()", "TSVRaw").bytes().decode().strip(),
          client.server_version)
    check("connect: Native block info negotiated", client.protocol_version == 54405, client.protocol_version)
    client.command("CREATE DATABASE IF NOT EXISTS http")
    columns = ", ".join(f"{name} {type_name}" for name, type_name in TYPES)
    create = f"CREATE TABLE http.types ({columns}) ENGINE = MergeTree ORDER BY id"
    client.command(create)
    rows = make_rows(3000)
    names = [name for name, _ in TYPES]
    summary = client.insert("http.types", rows, column_names=names)
    check("insert: Native, 3000 rows", summary.written_rows in (0, 3000), summary.written_rows)
    result = client.query("SELECT * FROM http.types ORDER BY id")
    got = [normalize(list(row)) for row in result.result_rows]
    want = [normalize(row) for row in rows]
    mismatches = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
    check("query: every row read back identical", len(got) == len(want) and not mismatches,
          f"{len(got)} rows; first mismatch {mismatches[:1]}")
    check("query: column types", result.column_names == tuple(names)
          and [t.name for t in result.column_types] == [t for _, t in TYPES], [t.name for t in result.column_types])
    frame = client.query_df("SELECT id, i64, f64, s FROM http.types ORDER BY id")
    check("query_df", len(frame) == 3000 and list(frame["s"][:2]) == ["row 0 ünïcode", "row 1 ünïcode"]
          and int(frame["i64"].sum()) == sum(r[7] for r in rows), frame.head(2))
    array = client.query_np("SELECT id, f64 FROM http.types ORDER BY id")
    check("query_np", len(array) == 3000 and int(array[10][0]) == 10 and float(array[10][1]) == 10 / 3, array[:2])
    # The same rows in ClickHouse: the server's TabSeparated export loaded into chdb, then the same queries.
    export = client.raw_query("SELECT * FROM http.types ORDER BY id FORMAT TabSeparated")
    session = chdb.session.Session()
    try:
        session.query("CREATE DATABASE http")
        session.query(create)
        session.query("INSERT INTO http.types FORMAT TabSeparated\n" + export.decode())
        queries = [
            "SELECT count(), sum(id), sum(i64), sum(f32), sum(dec), uniqExact(s), min(d), max(dt) FROM http.types",
            "SELECT lc, count(), sum(u32), avg(f32) FROM http.types GROUP BY lc ORDER BY lc",
            "SELECT id, ns, ai, m, ip, dec, b, u FROM http.types WHERE id % 997 = 0 ORDER BY id",
            "SELECT toStartOfMonth(d) AS month, count() FROM http.types WHERE d < '2001-01-01' GROUP BY month ORDER BY month",
        ]
        for query in queries:
            for fmt in ["TabSeparatedWithNamesAndTypes", "JSONCompact", "CSV"]:
                ours = client.raw_query(f"{query} FORMAT {fmt}")
                theirs = session.query(f"{query} FORMAT {fmt}").bytes()
                if fmt == "JSONCompact":
                    ours, theirs = [json.loads(x) for x in (ours, theirs)]
                    read = [answer.pop("statistics", {}).get("rows_read") for answer in (ours, theirs)]
                    check(f"statistics.rows_read as ClickHouse's: {query}", read[0] == read[1] == 3000, read)
                check(f"same answer as ClickHouse: {fmt}: {query}", ours == theirs, f"{ours!r} vs {theirs!r}")
    finally:
        session.close()
    return client


def protocol(port):
    ping = http(port, "GET", "ping")
    check("/ping", ping.status == 200 and ping.body == b"Ok.\n", ping.body)
    root = http(port, "GET")
    check("GET /", root.status == 200 and root.body == b"Ok.\n", root.body)
    url = http(port, "GET", {"query": "SELECT 1 + 1"})
    check("query in the URL", url.body == b"2\n", url.body)
    body = http(port, "POST", None, b"SELECT 'body'")
    check("query in the body", body.body == b"body\n", body.body)
    joined = http(port, "POST", {"query": "SELECT"}, b"'joined', 3")
    check("URL query continued by the body", joined.body == b"joined\t3\n", joined.body)
    fmt = http(port, "GET", {"query": "SELECT 1 AS x", "default_format": "JSONEachRow"})
    check("default_format", fmt.body == b'{"x":1}\n' and fmt.header("X-ClickHouse-Format") == "JSONEachRow",
          (fmt.body, fmt.header("X-ClickHouse-Format")))
    own = http(port, "GET", {"query": "SELECT 1 AS x FORMAT CSV", "default_format": "JSONEachRow"})
    check("the query's FORMAT wins", own.body == b"1\n", own.body)
    database = http(port, "GET", {"query": "SELECT currentDatabase(), count() FROM types", "database": "http"})
    check("database parameter", database.body == b"http\t3000\n", database.body)
    quoted = http(port, "GET", {"query": "SELECT toUInt64(5) AS v FORMAT JSONEachRow",
                                "output_format_json_quote_64bit_integers": "1"})
    expected = chdb.query("SELECT toUInt64(5) AS v SETTINGS output_format_json_quote_64bit_integers = 1",
                          "JSONEachRow").bytes()
    check("a setting as a URL parameter", quoted.body == expected, (quoted.body, expected))
    unknown = http(port, "GET", {"query": "SELECT 1", "no_such_setting": "1"})
    check("unknown setting: 404, code 115", unknown.status == 404 and unknown.header("X-ClickHouse-Exception-Code") == "115",
          (unknown.status, unknown.body))
    query_id = http(port, "GET", {"query": "SELECT 1", "query_id": "my-query-7"})
    check("query_id echoed", query_id.header("X-ClickHouse-Query-Id") == "my-query-7", query_id.headers)
    fresh = http(port, "GET", {"query": "SELECT 1"})
    check("query_id generated", len(fresh.header("X-ClickHouse-Query-Id") or "") == 36, fresh.headers)
    summary = json.loads(fresh.header("X-ClickHouse-Summary") or "{}")
    check("X-ClickHouse-Summary: ClickHouse's fields", list(summary) == [
        "read_rows", "read_bytes", "written_rows", "written_bytes", "total_rows_to_read", "result_rows",
        "result_bytes", "elapsed_ns"], summary)
    # Sessions keep USE and SET; without a session each request starts fresh.
    sid = str(uuid.uuid4())
    http(port, "POST", {"session_id": sid}, b"USE http")
    http(port, "POST", {"session_id": sid}, b"SET max_block_size = 1234")
    kept = http(port, "POST", {"session_id": sid},
                b"SELECT currentDatabase(), value FROM system.settings WHERE name = 'max_block_size'")
    check("session keeps USE and SET", kept.body == b"http\t1234\n", kept.body)
    fresh_db = http(port, "POST", None, b"SELECT currentDatabase()")
    check("no session: default database", fresh_db.body == b"default\n", fresh_db.body)
    missing = http(port, "POST", {"session_id": "never-made", "session_check": "1"}, b"SELECT 1")
    check("session_check of a missing session: code 372", missing.header("X-ClickHouse-Exception-Code") == "372",
          (missing.status, missing.body))
    too_long = http(port, "POST", {"session_id": sid, "session_timeout": "99999"}, b"SELECT 1")
    check("session_timeout above 3600: code 374", too_long.header("X-ClickHouse-Exception-Code") == "374",
          too_long.body)
    # Users: ClickHouse's `default` without a password, by header, basic auth or URL.
    basic = base64.b64encode(b"default:").decode()
    ok_basic = http(port, "GET", {"query": "SELECT 1"}, headers={"Authorization": f"Basic {basic}"})
    check("basic auth as default", ok_basic.status == 200, ok_basic.body)
    ok_header = http(port, "GET", {"query": "SELECT 1"}, headers={"X-ClickHouse-User": "default"})
    check("X-ClickHouse-User default", ok_header.status == 200, ok_header.body)
    for name, answer in [
        ("unknown user", http(port, "GET", {"query": "SELECT 1"}, headers={"X-ClickHouse-User": "alice"})),
        ("wrong password", http(port, "GET", {"query": "SELECT 1", "user": "default", "password": "x"})),
        ("basic auth with a password",
         http(port, "GET", {"query": "SELECT 1"}, headers={"Authorization": "Basic " + base64.b64encode(b"default:pw").decode()})),
    ]:
        check(f"{name}: 403, code 516", answer.status == 403 and answer.header("X-ClickHouse-Exception-Code") == "516"
              and b"Authentication failed" in answer.body, (answer.status, answer.body))
    # GET is readonly; errors carry ClickHouse's status and code.
    write = http(port, "GET", {"query": "CREATE TABLE http.x (a UInt8) ENGINE = Memory"})
    check("GET refuses a write: code 164", write.status == 500 and write.header("X-ClickHouse-Exception-Code") == "164"
          and b"method GET implies readonly" in write.body, (write.status, write.body))
    readonly = http(port, "POST", {"query": "CREATE TABLE http.x (a UInt8) ENGINE = Memory", "readonly": "1"})
    check("readonly=1 refuses a write", readonly.header("X-ClickHouse-Exception-Code") == "164", readonly.body)
    table = http(port, "GET", {"query": "SELECT * FROM http.nope"})
    theirs = chdb.query("SELECT errorCodeToName(60)", "TSVRaw").bytes().decode().strip()
    check("unknown table: 404, code 60", table.status == 404 and table.header("X-ClickHouse-Exception-Code") == "60"
          and table.body.startswith(b"Code: 60. DB::Exception: ") and theirs.encode() in table.body,
          (table.status, table.body))
    syntax = http(port, "GET", {"query": "SELEC 1"})
    check("syntax error: 400, code 62", syntax.status == 400 and syntax.header("X-ClickHouse-Exception-Code") == "62",
          (syntax.status, syntax.body))
    multi = http(port, "POST", None, b"SELECT 1; SELECT 2")
    check("multi-statements refused", multi.status == 400 and b"Multi-statements are not allowed" in multi.body,
          multi.body)
    large = http(port, "POST", None, b"SELECT '" + b"x" * 300_000 + b"'")
    check("query above max_query_size: 413, code 229", large.status == 413
          and large.header("X-ClickHouse-Exception-Code") == "229", (large.status, large.body[:200]))
    # INSERT data in the body, compressed as clients send it.
    http(port, "POST", None, b"CREATE TABLE http.raw (a UInt32, s String) ENGINE = MergeTree ORDER BY a")
    data = b"".join(b"%d\tv%d\n" % (i, i) for i in range(1000))
    plain = http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated"}, data)
    check("INSERT data in the body", plain.status == 200, plain.body)
    for encoding, compress in [("gzip", gzip.compress), ("zstd", zstandard.ZstdCompressor().compress),
                               ("lz4", lz4.frame.compress)]:
        answer = http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated"}, compress(data),
                      {"Content-Encoding": encoding})
        check(f"INSERT body with Content-Encoding: {encoding}", answer.status == 200, answer.body)
    count = http(port, "GET", {"query": "SELECT count(), sum(a) FROM http.raw"})
    check("compressed inserts all landed", count.body == b"4000\t1998000\n", count.body)
    # Compressed answers: zstd or gzip when the client accepts them (enable_http_compression is on by default).
    for encoding, decompress in [("zstd", lambda b: zstandard.ZstdDecompressor().decompressobj().decompress(b)),
                                 ("gzip", gzip.decompress)]:
        answer = http(port, "GET", {"query": "SELECT a, s FROM http.raw ORDER BY a, s"},
                      headers={"Accept-Encoding": f"br, {encoding}"})
        expected = http(port, "GET", {"query": "SELECT a, s FROM http.raw ORDER BY a, s"}).body
        check(f"answer with Content-Encoding: {encoding}", answer.header("Content-Encoding") == encoding
              and decompress(answer.body) == expected and len(expected) > 10000, answer.headers)
    off = http(port, "GET", {"query": "SELECT 1", "enable_http_compression": "0"}, headers={"Accept-Encoding": "gzip"})
    check("enable_http_compression=0: plain answer", off.header("Content-Encoding") is None and off.body == b"1\n",
          off.headers)
    # curl: a body over 1 KiB goes after `Expect: 100-continue`; the server answers 100 at once (no 1 s wait).
    started = time.time()
    curl = subprocess.run(["curl", "-sS", "-w", "\\n%{http_code}", "--data-binary", "@-",
                           f"http://127.0.0.1:{port}/?query=INSERT+INTO+http.raw+FORMAT+TabSeparated"],
                          input=data, capture_output=True)
    took = time.time() - started
    check("curl POST with Expect: 100-continue", curl.returncode == 0 and curl.stdout.endswith(b"200") and took < 0.9,
          (curl.stdout[-200:], curl.stderr[-200:], took))
    odd = http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated"}, data, {"Content-Encoding": "snappy"})
    check("unknown Content-Encoding: 415", odd.status == 415, (odd.status, odd.body))
    bad = http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated"}, b"not gzip",
               {"Content-Encoding": "gzip"})
    check("corrupt gzip body refused, nothing inserted", bad.status != 200
          and http(port, "GET", {"query": "SELECT count() FROM http.raw"}).body == b"5000\n", bad.body)


def native_compress(data):
    """`data` in one ClickHouse compressed block (LZ4), by clickhouse-driver's implementation of the format."""
    compressor = get_compressor_cls("lz4")()
    compressor.write(data)
    block = bytes([compressor.method_byte]) + compressor.get_compressed_data(1)
    out = io.BytesIO()
    write_binary_uint128(CityHash128(block), out)
    return out.getvalue() + block


def native_decompress(data):
    """ClickHouse compressed blocks decoded, checksums verified, by clickhouse-driver; also the methods seen."""
    stream, out, methods = io.BytesIO(data), b"", set()
    while stream.tell() < len(data):
        checksum = read_binary_uint128(stream)
        method = read_binary_uint8(stream)
        methods.add(method)
        out += get_decompressor_cls(method)(stream).get_decompressed_data(method, checksum, 1)
    return out, methods


def query_parameters(port):
    """`{name:Type}` with `param_name` values: answers, column names and errors as ClickHouse's (chdb's params)."""
    cases = [
        ("SELECT {x:UInt8}, {s:String}, {n:Int64}, {f:Float64}", {"x": "5", "s": "it's a\\tb", "n": "-9000000000",
                                                              "f": "2.5"}),
        ("SELECT {d:Date} AS d, {t:DateTime} AS t, {a:Array(UInt16)} AS a, {u:UUID} AS u, {ns:Nullable(String)} AS ns",
         {"d": "2024-02-29", "t": "2024-02-29 10:11:12", "a": "[1,2]", "u": "61f0c404-5cb3-11e7-907b-a6006ad3dba0",
          "ns": "\\N"}),
        ("SELECT count() FROM {db:Identifier}.{t:Identifier}", {"db": "system", "t": "one"}),
        ("SELECT {x:UInt8}", {"x": "abc"}),
        ("SELECT {x:UInt8}", {"x": "300"}),
        ("SELECT {x:UInt8}", {"x": "-1"}),
        ("SELECT {x:Int32}", {"x": " 5"}),
        ("SELECT {x:Float32}", {"x": "0.1"}),
        ("SELECT {y:UInt8}", {}),
        ("SELECT '{x:UInt8}', {x:UInt8} -- {z:String}", {"x": "1"}),
    ]
    for query, values in cases:
        ours = http(port, "POST", {f"param_{k}": v for k, v in values.items()}, (query + " FORMAT TSV").encode())
        try:
            theirs, code = chdb.query(query, "TSV", params=values).bytes(), None
        except Exception as error:  # ClickHouse's error: compare the code and the message
            theirs, code = str(error).encode(), str(error).split(".")[0].replace("Code: ", "")
        if code is None:
            check(f"query parameters as ClickHouse: {query} {values}", ours.status == 200 and ours.body == theirs,
                  (ours.body, theirs))
        else:
            check(f"query parameter error as ClickHouse: {query} {values}",
                  ours.header("X-ClickHouse-Exception-Code") == code
                  and ours.body.split(b" (version")[0] == theirs, (ours.body, theirs))
    named = ("SELECT {x:UInt8}, {s:String}, {p:Int8}, {w:UInt64}, {e:Float64}, {h:Float64}, {i:Float64}, "
             "{z:Nullable(UInt8)}, {b:Bool}, {q:Int128}, {v:Int16}, {se:String}")
    values = {"x": "+3", "s": "v", "p": "300", "w": "99999999999999999999", "e": "1e3", "h": ".5", "i": "inf",
              "z": "\\N", "b": "true", "q": "-1", "v": "-40000", "se": "\\N"}
    names = http(port, "POST", {f"param_{k}": v for k, v in values.items()}, (named + " FORMAT TSVWithNames").encode())
    theirs = chdb.query(named, "TSVWithNames", params=values).bytes()
    check("query parameters: values and column names as ClickHouse's", names.body == theirs, (names.body, theirs))
    # An INSERT's data is data: braces in it are not parameters, in the URL's INSERT or the body's.
    http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated", "param_x": "9"}, b"77\t{x:UInt8}\n")
    http(port, "POST", {"param_x": "9"}, b"INSERT INTO http.raw FORMAT TabSeparated\n78\t{x:UInt8}\n")
    http(port, "POST", {"param_x": "79"}, b"INSERT INTO http.raw VALUES ({x:UInt32}, '{x:UInt8}')")
    stored = http(port, "POST", {"param_lo": "77"},
                  b"SELECT a, s FROM http.raw WHERE a BETWEEN {lo:UInt32} AND 79 AND s LIKE '{%' ORDER BY a FORMAT TSV")
    check("query parameters: INSERT data left as it is, VALUES substituted", stored.body
          == b"77\t{x:UInt8}\n78\t{x:UInt8}\n79\t{x:UInt8}\n", stored.body)
    client = clickhouse_connect.get_client(host="127.0.0.1", port=port)
    bound = client.query("SELECT {x:UInt32} + 1 AS y, {s:String} AS s", parameters={"x": 41, "s": "it's\ta\\b"})
    check("clickhouse-connect server-side parameters", bound.result_rows == [(42, "it's\ta\\b")], bound.result_rows)


def progress(port):
    """Counters in X-ClickHouse-Summary and X-ClickHouse-Progress, compared with ClickHouse's for the same rows."""
    http(port, "POST", None, b"CREATE TABLE http.counted (a UInt32, b Float64) ENGINE = MergeTree ORDER BY a")
    rows = 300000
    data = b"".join(b"%d\t%d.5\n" % (i, i) for i in range(rows))
    insert = http(port, "POST", {"query": "INSERT INTO http.counted FORMAT TabSeparated",
                                 "send_progress_in_http_headers": "1", "http_headers_progress_interval_ms": "1"},
                  data)
    summary = json.loads(insert.header("X-ClickHouse-Summary") or "{}")
    check("INSERT summary: written_rows and written_bytes", summary.get("written_rows") == str(rows)
          and summary.get("written_bytes") == str(rows * 12), summary)
    reports = [json.loads(value) for value in insert.headers.get_all("X-ClickHouse-Progress") or []]
    written = [int(report.get("written_rows", "0")) for report in reports]
    check("send_progress_in_http_headers: X-ClickHouse-Progress while the INSERT ran", reports
          and written == sorted(written) and written[-1] == rows and all("elapsed_ns" in r for r in reports),
          reports[-3:])
    quiet = http(port, "POST", {"query": "SELECT 1"})
    check("no X-ClickHouse-Progress unless asked", quiet.header("X-ClickHouse-Progress") is None, quiet.headers)
    session = chdb.session.Session()
    session.query("CREATE TABLE counted (a UInt32, b Float64) ENGINE = MergeTree ORDER BY a")
    session.query(f"INSERT INTO counted SELECT number, number + 0.5 FROM numbers({rows})")
    for query in ["SELECT sum(a) FROM http.counted", "SELECT a, b FROM http.counted WHERE a % 1000 = 7"]:
        answer = http(port, "GET", {"query": query, "wait_end_of_query": "1"})
        ours = json.loads(answer.header("X-ClickHouse-Summary") or "{}")
        theirs = json.loads(session.query(query.replace("http.", ""), "JSON").bytes())
        statistics = theirs["statistics"]
        check(f"wait_end_of_query=1 summary: read_rows and read_bytes as ClickHouse's: {query}",
              ours.get("read_rows") == str(statistics["rows_read"]) and ours.get("read_bytes") == str(
                  statistics["bytes_read"]) and ours.get("total_rows_to_read") == str(rows)
              and ours.get("result_rows") == str(theirs["rows"]), (ours, statistics))
        as_json = json.loads(http(port, "GET", {"query": query + " FORMAT JSON"}).body)
        check(f"JSON statistics as ClickHouse's: {query}", {k: as_json["statistics"][k] for k in (
            "rows_read", "bytes_read")} == {k: statistics[k] for k in ("rows_read", "bytes_read")},
              (as_json["statistics"], statistics))
    streamed = http(port, "GET", {"query": "SELECT a FROM http.counted"})
    check("a streamed answer's summary is taken before the rows", json.loads(
        streamed.header("X-ClickHouse-Summary") or "{}").get("result_rows") == "0"
        and streamed.body.count(b"\n") == rows, streamed.header("X-ClickHouse-Summary"))


def native_compression(port):
    """compress=1 / decompress=1: ClickHouse's own compressed blocks over HTTP, as the JDBC driver uses them."""
    query = {"query": "SELECT a, s FROM http.raw ORDER BY a, s"}
    plain = http(port, "GET", query).body
    blocks = http(port, "GET", dict(query, compress="1"))
    decoded, methods = native_decompress(blocks.body)
    check("compress=1: the answer in ClickHouse's LZ4 blocks", decoded == plain and methods == {0x82}
          and len(plain) > 10000, (len(decoded), len(plain), methods))
    both = http(port, "GET", dict(query, compress="1"), headers={"Accept-Encoding": "gzip"})
    check("compress=1 with Content-Encoding: gzip around the blocks", both.header("Content-Encoding") == "gzip"
          and native_decompress(gzip.decompress(both.body))[0] == plain, both.headers)
    failed = http(port, "GET", {"query": "SELECT * FROM http.missing", "compress": "1"})
    check("compress=1: an error's text in a block too", failed.status == 404
          and b"Code: 60." in native_decompress(failed.body)[0], failed.body[:200])
    data = b"".join(b"%d\tblock %d\n" % (i, i) for i in range(10000, 12000))
    sent = http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated", "decompress": "1"},
                native_compress(data[:30000]) + native_compress(data[30000:]))
    landed = http(port, "GET", {"query": "SELECT count(), sum(a) FROM http.raw WHERE s LIKE 'block %'"})
    check("decompress=1: an INSERT body in two blocks", sent.status == 200
          and landed.body == b"2000\t%d\n" % sum(range(10000, 12000)), (sent.body, landed.body))
    corrupt = bytearray(native_compress(data))
    corrupt[40] ^= 0xFF
    refused = http(port, "POST", {"query": "INSERT INTO http.raw FORMAT TabSeparated", "decompress": "1"},
                   bytes(corrupt))
    after = http(port, "GET", {"query": "SELECT count() FROM http.raw WHERE s LIKE 'block %'"})
    check("decompress=1: a corrupt block is code 40, nothing inserted",
          refused.header("X-ClickHouse-Exception-Code") == "40" and after.body == b"2000\n", (refused.body, after.body))


def backups(port, s3, client):
    endpoint = f"S3('{s3}/through-server', 'testing', 'testing')"
    done = http(port, "POST", None, f"BACKUP TABLE http.types TO {endpoint}".encode())
    check("BACKUP through the server", done.status == 200 and b"BACKUP_CREATED" in done.body, done.body)
    restored = http(port, "POST", None,
                    f"RESTORE TABLE http.types AS http.restored FROM {endpoint}".encode())
    check("RESTORE through the server", restored.status == 200 and b"RESTORED" in restored.body, restored.body)
    rows = [http(port, "GET", {"query": f"SELECT * FROM http.{name} ORDER BY id FORMAT TabSeparated"}).body
            for name in ("types", "restored")]
    same = rows[0] == rows[1] and rows[0].count(b"\n") == 3000
    check("restored rows identical", same, rows[1][:300])
    # ASYNC: the request returns at once; a second client sees the operation in system.backups.
    started = http(port, "POST", None, f"BACKUP TABLE http.types TO S3('{s3}/async', 'testing', 'testing') ASYNC".encode())
    backup_id = started.body.split(b"\t")[0].decode()
    check("ASYNC BACKUP returns its id", started.status == 200 and len(backup_id) == 36, started.body)
    watcher = clickhouse_connect.get_client(host="127.0.0.1", port=port)
    seen = []
    deadline = time.time() + 60
    while time.time() < deadline:
        status = watcher.command(f"SELECT status FROM system.backups WHERE id = '{backup_id}'")
        seen.append(status)
        if status in ("BACKUP_CREATED", "BACKUP_FAILED"):
            break
        time.sleep(0.05)
    check("second client watches the ASYNC BACKUP to BACKUP_CREATED", seen and seen[-1] == "BACKUP_CREATED", seen[-5:])


USERS_XML = """<clickhouse>
    <profiles>
        <default><readonly>0</readonly></default>
        <readonly><readonly>1</readonly></readonly>
    </profiles>
    <users>
        <default><password></password><profile>default</profile></default>
        <alice><password>secret</password><profile>readonly</profile></alice>
        <bob><password_sha256_hex>{bob}</password_sha256_hex><profile>default</profile></bob>
    </users>
</clickhouse>
"""


def users(port):
    """A server started with --config USERS_XML (bob's password is "pw2", stored as its SHA-256)."""
    def as_user(name, password, sql, method="POST"):
        return http(port, method, {"query": sql}, headers={"X-ClickHouse-User": name, "X-ClickHouse-Key": password})
    check("bob (sha256 password) writes", as_user("bob", "pw2", "CREATE TABLE b (a UInt8) ENGINE = Memory").status == 200)
    check("bob with a wrong password: 516", as_user("bob", "pw3", "SELECT 1").header("X-ClickHouse-Exception-Code") == "516")
    check("alice (readonly profile) reads", as_user("alice", "secret", "SELECT count() FROM b").body == b"0\n")
    for sql in ["INSERT INTO b VALUES (1)", "BACKUP TABLE b TO Null", "SET max_threads = 1"]:
        answer = as_user("alice", "secret", sql)
        check(f"alice refused: {sql}", answer.header("X-ClickHouse-Exception-Code") == "164", answer.body)
    lax = http(port, "POST", {"query": "INSERT INTO b VALUES (1)", "readonly": "0"},
               headers={"X-ClickHouse-User": "alice", "X-ClickHouse-Key": "secret"})
    check("readonly=0 in the URL does not lift alice's profile", lax.header("X-ClickHouse-Exception-Code") == "164",
          lax.body)
    check("alice with bob's password: 516", as_user("alice", "pw2", "SELECT 1").status == 403)
    check("default still works", http(port, "GET", {"query": "SELECT 1"}).body == b"1\n")
    check("unknown user: 516", as_user("carol", "", "SELECT 1").header("X-ClickHouse-Exception-Code") == "516")
    # This server takes bodies up to 1 MB (--max-request-size): a 2 MB body and a small gzip of 50 MB are refused.
    http(port, "POST", None, b"CREATE TABLE z (s String) ENGINE = Memory")
    big = http(port, "POST", {"query": "INSERT INTO z FORMAT TSV"}, b"x" * 2_000_000 + b"\n")
    check("body above --max-request-size: 413", big.status == 413 and big.header("X-ClickHouse-Exception-Code") == "229",
          (big.status, big.body[:200]))
    bomb = gzip.compress(b"y" * 50_000_000 + b"\n")
    expanded = http(port, "POST", {"query": "INSERT INTO z FORMAT TSV"}, bomb, {"Content-Encoding": "gzip"})
    check(f"a {len(bomb)}-byte gzip expanding past the limit: 413", expanded.status == 413
          and b"decompressed request body is larger" in expanded.body, (expanded.status, expanded.body[:200]))
    check("nothing inserted by the refused bodies", http(port, "GET", {"query": "SELECT count() FROM z"}).body == b"0\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--s3")
    parser.add_argument("--write-users-config", help="write the users configuration of the users stage here")
    parser.add_argument("--users", action="store_true", help="run the users stage only")
    args = parser.parse_args()
    if args.write_users_config:
        import hashlib
        with open(args.write_users_config, "w") as out:
            out.write(USERS_XML.format(bob=hashlib.sha256(b"pw2").hexdigest()))
        return
    if args.users:
        users(args.port)
        print(json.dumps(CHECKS))
        return
    for stage in (lambda: clients(args.port), lambda: protocol(args.port), lambda: native_compression(args.port),
                  lambda: progress(args.port), lambda: query_parameters(args.port)):
        try:
            stage()
        except Exception as error:  # a stage that breaks is a failed check, not a crash of the report
            check("stage ran", False, repr(error))
    try:
        backups(args.port, args.s3, None)
    except Exception as error:
        check("backups ran", False, repr(error))
    print(json.dumps(CHECKS))


if __name__ == "__main__":
    main()
