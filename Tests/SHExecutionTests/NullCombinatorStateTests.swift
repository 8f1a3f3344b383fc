import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHTestSupport
import Testing

@testable import SHExecution

/// Sketch states of Nullable arguments (ClickHouse's Null combinator: a flag byte, then the nested state) built,
/// read, merged and finalised by SwiftHouse against chdb's `-State`, `CAST` round trip, `arrayReduce` and
/// `finalizeAggregation`.
@Suite struct NullCombinatorStateTests {
    typealias Support = SketchTestSupport

    struct Case: Sendable {
        var name: String
        var levels: [Double]
        var arguments: SketchArguments
        /// The result as text (`bits` of each value), as `resultSQL` prints it.
        var resultBits: String

        var levelsSQL: String { levels.isEmpty ? "" : "(" + levels.map { "\($0)" }.joined(separator: ", ") + ")" }
        var typeSQL: String
    }

    static func optional(_ value: Value, when isNull: Bool) -> Value { isNull ? .null : value }

    static let cases: [Case] = [
        Case(
            name: "uniq", levels: [],
            arguments: SketchArguments(sql: "if(number % 3 = 0, NULL, number)", types: [.nullable(.uint64)], rows: 1000)
            {
                [optional(.uint(UInt64($0)), when: $0 % 3 == 0)]
            }, resultBits: "x", typeSQL: "Nullable(UInt64)"),
        Case(
            name: "uniq", levels: [],
            arguments: SketchArguments(sql: "if(number > 100, number, NULL)", types: [.nullable(.uint64)], rows: 5) {
                [optional(.uint(UInt64($0)), when: $0 <= 100)]
            }, resultBits: "x", typeSQL: "Nullable(UInt64)"),
        Case(
            name: "uniq", levels: [],
            arguments: SketchArguments(
                sql:
                    "CAST(if(number % 4 = 0, NULL, toString(number % 50)) AS LowCardinality(Nullable(String))), toUInt8(number % 3)",
                types: [.lowCardinality(.nullable(.string)), .uint8], rows: 500
            ) {
                [optional(.string(Array("\($0 % 50)".utf8)), when: $0 % 4 == 0), .uint(UInt64($0 % 3))]
            }, resultBits: "x", typeSQL: "LowCardinality(Nullable(String)), UInt8"),
        Case(
            name: "quantile", levels: [],
            arguments: SketchArguments(
                sql: "if(number % 4 = 0, NULL, toFloat64(number))", types: [.nullable(.float64)], rows: 10_000
            ) {
                [optional(.float(Double($0)), when: $0 % 4 == 0)]
            }, resultBits: "reinterpretAsUInt64(assumeNotNull(x))", typeSQL: "Nullable(Float64)"),
        Case(
            name: "quantile", levels: [],
            arguments: SketchArguments(sql: "if(number > 100, number, NULL)", types: [.nullable(.uint64)], rows: 5) {
                [optional(.uint(UInt64($0)), when: $0 <= 100)]
            }, resultBits: "x", typeSQL: "Nullable(UInt64)"),
        Case(
            name: "quantiles", levels: [0.5],
            arguments: SketchArguments(sql: "if(number > 100, number, NULL)", types: [.nullable(.uint64)], rows: 5) {
                [optional(.uint(UInt64($0)), when: $0 <= 100)]
            }, resultBits: "arrayMap(y -> reinterpretAsUInt64(y), x)", typeSQL: "Nullable(UInt64)"),
        Case(
            name: "quantilesTDigestWeighted", levels: [0.5, 0.9],
            arguments: SketchArguments(
                sql: "if(number % 5 = 0, NULL, toFloat32(number)), if(number % 7 = 0, NULL, toUInt32(number % 4))",
                types: [.nullable(.float32), .nullable(.uint32)], rows: 3000
            ) {
                [optional(.float(Double($0)), when: $0 % 5 == 0), optional(.uint(UInt64($0 % 4)), when: $0 % 7 == 0)]
            }, resultBits: "arrayMap(y -> reinterpretAsUInt32(y), x)", typeSQL: "Nullable(Float32), Nullable(UInt32)"),
    ]

    /// The result's text: numbers as they are, floats as their bits, NULL as `\N`.
    static func text(_ value: Value, float32: Bool) -> String {
        switch value {
        case .null: "\\N"
        case .array(let items): "[" + items.map { text($0, float32: float32) }.joined(separator: ",") + "]"
        case .float(let number): float32 ? "\(Float(number).bitPattern)" : "\(number.bitPattern)"
        case .uint(let number): "\(number)"
        default: "\(value)"
        }
    }

    @Test func statesMatchClickHouse() throws {
        var statements = ["SET max_query_size = 100000000"]
        for call in Self.cases {
            let state = "\(call.name)State\(call.levelsSQL)(\(call.arguments.sql))"
            let result = "\(call.name)\(call.levelsSQL)(\(call.arguments.sql))"
            let type = "AggregateFunction(\(call.name)\(call.levelsSQL), \(call.typeSQL))"
            statements.append("SELECT hex(\(state)) FROM numbers(\(call.arguments.rows))")
            statements.append(
                "SELECT toString(\(call.resultBits.replacingOccurrences(of: "x", with: result))) FROM numbers(\(call.arguments.rows))"
            )
            statements.append(
                "SELECT hex(CAST(unhex('00') AS \(type))), "
                    + "hex(arrayReduce('\(call.name)MergeState\(call.levelsSQL)', [(SELECT \(state) FROM numbers(\(call.arguments.rows))), "
                    + "(SELECT \(state) FROM numbers(\(call.arguments.rows / 2)))]))")
        }
        let outputs = try Support.oracle(statements).dropFirst().map { $0 }
        for (index, call) in Self.cases.enumerated() {
            let function = try StoredAggregateRegistry.bind(
                call.name, parameters: call.levels.map { .float($0) }, argumentTypes: call.arguments.types)
            let columns = call.arguments.columns()
            let state = Support.state(function, columns, rows: call.arguments.rows)
            let description = "\(call.name)\(call.levelsSQL)(\(call.arguments))"
            #expect(Support.hex(Support.bytes(state)) == outputs[3 * index], "\(description)")
            let float32 = call.name.contains("TDigest")
            let expected = outputs[3 * index + 1]
            #expect(Self.text(state.result(), float32: float32) == expected, "\(description) result")
            let read = try Support.read(function, Support.unhex(outputs[3 * index]))
            #expect(Support.hex(Support.bytes(read)) == outputs[3 * index], "\(description) read back")
            let roundTrips = outputs[3 * index + 2].split(separator: "\t").map(String.init)
            let cleared = try Support.read(function, [0])
            #expect(Support.hex(Support.bytes(cleared)) == roundTrips.first, "\(description) flag 0 read back")
            let half = Support.state(function, columns, rows: call.arguments.rows / 2)
            let merged = Support.merged(function, [state, half])
            #expect(Support.hex(Support.bytes(merged)) == roundTrips.last, "\(description) merged")
        }
    }
}
