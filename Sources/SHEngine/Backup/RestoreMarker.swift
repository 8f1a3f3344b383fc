import Foundation

/// A file in a table's data directory saying "a RESTORE created this table and has not finished".
/// A table that still has it when the data directory is opened (the process died mid-RESTORE) is dropped,
/// so a crashed RESTORE never leaves a half-restored table behind.
enum RestoreMarker {
    static let name = ".restore_in_progress"

    static func set(_ directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data())
    }

    static func clear(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
    }

    static func isSet(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }
}
