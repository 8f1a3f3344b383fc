import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// Tables with the codecs real tables declare (Delta, DoubleDelta, Gorilla, T64, GCD, chains with LZ4, LZ4HC and
/// ZSTD), both ways through `File` backups: ClickHouse (chdb 26.9) restores SwiftHouse's backup, CHECK TABLE passes
/// and every row is equal; SwiftHouse restores ClickHouse's backup of the probe table with identical rows.
@Suite(.serialized) struct CodecInteropTests {
    static let table = """
        CREATE TABLE db.c (`k` UInt64 CODEC(Delta(8), ZSTD(3)), `ts` DateTime CODEC(DoubleDelta, LZ4), \
        `v` Float64 CODEC(Gorilla), `n` UInt32 CODEC(T64, LZ4HC(9)), `i8` Int8 CODEC(T64('bit'), ZSTD(1)), \
        `g` Int32 CODEC(GCD, LZ4), `d` Date CODEC(Delta, ZSTD(1)), `i64` Int64 CODEC(DoubleDelta), \
        `f32` Float32 CODEC(Gorilla, LZ4), `u16` UInt16 CODEC(GCD, T64, ZSTD(1)), \
        `nd` Nullable(Int32) CODEC(Delta, LZ4), `fp` Float64 CODEC(FPC, ZSTD(1)), \
        `arr` Array(UInt32) CODEC(T64, LZ4), `lc` LowCardinality(String) CODEC(ZSTD(1)), `raw` String CODEC(NONE)) ENGINE = MergeTree ORDER BY k
        """
    static let insert = """
        INSERT INTO db.c SELECT number, toDateTime(1700000000 + number * 10), number / 3, toUInt32(number * 7 % 1000), \
        toInt8(number % 200) - 100, toInt32(number * 6) - 50000, toDate(19000 + number % 1000), \
        toInt64(number) * toInt64(number) - 1000000, toFloat32(number) / 4, toUInt16(number % 50 * 12), \
        if(number % 3 = 0, NULL, toInt32(number) - 7), number * 0.001 + 1000, \
        [toUInt32(number), toUInt32(number % 7)], toString(number % 13), toString(number) FROM numbers(20000)
        """

    /// The codecs the probe table lacks, written by ClickHouse, on Nullable and Array columns too.
    static let more = """
        CREATE TABLE db.u (`k` UInt32, `g` Int64 CODEC(GCD, ZSTD(1)), `f` Float64 CODEC(FPC), \
        `f4` Float32 CODEC(FPC(5), LZ4), `b` Int16 CODEC(T64('bit'), LZ4), `dd` Int8 CODEC(DoubleDelta), \
        `nd` Nullable(Int32) CODEC(Delta, LZ4), `arr` Array(UInt32) CODEC(T64, ZSTD(1)), \
        `dt` DateTime64(3) CODEC(Delta, ZSTD(1)), `gt` UInt16 CODEC(GCD, T64, LZ4)) \
        ENGINE = MergeTree ORDER BY k SETTINGS min_bytes_for_wide_part = 0
        """
    static let moreRows = """
        INSERT INTO db.u SELECT number, toInt64(number) * 1000 - 5000000, number / 3, toFloat32(number) * 1.25, \
        toInt16(number % 3000) - 1500, toInt8(number % 256 - 128), if(number % 4 = 0, NULL, toInt32(number) * -3), \
        [toUInt32(number), 7], toDateTime64(1700000000 + number, 3), toUInt16(number % 500 * 4) FROM numbers(12345)
        """

    /// A temporary root with a chdb configuration that allows `File` backups under it.
    struct Place {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-codecs-\(UUID().uuidString)")
        var config: URL { root.appendingPathComponent("config.xml") }

        init() throws {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try """
            <clickhouse><backups><allowed_path>\(root.path)/</allowed_path></backups></clickhouse>
            """.write(to: config, atomically: true, encoding: .utf8)
        }

        func file(_ name: String) -> String { "File('\(root.path)/\(name)')" }

        func clickHouse(_ statements: [String], in directory: String) throws -> [ClickHouseOracle.Outcome] {
            try ClickHouseOracle.run(
                statements, path: root.appendingPathComponent(directory).path + "?config-file=\(config.path)")
        }
    }

