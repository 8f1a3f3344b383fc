import Foundation
import SHBlockingIO
import SHCodecs
import SHCore
import SHStorage

/// A backup inside one tar archive (`File('b.tar')`, `S3('…/b.tar.zst')`, `.tar.gz`, `.tar.xz`, `.tar.lzma`,
/// `.tar.bz2`), as ClickHouse 26 writes and reads them.
///
/// Reading: a compressed archive, or one that is not on the local file system, is first copied (decompressed,
/// streaming) into a temporary file; its headers are indexed once and every file is read from its range, so memory
/// stays bounded whatever the archive's size. Writing: files are appended (compressed as they come) to a temporary
/// archive, which is published under its name only when `.backup` is added, so a failed BACKUP never leaves an archive
/// that looks complete. The lock and its heartbeat are kept beside the archive (`b.tar.lock`), not inside it.
public struct TarBackupStorage: BackupStorage {
    public let displayName: String
    let container: any BackupStorage
    let archive: String
    let compression: StreamCompression?
    let state: TarArchiveState

    /// Whether a destination's name is a tar archive's: `.tar`, `.tar.<compression>` or `.tgz` `.tzst` `.txz` `.tbz2`.
    public static func isArchive(_ name: String) -> Bool {
        var lower = name.lowercased()
        if [".tgz", ".tzst", ".txz", ".tbz2"].contains(where: lower.hasSuffix) { return true }
        if StreamCompression.of(fileName: lower) != nil, let dot = lower.lastIndex(of: ".") {
            lower = String(lower[..<dot])
        }
        return lower.hasSuffix(".tar")
    }

    init(container: any BackupStorage, archive: String, displayName: String) {
        self.container = container
        self.archive = archive
        self.displayName = displayName
        compression = StreamCompression.of(fileName: archive)
        state = TarArchiveState()
    }

    /// Paths kept beside the archive rather than in it.
    private func sidePath(_ path: String) -> String? {
        path == BackupLayout.lockPath || path == BackupLayout.heartbeatPath ? archive + path : nil
    }

    private func index() async throws -> TarArchiveState.Index? {
        try await state.index(container: container, archive: archive, compression: compression)
    }

    private func entry(_ path: String) async throws -> (path: String, entry: TarEntry)? {
        guard let index = try await index(), let entry = index.entries[path] else { return nil }
        return (index.path, entry)
    }

    public func info(of path: String) async throws -> BackupObjectInfo? {
        if let side = sidePath(path) { return try await container.info(of: side) }
        if let written = await state.writtenSize(path) { return BackupObjectInfo(size: written, modified: Date()) }
        guard let (_, entry) = try await entry(path) else { return nil }
        return BackupObjectInfo(size: entry.size, modified: nil)
    }

