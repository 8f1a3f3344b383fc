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
                + ["BACKUP DATABASE db TO \(place.file("ch"))", "SELECT k, toUInt32(b), cc, n FROM db.c ORDER BY k"],
            in: "chdb")
        let retyped = outcomes.last?.text
        let expected = outcomes.dropLast(2).suffix(queries.count).map(\.text)
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
        // A mutation of restored parts, whose versions are above the restored table's block counter, rewrites them
        // (ClickHouse would skip them and convert on reading); the rows are ClickHouse's and survive a restart.
        try await fresh.run("ALTER TABLE db.c MODIFY COLUMN b UInt32")
        #expect(try await fresh.run("SELECT * FROM db.c ORDER BY k") == retyped)
        #expect(try await fresh.reopened().run("SELECT * FROM db.c ORDER BY k") == retyped)

        // Mutations take block numbers from the counter INSERTs use, after a restart too.
        try await reopened.run("INSERT INTO db.c VALUES (600, '1', 'y', NULL)")
        let newest = try await reopened.run(
            "SELECT name FROM system.parts WHERE database = 'db' AND table = 'c' AND active ORDER BY name")
        #expect(newest.hasSuffix("all_6_6_0\nall_7_7_0\n"), "\(newest)")
    }

    /// What ClickHouse refuses (keys, missing and duplicate names) is refused with its code and words; a value that
    /// does not convert to the new type fails the ALTER with the conversion's error (ClickHouse's mutation fails with
    /// it too) and, unlike ClickHouse, before the definition or any part changes.
    @Test func refusalsMatchClickHouse() async throws {
        let setup = [
            "CREATE TABLE t (k UInt32, p UInt8, a String, c String) ENGINE = MergeTree PARTITION BY p ORDER BY k",
            "INSERT INTO t VALUES (1, 1, 'x', 'y'), (2, 2, '3', 'z')",
            "CREATE TABLE cd (k UInt32, v UInt32 CODEC(Delta, LZ4)) ENGINE = MergeTree ORDER BY k",
            "INSERT INTO cd VALUES (1, 10), (2, 20)",
        ]
        let refused = [
            "ALTER TABLE t DROP COLUMN k", "ALTER TABLE t RENAME COLUMN k TO kk", "ALTER TABLE t RENAME COLUMN p TO pp",
            "ALTER TABLE t MODIFY COLUMN k UInt64", "ALTER TABLE t MODIFY COLUMN p UInt16",
            "ALTER TABLE t RENAME COLUMN zz TO y", "ALTER TABLE t RENAME COLUMN a TO c",
        ]
        let failing = "ALTER TABLE t MODIFY COLUMN a UInt8"
        // The column's codec stays with a new type (unchecked, as in ClickHouse); a codec written with it replaces it.
        let recoded = [
            "ALTER TABLE cd MODIFY COLUMN v String", "SELECT * FROM cd ORDER BY k", "SHOW CREATE TABLE cd",
            "ALTER TABLE cd MODIFY COLUMN v Float64 CODEC(Gorilla, LZ4)", "SELECT * FROM cd ORDER BY k",
            "SHOW CREATE TABLE cd",
        ]
        let outcomes = try ClickHouseOracle.run(
            setup + refused + ["SET mutations_sync = 2"] + recoded + [failing])
        let swiftHouse = try TestEngine()
        for statement in setup { try await swiftHouse.run(statement) }
        let before = try await swiftHouse.run("SHOW CREATE TABLE t")
        let parts = "SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY name"
        let partsBefore = try await swiftHouse.run(parts)
        for (index, statement) in refused.enumerated() {
            guard case .error(let text) = outcomes[setup.count + index] else {
                Issue.record("ClickHouse ran \(statement)")
                continue
            }
            let error = await swiftHouse.failure(statement)
            #expect(error?.description == text.split(separator: "\n").first.map(String.init), "\(statement)")
        }
        let recodedOutcomes = outcomes.dropLast().suffix(recoded.count).map(\.text)
        for (statement, outcome) in zip(recoded, recodedOutcomes) {
            #expect(try await swiftHouse.run(statement) == outcome, "\(statement)")
        }
        guard case .error(let text) = outcomes.last else {
            Issue.record("ClickHouse ran \(failing)")
            return
        }
        let error = await swiftHouse.failure(failing)
        #expect(error?.code == .cannotParseText)
        #expect(text.contains("Code: \(ErrorCode.cannotParseText.number)"))
        #expect(error.map { text.contains($0.message) } == true, "\(String(describing: error)) vs \(text)")
        #expect(try await swiftHouse.run("SHOW CREATE TABLE t") == before)
        #expect(try await swiftHouse.run(parts) == partsBefore)
        #expect(try await swiftHouse.run("SELECT * FROM t ORDER BY k") == "1\t1\tx\ty\n2\t2\t3\tz\n")
    }

    /// A crash after the rewritten parts were renamed into place but before their sources were removed: on restart
    /// the rewritten part covers its source (same range, newer version), which is removed, and the rows are the
    /// mutated ones. A temporary rewrite left behind is removed too.
    @Test func rewrittenPartsCoverTheirSourcesAfterACrash() async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE TABLE t (k UInt32, s String, v UInt16) ENGINE = MergeTree ORDER BY k")
        try await engine.run("INSERT INTO t VALUES (1, 'a', 5), (2, 'b', 6)")
        try await engine.run("INSERT INTO t VALUES (3, 'c', 7)")
        let table = engine.directory.appendingPathComponent("data/default/t")
        let saved = engine.directory.appendingPathComponent("saved")
        try FileManager.default.createDirectory(at: saved, withIntermediateDirectories: true)
        for part in ["all_1_1_0", "all_2_2_0"] {
            try FileManager.default.copyItem(
                at: table.appendingPathComponent(part), to: saved.appendingPathComponent(part))
        }
        try await engine.run("ALTER TABLE t DROP COLUMN s")
        let expected = try await engine.run("SELECT * FROM t ORDER BY k")
        #expect(expected == "1\t5\n2\t6\n3\t7\n")
        for part in ["all_1_1_0", "all_2_2_0"] {
            try FileManager.default.copyItem(
                at: saved.appendingPathComponent(part), to: table.appendingPathComponent(part))
        }
        try FileManager.default.copyItem(
            at: saved.appendingPathComponent("all_1_1_0"), to: table.appendingPathComponent("tmp_insert_all_1_1_0_4"))

        let reopened = try engine.reopened()
        #expect(try await reopened.run("SELECT * FROM t ORDER BY k") == expected)
        #expect(
            try await reopened.run("SELECT name FROM system.parts WHERE table = 't' AND active ORDER BY name")
                == "all_1_1_0_3\nall_2_2_0_3\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: table.path).filter { $0.hasPrefix("all_") }
        #expect(left.sorted() == ["all_1_1_0_3", "all_2_2_0_3"])
    }

    /// On a table without parts the ALTERs still take a block number each (the next INSERT's part says so), as in
    /// ClickHouse; a Log table refuses RENAME COLUMN with ClickHouse's error.
    @Test func emptyTablesAndOtherEngines() async throws {
        let statements = [
            "CREATE TABLE t (k UInt32, a String, b UInt16) ENGINE = MergeTree ORDER BY k",
            "ALTER TABLE t RENAME COLUMN a TO aa", "ALTER TABLE t MODIFY COLUMN b String",
            "ALTER TABLE t DROP COLUMN aa",
            "INSERT INTO t VALUES (1, 'x')",
        ]
        let queries = [
            "SELECT * FROM t", "SELECT name FROM system.parts WHERE table = 't' AND active",
            "SELECT name, type FROM system.columns WHERE table = 't' ORDER BY position",
        ]
        let log = ["CREATE TABLE l (k UInt32, a String) ENGINE = TinyLog", "ALTER TABLE l RENAME COLUMN a TO b"]
        let outcomes = try ClickHouseOracle.run(["SET mutations_sync = 2"] + statements + queries + log)
        let swiftHouse = try TestEngine()
        for statement in statements { try await swiftHouse.run(statement) }
        for (index, query) in queries.enumerated() {
            #expect(try await swiftHouse.run(query) == outcomes[1 + statements.count + index].text, "\(query)")
        }
        try await swiftHouse.run(log[0])
        let error = await swiftHouse.failure(log[1])
        #expect(error?.description == outcomes.last?.text.split(separator: "\n").first.map(String.init))
    }
}
