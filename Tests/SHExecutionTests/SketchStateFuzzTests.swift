import SHCodecs
import SHColumns
import SHCore
import SHTestSupport
import Testing

@testable import SHExecution

/// Sketch states read from corrupted bytes (flipped, cut, lengthened, with crafted counts) either throw a
/// `DatabaseError` or give a state that adds, merges, finalises and writes without trapping, and whose bytes read
/// back; NULL (Nothing) arguments are refused.
@Suite struct SketchStateFuzzTests {
    typealias Support = SketchTestSupport

    static let functions: [(name: String, parameters: [Value], types: [DataType])] = [
        ("uniq", [], [.uint64]), ("uniq", [], [.string, .uint8]), ("quantile", [], [.float64]),
        ("quantiles", [.float(0.1), .float(0.9)], [.uint64]), ("quantileTDigest", [], [.float32]),
        ("quantilesTDigestWeighted", [.float(0.5), .float(0.99)], [.float32, .uint32]),
    ]

    static func columns(_ types: [DataType], rows: Int, seed: Int) -> [Column] {
        types.map { type in
            Column(
                type: type,
                values: (0..<rows).map { row in
                    let number = (row + seed) &* 2_654_435_761 % 100_003
                    return switch type {
                    case .string: .string(Array("v\(number % 5000)".utf8))
                    case .float32, .float64: .float(Double(number) / 3)
                    default: .uint(UInt64(number % 200))
                    }
                })
        }
    }

    @Test func corruptedStatesThrowOrStayUsable() throws {
        var random = SplitMix64(seed: 0x5EED)
        for (name, parameters, types) in Self.functions {
            let function = try StoredAggregateRegistry.bind(name, parameters: parameters, argumentTypes: types)
            let other = Support.state(function, Self.columns(types, rows: 300, seed: 7), rows: 300)
            for rows in [0, 1, 50, 9000] {
                let valid = Support.bytes(Support.state(function, Self.columns(types, rows: rows, seed: 0), rows: rows))
                for _ in 0..<60 {
                    var bytes = valid
                    switch random.next() % 4 {
                    case 0 where !bytes.isEmpty:
                        for _ in 0..<(1 + random.next() % 4) {
                            bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                        }
                    case 1: bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
                    case 2: bytes += (0..<(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    default:
                        // A large count or length where the first fields are.
                        let position = Int(random.next() % UInt64(min(bytes.count, 24) + 1))
                        bytes.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], at: min(position, bytes.count))
                    }
                    var state: any StoredAggregateState
                    do {
                        state = try Support.read(function, bytes)
                    } catch is DatabaseError {
                        continue
                    }
                    state.add(Self.columns(types, rows: 1, seed: 3), row: 0)
                    state.merge(any: other)
                    var copy = state
                    copy.merge(any: state)
                    _ = copy.result()
                    let written = Support.bytes(copy)
                    #expect(throws: Never.self, "\(name) state re-read") { _ = try Support.read(function, written) }
                }
            }
        }
    }

    @Test func nullArgumentsAreRefused() {
        for (name, types) in [("uniq", [DataType.nothing]), ("quantile", [.nullable(.nothing)])] {
            #expect(throws: DatabaseError.self, "\(name)\(types)") {
                _ = try StoredAggregateRegistry.bind(name, parameters: [], argumentTypes: types)
            }
        }
    }
}
