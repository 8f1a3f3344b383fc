// Interim formats until the formats module lands (deleted at merge).
import SHColumns
import SHCore

public struct FormatSettings {
    public init() {}
    public init(settings: [String: Value]) {}
}

public protocol OutputFormat {
    mutating func write(_ chunk: Chunk, into out: inout [UInt8])
    mutating func finish(into out: inout [UInt8])
}

struct InterimTSV: OutputFormat {
    mutating func write(_ chunk: Chunk, into out: inout [UInt8]) {
        for row in 0..<chunk.rowCount {
            for (index, column) in chunk.columns.enumerated() {
                if index > 0 { out.append(9) }
                let value = column.value(at: row)
                if value.isNull { out += Array("\\N".utf8) } else { ValueText.writePlain(value, type: column.type, into: &out) }
            }
            out.append(10)
        }
    }
    mutating func finish(into out: inout [UInt8]) {}
}

public enum FormatRegistry {
    public static func output(named: String, header: [ColumnDescription], settings: FormatSettings) throws -> any OutputFormat {
        InterimTSV()
    }
    public static func parseInput(named: String, header: [ColumnDescription], data: [UInt8], settings: FormatSettings) throws -> [Column] {
        throw DatabaseError(.notImplemented, "formats")
    }
}
