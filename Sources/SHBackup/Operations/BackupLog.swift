import Foundation
import SHCore
import Synchronization

/// `system.backup_log`: the persistent history of BACKUP and RESTORE, as ClickHouse's `BackupLog` keeps it — a row
/// when an operation starts and one when it ends, with its counters — in a JSON-lines file of the data directory,
/// so it survives restarts (`system.backups` holds only this process's operations).
public final class BackupLog: Sendable {
    /// One row.
    public struct Entry: Sendable, Codable, Equatable {
        /// When the row was written, in microseconds since 1970.
        public var eventTime: Int64
        public var id: String
        public var name: String
        public var baseBackupName: String
        public var queryID: String
        public var status: Int8
        public var error: String
        /// Seconds since 1970.
        public var startTime: Int64
        public var endTime: Int64
        public var numFiles: UInt64
        public var totalSize: UInt64
        public var numEntries: UInt64
        public var uncompressedSize: UInt64
        public var compressedSize: UInt64
        public var filesRead: UInt64
        public var bytesRead: UInt64
    }

    /// The file.
    public let path: URL
    private let lock = Mutex(())

    /// The largest tail of the file read (older rows beyond it are not shown).
    static let maxReadSize = 64 << 20

    /// A log kept at `path` (created on the first row).
    public init(path: URL) { self.path = path }

    /// Appends the row of `info` as it is now.
    func append(_ info: BackupOperationInfo) {
        let entry = Entry(
            eventTime: Int64(Date().timeIntervalSince1970 * 1_000_000), id: info.id, name: info.name,
            baseBackupName: info.baseBackupName, queryID: info.queryID, status: info.status.rawValue,
            error: info.error, startTime: Int64(info.startTime.timeIntervalSince1970),
            endTime: Int64(info.endTime?.timeIntervalSince1970 ?? 0), numFiles: info.numFiles,
            totalSize: info.totalSize,
            numEntries: info.numEntries, uncompressedSize: info.uncompressedSize, compressedSize: info.compressedSize,
            filesRead: info.filesRead, bytesRead: info.bytesRead)
        guard var line = try? JSONEncoder().encode(entry) else { return }
        line.append(0x0A)
        lock.withLock { _ in
            // The history is best effort, as ClickHouse's system logs: a full disk must not fail the BACKUP.
            try? FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path.path) {
                _ = FileManager.default.createFile(atPath: path.path, contents: nil)
            }
            guard let handle = try? FileHandle(forWritingTo: path) else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: line)
        }
    }

    /// Every row, oldest first; lines that do not parse (a row cut off by a crash) are skipped.
    public func entries() -> [Entry] {
        lock.withLock { _ -> [Entry] in
            guard let handle = try? FileHandle(forReadingFrom: path) else { return [] }
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            let start = size > UInt64(Self.maxReadSize) ? size - UInt64(Self.maxReadSize) : 0
            try? handle.seek(toOffset: start)
            let data = (try? handle.readToEnd()) ?? Data()
            let decoder = JSONDecoder()
            return data.split(separator: 0x0A).compactMap { try? decoder.decode(Entry.self, from: Data($0)) }
        }
    }
}
