/// ClickHouse's SipHash-2-4 (`src/Common/SipHash.h`), streaming: the 64-bit digest of `sipHash64` and ClickHouse's
/// own 128-bit variant (`sipHash128`, partition ids of non-integral keys: the low half is `v0 ^ v1`, the high half
/// `v2 ^ v3`, after the 64-bit finalization). Keys are zero unless given.
public struct SipHash: Sendable {
    private var v0: UInt64
    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    /// Bytes hashed so far (only its low byte enters the last word).
    private var count: UInt64 = 0
    /// The bytes of the word being filled, little-endian, and how many there are.
    private var word: UInt64 = 0
    private var wordBytes = 0

    public init(key0: UInt64 = 0, key1: UInt64 = 0) {
        v0 = 0x736f_6d65_7073_6575 ^ key0
        v1 = 0x646f_7261_6e64_6f6d ^ key1
        v2 = 0x6c79_6765_6e65_7261 ^ key0
        v3 = 0x7465_6462_7974_6573 ^ key1
    }

    @inline(__always) private mutating func round() {
        v0 &+= v1
        v1 = (v1 << 13) | (v1 >> 51)
        v1 ^= v0
        v0 = (v0 << 32) | (v0 >> 32)
        v2 &+= v3
        v3 = (v3 << 16) | (v3 >> 48)
        v3 ^= v2
        v0 &+= v3
        v3 = (v3 << 21) | (v3 >> 43)
        v3 ^= v0
        v2 &+= v1
        v1 = (v1 << 17) | (v1 >> 47)
        v1 ^= v2
        v2 = (v2 << 32) | (v2 >> 32)
    }

    @inline(__always) private mutating func compress(_ m: UInt64) {
        v3 ^= m
        round()
        round()
        v0 ^= m
    }

    /// Adds bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            word |= UInt64(byte) << (8 * UInt64(wordBytes))
            wordBytes += 1
            count &+= 1
            if wordBytes == 8 {
                compress(word)
                word = 0
                wordBytes = 0
            }
        }
    }

    /// Adds an integer's little-endian bytes (`width` of them, at most 8).
    public mutating func update(littleEndian value: UInt64, width: Int = 8) {
        update((0..<min(width, 8)).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) })
    }

    private func finalized() -> SipHash {
        var state = self
        let last = state.word | (state.count & 0xFF) << 56
        state.compress(last)
        state.v2 ^= 0xFF
        for _ in 0..<4 { state.round() }
        return state
    }

    /// The 64-bit digest (`sipHash64`).
    public func digest64() -> UInt64 {
        let state = finalized()
        return state.v0 ^ state.v1 ^ state.v2 ^ state.v3
    }

    /// ClickHouse's 128-bit digest as (low, high) halves; its 16 bytes are the low half then the high half,
    /// little-endian.
    public func digest128() -> (low: UInt64, high: UInt64) {
        let state = finalized()
        return (state.v0 ^ state.v1, state.v2 ^ state.v3)
    }

    /// The 16 bytes of ``digest128()`` in memory order (what `sipHash128` returns).
    public func digest128Bytes() -> [UInt8] {
        let (low, high) = digest128()
        return (0..<16).map { index in
            UInt8(truncatingIfNeeded: (index < 8 ? low : high) >> (8 * UInt64(index % 8)))
        }
    }
}
