import Foundation
import SHCore
import SHTestSupport
import Testing

@testable import SHSQL

/// Every SQL statement of the seed page (`demo/seed-page.sql`, read from the repository) parses and formats.
@Suite struct SeedTests {
    /// The page's statements, in order.
    static func statements() throws -> [String] { SeedPage.statements(of: try SeedPage.text()) }

    /// The page's placeholder for an S3 destination (prose on the page, not a statement of the file).
    static let destination =
        "S3('<s3 endpoint>/<directory>', '<access key id>', '<secret access key>', '<extra_credentials>')"

    @Test func pageFileHasItsNineStatements() throws {
        #expect(try Self.statements().count == 9)
    }

    @Test(arguments: try statements())
    func parsesAndRoundTrips(_ sql: String) throws {
        let parsed = try Parser.parseStatement(sql)
        #expect(parsed.text == sql.trimmingCharacters(in: .whitespacesAndNewlines))
        let formatted = SQLFormatter.format(parsed)
        let again = try Parser.parseStatement(formatted)
        #expect(again.statement == parsed.statement, "\(formatted)")
    }

    @Test func destinationExpressionParses() throws {
        let expression = try Parser.parseExpression(Self.destination)
        guard case .function(let call) = expression else {
            Issue.record("not a call")
            return
        }
        #expect(call.name == "S3")
        #expect(call.arguments.count == 4)
    }

    @Test func wholePageAsOneScript() throws {
        let parsed = try Parser.parse(try SeedPage.text())
        #expect(parsed.count == 9)
    }

    @Test func createTableAstAndCanonicalForm() throws {
        guard case .createTable(let query) = try Parser.parseStatement(try Self.statements()[1]).statement else {
            Issue.record("not CREATE TABLE")
            return
        }
        #expect(query.name == TableName(database: "test_db", table: "test_table"))
        #expect(query.columns.map(\.type) == [.int32, .string, .array(.string)])
        #expect(query.engine == EngineDefinition(name: "MergeTree"))
        #expect(
            SQLFormatter.createTable(query.withDefaultMergeTreeSettings(), pretty: false)
                == "CREATE TABLE test_db.test_table (`key` Int32, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple() SETTINGS index_granularity = 8192"
        )
    }

    @Test func incrementalBackupSettings() throws {
        guard case .backup(let query) = try Parser.parseStatement(try Self.statements()[5]).statement else {
            Issue.record("not BACKUP")
            return
        }
        #expect(
            query.elements == [
                .table(TableName(database: "test_db", table: "test_table"), newName: nil, partitions: nil)
            ])
        #expect(query.engine.name == "S3")
        #expect(query.settings.map(\.name) == ["base_backup"])
        guard case .function(let base) = query.settings[0].value else {
            Issue.record("base_backup")
            return
        }
        #expect(base.name == "S3" && base.arguments.count == 3)
    }

    @Test func verificationQueryColumnName() throws {
        guard case .select(let query) = try Parser.parseStatement(try Self.statements()[8]).statement else {
            Issue.record("not SELECT")
            return
        }
        #expect(
            SQLFormatter.columnNames(for: query) == [
                "throwIf(notEquals(_subquery_1, _subquery_2), 'Data does not match after BACKUP/RESTORE')"
            ])
    }
}
