import Foundation
import SHCore
import SHEngine
import SHS3
import SHTestSupport
import Testing

/// The MergeTree family across to ClickHouse (chdb, 26.9) and back through one moto S3 endpoint: each engine's
/// table, filled by several INSERTs (so that rows of one key sit in several parts), restores on the other side with
/// the same rows, the same `SELECT … FINAL`, the same `SHOW CREATE TABLE` and the same rows after `OPTIMIZE … FINAL`.
@Suite(.serialized) struct MergeTreeFamilyInteropTests {
    /// Each table: its CREATE, its INSERTs, and the column list its rows are ordered by.
    static let tables: [(name: String, create: String, inserts: [String], order: String)] = [
        (
            "replacing",
            "CREATE TABLE db.replacing (`k` UInt32, `v` UInt32, `is_deleted` UInt8, `s` String) ENGINE = ReplacingMergeTree(v, is_deleted) ORDER BY k",
            [
                "INSERT INTO db.replacing SELECT number % 50, number, 0, toString(number) FROM numbers(200)",
                "INSERT INTO db.replacing SELECT number % 70, 1000 - number, number % 3 = 0, 'second' FROM numbers(100)",
                "INSERT INTO db.replacing VALUES (1, 5000, 1, 'deleted'), (2, 1, 0, 'old')",
            ], "k, v, s"
        ),
        (
            "summing",
            "CREATE TABLE db.summing (`k` UInt32, `d` Date, `a` Int64, `b` Float64, `c` UInt8, `s` String) ENGINE = SummingMergeTree((a, b, c)) PARTITION BY toYYYYMM(d) ORDER BY (k, d)",
            [
                "INSERT INTO db.summing SELECT number % 20, toDate('2024-01-01') + number % 40, number, number / 4, 200, toString(number) FROM numbers(300)",
                "INSERT INTO db.summing SELECT number % 30, toDate('2024-01-01') + number % 40, -number, 0.5, 100, 'x' FROM numbers(100)",
                "INSERT INTO db.summing VALUES (3, '2024-01-04', 0, 0, 0, 'zero')",
            ], "k, d, a, b, c, s"
        ),
        (
            "collapsing",
            "CREATE TABLE db.collapsing (`k` UInt64, `sign` Int8, `x` String) ENGINE = CollapsingMergeTree(sign) ORDER BY k",
            [
                "INSERT INTO db.collapsing SELECT number % 40, 1, toString(number) FROM numbers(100)",
                "INSERT INTO db.collapsing SELECT number % 60, -1, toString(number) FROM numbers(80)",
                "INSERT INTO db.collapsing SELECT number % 10, if(number % 3 = 0, -1, 1), 'third' FROM numbers(30)",
            ], "k, sign, x"
        ),
        (
            "versioned",
            "CREATE TABLE db.versioned (`k` UInt32, `sign` Int8, `ver` UInt16, `x` String) ENGINE = VersionedCollapsingMergeTree(sign, ver) ORDER BY k",
            [
                "INSERT INTO db.versioned SELECT number % 30, 1, number % 4, toString(number) FROM numbers(120)",
                "INSERT INTO db.versioned SELECT number % 30, -1, number % 5, toString(number) FROM numbers(90)",
                "INSERT INTO db.versioned SELECT number % 7, if(number % 2 = 0, 1, -1), 9, 'third' FROM numbers(21)",
            ], "k, ver, sign, x"
        ),
        (
            "summing_wide",
            "CREATE TABLE db.summing_wide (`k` UInt16, `p` UInt8, `e` Decimal(38, 4), `n` Nullable(Int32), `f` Float32, `u` UInt32) ENGINE = SummingMergeTree PARTITION BY p ORDER BY k SETTINGS min_bytes_for_wide_part = 0, index_granularity = 100",
            [
                "INSERT INTO db.summing_wide SELECT number % 300, number % 2, number * 1.5, if(number % 3 = 0, NULL, toInt32(number) - 500), number / 8, 4294967290 FROM numbers(2000)",
                "INSERT INTO db.summing_wide SELECT number % 500, number % 3, -0.25, if(number % 7 = 0, NULL, 1), 0.5, number FROM numbers(1500)",
            ], "k, p, e, n, f, u"
        ),
        (
            "collapsing_partitioned",
            "CREATE TABLE db.collapsing_partitioned (`d` Date, `k` UInt64, `sign` Int8, `x` String) ENGINE = CollapsingMergeTree(sign) PARTITION BY toYYYYMM(d) ORDER BY k SETTINGS min_bytes_for_wide_part = 0",
            [
                "INSERT INTO db.collapsing_partitioned SELECT toDate('2024-01-20') + number % 30, number % 40, 1, toString(number) FROM numbers(100)",
                "INSERT INTO db.collapsing_partitioned SELECT toDate('2024-01-20') + number % 30, number % 40, -1, toString(number) FROM numbers(70)",
            ], "d, k, sign, x"
        ),
        (
            "aggregating",
            "CREATE TABLE db.aggregating (`k` UInt32, `x` String, `y` UInt64) ENGINE = AggregatingMergeTree ORDER BY k",
            [
                "INSERT INTO db.aggregating SELECT number % 25, toString(number), number FROM numbers(100)",
                "INSERT INTO db.aggregating SELECT number % 50, 'second', number FROM numbers(100)",
            ], "k, x, y"
        ),
    ]

