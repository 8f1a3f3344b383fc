import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// The seed page ("Backup and restore to/from an S3 endpoint"), statement by statement, against moto_server.
@Suite(.serialized) struct SeedPageTests {
    static let pageEndpoint = "https://backup-ch-docs.s3.us-east-1.amazonaws.com/"

    /// The page's statements, as committed in demo/seed-page.sql (extracted from the page).
    static func statements(endpoint: String) throws -> [String] {
        SeedPage.statements(of: try SeedPage.text().replacingOccurrences(of: pageEndpoint, with: endpoint))
    }

    static let idStatusPattern =
        #"^┌─id───────────────────────────────────┬─status─────────┐\n│ [0-9a-f-]{36} │ BACKUP_CREATED │\n└──────────────────────────────────────┴────────────────┘\n$"#

    @Test func pageRunsAndPrintsWhatThePagePrints() async throws {
        let moto = try MotoServer.shared()
        try moto.createBucket("backup-ch-docs")
        let prefix = "seed-\(UUID().uuidString.prefix(8))"
        let endpoint = "\(moto.endpoint)/backup-ch-docs/\(prefix)/"
        let engine = try TestEngine()
        var outputs: [String] = []
        var typoError: DatabaseError?
        for statement in try Self.statements(endpoint: endpoint) {
            if statement.hasPrefix("RESTORE TABLE data AS") {
                typoError = await engine.failure(statement)
                let intended = statement.replacingOccurrences(
                    of: "RESTORE TABLE data AS", with: "RESTORE TABLE test_db.test_table AS")
                outputs.append(try await engine.run(intended, format: "PrettyCompact"))
            } else {
                outputs.append(try await engine.run(statement, format: "PrettyCompact"))
            }
        }
        // CREATE DATABASE, CREATE TABLE, INSERT, BACKUP, INSERT, BACKUP, RESTORE, SELECT count(), SELECT throwIf
        #expect(outputs.count == 9)
        #expect(outputs[0].isEmpty && outputs[1].isEmpty && outputs[2].isEmpty)
        #expect(outputs[3].range(of: Self.idStatusPattern, options: .regularExpression) != nil, "\(outputs[3])")
        #expect(outputs[5].range(of: Self.idStatusPattern, options: .regularExpression) != nil, "\(outputs[5])")
        #expect(outputs[6].contains("│ RESTORED │"), "\(outputs[6])")
        #expect(outputs[6].hasPrefix("┌─id───────────────────────────────────┬─status───┐\n"))
        #expect(outputs[7] == "┌─count()─┐\n│    1100 │\n└─────────┘\n")
        #expect(outputs[8].contains("│ 0 │") || outputs[8].contains(" 0 │"), "\(outputs[8])")
        #expect(
            typoError?.description.hasPrefix(
                "Code: 605. DB::Exception: Table default.data not found in backup. (BACKUP_ENTRY_NOT_FOUND)") == true,
            "\(String(describing: typoError))")
        #expect(typoError?.hint?.contains("test_db.test_table") == true)
    }

    /// The page run by ClickHouse and by SwiftHouse against the same endpoint; each restores the other's
    /// incremental backup (and with it the base) and gets the other's 1,100 rows.
    @Test func bothSystemsRunThePageAndRestoreEachOther() async throws {
        let moto = try MotoServer.shared()
        try moto.createBucket("backup-ch-docs")
        let run = UUID().uuidString.prefix(8)
        let clickHouseEndpoint = "\(moto.endpoint)/backup-ch-docs/ch-\(run)/"
        let swiftHouseEndpoint = "\(moto.endpoint)/backup-ch-docs/sh-\(run)/"
        let engine = try TestEngine()
        for statement in try Self.statements(endpoint: swiftHouseEndpoint) { _ = await engine.failure(statement) }
        let page = try Self.statements(endpoint: clickHouseEndpoint)
        let clickHouse = try ClickHouseOracle.run(
            page + [
                "SELECT * FROM test_db.test_table ORDER BY key, value FORMAT TabSeparated",
                Self.restoreOther(endpoint: swiftHouseEndpoint, as: "from_swifthouse"),
                "SELECT count() FROM test_db.from_swifthouse",
            ])
        // ClickHouse ran the page: BACKUPs created, the typo failed as on the page.
        #expect(clickHouse[3].text.hasSuffix("\tBACKUP_CREATED\n"))
        #expect(clickHouse[6].text.contains("(BACKUP_ENTRY_NOT_FOUND)"))
        #expect(clickHouse[clickHouse.count - 1] == .output("1100\n"), "\(clickHouse.last!)")
        try await engine.run(Self.restoreOther(endpoint: clickHouseEndpoint, as: "from_clickhouse"))
        #expect(try await engine.run("SELECT count() FROM test_db.from_clickhouse") == "1100\n")
        #expect(
            try await engine.run("SELECT * FROM test_db.from_clickhouse ORDER BY key, value")
                == clickHouse[page.count].text)
    }

    static func restoreOther(endpoint: String, as name: String) -> String {
        "RESTORE TABLE test_db.test_table AS test_db.\(name) FROM S3('\(endpoint)backups/incremental_backup', '<access key id>', '<secret access key>')"
    }
}
