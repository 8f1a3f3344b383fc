import SHCore
import Testing

@testable import SHSQL

/// BACKUP/RESTORE as ClickHouse 26.9 parses them (backup-features.md §1.1), quirks included.
@Suite struct BackupGrammarTests {
    static func backup(_ sql: String) throws -> (BackupQuery, ParsedStatement) {
        let parsed = try Parser.parseStatement(sql)
        switch parsed.statement {
        case .backup(let query), .restore(let query): return (query, parsed)
        default: throw DatabaseError(.logicalError, "not BACKUP/RESTORE")
        }
    }

    static func t(_ db: String?, _ table: String) -> TableName { TableName(database: db, table: table) }

    @Test func severalElements() throws {
        let (query, _) = try Self.backup(
            "BACKUP TABLE db2.a, TABLE db2.b AS db2.c, DATABASE db, TEMPORARY TABLE tmp, ALL TO Null")
        #expect(
            query.elements == [
                .table(Self.t("db2", "a"), newName: nil, partitions: nil),
                .table(Self.t("db2", "b"), newName: Self.t("db2", "c"), partitions: nil),
                .database("db", newName: nil, exceptTables: []),
                .temporaryTable("tmp", newName: nil),
                .all(exceptDatabases: [], exceptTables: []),
            ])
        #expect(query.engine == FunctionCall(name: "Null", arguments: []))
        #expect(query.async == nil)
    }

    @Test func partitionsAfterAs() throws {
        let (query, _) = try Self.backup("RESTORE TABLE db.t AS db.t_p2 PARTITION 202401 FROM S3('u')")
        #expect(
            query.elements == [
                .table(
                    Self.t("db", "t"), newName: Self.t("db", "t_p2"), partitions: [.literal(.unsignedInteger(202401))])
            ])
        let (list, _) = try Self.backup("BACKUP TABLE db.t PARTITIONS '202401', '202402', TABLE db.u TO Null")
        #expect(
            list.elements == [
                .table(
                    Self.t("db", "t"), newName: nil,
                    partitions: [.literal(.string("202401")), .literal(.string("202402"))]),
                .table(Self.t("db", "u"), newName: nil, partitions: nil),
            ])
        let (id, _) = try Self.backup("BACKUP TABLE db.t PARTITION ID '202401' TO Null")
        #expect(
            id.elements == [
                .table(Self.t("db", "t"), newName: nil, partitions: [.call("partitionID", .literal(.string("202401")))])
            ])
    }

    @Test func exceptLists() throws {
        let (db, _) = try Self.backup("BACKUP DATABASE db AS db2 EXCEPT TABLES db.a, b TO Null")
        #expect(db.elements == [.database("db", newName: "db2", exceptTables: [Self.t("db", "a"), Self.t(nil, "b")])])
        let (all, _) = try Self.backup("BACKUP ALL EXCEPT DATABASES db, system EXCEPT TABLE x.y TO Null")
        #expect(all.elements == [.all(exceptDatabases: ["db", "system"], exceptTables: [Self.t("x", "y")])])
    }

    @Test func asyncAndSettings() throws {
        let (a, _) = try Self.backup("BACKUP TABLE t TO Null ASYNC")
        #expect(a.async == true)
        let (s, _) = try Self.backup("BACKUP TABLE t TO Null SYNC")
        #expect(s.async == false)
        let (both, _) = try Self.backup("BACKUP TABLE t TO Null SETTINGS async = 0 ASYNC")
        #expect(
            both.async == true
                && both.settings == [SettingAssignment(name: "async", value: .literal(.unsignedInteger(0)))])
        // A SETTINGS clause after ASYNC is a query-level clause (ClickHouse then rejects `async` as unknown).
        let (after, parsed) = try Self.backup("BACKUP TABLE t TO Null ASYNC SETTINGS async = 1")
        #expect(after.settings.isEmpty && after.async == true)
        #expect(parsed.settings.map(\.name) == ["async"])
    }

    @Test func baseBackupIsAFunctionCall() throws {
        let (query, _) = try Self.backup(
            "BACKUP TABLE t TO S3('u2', 'k', 's') SETTINGS base_backup = S3('u1', 'k', 's'), id = 'x'")
        #expect(
            query.settings == [
                SettingAssignment(
                    name: "base_backup",
                    value: .call("S3", .literal(.string("u1")), .literal(.string("k")), .literal(.string("s")))),
                SettingAssignment(name: "id", value: .literal(.string("x"))),
            ])
        #expect(query.engine.arguments.count == 3)
    }

    @Test func engines() throws {
        for (sql, name, count) in [
            ("BACKUP TABLE t TO Null", "Null", 0), ("BACKUP TABLE t TO Null()", "Null", 0),
            ("BACKUP TABLE t TO File('x.tar.gz')", "File", 1), ("BACKUP TABLE t TO Disk('d', 'p')", "Disk", 2),
            ("BACKUP TABLE t TO Memory('m')", "Memory", 1),
            ("BACKUP TABLE t TO S3('u', 'k', 's', extra_credentials(role_arn = 'r'))", "S3", 4),
        ] {
            let (query, _) = try Self.backup(sql)
            #expect(query.engine.name == name && query.engine.arguments.count == count, "\(sql)")
        }
    }

    /// Quirks that are syntax errors in 26.9, with ClickHouse's positions (implicit_select = 0).
    @Test(arguments: [
        ("BACKUP ASYNC TABLE t TO Null", 8, "ASYNC"),
        ("BACKUP TABLE t PARTITION 1 AS t2 TO Null", 28, "AS"),
        ("BACKUP TABLE t TO S3('a'), S3('b')", 26, ","),
        ("RESTORE TABLE t TO Null", 17, "TO"),
        ("BACKUP TABLE t", 15, "end of query"),
        ("BACKUP TABLE db.t TO Null EXCEPT DATA", 27, "EXCEPT"),
    ])
    func quirksAreSyntaxErrors(_ sql: String, _ position: Int, _ token: String) {
        do {
            _ = try Parser.parseStatement(sql)
            Issue.record("no error for \(sql)")
        } catch let error as DatabaseError {
            #expect(error.code == .syntaxError)
            #expect(error.message.hasPrefix("Syntax error: failed at position \(position) (\(token))"), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// With implicit_select (clickhouse-local's and chdb's default) ClickHouse reports position 14 (TABLE):
    /// `BACKUP ASYNC` is also read as `SELECT BACKUP AS ASYNC`, which gets further.
    @Test func asyncFirstWithImplicitSelect() throws {
        do {
            _ = try Parser.parseStatement("BACKUP ASYNC TABLE t TO Null", implicitSelect: true)
            Issue.record("no error")
        } catch let error as DatabaseError {
            #expect(error.message.hasPrefix("Syntax error: failed at position 14 (TABLE): TABLE t TO Null."))
        }
        let parsed = try Parser.parseStatement("1 + 2", implicitSelect: true)
        #expect(
            parsed.statement
                == .select(
                    {
                        var q = SelectQuery()
                        q.projection = [.call("plus", .literal(.unsignedInteger(1)), .literal(.unsignedInteger(2)))]
                        return q
                    }()))
        #expect(throws: DatabaseError.self) { try Parser.parseStatement("1 + 2") }
    }

    @Test func secretsStayInTheAstButTheTextIsKept() throws {
        let sql = "BACKUP TABLE t TO S3('http://h/b/k', 'AK', 'SECRET')"
        let (_, parsed) = try Self.backup(sql)
        #expect(parsed.text == sql)
        #expect(SQLFormatter.format(parsed) == sql)
    }
}
