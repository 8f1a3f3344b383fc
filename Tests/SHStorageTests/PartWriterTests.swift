import Foundation
import SHCodecs
import SHColumns
import SHCore
import Testing

@testable import SHStorage

/// Writes parts with PartWriter and reads them back with SequentialPartReader.
@Suite struct PartWriterTests {
    /// The supported columns of ClickHouse's 34-type fixture (`formats/types_wide_simple`), same names and types.
    static let columns: [ColumnDescription] = [
        ("i8", "Int8"), ("i16", "Int16"), ("i32", "Int32"), ("i64", "Int64"), ("u8", "UInt8"), ("u16", "UInt16"),
        ("u32", "UInt32"), ("u64", "UInt64"), ("f32", "Float32"), ("f64", "Float64"), ("s", "String"),
        ("fs", "FixedString(4)"), ("a", "Array(String)"), ("ai", "Array(Int32)"), ("aa", "Array(Array(Int32))"),
        ("an", "Array(Nullable(String))"), ("n", "Nullable(String)"), ("ni", "Nullable(Int32)"),
        ("lc", "LowCardinality(String)"), ("lcn", "LowCardinality(Nullable(String))"), ("d", "Date"),
        ("dt", "DateTime"), ("u", "UUID"), ("b", "Bool"), ("t", "Tuple(Int32, String)"),
        ("tn", "Tuple(x Int32, y String)"), ("z", "UInt32"),
    ].map { ColumnDescription(name: $0.0, type: try! DataType(parsing: $0.1)) }

    static func row(_ r: Int) -> [Value] {
        let i = Int64(r)
        return [
            .int(r == 0 ? -128 : i - 64), .int(-32768 + i * 1000), .int(r == 1 ? Int64(Int32.min) : i * 7),
            .int(r == 2 ? Int64.min : i * 1_000_000_007), .uint(UInt64(255 - r)), .uint(UInt64(65535 - r)),
            .uint(UInt64(UInt32.max) - UInt64(r)), .uint(UInt64.max - UInt64(r)), .float(Double(Float(r) / 3)),
            .float(r == 3 ? -.infinity : Double(r) * 0.1), .string(r % 4 == 0 ? "" : "str\(r) é"),
            .string(Array("fs\(r % 10)\u{0}".utf8.prefix(4))),
            .array((0..<(r % 4)).map { .string("e\($0)") }), .array((0..<(r % 3)).map { .int(Int64($0 - r)) }),
            .array([.array([.int(i)]), .array([]), .array((0..<(r % 2)).map { .int(Int64($0)) })]),
            .array([.null, .string("x\(r)")]), r % 2 == 0 ? .null : .string("n\(r)"), r % 3 == 0 ? .null : .int(i),
            .string(["red", "green", "blue", ""][r % 4]), r % 5 == 0 ? .null : .string("k\(r % 3)"),
            .uint(UInt64(19000 + r)), .uint(UInt64(1_700_000_000 + r * 3601)),
            .uuid(high: UInt64(r) << 32 | 0xabcd, low: ~UInt64(r)), .uint(r % 3 == 0 ? 1 : 0),
            .tuple([.int(-i), .string("t\(r)")]), .tuple([.int(i * i), .string(r % 2 == 0 ? "" : "y")]),
            .uint(UInt64(r)),
        ]
    }

    static let rows = (0..<20).map(row)

    /// Writes `rows` in two chunks of 13 and 7 rows; granules of `granularity` rows.
    static func writePart(
        in directory: URL, format: PartWriteOptions.Format = .wide, codec: CompressionCodec = .lz4,
        granularity: Int = 8, columns: [ColumnDescription] = columns, rows: [[Value]] = rows
    ) throws -> (url: URL, written: WrittenPart) {
        var options = PartWriteOptions()
        options.format = format
        options.codec = codec
        options.indexGranularity = granularity
        let url = directory.appendingPathComponent("all_1_1_0")
        let writer = try PartWriter(directory: url, columns: columns, options: options)
        for range in [0..<min(13, rows.count), min(13, rows.count)..<rows.count] where !range.isEmpty {
            let chunkColumns = columns.indices.map { index in
                Column(type: columns[index].type, values: rows[range].map { $0[index] })
            }
            try writer.write(Chunk(columns: chunkColumns, rowCount: range.count))
        }
        return (url, try writer.finish())
    }

