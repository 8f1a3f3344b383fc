import Foundation
import SHTestSupport
import Testing

/// Every supported type (and Nullable, Array, Tuple and LowCardinality of them) through backups made by one
/// system and restored by the other, compared byte for byte; several parts; Wide and Compact parts on the
/// ClickHouse side; `BACKUP ALL`.
@Suite(.serialized) struct InteropMatrixTests {
    /// Random 64-bit `i64` and `u64` make the `ORDER BY i64, u64` of a comparison a total order.
    static let structure = [
        "i64 Int64", "u64 UInt64", "i8 Int8", "i16 Int16", "i32 Int32", "u8 UInt8", "u16 UInt16", "u32 UInt32",
        "f32 Float32", "f64 Float64", "b Bool", "s String", "fs FixedString(4)", "d Date", "dt DateTime", "u UUID",
        "t Tuple(Int32, String)", "nt Tuple(a UInt8, b Nullable(String))", "lc LowCardinality(String)",
        "ni Nullable(Int64)", "ns Nullable(String)", "nf Nullable(Float32)", "nd Nullable(Date)",
        "ndt Nullable(DateTime)", "nu Nullable(UUID)", "nfs Nullable(FixedString(3))", "nb Nullable(Bool)",
        "ai Array(Int8)", "au Array(UInt64)", "af Array(Float64)", "as Array(String)", "ad Array(Date)",
        "auu Array(UUID)", "an Array(Nullable(String))", "aa Array(Array(UInt16))",
        "alc Array(LowCardinality(String))", "at Array(Tuple(Int16, String))",
        "dt64 DateTime64(3)", "dt649 DateTime64(9)", "ndt64 Nullable(DateTime64(6))", "adt64 Array(DateTime64(0))",
        "dec32 Decimal(9, 2)", "dec64 Decimal(18, 6)", "dec128 Decimal(38, 10)", "ndec Nullable(Decimal(12, 3))",
        "adec Array(Decimal(30, 5))", "d32 Date32", "nd32 Nullable(Date32)", "ad32 Array(Date32)",
        "e8 Enum8('a' = -128, 'b' = 0, 'c''s' = 127)", "e16 Enum16('x' = -1000, 'y' = 1000)",
        "ne8 Nullable(Enum8('p' = 1))", "ae16 Array(Enum16('s' = 300, 't' = 301))",
        "ip4 IPv4", "ip6 IPv6", "nip6 Nullable(IPv6)", "aip4 Array(IPv4)", "mp Map(String, UInt64)",
        "mlc Map(LowCardinality(String), Nullable(Int8))", "amp Array(Map(UInt8, String))",
        "mdec Map(Date32, Decimal(20, 4))", "i128 Int128", "u128 UInt128", "i256 Int256", "u256 UInt256",
        "dec256 Decimal(60, 20)", "ni256 Nullable(Int256)", "au128 Array(UInt128)",
        "mdec256 Map(UInt256, Decimal256(3))",
    ].joined(separator: ", ")

    static func create(_ table: String, settings: String = "") -> String {
        "CREATE TABLE \(table) (\(structure)) ENGINE = MergeTree ORDER BY (i64, u64)\(settings)"
    }

    static func fill(_ table: String, seed: Int, rows: Int = 5000) -> String {
        let quoted = structure.replacingOccurrences(of: "'", with: "\\'")
        return "INSERT INTO \(table) SELECT * FROM generateRandom('\(quoted)', \(seed), 12, 4) LIMIT \(rows)"
    }

    static func rows(_ table: String) -> String { "SELECT * FROM \(table) ORDER BY i64, u64" }

    let moto: MotoServer
    let bucket = "interop-matrix"

    init() throws {
        moto = try MotoServer.shared()
        try moto.createBucket(bucket)
    }

    func s3(_ name: String) -> String {
        "S3('\(moto.endpoint)/\(bucket)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
    }

