import Foundation
import SHCore
import SHEngine
import SHSQL
import SHTestSupport
import Testing

/// The binary formats HTTP clients speak (`Native`, `RowBinary`, `RowBinaryWithNames`,
/// `RowBinaryWithNamesAndTypes`): SwiftHouse writes the bytes ClickHouse (chdb) writes for the same rows, reads
/// ClickHouse's bytes back into the same rows, and refuses truncated input with an error.
@Suite struct BinaryFormatsTests {
    static let create = """
        CREATE TABLE t (id UInt32, i8 Int8, i64 Int64, u128 UInt128, f32 Float32, f64 Float64, s String, \
        fs FixedString(3), d Date, d32 Date32, dt DateTime, dt64 DateTime64(3), u UUID, dec Decimal(18, 4), \
        b Bool, e Enum8('a' = 1, 'b' = 2), ns Nullable(String), ni Nullable(Int32), ai Array(Int32), \
        aas Array(Array(String)), an Array(Nullable(UInt8)), lc LowCardinality(String), \
        lcn LowCardinality(Nullable(String)), m Map(String, UInt64), tu Tuple(a UInt8, b String), ip4 IPv4, \
        ip6 IPv6) ENGINE = MergeTree ORDER BY id
        """

    /// Random rows of every column, made by ClickHouse (a fixed seed); SwiftHouse gets them as ClickHouse's TSV.
    static let insert = "INSERT INTO t SELECT * FROM generateRandom(1, 8, 4) LIMIT 60"

    static let formats = ["Native", "RowBinary", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes"]

    @Test func bytesAreClickHouses() async throws {
        let select = "SELECT * FROM t ORDER BY id"
        // ClickHouse keeps generateRandom's values under NULLs; rows loaded from TSV hold defaults there, as
        // SwiftHouse's do. So ClickHouse's rows go through its TSV first, then both load the same TSV.
        let random = try ClickHouseOracle.outputBytes([Self.create, Self.insert, "\(select) FORMAT TSV"])[2]
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("binary-\(UUID().uuidString).tsv")
        try Data(random).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let theirs = try ClickHouseOracle.outputBytes(
            [Self.create, "INSERT INTO t FROM INFILE '\(file.path)' FORMAT TSV"]
                + Self.formats.map { "\(select) FORMAT \($0)" } + ["\(select) FORMAT TSV"])
        // Random strings are bytes, not UTF-8: everything below compares bytes.
        let tsv = theirs[2 + Self.formats.count]
        #expect(tsv == random)
        let engine = try TestEngine()
        try await engine.run(Self.create)
        _ = try await engine.session.execute(
            try Parser.parseStatement("INSERT INTO t FORMAT TSV"), request: QueryRequest(input: tsv))
        #expect(try await engine.bytes(select) == tsv)
        for (index, format) in Self.formats.enumerated() {
            let ours = try await engine.bytes("\(select) FORMAT \(format)")
            let expected = theirs[2 + index]
            let first =
                zip(ours, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(ours.count, expected.count)
            let context =
                "\(Array(ours[max(0, first - 8)..<min(ours.count, first + 8)])) vs \(Array(expected[max(0, first - 8)..<min(expected.count, first + 8)]))"
            #expect(
                ours == expected,
                "\(format): \(ours.count) vs \(expected.count) bytes, first difference at \(first): \(context)")
        }
        // ClickHouse's bytes read back: the same rows.
        for (index, format) in Self.formats.enumerated() {
            let target = try TestEngine()
            try await target.run(Self.create)
            let insert = try Parser.parseStatement("INSERT INTO t FORMAT \(format)")
            _ = try await target.session.execute(insert, request: QueryRequest(input: theirs[2 + index]))
            #expect(try await target.bytes(select) == tsv, "\(format) input")
            // Truncated input is an error, never a trap, and inserts nothing.
            for cut in [1, 7, theirs[2 + index].count / 2, theirs[2 + index].count - 1] {
                let failed = await #expect(throws: DatabaseError.self) {
                    _ = try await target.session.execute(
                        insert, request: QueryRequest(input: Array(theirs[2 + index].prefix(cut))))
                }
                #expect(failed != nil)
            }
            #expect(try await target.run("SELECT count() FROM t") == "60\n")
        }
    }
}
