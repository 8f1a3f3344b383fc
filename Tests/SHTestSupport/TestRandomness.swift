import Foundation

/// A small deterministic random number generator (SplitMix64) for the fuzz-style tests, so a failing case can be
/// replayed from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The process's peak resident memory in bytes.
public func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

/// The byte-level damage the hostile-input tests do to a file.
public enum ByteMutation: CaseIterable, Sendable {
    case flipBit, truncate, hugeVarUInt, maxUInt64, randomBytes

    /// `bytes` with this damage at a random place.
    public func apply(to bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch self {
        case .flipBit:
            if !out.isEmpty { out[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random) }
        case .truncate:
            out = Array(out.prefix(position))
        case .hugeVarUInt:
            out.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], at: position)
        case .maxUInt64:
            let end = min(out.count, position + 8)
            out.replaceSubrange(position..<end, with: [UInt8](repeating: 0xFF, count: 8))
        case .randomBytes:
            let end = min(out.count, position + 1 + Int.random(in: 0..<64, using: &random))
            for index in position..<end { out[index] = UInt8.random(in: 0...255, using: &random) }
        }
        return out
    }
}
