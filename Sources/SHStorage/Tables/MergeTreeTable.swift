import Foundation
import SHCodecs
import SHColumns
import SHCore
import SHSQL
import Synchronization

/// A MergeTree table: immutable parts in ClickHouse's format under `directory`, one per insert block.
///
/// Parts are written under a `tmp_insert_…` name, fsynced and renamed: a crash leaves no visible
/// partial part, and leftovers are removed when the table is opened. Reads see the active parts in
/// block-number order, and rows in part order, so reads are deterministic.
///
/// Concurrency: the name, the active parts and the block counter are behind one `Mutex` (`state`), held only to
/// read or swap them (and across the directory rename of `RENAME TABLE`). Merges of the table are serialised by a
/// second lock (`mergeLock`, see ``withMergeLock(_:)``) so that two merges never pick the same parts. Readers take a
/// snapshot of the parts; a part replaced by a merge keeps its files until its last reader lets go (`retention`).
public final class MergeTreeTable: Table, Sendable {
    public let uuid: UUID
    public let columns: [ColumnDescription]
    /// The sorting, primary and partition keys, evaluated by the engine's expressions.
    public let keys: MergeTreeKeys
    /// The table's TTL rules (applied by merges, recorded in each part's ttl.txt).
    public let ttl: MergeTreeTTL
    /// The engine written in the definition (`MergeTree`, `ReplacingMergeTree`, …): all keep MergeTree's parts and
    /// differ in how their merges combine rows of equal sorting key.
    public let engineName: String
    public let settings: MergeTreeSettings
    /// Codecs given with `CODEC(...)` on columns, by column index (codecs SwiftHouse cannot write fall back to LZ4).
    let columnCodecs: [Int: ColumnCodecs]

    struct State {
        var location: (database: String, name: String, directory: URL, createQuery: CreateTableQuery)
        var parts: [DataPart] = []
        var nextBlockNumber: Int64 = 1
    }

    let state: Mutex<State>
    /// Held for the whole of a merge (choosing its parts, writing the merged part, swapping it in).
    private let mergeLock = Mutex(())
    /// Serialises the commits of new parts (number, rename, add) with each other and with RENAME TABLE, which moves
    /// the directory they rename into. Taken before `state`, never inside it.
    let commitLock = Mutex(())

    public init(
        database: String, name: String, uuid: UUID, createQuery: CreateTableQuery, columns: [ColumnDescription],
        keys: MergeTreeKeys, ttl: MergeTreeTTL = .none, directory: URL, engineName: String = "MergeTree"
    ) throws {
        self.uuid = uuid
        self.engineName = engineName
        self.columns = columns
        self.keys = keys
        self.ttl = ttl
        self.settings = try MergeTreeSettings(createQuery.settings)
        var codecs: [Int: ColumnCodecs] = [:]
        for (index, column) in createQuery.columns.enumerated() {
            if let codec = column.codec.flatMap({ CodecSpecification.writable($0, type: column.type) }) {
                codecs[index] = codec
            }
        }
        self.columnCodecs = codecs
        self.state = Mutex(State(location: (database, name, directory, createQuery)))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try loadParts()
    }

    public var database: String { state.withLock { $0.location.database } }
    public var name: String { state.withLock { $0.location.name } }
    public var createQuery: CreateTableQuery { state.withLock { $0.location.createQuery } }
    public var directory: URL { state.withLock { $0.location.directory } }
    public var dataPath: String? { directory.path + "/" }

    public func snapshot() -> TableSnapshot { .parts(state.withLock { $0.parts }) }

