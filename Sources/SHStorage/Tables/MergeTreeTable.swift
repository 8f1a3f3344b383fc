import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHSQL

/// A MergeTree table: immutable parts in ClickHouse's format under `directory`, one per insert block.
///
/// Parts are written under a `tmp_insert_…` name, fsynced and renamed: a crash leaves no visible
/// partial part, and leftovers are removed when the table is opened. Reads see the active parts in
/// block-number order, and rows in part order, so reads are deterministic.
public final class MergeTreeTable: Table, @unchecked Sendable {
    public let uuid: UUID
    public let columns: [ColumnDescription]
    public let engineName = "MergeTree"
    /// Column indices of the ORDER BY (sorting) key, used for primary.idx.
    public let sortingKeyColumns: [Int]
    /// Column indices the PARTITION BY expression reads (their min/max go to `minmax_<col>.idx`).
    public let partitionColumnIndices: [Int]
    public let settings: MergeTreeSettings
    /// Codecs given with `CODEC(...)` on columns, by column index (codecs SwiftHouse cannot write fall back to LZ4).
    let columnCodecs: [Int: CompressionCodec]

    private let lock = NSLock()
    private var location: (database: String, name: String, directory: URL, createQuery: CreateTableQuery)
    private var parts: [DataPart] = []
    private var nextBlockNumber: Int64 = 1

    public init(
        database: String, name: String, uuid: UUID, createQuery: CreateTableQuery, columns: [ColumnDescription],
        sortingKeyColumns: [Int], partitionColumns: [Int] = [], directory: URL
    ) throws {
        self.uuid = uuid
        self.columns = columns
        self.sortingKeyColumns = sortingKeyColumns
        self.partitionColumnIndices = partitionColumns
        self.settings = try MergeTreeSettings(createQuery.settings)
        var codecs: [Int: CompressionCodec] = [:]
        for (index, column) in createQuery.columns.enumerated() {
            if let codec = column.codec.flatMap(CodecSpecification.writable) { codecs[index] = codec }
        }
        self.columnCodecs = codecs
        self.location = (database, name, directory, createQuery)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try loadParts()
    }

    public var database: String { lock.withLock { location.database } }
    public var name: String { lock.withLock { location.name } }
    public var createQuery: CreateTableQuery { lock.withLock { location.createQuery } }
    public var directory: URL { lock.withLock { location.directory } }
    public var dataPath: String? { directory.path + "/" }

    public func snapshot() -> TableSnapshot { .parts(lock.withLock { parts }) }

    /// Reserves the next block number (each part of an insert gets its own).
    public func allocateBlockNumber() -> Int64 {
        lock.withLock {
            defer { nextBlockNumber += 1 }
            return nextBlockNumber
        }
    }

    public func insert(_ blocks: [InsertBlock]) throws {
        for block in blocks where block.chunk.rowCount > 0 {
            let number = allocateBlockNumber()
            let partitionID = try PartitionID.compute(values: block.partitionValues, types: block.partitionTypes)
            let name = PartName(partitionID: partitionID, minBlock: number, maxBlock: number, level: 0)
            let part = try writePart(
                named: name, chunks: [block.chunk], partitionValues: block.partitionValues,
                partitionTypes: block.partitionTypes)
            lock.withLock { parts.append(part) }
        }
    }

    /// Moves a part directory prepared elsewhere on the same file system (RESTORE) into the table,
    /// renumbered with a fresh block number as ClickHouse does (level and mutation are kept).
    public func attach(preparedPart source: URL, originalName: PartName) throws -> DataPart {
        let number = allocateBlockNumber()
        var name = originalName
        name.minBlock = number
        name.maxBlock = number
        let destination = directory.appendingPathComponent(name.description)
        try DurableFiles.fsyncDirectory(source)
        try DurableFiles.rename(source, to: destination)
        let part = try DataPart.load(name: name, directory: destination)
        lock.withLock {
            parts.append(part)
            parts.sort { $0.name.minBlock < $1.name.minBlock }
        }
        return part
    }

    /// Moves a part directory prepared elsewhere that did not pass validation to `detached/broken-from-backup_<name>`
    /// (ClickHouse's place for a broken part a RESTORE kept aside); the table does not read it.
    public func detachBroken(preparedPart source: URL, originalName: PartName) throws {
        let detached = directory.appendingPathComponent("detached")
        try FileManager.default.createDirectory(at: detached, withIntermediateDirectories: true)
        var destination = detached.appendingPathComponent("broken-from-backup_\(originalName)")
        var attempt = 1
        while FileManager.default.fileExists(atPath: destination.path) {
            destination = detached.appendingPathComponent("broken-from-backup_\(originalName)_try\(attempt)")
            attempt += 1
        }
        try DurableFiles.rename(source, to: destination)
    }

    /// A fresh temporary directory inside the table's directory (same file system, so a rename can publish it).
    public func makeTemporaryDirectory(prefix: String) throws -> URL {
        let url = directory.appendingPathComponent("\(prefix)_\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    public func truncate() throws {
        let removed = lock.withLock {
            defer { parts = [] }
            return parts
        }
        for part in removed { part.retention.retire() }
    }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        try lock.withLock {
            let newDirectory = location.directory.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(escapeForFileName(database))
                .appendingPathComponent(escapeForFileName(name))
            if newDirectory != location.directory {
                try FileManager.default.createDirectory(
                    at: newDirectory.deletingLastPathComponent(), withIntermediateDirectories: true)
                try DurableFiles.rename(location.directory, to: newDirectory)
                // New `DataPart` values, so that their retention (which deletes a replaced part's directory)
                // points at the new place: a table created later under the old name must not lose its parts.
                parts = parts.map { part in
                    DataPart(
                        name: part.name, directory: newDirectory.appendingPathComponent(part.name.description),
                        rows: part.rows, bytesOnDisk: part.bytesOnDisk, partType: part.partType,
                        modificationTime: part.modificationTime)
                }
            }
            location = (database, name, newDirectory, createQuery)
        }
    }

    func setParts(_ loaded: [DataPart], nextBlock: Int64) {
        lock.withLock {
            parts = loaded
            nextBlockNumber = max(nextBlockNumber, nextBlock)
        }
    }

    func replaceParts(_ old: [DataPart], with merged: DataPart) {
        lock.withLock {
            let removed = Set(old.map(\.name))
            parts.removeAll { removed.contains($0.name) }
            parts.append(merged)
            parts.sort { $0.name.minBlock < $1.name.minBlock }
        }
    }

    public func dropData() throws {
        try? FileManager.default.removeItem(at: directory)
    }
}