    /// SwiftHouse writes three parts of every type and backs up ALL; ClickHouse restores the database, its
    /// CHECK TABLE passes, and every byte of every row matches.
    @Test func clickHouseRestoresEveryTypeFromSwiftHouse() async throws {
        let prefix = "sh-all-\(UUID().uuidString.prefix(8))"
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.create("db.m"))
        for seed in 1...3 { try await engine.run(Self.fill("db.m", seed: seed)) }
        try await engine.run("CREATE TABLE db.empty (`k` UInt8) ENGINE = MergeTree ORDER BY k")
        try await engine.run("BACKUP ALL TO \(s3(prefix))")
        let expected = try await engine.bytes(Self.rows("db.m"))
        let outputs = try ClickHouseOracle.outputBytes([
            "RESTORE DATABASE db FROM \(s3(prefix))",
            "CHECK TABLE db.m SETTINGS check_query_single_value_result = 1",
            "SELECT count() FROM system.parts WHERE active AND database = 'db' AND table = 'm'",
            "SELECT count() FROM db.empty",
            Self.rows("db.m"),
        ])
        #expect(String(decoding: outputs[0], as: UTF8.self).hasSuffix("\tRESTORED\n"))
        #expect(outputs[1] == Array("1\n".utf8))
        #expect(outputs[2] == Array("3\n".utf8))
        #expect(outputs[3] == Array("0\n".utf8))
        #expect(expected.count > 1_000_000)
        #expect(outputs[4] == expected, "first difference at byte \(firstDifference(outputs[4], expected))")
    }

    /// ClickHouse writes the same types as Wide and as Compact parts (merges stopped, so several parts each);
    /// SwiftHouse restores its `BACKUP ALL` and reads every byte ClickHouse reads.
    @Test func swiftHouseRestoresEveryTypeFromClickHouse() async throws {
        let prefix = "ch-all-\(UUID().uuidString.prefix(8))"
        let outputs = try ClickHouseOracle.outputBytes([
            "CREATE DATABASE db",
            Self.create("db.wide", settings: " SETTINGS min_bytes_for_wide_part = 0"),
            Self.create(
                "db.compact", settings: " SETTINGS min_bytes_for_wide_part = '10G', min_rows_for_wide_part = 0"),
            "SYSTEM STOP MERGES db.wide", "SYSTEM STOP MERGES db.compact",
            Self.fill("db.wide", seed: 11), Self.fill("db.wide", seed: 12),
            Self.fill("db.compact", seed: 13), Self.fill("db.compact", seed: 14),
            "SELECT table, part_type, count() FROM system.parts WHERE active AND database = 'db' GROUP BY ALL ORDER BY ALL",
            "BACKUP ALL TO \(s3(prefix))",
            Self.rows("db.wide"), Self.rows("db.compact"),
        ])
        #expect(String(decoding: outputs[9], as: UTF8.self) == "compact\tCompact\t2\nwide\tWide\t2\n")
        let engine = try TestEngine()
        let restored = try await engine.run("RESTORE DATABASE db FROM \(s3(prefix))")
        #expect(restored.hasSuffix("\tRESTORED\n"))
        let wide = try await engine.bytes(Self.rows("db.wide"))
        let compact = try await engine.bytes(Self.rows("db.compact"))
        #expect(wide.count > 500_000 && compact.count > 500_000)
        #expect(wide == outputs[11], "wide: first difference at byte \(firstDifference(wide, outputs[11]))")
        #expect(compact == outputs[12], "compact: first difference at byte \(firstDifference(compact, outputs[12]))")
    }

    /// The offset of the first differing byte, with the text around it, for a readable failure.
    func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let offset = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, offset - 80)..<min(bytes.count, offset + 80)], as: UTF8.self)
        }
        return "\(offset) (sizes \(a.count), \(b.count)):\n\(around(a))\n---\n\(around(b))"
    }
}
