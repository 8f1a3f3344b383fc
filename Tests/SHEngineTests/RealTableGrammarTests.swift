import Foundation
import SHCore
import SHSQL
import SHTestSupport
import Testing

/// Every CREATE TABLE of the real-tables corpus (`Tests/Fixtures/real-tables`, issue #13): SwiftHouse creates
/// it and its SHOW CREATE TABLE is ClickHouse 26.9's (`summary.json`'s `show_create`, from chdb), or it fails
/// with the error listed for it in `expectedFailures` (a feature another issue covers); a listed table that
/// starts to work, or fails otherwise, fails the test so the list stays true.
@Suite struct RealTableGrammarTests {
    static let root = PythonEnvironment.repositoryRoot.appendingPathComponent("Tests/Fixtures/real-tables")

    /// Tables SwiftHouse does not create yet, by file, with the error name they fail with today.
    static let expectedFailures: [String: String] = [
        // Types (issue #14): JSON, Variant.
        "probes/types_json.sql": "UNKNOWN_TYPE",
        "probes/types_variant_dynamic.sql": "UNKNOWN_TYPE",
    ]

    struct Entry: Sendable, CustomTestStringConvertible {
        var file: String
        var database: String
        var table: String
        var accepted: Bool
        var showCreate: String?
        var testDescription: String { file }
    }

    static func entries() throws -> [Entry] {
        let data = try Data(contentsOf: root.appendingPathComponent("summary.json"))
        guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return list.map { item in
            Entry(
                file: item["file"] as? String ?? "", database: item["database"] as? String ?? "",
                table: item["table"] as? String ?? "", accepted: item["accepted"] as? Bool ?? false,
                showCreate: item["show_create"] as? String)
        }
    }

    @Test func corpusIsComplete() throws {
        let entries = try Self.entries()
        #expect(entries.count == 97)
        #expect(entries.filter(\.accepted).count == 96)
        let files = Set(entries.map(\.file))
        for file in Self.expectedFailures.keys { #expect(files.contains(file), "\(file) is not in summary.json") }
    }

    @Test(arguments: try RealTableGrammarTests.entries())
    func showCreateMatchesClickHouse(_ entry: Entry) async throws {
        let sql = try String(contentsOf: Self.root.appendingPathComponent(entry.file), encoding: .utf8)
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE IF NOT EXISTS \(SQLFormatter.quoteIdentifierIfNeeded(entry.database))")
        try await engine.run("USE \(SQLFormatter.quoteIdentifierIfNeeded(entry.database))")
        let error = await engine.failure(sql)
        // A table ClickHouse rejects (a syntax error in the published DDL) must fail in SwiftHouse too.
        if let expected = Self.expectedFailures[entry.file] ?? (entry.accepted ? nil : "SYNTAX_ERROR") {
            #expect(
                error?.code.name == expected,
                "\(entry.file): expected \(expected), got \(error.map { "\($0)" } ?? "success: update expectedFailures")"
            )
            return
        }
        try #require(error == nil, "\(entry.file): \(String(describing: error))")
        let name = SQLFormatter.formatTableName(TableName(database: entry.database, table: entry.table))
        let shown = try await engine.run("SHOW CREATE TABLE \(name)", format: "TSVRaw")
        #expect(shown.trimmingCharacters(in: .newlines) == entry.showCreate, "\(entry.file)")
    }
}
