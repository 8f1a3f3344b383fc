import SHCore

/// `count.txt` of a part: the row count in decimal, nothing else. Parsed as ClickHouse does
/// (`readIntText` of a UInt64, then `assertEOF`), so garbage is an error rather than 0 rows.
public enum PartRowCount {
    /// The row count in `bytes`, or ClickHouse's error: `CANNOT_PARSE_NUMBER` for a sign or an overflow,
    /// `CANNOT_PARSE_INPUT_ASSERTION_FAILED` for anything after the digits (or instead of them).
    public static func parse(_ bytes: [UInt8]) throws -> Int {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            throw DatabaseError(.cannotParseNumber, "Unsigned type must not contain '-' symbol")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") { index += 1 }
        var value = 0
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else {
                throw DatabaseError(.cannotParseNumber, "Cannot parse number: the row count in count.txt overflows")
            }
            value = sum
            index += 1
        }
        guard index == bytes.count, index > digitsStart else {
            let rest = String(decoding: bytes[index...].prefix(64), as: UTF8.self)
            throw DatabaseError(
                .cannotParseInputAssertionFailed,
                index == bytes.count
                    ? "Cannot parse input: expected a number in count.txt"
                    : "Cannot parse input: expected 'eof' before: '\(rest)'")
        }
        return value
    }
}
