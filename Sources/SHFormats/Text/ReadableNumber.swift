import SHCore

/// The tip ClickHouse's Pretty and Vertical formats write after a large number (`12345678 -- 12.35 million`).
enum ReadableNumber {
    /// Whether values of `type` get tips: numbers and decimals, also when nullable or `LowCardinality`.
    static func hasTips(_ type: DataType) -> Bool {
        let base = type.removingNullable.withoutLowCardinality
        return base.isNumber || base.isDecimal
    }

    /// ` -- 12.35 million` for a finite value whose magnitude is above `threshold` (0 turns tips off), except in
    /// 1e17…1.844675e19 where most 64-bit hashes fall; `nil` otherwise. `text` is the value as written.
    static func tip(_ value: Value, type: DataType, text: String, threshold: Double) -> String? {
        let base = type.removingNullable.withoutLowCardinality
        guard threshold > 0, let number = base.isDecimal ? Double(text) : value.double, number.isFinite else {
            return nil
        }
        let magnitude = abs(number)
        guard magnitude > threshold, !(magnitude > 1e17 && magnitude < 1.844675e19) else { return nil }
        return " -- " + quantity(number)
    }

    static let units = [
        "", " thousand", " million", " billion", " trillion", " quadrillion", " quintillion", " sextillion",
        " septillion", " octillion", " nonillion", " decillion", " undecillion", " duodecillion", " tredecillion",
        " quattuordecillion", " quindecillion", " sexdecillion", " septendecillion", " octodecillion",
        " novemdecillion", " vigintillion",
    ]

    /// ClickHouse's `formatReadableQuantity(value, 2)`: divided by 1000 per unit, two decimals.
    static func quantity(_ value: Double) -> String {
        var size = value
        var unit = 0
        while unit + 1 < units.count, abs(size) >= 1000 {
            size /= 1000
            unit += 1
        }
        // double-conversion's ToFixed gives up from 1e60 on; ClickHouse then writes the shortest form.
        let digits = abs(size) < 1e60 ? fixedTwoDecimals(size) : FloatText.format(size)
        return digits + units[unit]
    }

    /// `value` with two decimals from its exact binary value, a tie rounded away from zero (double-conversion's
    /// `ToFixed(value, 2)`, which differs from `%.2f` on ties: 0.125 → `0.13`).
    static func fixedTwoDecimals(_ value: Double) -> String {
        let sign = value.sign == .minus ? "-" : ""
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude > 0 else { return sign + "0.00" }
        // magnitude = significand × 2^exponent, with an integer significand below 2^53.
        let significand = UInt64(magnitude.significand * 0x1p52)
        let exponent = Int(magnitude.exponent) - 52
        if exponent >= 0 {
            // An integer, perhaps beyond UInt64: the significand's decimal digits, doubled `exponent` times.
            var digits = String(significand).utf8.map { $0 - UInt8(ascii: "0") }
            for _ in 0..<exponent {
                var carry: UInt8 = 0
                for index in digits.indices.reversed() {
                    let doubled = digits[index] * 2 + carry
                    digits[index] = doubled % 10
                    carry = doubled / 10
                }
                if carry > 0 { digits.insert(carry, at: 0) }
            }
            return sign + String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) + ".00"
        }
        let shift = -exponent
        // Below 2^-8 the value rounds to 0.00 (and 100 × significand would not fit the arithmetic below).
        guard shift <= 60 else { return sign + "0.00" }
        let scaled = significand * 100
        var hundredths = scaled >> UInt64(shift)
        if scaled & ((1 << UInt64(shift)) - 1) >= 1 << UInt64(shift - 1) { hundredths += 1 }
        let cents = hundredths % 100
        return sign + "\(hundredths / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }
}