    @Test(arguments: [CompressionCodec.lz4, .zstd(level: 3), .none])
    func widePartRoundTrips(_ codec: CompressionCodec) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, written) = try Self.writePart(in: temp.url, codec: codec)
        #expect(written.rows == 20)
        let reader = try SequentialPartReader(directory: url)
        #expect(reader.partType == "Wide")
        #expect(reader.rowCount == 20)
        #expect(reader.columns == Self.columns)
        #expect(try readRows(url) == Self.rows)
        #expect(try readRows(url, chunkRows: 3) == Self.rows)
    }

    @Test(arguments: [CompressionCodec.lz4, .zstd(level: 3)])
    func compactPartRoundTrips(_ codec: CompressionCodec) throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, _) = try Self.writePart(in: temp.url, format: .compact, codec: codec)
        #expect(try SequentialPartReader(directory: url).partType == "Compact")
        #expect(try readRows(url) == Self.rows)
        #expect(try readRows(url, columns: ["lcn", "i8"]) == Self.rows.map { [$0[19], $0[0]] })
    }

    @Test func selectedColumnsOfAWidePart() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, _) = try Self.writePart(in: temp.url)
        #expect(
            try readRows(url, columns: ["lc", "a", "n"], chunkRows: 5) == Self.rows.map { [$0[18], $0[12], $0[16]] })
        let error = #expect(throws: DatabaseError.self) { _ = try readRows(url, columns: ["missing"]) }
        #expect(error?.code == .noSuchColumnInTable)
    }

    /// The files ClickHouse lists in checksums.txt of `formats/types_wide_simple` for these columns
    /// (`chfmt.parse_checksums_txt`), i.e. the same substreams with the same names.
    @Test func widePartHasClickHouseSubstreamFiles() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, written) = try Self.writePart(in: temp.url)
        let clickHouseFiles =
            "a.bin a.mrk2 a.size0.bin a.size0.mrk2 aa.bin aa.mrk2 aa.size0.bin aa.size0.mrk2 aa.size1.bin aa.size1.mrk2 ai.bin ai.mrk2 ai.size0.bin ai.size0.mrk2 an.bin an.mrk2 an.null.bin an.null.mrk2 an.size0.bin an.size0.mrk2 b.bin b.mrk2 count.txt d.bin d.mrk2 dt.bin dt.mrk2 f32.bin f32.mrk2 f64.bin f64.mrk2 fs.bin fs.mrk2 i16.bin i16.mrk2 i32.bin i32.mrk2 i64.bin i64.mrk2 i8.bin i8.mrk2 lc.bin lc.dict.bin lc.dict.mrk2 lc.mrk2 lcn.bin lcn.dict.bin lcn.dict.mrk2 lcn.mrk2 n.bin n.mrk2 n.null.bin n.null.mrk2 ni.bin ni.mrk2 ni.null.bin ni.null.mrk2 s.bin s.mrk2 t%2E1.bin t%2E1.mrk2 t%2E2.bin t%2E2.mrk2 tn%2Ex.bin tn%2Ex.mrk2 tn%2Ey.bin tn%2Ey.mrk2 u.bin u.mrk2 u16.bin u16.mrk2 u32.bin u32.mrk2 u64.bin u64.mrk2 u8.bin u8.mrk2 z.bin z.mrk2"
        #expect(Set(written.checksums.files.keys) == Set(clickHouseFiles.split(separator: " ").map(String.init)))
        let onDisk = try decodeChecksumsFile(try fileBytes(url.appendingPathComponent("checksums.txt")))
        #expect(onDisk == written.checksums.files)
        #expect(String(decoding: try fileBytes(url.appendingPathComponent("count.txt")), as: UTF8.self) == "20")
        #expect(PartChecksumVerifier.problem(in: url) == nil)
    }

    @Test func compactPartFiles() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, written) = try Self.writePart(in: temp.url, format: .compact)
        #expect(Set(written.checksums.files.keys) == ["data.bin", "data.mrk3", "count.txt"])
        #expect(PartChecksumVerifier.problem(in: url) == nil)
    }

    @Test func escapedColumnNamesNameTheFiles() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let columns = [
            ColumnDescription(name: "a.b", type: .int32), ColumnDescription(name: "x y", type: .nullable(.string)),
        ]
        let rows: [[Value]] = [[.int(1), .null], [.int(2), .string("two")]]
        let (url, written) = try Self.writePart(in: temp.url, columns: columns, rows: rows)
        #expect(written.checksums.files["a%2Eb.bin"] != nil)
        #expect(written.checksums.files["x%20y.null.bin"] != nil)
        #expect(try readRows(url) == rows)
    }

    @Test func rowsAlignedToGranulesAndEmptyArrays() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let columns = [
            ColumnDescription(name: "a", type: .array(.string)),
            ColumnDescription(name: "lc", type: .lowCardinality(.string)),
        ]
        let rows: [[Value]] = (0..<16).map { r in
            [.array(r % 2 == 0 ? [] : [.string("v\(r % 3)")]), .string(r < 8 ? "same" : "k\(r)")]
        }
        let (url, _) = try Self.writePart(in: temp.url, granularity: 4, columns: columns, rows: rows)
        #expect(try readRows(url, chunkRows: 6) == rows)
    }

    /// ClickHouse 26.9 (chdb) writes `a Array(LowCardinality(String))` of a Wide part with `a.dict.bin` starting
    /// with the keys version `01 00 00 00 00 00 00 00`, as for a top-level LowCardinality column.
    @Test func nestedLowCardinalityInWidePart() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let columns = [ColumnDescription(name: "a", type: .array(.lowCardinality(.string)))]
        let rows: [[Value]] = (0..<16).map { r in [.array(r % 2 == 0 ? [] : [.string("v\(r % 3)")])] }
        let (url, _) = try Self.writePart(in: temp.url, granularity: 4, columns: columns, rows: rows)
        #expect(try readRows(url) == rows)
    }

    @Test func nestedLowCardinalityInCompactPart() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let columns = [ColumnDescription(name: "a", type: .array(.lowCardinality(.string)))]
        let rows: [[Value]] = (0..<16).map { r in [.array(r % 2 == 0 ? [] : [.string("v\(r % 3)")])] }
        let (url, _) = try Self.writePart(in: temp.url, format: .compact, granularity: 4, columns: columns, rows: rows)
        #expect(try readRows(url) == rows)
    }

    // MARK: - Damage

    @Test func corruptedBinByteFailsTheReadWithChecksumDoesntMatch() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, _) = try Self.writePart(in: temp.url)
        let file = url.appendingPathComponent("i32.bin")
        var bytes = try fileBytes(file)
        bytes[bytes.count - 3] ^= 0x10
        try Data(bytes).write(to: file)
        let error = #expect(throws: DatabaseError.self) { _ = try readRows(url) }
        #expect(error?.code == .checksumDoesntMatch)
        #expect(error?.message.contains("i32.bin") == true)
        #expect(PartChecksumVerifier.problem(in: url)?.hasPrefix("Checksum mismatch for file i32.bin") == true)
    }

    @Test func corruptedBlockChecksumFailsTheRead() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, _) = try Self.writePart(in: temp.url, format: .compact)
        let file = url.appendingPathComponent("data.bin")
        var bytes = try fileBytes(file)
        bytes[0] ^= 0xff
        try Data(bytes).write(to: file)
        let error = #expect(throws: DatabaseError.self) { _ = try readRows(url) }
        #expect(error?.code == .checksumDoesntMatch)
    }

    @Test func verifierReportsMissingWrongSizeAndUnexpectedFiles() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let (url, _) = try Self.writePart(in: temp.url)
        try FileManager.default.removeItem(at: url.appendingPathComponent("s.mrk2"))
        #expect(PartChecksumVerifier.problem(in: url) == "File s.mrk2 doesn't exist in data part all_1_1_0")

        let (other, _) = try Self.writePart(in: temp.url.appendingPathComponent("b"))
        try Data([1, 2, 3]).write(to: other.appendingPathComponent("count.txt"))
        #expect(
            PartChecksumVerifier.problem(in: other)
                == "File count.txt has unexpected size: 3 instead of 2 in data part all_1_1_0")

        let (third, _) = try Self.writePart(in: temp.url.appendingPathComponent("c"))
        try Data([0]).write(to: third.appendingPathComponent("stray.bin"))
        #expect(PartChecksumVerifier.problem(in: third) == "Unexpected file stray.bin in data part all_1_1_0")
    }
}

