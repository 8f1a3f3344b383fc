import Foundation

/// One immutable data part of a MergeTree table on disk.
public struct DataPart: Sendable, Hashable {
    public var name: PartName
    public var directory: URL
    public var rows: Int
    public var bytesOnDisk: Int
    /// `Wide` or `Compact`.
    public var partType: String
    public var modificationTime: Date

    public init(name: PartName, directory: URL, rows: Int, bytesOnDisk: Int, partType: String, modificationTime: Date) {
        self.name = name
        self.directory = directory
        self.rows = rows
        self.bytesOnDisk = bytesOnDisk
        self.partType = partType
        self.modificationTime = modificationTime
    }

    /// Reads the facts of a part directory (row count from count.txt, type from the files present).
    public static func load(name: PartName, directory: URL) throws -> DataPart {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var bytes = 0
        for file in files {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: directory.appendingPathComponent(file).path)
            bytes += (attributes[.size] as? Int) ?? 0
        }
        let countText = try String(contentsOf: directory.appendingPathComponent("count.txt"), encoding: .utf8)
        let modified =
            (try? FileManager.default.attributesOfItem(atPath: directory.path)[.modificationDate] as? Date) ?? Date()
        return DataPart(
            name: name, directory: directory,
            rows: Int(countText.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0,
            bytesOnDisk: bytes, partType: files.contains("data.bin") ? "Compact" : "Wide",
            modificationTime: modified)
    }
}
