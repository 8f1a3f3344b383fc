#!/usr/bin/env python3
"""Writes Tests/Fixtures/clickhouse-26.9/codecs/: column files ClickHouse (chdb) compressed with the codecs real
tables declare, and the columns' values, so that SwiftHouse's decoders and encoders are checked byte for byte.

One table per codec chain, one column per type, 130 rows (two full T64 groups of 64 values and a tail), Wide parts
(`min_bytes_for_wide_part = 0`) without sparse columns. For each table `<name>/` holds `<column>.bin` (the part's
file as ClickHouse wrote it: one compressed block) and `<column>.rowbinary` (`SELECT <column> … ORDER BY k FORMAT
RowBinary`: the decompressed bytes the block must decode to). `manifest.tsv` lists table, column, type and codec.

Run: /work/main/.venv/bin/python scripts/testing/generate_codec_fixtures.py
"""
import glob
import os
import shutil
import tempfile

import chdb

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "Fixtures", "clickhouse-26.9", "codecs")
ROWS = 130

# A value per row n that exercises every bit code: runs of equal steps, small and large changes, sign changes, and
# full-width values at the end.
BASE = ("multiIf(number < 40, toInt64(number) * 3, number < 70, toInt64(number * number * number) - 100000, "
        "number < 100, -toInt64(number) * 1000003, toInt64(bitXor(intHash64(number), 0x5555555555555555)))")
INTEGER_TYPES = ["Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64"]
VALUES = {t: f"to{t}({BASE})" for t in INTEGER_TYPES}
VALUES["Float32"] = "toFloat32(if(number % 10 = 0, number * 1e6, number / 7))"
VALUES["Float64"] = "if(number % 10 = 0, number * 1e10, number / 7)"
VALUES["DateTime"] = "toDateTime(1700000000 + number * 10 + if(number % 7 = 0, 3, 0))"
VALUES["Date"] = "toDate(19000 + number + intDiv(number, 50) * 300)"
ALL = list(VALUES)
NUMBERS = INTEGER_TYPES + ["DateTime", "Date"]
# GCD needs a common divisor to show.
GCD_VALUES = {t: f"to{t}(abs({BASE}) * 12)" for t in INTEGER_TYPES}
GCD_VALUES["DateTime"] = "toDateTime(1700000000 + number * 60)"
GCD_VALUES["Date"] = "toDate(19000 + number * 7)"

TABLES = [
    ("delta_lz4", "Delta, LZ4", ALL, VALUES),
    ("delta8_zstd3", "Delta(8), ZSTD(3)", ["Int64", "UInt64", "Float64"], VALUES),
    ("doubledelta", "DoubleDelta", ALL, VALUES),
    ("doubledelta_lz4", "DoubleDelta, LZ4", ["Int32", "DateTime"], VALUES),
    ("gorilla", "Gorilla", ALL, VALUES),
    ("gorilla_zstd", "Gorilla, ZSTD(1)", ["Float64", "Float32"], VALUES),
    ("t64", "T64", NUMBERS, VALUES),
    ("t64_bit", "T64('bit')", NUMBERS, VALUES),
    ("t64_lz4hc", "T64, LZ4HC(9)", ["UInt32", "Int64"], VALUES),
    ("gcd_lz4", "GCD, LZ4", NUMBERS, GCD_VALUES),
    # T64 after another codec gets bytes that do not fill whole values (the stage's header): they lead, as they are.
    ("gcd_t64_zstd", "GCD, T64, ZSTD(1)", ["UInt16", "Int32"], GCD_VALUES),
    ("delta_t64_lz4", "Delta, T64, LZ4", ["UInt32", "Int64"], VALUES),
    ("fpc", "FPC", ["Float32", "Float64"], VALUES),
    ("fpc20_zstd", "FPC(20), ZSTD(1)", ["Float64"], VALUES),
    ("fpc1_lz4", "FPC(1), LZ4", ["Float32"], VALUES),
]


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(ROOT)
    manifest = []
    with tempfile.TemporaryDirectory() as path:
        session = chdb.session.Session(path)
        session.query("CREATE DATABASE d ENGINE = Atomic")
        # Gorilla on integers is "suspicious" but real tables (and this check of every width) use it.
        session.query("SET allow_suspicious_codecs = 1")
        for name, codec, types, values in TABLES:
            columns = ", ".join(f"`{t}` {t} CODEC({codec})" for t in types)
            session.query(
                f"CREATE TABLE d.{name} (k UInt32, {columns}) ENGINE = MergeTree ORDER BY k SETTINGS "
                "min_bytes_for_wide_part = 0, ratio_of_defaults_for_sparse_serialization = 1")
            selected = ", ".join(values[t] for t in types)
            session.query(f"INSERT INTO d.{name} SELECT number, {selected} FROM numbers({ROWS})")
            part = session.query(f"SELECT path FROM system.parts WHERE table = '{name}' AND active", "TSV")
            part = part.data().strip()
            assert "\n" not in part, f"{name}: one part expected"
            os.makedirs(os.path.join(ROOT, name))
            for t in types:
                shutil.copy(os.path.join(part, f"{t}.bin"), os.path.join(ROOT, name, f"{t}.bin"))
                data = session.query(f"SELECT `{t}` FROM d.{name} ORDER BY k", "RowBinary").bytes()
                with open(os.path.join(ROOT, name, f"{t}.rowbinary"), "wb") as out:
                    out.write(data)
                manifest.append(f"{name}\t{t}\t{t}\t{codec}")
    with open(os.path.join(ROOT, "manifest.tsv"), "w") as out:
        out.write("table\tcolumn\ttype\tcodec\n" + "\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
