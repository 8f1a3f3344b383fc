import Foundation
import SHCore
import SHEngine
import SHS3
import SHTestSupport
import Testing

/// Two-way compatibility with ClickHouse (chdb, 26.9) through the same moto S3 endpoint:
/// ClickHouse restores SwiftHouse's backups, SwiftHouse restores ClickHouse's, and the rows are compared.
@Suite(.serialized) struct InteropTests {
    static let table =
        "CREATE TABLE db.t (`k` UInt64, `s` String, `a` Array(String), `n` Nullable(Int32), `d` Date, `lc` LowCardinality(String), `f` Float64) ENGINE = MergeTree ORDER BY k"
    static func insert(from: Int, count: Int) -> String {
        "INSERT INTO db.t SELECT number, toString(number * 7), [toString(number), ''], if(number % 5 = 0, NULL, toInt32(number) - 1000), toDate(number % 20000), toString(number % 13), number / 8 FROM numbers(\(from), \(count))"
    }

    let moto: MotoServer
    let bucket = "interop"

    init() throws {
        moto = try MotoServer.shared()
        try moto.createBucket(bucket)
    }

    func url(_ name: String) -> String { "\(moto.endpoint)/\(bucket)/\(name)" }
    func s3(_ name: String) -> String {
        "S3('\(url(name))', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
    }