    public func read(_ path: String) async throws -> [UInt8] {
        if let side = sidePath(path) { return try await container.read(side) }
        guard let (file, entry) = try await entry(path) else {
            throw DatabaseError(.fileDoesntExist, "File \(path) of backup \(displayName) doesn't exist")
        }
        guard entry.size <= 1 << 30 else {
            throw DatabaseError(.tooLargeStringSize, "File \(path) of backup \(displayName) is too large to read whole")
        }
        return try await BlockingIO.run {
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw DatabaseError(.fileDoesntExist, "The archive \(file) disappeared")
            }
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(entry.offset))
            let bytes = [UInt8](try handle.read(upToCount: entry.size) ?? Data())
            guard bytes.count == entry.size else { throw TarFormat.bad("\(path) is cut off") }
            return bytes
        }
    }

    public func readChunks(_ path: String) -> AsyncThrowingStream<[UInt8], any Error> {
        if let side = sidePath(path) { return container.readChunks(side) }
        let storage = self
        let cursor = TarReadCursor()
        return AsyncThrowingStream(unfolding: {
            if cursor.reader == nil {
                guard let (file, entry) = try await storage.entry(path) else {
                    throw DatabaseError(.fileDoesntExist, "File \(path) of backup \(storage.displayName) doesn't exist")
                }
                cursor.reader = ChunkedFileReader(
                    path: file, name: path, backup: storage.displayName,
                    range: entry.offset..<(entry.offset + entry.size))
            }
            guard let reader = cursor.reader else { return nil }
            return try await BlockingIO.run { try reader.next() }
        })
    }

    public func write(_ path: String, bytes: [UInt8]) async throws {
        if let side = sidePath(path) { return try await container.write(side, bytes: bytes) }
        try await state.append(path, bytes: bytes, compression: compression)
    }

    public func write(_ path: String, fromLocalFile localPath: String) async throws {
        if let side = sidePath(path) { return try await container.write(side, fromLocalFile: localPath) }
        try await state.append(path, localFile: localPath, compression: compression)
    }

    /// `.backup` ends the archive: it is appended last, the archive finished and published under its name.
    public func createExclusively(_ path: String, bytes: [UInt8]) async throws -> Bool {
        if let side = sidePath(path) { return try await container.createExclusively(side, bytes: bytes) }
        guard path == BackupLayout.manifestPath else {
            if await state.writtenSize(path) != nil { return false }
            try await state.append(path, bytes: bytes, compression: compression)
            return true
        }
        if try await container.info(of: archive) != nil, try await index()?.entries[path] != nil { return false }
        try await state.append(path, bytes: bytes, compression: compression)
        let finished = try await state.finish()
        try await container.write(archive, fromLocalFile: finished.path)
        await state.discardWritten()
        return true
    }

    public func list(prefix: String) async throws -> [String] {
        let written = await state.writtenNames()
        let stored = try await index().map { Array($0.entries.keys) } ?? []
        return Set(written + stored).filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Files of an unpublished archive go with it; the lock files are removed beside the archive.
    public func remove(_ paths: [String]) async throws {
        let side = paths.compactMap(sidePath)
        if !side.isEmpty { try await container.remove(side) }
        if paths.contains(where: { sidePath($0) == nil }) { await state.discardWritten() }
    }

    public func abortIncompleteWrites() async throws { try await container.abortIncompleteWrites() }
}

// @unchecked: used by one stream's unfolding closure, one call at a time.
final class TarReadCursor: @unchecked Sendable {
    var reader: ChunkedFileReader?
}

