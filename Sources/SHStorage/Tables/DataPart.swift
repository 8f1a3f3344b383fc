import Foundation
import SHCore
import Synchronization

/// One immutable data part of a MergeTree table on disk.
public struct DataPart: Sendable, Hashable {
    public var name: PartName
    public var directory: URL
    public var rows: Int
    public var bytesOnDisk: Int
    /// `Wide` or `Compact`.
    public var partType: String
    public var modificationTime: Date
    /// Whether ClickHouse's lightweight DELETE masked rows of the part (a `_row_exists` column): `rows` then counts
    /// deleted rows too, and only reading the part tells how many remain.
    public var hasDeletedRows: Bool
    /// Shared by every copy of this part: removes the directory of a replaced part once no copy is left.
    let retention: PartRetention

    public init(
        name: PartName, directory: URL, rows: Int, bytesOnDisk: Int, partType: String, modificationTime: Date,
        hasDeletedRows: Bool = false
    ) {
        self.name = name
        self.hasDeletedRows = hasDeletedRows
        self.directory = directory
        self.rows = rows
        self.bytesOnDisk = bytesOnDisk
        self.partType = partType
        self.modificationTime = modificationTime
        self.retention = PartRetention(directory: directory)
    }

    public static func == (lhs: DataPart, rhs: DataPart) -> Bool {
        lhs.name == rhs.name && lhs.directory == rhs.directory && lhs.rows == rhs.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(directory)
    }

    /// The total size of the files of the part in `directory`, those of its projection parts (`p.proj/`) included.
    public static func sizeOnDisk(of directory: URL) throws -> Int {
        var bytes = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let url = directory.appendingPathComponent(file)
            guard let status = FileStatus(url.path) else { continue }
            if status.isDirectory {
                if file.hasSuffix(".proj") { bytes += try sizeOnDisk(of: url) }
                continue
            }
            bytes += status.size
        }
        return bytes
    }

    /// Reads the facts of a part directory (row count from count.txt, type from the files present).
    public static func load(name: PartName, directory: URL) throws -> DataPart {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let bytes = try sizeOnDisk(of: directory)
        let countBytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent("count.txt")))
        let rows: Int
        do {
            rows = try PartRowCount.parse(countBytes)
        } catch let error as DatabaseError {
            throw error.adding(context: "While loading part \(directory.path)")
        }
        let modified = FileStatus(directory.path)?.modified ?? Date()
        let columnsText =
            (try? String(contentsOf: directory.appendingPathComponent("columns.txt"), encoding: .utf8)) ?? ""
        return DataPart(
            name: name, directory: directory,
            rows: rows,
            bytesOnDisk: bytes,
            partType: PartMetadata.compactMarksFiles.contains(where: files.contains) ? "Compact" : "Wide",
            modificationTime: modified,
            hasDeletedRows: columnsText.split(separator: "\n").contains("`_row_exists` UInt8"))
    }
}

/// Keeps a replaced (merged away or truncated) part on disk while anything still holds it — a running
/// BACKUP reads the parts of its snapshot — and removes it when the last holder lets go. A crash before
/// that leaves a covered part, which the table removes when it is next opened.
final class PartRetention: Sendable {
    let directory: URL
    private let retired = Atomic(false)

    init(directory: URL) { self.directory = directory }

    func retire() { retired.store(true, ordering: .releasing) }

    deinit {
        if retired.load(ordering: .acquiring) { try? FileManager.default.removeItem(at: directory) }
    }
}
