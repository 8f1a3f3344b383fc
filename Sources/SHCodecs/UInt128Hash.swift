import SHCore

/// A 128-bit CityHash value as ClickHouse holds it: `low64` (old name `first`) and `high64` (`second`).
public struct UInt128Hash: Hashable, Sendable, CustomStringConvertible {
    public var low64: UInt64
    public var high64: UInt64

    public init(low64: UInt64, high64: UInt64) {
        self.low64 = low64
        self.high64 = high64
    }

    /// The hash of an empty file, and the seed of a chained file hash.
    public static let zero = UInt128Hash(low64: 0, high64: 0)

    /// The 16 bytes ClickHouse stores in checksums.txt and block headers: low64 LE ‖ high64 LE.
    public var storedBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: low64 >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: high64 >> (8 * UInt64(i)))
        }
        return bytes
    }

    /// Reads the stored 16-byte form (low64 LE ‖ high64 LE); `nil` unless exactly 16 bytes.
    public init?<C: Collection>(storedBytes bytes: C) where C.Element == UInt8 {
        guard bytes.count == 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            if i < 8 { low |= UInt64(byte) << (8 * UInt64(i)) } else { high |= UInt64(byte) << (8 * UInt64(i - 8)) }
        }
        self.init(low64: low, high64: high)
    }

    /// The `.backup` manifest form: 32 lowercase hex digits of (high64, low64), i.e. the stored bytes reversed.
    public var manifestHex: String { Self.hex16(high64) + Self.hex16(low64) }

    /// Parses the manifest form; `nil` unless exactly 32 hex digits.
    public init?(manifestHex text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 32, let high = Self.parseHex(utf8[0..<16]), let low = Self.parseHex(utf8[16..<32]) else {
            return nil
        }
        self.init(low64: low, high64: high)
    }

    public var description: String { manifestHex }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func parseHex(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
