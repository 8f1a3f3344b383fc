// Interim declarations until the part format lands (deleted at merge).
import Foundation
import SHColumns
import SHCore

public struct PartName: Sendable, Hashable, CustomStringConvertible {
    public var partitionID: String
    public var minBlock: Int64
    public var maxBlock: Int64
    public var level: Int
    public var mutation: Int64?
    public init(partitionID: String, minBlock: Int64, maxBlock: Int64, level: Int, mutation: Int64? = nil) {
        self.partitionID = partitionID
        self.minBlock = minBlock
        self.maxBlock = maxBlock
        self.level = level
        self.mutation = mutation
    }
    public init(parsing text: String) throws { throw DatabaseError(.notImplemented, "parts") }
    public var description: String { "\(partitionID)_\(minBlock)_\(maxBlock)_\(level)" }
}

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

public func escapeForFileName(_ name: String) -> String { name }
public func unescapeForFileName(_ name: String) -> String { name }
