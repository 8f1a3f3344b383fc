import Foundation
import SHCodecs
import SHColumns
import SHCore

/// `ENGINE = Memory` in a backup, in ClickHouse's layout under `data/<db>/<table>/`: `data.bin` (the rows in Native
/// format, a block per insert), `index.mrk` (where each column of each block starts), `count.txt`, `columns.txt` and
/// `sizes.json`, so that ClickHouse restores SwiftHouse's backups of Memory tables and SwiftHouse restores ClickHouse's.
extension MemoryTable {
    /// The names of the files a Memory table's data takes in a backup.
    public static let backupFileNames = ["columns.txt", "count.txt", "data.bin", "index.mrk", "sizes.json"]

    /// The files of `chunks` (a snapshot of this table) in a backup, by name. Nothing for a table without rows,
    /// as ClickHouse writes it.
    public func backupFiles(of chunks: [Chunk]) throws -> [(name: String, bytes: [UInt8])] {
        let rows = chunks.reduce(0) { $0 + $1.rowCount }
        guard rows > 0 else { return [] }
        let (data, index) = try NativeBlocks.write(chunks, columns: columns)
        let count = Array(String(rows).utf8)
        let columnsFile = Array(ColumnsFile.text(columns).utf8)
        let sizes = [
            ("columns.txt", columnsFile.count), ("count.txt", count.count), ("data.bin", data.count),
            ("index.mrk", index.count),
        ]
        let json =
            "{\"clickhouse\":{"
            + sizes.map { "\"\(escapeForFileName($0.0))\":{\"size\":\"\($0.1)\"}" }.joined(separator: ",") + "}}"
        return [
            ("columns.txt", columnsFile), ("count.txt", count), ("data.bin", data), ("index.mrk", index),
            ("sizes.json", Array(json.utf8)),
        ]
    }

    /// The rows of a Memory table's backup files (`data.bin`, checked against `count.txt`), for this table's columns.
    public func restoredChunks(fromBackup files: [String: [UInt8]], table: String) throws -> [Chunk] {
        guard let data = files["data.bin"] else {
            throw DatabaseError(.backupEntryNotFound, "File data.bin of table \(table) not found in backup")
        }
        let bytes = try CompressedBlock.decodeAll(data, fileName: "data.bin")
        let chunks = try NativeBlocks.read(bytes, columns: columns, file: "data.bin of table \(table)")
        if let countText = files["count.txt"] {
            let text = String(decoding: countText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let rows = chunks.reduce(0) { $0 + $1.rowCount }
            guard let expected = Int(text), expected == rows else {
                throw DatabaseError(
                    .incorrectData,
                    "The backup of table \(table) says it has \(text) rows (count.txt), its data.bin holds \(rows)")
            }
        }
        return chunks
    }
}
