import SHCore
import Testing

@testable import SHSQL

/// Operators map to ClickHouse's function names with ClickHouse's precedence.
@Suite struct ExpressionTests {
    static func parse(_ sql: String) throws -> Expression { try Parser.parseExpression(sql) }
    static func id(_ name: String) -> Expression { .identifier(name.split(separator: ".").map(String.init)) }
    static func int(_ value: UInt64) -> Expression { .literal(.unsignedInteger(value)) }

    @Test(arguments: [
        ("a + 1", Expression.call("plus", id("a"), int(1))),
        ("a - b * c", .call("minus", id("a"), .call("multiply", id("b"), id("c")))),
        ("a - b - c", .call("minus", .call("minus", id("a"), id("b")), id("c"))),
        ("a / b % c", .call("modulo", .call("divide", id("a"), id("b")), id("c"))),
        ("a DIV b", .call("intDiv", id("a"), id("b"))),
        ("a MOD b", .call("modulo", id("a"), id("b"))),
        ("a = 1", .call("equals", id("a"), int(1))),
        ("a == 1", .call("equals", id("a"), int(1))),
        ("a != 1", .call("notEquals", id("a"), int(1))),
        ("a <> 1", .call("notEquals", id("a"), int(1))),
        ("a <= 1", .call("lessOrEquals", id("a"), int(1))),
        ("a >= 1", .call("greaterOrEquals", id("a"), int(1))),
        ("a < 1", .call("less", id("a"), int(1))),
        ("a > 1", .call("greater", id("a"), int(1))),
        ("NOT a", .call("not", id("a"))),
        ("NOT a = b", .call("not", .call("equals", id("a"), id("b")))),
        ("NOT a AND b", .function(FunctionCall(name: "and", arguments: [.call("not", id("a")), id("b")]))),
        ("a AND b AND c", .function(FunctionCall(name: "and", arguments: [id("a"), id("b"), id("c")]))),
        ("a OR b AND c", .function(FunctionCall(name: "or", arguments: [id("a"), .call("and", id("b"), id("c"))]))),
        ("-a", .call("negate", id("a"))),
        ("-1", .literal(.integer(-1))),
        ("- 1", .literal(.integer(-1))),
        ("-1.5", .literal(.float(-1.5))),
        ("-(1)", .call("negate", int(1))),
        ("-a.1", .call("negate", .call("tupleElement", id("a"), int(1)))),
        ("a[1]", .call("arrayElement", id("a"), int(1))),
        ("t.1", .call("tupleElement", id("t"), int(1))),
        ("t.a", id("t.a")),
        ("db.t.a", id("db.t.a")),
        ("t.*", .asterisk(qualifier: "t")),
        ("[1, 2]", .call("array", int(1), int(2))),
        ("(1, 2)", .call("tuple", int(1), int(2))),
        ("()", .function(FunctionCall(name: "tuple", arguments: []))),
        ("(a)", id("a")),
        ("a IN (1, 2)", .call("in", id("a"), .call("tuple", int(1), int(2)))),
        ("a IN (1)", .call("in", id("a"), int(1))),
        ("a NOT IN (1, 2)", .call("notIn", id("a"), .call("tuple", int(1), int(2)))),
        ("a IS NULL", .call("isNull", id("a"))),
        ("a IS NOT NULL", .call("isNotNull", id("a"))),
        (
            "a BETWEEN 1 AND 2",
            .call("and", .call("greaterOrEquals", id("a"), int(1)), .call("lessOrEquals", id("a"), int(2)))
        ),
        ("a NOT BETWEEN 1 AND 2", .call("or", .call("less", id("a"), int(1)), .call("greater", id("a"), int(2)))),
        ("a LIKE 'x'", .call("like", id("a"), .literal(.string("x")))),
        ("a NOT LIKE 'x'", .call("notLike", id("a"), .literal(.string("x")))),
        ("a ILIKE 'x'", .call("ilike", id("a"), .literal(.string("x")))),
        ("a NOT ILIKE 'x'", .call("notILike", id("a"), .literal(.string("x")))),
        ("a || b || c", .call("concat", id("a"), id("b"), id("c"))),
        ("CAST(a AS String)", .call("cast", id("a"), .literal(.string("String")))),
        ("a::Nullable(String)", .call("cast", id("a"), .literal(.string("Nullable(String)")))),
        ("1::Int32", .call("cast", .literal(.string("1")), .literal(.string("Int32")))),
        ("a ? 1 : 2", .call("if", id("a"), int(1), int(2))),
        ("CASE WHEN a THEN 1 END", .call("multiIf", id("a"), int(1), .literal(.null))),
        ("CASE a WHEN 1 THEN 2 ELSE 3 END", .call("caseWithExpression", id("a"), int(1), int(2), int(3))),
        ("count(*)", .function(FunctionCall(name: "count", arguments: []))),
        ("count(DISTINCT a)", .function(FunctionCall(name: "count", arguments: [id("a")], distinct: true))),
        (
            "quantile(0.5)(a)",
            .function(FunctionCall(name: "quantile", arguments: [id("a")], parameters: [.literal(.float(0.5))]))
        ),
        (
            "(SELECT 1)",
            .subquery(
                {
                    var q = SelectQuery()
                    q.projection = [int(1)]
                    return q
                }())
        ),
        ("a AS b", .alias(id("a"), "b")),
        ("NULL", .literal(.null)),
        ("true", .literal(.bool(true))),
        ("FALSE", .literal(.bool(false))),
        ("0x1F", int(31)),
        ("0b101", int(5)),
        ("1e3", .literal(.float(1000))),
        ("18446744073709551615", int(UInt64.max)),
        ("-9223372036854775808", .literal(.integer(Int64.min))),
        ("'a\\nb\\'c''d\\x41\\\\'", .literal(.string("a\nb'c'dA\\"))),
        ("`a b`", id("a b")),
        ("\"x\"", id("x")),
        ("INTERVAL 1 DAY", .call("toIntervalDay", int(1))),
    ])
    func operatorMapping(_ sql: String, _ expected: Expression) throws {
        #expect(try Self.parse(sql) == expected, "\(sql)")
    }

