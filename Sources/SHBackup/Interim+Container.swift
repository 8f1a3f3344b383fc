// Interim declarations until the backup container lands (deleted at merge).
import Foundation
import SHCore

public protocol BackupStorage: Sendable {}
public struct LocalDirectoryBackupStorage: BackupStorage { public init(root: URL, displayName: String) {} }
public struct MemoryBackupStorage: BackupStorage { public init(name: String, displayName: String) {} }
public struct NullBackupStorage: BackupStorage { public init(displayName: String) {} }
public struct S3BackupStorage: BackupStorage {
    public init(url: String, accessKeyID: String?, secretAccessKey: String?, displayName: String, environment: [String: String], storageClass: String?) throws {}
}
public struct BackupWriterStatistics: Sendable { public var storedFiles = 0 }
public actor BackupWriter {
    public init(storage: any BackupStorage, uuid: UUID, backupID: String?, timestamp: Date, deduplicateFiles: Bool, base: BackupReader?, baseName: String?, staleLockSeconds: Int) throws {}
    public func begin() async throws {}
    public func addFile(name: String, bytes: [UInt8]) async throws {}
    public func addFile(name: String, localPath: String) async throws {}
    public func commit() async throws {}
    public func abort() async {}
    public var statistics: BackupWriterStatistics { BackupWriterStatistics() }
}
public final class BackupReader: Sendable {
    public static func open(storage: any BackupStorage, name: String, openBase: @Sendable (String) async throws -> BackupReader) async throws -> BackupReader { throw DatabaseError(.notImplemented, "x") }
    public func fileNames(under prefix: String) -> [String] { [] }
    public func read(_ name: String) async throws -> [UInt8] { [] }
    public func copy(_ name: String, toLocalFile path: String) async throws -> Int { 0 }
}
