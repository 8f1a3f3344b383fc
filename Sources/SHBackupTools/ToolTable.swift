import SHColumns
import SHCore
import SHFormats

/// A result of a `swifthouse backup` command: named, typed columns and rows, printed in any output format.
public struct ToolTable: Sendable {
    /// The columns.
    public var header: [ColumnDescription]
    /// The rows, one value per column.
    public var rows: [[Value]] = []

    /// An empty table of these columns.
    public init(_ columns: [(String, DataType)]) {
        header = columns.map { ColumnDescription(name: $0.0, type: $0.1) }
    }

    /// Adds a row.
    public mutating func append(_ row: [Value]) { rows.append(row) }

    /// The table in output format `format` (`PrettyCompact`, `TabSeparated`, `JSONEachRow`, …).
    public func rendered(format: String) throws -> [UInt8] {
        var output = try FormatRegistry.output(named: format, header: header, settings: FormatSettings())
        var columns = header.map { Column(type: $0.type) }
        for row in rows {
            for (index, value) in row.enumerated() where index < columns.count { columns[index].append(value) }
        }
        var bytes: [UInt8] = []
        if !rows.isEmpty { output.write(Chunk(columns: columns, rowCount: rows.count), into: &bytes) }
        output.finish(into: &bytes)
        return bytes
    }
}

extension Value {
    /// A UInt64 value of a count or size.
    static func count(_ count: Int) -> Value { .uint(UInt64(clamping: count)) }
}
