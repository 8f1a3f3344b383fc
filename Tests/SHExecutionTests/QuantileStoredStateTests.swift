import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHTestSupport
import Testing

@testable import SHExecution

/// `quantile`/`quantiles`/`median` (reservoir sample) and `quantile(s)TDigest(Weighted)` states built, merged and
/// read by SwiftHouse, byte for byte against chdb's `-State`, `arrayReduce('...MergeState', ...)` and results
/// compared bit for bit (`reinterpretAsUInt64`/`reinterpretAsUInt32`).
@Suite struct QuantileStoredStateTests {
    typealias Support = SketchTestSupport

    /// One function call: its name, levels and arguments.
    struct Call: CustomStringConvertible, Sendable {
        var name: String
        var levels: [Double]
        var arguments: SketchArguments

        var levelsSQL: String { levels.isEmpty ? "" : "(" + levels.map { "\($0)" }.joined(separator: ", ") + ")" }
        var stateSQL: String {
            "SELECT hex(\(name)State\(levelsSQL)(\(arguments.sql))) FROM numbers(\(arguments.rows))"
        }
        /// The result as the bits of each value (floats reinterpreted, dates as integers).
        func resultSQL(bits: String) -> String {
            let call = "\(name)\(levelsSQL)(\(arguments.sql))"
            let text =
                name.hasPrefix("quantiles")
                ? "toString(arrayMap(x -> \(bits), \(call)))"
                : "toString(\(bits.replacingOccurrences(of: "x", with: call)))"
            return "SELECT \(text) FROM numbers(\(arguments.rows))"
        }
        var description: String { "\(name)\(levelsSQL)(\(arguments))" }

        func bind() throws -> StoredAggregateFunction {
            try StoredAggregateRegistry.bind(
                name, parameters: levels.map { .float($0) }, argumentTypes: arguments.types)
        }
    }

    /// The bits of a result value as the SQL of `resultSQL` prints them.
    static func bitsText(_ value: Value, float32: Bool) -> String {
        switch value {
        case .array(let items): "[" + items.map { bitsText($0, float32: float32) }.joined(separator: ",") + "]"
        case .float(let number): float32 ? "\(Float(number).bitPattern)" : "\(number.bitPattern)"
        case .uint(let number): "\(number)"
        case .int(let number): "\(number)"
        default: "\(value)"
        }
    }

    static func float64(_ sql: String, rows: Int, _ value: @escaping @Sendable (Int) -> Double) -> SketchArguments {
        SketchArguments(sql: sql, types: [.float64], rows: rows) { [.float(value($0))] }
    }

    /// A shuffled sequence: row i's value is i * 2654435761 mod 100003.
    static func shuffled(_ row: Int) -> Int { row &* 2_654_435_761 % 100_003 }
    static let shuffledSQL = "number * 2654435761 % 100003"

