import Foundation
import SHCore
import SHTestSupport
import Testing

/// Tables with the #13 grammar (skip indexes, projections, constraints, SAMPLE BY, TTL, column TTL and
/// settings) and ALTERed ones, both ways through moto S3: the other side restores the backup, CHECK TABLE
/// passes, SHOW CREATE TABLE and the rows are the same on both sides.
@Suite(.serialized) struct DDLInteropTests {
    static let create =
        "CREATE TABLE db.g (k UInt32, ts DateTime, s String DEFAULT 'x' COMMENT 'c' CODEC(ZSTD(1)) TTL ts + INTERVAL 1 DAY, w String SETTINGS (max_compress_block_size = 1048576), INDEX idx_s s TYPE bloom_filter(0.01) GRANULARITY 4, INDEX idx_k k TYPE minmax GRANULARITY 1, CONSTRAINT positive CHECK k > 0, PROJECTION per_k (SELECT k, count() GROUP BY k)) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (k, ts) SAMPLE BY k TTL ts + INTERVAL 1 MONTH SETTINGS index_granularity = 128 COMMENT 'grammar'"
    static let inserts = [
        "INSERT INTO db.g (k, ts, s, w) SELECT number + 1, toDateTime('2099-01-01 00:00:00') + number, toString(number), 'w' FROM numbers(300)",
        "ALTER TABLE db.g ADD COLUMN n UInt8 DEFAULT 7 AFTER k, ADD INDEX idx_n n TYPE set(10) GRANULARITY 1, MODIFY COMMENT 'altered'",
        "INSERT INTO db.g (k, n, ts, s, w) SELECT number + 1000, number % 5, toDateTime('2099-02-01 00:00:00') + number, 'y', 'z' FROM numbers(200)",
    ]
    static let dump = "SELECT * FROM db.g ORDER BY k"

    let moto: MotoServer
    let bucket = "ddl-interop"

    init() throws {
        moto = try MotoServer.shared()
        try moto.createBucket(bucket)
    }

    func s3(_ name: String) -> String {
        "S3('\(moto.endpoint)/\(bucket)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
    }

    @Test func clickHouseRestoresSwiftHouseBackup() async throws {
        let name = "sh-\(UUID().uuidString.prefix(8))"
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(Self.create)
        for statement in Self.inserts { try await engine.run(statement) }
        let showCreate = try await engine.run("SHOW CREATE TABLE db.g")
        let rows = try await engine.run(Self.dump)
        try await engine.run("BACKUP TABLE db.g TO \(s3(name))")
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db", "RESTORE TABLE db.g FROM \(s3(name))",
            "CHECK TABLE db.g SETTINGS check_query_single_value_result = 1", "SHOW CREATE TABLE db.g", Self.dump,
        ])
        try #require(outcomes.count == 5, "\(outcomes)")
        #expect(outcomes[1].text.hasSuffix("\tRESTORED\n"), "\(outcomes[1])")
        #expect(outcomes[2] == .output("1\n"), "\(outcomes[2])")
        #expect(outcomes[3] == .output(showCreate), "\(outcomes[3]) vs \(showCreate)")
        #expect(outcomes[4] == .output(rows))
        #expect(rows.split(separator: "\n").count == 500)
    }

    /// ClickHouse's table without its projection: SwiftHouse restores it (skip index files and all).
    @Test func swiftHouseRestoresClickHouseBackup() async throws {
        try await restoreClickHouseBackup(
            of: Self.create.replacingOccurrences(of: ", PROJECTION per_k (SELECT k, count() GROUP BY k)", with: ""))
    }

    /// With the projection, ClickHouse's parts hold `per_k.proj/` subdirectories (an aggregating projection, whose
    /// `AggregateFunction` states are kept as written and verified against the part's checksums): SwiftHouse
    /// restores them too, and the restored parts keep them.
    @Test func swiftHouseRestoresClickHouseBackupWithProjection() async throws {
        let engine = try await restoreClickHouseBackup(of: Self.create)
        let paths = try await engine.run(
            "SELECT path FROM system.parts WHERE database = 'db' AND table = 'g' AND active")
        let projections = paths.split(separator: "\n").map { path in
            FileManager.default.fileExists(atPath: "\(path)/per_k.proj/checksums.txt")
        }
        #expect(!projections.isEmpty && projections.allSatisfy { $0 }, "\(paths)")
        #expect(try await engine.run("CHECK TABLE db.g SETTINGS check_query_single_value_result = 1") == "1\n")
    }

    @discardableResult
    func restoreClickHouseBackup(of create: String) async throws -> TestEngine {
        let name = "ch-\(UUID().uuidString.prefix(8))"
        let outcomes = try ClickHouseOracle.run(
            ["CREATE DATABASE db", create] + Self.inserts + [
                "SHOW CREATE TABLE db.g", Self.dump, "BACKUP TABLE db.g TO \(s3(name))",
            ])
        try #require(outcomes.count == 8, "\(outcomes)")
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        let restored = try await engine.run("RESTORE TABLE db.g FROM \(s3(name))")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        #expect(outcomes[5] == .output(try await engine.run("SHOW CREATE TABLE db.g")))
        #expect(outcomes[6] == .output(try await engine.run(Self.dump)))
        #expect(try await engine.run("SELECT count() FROM db.g") == "500\n")
        return engine
    }
}