/// The archive's index (read side) and the temporary archive being written (write side), with their temporary files.
actor TarArchiveState {
    struct Index: Sendable {
        var path: String
        var entries: [String: TarEntry]
    }

    private var prepared: Index?
    private var temporaryRead: URL?
    private var writing: (url: URL, handle: FileHandle, compressor: (any StreamTransform)?)?
    /// The temporary archive being written (kept apart for `deinit`).
    private var writingURL: URL?
    private var written: [String: Int] = [:]

    /// A decompressed archive may be at most this many times its compressed size (plus 64 MiB): a crafted archive
    /// cannot fill the disk.
    static let maxExpansion = 10_000

    deinit {
        if let temporaryRead { try? FileManager.default.removeItem(at: temporaryRead) }
        if let writingURL { try? FileManager.default.removeItem(at: writingURL) }
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("swifthouse-archive-\(UUID().uuidString).tar")
    }

    /// The archive's files, nil when the archive does not exist.
    func index(container: any BackupStorage, archive: String, compression: StreamCompression?) async throws -> Index? {
        if let prepared { return prepared }
        guard let info = try await container.info(of: archive) else { return nil }
        let path: String
        if compression == nil, let local = container.localPath(of: archive) {
            path = local
        } else {
            let url = Self.temporaryFile()
            temporaryRead = url
            let handle = try NewFile.open(url)
            defer { try? handle.close() }
            let decompressor = try compression?.decompressor()
            let limit = info.size.multipliedReportingOverflow(by: Self.maxExpansion).partialValue + (64 << 20)
            var total = 0
            func keep(_ piece: [UInt8]) throws {
                total += piece.count
                guard total <= limit else {
                    throw DatabaseError(
                        .cannotUnpackArchive,
                        "Couldn't unpack tar archive \(archive): it decompresses to more than \(limit) bytes")
                }
                try handle.write(contentsOf: piece)
            }
            for try await chunk in container.readChunks(archive) {
                if let decompressor {
                    try chunk.withUnsafeBytes { try decompressor.update($0, keep) }
                } else {
                    try keep(chunk)
                }
            }
            try decompressor?.finish(keep)
            path = url.path
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DatabaseError(.cannotOpenFile, "Cannot open the archive \(archive)")
        }
        defer { try? handle.close() }
        let entries = try TarFormat.index(size: size) { offset, count in
            try handle.seek(toOffset: UInt64(offset))
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        }
        let index = Index(path: path, entries: Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { $1 }))
        prepared = index
        return index
    }

    func writtenSize(_ path: String) -> Int? { written[path] }
    func writtenNames() -> [String] { Array(written.keys) }

    private func output(compression: StreamCompression?) throws -> (
        url: URL, handle: FileHandle, compressor: (any StreamTransform)?
    ) {
        if let writing { return writing }
        let url = Self.temporaryFile()
        let handle = try NewFile.open(url)
        let opened = (url, handle, try compression?.compressor())
        writing = opened
        writingURL = url
        return opened
    }

    private func emit(_ bytes: [UInt8], compression: StreamCompression?) throws {
        let out = try output(compression: compression)
        if let compressor = out.compressor {
            try bytes.withUnsafeBytes { raw in try compressor.update(raw) { try out.handle.write(contentsOf: $0) } }
        } else {
            try out.handle.write(contentsOf: bytes)
        }
    }

    private func pad(_ size: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: (TarFormat.block - size % TarFormat.block) % TarFormat.block)
    }

    func append(_ path: String, bytes: [UInt8], compression: StreamCompression?) throws {
        guard written[path] == nil else {
            throw DatabaseError(.backupEntryAlreadyExists, "Entry \(path) is already in the archive")
        }
        try emit(TarFormat.header(name: path, size: bytes.count) + bytes + pad(bytes.count), compression: compression)
        written[path] = bytes.count
    }

    func append(_ path: String, localFile: String, compression: StreamCompression?) throws {
        guard written[path] == nil else {
            throw DatabaseError(.backupEntryAlreadyExists, "Entry \(path) is already in the archive")
        }
        let size = (try FileManager.default.attributesOfItem(atPath: localFile)[.size] as? Int) ?? 0
        guard let input = FileHandle(forReadingAtPath: localFile) else {
            throw DatabaseError(.cannotOpenFile, "Cannot open \(localFile)")
        }
        defer { try? input.close() }
        try emit(TarFormat.header(name: path, size: size), compression: compression)
        var copied = 0
        while copied < size {
            let data = try input.read(upToCount: min(1 << 20, size - copied)) ?? Data()
            guard !data.isEmpty else { throw DatabaseError(.cannotReadAllData, "\(localFile) shrank while archived") }
            try emit([UInt8](data), compression: compression)
            copied += data.count
        }
        try emit(pad(size), compression: compression)
        written[path] = size
    }

    /// Ends the archive being written; returns its temporary file (removed by ``discardWritten()``).
    func finish() throws -> URL {
        guard let writing else { throw DatabaseError(.logicalError, "No archive is being written") }
        if let compressor = writing.compressor {
            try TarFormat.end.withUnsafeBytes { raw in
                try compressor.update(raw) { try writing.handle.write(contentsOf: $0) }
            }
            try compressor.finish { try writing.handle.write(contentsOf: $0) }
        } else {
            try writing.handle.write(contentsOf: TarFormat.end)
        }
        try writing.handle.synchronize()
        try writing.handle.close()
        return writing.url
    }

    /// Drops the archive being written.
    func discardWritten() {
        if let writing {
            try? writing.handle.close()
            try? FileManager.default.removeItem(at: writing.url)
        }
        writing = nil
        writingURL = nil
        written = [:]
    }
}