    static let reservoirCalls: [Call] = [
        Call(name: "quantiles", levels: [0.5, 0.9], arguments: float64("toFloat64(number)", rows: 0) { Double($0) }),
        Call(name: "quantiles", levels: [0.5, 0.9], arguments: float64("toFloat64(number)", rows: 1) { Double($0) }),
        Call(name: "quantiles", levels: [0.5, 0.9], arguments: float64("toFloat64(number)", rows: 100) { Double($0) }),
        Call(
            name: "quantiles", levels: [0.9, 0.1, 0.5],
            arguments: float64("toFloat64(number)", rows: 10_000) { Double($0) }),
        Call(
            name: "quantiles", levels: [0.5, 0.9],
            arguments: float64("toFloat64(\(shuffledSQL))", rows: 200_000) { Double(shuffled($0)) }),
        Call(
            name: "quantiles", levels: [0, 1, 0.25],
            arguments: float64("toFloat64(number % 10)", rows: 20_000) { Double($0 % 10) }),
        Call(
            name: "quantile", levels: [0.3],
            arguments: SketchArguments(sql: "toFloat32(number / 3)", types: [.float32], rows: 9000) {
                [.float(Double($0) / 3)]
            }),
        Call(
            name: "quantile", levels: [],
            arguments: SketchArguments(sql: "number", types: [.uint64], rows: 12_000) { [.uint(UInt64($0))] }),
        Call(
            name: "median", levels: [],
            arguments: SketchArguments(sql: "toInt32(toInt64(number) - 5000)", types: [.int32], rows: 1000) {
                [.int(Int64($0) - 5000)]
            }),
        Call(
            name: "quantiles", levels: [0.5, 0.99],
            arguments: SketchArguments(sql: "toInt8(number % 200 - 100)", types: [.int8], rows: 9000) {
                [.int(Int64($0 % 200) - 100)]
            }),
        Call(
            name: "quantiles", levels: [0.5, 0.9],
            arguments: SketchArguments(sql: "toDate(number % 20000)", types: [.date], rows: 10_000) {
                [.uint(UInt64($0 % 20000))]
            }),
        Call(
            name: "quantile", levels: [0.5],
            arguments: SketchArguments(
                sql: "toDateTime(number * 7, 'UTC')", types: [.dateTime(timeZone: "UTC")], rows: 100
            ) { [.uint(UInt64($0 * 7))] }),
        Call(
            name: "quantiles", levels: [0.5],
            arguments: SketchArguments(sql: "toDate(number)", types: [.date], rows: 0) { [.uint(UInt64($0))] }),
        Call(
            name: "quantiles", levels: [0.2, 0.8],
            arguments: SketchArguments(sql: "toBool(number % 3)", types: [.bool], rows: 100) {
                [.uint($0 % 3 == 0 ? 0 : 1)]
            }),
    ]

    static let tDigestCalls: [Call] = [
        Call(
            name: "quantilesTDigest", levels: [0.5, 0.9],
            arguments: SketchArguments(sql: "toFloat32(number)", types: [.float32], rows: 0) { [.float(Double($0))] }),
        Call(
            name: "quantileTDigest", levels: [0.5],
            arguments: SketchArguments(sql: "toBool(number % 3)", types: [.bool], rows: 100) {
                [.uint($0 % 3 == 0 ? 0 : 1)]
            }),
        Call(
            name: "quantilesTDigest", levels: [0.5, 0.9],
            arguments: SketchArguments(sql: "toFloat32(number)", types: [.float32], rows: 1) { [.float(Double($0))] }),
        Call(
            name: "quantilesTDigest", levels: [0.5, 0.9],
            arguments: SketchArguments(sql: "toFloat32(number)", types: [.float32], rows: 100) { [.float(Double($0))] }),
        Call(
            name: "quantilesTDigest", levels: [0.99, 0.5, 0.01],
            arguments: SketchArguments(sql: "toFloat32(\(shuffledSQL))", types: [.float32], rows: 10_000) {
                [.float(Double(shuffled($0)))]
            }),
        Call(
            name: "quantilesTDigest", levels: [0.5, 0.9],
            arguments: SketchArguments(sql: "toFloat32(\(shuffledSQL))", types: [.float32], rows: 200_000) {
                [.float(Double(shuffled($0)))]
            }),
        Call(
            name: "quantileTDigest", levels: [0.25],
            arguments: SketchArguments(sql: "toFloat32(number % 7)", types: [.float32], rows: 20_000) {
                [.float(Double($0 % 7))]
            }),
        Call(
            name: "quantileTDigest", levels: [],
            arguments: float64("(toFloat64(number) - 3000) / 7", rows: 6000) { (Double($0) - 3000) / 7 }),
        Call(
            name: "medianTDigest", levels: [],
            arguments: SketchArguments(sql: "number * 1000000000000", types: [.uint64], rows: 3000) {
                [.uint(UInt64($0) * 1_000_000_000_000)]
            }),
        Call(
            name: "quantilesTDigest", levels: [0.1, 0.9],
            arguments: SketchArguments(sql: "toDate(\(shuffledSQL) % 40000)", types: [.date], rows: 5000) {
                [.uint(UInt64(shuffled($0) % 40000))]
            }),
        Call(
            name: "quantilesTDigestWeighted", levels: [0.5, 0.9, 0.99],
            arguments: SketchArguments(
                sql: "toFloat32(\(shuffledSQL) / 7), toUInt32(number % 13)", types: [.float32, .uint32], rows: 30_000
            ) {
                [.float(Double(shuffled($0)) / 7), .uint(UInt64($0 % 13))]
            }),
        Call(
            name: "quantileTDigestWeighted", levels: [0.7],
            arguments: SketchArguments(
                sql: "toInt16(number % 500) - 250, toUInt8(number % 3)", types: [.int16, .uint8], rows: 5000
            ) {
                [.int(Int64($0 % 500) - 250), .uint(UInt64($0 % 3))]
            }),
        Call(
            name: "quantilesTDigestWeighted", levels: [0.5, 0.9, 0.99],
            arguments: SketchArguments(
                sql: "toFloat32(number), toUInt64(number * 100000)", types: [.float32, .uint64], rows: 3000
            ) {
                [.float(Double($0)), .uint(UInt64($0) * 100_000)]
            }),
    ]

