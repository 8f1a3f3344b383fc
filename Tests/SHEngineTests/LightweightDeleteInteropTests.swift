import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// ClickHouse's lightweight `DELETE FROM` masks rows with a `_row_exists` column in the parts it rewrites. A restored
/// backup of such a table must not show the deleted rows again (it did: SwiftHouse read every row of the part), and
/// `count()` must not be answered from `count.txt`, which still counts them.
@Suite struct LightweightDeleteInteropTests {
    static let tables = [
        "CREATE TABLE db.c (k UInt32, s String, v Float64) ENGINE = MergeTree ORDER BY k",
        "CREATE TABLE db.w (k UInt32, s String, v Float64) ENGINE = MergeTree ORDER BY k SETTINGS min_bytes_for_wide_part = 0",
    ]

    static func fill(_ table: String) -> [String] {
        [
            "INSERT INTO \(table) SELECT number, toString(number), number / 3 FROM numbers(1000)",
            "INSERT INTO \(table) SELECT number, 'second', number FROM numbers(1000, 500)",
            "DELETE FROM \(table) WHERE k % 7 = 0 OR s = '5'",
        ]
    }

    static let queries = [
        "SELECT * FROM %@ ORDER BY k", "SELECT count() FROM %@", "SELECT count() FROM %@ WHERE k < 700",
    ]

    @Test func deletedRowsStayDeletedBothWays() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        var statements = ["CREATE DATABASE db"] + Self.tables
        for table in ["db.c", "db.w"] { statements += Self.fill(table) }
        statements.append("BACKUP DATABASE db TO \(place.file("ch"))")
        for table in ["db.c", "db.w"] { statements += Self.queries.map { String(format: $0, table) } }
        let outcomes = try place.clickHouse(statements, in: "chdb")
        let expected = outcomes.suffix(6).map(\.text)
        #expect(expected[1] == "1284\n")  // 1500 rows, 216 of them deleted (a check that the DELETE ran)

        let swiftHouse = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        #expect(try await swiftHouse.run("RESTORE DATABASE db FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        var answers: [String] = []
        for table in ["db.c", "db.w"] {
            for query in Self.queries { answers.append(try await swiftHouse.run(String(format: query, table))) }
        }
        #expect(answers == expected)
        #expect(
            try await swiftHouse.run("CHECK TABLE db.c SETTINGS check_query_single_value_result = 1") == "1\n")

        // SwiftHouse's backup keeps the masked parts as they are: ClickHouse restores the same rows.
        try await swiftHouse.run("BACKUP DATABASE db TO \(place.file("sh"))")
        let back = try place.clickHouse(
            ["RESTORE DATABASE db FROM \(place.file("sh"))"]
                + ["db.c", "db.w"].flatMap { table in Self.queries.map { String(format: $0, table) } }, in: "chdb2")
        #expect(back.suffix(6).map(\.text) == expected)

        // A merge drops the deleted rows and the mask, and keeps the mutation version in the part's name.
        try await swiftHouse.run("OPTIMIZE TABLE db.w FINAL")
        #expect(try await swiftHouse.run("SELECT * FROM db.w ORDER BY k") == expected[3])
        let part = try await swiftHouse.run(
            "SELECT name, rows FROM system.parts WHERE database = 'db' AND table = 'w' AND active")
        #expect(part.hasPrefix("all_1_2_1_") && part.hasSuffix("\t1284\n"), "\(part)")
    }

    /// A backup that holds a mutation ClickHouse had not finished is refused, not restored without it.
    @Test func unfinishedMutationsAreRefused() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        _ = try place.clickHouse(
            [
                "CREATE DATABASE db", Self.tables[0], "INSERT INTO db.c VALUES (1, 'a', 1), (2, 'b', 2)",
                "SYSTEM STOP MERGES db.c", "ALTER TABLE db.c DELETE WHERE k = 2 SETTINGS mutations_sync = 0",
                "BACKUP TABLE db.c TO \(place.file("ch"))",
            ], in: "chdb")
        let swiftHouse = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await swiftHouse.run("CREATE DATABASE db")
        let error = await swiftHouse.failure("RESTORE TABLE db.c FROM \(place.file("ch"))")
        #expect(error?.code == .notImplemented)
        #expect(
            error?.message.contains("unfinished mutations (mutations/0000000002.txt)") == true,
            "\(String(describing: error))")
        #expect(try await swiftHouse.run("EXISTS TABLE db.c") == "0\n")
    }
}
