import SHCodecs
import SHColumns
import SHCore
import SHExecution
import SHTestSupport
import Testing

/// Serialized states are untrusted bytes (they come from parts and backups): ClickHouse's state (from chdb) of each
/// function reads back and writes the same bytes, and every truncation of it, or a state with a hostile size, throws a
/// `DatabaseError` instead of trapping or allocating what the size says.
@Suite struct StoredAggregateStateTests {
    static let cases: [(function: String, arguments: String, types: [DataType])] = [
        ("argMax", "'ab', toDateTime64(1, 3)", [.string, .dateTime64(3, timeZone: nil)]),
        (
            "argMax", "CAST(true, 'Nullable(Bool)'), toDateTime64(1, 3)",
            [.nullable(.bool), .dateTime64(3, timeZone: nil)]
        ),
        ("avg", "CAST(1.25, 'Decimal(38, 12)')", [.decimal(precision: 38, scale: 12)]),
        ("min", "[1, 2]::Array(UInt8)", [.array(.uint8)]),
        ("groupUniqArrayArray", "['a', '', 'bc']", [.array(.string)]),
    ]

    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), next > index {
            result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return result
    }

    static func stateColumn(_ bytes: [UInt8], _ function: StoredAggregateFunction) -> Column {
        Column(
            type: .aggregateFunction(
                AggregateFunctionSignature(name: function.name, argumentTypes: function.argumentTypes)),
            values: [.string(bytes)])
    }

    @Test func clickHouseStatesRoundTripAndTruncationsThrow() throws {
        let outputs = try ClickHouseOracle.run(
            Self.cases.map { "SELECT hex(initializeAggregation('\($0.function)State', \($0.arguments)))" })
        #expect(outputs.count == Self.cases.count)
        for (testCase, output) in zip(Self.cases, outputs) {
            let state = Self.bytes(hex: output.text.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(!state.isEmpty, "\(testCase.function): \(output)")
            let function = try StoredAggregateRegistry.bind(
                testCase.function, parameters: [], argumentTypes: testCase.types)
            let read = try StoredAggregateRegistry.state(in: Self.stateColumn(state, function), row: 0, of: function)
            var written: [UInt8] = []
            read.serialize(into: &written)
            #expect(written == state, "\(testCase.function)")
            for length in 1..<state.count {
                #expect(throws: DatabaseError.self, "\(testCase.function) cut at \(length)") {
                    _ = try StoredAggregateRegistry.state(
                        in: Self.stateColumn(Array(state.prefix(length)), function), row: 0, of: function)
                }
            }
        }
    }

    @Test func hostileSizesThrow() throws {
        let argMax = try StoredAggregateRegistry.bind(
            "argMax", parameters: [], argumentTypes: [.string, .dateTime64(3, timeZone: nil)])
        let uniqArray = try StoredAggregateRegistry.bind(
            "groupUniqArrayArray", parameters: [], argumentTypes: [.array(.string)])
        let hostile: [(StoredAggregateFunction, [UInt8])] = [
            (argMax, [0xFF, 0xFF, 0xFF, 0x7F, 0x61]),
            (uniqArray, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]),
            (uniqArray, [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        ]
        for (function, bytes) in hostile {
            #expect(throws: DatabaseError.self, "\(function.name) \(bytes)") {
                _ = try StoredAggregateRegistry.state(in: Self.stateColumn(bytes, function), row: 0, of: function)
            }
        }
    }
}
