import BigInt

/// An integer of up to 256 bits and its sign: the values of `UInt128`, `Int256`, `UInt256` and the unscaled
/// integers of `Decimal256` (`Decimal(P, S)` with P over 38), which no Swift integer holds. Arithmetic is exact;
/// `wrapped(toBytes:signed:)` brings a result back to a column's width as ClickHouse's wrapping arithmetic does.
public struct WideInteger: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var value: BigInt

    private init(_ value: BigInt) { self.value = value }

    public init(_ value: Int64) { self.value = BigInt(value) }
    public init(_ value: UInt64) { self.value = BigInt(value) }
    public init(_ value: Int128) { self.value = BigInt(value) }
    public init(_ value: UInt128) { self.value = BigInt(value) }

    /// A finite double as ClickHouse converts it to a wide integer (`wide::integer`'s constructor from `double`
    /// on x86-64): exact below 2^63, above it through 80-bit extended arithmetic in steps of 2^64 - 1, which is
    /// not exact (`toUInt128(1e20)` is 100000000000000000003). The result is to be wrapped to the type's width.
    public init?(clickHouseConverting double: Double) {
        guard double.isFinite else { return nil }
        if double > -9_223_372_036_854_775_808.0, double < 9_223_372_036_854_775_807.0 {
            value = BigInt(Int64(double.rounded(.towardZero)))
            return
        }
        #if arch(x86_64) && !os(Windows)
            let steps = WideInteger.extendedSteps(Float80(double.magnitude))
        #else
            let steps = WideInteger.doubleSteps(double.magnitude)
        #endif
        value = double < 0 ? -steps : steps
    }

    /// A finite Float32 as ClickHouse converts it to a wide integer: through a C cast to Int64 (on x86-64 a value
    /// out of its range becomes Int64's minimum), sign-extended when the float is negative (`toUInt128(toFloat32(1e20))`
    /// is 2^63).
    public init?(clickHouseConverting float: Float) {
        guard float.isFinite else { return nil }
        let bits = Int64(exactly: float.rounded(.towardZero)) ?? Int64.min
        value = float < 0 ? BigInt(bits) : BigInt(UInt64(bitPattern: bits))
    }

    private static let stepDivisor = BigInt(UInt64.max)

    #if arch(x86_64) && !os(Windows)
        /// `set_multiplier` on `long double`: t = alpha * (2^64 - 1) + remainder, alpha in 64 bits or recursing.
        private static func extendedSteps(_ t: Float80) -> BigInt {
            let divisor = Float80(UInt64.max)
            let alpha = t / divisor
            let high = alpha < divisor ? BigInt(castToUInt64(alpha)) : doubleSteps(Double(alpha))
            return high * stepDivisor + BigInt(castToUInt64(t - alpha.rounded(.down) * divisor))
        }

        private static func castToUInt64(_ v: Float80) -> UInt64 {
            v >= 0 && v < 18_446_744_073_709_551_616.0 ? UInt64(v) : 0x8000_0000_0000_0000
        }
    #endif

    /// `set_multiplier` on `double` (where 2^64 - 1 rounds to 2^64).
    private static func doubleSteps(_ t: Double) -> BigInt {
        let divisor = Double(UInt64.max)
        let alpha = t / divisor
        let high = alpha < divisor ? BigInt(castToUInt64(alpha)) : doubleSteps(alpha)
        return high * stepDivisor + BigInt(castToUInt64(t - alpha.rounded(.down) * divisor))
    }

    private static func castToUInt64(_ v: Double) -> UInt64 {
        v >= 0 && v < 18_446_744_073_709_551_616.0 ? UInt64(v) : 0x8000_0000_0000_0000
    }

    /// A decimal integer with an optional sign (`-12`, `+7`); `nil` for anything else or more than 80 digits.
    public init?(decimal text: Substring) {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text
        guard !digits.isEmpty, digits.count <= 80, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let parsed = BigInt(text.first == "+" ? digits : text)
        else { return nil }
        value = parsed
    }

    /// Two's-complement little-endian bytes of a column of `bytes.count` bytes, read as signed or unsigned.
    public init(littleEndian bytes: some Collection<UInt8>, signed: Bool) {
        var magnitude = BigUInt(0)
        for byte in bytes.reversed() { magnitude = magnitude << 8 | BigUInt(byte) }
        var result = BigInt(magnitude)
        if signed, let last = bytes.reversed().first, last & 0x80 != 0 {
            result -= BigInt(1) << (bytes.count * 8)
        }
        value = result
    }

    public static let zero = WideInteger(Int64(0))

    public var isZero: Bool { value.isZero }
    public var isNegative: Bool { value.sign == .minus && !value.isZero }
    public var description: String { value.description }
    public var double: Double { Double(value) }

    /// The magnitude's low 128 bits, from its words (BigInt's generic conversions of negative values to
    /// fixed-width integers are not exact, so every conversion goes through the magnitude).
    private var magnitudeBits: (low: UInt128, fits: Bool) {
        let words = value.magnitude.words
        var low: UInt128 = 0
        for (index, word) in words.prefix(2).enumerated() { low |= UInt128(word) << (64 * index) }
        return (low, words.dropFirst(2).allSatisfy { $0 == 0 })
    }

    /// The value as an `Int64` when it fits.
    public var int64: Int64? { int128.flatMap { Int64(exactly: $0) } }
    /// The value as a `UInt64` when it fits.
    public var uint64: UInt64? { isNegative ? nil : int128.flatMap { UInt64(exactly: $0) } }
    /// The value as an `Int128` when it fits.
    public var int128: Int128? {
        let (low, fits) = magnitudeBits
        guard fits else { return nil }
        if isNegative { return low <= UInt128(1) << 127 ? Int128(truncatingIfNeeded: 0 &- low) : nil }
        return low < UInt128(1) << 127 ? Int128(low) : nil
    }
    /// The low 64 bits in two's complement.
    public var truncatedBits: UInt64 {
        let low = UInt64(truncatingIfNeeded: magnitudeBits.low)
        return isNegative ? 0 &- low : low
    }

    /// Whether the value fits a `bytes`-byte integer of that signedness.
    public func fits(bytes: Int, signed: Bool) -> Bool { wrapped(toBytes: bytes, signed: signed) == self }

    /// The value brought into a `bytes`-byte integer (two's complement, as a C++ cast or ClickHouse's wrapping
    /// arithmetic does): the low `8 * bytes` bits, read as signed or unsigned.
    public func wrapped(toBytes bytes: Int, signed: Bool) -> WideInteger {
        let modulus = BigInt(1) << (bytes * 8)
        var low = value % modulus
        if low.sign == .minus && !low.isZero { low += modulus }
        if signed && low >= modulus >> 1 { low -= modulus }
        return WideInteger(low)
    }

    /// The value's `count` two's-complement little-endian bytes (wrapped to that width).
    public func littleEndianBytes(count: Int) -> [UInt8] {
        var low = wrapped(toBytes: count, signed: false).value.magnitude
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(UInt8(truncatingIfNeeded: low & 0xFF))
            low >>= 8
        }
        return bytes
    }

    public static func + (a: WideInteger, b: WideInteger) -> WideInteger { WideInteger(a.value + b.value) }
    public static func - (a: WideInteger, b: WideInteger) -> WideInteger { WideInteger(a.value - b.value) }
    public static func * (a: WideInteger, b: WideInteger) -> WideInteger { WideInteger(a.value * b.value) }
    public static prefix func - (a: WideInteger) -> WideInteger { WideInteger(-a.value) }
    public static func < (a: WideInteger, b: WideInteger) -> Bool { a.value < b.value }

    /// The quotient truncated toward zero and the remainder with the dividend's sign, as C++ divides;
    /// `nil` when `divisor` is zero.
    public func quotientAndRemainder(dividingBy divisor: WideInteger) -> (
        quotient: WideInteger, remainder: WideInteger
    )? {
        guard !divisor.isZero else { return nil }
        let (q, r) = value.quotientAndRemainder(dividingBy: divisor.value)
        return (WideInteger(q), WideInteger(r))
    }

    /// `10^exponent`.
    public static func powerOfTen(_ exponent: Int) -> WideInteger { WideInteger(BigInt(10).power(exponent)) }

    /// The magnitude, for the digits of a decimal text.
    public var magnitude: WideInteger { WideInteger(BigInt(value.magnitude)) }
}
