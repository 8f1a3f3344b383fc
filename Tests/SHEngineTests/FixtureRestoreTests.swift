import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// SwiftHouse restores real ClickHouse 26.9 backups (shared/fixtures) and returns exactly the rows
/// ClickHouse exported with them (`expected*.tsv`, TabSeparatedWithNamesAndTypes).
@Suite struct FixtureRestoreTests {
    static let root = PythonEnvironment.clickHouseFixtures

    func engine() throws -> TestEngine {
        try TestEngine(configuration: EngineConfiguration(disks: ["fixtures": Self.root.path]))
    }

    func expected(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func seedIncrementalBackupWithItsBase() async throws {
        let engine = try engine()
        try await engine.run("CREATE DATABASE test_db")
        let restored = try await engine.run(
            "RESTORE TABLE test_db.test_table FROM Disk('fixtures', 'seed_incremental_backup') SETTINGS base_backup = Disk('fixtures', 'seed_base_backup')"
        )
        #expect(restored.hasSuffix("\tRESTORED\n"))
        let rows = try await engine.run("SELECT * FROM test_db.test_table", format: "TabSeparatedWithNamesAndTypes")
        // ClickHouse exported the rows in its (parallel) read order: compare them as a multiset.
        let reference = try expected("seed_incremental_backup/expected.tsv")
        #expect(sortedLines(rows) == sortedLines(reference))
        #expect(rows.split(separator: "\n").count == 1102)
        #expect(
            try await engine.run("CHECK TABLE test_db.test_table").split(separator: "\n").allSatisfy {
                $0.contains("\t1\t")
            })
    }

    @Test func typesDatabaseCompactAndWide() async throws {
        let engine = try engine()
        try await engine.run("RESTORE DATABASE types FROM Disk('fixtures', 'types_database')")
        for table in ["compact", "wide"] {
            let rows = try await engine.run("SELECT * FROM types.\(table)", format: "TabSeparatedWithNamesAndTypes")
            let reference = try expected("types_database/expected_\(table).tsv")
            #expect(rows == reference, "types.\(table) differs: \(firstDifference(rows, reference))")
        }
        let parts = try await engine.run(
            "SELECT table, name, part_type, rows FROM system.parts WHERE database = 'types' ORDER BY table, name")
        #expect(
            parts
                == (try expected("types_database/parts.tsv")).split(separator: "\n").dropFirst().map { $0 + "\n" }
                .joined())
    }

    @Test func partitionedTableWithCodecs() async throws {
        let engine = try engine()
        try await engine.run("CREATE DATABASE types")
        try await engine.run("RESTORE TABLE types.part FROM Disk('fixtures', 'partitioned_table')")
        let rows = try await engine.run(
            "SELECT * FROM types.part ORDER BY k, d", format: "TabSeparatedWithNamesAndTypes")
        let reference = try expected("partitioned_table/expected.tsv")
        #expect(rows == reference, "\(firstDifference(rows, reference))")
    }

    func sortedLines(_ text: String) -> [Substring] { text.split(separator: "\n").sorted() }

    func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(x.count, y.count)
        where (index < x.count ? x[index] : "") != (index < y.count ? y[index] : "") {
            return
                "line \(index + 1): swifthouse \(index < x.count ? String(x[index].prefix(300)) : "<none>") / clickhouse \(index < y.count ? String(y[index].prefix(300)) : "<none>")"
        }
        return "none"
    }
}