    func checkStatesAndResults(_ calls: [Call], bits: (Call) -> String, float32: Bool) throws {
        let statements = calls.flatMap { [$0.stateSQL, $0.resultSQL(bits: bits($0))] }
        let outputs = try Support.oracle(statements)
        for (index, call) in calls.enumerated() {
            let function = try call.bind()
            let state = Support.state(function, call.arguments.columns(), rows: call.arguments.rows)
            let chdbState = outputs[2 * index]
            #expect(Support.hex(Support.bytes(state)) == chdbState, "\(call)")
            #expect(Self.bitsText(state.result(), float32: float32) == outputs[2 * index + 1], "\(call) result")
            let read = try Support.read(function, Support.unhex(chdbState))
            #expect(Support.hex(Support.bytes(read)) == chdbState, "\(call) read back")
            #expect(
                Self.bitsText(read.result(), float32: float32) == outputs[2 * index + 1], "\(call) result read back")
        }
    }

    static func bits(forFloat64 call: Call) -> String {
        call.arguments.types[0].isDateOrTime ? "toUInt32(x)" : "reinterpretAsUInt64(x)"
    }

    static func bits(forFloat32 call: Call) -> String {
        call.arguments.types[0].isDateOrTime ? "toUInt32(x)" : "reinterpretAsUInt32(x)"
    }

    @Test func reservoirStatesAndResultsMatchClickHouse() throws {
        try checkStatesAndResults(Self.reservoirCalls, bits: Self.bits(forFloat64:), float32: false)
    }

    @Test func tDigestStatesAndResultsMatchClickHouse() throws {
        try checkStatesAndResults(Self.tDigestCalls, bits: Self.bits(forFloat32:), float32: true)
    }

    /// Merges through every branch of `ReservoirSampler::merge` (a small side, a full side, both full with one
    /// random replacement or every `frequency`-th) against `arrayReduce('quantileMergeState', ...)`.
    @Test func reservoirMergesMatchClickHouse() throws {
        let function = try StoredAggregateRegistry.bind("quantile", parameters: [], argumentTypes: [.float64])
        func state(_ rows: Int, scale: Double) -> any StoredAggregateState {
            let column = Column(type: .float64, values: (0..<rows).map { .float(Double(Self.shuffled($0)) * scale) })
            return Support.state(function, [column], rows: rows)
        }
        // A full reservoir claiming 10^9 values: merging a full one into it replaces one random sample.
        var huge = Support.bytes(state(9000, scale: 3))
        huge.replaceSubrange(8..<16, with: withUnsafeBytes(of: UInt64(1_000_000_000).littleEndian, Array.init))
        let pairs: [(any StoredAggregateState, any StoredAggregateState)] = [
            (state(100, scale: 1), state(200, scale: 2)), (state(100, scale: 1), state(20_000, scale: 2)),
            (state(20_000, scale: 1), state(100, scale: 2)), (state(20_000, scale: 1), state(50_000, scale: 2)),
            (try Support.read(function, huge), state(9000, scale: 2)),
        ]
        let statements = pairs.flatMap { first, second in
            let states = [first, second].map {
                "CAST(unhex('\(Support.hex(Support.bytes($0)))') AS AggregateFunction(quantile, Float64))"
            }
            return [
                "SELECT hex(arrayReduce('quantileMergeState', [\(states.joined(separator: ", "))]))",
                "SELECT reinterpretAsUInt64(finalizeAggregation(arrayReduce('quantileMergeState', [\(states.joined(separator: ", "))])))",
            ]
        }
        let outputs = try Support.oracle(["SET max_query_size = 100000000"] + statements).dropFirst().map { $0 }
        for (index, (first, second)) in pairs.enumerated() {
            let merged = Support.merged(function, [first, second])
            #expect(Support.hex(Support.bytes(merged)) == outputs[2 * index], "pair \(index)")
            #expect(Self.bitsText(merged.result(), float32: false) == outputs[2 * index + 1], "pair \(index) result")
        }
    }

    /// Merges of t-digests as `arrayReduce('...MergeState', ...)` merges them: each state read (so compressed),
    /// then added centroid by centroid.
    @Test func tDigestMergesMatchClickHouse() throws {
        let function = try StoredAggregateRegistry.bind(
            "quantilesTDigestWeighted", parameters: [.float(0.5), .float(0.9), .float(0.99)],
            argumentTypes: [.float32, .uint32])
        func state(_ rows: Int, offset: Int) -> any StoredAggregateState {
            let values = Column(type: .float32, values: (0..<rows).map { .float(Double(Self.shuffled($0 + offset))) })
            let weights = Column(type: .uint32, values: (0..<rows).map { .uint(UInt64($0 % 5)) })
            return Support.state(function, [values, weights], rows: rows)
        }
        let pairs = [
            (state(0, offset: 0), state(10, offset: 5)), (state(100, offset: 0), state(3000, offset: 50)),
            (state(20_000, offset: 0), state(30_000, offset: 7)),
        ]
        let type = "AggregateFunction(quantilesTDigestWeighted(0.5, 0.9, 0.99), Float32, UInt32)"
        let statements = pairs.flatMap { first, second in
            let states = [first, second].map { "CAST(unhex('\(Support.hex(Support.bytes($0)))') AS \(type))" }
            let merged =
                "arrayReduce('quantilesTDigestWeightedMergeState(0.5, 0.9, 0.99)', [\(states.joined(separator: ", "))])"
            return [
                "SELECT hex(\(merged))",
                "SELECT toString(arrayMap(x -> reinterpretAsUInt32(x), finalizeAggregation(\(merged))))",
            ]
        }
        let outputs = try Support.oracle(["SET max_query_size = 100000000"] + statements).dropFirst().map { $0 }
        for (index, (first, second)) in pairs.enumerated() {
            let merged = Support.merged(
                function,
                [try Support.read(function, Support.bytes(first)), try Support.read(function, Support.bytes(second))])
            #expect(Support.hex(Support.bytes(merged)) == outputs[2 * index], "pair \(index)")
            #expect(Self.bitsText(merged.result(), float32: true) == outputs[2 * index + 1], "pair \(index) result")
        }
    }

    @Test func bindingErrorsAreClickHouses() throws {
        let cases: [(sql: String, name: String, parameters: [Value], types: [DataType])] = [
            ("SELECT quantile(2)(number) FROM numbers(3)", "quantile", [.uint(2)], [.uint64]),
            ("SELECT quantiles(-0.1)(number) FROM numbers(3)", "quantiles", [.float(-0.1)], [.uint64]),
            ("SELECT quantile(nan)(number) FROM numbers(3)", "quantile", [.float(.nan)], [.uint64]),
            ("SELECT quantile(0.5, 0.6)(number) FROM numbers(3)", "quantile", [.float(0.5), .float(0.6)], [.uint64]),
            ("SELECT quantiles()(number) FROM numbers(3)", "quantiles", [], [.uint64]),
            ("SELECT quantile('a')(number) FROM numbers(3)", "quantile", [.string(Array("a".utf8))], [.uint64]),
            ("SELECT quantile(number, number) FROM numbers(3)", "quantile", [], [.uint64, .uint64]),
            ("SELECT quantile('x')", "quantile", [], [.string]),
            ("SELECT quantile(toDate32('2000-01-01'))", "quantile", [], [.date32]),
            ("SELECT quantileTDigest([1])", "quantileTDigest", [], [.array(.uint8)]),
            ("SELECT quantileTDigestWeighted(number) FROM numbers(3)", "quantileTDigestWeighted", [], [.uint64]),
            (
                "SELECT quantileTDigestWeighted(number, 1.5) FROM numbers(3)", "quantileTDigestWeighted", [],
                [.uint64, .float64]
            ),
            ("SELECT quantileTDigestWeighted(1, -1)", "quantileTDigestWeighted", [], [.uint8, .int8]),
            ("SELECT quantilesTDigest(0.5, 1.5)(1)", "quantilesTDigest", [.float(0.5), .float(1.5)], [.uint8]),
        ]
        let outcomes = try ClickHouseOracle.run(cases.map(\.sql))
        for (outcome, call) in zip(outcomes, cases) {
            do {
                _ = try StoredAggregateRegistry.bind(call.name, parameters: call.parameters, argumentTypes: call.types)
                Issue.record("\(call.sql) was bound; ClickHouse: \(outcome)")
            } catch let error as DatabaseError {
                guard case .error(let text) = outcome else {
                    Issue.record("\(call.sql): ClickHouse succeeded: \(outcome)")
                    continue
                }
                #expect(text.contains(error.message + ". (\(error.code.name))"), "\(call.sql): \(error) vs \(text)")
            }
        }
    }

    @Test func truncatedAndCraftedBytesThrow() throws {
        let reservoir = try StoredAggregateRegistry.bind("quantile", parameters: [], argumentTypes: [.float64])
        let tDigest = try StoredAggregateRegistry.bind("quantileTDigest", parameters: [], argumentTypes: [.float32])
        let rows = Column(type: .float64, values: (0..<10_000).map { .float(Double(Self.shuffled($0))) })
        let floats = Column(type: .float32, values: (0..<10_000).map { .float(Double(Self.shuffled($0))) })
        #expect(
            Support.truncationsThrow(reservoir, Support.bytes(Support.state(reservoir, [rows], rows: 10_000))).isEmpty)
        #expect(
            Support.truncationsThrow(tDigest, Support.bytes(Support.state(tDigest, [floats], rows: 10_000))).isEmpty)
        // Counts that would allocate far beyond the bytes given, a bad generator, a count over the limit, a
        // centroid of weight zero.
        var hugeTotal: [UInt8] = []
        hugeTotal.appendLittleEndian(UInt64(8192))
        hugeTotal.appendLittleEndian(UInt64.max)
        hugeTotal.appendStringBinary(Array("6364136223846793005 0 123459".utf8))
        var badGenerator: [UInt8] = []
        badGenerator.appendLittleEndian(UInt64(8192))
        badGenerator.appendLittleEndian(UInt64(0))
        badGenerator.appendStringBinary(Array("1 2 x".utf8))
        for crafted in [hugeTotal, badGenerator] {
            #expect(throws: DatabaseError.self) { try Support.read(reservoir, crafted) }
        }
        let crafted: [[UInt8]] = [[0xFF, 0xFF, 0x03], [0x81, 0x80, 0x04], [1, 0, 0, 0x80, 0x3F, 0, 0, 0, 0]]
        let outcomes = try ClickHouseOracle.run(
            crafted.map {
                "SELECT finalizeAggregation(CAST(unhex('\(Support.hex($0))') AS AggregateFunction(quantileTDigest, Float32)))"
            })
        for (bytes, outcome) in zip(crafted, outcomes) {
            do {
                _ = try Support.read(tDigest, bytes)
                Issue.record("\(bytes) was read; ClickHouse: \(outcome)")
            } catch let error as DatabaseError {
                if bytes.count > 3 {
                    #expect(outcome.text.contains(error.message), "\(error) vs \(outcome)")
                }
                #expect(outcome.text.contains("(\(error.code.name))"), "\(error) vs \(outcome)")
            }
        }
    }
}

extension DataType {
    fileprivate var isDateOrTime: Bool {
        switch self {
        case .date, .date32, .dateTime, .dateTime64: true
        default: false
        }
    }
}
