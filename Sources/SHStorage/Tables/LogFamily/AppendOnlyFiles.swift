import Foundation
import SHCore

/// The files of a Log family table, which INSERTs only append to, with their sizes as `sizes.json` records them.
///
/// An INSERT appends (and fsyncs) its bytes, then `commit` replaces `sizes.json`; bytes past a recorded size are an
/// interrupted INSERT's, cut off when the files are opened and overwritten by the next append.
struct AppendOnlyFiles: Sendable {
    /// File name → recorded size in bytes.
    var sizes: [String: Int] = [:]

    /// The files under `directory`: `sizes.json` read, and longer files cut to their recorded size. A file shorter
    /// than recorded throws CORRUPTED_DATA, as ClickHouse's check does.
    static func open(_ directory: URL) throws -> AppendOnlyFiles {
        var files = AppendOnlyFiles()
        let sizesURL = directory.appendingPathComponent("sizes.json")
        guard let bytes = FileManager.default.contents(atPath: sizesURL.path) else { return files }
        files.sizes = try SizesFile.parse([UInt8](bytes), file: sizesURL.path)
        for (file, size) in files.sizes {
            guard !file.contains("/"), file != "..", file != "." else {
                throw DatabaseError(.corruptedData, "File \(sizesURL.path) names a file outside the table: \(file)")
            }
            let url = directory.appendingPathComponent(file)
            let actual = FileStatus(url.path)?.size ?? 0
            guard actual >= size else {
                throw DatabaseError(
                    .corruptedData, "Size of file \(url.path) is wrong. Size is \(actual) but should be \(size)")
            }
            if actual > size {
                guard let handle = FileHandle(forWritingAtPath: url.path) else {
                    throw DatabaseError(.cannotOpenFile, "Cannot open file \(url.path)")
                }
                defer { try? handle.close() }
                try handle.truncate(atOffset: UInt64(size))
            }
        }
        return files
    }

    /// A file's recorded bytes, or nil when it has none.
    func read(_ name: String, in directory: URL) throws -> [UInt8]? {
        guard let size = sizes[name], size > 0 else { return nil }
        let url = directory.appendingPathComponent(name)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw DatabaseError(.cannotOpenFile, "Cannot open file \(url.path)")
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: size) ?? Data()
        guard data.count == size else {
            throw DatabaseError(
                .cannotReadAllData,
                "Cannot read all data. Bytes read: \(data.count). Bytes expected: \(size). File: \(url.path)")
        }
        return [UInt8](data)
    }

    /// Appends `bytes` to the file `name` at its recorded size and fsyncs it; returns the offset they start at.
    /// The new size counts once `commit` has run.
    mutating func append(_ bytes: [UInt8], to name: String, in directory: URL) throws -> Int {
        let offset = sizes[name] ?? 0
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw DatabaseError(.cannotOpenFile, "Cannot create file \(url.path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: url.path) else {
            throw DatabaseError(.cannotOpenFile, "Cannot open file \(url.path)")
        }
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(offset))
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(bytes))
        try DurableFiles.fsync(descriptor: handle.fileDescriptor, path: url.path)
        sizes[name] = offset + bytes.count
        return offset
    }

    /// Records the sizes (atomically) once the appended bytes are durable.
    func commit(in directory: URL) throws {
        try DurableFiles.write(Array(SizesFile.text(sizes).utf8), to: directory.appendingPathComponent("sizes.json"))
    }
}
