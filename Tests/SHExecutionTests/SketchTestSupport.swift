import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHTestSupport

@testable import SHExecution

/// Arguments of a stored aggregate function as ClickHouse SQL over `number` and the same values built in Swift.
struct SketchArguments: CustomStringConvertible, Sendable {
    /// The arguments as SQL expressions of `number` (comma-separated).
    var sql: String
    var types: [DataType]
    var rows: Int
    /// The arguments' values at row `number`.
    var values: @Sendable (Int) -> [Value]

    var description: String { "\(sql) over \(rows) rows" }

    /// The argument columns.
    func columns(rows count: Int? = nil) -> [Column] {
        var columns = types.map { Column(type: $0) }
        for row in 0..<(count ?? rows) {
            for (index, value) in values(row).enumerated() { columns[index].append(value) }
        }
        return columns
    }
}

enum SketchTestSupport {
    /// The hex of `bytes` as ClickHouse's `hex` prints it.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func unhex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        func nibble(_ c: UInt8) -> UInt8 { c >= 65 ? c - 55 : c - 48 }
        return stride(from: 0, to: digits.count - 1, by: 2).map { nibble(digits[$0]) << 4 | nibble(digits[$0 + 1]) }
    }

    /// Each statement's single-line output; throws when ClickHouse failed one.
    static func oracle(_ statements: [String]) throws -> [String] {
        try ClickHouseOracle.run(statements).map { outcome in
            guard case .output(let text) = outcome else { throw TestSupportError("ClickHouse failed: \(outcome)") }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// A state of `function` after adding the first `rows` rows of `columns`.
    static func state(_ function: StoredAggregateFunction, _ columns: [Column], rows: Int) -> any StoredAggregateState {
        var state = function.makeState()
        for row in 0..<rows { state.add(columns, row: row) }
        return state
    }

    static func bytes(_ state: any StoredAggregateState) -> [UInt8] {
        var bytes: [UInt8] = []
        state.serialize(into: &bytes)
        return bytes
    }

    /// A state of `function` read from `bytes`.
    static func read(_ function: StoredAggregateFunction, _ bytes: [UInt8]) throws -> any StoredAggregateState {
        var state = function.makeState()
        var reader = ByteReader(bytes)
        try state.deserialize(from: &reader)
        return state
    }

    /// What `arrayReduce('fMergeState', [states...])` returns: the empty state merged with each of `states` in
    /// turn, then (as ClickHouse inserts a `-State` result into its column) merged into another empty state.
    static func merged(_ function: StoredAggregateFunction, _ states: [any StoredAggregateState])
        -> any StoredAggregateState
    {
        var reduced = function.makeState()
        for state in states { reduced.merge(any: state) }
        var result = function.makeState()
        result.merge(any: reduced)
        return result
    }

    /// Every prefix of `bytes` shorter than it (and a few corrupted copies) must be refused or read without a trap.
    static func truncationsThrow(_ function: StoredAggregateFunction, _ bytes: [UInt8]) -> [Int] {
        var accepted: [Int] = []
        let lengths = Set((0..<min(bytes.count, 64)).map { $0 } + stride(from: 64, to: bytes.count, by: 97).map { $0 })
        for length in lengths.sorted() {
            do {
                _ = try read(function, Array(bytes.prefix(length)))
                accepted.append(length)
            } catch is DatabaseError {
            } catch {
                accepted.append(-length)
            }
        }
        return accepted
    }
}
