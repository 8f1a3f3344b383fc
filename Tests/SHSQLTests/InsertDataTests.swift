import SHCore
import Testing

@testable import SHSQL

/// `INSERT … FORMAT name <data>`: where the data starts and ends.
@Suite struct InsertDataTests {
    static func data(_ statement: ParsedStatement) -> (String, String)? {
        guard case .insert(let insert) = statement.statement, case .format(let name, let data) = insert.source else {
            return nil
        }
        return (name, data)
    }

    @Test func singleStatementDataRunsToTheEnd() throws {
        let parsed = try Parser.parseStatement("INSERT INTO t FORMAT CSV\n1,'a'\n2,'b;c'\n\n3,x\n")
        #expect(Self.data(parsed)! == ("CSV", "1,'a'\n2,'b;c'\n\n3,x\n"))
        #expect(parsed.text == "INSERT INTO t FORMAT CSV\n1,'a'\n2,'b;c'\n\n3,x")
    }

    @Test func dataOnTheSameLine() throws {
        let parsed = try Parser.parseStatement("INSERT INTO t (a, b) FORMAT JSONEachRow {\"a\": 1, \"b\": \"it's\"}")
        #expect(Self.data(parsed)! == ("JSONEachRow", "{\"a\": 1, \"b\": \"it's\"}"))
    }

    @Test func unbalancedQuotesInDataAreNotLexed() throws {
        let parsed = try Parser.parseStatement("INSERT INTO t FORMAT TSV\nit's\t`x\n")
        #expect(Self.data(parsed)! == ("TSV", "it's\t`x\n"))
    }

    /// clickhouse-client's multi-query rule (test 03156): the data ends at the first empty line; `;` is data.
    @Test func scriptDataEndsAtAnEmptyLine() throws {
        let script =
            "CREATE TABLE t (v String) ENGINE = Memory;\nINSERT INTO t FORMAT CSV\n1\n2;\n\nINSERT INTO t FORMAT CSV\n3\n4\n\nSELECT * FROM t;\n"
        let statements = try Parser.parse(script)
        #expect(statements.count == 4)
        #expect(Self.data(statements[1])! == ("CSV", "1\n2;\n"))
        #expect(Self.data(statements[2])! == ("CSV", "3\n4\n"))
        #expect(statements[3].text == "SELECT * FROM t")
    }

    @Test func scriptValuesFormatEndsAtSemicolon() throws {
        let statements = try Parser.parse("INSERT INTO t FORMAT Values (1, 'a;b'), (2, 'c');\nSELECT 1")
        #expect(statements.count == 2)
        #expect(Self.data(statements[0])! == ("Values", "(1, 'a;b'), (2, 'c')"))
    }

    @Test func valuesKeywordInAScript() throws {
        let statements = try Parser.parse("INSERT INTO t VALUES\n(101),\n(102);\nSELECT 2;")
        #expect(statements.count == 2)
        guard case .insert(let insert) = statements[0].statement, case .values(let rows) = insert.source else {
            Issue.record("not VALUES")
            return
        }
        #expect(rows == [[.literal(.unsignedInteger(101))], [.literal(.unsignedInteger(102))]])
    }

    @Test func noData() {
        #expect(throws: DatabaseError.self) { try Parser.parseStatement("INSERT INTO t FORMAT CSV ;") }
        #expect(throws: DatabaseError.self) { try Parser.parseStatement("INSERT INTO t VALUES") }
    }
}
