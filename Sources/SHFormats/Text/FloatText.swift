/// ClickHouse's float text: the shortest round-trip digits, in decimal notation for exponents -6…20 and
/// `1e21`-style otherwise; `inf`, `-inf`, `nan`.
enum FloatText {
    static func format(_ value: Double, isFloat32: Bool = false) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let shortest = isFloat32 ? Float(value).description : value.description
        // Split Swift's shortest form into sign, digits and decimal exponent.
        var text = Substring(shortest)
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text = text.dropFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var digits = ""
        var pointPosition = text.count
        if let dot = text.firstIndex(of: ".") {
            pointPosition = text.distance(from: text.startIndex, to: dot)
            digits = String(text[..<dot]) + String(text[text.index(after: dot)...])
        } else {
            digits = String(text)
        }
        // Normalise: strip leading zeros (adjusting the point) and trailing zeros.
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        let decimalExponent = pointPosition + exponent  // value = 0.digits × 10^decimalExponent
        var result = negative ? "-" : ""
        if decimalExponent > 21 || decimalExponent < -5 {
            result += String(digits.first!)
            if digits.count > 1 { result += "." + digits.dropFirst() }
            result += "e\(decimalExponent - 1)"
        } else if decimalExponent <= 0 {
            result += "0." + String(repeating: "0", count: -decimalExponent) + digits
        } else if decimalExponent >= digits.count {
            result += digits + String(repeating: "0", count: decimalExponent - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: decimalExponent)
            result += digits[..<index] + "." + digits[index...]
        }
        return result
    }
}
