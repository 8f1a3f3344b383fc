import SHColumns
import SHCore
import SHExecution
import SHFormats
import SHStorage

/// Every format a result is written in or an INSERT reads: the text formats of ``FormatRegistry`` and the binary
/// ones whose bytes are ClickHouse's column serialization (`Native`), which live beside the part format.
public enum ResultFormats {
    typealias OutputFactory = @Sendable ([ColumnDescription], [String: Value]) -> any OutputFormat

    typealias InputParser = @Sendable ([UInt8], [ColumnDescription], [String: Value]) throws -> [Chunk]

    /// `client_protocol_version`: sent by HTTP clients that read Native blocks with their info fields.
    public static let clientProtocolVersion = "client_protocol_version"

    static let binaryOutputs = Registry<OutputFactory>(
        [
            (
                ["Native"],
                { header, settings in
                    NativeOutput(header: header, blockInfo: (settings[clientProtocolVersion]?.int64 ?? 0) > 0)
                }
            )
        ]
    ) { DatabaseError(.unknownFormat, "Unknown output format \($0)") }

    static let binaryInputs = Registry<InputParser>(
        [
            (
                ["Native"],
                { data, header, settings in
                    try NativeBlocks.read(
                        data, columns: header, file: "Native input",
                        blockInfo: (settings[clientProtocolVersion]?.int64 ?? 0) > 0)
                }
            )
        ]
    ) { DatabaseError(.unknownFormat, "Unknown input format \($0)") }

    /// The output format `name` for columns of `header`, reading the settings it knows; `UNKNOWN_FORMAT` when there
    /// is none. `progress`: the query's counters, for the read statistics some formats print (JSON).
    public static func output(
        named name: String, header: [ColumnDescription], settings: [String: Value], progress: QueryProgress? = nil
    ) throws -> any OutputFormat {
        if binaryOutputs.contains(name) { return try binaryOutputs.entry(named: name)(header, settings) }
        var formatSettings = FormatSettings(settings: settings)
        if let progress {
            formatSettings.readStatistics = {
                let counters = progress.current
                return (counters.readRows, counters.readBytes)
            }
        }
        return try FormatRegistry.output(named: name, header: header, settings: formatSettings)
    }

    /// The chunks of INSERT data in format `name`, in `header`'s columns.
    static func parseInput(named name: String, header: [ColumnDescription], data: [UInt8], settings: [String: Value])
        throws -> [Chunk]
    {
        if binaryInputs.contains(name) { return try binaryInputs.entry(named: name)(data, header, settings) }
        let columns = try FormatRegistry.parseInput(
            named: name, header: header, data: data, settings: FormatSettings(settings: settings))
        return [Chunk(columns: columns)]
    }
}

/// A result's rows in an output format, in pieces of about 64 KiB, pulled one at a time (the rows are produced
/// as the pieces are read).
public struct FormattedResult {
    private var source: AnySource?
    private var format: any OutputFormat
    private var finished = false

    /// Bytes of formatted output gathered before a piece is handed out.
    static let pieceSize = 1 << 16

    /// `result`'s rows in its own `FORMAT`, else `defaultFormat`, with the output `settings`.
    public init(_ result: QueryResult, defaultFormat: String, settings: [String: Value]) throws {
        source = result.source
        format = try ResultFormats.output(
            named: result.format ?? defaultFormat, header: result.header, settings: settings,
            progress: result.progress)
        finished = source == nil
    }

    /// The next piece of output; nil at the end. A result without rows (DDL) has no pieces.
    public mutating func next() throws -> [UInt8]? {
        guard !finished, var rows = source else { return nil }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.pieceSize)
        while buffer.count < Self.pieceSize {
            guard let chunk = try rows.next() else {
                format.finish(into: &buffer)
                finished = true
                source = nil
                return buffer
            }
            format.write(chunk, into: &buffer)
        }
        source = rows
        return buffer
    }
}
