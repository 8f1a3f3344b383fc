/// One value of any `DataType`, used row-wise (literals, expression results, formats).
///
/// The mapping from types: signed integers → `.int`, unsigned integers, `Bool`, `Date` (days) and
/// `DateTime` (seconds) → `.uint`, floats → `.float`, `String`/`FixedString` → `.string` (raw bytes),
/// `UUID` → `.uuid`, `Array` → `.array`, `Tuple` → `.tuple`, a NULL of `Nullable` → `.null`.
/// `DateTime64` (ticks) and `Decimal32/64` (unscaled integers) → `.int`; `Int128` and `Decimal128` → `.int128`;
/// `UInt128`, `Int256`, `UInt256` and `Decimal256` → `.wide`.
public enum Value: Sendable, Hashable {
    case null
    case int(Int64)
    case uint(UInt64)
    /// A 128-bit integer (the unscaled value of a `Decimal128`).
    case int128(Int128)
    /// An integer of a type wider than `Int128` can hold (`UInt128`, `Int256`, `UInt256`, a `Decimal256`'s unscaled value).
    case wide(WideInteger)
    case float(Double)
    case string([UInt8])
    case uuid(high: UInt64, low: UInt64)
    case array([Value])
    case tuple([Value])

    public static func string(_ text: String) -> Value { .string(Array(text.utf8)) }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as a signed 64-bit integer when it is a number (floats truncate toward zero).
    public var int64: Int64? {
        switch self {
        case .int(let v): v
        case .uint(let v): Int64(truncatingIfNeeded: v)
        case .int128(let v): Int64(truncatingIfNeeded: v)
        case .wide(let v): Int64(bitPattern: v.truncatedBits)
        // Int64(exactly:) after truncation: 9.25e18 is finite but beyond Int64 (Int64(v) would trap).
        case .float(let v): v.isFinite ? Int64(exactly: v.rounded(.towardZero)) : nil
        default: nil
        }
    }

    /// The value as a 128-bit integer when it is an integer.
    public var int128: Int128? {
        switch self {
        case .int(let v): Int128(v)
        case .uint(let v): Int128(v)
        case .int128(let v): v
        case .wide(let v): v.int128
        default: nil
        }
    }

    /// The value as an integer of any width when it is an integer.
    public var wideInteger: WideInteger? {
        switch self {
        case .int(let v): WideInteger(v)
        case .uint(let v): WideInteger(v)
        case .int128(let v): WideInteger(v)
        case .wide(let v): v
        default: nil
        }
    }

    /// The value as a `Double` when it is a number.
    public var double: Double? {
        switch self {
        case .int(let v): Double(v)
        case .uint(let v): Double(v)
        case .int128(let v): Double(v)
        case .wide(let v): v.double
        case .float(let v): v
        default: nil
        }
    }

    /// Truthiness as ClickHouse's `if`/`WHERE` sees it: non-zero numbers are true, NULL is false.
    public var isTrue: Bool {
        switch self {
        case .int(let v): v != 0
        case .uint(let v): v != 0
        case .int128(let v): v != 0
        case .wide(let v): !v.isZero
        case .float(let v): v != 0
        default: false
        }
    }
}

