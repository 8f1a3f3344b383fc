import SHColumns
import SHCore

/// Every format, by name (aliases included). Adding a format is one file plus one line here.
public enum FormatRegistry {
    typealias OutputFactory = @Sendable ([ColumnDescription], FormatSettings) -> any OutputFormat

    typealias InputParser = @Sendable ([UInt8], [ColumnDescription], FormatSettings) throws -> [Column]

    /// The output formats; a name and its aliases share one factory.
    static let outputs = Registry<OutputFactory>(
        [
            (
                ["TabSeparated", "TSV"],
                { h, _ in TabSeparatedOutput(header: h, names: false, types: false, raw: false) }
            ),
            (
                ["TabSeparatedRaw", "TSVRaw"],
                { h, _ in TabSeparatedOutput(header: h, names: false, types: false, raw: true) }
            ),
            (
                ["TabSeparatedWithNames", "TSVWithNames"],
                { h, _ in TabSeparatedOutput(header: h, names: true, types: false, raw: false) }
            ),
            (
                ["TabSeparatedWithNamesAndTypes", "TSVWithNamesAndTypes"],
                { h, _ in TabSeparatedOutput(header: h, names: true, types: true, raw: false) }
            ),
            (["CSV"], { h, _ in CSVOutput(header: h, names: false) }),
            (["CSVWithNames"], { h, _ in CSVOutput(header: h, names: true) }),
            (
                ["PrettyCompact", "PrettyCompactMonoBlock"],
                { h, s in PrettyOutput(header: h, settings: s, style: .compact) }
            ),
            (["Pretty"], { h, s in PrettyOutput(header: h, settings: s, style: .full) }),
            (["Vertical"], { h, s in VerticalOutput(header: h, settings: s) }),
            (["JSONEachRow"], { h, s in JSONEachRowOutput(header: h, settings: s) }),
            (["JSON"], { h, s in JSONOutput(header: h, settings: s, compact: false) }),
            (["JSONCompact"], { h, s in JSONOutput(header: h, settings: s, compact: true) }),
            (["Values"], { h, _ in ValuesOutput(header: h) }),
            (["Null"], { _, _ in NullOutput() }),
            (["RowBinary"], { h, _ in RowBinaryOutput(header: h, names: false, types: false) }),
            (["RowBinaryWithNames"], { h, _ in RowBinaryOutput(header: h, names: true, types: false) }),
            (["RowBinaryWithNamesAndTypes"], { h, _ in RowBinaryOutput(header: h, names: true, types: true) }),
        ]
    ) { DatabaseError(.unknownFormat, "Unknown output format \($0)") }

    /// The input formats of `INSERT … FORMAT name`; a name and its aliases share one parser.
    static let inputs = Registry<InputParser>(
        [
            (["TabSeparated", "TSV"], { d, h, _ in try TabSeparatedInput.parse(d, header: h, skipNames: false) }),
            (
                ["TabSeparatedWithNames", "TSVWithNames"],
                { d, h, _ in try TabSeparatedInput.parse(d, header: h, skipNames: true) }
            ),
            (["CSV"], { d, h, _ in try CSVInput.parse(d, header: h, skipNames: false) }),
            (["CSVWithNames"], { d, h, _ in try CSVInput.parse(d, header: h, skipNames: true) }),
            (["Values"], { d, h, _ in try ValuesInput.parse(d, header: h) }),
            (["JSONEachRow"], { d, h, _ in try JSONEachRowInput.parse(d, header: h) }),
            (["RowBinary"], { d, h, _ in try RowBinary.parse(d, header: h, names: false, types: false) }),
            (["RowBinaryWithNames"], { d, h, _ in try RowBinary.parse(d, header: h, names: true, types: false) }),
            (
                ["RowBinaryWithNamesAndTypes"],
                { d, h, _ in try RowBinary.parse(d, header: h, names: true, types: true) }
            ),
        ]
    ) { DatabaseError(.unknownFormat, "Unknown input format \($0)") }

    /// The output formats' names (aliases included), sorted.
    public static var outputNames: [String] { outputs.names }

    /// The input formats' names (aliases included), sorted.
    public static var inputNames: [String] { inputs.names }

    /// The output format `name` writing columns of `header`; `UNKNOWN_FORMAT` when there is none.
    public static func output(named name: String, header: [ColumnDescription], settings: FormatSettings) throws
        -> any OutputFormat
    {
        try outputs.entry(named: name)(header, settings)
    }

    /// Parses inline data of `INSERT … FORMAT name` into columns of `header`'s types.
    public static func parseInput(
        named name: String, header: [ColumnDescription], data: [UInt8], settings: FormatSettings
    )
        throws -> [Column]
    {
        try inputs.entry(named: name)(data, header, settings)
    }
}

/// `FORMAT Null`: reads everything, writes nothing.
struct NullOutput: OutputFormat {
    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {}
    mutating func finish(into out: inout [UInt8]) {}
}
