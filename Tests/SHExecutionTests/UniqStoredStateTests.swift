import SHCodecs
import SHColumns
import SHCore
import SHTestSupport
import Testing

@testable import SHExecution

/// `uniq` states built, merged and read by SwiftHouse, byte for byte against chdb's `uniqState`,
/// `arrayReduce('uniqMergeState', ...)` and `finalizeAggregation`.
@Suite struct UniqStoredStateTests {
    typealias Support = SketchTestSupport

    static func uuid(_ row: Int) -> (high: UInt64, low: UInt64) {
        (UInt64(row) << 32 | 0x4000, 0x8000_0000_0000_0000 | UInt64(row) &* 7)
    }

    static let uuidSQL =
        "toUUID(concat(leftPad(hex(toUInt32(number)), 8, '0'), '-0000-4000-8000-', leftPad(hex(number * 7), 12, '0')))"

    /// Inputs covering every hashing path: one number, date or string; UUID and IPv6; the variadic hash of
    /// contiguous values and SipHash of arrays and Nullable inside tuples.
    static let inputs: [SketchArguments] = [
        SketchArguments(sql: "number", types: [.uint64], rows: 0) { [.uint(UInt64($0))] },
        SketchArguments(sql: "number", types: [.uint64], rows: 1) { [.uint(UInt64($0))] },
        SketchArguments(sql: "number", types: [.uint64], rows: 100) { [.uint(UInt64($0))] },
        SketchArguments(sql: "number", types: [.uint64], rows: 10_000) { [.uint(UInt64($0))] },
        SketchArguments(sql: "number", types: [.uint64], rows: 200_000) { [.uint(UInt64($0))] },
        SketchArguments(sql: "number % 5000", types: [.uint64], rows: 30_000) { [.uint(UInt64($0 % 5000))] },
        SketchArguments(sql: "toInt8(number % 256 - 128)", types: [.int8], rows: 1000) {
            [.int(Int64($0 % 256) - 128)]
        },
        SketchArguments(sql: "toInt16(number * 7 - 5000)", types: [.int16], rows: 1000) {
            [.int(Int64($0) * 7 - 5000)]
        },
        SketchArguments(sql: "toInt32(number - 500000)", types: [.int32], rows: 1000) { [.int(Int64($0) - 500_000)] },
        SketchArguments(sql: "toInt64(number) * -3", types: [.int64], rows: 1000) { [.int(Int64($0) * -3)] },
        SketchArguments(sql: "toUInt8(number % 256)", types: [.uint8], rows: 1000) { [.uint(UInt64($0 % 256))] },
        SketchArguments(sql: "toUInt16(number * 3)", types: [.uint16], rows: 1000) { [.uint(UInt64($0 * 3))] },
        SketchArguments(sql: "toUInt32(number * 2654435761 % 4294967296)", types: [.uint32], rows: 1000) {
            [.uint(UInt64($0) &* 2_654_435_761 % 4_294_967_296)]
        },
        SketchArguments(sql: "toFloat32(number / 8)", types: [.float32], rows: 1000) { [.float(Double($0) / 8)] },
        SketchArguments(sql: "(toInt64(number) - 50) / 7", types: [.float64], rows: 1000) {
            [.float(Double($0 - 50) / 7)]
        },
        SketchArguments(sql: "if(number % 2 = 0, -0., 0.)", types: [.float64], rows: 10) {
            [.float($0 % 2 == 0 ? -0.0 : 0.0)]
        },
        SketchArguments(
            sql: "[toUInt32(number % 3), 7], [toString(number % 2)]", types: [.array(.uint32), .array(.string)],
            rows: 100
        ) {
            [.array([.uint(UInt64($0 % 3)), .uint(7)]), .array([.string(Array("\($0 % 2)".utf8))])]
        },
        SketchArguments(sql: "[[toUInt8(number % 4)]]", types: [.array(.array(.uint8))], rows: 100) {
            [.array([.array([.uint(UInt64($0 % 4))])])]
        },
        SketchArguments(
            sql: "map(toUInt8(number % 5), toString(number % 3))", types: [.map(.uint8, .string)], rows: 100
        ) {
            [.array([.tuple([.uint(UInt64($0 % 5)), .string(Array("\($0 % 3)".utf8))])])]
        },
        SketchArguments(sql: "toBool(number % 2)", types: [.bool], rows: 10) { [.uint(UInt64($0 % 2))] },
        SketchArguments(sql: "concat('s', toString(number % 777))", types: [.string], rows: 3000) {
            [.string(Array("s\($0 % 777)".utf8))]
        },
        SketchArguments(sql: "toFixedString(toString(number % 1000), 4)", types: [.fixedString(4)], rows: 1000) {
            [.string(Array("\($0 % 1000)".utf8))]
        },
        SketchArguments(sql: "toDate(number * 3)", types: [.date], rows: 1000) { [.uint(UInt64($0 * 3))] },
        SketchArguments(sql: "addDays(toDate32('1900-01-01'), number)", types: [.date32], rows: 1000) {
            [.int(Int64($0) - 25567)]
        },
        SketchArguments(sql: "toDateTime(number * 1000, 'UTC')", types: [.dateTime(timeZone: "UTC")], rows: 1000) {
            [.uint(UInt64($0 * 1000))]
        },
        SketchArguments(sql: "toDateTime64(number, 3, 'UTC')", types: [.dateTime64(3, timeZone: "UTC")], rows: 500) {
            [.int(Int64($0) * 1000)]
        },
        SketchArguments(sql: "toDecimal32(number / 4, 2)", types: [.decimal(precision: 9, scale: 2)], rows: 500) {
            [.int(Int64($0) * 25)]
        },
        SketchArguments(sql: uuidSQL, types: [.uuid], rows: 1000) {
            let (high, low) = uuid($0)
            return [.uuid(high: high, low: low)]
        },
        SketchArguments(sql: "toIPv6(IPv4NumToString(toUInt32(number * 16777619)))", types: [.ipv6], rows: 1000) {
            let v4 = UInt32(truncatingIfNeeded: $0 &* 16_777_619)
            return [
                .string(
                    [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF]
                        + (0..<4).map { UInt8(truncatingIfNeeded: v4 >> (24 - 8 * $0)) })
            ]
        },
        SketchArguments(sql: "toIPv4(toUInt32(number * 16777619))", types: [.ipv4], rows: 1000) {
            [.uint(UInt64(UInt32(truncatingIfNeeded: $0 &* 16_777_619)))]
        },
        SketchArguments(sql: "toLowCardinality(toString(number % 50))", types: [.lowCardinality(.string)], rows: 500) {
            [.string(Array("\($0 % 50)".utf8))]
        },
        SketchArguments(
            sql: "toUInt32(number), concat('s', toString(number % 10))", types: [.uint32, .string], rows: 2000
        ) {
            [.uint(UInt64($0)), .string(Array("s\($0 % 10)".utf8))]
        },
        SketchArguments(
            sql: "tuple(toUInt16(number % 100), number / 5)", types: [.tuple([.uint16, .float64], names: [])],
            rows: 2000
        ) {
            [.tuple([.uint(UInt64($0 % 100)), .float(Double($0) / 5)])]
        },
        SketchArguments(sql: "[toUInt8(number % 3), toUInt8(number % 5)]", types: [.array(.uint8)], rows: 500) {
            [.array([.uint(UInt64($0 % 3)), .uint(UInt64($0 % 5))])]
        },
        SketchArguments(sql: "[toString(number % 7)]", types: [.array(.string)], rows: 500) {
            [.array([.string(Array("\($0 % 7)".utf8))])]
        },
        SketchArguments(
            sql: "toUInt8(number % 10), [toUInt64(number % 3)]", types: [.uint8, .array(.uint64)], rows: 500
        ) {
            [.uint(UInt64($0 % 10)), .array([.uint(UInt64($0 % 3))])]
        },
        SketchArguments(
            sql: "tuple(if(number % 3 = 0, NULL, number), 'x')",
            types: [.tuple([.nullable(.uint64), .string], names: [])], rows: 500
        ) {
            [.tuple([$0 % 3 == 0 ? .null : .uint(UInt64($0)), .string(Array("x".utf8))])]
        },
    ]

