import Foundation
import SHBlockingIO
import SHCore
import SHStorage

#if canImport(Glibc)
    import Glibc
#endif

/// A backup in a local directory (`File('path')`, `Disk('name', 'path')`). Writes go to a temporary name,
/// are fsynced and renamed, so a crash never leaves a half-written object under its real name. Every file system
/// call runs on the blocking-I/O pool (``BlockingIO``), not on the cooperative pool.
public struct LocalDirectoryBackupStorage: BackupStorage {
    public let root: URL
    public let displayName: String
    static let chunkSize = 1 << 20

    public init(root: URL, displayName: String) {
        self.root = root
        self.displayName = displayName
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    public func localPath(of path: String) -> String? { url(path).path }

    /// The directory holding this one, and this one's name: where an archive named like this directory is.
    public func archiveContainer() -> (container: any BackupStorage, name: String)? {
        (
            LocalDirectoryBackupStorage(root: root.deletingLastPathComponent(), displayName: displayName),
            root.lastPathComponent
        )
    }

    public func info(of path: String) async throws -> BackupObjectInfo? {
        try await BlockingIO.run { infoNow(of: path) }
    }

    private func infoNow(of path: String) -> BackupObjectInfo? {
        guard let status = FileStatus(url(path).path), status.isRegularFile else { return nil }
        return BackupObjectInfo(size: status.size, modified: status.modified)
    }

    public func read(_ path: String) async throws -> [UInt8] {
        try await BlockingIO.run { try readNow(path) }
    }

    private func readNow(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url(path).path) else {
            throw DatabaseError(.fileDoesntExist, "File \(path) of backup \(displayName) doesn't exist")
        }
        return [UInt8](data)
    }

    /// Reads on demand, one chunk per request, so memory stays at one chunk whatever the file size.
    public func readChunks(_ path: String) -> AsyncThrowingStream<[UInt8], any Error> {
        let reader = ChunkedFileReader(path: url(path).path, name: path, backup: displayName)
        return AsyncThrowingStream(unfolding: { try await BlockingIO.run { try reader.next() } })
    }

    public func write(_ path: String, bytes: [UInt8]) async throws {
        try await BlockingIO.run { try writeNow(path, bytes: bytes) }
    }

    private func writeNow(_ path: String, bytes: [UInt8]) throws {
        let destination = url(path)
        let temporary = try temporaryURL(for: destination)
        try NewFile.write(bytes, to: temporary)
        try publish(temporary, as: destination)
    }

    public func write(_ path: String, fromLocalFile localPath: String) async throws {
        try await BlockingIO.run {
            let destination = url(path)
            let temporary = try temporaryURL(for: destination)
            do {
                try FileManager.default.copyItem(atPath: localPath, toPath: temporary.path)
            } catch {
                throw DatabaseError.wrap(error)
            }
            try publish(temporary, as: destination)
        }
    }

    public func createExclusively(_ path: String, bytes: [UInt8]) async throws -> Bool {
        try await BlockingIO.run { try createExclusivelyNow(path, bytes: bytes) }
    }

    private func createExclusivelyNow(_ path: String, bytes: [UInt8]) throws -> Bool {
        let destination = url(path)
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(destination.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw DatabaseError(.cannotOpenFile, "Cannot create \(path) of backup \(displayName)")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw DatabaseError(.cannotOpenFile, "Cannot write \(path) of backup \(displayName)")
        }
        try DurableFiles.fsync(descriptor: fd, path: destination.path)
        return true
    }

    public func list(prefix: String) async throws -> [String] {
        try await BlockingIO.run { listNow(prefix: prefix) }
    }

    private func listNow(prefix: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasPrefix(prefix), !relative.contains("/.tmp_"), !relative.hasPrefix(".tmp_") else {
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url(relative).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.append(relative)
            }
        }
        return paths.sorted()
    }

    /// Removes the temporary files (`.tmp_…`) of writes that never got published.
    public func abortIncompleteWrites() async throws {
        try await BlockingIO.run { abortIncompleteWritesNow() }
    }

    private func abortIncompleteWritesNow() {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return }
        var temporaries: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasPrefix(".tmp_") || relative.contains("/.tmp_") { temporaries.append(relative) }
        }
        for path in temporaries { try? FileManager.default.removeItem(at: url(path)) }
    }

    public func remove(_ paths: [String]) async throws {
        try await BlockingIO.run { removeNow(paths) }
    }

    private func removeNow(_ paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(at: url(path)) }
        // Remove directories left empty, deepest first, but never the root itself.
        let directories = Set(
            paths.flatMap { path -> [String] in
                var parts = path.split(separator: "/").dropLast().map(String.init)
                var result: [String] = []
                while !parts.isEmpty {
                    result.append(parts.joined(separator: "/"))
                    parts.removeLast()
                }
                return result
            })
        for directory in directories.sorted(by: { $0.count > $1.count }) {
            if (try? FileManager.default.contentsOfDirectory(atPath: url(directory).path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: url(directory))
            }
        }
    }

    private func temporaryURL(for destination: URL) throws -> URL {
        let directory = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(".tmp_\(UUID().uuidString)_\(destination.lastPathComponent)")
    }

    private func publish(_ temporary: URL, as destination: URL) throws {
        do {
            try DurableFiles.fsyncPath(temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard rename(temporary.path, destination.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw DatabaseError(
                .cannotOpenFile, "Cannot write \(destination.lastPathComponent) of backup \(displayName)")
        }
    }
}

/// Sequential reads of a local file (or of `range` of it) in chunks of bounded size.
// @unchecked: its state is used by one stream's unfolding closure, which runs one `next()` at a time.
final class ChunkedFileReader: @unchecked Sendable {
    private var handle: FileHandle?
    private let path: String
    private let name: String
    private let backup: String
    private var opened = false
    /// Bytes still to read when reading a range.
    private var remaining: Int?
    private let start: Int

    init(path: String, name: String, backup: String, range: Range<Int>? = nil) {
        self.path = path
        self.name = name
        self.backup = backup
        self.start = range?.lowerBound ?? 0
        self.remaining = range?.count
    }

    func next() throws -> [UInt8]? {
        if !opened {
            opened = true
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw DatabaseError(.fileDoesntExist, "File \(name) of backup \(backup) doesn't exist")
            }
            if start > 0 { try handle.seek(toOffset: UInt64(start)) }
            self.handle = handle
        }
        guard let handle else { return nil }
        let count = min(LocalDirectoryBackupStorage.chunkSize, remaining ?? Int.max)
        let data = count > 0 ? try handle.read(upToCount: count) ?? Data() : Data()
        if let left = remaining {
            if data.isEmpty && left > 0 {
                throw DatabaseError(.cannotReadAllData, "File \(name) of backup \(backup) is cut off")
            }
            remaining = left - data.count
        }
        if data.isEmpty {
            try? handle.close()
            self.handle = nil
            return nil
        }
        return [UInt8](data)
    }
}
