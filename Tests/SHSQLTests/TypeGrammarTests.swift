import SHCore
import Testing

@testable import SHSQL

/// Issue #12: one type grammar. The SQL parser reads a column's type with `DataType(parsing:)`, so both accept
/// the same names and aliases and give the same types.
@Suite struct TypeGrammarTests {
    static let names = [
        "Int32", "INT", "BIGINT", "TEXT", "VARCHAR(255)", "NVARCHAR", "bytea", "BINARY(3)", "String(3)",
        "Nullable(VARCHAR(10))", "Array(Nullable(String))", "LowCardinality(String)", "Map(String, Array(UInt8))",
        "Tuple(a Int8, b Tuple(String, Float64))", "Tuple(`x y` Int8)", "DateTime('UTC')", "DateTime64(6, 'UTC')",
        "Decimal(20, 3)", "Numeric(5)", "Enum8('a' = -1, 'b' = 2)", "Enum('x', 'y')", "FixedString(16)", "IPv6",
    ]

    @Test(arguments: names)
    func sqlParserAndDataTypeAgree(_ name: String) throws {
        let parsed = try Parser.parseType(name)
        #expect(parsed.type == (try DataType(parsing: name)))
        #expect(parsed.name == parsed.type.description)
    }

    /// chdb 26.9: `CREATE TABLE t (b BINARY(3), v varchar(10)) ENGINE = Memory` has `FixedString(3)` and `String`
    /// (BINARY was a String alias in the SQL parser's table).
    @Test func binaryIsFixedStringInCreateTable() throws {
        guard
            case .createTable(let query) = try Parser.parseStatement(
                "CREATE TABLE t (b BINARY(3), v varchar(10), n Nullable(TEXT)) ENGINE = Memory"
            ).statement
        else {
            Issue.record("not CREATE TABLE")
            return
        }
        #expect(query.columns.map(\.type) == [.fixedString(3), .string, .nullable(.string)])
    }

    @Test(arguments: ["int32", "Foo", "nullable(Int8)", "VARCHAR(255", "Int32 x", "Nullable(Array(Int8))"])
    func namesBothRefuse(_ name: String) {
        #expect(throws: DatabaseError.self, "\(name)") { try Parser.parseType(name) }
        #expect(throws: DatabaseError.self, "\(name)") { try DataType(parsing: name) }
    }

    @Test func unknownFamilyTextIsUnchanged() {
        let error = #expect(throws: DatabaseError.self) {
            try Parser.parseStatement("CREATE TABLE t (x Array(Foo)) ENGINE = Memory")
        }
        #expect(error?.description == "Code: 50. DB::Exception: Unknown data type family: Foo. (UNKNOWN_TYPE)")
    }
}