    @Test func statesAndResultsMatchClickHouse() throws {
        let statements = Self.inputs.flatMap { input in
            [
                "SELECT hex(uniqState(\(input.sql))) FROM numbers(\(input.rows))",
                "SELECT uniq(\(input.sql)) FROM numbers(\(input.rows))",
            ]
        }
        let outputs = try Support.oracle(statements)
        for (index, input) in Self.inputs.enumerated() {
            let function = try StoredAggregateRegistry.bind("uniq", parameters: [], argumentTypes: input.types)
            let state = Support.state(function, input.columns(), rows: input.rows)
            #expect(Support.hex(Support.bytes(state)) == outputs[2 * index], "\(input)")
            #expect(state.result() == .uint(UInt64(outputs[2 * index + 1]) ?? 0), "\(input)")
            // ClickHouse's bytes read back: the same estimate, and (for a table ClickHouse rebuilds in the same
            // order) the same bytes.
            let read = try Support.read(function, Support.unhex(outputs[2 * index]))
            #expect(read.result() == state.result(), "\(input)")
        }
    }

    /// Merging (with growth and thinning) as `uniqMergeState` merges, and ClickHouse's bytes read and re-written
    /// as `CAST(... AS AggregateFunction(uniq, UInt64))` rewrites them.
    @Test func mergesAndRoundTripsMatchClickHouse() throws {
        let pairs: [(Int, Int, Int)] = [
            (0, 0, 10), (1000, 500, 1000), (40_000, 30_000, 60_000), (100_000, 50_000, 150_000),
        ]
        var statements: [String] = []
        for (rows, offset, otherRows) in pairs {
            statements.append(
                "SELECT hex(arrayReduce('uniqMergeState', [(SELECT uniqState(number) FROM numbers(\(rows))), "
                    + "(SELECT uniqState(number + \(offset)) FROM numbers(\(otherRows)))]))")
            statements.append(
                "SELECT hex(CAST(unhex((SELECT hex(uniqState(number + \(offset))) FROM numbers(\(otherRows)))) "
                    + "AS AggregateFunction(uniq, UInt64)))")
            statements.append(
                "SELECT uniqMerge(s) FROM (SELECT arrayReduce('uniqMergeState', [(SELECT uniqState(number) FROM numbers(\(rows))), "
                    + "(SELECT uniqState(number + \(offset)) FROM numbers(\(otherRows)))]) AS s)")
        }
        let outputs = try Support.oracle(statements)
        let function = try StoredAggregateRegistry.bind("uniq", parameters: [], argumentTypes: [.uint64])
        for (index, (rows, offset, otherRows)) in pairs.enumerated() {
            let first = Support.state(function, [Self.numbers(0, rows)], rows: rows)
            let second = Support.state(function, [Self.numbers(offset, otherRows)], rows: otherRows)
            let merged = Support.merged(function, [first, second])
            #expect(Support.hex(Support.bytes(merged)) == outputs[3 * index], "merge \(rows), \(offset)+\(otherRows)")
            #expect(merged.result() == .uint(UInt64(outputs[3 * index + 2]) ?? 0))
            let reread = try Support.read(function, Support.bytes(second))
            #expect(Support.hex(Support.bytes(reread)) == outputs[3 * index + 1], "round trip \(offset)+\(otherRows)")
        }
    }

