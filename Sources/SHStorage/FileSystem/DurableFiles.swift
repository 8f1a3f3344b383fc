import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small helpers for crash-safe file operations: write to a temporary name, fsync, rename.
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
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        try fsyncPath(destination.deletingLastPathComponent())
    }

    /// fsyncs a file or directory.
    public static func fsyncPath(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }

    /// fsyncs every file of a directory, then the directory.
    public static func fsyncDirectory(_ url: URL) throws {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
            try fsyncPath(url.appendingPathComponent(name))
        }
        try fsyncPath(url)
    }
}
