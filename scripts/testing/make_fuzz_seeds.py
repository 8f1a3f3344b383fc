#!/usr/bin/env python3
"""Writes the fuzzers' seed inputs under Tests/Fuzz/<target>/ from files already in the repository:
sql/ from the golden SQL files, manifest/ from the ClickHouse fixtures' .backup files, part/ from their part
directories (packed in sh-fuzz's part archive format: UInt8 name length, name, UInt32 LE size, bytes).
Crash reproducers found by scripts/fuzz.sh go into the same folders (named crash-*) and are replayed by the tests."""
import pathlib
import struct

root = pathlib.Path(__file__).resolve().parents[2]
fixtures = root / "Tests/Fixtures/clickhouse-26.9"
out = root / "Tests/Fuzz"

def write(target, name, data):
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)

for sql in sorted((root / "Tests/Queries").glob("*.sql")):
    for index, statement in enumerate(sql.read_text().split(";\n")):
        if statement.strip():
            write("sql", f"seed-{sql.stem}-{index:03}", statement.encode())

for number, manifest in enumerate(sorted(fixtures.rglob(".backup"))):
    write("manifest", f"seed-{number:03}", manifest.read_bytes())

parts = sorted({p.parent for p in fixtures.rglob("checksums.txt")})
for number, part in enumerate(parts[:40]):
    packed = b""
    for file in sorted(part.iterdir()):
        data = file.read_bytes()
        if file.is_file() and len(data) <= 1 << 20:
            name = file.name.encode()
            packed += bytes([len(name)]) + name + struct.pack("<I", len(data)) + data
    write("part", f"seed-{number:03}", packed)