    /// The queries whose answers must agree, for one table (before and after OPTIMIZE … FINAL).
    static func comparedQueries(_ table: (name: String, create: String, inserts: [String], order: String)) -> [String] {
        [
            "SELECT * FROM db.\(table.name) ORDER BY \(table.order)",
            "SELECT * FROM db.\(table.name) FINAL ORDER BY \(table.order)",
            "SHOW CREATE TABLE db.\(table.name)",
            "OPTIMIZE TABLE db.\(table.name) FINAL",
            "SELECT * FROM db.\(table.name) ORDER BY \(table.order)",
            "SELECT * FROM db.\(table.name) FINAL ORDER BY \(table.order)",
        ]
    }

    let moto: MotoServer
    let bucket = "family-interop"

    init() throws {
        moto = try MotoServer.shared()
        try moto.createBucket(bucket)
    }

    func s3(_ name: String) -> String {
        "S3('\(moto.endpoint)/\(bucket)/\(name)', '\(MotoServer.testAccessKeyID)', '\(MotoServer.testSecretAccessKey)')"
    }

    @Test func swiftHouseRestoresClickHouseBackups() async throws {
        let backup = s3("ch-\(UUID().uuidString.prefix(8))")
        var statements = ["CREATE DATABASE db"]
        for table in Self.tables {
            // No background merge may change the parts between the INSERTs and the BACKUP.
            statements += [table.create, "SYSTEM STOP MERGES db.\(table.name)"] + table.inserts
        }
        statements.append("BACKUP DATABASE db TO \(backup)")
        var compared: [Int: String] = [:]
        for table in Self.tables {
            for query in Self.comparedQueries(table) {
                if query.hasPrefix("OPTIMIZE") { statements.append("SYSTEM START MERGES db.\(table.name)") }
                compared[statements.count] = query
                statements.append(query)
            }
        }
        let outcomes = try ClickHouseOracle.run(statements)
        for outcome in outcomes { if case .error = outcome { Issue.record("ClickHouse: \(outcome)") } }
        guard outcomes.count == statements.count else {
            Issue.record("\(outcomes)")
            return
        }
        let engine = try TestEngine()
        let restored = try await engine.run("RESTORE DATABASE db FROM \(backup)")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        for (index, query) in compared.sorted(by: { $0.key < $1.key }) {
            let ours = try await engine.run(query)
            #expect(
                ours == outcomes[index].text,
                "\(query): SwiftHouse \(ours.prefix(600)) vs ClickHouse \(outcomes[index])")
        }
    }

    @Test func clickHouseRestoresSwiftHouseBackups() async throws {
        let backup = s3("sh-\(UUID().uuidString.prefix(8))")
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        for table in Self.tables {
            try await engine.run(table.create)
            for insert in table.inserts { try await engine.run(insert) }
        }
        try await engine.run("BACKUP DATABASE db TO \(backup)")
        // No background merge may change the restored parts before they are compared: the tables are created (with
        // the same definitions, which RESTORE checks against the backup's) and their merges stopped first.
        var statements = ["CREATE DATABASE db"]
        for table in Self.tables { statements += [table.create, "SYSTEM STOP MERGES db.\(table.name)"] }
        let restore = statements.count
        statements.append("RESTORE DATABASE db FROM \(backup)")
        var ours: [Int: (query: String, answer: String)] = [:]
        for table in Self.tables {
            statements.append("CHECK TABLE db.\(table.name) SETTINGS check_query_single_value_result = 1")
            for query in Self.comparedQueries(table) {
                if query.hasPrefix("OPTIMIZE") { statements.append("SYSTEM START MERGES db.\(table.name)") }
                ours[statements.count] = (query, try await engine.run(query))
                statements.append(query)
            }
        }
        let outcomes = try ClickHouseOracle.run(statements)
        guard outcomes.count == statements.count else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[restore].text.hasSuffix("\tRESTORED\n"), "\(outcomes[restore])")
        for (index, statement) in statements.enumerated() where statement.hasPrefix("CHECK TABLE") {
            #expect(outcomes[index] == .output("1\n"), "\(statement): \(outcomes[index])")
        }
        for (index, expected) in ours.sorted(by: { $0.key < $1.key }) {
            #expect(
                outcomes[index].text == expected.answer,
                "\(expected.query): ClickHouse \(outcomes[index]) vs SwiftHouse \(expected.answer.prefix(600))")
        }
    }

    /// A merge whose rows all cancel out leaves an empty part (as ClickHouse's does); ClickHouse restores it.
    @Test func clickHouseRestoresAnEmptiedPart() async throws {
        let backup = s3("sh-empty-\(UUID().uuidString.prefix(8))")
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(
            "CREATE TABLE db.emptied (`k` UInt32, `sign` Int8) ENGINE = CollapsingMergeTree(sign) ORDER BY k")
        try await engine.run("INSERT INTO db.emptied VALUES (1, 1), (2, 1)")
        try await engine.run("INSERT INTO db.emptied VALUES (1, -1), (2, -1)")
        try await engine.run("OPTIMIZE TABLE db.emptied FINAL")
        #expect(try await engine.run("SELECT sum(rows), count() FROM system.parts WHERE table = 'emptied'") == "0\t1\n")
        #expect(try await engine.run("CHECK TABLE db.emptied") == "all_1_2_1\t1\t\n")
        try await engine.run("INSERT INTO db.emptied VALUES (3, 1)")
        #expect(try await engine.run("SELECT * FROM db.emptied FINAL ORDER BY k") == "3\t1\n")
        try await engine.run("BACKUP TABLE db.emptied TO \(backup)")
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db", "RESTORE TABLE db.emptied FROM \(backup)",
            "CHECK TABLE db.emptied SETTINGS check_query_single_value_result = 1",
            "SELECT * FROM db.emptied FINAL ORDER BY k",
        ])
        guard outcomes.count == 4 else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[1].text.hasSuffix("\tRESTORED\n"), "\(outcomes[1])")
        #expect(outcomes[2] == .output("1\n"), "\(outcomes[2])")
        #expect(outcomes[3] == .output("3\t1\n"), "\(outcomes[3])")
    }

    /// A Null table's backup holds only its definition, both ways.
    @Test func nullTablesCrossBothWays() async throws {
        let create = "CREATE TABLE db.sink (`k` UInt32, `s` String) ENGINE = Null"
        let fromClickHouse = s3("ch-null-\(UUID().uuidString.prefix(8))")
        let theirs = try ClickHouseOracle.run([
            "CREATE DATABASE db", create, "INSERT INTO db.sink VALUES (1, 'a')",
            "BACKUP DATABASE db TO \(fromClickHouse)",
            "SHOW CREATE TABLE db.sink",
        ])
        for outcome in theirs { if case .error = outcome { Issue.record("ClickHouse: \(outcome)") } }
        let engine = try TestEngine()
        let restored = try await engine.run("RESTORE DATABASE db FROM \(fromClickHouse)")
        #expect(restored.hasSuffix("\tRESTORED\n"), "\(restored)")
        #expect(try await engine.run("SHOW CREATE TABLE db.sink") == theirs.last?.text)
        #expect(try await engine.run("SELECT count() FROM db.sink") == "0\n")

        let fromSwiftHouse = s3("sh-null-\(UUID().uuidString.prefix(8))")
        try await engine.run("INSERT INTO db.sink VALUES (2, 'b')")
        try await engine.run("BACKUP DATABASE db TO \(fromSwiftHouse)")
        let outcomes = try ClickHouseOracle.run([
            "CREATE DATABASE db", "RESTORE DATABASE db FROM \(fromSwiftHouse)", "SHOW CREATE TABLE db.sink",
            "SELECT count() FROM db.sink",
        ])
        guard outcomes.count == 4 else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(outcomes[1].text.hasSuffix("\tRESTORED\n"), "\(outcomes[1])")
        #expect(outcomes[2] == theirs.last, "\(outcomes[2])")
        #expect(outcomes[3] == .output("0\n"), "\(outcomes[3])")
    }
}