    static func numbers(_ start: Int, _ count: Int) -> Column {
        Column(type: .uint64, values: (0..<count).map { .uint(UInt64(start + $0)) })
    }

    @Test func bindingErrorsAreClickHouses() throws {
        let outputs = try ClickHouseOracle.run(["SELECT uniq()", "SELECT uniq(1)(number) FROM numbers(3)"])
        for (outcome, parameters, types) in [
            (outputs[0], [Value](), [DataType]()), (outputs[1], [.uint(1)], [.uint64]),
        ] {
            do {
                _ = try StoredAggregateRegistry.bind("uniq", parameters: parameters, argumentTypes: types)
                Issue.record("uniq(\(parameters))(\(types)) was bound; ClickHouse: \(outcome)")
            } catch let error as DatabaseError {
                #expect(outcome.text.contains(error.message), "\(outcome)")
                #expect(outcome.text.contains("(\(error.code.name))"), "\(outcome)")
            }
        }
    }

    @Test func truncatedAndCraftedBytesThrow() throws {
        let function = try StoredAggregateRegistry.bind("uniq", parameters: [], argumentTypes: [.uint64])
        let full = Support.bytes(Support.state(function, [Self.numbers(0, 1000)], rows: 1000))
        #expect(Support.truncationsThrow(function, full).isEmpty)
        // A count of 2^16 hashes with none following, a count over 2^16, a skip degree over 16, a missing hash.
        let crafted: [[UInt8]] = [[0, 0x80, 0x80, 0x04], [0, 0x81, 0x80, 0x04], [18, 0], [0, 2, 1, 0, 0, 0]]
        let outcomes = try ClickHouseOracle.run(
            crafted.map {
                "SELECT finalizeAggregation(CAST(unhex('\(Support.hex($0))') AS AggregateFunction(uniq, UInt64)))"
            })
        for (bytes, outcome) in zip(crafted, outcomes) {
            do {
                _ = try Support.read(function, bytes)
                Issue.record("\(bytes) was read; ClickHouse: \(outcome)")
            } catch let error as DatabaseError {
                #expect(outcome.text.contains("(\(error.code.name))"), "\(error) vs \(outcome)")
                if error.code != .cannotReadAllData {
                    #expect(outcome.text.contains(error.message), "\(error) vs \(outcome)")
                }
            }
        }
    }
}