extension Value {
    /// A total order: numbers by value across signedness, strings byte-wise, UUIDs by their second half
    /// first (as ClickHouse does), arrays and tuples lexicographically.
    ///
    /// NULL and NaN sort at the end when `nullsLast` (NaN before NULL, as ClickHouse sorts `NULLS LAST`) and at
    /// the start otherwise (NULL before NaN), at every nesting level, like ClickHouse's `nan_direction_hint`.
    public static func compare(_ a: Value, _ b: Value, nullsLast: Bool = true) -> Int {
        let last = nullsLast ? 1 : -1
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return last
        case (_, .null): return -last
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .uint(let y)): return x < 0 ? -1 : compare(.uint(UInt64(x)), .uint(y))
        case (.uint(let x), .int(let y)): return y < 0 ? 1 : compare(.uint(x), .uint(UInt64(y)))
        case (.int128, .int), (.int128, .uint), (.int128, .int128), (.int, .int128), (.uint, .int128):
            let (x, y) = (a.int128 ?? 0, b.int128 ?? 0)
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.wide, .int), (.wide, .uint), (.wide, .int128), (.wide, .wide), (.int, .wide), (.uint, .wide),
            (.int128, .wide):
            let (x, y) = (a.wideInteger ?? .zero, b.wideInteger ?? .zero)
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)):
            return x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    let n = min(xp.count, yp.count)
                    if n > 0, let xb = xp.baseAddress, let yb = yp.baseAddress {
                        let c = memcmpBytes(xb, yb, n)
                        if c != 0 { return c }
                    }
                    return xp.count < yp.count ? -1 : (xp.count == yp.count ? 0 : 1)
                }
            }
        case (.uuid(let h1, let l1), .uuid(let h2, let l2)):
            // ClickHouse stores a UUID as a UInt128 whose high 64 bits are the text's second half, so UUIDs
            // order by the second half first, then by the first half (both unsigned).
            if l1 != l2 { return l1 < l2 ? -1 : 1 }
            return h1 < h2 ? -1 : (h1 == h2 ? 0 : 1)
        case (.array(let x), .array(let y)), (.tuple(let x), .tuple(let y)):
            for (l, r) in zip(x, y) {
                let c = compare(l, r, nullsLast: nullsLast)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        default:
            if let x = a.double, let y = b.double {
                if x.isNaN || y.isNaN { return x.isNaN ? (y.isNaN ? 0 : last) : -last }
                return x < y ? -1 : (x == y ? 0 : 1)
            }
            return a.kindRank < b.kindRank ? -1 : (a.kindRank == b.kindRank ? 0 : 1)
        }
    }

    private var kindRank: Int {
        switch self {
        case .int, .uint, .int128, .wide, .float: 0
        case .string: 1
        case .uuid: 2
        case .array: 3
        case .tuple: 4
        case .null: 5
        }
    }

    /// The order SQL's comparison operators see: as `compare`, except that a NaN is unordered (`nil`) against
    /// everything, itself included, as IEEE 754 says; tuples compare element by element, so a NaN where they
    /// first differ makes them unordered. Arrays keep the total order, as in ClickHouse (`[nan] = [nan]` is 1).
    public static func sqlCompare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.tuple(let x), .tuple(let y)):
            for (l, r) in zip(x, y) {
                guard let c = sqlCompare(l, r) else { return nil }
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        case (.float(let x), _) where x.isNaN: return b.double == nil ? compare(a, b) : nil
        case (_, .float(let y)) where y.isNaN: return a.double == nil ? compare(a, b) : nil
        default: return compare(a, b)
        }
    }

    /// Equality as SQL `=` sees it (numbers compare by value across kinds, NaN equals nothing).
    public static func sqlEquals(_ a: Value, _ b: Value) -> Bool { sqlCompare(a, b) == 0 }

    /// Structural equality, except that every NaN equals every NaN, so that GROUP BY and DISTINCT put NaNs
    /// together as ClickHouse does (and `-0` equals `0`, as for `Double`).
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.int(let x), .int(let y)): x == y
        case (.uint(let x), .uint(let y)): x == y
        case (.int128(let x), .int128(let y)): x == y
        case (.wide(let x), .wide(let y)): x == y
        case (.float(let x), .float(let y)): x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): x == y
        case (.uuid(let h1, let l1), .uuid(let h2, let l2)): h1 == h2 && l1 == l2
        case (.array(let x), .array(let y)), (.tuple(let x), .tuple(let y)): x == y
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .int(let v): hasher.combine(v)
        case .uint(let v): hasher.combine(v)
        case .int128(let v): hasher.combine(v)
        case .wide(let v): hasher.combine(v)
        case .float(let v): hasher.combine(v.isNaN ? .nan : v)  // `Double` hashes -0 as 0
        case .string(let v): hasher.combine(v)
        case .uuid(let high, let low):
            hasher.combine(high)
            hasher.combine(low)
        case .array(let v):
            hasher.combine(1)
            hasher.combine(v)
        case .tuple(let v):
            hasher.combine(2)
            hasher.combine(v)
        }
    }
}

@inline(__always)
private func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Int {
    for i in 0..<n where a[i] != b[i] {
        return a[i] < b[i] ? -1 : 1
    }
    return 0
}
