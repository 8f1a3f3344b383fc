import SHColumns
import SHCore

/// Output settings that formats read, from ClickHouse's setting names.
public struct FormatSettings: Sendable {
    /// `output_format_pretty_row_numbers` (SwiftHouse's default is off, as the seed page shows).
    public var prettyRowNumbers = false
    /// `output_format_pretty_max_rows`.
    public var prettyMaxRows = 10_000
    /// `output_format_pretty_single_large_number_tip_threshold`.
    public var prettyLargeNumberTipThreshold: Double = 1_000_000
    /// `output_format_json_quote_64bit_integers`.
    public var jsonQuote64BitIntegers = false
    /// `output_format_write_statistics`.
    public var writeStatistics = true
    /// The rows and bytes the query has read so far (JSON's `statistics`); nil: the rows written, 0 bytes.
    public var readStatistics: (@Sendable () -> (rows: UInt64, bytes: UInt64))?

    public init() {}

    /// Reads the settings it knows from a settings map (unknown names are ignored).
    public init(settings: [String: Value]) {
        func flag(_ name: String) -> Bool? {
            guard let value = settings[name] else { return nil }
            if case .string(let bytes) = value {
                return ["1", "true"].contains(String(decoding: bytes, as: UTF8.self).lowercased())
            }
            return value.isTrue
        }
        if let v = flag("output_format_pretty_row_numbers") { prettyRowNumbers = v }
        switch settings["output_format_pretty_max_rows"] {
        // A UInt64 beyond Int.max clamps (its Int64 bit pattern would be negative).
        case .uint(let v)?: prettyMaxRows = Int(clamping: v)
        case let value?: if let v = value.int64 { prettyMaxRows = Int(max(0, v)) }
        case nil: break
        }
        if let v = settings["output_format_pretty_single_large_number_tip_threshold"]?.double {
            prettyLargeNumberTipThreshold = v
        }
        if let v = flag("output_format_json_quote_64bit_integers") { jsonQuote64BitIntegers = v }
        if let v = flag("output_format_write_statistics") { writeStatistics = v }
    }
}

/// A result format: receives chunks as they come and writes bytes.
public protocol OutputFormat {
    mutating func write(_ chunk: Chunk, into out: inout [UInt8])
    mutating func finish(into out: inout [UInt8])
}
