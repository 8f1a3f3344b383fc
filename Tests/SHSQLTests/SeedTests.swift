import Foundation
import SHCore
import Testing

@testable import SHSQL

/// Every SQL statement of the seed page (`/work/shared/seed/000_c9847684c3fc71de.txt`) parses and formats.
@Suite struct SeedTests {
    static let statements: [String] = [
        "CREATE DATABASE IF NOT EXISTS test_db",
        """
        CREATE TABLE test_db.test_table
        (
            `key` Int,
            `value` String,
            `array` Array(String)
        )
        ENGINE = MergeTree
        ORDER BY tuple()
        """,
        """
        INSERT INTO test_db.test_table SELECT *
        FROM generateRandom('key Int, value String, array Array(String)')
        LIMIT 1000
        """,
        """
        BACKUP TABLE test_db.test_table TO S3(
        'https://backup-ch-docs.s3.us-east-1.amazonaws.com/backups/base_backup',
        '<access key id>',
        '<secret access key>'
        )
        """,
        """
        INSERT INTO test_db.test_table SELECT *
        FROM generateRandom('key Int, value String, array Array(String)')
        LIMIT 100
        """,
        """
        BACKUP TABLE test_db.test_table TO S3(
        'https://backup-ch-docs.s3.us-east-1.amazonaws.com/backups/incremental_backup',
        '<access key id>',
        '<secret access key>'
        )
        SETTINGS base_backup = S3(
        'https://backup-ch-docs.s3.us-east-1.amazonaws.com/backups/base_backup',
        '<access key id>',
        '<secret access key>'
        )
        """,
        """
        RESTORE TABLE data AS test_db.test_table_restored FROM S3(
        'https://backup-ch-docs.s3.us-east-1.amazonaws.com/backups/incremental_backup',
        '<access key id>',
        '<secret access key>'
        )
        """,
        """
        SELECT count()
        FROM test_db.test_table_restored
        """,
        """
        SELECT throwIf((
           SELECT groupArray(tuple(*))
           FROM test_db.test_table
           ) != (
           SELECT groupArray(tuple(*))
           FROM test_db.test_table_restored
        ), 'Data does not match after BACKUP/RESTORE')
        """,
        "S3('<s3 endpoint>/<directory>', '<access key id>', '<secret access key>', '<extra_credentials>')",
    ]

    @Test(arguments: statements.dropLast())
    func parsesAndRoundTrips(_ sql: String) throws {
        let parsed = try Parser.parseStatement(sql)
        #expect(parsed.text == sql.trimmingCharacters(in: .whitespacesAndNewlines))
        let formatted = SQLFormatter.format(parsed)
        let again = try Parser.parseStatement(formatted)
        #expect(again.statement == parsed.statement, "\(formatted)")
    }

    @Test func destinationExpressionParses() throws {
        let expression = try Parser.parseExpression(Self.statements.last!)
        guard case .function(let call) = expression else {
            Issue.record("not a call")
            return
        }
        #expect(call.name == "S3")
        #expect(call.arguments.count == 4)
    }

    @Test func wholePageAsOneScript() throws {
        let script = Self.statements.dropLast().joined(separator: ";\n") + ";"
        let parsed = try Parser.parse(script)
        #expect(parsed.count == 9)
    }

    @Test func createTableAstAndCanonicalForm() throws {
        guard case .createTable(let query) = try Parser.parseStatement(Self.statements[1]).statement else {
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
        guard case .backup(let query) = try Parser.parseStatement(Self.statements[5]).statement else {
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
        guard case .select(let query) = try Parser.parseStatement(Self.statements[8]).statement else {
            Issue.record("not SELECT")
            return
        }
        #expect(
            SQLFormatter.columnNames(for: query) == [
                "throwIf(notEquals(_subquery_1, _subquery_2), 'Data does not match after BACKUP/RESTORE')"
            ])
    }
}
