import Foundation
import SHCore

/// Where a backup lives, seen as a flat namespace of relative paths (`.backup`, `data/db/t/all_1_1_0/data.bin`).
///
/// Implementations: local directories (`File`, `Disk`), process memory (`Memory`), discard (`Null`), S3.
public protocol BackupStorage: Sendable {
    /// ClickHouse's display form of the destination, secrets hidden: `S3('…', 'AK', '[HIDDEN]')`.
    var displayName: String { get }
    /// What the storage does differently from a plain store of objects (the pipeline asks this, never the type).
    /// The default is none.
    var capabilities: BackupStorageCapabilities { get }
    /// Size and modification time of an object, nil when it does not exist.
    func info(of path: String) async throws -> BackupObjectInfo?
    /// The whole object; fails when it does not exist.
    func read(_ path: String) async throws -> [UInt8]
    /// The object's bytes in chunks of bounded size.
    func readChunks(_ path: String) -> AsyncThrowingStream<[UInt8], any Error>
    /// Creates or replaces an object.
    func write(_ path: String, bytes: [UInt8]) async throws
    /// Uploads a local file without loading it whole.
    func write(_ path: String, fromLocalFile localPath: String) async throws
    /// Creates the object only if it does not exist yet; returns false if it did (the claim of a destination).
    func createExclusively(_ path: String, bytes: [UInt8]) async throws -> Bool
    /// Every object path under `prefix` (relative to the backup root).
    func list(prefix: String) async throws -> [String]
    /// Removes objects (missing ones are not an error).
    func remove(_ paths: [String]) async throws
    /// Discards writes a dead writer left unfinished under the backup's root, which `list` does not show and
    /// `remove` cannot reach: incomplete S3 multipart uploads (still billed), temporary files of local storages.
    /// The default does nothing.
    func abortIncompleteWrites() async throws
    /// The path of an object on the local file system, when the storage keeps it there (nil by default).
    func localPath(of path: String) -> String?
    /// The storage one level up and this storage's name in it, for a destination that names an archive
    /// (`File('b.tar')`, `S3('…/b.tar.zst')`); nil when the storage cannot hold archives (the default).
    func archiveContainer() -> (container: any BackupStorage, name: String)?
    /// Whether `copy(_:from:to:)` can copy objects of `source` into this storage without their bytes passing
    /// through this process (an S3 bucket into itself: CopyObject). False by default.
    func canCopy(from source: any BackupStorage) -> Bool
    /// Copies object `sourcePath` of `source` (`size` bytes) to `path` here; only when `canCopy(from:)` said so.
    func copy(_ sourcePath: String, size: Int, from source: any BackupStorage, to path: String) async throws
}

extension BackupStorage {
    /// A plain store of objects.
    public var capabilities: BackupStorageCapabilities { [] }

    /// Nothing is ever left half-written.
    public func abortIncompleteWrites() async throws {}

    /// Not on the local file system.
    public func localPath(of path: String) -> String? { nil }

    /// Holds no archives.
    public func archiveContainer() -> (container: any BackupStorage, name: String)? { nil }

    /// Copies nothing by itself.
    public func canCopy(from source: any BackupStorage) -> Bool { false }

    /// Never called: `canCopy(from:)` is false.
    public func copy(_ sourcePath: String, size: Int, from source: any BackupStorage, to path: String) async throws {
        throw DatabaseError(.notImplemented, "\(displayName) cannot copy objects of \(source.displayName) by itself")
    }
}

/// Facts about one stored object.
public struct BackupObjectInfo: Sendable {
    /// Bytes.
    public var size: Int
    /// Last modification, when the storage knows it.
    public var modified: Date?

    /// Facts about an object.
    public init(size: Int, modified: Date?) {
        self.size = size
        self.modified = modified
    }
}

/// What a storage declares about itself, so that the pipeline never tests its type.
public struct BackupStorageCapabilities: OptionSet, Sendable {
    /// The raw bits.
    public let rawValue: Int

    /// Creates the set from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Writes are accepted and discarded; nothing can be read back (`Null`).
    public static let discardsData = BackupStorageCapabilities(rawValue: 1 << 0)
}