    @Test func clickHouseRestoresSwiftHouseCodecs() async throws {
        let place = try Place()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.table)
        try await engine.run(Self.insert)
        try await engine.run("BACKUP TABLE db.c TO \(place.file("sh"))")
        // The part's files are written with the declared chains: method bytes of the first block of each column.
        let part = try #require(
            FileManager.default.enumerator(atPath: place.root.appendingPathComponent("sh").path)?
                .compactMap { $0 as? String }.first { $0.hasSuffix("/k.bin") })
        let directory = place.root.appendingPathComponent("sh").appendingPathComponent(part).deletingLastPathComponent()
        let expected: [String: [UInt8]] = [
            "k": [0x91, 2, 0x92, 0x90], "ts": [0x91, 2, 0x94, 0x82], "v": [0x95], "n": [0x91, 2, 0x93, 0x82],
            "i8": [0x91, 2, 0x93, 0x90], "g": [0x91, 2, 0x9A, 0x82], "d": [0x91, 2, 0x92, 0x90], "i64": [0x94],
            "f32": [0x91, 2, 0x95, 0x82], "u16": [0x91, 3, 0x9A, 0x93, 0x90],
            "nd": [0x91, 2, 0x92, 0x82], "nd.null": [0x82], "fp": [0x91, 2, 0x98, 0x90], "arr": [0x91, 2, 0x93, 0x82],
            "arr.size0": [0x82], "lc": [0x90],
            "lc.dict": [0x90], "raw": [0x02],
        ]
        for (column, bytes) in expected {
            let file = [UInt8](try Data(contentsOf: directory.appendingPathComponent(column + ".bin")))
            let methods = file[16] == 0x91 ? [file[16]] + Array(file[25..<(26 + Int(file[25]))]) : [file[16]]
            #expect(methods == bytes, "\(column)")
        }
        let restored = try place.clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.c FROM \(place.file("sh"))",
                "CHECK TABLE db.c SETTINGS check_query_single_value_result = 1", "SELECT * FROM db.c ORDER BY k",
                "SELECT count() FROM db.c",
            ], in: "chdb")
        #expect(restored.count == 5)
        #expect(restored[1].text.hasSuffix("\tRESTORED\n"), "\(restored[1])")
        #expect(restored[2] == .output("1\n"))
        #expect(restored[4] == .output("20000\n"))
        #expect(try await engine.run("SELECT * FROM db.c ORDER BY k") == restored[3].text)
    }

    @Test func swiftHouseRestoresClickHouseCodecs() async throws {
        let place = try Place()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let probe = try String(
            contentsOf: PythonEnvironment.repositoryRoot.appendingPathComponent(
                "Tests/Fixtures/real-tables/probes/column_codec.sql"), encoding: .utf8)
        let create = try #require(probe.split(separator: "\n").first { $0.hasPrefix("CREATE TABLE") })
            .replacingOccurrences(of: "CREATE TABLE t ", with: "CREATE TABLE db.t ")
        let fromClickHouse = try place.clickHouse(
            [
                "CREATE DATABASE db", create,
                "INSERT INTO db.t SELECT toDateTime(1700000000 + number * 15 + number % 4), number * 3, number / 7, toUInt32(number % 777), toString(number) FROM numbers(30000)",
                "INSERT INTO db.t SELECT toDateTime(1600000000 - number), 1000000000 + number, -number * 1.5, 4000000000 - number, '' FROM numbers(5000)",
                Self.more, Self.moreRows, "BACKUP DATABASE db TO \(place.file("ch"))",
                "SELECT * FROM db.u ORDER BY k", "SELECT * FROM db.t ORDER BY k, ts",
            ], in: "chdb")
        for outcome in fromClickHouse { if case .error = outcome { Issue.record("\(outcome)") } }
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        #expect(try await engine.run("RESTORE DATABASE db FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run("SELECT * FROM db.t ORDER BY k, ts") == fromClickHouse.last?.text)
        #expect(try await engine.run("SELECT * FROM db.u ORDER BY k") == fromClickHouse[fromClickHouse.count - 2].text)
        #expect(try await engine.run("SELECT count() FROM db.u") == "12345\n")
        #expect(try await engine.run("SELECT count() FROM db.t") == "35000\n")
    }
}