    @Test func clickHouseRestoresSwiftHouseBackups() async throws {
        let prefix = "sh-\(UUID().uuidString.prefix(8))"
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.table)
        try await engine.run(Self.insert(from: 0, count: 100_000))
        try await engine.run("BACKUP TABLE db.t TO \(s3("\(prefix)/base"))")
        try await engine.run(Self.insert(from: 100_000, count: 10_000))
        try await engine.run(
            "BACKUP TABLE db.t TO \(s3("\(prefix)/inc")) SETTINGS base_backup = \(s3("\(prefix)/base"))")
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db",
            "RESTORE TABLE db.t FROM \(s3("\(prefix)/inc"))",
            "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1",
            "SELECT count(), sum(cityHash64(*)) FROM db.t",
            "CREATE TABLE db.ref AS db.t",
            Self.insert(from: 0, count: 110_000).replacingOccurrences(of: "db.t", with: "db.ref"),
            "SELECT count(), sum(cityHash64(*)) FROM db.ref",
            "SELECT * FROM db.t ORDER BY k LIMIT 3",
            "SELECT * FROM db.ref ORDER BY k LIMIT 3",
        ])
        guard outcomes.count == 9 else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[1].text.hasSuffix("\tRESTORED\n"), "\(outcomes[1])")
        #expect(outcomes[2] == .output("1\n"), "\(outcomes[2])")
        #expect(outcomes[3] == outcomes[6], "\(outcomes[3]) vs \(outcomes[6])")
        #expect(outcomes[7] == outcomes[8], "\(outcomes[7]) vs \(outcomes[8])")
        #expect(outcomes[3].text.hasPrefix("110000\t"))
    }

    @Test func swiftHouseRestoresClickHouseBackups() async throws {
        let prefix = "ch-\(UUID().uuidString.prefix(8))"
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db", Self.table, Self.insert(from: 0, count: 100_000),
            "BACKUP TABLE db.t TO \(s3("\(prefix)/base"))",
            Self.insert(from: 100_000, count: 10_000),
            "BACKUP TABLE db.t TO \(s3("\(prefix)/inc")) SETTINGS base_backup = \(s3("\(prefix)/base"))",
            "SELECT * FROM db.t ORDER BY k FORMAT TabSeparated",
        ])
        for outcome in outcomes { if case .error = outcome { Issue.record("\(outcome)") } }
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        let restored = try await engine.run("RESTORE TABLE db.t FROM \(s3("\(prefix)/inc"))")
        #expect(restored.hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run("SELECT count() FROM db.t") == "110000\n")
        #expect(try await engine.run("SELECT * FROM db.t ORDER BY k") == outcomes.last?.text)
    }

    /// A ClickHouse base with a SwiftHouse increment on top (after SwiftHouse restored the base), restored
    /// by ClickHouse: the increment stores only the new part; the base's files are referenced.
    @Test func mixedChainClickHouseBaseSwiftHouseIncrement() async throws {
        let prefix = "mix-\(UUID().uuidString.prefix(8))"
        let base = try ClickHouseOracle.run([
            "CREATE DATABASE db", Self.table, Self.insert(from: 0, count: 50_000),
            "BACKUP TABLE db.t TO \(s3("\(prefix)/ch_base"))",
        ])
        for outcome in base { if case .error = outcome { Issue.record("\(outcome)") } }
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run("RESTORE TABLE db.t FROM \(s3("\(prefix)/ch_base"))")
        try await engine.run(Self.insert(from: 50_000, count: 5_000))
        try await engine.run(
            "BACKUP TABLE db.t TO \(s3("\(prefix)/sh_inc")) SETTINGS base_backup = \(s3("\(prefix)/ch_base"))")
        let client = S3Client(
            uri: try S3URI(parsing: url("")),
            credentials: S3Credentials(
                accessKeyID: MotoServer.testAccessKeyID, secretAccessKey: MotoServer.testSecretAccessKey))
        let stored = try await client.listObjects(prefix: "\(prefix)/sh_inc/data/").map(\.key)
        #expect(!stored.isEmpty)
        #expect(stored.allSatisfy { $0.contains("/all_2_2_0/") }, "\(stored)")
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db",
            "RESTORE TABLE db.t FROM \(s3("\(prefix)/sh_inc"))",
            "SELECT count(), sum(cityHash64(*)) FROM db.t",
            "CREATE TABLE db.ref AS db.t",
            Self.insert(from: 0, count: 55_000).replacingOccurrences(of: "db.t", with: "db.ref"),
            "SELECT count(), sum(cityHash64(*)) FROM db.ref",
        ])
        #expect(outcomes[1].text.hasSuffix("\tRESTORED\n"), "\(outcomes[1])")
        #expect(outcomes[2] == outcomes[5], "\(outcomes[2]) vs \(outcomes[5])")
    }

    /// BACKUP DATABASE by each side, RESTORE DATABASE … AS by the other; partitioned tables, PARTITIONS.
    @Test func databasesAndPartitionsBothWays() async throws {
        let prefix = "db-\(UUID().uuidString.prefix(8))"
        let partitioned =
            "CREATE TABLE db.p (`d` Date, `k` UInt32, `v` String) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (k, d)"
        let fill =
            "INSERT INTO db.p SELECT toDate('2024-01-01') + number % 90, number, toString(number) FROM numbers(3000)"
        let engine = try TestEngine()
        for sql in ["CREATE DATABASE db", Self.table, Self.insert(from: 0, count: 5000), partitioned, fill] {
            try await engine.run(sql)
        }
        try await engine.run("BACKUP DATABASE db TO \(s3("\(prefix)/sh_db"))")
        let fromSwiftHouse = try ClickHouseOracle.run([
            "RESTORE DATABASE db AS copy FROM \(s3("\(prefix)/sh_db"))",
            "SELECT count(), sum(cityHash64(*)) FROM copy.t", "SELECT count(), sum(cityHash64(*)) FROM copy.p",
            "CREATE DATABASE db", Self.table, Self.insert(from: 0, count: 5000), partitioned, fill,
            "SELECT count(), sum(cityHash64(*)) FROM db.t", "SELECT count(), sum(cityHash64(*)) FROM db.p",
            "BACKUP TABLE db.p PARTITIONS '202401', '202403' TO \(s3("\(prefix)/ch_parts"))",
            "SELECT * FROM db.p WHERE toYYYYMM(d) IN (202401, 202403) ORDER BY k, d",
        ])
        #expect(fromSwiftHouse[0].text.hasSuffix("\tRESTORED\n"), "\(fromSwiftHouse[0])")
        #expect(fromSwiftHouse[1] == fromSwiftHouse[8])
        #expect(fromSwiftHouse[2] == fromSwiftHouse[9])
        try await engine.run("RESTORE TABLE db.p AS db.p2 FROM \(s3("\(prefix)/ch_parts"))")
        #expect(try await engine.run("SELECT * FROM db.p2 ORDER BY k, d") == fromSwiftHouse[11].text)
        let expectedRows = fromSwiftHouse[11].text.split(separator: "\n").count
        #expect(expectedRows > 1000 && expectedRows < 3000)
        #expect(try await engine.run("SELECT count() FROM db.p2") == "\(expectedRows)\n")
    }

    /// Through local directories, both ways: ClickHouse's `File` base and `Disk` increment restored by SwiftHouse,
    /// then a SwiftHouse `File` increment on that chain restored by ClickHouse (chdb with `backups.allowed_path`,
    /// `backups.allowed_disk` and a local disk in its configuration).
    @Test func localDirectoriesBothWays() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-interop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let disk = root.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let config = root.appendingPathComponent("config.xml")
        try """
        <clickhouse>
          <storage_configuration><disks><backups><type>local</type><path>\(disk.path)/</path></backups></disks>
          </storage_configuration>
          <backups><allowed_path>\(root.path)/</allowed_path><allowed_disk>backups</allowed_disk></backups>
        </clickhouse>
        """.write(to: config, atomically: true, encoding: .utf8)
        func clickHouse(_ statements: [String], in directory: String) throws -> [ClickHouseOracle.Outcome] {
            let outcomes = try ClickHouseOracle.run(
                statements, path: root.appendingPathComponent(directory).path + "?config-file=\(config.path)")
            for outcome in outcomes { if case .error = outcome { Issue.record("\(outcome)") } }
            return outcomes
        }
        let file = { (name: String) in "File('\(root.path)/\(name)')" }
        let fromClickHouse = try clickHouse(
            [
                "CREATE DATABASE db", Self.table, Self.insert(from: 0, count: 20_000),
                "BACKUP TABLE db.t TO \(file("ch_full"))", Self.insert(from: 20_000, count: 2_000),
                "BACKUP TABLE db.t TO Disk('backups', 'ch_inc') SETTINGS base_backup = \(file("ch_full"))",
                "SELECT * FROM db.t ORDER BY k",
            ], in: "chdb1")
        let engine = try TestEngine(
            configuration: EngineConfiguration(allowedBackupPath: root.path, disks: ["backups": disk.path]))
        try await engine.run("CREATE DATABASE db")
        #expect(try await engine.run("RESTORE TABLE db.t FROM Disk('backups', 'ch_inc')").hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run("SELECT * FROM db.t ORDER BY k") == fromClickHouse.last?.text)
        try await engine.run(Self.insert(from: 22_000, count: 3_000))
        try await engine.run(
            "BACKUP TABLE db.t TO \(file("sh_inc")) SETTINGS base_backup = Disk('backups', 'ch_inc')")
        let restored = try clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(file("sh_inc"))",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1", "SELECT * FROM db.t ORDER BY k",
            ], in: "chdb2")
        #expect(restored.count == 4 && restored[2] == .output("1\n"))
        #expect(try await engine.run("SELECT * FROM db.t ORDER BY k") == restored.last?.text)
        #expect(try await engine.run("SELECT count() FROM db.t") == "25000\n")
    }

    /// The reverse chain: a SwiftHouse base, a ClickHouse increment on top (after ClickHouse restored the base),
    /// restored by SwiftHouse; with 1 MiB strings and an empty table.
    @Test func mixedChainSwiftHouseBaseClickHouseIncrement() async throws {
        let prefix = "rev-\(UUID().uuidString.prefix(8))"
        let engine = try TestEngine()
        for sql in [
            "CREATE DATABASE db", Self.table, Self.insert(from: 0, count: 20_000),
            "CREATE TABLE db.big (`k` UInt8, `s` String) ENGINE = MergeTree ORDER BY k",
            "INSERT INTO db.big SELECT number, concat(toString(number), '-', (SELECT groupArray(toString(number)) FROM numbers(150000))::String) FROM numbers(3)",
            "CREATE TABLE db.empty (`k` UInt8) ENGINE = MergeTree ORDER BY k",
        ] {
            try await engine.run(sql)
        }
        #expect(try await engine.run("SELECT min(length(s)) > 1048576 FROM db.big") == "1\n")
        try await engine.run("BACKUP DATABASE db TO \(s3("\(prefix)/sh_base"))")
        let outcomes = try ClickHouseOracle.run([
            "RESTORE DATABASE db FROM \(s3("\(prefix)/sh_base"))",
            Self.insert(from: 20_000, count: 2_000),
            "BACKUP DATABASE db TO \(s3("\(prefix)/ch_inc")) SETTINGS base_backup = \(s3("\(prefix)/sh_base"))",
            "SELECT * FROM db.t ORDER BY k", "SELECT k, length(s), cityHash64(s) FROM db.big ORDER BY k",
            "SELECT count() FROM db.empty",
        ])
        for outcome in outcomes.prefix(3) { if case .error = outcome { Issue.record("\(outcome)") } }
        let restored = try TestEngine()
        try await restored.run("RESTORE DATABASE db FROM \(s3("\(prefix)/ch_inc"))")
        #expect(try await restored.run("SELECT * FROM db.t ORDER BY k") == outcomes[3].text)
        #expect(try await restored.run("SELECT count() FROM db.t") == "22000\n")
        let big = try await restored.run("SELECT k, length(s) FROM db.big ORDER BY k")
        #expect(
            big
                == outcomes[4].text.split(separator: "\n").map {
                    $0.split(separator: "\t").prefix(2).joined(separator: "\t") + "\n"
                }.joined())
        #expect(try await restored.run("SELECT count() FROM db.empty") == "0\n")
    }
}
