import Foundation
import SHCore
import Synchronization

/// `Memory('name')`: a backup kept in this process, found again by name (for tests and quick copies).
public struct MemoryBackupStorage: BackupStorage {
    /// The backup's name in the process.
    public let name: String
    /// The display form, `Memory('name')`.
    public let displayName: String

    /// Every in-memory backup of the process: name → path → bytes.
    private final class Registry: Sendable {
        let backups = Mutex<[String: [String: (bytes: [UInt8], modified: Date)]]>([:])
    }
    private static let registry = Registry()

    /// The backup called `name` (empty until written).
    public init(name: String, displayName: String) {
        self.name = name
        self.displayName = displayName
    }

    private func withObjects<T>(_ body: (inout [String: (bytes: [UInt8], modified: Date)]) throws -> T) rethrows -> T {
        try Self.registry.backups.withLock { try body(&$0[name, default: [:]]) }
    }

    public func info(of path: String) async throws -> BackupObjectInfo? {
        withObjects { $0[path].map { BackupObjectInfo(size: $0.bytes.count, modified: $0.modified) } }
    }

    public func read(_ path: String) async throws -> [UInt8] {
        guard let bytes = withObjects({ $0[path]?.bytes }) else {
            throw DatabaseError(.fileDoesntExist, "File \(path) of backup \(displayName) doesn't exist")
        }
        return bytes
    }

    public func readChunks(_ path: String) -> AsyncThrowingStream<[UInt8], any Error> {
        let bytes = withObjects { $0[path]?.bytes }
        let name = displayName
        return AsyncThrowingStream { continuation in
            guard let bytes else {
                continuation.finish(
                    throwing: DatabaseError(.fileDoesntExist, "File \(path) of backup \(name) doesn't exist"))
                return
            }
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + (1 << 20))
                continuation.yield(Array(bytes[offset..<end]))
                offset = end
            }
            continuation.finish()
        }
    }

    public func write(_ path: String, bytes: [UInt8]) async throws {
        withObjects { $0[path] = (bytes, Date()) }
    }

    public func write(_ path: String, fromLocalFile localPath: String) async throws {
        guard let data = FileManager.default.contents(atPath: localPath) else {
            throw DatabaseError(.fileDoesntExist, "File \(localPath) doesn't exist")
        }
        try await write(path, bytes: [UInt8](data))
    }

    public func createExclusively(_ path: String, bytes: [UInt8]) async throws -> Bool {
        withObjects { objects in
            if objects[path] != nil { return false }
            objects[path] = (bytes, Date())
            return true
        }
    }

    public func list(prefix: String) async throws -> [String] {
        withObjects { $0.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    public func remove(_ paths: [String]) async throws {
        withObjects { objects in for path in paths { objects.removeValue(forKey: path) } }
    }
}

/// `Null`: discards everything written; nothing can be restored from it.
public struct NullBackupStorage: BackupStorage {
    /// The display form, `Null`.
    public let displayName: String

    /// A storage that discards everything.
    public init(displayName: String) { self.displayName = displayName }

    /// Everything written is discarded.
    public var capabilities: BackupStorageCapabilities { .discardsData }

    public func info(of path: String) async throws -> BackupObjectInfo? { nil }
    public func read(_ path: String) async throws -> [UInt8] {
        throw DatabaseError(.backupNotFound, "Backup \(displayName) not found")
    }
    public func readChunks(_ path: String) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { $0.finish(throwing: DatabaseError(.backupNotFound, "Backup \(displayName) not found")) }
    }
    public func write(_ path: String, bytes: [UInt8]) async throws {}
    public func write(_ path: String, fromLocalFile localPath: String) async throws {}
    public func createExclusively(_ path: String, bytes: [UInt8]) async throws -> Bool { true }
    public func list(prefix: String) async throws -> [String] { [] }
    public func remove(_ paths: [String]) async throws {}
}
