// Interim declarations until the part writer lands (deleted at merge).
import Foundation
import SHColumns
import SHCore

public enum PartitionID {
    public static func compute(values: [Value], types: [DataType]) throws -> String { "all" }
}

public struct PartWriteOptions {
    public enum Format { case wide, compact }
    public var format = Format.wide
    public var indexGranularity = 8192
    public var primaryKeyColumns: [Int] = []
    public var partitionValues: [Value] = []
    public var partitionTypes: [DataType] = []
    public var partitionColumns: [Int] = []
    public init() {}
}

public final class PartWriter {
    public init(directory: URL, columns: [ColumnDescription], options: PartWriteOptions) throws {
        throw DatabaseError(.notImplemented, "parts")
    }
    public func write(_ chunk: Chunk) throws {}
    public func finish() throws -> Int { 0 }
}
