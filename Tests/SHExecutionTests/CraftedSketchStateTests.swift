import SHCodecs
import SHColumns
import SHCore
import SHTestSupport
import Testing

@testable import SHExecution

/// States no ClickHouse query writes but a file may hold (unsorted centroids with equal means, signed zeros and
/// infinities; a thinned hash set with the zero hash), read by SwiftHouse and by chdb
/// (`CAST(unhex(...) AS AggregateFunction(...))`), then written, merged and finalised by both.
@Suite struct CraftedSketchStateTests {
    typealias Support = SketchTestSupport

    /// 3000 centroids in no order: repeated means with different weights, -0 and +0, infinities.
    static func craftedDigest() -> [UInt8] {
        var random = SplitMix64(seed: 42)
        var bytes: [UInt8] = []
        let count = 3000
        VarUInt.write(UInt64(count), to: &bytes)
        for index in 0..<count {
            let mean: Float =
                switch index % 10 {
                case 0: -0.0
                case 1: 0.0
                case 2: Float(random.next() % 50)
                case 3: index % 100 == 3 ? .infinity : -.infinity
                default: Float(Int64(random.next() % 20_000) - 10_000) / 8
                }
            let weight = Float(1 + random.next() % 7)
            bytes.appendLittleEndian(mean.bitPattern)
            bytes.appendLittleEndian(weight.bitPattern)
        }
        return bytes
    }

    /// 3000 distinct hashes divisible by 8 at skip degree 3, and the zero hash.
    static func craftedHashSet() -> [UInt8] {
        var random = SplitMix64(seed: 7)
        var hashes = Set<UInt32>()
        while hashes.count < 3000 { hashes.insert(UInt32(truncatingIfNeeded: random.next()) & ~7 | 8) }
        var bytes: [UInt8] = [3]
        VarUInt.write(UInt64(hashes.count + 1), to: &bytes)
        bytes.appendLittleEndian(UInt32(0))
        for hash in hashes.sorted(by: { $0.byteSwapped < $1.byteSwapped }) { bytes.appendLittleEndian(hash) }
        return bytes
    }

    @Test func craftedDigestMatchesClickHouse() throws {
        let function = try StoredAggregateRegistry.bind(
            "quantilesTDigest", parameters: [.float(0.1), .float(0.5), .float(0.9)], argumentTypes: [.float32])
        let crafted = Self.craftedDigest()
        let cast =
            "CAST(unhex('\(Support.hex(crafted))') AS AggregateFunction(quantilesTDigest(0.1, 0.5, 0.9), Float32))"
        let values = Column(type: .float32, values: (0..<5000).map { .float(Double($0 % 777) - 300) })
        let added = Support.state(function, [values], rows: 5000)
        let addedCast =
            "CAST(unhex('\(Support.hex(Support.bytes(added)))') AS AggregateFunction(quantilesTDigest(0.1, 0.5, 0.9), Float32))"
        let outputs = try Support.oracle([
            "SET max_query_size = 100000000",
            "SELECT hex(\(cast))",
            "SELECT toString(arrayMap(x -> reinterpretAsUInt32(x), finalizeAggregation(\(cast))))",
            "SELECT hex(arrayReduce('quantilesTDigestMergeState(0.1, 0.5, 0.9)', [\(cast), \(addedCast)]))",
        ])
        let read = try Support.read(function, crafted)
        #expect(Support.hex(Support.bytes(read)) == outputs[1])
        #expect(QuantileStoredStateTests.bitsText(read.result(), float32: true) == outputs[2])
        let merged = Support.merged(function, [read, try Support.read(function, Support.bytes(added))])
        #expect(Support.hex(Support.bytes(merged)) == outputs[3])
    }

    @Test func craftedHashSetMatchesClickHouse() throws {
        let function = try StoredAggregateRegistry.bind("uniq", parameters: [], argumentTypes: [.uint64])
        let crafted = Self.craftedHashSet()
        let cast = "CAST(unhex('\(Support.hex(crafted))') AS AggregateFunction(uniq, UInt64))"
        let outputs = try Support.oracle([
            "SELECT hex(\(cast))", "SELECT finalizeAggregation(\(cast))",
            "SELECT hex(arrayReduce('uniqMergeState', [\(cast), (SELECT uniqState(number) FROM numbers(70000))]))",
            "SELECT finalizeAggregation(arrayReduce('uniqMergeState', [\(cast), (SELECT uniqState(number) FROM numbers(70000))]))",
        ])
        let read = try Support.read(function, crafted)
        #expect(Support.hex(Support.bytes(read)) == outputs[0])
        #expect(read.result() == .uint(UInt64(outputs[1]) ?? 0))
        let numbers = Column(type: .uint64, values: (0..<70_000).map { .uint(UInt64($0)) })
        let merged = Support.merged(function, [read, Support.state(function, [numbers], rows: 70_000)])
        #expect(Support.hex(Support.bytes(merged)) == outputs[2])
        #expect(merged.result() == .uint(UInt64(outputs[3]) ?? 0))
    }
}

/// The random generator's text in a reservoir state, read as ClickHouse reads it (and refused with its errors).
@Suite struct ReservoirGeneratorTextTests {
    typealias Support = SketchTestSupport

    static let texts = [
        "6364136223846793005 0 5", "6364136223846793005 0 5 ", "6364136223846793005 0 5x",
        "6364136223846793005 0 18446744073709551616", "1 2 3", "6364136223846793005 1 5", " 6364136223846793005 0 5",
        "6364136223846793005 0 -5", "1 2", "6364136223846793005,0,5", "",
    ]

    static func state(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(UInt64(8192))
        bytes.appendLittleEndian(UInt64(1))
        bytes.appendStringBinary(Array(text.utf8))
        bytes.appendLittleEndian(UInt64(7))
        return bytes
    }

    @Test func generatorTextsAreReadAsClickHouseReadsThem() throws {
        let function = try StoredAggregateRegistry.bind("quantile", parameters: [], argumentTypes: [.uint64])
        let outcomes = try ClickHouseOracle.run(
            Self.texts.map {
                "SELECT hex(CAST(unhex('\(Support.hex(Self.state($0)))') AS AggregateFunction(quantile, UInt64)))"
            })
        for (text, outcome) in zip(Self.texts, outcomes) {
            do {
                let read = try Support.read(function, Self.state(text))
                #expect(outcome == .output(Support.hex(Support.bytes(read)) + "\n"), "\(text)")
            } catch let error as DatabaseError {
                #expect(outcome.text.contains(error.message), "\(text): \(error) vs \(outcome)")
                #expect(outcome.text.contains("(\(error.code.name))"), "\(text): \(error) vs \(outcome)")
            }
        }
    }
}
