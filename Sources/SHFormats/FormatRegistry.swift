import SHColumns
import SHCore

/// Every format, by name (aliases included). Adding a format is one file plus one line here.
public enum FormatRegistry {
    typealias OutputFactory = @Sendable ([ColumnDescription], FormatSettings) -> any OutputFormat

    static let outputs: [String: OutputFactory] = [
        "TabSeparated": { h, _ in TabSeparatedOutput(header: h, names: false, types: false, raw: false) },
        "TSV": { h, _ in TabSeparatedOutput(header: h, names: false, types: false, raw: false) },
        "TabSeparatedRaw": { h, _ in TabSeparatedOutput(header: h, names: false, types: false, raw: true) },
        "TSVRaw": { h, _ in TabSeparatedOutput(header: h, names: false, types: false, raw: true) },
        "TabSeparatedWithNames": { h, _ in TabSeparatedOutput(header: h, names: true, types: false, raw: false) },
        "TSVWithNames": { h, _ in TabSeparatedOutput(header: h, names: true, types: false, raw: false) },
        "TabSeparatedWithNamesAndTypes": { h, _ in TabSeparatedOutput(header: h, names: true, types: true, raw: false)
        },
        "TSVWithNamesAndTypes": { h, _ in TabSeparatedOutput(header: h, names: true, types: true, raw: false) },
        "CSV": { h, _ in CSVOutput(header: h, names: false) },
        "CSVWithNames": { h, _ in CSVOutput(header: h, names: true) },
        "PrettyCompact": { h, s in PrettyOutput(header: h, settings: s, style: .compact) },
        "PrettyCompactMonoBlock": { h, s in PrettyOutput(header: h, settings: s, style: .compact) },
        "Pretty": { h, s in PrettyOutput(header: h, settings: s, style: .full) },
        "Vertical": { h, s in VerticalOutput(header: h, settings: s) },
        "JSONEachRow": { h, s in JSONEachRowOutput(header: h, settings: s) },
        "JSON": { h, s in JSONOutput(header: h, settings: s, compact: false) },
        "JSONCompact": { h, s in JSONOutput(header: h, settings: s, compact: true) },
        "Values": { h, _ in ValuesOutput(header: h) },
        "Null": { _, _ in NullOutput() },
    ]

    public static func output(named name: String, header: [ColumnDescription], settings: FormatSettings) throws
        -> any OutputFormat
    {
        guard let factory = outputs[name] else {
            throw DatabaseError(.unknownFormat, "Unknown output format \(name)")
        }
        return factory(header, settings)
    }

    /// Parses inline data of `INSERT … FORMAT name` into columns of `header`'s types.
    public static func parseInput(
        named name: String, header: [ColumnDescription], data: [UInt8], settings: FormatSettings
    )
        throws -> [Column]
    {
        switch name {
        case "TabSeparated", "TSV": return try TabSeparatedInput.parse(data, header: header, skipNames: false)
        case "TabSeparatedWithNames", "TSVWithNames":
            return try TabSeparatedInput.parse(data, header: header, skipNames: true)
        case "CSV": return try CSVInput.parse(data, header: header, skipNames: false)
        case "CSVWithNames": return try CSVInput.parse(data, header: header, skipNames: true)
        case "Values": return try ValuesInput.parse(data, header: header)
        case "JSONEachRow": return try JSONEachRowInput.parse(data, header: header)
        default: throw DatabaseError(.unknownFormat, "Unknown input format \(name)")
        }
    }
}

/// `FORMAT Null`: reads everything, writes nothing.
struct NullOutput: OutputFormat {
    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {}
    mutating func finish(into out: inout [UInt8]) {}
}