    public func insert(_ blocks: [InsertBlock]) throws {
        for block in blocks where block.chunk.rowCount > 0 {
            let partitionID = try PartitionID.compute(values: block.partitionValues, types: block.partitionTypes)
            let temporary = try writeTemporaryPart(
                partitionID: partitionID, chunks: [block.chunk], partitionValues: block.partitionValues,
                partitionTypes: block.partitionTypes)
            do {
                _ = try commitNewPart(
                    temporary, name: PartName(partitionID: partitionID, minBlock: 0, maxBlock: 0, level: 0))
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
        }
    }

    /// Publishes the part prepared in `temporary` under `name` renumbered with the next block number. The number is
    /// taken, the directory renamed and the part added in one commit (`commitLock`), so that parts become
    /// visible in block-number order (ClickHouse numbers a part when it commits it, not when it starts writing it):
    /// a merge of "the newest parts" can never span a block number whose part is still being written.
    func commitNewPart(_ temporary: URL, name original: PartName) throws -> DataPart {
        // Commits are serialised by `commitLock`; the state lock is held only to read the next number and, once the
        // rename is durable, to add the part: readers (`snapshot()`) never wait for a directory fsync.
        try commitLock.withLock { _ in
            let (number, directory) = state.withLock { ($0.nextBlockNumber, $0.location.directory) }
            var name = original
            name.minBlock = number
            name.maxBlock = number
            let destination = directory.appendingPathComponent(name.description)
            try DurableFiles.rename(temporary, to: destination)
            let part: DataPart
            do {
                part = try DataPart.load(name: name, directory: destination)
            } catch {
                try? FileManager.default.removeItem(at: destination)
                throw error
            }
            state.withLock { state in
                state.nextBlockNumber = number + 1
                state.parts.append(part)
            }
            return part
        }
    }

    /// Moves a part directory prepared elsewhere on the same file system (RESTORE) into the table,
    /// renumbered with a fresh block number as ClickHouse does (level and mutation are kept).
    public func attach(preparedPart source: URL, originalName: PartName) throws -> DataPart {
        try DurableFiles.fsyncDirectory(source)
        return try commitNewPart(source, name: originalName)
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
        let removed = state.withLock { state in
            defer { state.parts = [] }
            return state.parts
        }
        for part in removed { part.retention.retire() }
    }

    public func renamed(database: String, name: String, createQuery: CreateTableQuery) throws {
        try commitLock.withLock { _ in try renamedLocked(database: database, name: name, createQuery: createQuery) }
    }

    private func renamedLocked(database: String, name: String, createQuery: CreateTableQuery) throws {
        try state.withLock { state in
            let newDirectory = state.location.directory.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(escapeForFileName(database))
                .appendingPathComponent(escapeForFileName(name))
            if newDirectory != state.location.directory {
                try FileManager.default.createDirectory(
                    at: newDirectory.deletingLastPathComponent(), withIntermediateDirectories: true)
                try DurableFiles.rename(state.location.directory, to: newDirectory)
                // New `DataPart` values, so that their retention (which deletes a replaced part's directory)
                // points at the new place: a table created later under the old name must not lose its parts.
                state.parts = state.parts.map { part in
                    DataPart(
                        name: part.name, directory: newDirectory.appendingPathComponent(part.name.description),
                        rows: part.rows, bytesOnDisk: part.bytesOnDisk, partType: part.partType,
                        modificationTime: part.modificationTime, hasDeletedRows: part.hasDeletedRows)
                }
            }
            state.location = (database, name, newDirectory, createQuery)
        }
    }

    func setParts(_ loaded: [DataPart], nextBlock: Int64) {
        state.withLock { state in
            state.parts = loaded
            state.nextBlockNumber = max(state.nextBlockNumber, nextBlock)
        }
    }

    /// Swaps the merged part in for `old`, unless one of them left the table meanwhile (a TRUNCATE or DROP during
    /// the merge): then nothing changes and false is returned, so that the merge cannot bring rows back.
    func replaceParts(_ old: [DataPart], with merged: DataPart) -> Bool {
        state.withLock { state in
            let removed = Set(old.map(\.name))
            guard state.parts.filter({ removed.contains($0.name) }).count == removed.count else { return false }
            state.parts.removeAll { removed.contains($0.name) }
            state.parts.append(merged)
            state.parts.sort { $0.name.minBlock < $1.name.minBlock }
            return true
        }
    }

    /// Runs `body` (a merge: choose parts, write the merged part, ``merge(_:partitionValues:partitionTypes:estimatedBytes:produce:)``)
    /// while no other merge of this table runs, waiting for one that does. `OPTIMIZE` uses it.
    public func withMergeLock<R: Sendable>(_ body: () throws -> R) throws -> R {
        try mergeLock.withLock { _ in try body() }
    }

    /// Runs `body` like ``withMergeLock(_:)`` when no other merge of this table runs; returns nil at once otherwise
    /// (the merges after an INSERT skip a turn rather than wait).
    public func withMergeLockIfAvailable<R: Sendable>(_ body: () throws -> R) throws -> R? {
        try mergeLock.withLockIfAvailable { _ in try body() }
    }

    public func dropData() throws {
        try? FileManager.default.removeItem(at: directory)
    }
}
