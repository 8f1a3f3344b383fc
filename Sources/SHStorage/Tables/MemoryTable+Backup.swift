import Foundation
import SHCodecs
import SHColumns
import SHCore

/// `ENGINE = Memory` in a backup, in ClickHouse's layout under `data/<db>/<table>/`: `data.bin` (the rows in Native
/// format, a block per insert), `index.mrk` (where each column of each block starts), `count.txt`, `columns.txt` and
/// `sizes.json`, so that ClickHouse restores SwiftHouse's backups of Memory tables and SwiftHouse restores ClickHouse's.
extension MemoryTable: BackupableTable {
    /// The names of the files a Memory table's data takes in a backup.
    public static let backupFileNames = ["columns.txt", "count.txt", "data.bin", "index.mrk", "sizes.json"]

    /// The files of the table's rows at this moment (partitions do not apply to Memory tables).
    public func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry] {
        guard case .chunks(let chunks) = snapshot() else { return [] }
        return try backupFiles(of: chunks).map { TableBackupEntry(relativePath: $0.name, source: .bytes($0.bytes)) }
    }

    /// Reads the table's backup files and decodes its rows completely; they are inserted at `finalize`, when every
    /// table of the RESTORE is ready. A file that is not one of `backupFileNames` is refused.
    public func restoreDataFromBackup(_ source: any TableBackupSource, options: TableRestoreOptions) async throws
        -> any RestoredTableData
    {
        var contents: [String: [UInt8]] = [:]
        for file in source.files {
            guard Self.backupFileNames.contains(file) else {
                throw DatabaseError(
                    .cannotRestoreTable,
                    "Unexpected file \(source.backupName(of: file)) in the backup of Memory table \(qualifiedName)")
            }
            contents[file] = try await source.read(file)
        }
        guard !contents.isEmpty else { return RestoredRows(table: self, chunks: []) }
        return RestoredRows(table: self, chunks: try restoredChunks(fromBackup: contents, table: qualifiedName))
    }

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

/// A Memory table's rows read from a backup, inserted at `finalize`.
struct RestoredRows: RestoredTableData {
    let table: MemoryTable
    let chunks: [Chunk]

    /// Inserts the rows.
    func finalize() throws { try table.insert(chunks.map { InsertBlock(chunk: $0) }) }

    /// Nothing was written anywhere.
    func discard() {}
}
