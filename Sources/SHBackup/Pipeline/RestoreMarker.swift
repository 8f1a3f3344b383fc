import Foundation

/// A file in a table's data directory saying "a RESTORE created this table and has not finished".
/// A table that still has it when the data directory is opened (the process died mid-RESTORE) is dropped,
/// so a crashed RESTORE never leaves a half-restored table behind.
public enum RestoreMarker {
    /// The marker's file name.
    public static let name = ".restore_in_progress"

    /// Creates the directory if needed, and the marker in it.
    public static func set(_ directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data())
    }

    /// Removes the marker (the RESTORE finished).
    public static func clear(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
    }

    /// Whether the marker is in `directory`.
    public static func isSet(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path)
    }
}