/// Parts written by ClickHouse 26.9, read with the sequential reader. Expected rows from
/// `python /work/shared/tools/formats/read_backup.py /work/shared/fixtures/clickhouse-26.9/formats/wide_simple`
/// (and `compact_simple`, the same rows).
@Suite struct ClickHousePartReadingTests {
    static let expected: [[Value]] = [
        [
            .int(1), .string("one"), .array([.string("a"), .string("bb")]), .uint(10), .float(1.5), .null, .string("x"),
            .uint(19724), .uint(1_704_164_645),
        ],
        [
            .int(2), .string("two"), .array([]), .uint(20), .float(2.5), .string("nn"), .string("y"), .uint(19756),
            .uint(1_706_933_106),
        ],
        [
            .int(3), .string("three"), .array([.string("ccc")]), .uint(30), .float(-3.25), .string(""), .string("x"),
            .uint(19786), .uint(1_709_528_767),
        ],
    ]

    @Test func readsClickHouseWidePart() throws {
        let url = fixturePart("formats/wide_simple/data/db/sw/all_1_1_0")
        let reader = try SequentialPartReader(directory: url)
        #expect(reader.partType == "Wide")
        #expect(
            reader.columns.map(\.type.description) == [
                "Int32", "String", "Array(String)", "UInt64", "Float64", "Nullable(String)", "LowCardinality(String)",
                "Date", "DateTime",
            ])
        #expect(try readRows(url) == Self.expected)
    }

    @Test func readsClickHouseCompactPart() throws {
        let url = fixturePart("formats/compact_simple/data/db/sc/all_1_1_0")
        #expect(try SequentialPartReader(directory: url).partType == "Compact")
        #expect(try readRows(url) == Self.expected)
    }
}
