import SHColumns
import SHCore
import SHExecution
import SHFormats
import SHTestSupport
import Testing

/// Scalar functions through SHExecution's public API (`FunctionRegistry.bind`, `BoundExpression.evaluate`),
/// compared with what ClickHouse (chdb) returns for the same calls on the same values.
@Suite struct FunctionEvaluationTests {
    static let context = EvaluationContext(currentDatabase: "default", now: 0, version: "26.9.1.1")

    /// One call on columns: the function, the argument types and rows as ClickHouse SQL literals.
    struct Case: Sendable, CustomStringConvertible {
        var function: String
        var types: [String]
        /// Rows of argument values (SQL literals).
        var rows: [[String]]
        var description: String { "\(function)(\(types.joined(separator: ", ")))" }
    }

    static let cases: [Case] = [
        Case(function: "plus", types: ["UInt8", "UInt8"], rows: [["200", "100"], ["0", "255"]]),
        Case(function: "minus", types: ["UInt32", "Int8"], rows: [["1", "-5"], ["4000000000", "127"]]),
        Case(function: "multiply", types: ["Int64", "Int64"], rows: [["-3", "7"], ["4294967296", "4294967296"]]),
        Case(function: "intDiv", types: ["Int32", "Int32"], rows: [["7", "-2"], ["-7", "2"]]),
        Case(function: "modulo", types: ["UInt32", "UInt32"], rows: [["7", "3"], ["3", "7"]]),
        Case(function: "modulo", types: ["Int32", "Int32"], rows: [["-7", "3"], ["7", "-3"]]),
        Case(function: "modulo", types: ["Int32", "UInt8"], rows: [["-199", "200"], ["7", "3"]]),
        Case(function: "modulo", types: ["UInt8", "Int32"], rows: [["7", "-3"], ["200", "7"]]),
        Case(function: "modulo", types: ["Int64", "Int8"], rows: [["-9000000000", "7"], ["5", "-2"]]),
        Case(function: "divide", types: ["Float64", "Float64"], rows: [["1", "0"], ["-1", "0"], ["1", "3"]]),
        Case(function: "concat", types: ["String", "String"], rows: [["'ab'", "'c'"], ["''", "''"]]),
        Case(function: "upper", types: ["String"], rows: [["'abc'"], ["'Straße'"]]),
        Case(function: "length", types: ["String"], rows: [["'héllo'"], ["''"]]),
        Case(function: "less", types: ["Int8", "UInt64"], rows: [["-1", "0"], ["5", "18446744073709551615"]]),
        Case(
            function: "if", types: ["UInt8", "String", "String"], rows: [["1", "'y'", "'n'"], ["0", "'y'", "'n'"]]),
    ]

    /// The result type and values SwiftHouse computes, as `TypeName\tvalue` lines.
    func swiftHouse(_ test: Case) throws -> String {
        let types = try test.types.map { try DataType(parsing: $0) }
        var columns = types.map { Column(type: $0) }
        for row in test.rows {
            for (index, literal) in row.enumerated() {
                columns[index].append(try Self.value(literal, as: types[index]))
            }
        }
        let chunk = Chunk(columns: columns, rowCount: test.rows.count)
        let arguments = types.enumerated().map { BoundExpression.column($0.offset, $0.element) }
        let bound = try FunctionRegistry.builtin.bind(test.function, arguments, context: Self.context)
        let result = try bound.evaluate(chunk)
        var output = try FormatRegistry.output(
            named: "TabSeparated", header: [ColumnDescription(name: "r", type: result.type)], settings: FormatSettings()
        )
        var bytes: [UInt8] = []
        output.write(Chunk(columns: [result], rowCount: test.rows.count), into: &bytes)
        output.finish(into: &bytes)
        let values = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return values.dropLast().map { "\(bound.type)\t\($0)" }.joined(separator: "\n") + "\n"
    }

    /// A literal of the test table as a value of `type` (integers, floats and quoted strings only).
    static func value(_ literal: String, as type: DataType) throws -> Value {
        if literal.hasPrefix("'") { return .string(Array(literal.dropFirst().dropLast().utf8)) }
        switch type {
        case .float32, .float64: return .float(try #require(Double(literal)))
        case let signed where signed.isSignedStorage: return .int(try #require(Int64(literal)))
        default: return .uint(try #require(UInt64(literal)))
        }
    }

    /// What ClickHouse returns for the same call on a table of the same rows.
    func clickHouse(_ test: Case) throws -> String {
        let names = test.types.indices.map { "a\($0)" }
        let columns = zip(names, test.types).map { "\($0) \($1)" }.joined(separator: ", ")
        let call = "\(test.function)(\(names.joined(separator: ", ")))"
        let outcomes = try ClickHouseOracle.run([
            "CREATE TABLE t (n UInt32, \(columns)) ENGINE = MergeTree ORDER BY n",
            "INSERT INTO t VALUES "
                + test.rows.indices.map { "(\($0), " + test.rows[$0].joined(separator: ", ") + ")" }
                .joined(separator: ", "),
            "SELECT toTypeName(\(call)), \(call) FROM t ORDER BY n",
        ])
        guard case .output(let text) = try #require(outcomes.last) else {
            throw TestSupportError("ClickHouse failed: \(outcomes)")
        }
        return text
    }

    @Test(arguments: cases)
    func matchesClickHouse(_ test: Case) throws {
        #expect(try swiftHouse(test) == (try clickHouse(test)))
    }

    /// An unknown function is ClickHouse's UNKNOWN_FUNCTION.
    @Test func unknownFunctionIsClickHouseError() {
        let error = #expect(throws: DatabaseError.self) {
            _ = try FunctionRegistry.builtin.bind("noSuchFunction", [], context: Self.context)
        }
        #expect(error?.code == .unknownFunction)
    }

    /// Constant arguments fold into a constant, as ClickHouse folds `1 + 2` at analysis time.
    @Test func constantCallsAreFolded() throws {
        let bound = try FunctionRegistry.builtin.bind(
            "plus", [.constant(.uint(1), .uint8), .constant(.uint(2), .uint8)], context: Self.context)
        #expect(bound.constantValue == .uint(3))
        #expect(bound.type == .uint16)
    }
}
