import Foundation
import SHCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small helpers for crash-safe file operations: write to a temporary name, fsync, rename.
///
/// Every failed call throws ClickHouse's error (`CANNOT_FSYNC`, `ATOMIC_RENAME_FAIL`, …) naming the path, with the
/// errno kept as the underlying error: a durability step that did not happen is never ignored.
public enum DurableFiles {
    /// Writes `bytes` to `url` atomically: a temporary file in the same directory, fsync, rename, fsync of the directory.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".tmp_\(UUID().uuidString)_\(url.lastPathComponent)")
        try Data(bytes).write(to: temporary)
        try fsyncPath(temporary)
        try rename(temporary, to: url)
    }

    /// Renames atomically (replacing `destination`), then fsyncs the directory so the rename survives a crash.
    public static func rename(_ source: URL, to destination: URL) throws {
        guard Foundation.rename(source.path, destination.path) == 0 else {
            throw DatabaseError.posix(
                errno, "Cannot rename \(source.path) to", path: destination.path, code: .atomicRenameFail)
        }
        try fsyncPath(destination.deletingLastPathComponent())
    }

    /// fsyncs a file or directory. A file system that cannot fsync a directory (`EINVAL`) is not an error, as in
    /// ClickHouse; any other failure throws `CANNOT_FSYNC`.
    public static func fsyncPath(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw DatabaseError.posix(errno, "Cannot open file", path: url.path) }
        defer { close(fd) }
        try fsync(descriptor: fd, path: url.path)
    }

    /// fsyncs an open descriptor, retrying on `EINTR`; `path` names it in the error.
    public static func fsync(descriptor fd: Int32, path: String) throws {
        while true {
            #if canImport(Glibc)
                let result = Glibc.fsync(fd)
            #else
                let result = Darwin.fsync(fd)
            #endif
            if result == 0 { return }
            let number = errno
            if number == EINTR { continue }
            if number == EINVAL || number == ENOTSUP { return }
            throw DatabaseError.posix(number, "Cannot fsync file", path: path, code: .cannotFsync)
        }
    }

    /// fsyncs every file of a directory, those of its subdirectories (a part's projections) included, then the
    /// directory: each file once (the part writers leave it to this).
    public static func fsyncDirectory(_ url: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw DatabaseError.wrap(error)
        }
        for name in names {
            let entry = url.appendingPathComponent(name)
            if FileStatus(entry.path)?.isDirectory == true {
                try fsyncDirectory(entry)
            } else {
                try fsyncPath(entry)
            }
        }
        try fsyncPath(url)
    }
}
