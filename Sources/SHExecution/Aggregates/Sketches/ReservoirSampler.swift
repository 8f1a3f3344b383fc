import SHCodecs
import SHCore

/// PCG's `pcg32_fast` (`mcg_xsh_rs_64_32`), the generator ClickHouse's `ReservoirSampler` draws from: a 64-bit
/// multiplicative congruential state, 32-bit outputs of the state before each step.
struct PCG32Fast: Sendable, Equatable {
    static let multiplier: UInt64 = 6_364_136_223_846_793_005
    private(set) var state: UInt64

    /// Seeds as PCG seeds an MCG: the low two bits are set so the state is odd.
    init(seed: UInt64) { state = seed | 3 }

    init(state: UInt64) { self.state = state }

    mutating func next() -> UInt32 {
        let old = state
        state = state &* Self.multiplier
        let shift = (old >> 61) & 7
        let mixed = old ^ (old >> 22)
        return UInt32(truncatingIfNeeded: mixed >> (22 + shift))
    }

    /// How PCG's `operator<<` writes the engine: multiplier, increment (0 for an MCG) and state in decimal.
    var text: String { "\(Self.multiplier) 0 \(state)" }

    /// Reads `text` as ClickHouse reads the engine: three unsigned integers separated by single spaces (anything
    /// after the third is ignored), then the multiplier and the increment checked against this engine's.
    init(text: ArraySlice<UInt8>) throws {
        var position = text.startIndex
        func number() throws -> UInt64 {
            guard position < text.endIndex else {
                throw DatabaseError(.attemptToReadAfterEof, "Attempt to read after eof")
            }
            if text[position] == UInt8(ascii: "-") {
                throw DatabaseError(.cannotParseNumber, "Unsigned type must not contain '-' symbol")
            }
            var value: UInt64 = 0
            while position < text.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[position]) {
                value = value &* 10 &+ UInt64(text[position] - UInt8(ascii: "0"))
                position += 1
            }
            return value
        }
        func space() throws {
            guard position < text.endIndex else {
                throw DatabaseError(
                    .cannotParseInputAssertionFailed, "Cannot parse input: expected ' ' at end of stream")
            }
            guard text[position] == UInt8(ascii: " ") else {
                let rest = String(decoding: text[position...].prefix(16), as: UTF8.self)
                throw DatabaseError(
                    .cannotParseInputAssertionFailed, "Cannot parse input: expected ' ' before: '\(rest)'")
            }
            position += 1
        }
        let multiplier = try number()
        try space()
        let increment = try number()
        try space()
        let state = try number()
        guard multiplier == Self.multiplier else {
            throw DatabaseError(
                .incorrectData, "Incorrect multiplier in pcg32: expected \(Self.multiplier), got \(multiplier)")
        }
        guard increment == 0 else {
            throw DatabaseError(.incorrectData, "Incorrect increment in pcg32: expected 0, got \(increment)")
        }
        self.state = state
    }
}

/// ClickHouse's `ReservoirSampler` (the state of `quantile`, `quantiles`, `median`): up to `sampleCount` values
/// chosen uniformly from all added, with ClickHouse's generator and seed so that the same rows give the same bytes.
struct ReservoirSampler<Element: SketchNumber>: Sendable {
    static var defaultSampleCount: UInt64 { 8192 }
    static var seed: UInt64 { 123_456 }

    private(set) var sampleCount: UInt64 = defaultSampleCount
    private(set) var totalValues: UInt64 = 0
    private(set) var samples: [Element] = []
    private var generator = PCG32Fast(seed: seed)

    mutating func insert(_ value: Element) {
        if value.isNaN { return }
        if totalValues != UInt64.max { totalValues += 1 }
        if UInt64(samples.count) < sampleCount {
            samples.append(value)
        } else {
            let index = random(below: totalValues)
            if index < sampleCount { samples[Int(index)] = value }
        }
    }

    /// A random number below `limit` (> 0), from two draws when the limit exceeds 32 bits.
    private mutating func random(below limit: UInt64) -> UInt64 {
        if limit <= UInt64(UInt32.max) { return UInt64(generator.next()) % limit }
        let high = UInt64(generator.next())
        let low = UInt64(generator.next())
        return (high &* (UInt64(UInt32.max) + 1) &+ low) % limit
    }

    /// ClickHouse's `ReservoirSampler::merge`: all of a small reservoir is inserted; of two full ones, every
    /// `frequency`-th sample (or a single random one) is taken from `other`.
    mutating func merge(_ other: ReservoirSampler) {
        if other.totalValues <= sampleCount {
            for value in other.samples { insert(value) }
        } else if totalValues <= sampleCount {
            let own = samples
            samples = other.samples
            totalValues = other.totalValues
            for value in own { insert(value) }
        } else {
            let (sum, overflow) = totalValues.addingReportingOverflow(other.totalValues)
            totalValues = overflow ? UInt64.max : sum
            let frequency = Double(totalValues) / Double(other.totalValues)
            if frequency * 2 >= Double(sampleCount) {
                let limit = frequency < 0x1p64 ? UInt64(frequency) : UInt64.max
                let index = random(below: max(1, limit))
                if index < sampleCount { samples[Int(index)] = other.samples[Int(index)] }
            } else {
                var position = 0.0
                while position < Double(sampleCount) {
                    let index = Int(position)
                    samples[index] = other.samples[index]
                    position += frequency
                }
            }
        }
    }

    /// The interpolated quantile at `level` of the sorted samples; NaN when empty.
    func quantileInterpolated(_ level: Double, sorted: [Element]) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let last = Double(sorted.count - 1)
        let index = max(0, min(last, level * last))
        let left = Int(index)
        let right = left + 1
        if right == sorted.count { return sorted[left].doubleValue }
        let leftWeight = Double(right) - index
        let rightWeight = index - Double(left)
        return sorted[left].doubleValue * leftWeight + sorted[right].doubleValue * rightWeight
    }

    /// The samples in ascending order (what ClickHouse sorts in place before reading quantiles).
    var sortedSamples: [Element] { samples.sorted() }

    /// ClickHouse's `write`: sample count, total count (UInt64 each), the generator as a string, the samples.
    func serialize(into bytes: inout [UInt8]) {
        bytes.appendLittleEndian(sampleCount)
        bytes.appendLittleEndian(totalValues)
        bytes.appendStringBinary(Array(generator.text.utf8))
        for value in samples.prefix(Int(min(sampleCount, totalValues))) { value.append(to: &bytes) }
    }

    /// ClickHouse's `read`. A sample count other than 8192 (which no ClickHouse function writes) is refused,
    /// since such a state could not be merged; the number of samples is bounded by the bytes left.
    static func deserialize(from reader: inout ByteReader) throws -> ReservoirSampler {
        var sampler = ReservoirSampler()
        let sampleCount = try reader.read(UInt64.self)
        guard sampleCount == defaultSampleCount else {
            throw DatabaseError(
                .incorrectData, "Cannot read a reservoir sample of \(sampleCount) values: only 8192 is supported")
        }
        sampler.totalValues = try reader.read(UInt64.self)
        sampler.generator = try PCG32Fast(text: try reader.readStringBinary())
        let size = Int(min(sampleCount, sampler.totalValues))
        try reader.require(size * MemoryLayout<Element>.size)
        sampler.samples.reserveCapacity(size)
        for _ in 0..<size { sampler.samples.append(try Element.read(from: &reader)) }
        return sampler
    }
}
