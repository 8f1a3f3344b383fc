import Foundation
import SHCodecs
import SHCore

/// Which skip indexes and projections a part directory holds files of, whatever the table's definition says now:
/// a part written before `DROP INDEX` or `DROP PROJECTION` keeps them, and ClickHouse would read them as a new index
/// or projection of the same name.
public enum PartIndexFiles {
    /// Whether the part in `directory` holds files of the skip index `name`, on their own
    /// (`skp_idx_<name>.idx2`, …) or inside `skp_idx.packed`.
    public static func holdsSkipIndex(_ name: String, in directory: URL) throws -> Bool {
        let stem = "skp_idx_" + escapeForFileName(name) + "."
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        if files.contains(where: { $0.hasPrefix(stem) }) { return true }
        guard files.contains(SkipIndexWriter.packedFileName) else { return false }
        let archive = directory.appendingPathComponent(SkipIndexWriter.packedFileName)
        return try packedNames(of: archive).contains { $0.hasPrefix(stem) }
    }

    /// Whether the part in `directory` holds the projection `name` (`<name>.proj/`).
    public static func holdsProjection(_ name: String, in directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(name + ".proj").path)
    }

    /// The names of the files in a `skp_idx.packed` archive (its header: version 1, a UInt64 count, then per file
    /// its name and three UInt64), read with every count bounded by the file.
    static func packedNames(of archive: URL) throws -> [String] {
        let handle = try FileHandle(forReadingFrom: archive)
        defer { try? handle.close() }
        // The header holds names and offsets only; 1 MiB bounds it (ClickHouse packs small files only).
        var reader = ByteReader([UInt8](try handle.read(upToCount: 1 << 20) ?? Data()))
        guard try reader.read(UInt8.self) == 1 else {
            throw DatabaseError(.corruptedData, "Unknown version of packed skip index archive \(archive.path)")
        }
        let count = try reader.read(UInt64.self)
        guard count <= UInt64(reader.remaining / 25) else {
            throw DatabaseError(.corruptedData, "Packed skip index archive \(archive.path) lists \(count) files")
        }
        var names: [String] = []
        for _ in 0..<count {
            let length = try reader.readVarUInt()
            guard length <= UInt64(reader.remaining) else {
                throw DatabaseError(.corruptedData, "Packed skip index archive \(archive.path) is damaged")
            }
            try reader.require(Int(length) + 24)
            names.append(String(decoding: reader.bytes[reader.offset..<(reader.offset + Int(length))], as: UTF8.self))
            reader.offset += Int(length) + 24
        }
        return names
    }
}
