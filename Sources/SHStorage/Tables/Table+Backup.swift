import Foundation
import SHCodecs
import SHCore

/// A table that backs up its own data and restores it (ClickHouse's `IStorage::backupData` and
/// `IStorage::restoreDataFromBackup`). The pipeline in SHBackup knows only this protocol: a new engine is one
/// `+Backup` file conforming to it.
public protocol BackupableTable: Table {
    /// The files of the table's data as they go into the backup, under the table's data directory there
    /// (`all_1_1_0/data.bin` for a MergeTree part, `data.bin` for Memory). `partitions`: only these partition ids
    /// (nil: all; ignored by engines without partitions). Files that must not change while they are uploaded are
    /// hard-linked (or copied) into `snapshotDirectory`, which the caller removes afterwards.
    func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry]

    /// Reads the table's data from `source` and prepares it without making it visible: the caller finalizes every
    /// table once every table is ready, or discards what was prepared when the RESTORE fails.
    func restoreDataFromBackup(_ source: any TableBackupSource, options: TableRestoreOptions) async throws
        -> any RestoredTableData
}

/// One file of a table's data in a backup.
public struct TableBackupEntry: Sendable {
    /// Where the bytes are.
    public enum Source: Sendable {
        /// In memory.
        case bytes([UInt8])
        /// In a local file (a snapshot that nothing changes while it is uploaded).
        case file(URL)
    }

    /// The path under the table's data directory in the backup (`all_1_1_0/data.bin`, `count.txt`).
    public var relativePath: String
    /// Where the bytes are.
    public var source: Source

    /// An entry for `relativePath` with bytes from `source`.
    public init(relativePath: String, source: Source) {
        self.relativePath = relativePath
        self.source = source
    }
}

extension TableBackupEntry.Source {
    /// The number of bytes (0 for a file that cannot be read: its upload fails later with the reason).
    public var size: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .file(let url): FileStatus(url.path)?.size ?? 0
        }
    }
}

/// The files of one table's data in a backup, as the restorer hands them to the table. Reads are verified against
/// the manifest and counted in the operation's progress.
public protocol TableBackupSource: Sendable {
    /// Every file of the table's data in the backup, relative to the table's data directory, sorted.
    var files: [String] { get }
    /// The file's full name in the backup, for error messages (`data/db/t/data.bin`).
    func backupName(of relativePath: String) -> String
    /// A whole file, verified.
    func read(_ relativePath: String) async throws -> [UInt8]
    /// Copies a file into a local file, verified (and throttled); returns its size.
    func copy(_ relativePath: String, toLocalFile path: String) async throws -> Int
    /// The size and chained hash the manifest records for the file, once verified by a read.
    func verifiedDigest(of relativePath: String) -> (size: Int, hash: UInt128Hash)?
}

/// How a table restores its data: the element's partitions, and the engine's checks.
public struct TableRestoreOptions: Sendable {
    /// Checks a downloaded MergeTree part completely (it needs the expression evaluator, which SHStorage does not
    /// have); throws the problem found. Arguments: the part directory, its name in the backup, the table, and the
    /// verified digests of its files.
    public typealias PartCheck =
        @Sendable (URL, PartName, MergeTreeTable, [String: (size: Int, hash: UInt128Hash)]) throws -> Void

    /// `PARTITION(S) …` of the element: only these partition ids are restored (nil: all).
    public var partitions: [String]?
    /// `restore_broken_parts_as_detached`: a part that fails its check goes to `detached/`.
    public var detachBrokenParts: Bool
    /// The complete check of a MergeTree part.
    public var checkPart: PartCheck

    /// Options for one table.
    public init(partitions: [String]?, detachBrokenParts: Bool, checkPart: @escaping PartCheck) {
        self.partitions = partitions
        self.detachBrokenParts = detachBrokenParts
        self.checkPart = checkPart
    }
}

/// A table's data read from a backup and checked, not yet visible.
public protocol RestoredTableData: Sendable {
    /// Makes the data visible (attaches the parts, inserts the rows).
    func finalize() throws
    /// Removes what was prepared (the RESTORE failed).
    func discard()
}