    @Test func floatFormatting() {
        let cases: [(Double, String)] = [
            (1, "1."), (1.5, "1.5"), (100000, "100000."), (1e20, "100000000000000000000."), (1e21, "1e21"),
            (1e-7, "1e-7"), (0.000001, "0.000001"), (0.0005, "0.0005"),
            (1.2345678901234569e23, "1.2345678901234569e23"),
            (-0.0, "-0."), (0, "0."), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"), (0.1, "0.1"),
            (18_446_744_073_709_551_616, "18446744073709552000."), (1.5e300, "1.5e300"), (1.5e-5, "0.000015"),
        ]
        for (value, text) in cases { #expect(SQLFormatter.formatFloat(value) == text, "\(value)") }
    }

    @Test func identifierQuoting() {
        #expect(SQLFormatter.quoteIdentifierIfNeeded("abc") == "abc")
        #expect(SQLFormatter.quoteIdentifierIfNeeded("a b") == "`a b`")
        #expect(SQLFormatter.quoteIdentifierIfNeeded("1a") == "`1a`")
        #expect(SQLFormatter.quoteIdentifierIfNeeded("select") == "`select`")
        #expect(SQLFormatter.quoteIdentifierIfNeeded("Null") == "`Null`")
        #expect(SQLFormatter.quoteIdentifierIfNeeded("a`b") == "`a\\`b`")
        #expect(SQLFormatter.quoteString("it's\n\\") == "'it\\'s\\n\\\\'")
    }

    @Test func unknownTypeError() {
        do {
            _ = try Parser.parseStatement("CREATE TABLE t (a Foo) ENGINE = Memory")
            Issue.record("no error")
        } catch let error as DatabaseError {
            #expect(error.description == "Code: 50. DB::Exception: Unknown data type family: Foo. (UNKNOWN_TYPE)")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Issue #11: a string literal whose bytes are not UTF-8 (raw, or an escape such as `\xFF`) cannot be held by
    /// a String literal: a syntax error, not U+FFFD in place of the bytes. Valid escapes still work.
    @Test func stringLiteralsThatAreNotUTF8AreSyntaxErrors() throws {
        for sql in ["SELECT '\\xFF'", "SELECT 'a\\xC3'"] {
            let error = #expect(throws: DatabaseError.self, "\(sql)") { try Parser.parseStatement(sql) }
            #expect(error?.code == .syntaxError, "\(sql)")
        }
        let bytes = Array("SELECT 'a".utf8) + [0xFF] + Array("b'".utf8)
        var statements = StatementIterator(bytes: bytes)
        let error = #expect(throws: DatabaseError.self) { try statements.next() }
        #expect(error?.description.hasPrefix("Code: 62. DB::Exception: Syntax error: failed at position 8") == true)
        guard case .select(let query) = try Parser.parseStatement("SELECT '\\xC3\\xA9'").statement else {
            Issue.record("not a SELECT")
            return
        }
        #expect(query.projection.first == .literal(.string("é")))
    }

    @Test func dataTypes() throws {
        let sql =
            "CREATE TABLE t (a Int, b String, c Array(String), d Nullable(UInt8), e LowCardinality(String), f FixedString(4), g Tuple(a Int32, b String), h DateTime('UTC'), i Bool, j UUID, k Date, l Tuple(Int8, Float64)) ENGINE = Memory"
        guard case .createTable(let query) = try Parser.parseStatement(sql).statement else {
            Issue.record("not CREATE TABLE: \(sql)")
            return
        }
        #expect(
            query.columns.map(\.type) == [
                .int32, .string, .array(.string), .nullable(.uint8), .lowCardinality(.string), .fixedString(4),
                .tuple([.int32, .string], names: ["a", "b"]), .dateTime(timeZone: "UTC"), .bool, .uuid, .date,
                .tuple([.int8, .float64], names: []),
            ])
        // The zone is part of the type (issue #11).
        #expect(query.columns[7].type.description == "DateTime('UTC')")
    }

    @Test func valuesInsertIsFast() throws {
        var sql = "INSERT INTO t (a, b, c) VALUES "
        for i in 0..<10_000 { sql += "(\(i), 'row \(i)', [\(i), -\(i)]), " }
        let clock = ContinuousClock()
        let start = clock.now
        let parsed = try Parser.parseStatement(sql)
        let elapsed = clock.now - start
        guard case .insert(let insert) = parsed.statement, case .values(let rows) = insert.source else {
            Issue.record("not VALUES")
            return
        }
        #expect(rows.count == 10_000)
        #expect(rows[9_999][1] == .literal(.string("row 9999")))
        #expect(elapsed < .seconds(5), "debug build: \(elapsed)")
        print("10,000-row INSERT parsed in \(elapsed)")
    }
}

/// `*` inside calls expands to the source's columns in result names, as in ClickHouse.
@Suite struct AsteriskNamingTests {
    @Test func expandsInsideCalls() throws {
        guard
            case .select(let query) = try Parser.parseStatement(
                "SELECT groupArray(tuple(*)), tuple(*), *, count(*) FROM (SELECT 1 AS a, 'x' AS b)"
            ).statement
        else {
            Issue.record("not SELECT")
            return
        }
        #expect(
            SQLFormatter.columnNames(for: query, asteriskColumns: ["a", "b"]) == [
                "groupArray((a, b))", "(a, b)", "*", "count()",
            ])
    }
}

/// The small public helpers for type names and structure strings.
@Suite struct PublicHelperTests {
    @Test func structureString() throws {
        let columns = try Parser.parseColumns("key Int, value String, array Array(String)")
        #expect(columns.map(\.name) == ["key", "value", "array"])
        #expect(columns.map(\.type) == [.int32, .string, .array(.string)])
    }

    @Test func typeNames() throws {
        #expect(
            try Parser.parseType("Array(Nullable(String))") == (.array(.nullable(.string)), "Array(Nullable(String))"))
        #expect(try Parser.parseType("DateTime('UTC')").name == "DateTime('UTC')")
        #expect(try Parser.parseType("BIGINT").type == .int64)
        #expect(throws: DatabaseError.self) { try Parser.parseType("Foo") }
        #expect(throws: DatabaseError.self) { try Parser.parseType("Int32 x") }
    }
}
