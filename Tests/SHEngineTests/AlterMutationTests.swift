import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// DROP, RENAME and MODIFY COLUMN on MergeTree tables that hold rows run as ClickHouse's mutations: every active part
/// is rewritten under `<partition>_<min>_<max>_<level>_<version>`, the version a block number shared with INSERTs.
/// The same statements run in chdb (with `mutations_sync = 2`) and in SwiftHouse give the same rows, part names and
/// columns.txt, and the backups of both restore on the other side.
@Suite struct AlterMutationTests {
    static let tables = [
        "CREATE TABLE db.c (k UInt32, a String, b UInt16, c String, n Nullable(Int32)) ENGINE = MergeTree ORDER BY k",
        "CREATE TABLE db.w (k UInt32, a String, b UInt16, c String, n Nullable(Int32)) ENGINE = MergeTree ORDER BY k SETTINGS min_bytes_for_wide_part = 0",
        "CREATE TABLE db.p (k UInt32, p UInt8, a String, b UInt16, c String, n Nullable(Int32)) ENGINE = MergeTree PARTITION BY p ORDER BY k",
    ]

    static func statements(_ table: String) -> [String] {
        let partition = table == "db.p" ? "number % 2, " : ""
        let partitionValue = table == "db.p" ? "1, " : ""
        return [
            "INSERT INTO \(table) SELECT number, \(partition)toString(number), number * 3, concat('c', toString(number % 10)), if(number % 3 = 0, NULL, number) FROM numbers(100)",
            "INSERT INTO \(table) SELECT number, \(partition)'x', 7, 'd', 1 FROM numbers(100, 50)",
            "ALTER TABLE \(table) DROP COLUMN a",
            "ALTER TABLE \(table) RENAME COLUMN c TO cc",
            "ALTER TABLE \(table) MODIFY COLUMN b String, MODIFY COLUMN n Nullable(Int64)",
            "INSERT INTO \(table) VALUES (500, \(partitionValue)'9', 'z', 5)",
        ]
    }

    static let names = ["db.c", "db.w", "db.p"]

    static func queries(_ table: String) -> [String] {
        let (database, name) = (table.prefix(2), table.dropFirst(3))
        return [
            "SELECT * FROM \(table) ORDER BY k",
            "SELECT name, part_type, rows FROM system.parts WHERE database = '\(database)' AND table = '\(name)' AND active ORDER BY name",
            "SELECT name, type FROM system.columns WHERE database = '\(database)' AND table = '\(name)' ORDER BY position",
        ]
    }

    /// The parts of every table in a File backup: part directory → columns.txt (nil where the backup stores the file
    /// once for several parts, as ClickHouse's does for files with equal contents).
    static func partColumns(in backup: URL) throws -> [String: String?] {
        var result: [String: String?] = [:]
        let data = backup.appendingPathComponent("data/db")
        for table in try FileManager.default.contentsOfDirectory(atPath: data.path) {
            let tableDirectory = data.appendingPathComponent(table)
            for part in try FileManager.default.contentsOfDirectory(atPath: tableDirectory.path) {
                let columns = tableDirectory.appendingPathComponent(part).appendingPathComponent("columns.txt")
                let exists = FileManager.default.fileExists(atPath: columns.path)
                let text: String? = exists ? try String(contentsOf: columns, encoding: .utf8) : nil
                result["\(table)/\(part)"] = .some(text)
            }
        }
        return result
    }

    @Test func mutationsRewritePartsAsClickHouseDoes() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let queries = Self.names.flatMap(Self.queries)
        let work = Self.tables + Self.names.flatMap(Self.statements)
        let outcomes = try place.clickHouse(
            ["SET mutations_sync = 2", "CREATE DATABASE db"] + work + queries
                + ["BACKUP DATABASE db TO \(place.file("ch"))"], in: "chdb")
        let expected = outcomes.dropLast().suffix(queries.count).map(\.text)
        #expect(expected[1].hasPrefix("all_1_1_0_5\tCompact\t100\nall_2_2_0_5\tCompact\t50\nall_6_6_0\t"))

        let swiftHouse = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await swiftHouse.run("CREATE DATABASE db")
        for statement in work { try await swiftHouse.run(statement) }
        var answers: [String] = []
        for query in queries { answers.append(try await swiftHouse.run(query)) }
        #expect(answers == expected)

        // The definition and the parts survive a restart.
        let reopened = try swiftHouse.reopened()
        var again: [String] = []
        for query in queries { again.append(try await reopened.run(query)) }
        #expect(again == expected)
        // The parts after the ALTERs have ClickHouse's columns.txt.
        try await swiftHouse.run("BACKUP DATABASE db TO \(place.file("sh"))")
        let clickHouseParts = try Self.partColumns(in: place.root.appendingPathComponent("ch"))
        let swiftHouseParts = try Self.partColumns(in: place.root.appendingPathComponent("sh"))
        #expect(Set(swiftHouseParts.keys) == Set(clickHouseParts.keys))
        #expect(clickHouseParts.count == 11)
        var compared = 0
        for (part, columns) in clickHouseParts {
            guard let columns, let ours = swiftHouseParts[part] ?? nil else { continue }
            #expect(ours == columns, "\(part)")
            compared += 1
        }
        // The two column lists after the ALTERs (with and without the partition column), each stored once.
        #expect(compared == 2)
        #expect(Set(swiftHouseParts.values.compactMap { $0 }) == Set(clickHouseParts.values.compactMap { $0 }))

        // ClickHouse restores SwiftHouse's backup: CHECK TABLE passes and the rows are the same.
        let checks = Self.names.map { "CHECK TABLE \($0) SETTINGS check_query_single_value_result = 1" }
        let restored = try place.clickHouse(
            ["RESTORE DATABASE db FROM \(place.file("sh"))"] + checks
                + Self.names.map { Self.queries($0)[0] }, in: "chdb2")
        #expect(restored.dropFirst().prefix(3).map(\.text) == ["1\n", "1\n", "1\n"])
        #expect(restored.suffix(3).map(\.text) == [expected[0], expected[3], expected[6]])

        // SwiftHouse restores ClickHouse's backup.
        let fresh = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        #expect(try await fresh.run("RESTORE DATABASE db FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        for (index, table) in Self.names.enumerated() {
            #expect(try await fresh.run(Self.queries(table)[0]) == expected[index * 3])
            #expect(try await fresh.run("CHECK TABLE \(table) SETTINGS check_query_single_value_result = 1") == "1\n")
        }

        // Mutations take block numbers from the counter INSERTs use, after a restart too.
        try await reopened.run("INSERT INTO db.c VALUES (600, '1', 'y', NULL)")
        let newest = try await reopened.run(
            "SELECT name FROM system.parts WHERE database = 'db' AND table = 'c' AND active ORDER BY name")
        #expect(newest.hasSuffix("all_6_6_0\nall_7_7_0\n"), "\(newest)")
    }
}
