import Foundation
import SHCodecs
import SHColumns
import SHCore

/// `ENGINE = Memory` in a backup, in ClickHouse's layout under `data/<db>/<table>/` (`NativeTableBackup`), so that
/// ClickHouse restores SwiftHouse's backups of Memory tables and SwiftHouse restores ClickHouse's.
extension MemoryTable: BackupableTable {
    /// The files of the table's rows at this moment (partitions do not apply to Memory tables).
    public func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry] {
        guard case .chunks(let chunks) = snapshot() else { return [] }
        let rows = chunks.reduce(0) { $0 + $1.rowCount }
        guard rows > 0 else { return [] }
        let (data, index) = try NativeBlocks.write(chunks, columns: columns)
        return NativeTableBackup.entries(
            data: data, index: index, rows: rows, columns: columns,
            sized: ["columns.txt", "count.txt", "data.bin", "index.mrk"])
    }

    /// Reads the table's backup files and decodes its rows completely; they are inserted at `finalize`, when every
    /// table of the RESTORE is ready.
    public func restoreDataFromBackup(_ source: any TableBackupSource, options: TableRestoreOptions) async throws
        -> any RestoredTableData
    {
        let chunks = try await NativeTableBackup.restoredChunks(
            source, columns: columns, table: qualifiedName, engine: engineName)
        return RestoredRows(table: self, chunks: chunks)
    }
}

/// A table kept in ClickHouse's Native format in a backup (Memory, StripeLog): `data.bin` (the rows, a block per
/// INSERT), `index.mrk` (where each column of each block starts), `count.txt`, `columns.txt` and `sizes.json`.
enum NativeTableBackup {
    /// The names of the files such a table's data takes in a backup.
    static let fileNames = ["columns.txt", "count.txt", "data.bin", "index.mrk", "sizes.json"]

    /// The backup entries of a table whose `data.bin` and `index.mrk` are `data` and `index`; `sizes.json` lists
    /// the files named `sized` (ClickHouse: all four for Memory, the two data files for StripeLog).
    static func entries(
        data: [UInt8], index: [UInt8], rows: Int, columns: [ColumnDescription], sized: Set<String>
    ) -> [TableBackupEntry] {
        let count = Array(String(rows).utf8)
        let columnsFile = Array(ColumnsFile.text(columns).utf8)
        let sizes = [
            "columns.txt": columnsFile.count, "count.txt": count.count, "data.bin": data.count,
            "index.mrk": index.count,
        ].filter { sized.contains($0.key) }
        return [
            ("columns.txt", columnsFile), ("count.txt", count), ("data.bin", data), ("index.mrk", index),
            ("sizes.json", Array(SizesFile.text(sizes).utf8)),
        ].map { TableBackupEntry(relativePath: $0.0, source: .bytes($0.1)) }
    }

    /// Reads the backup files of a table with `columns` and decodes every row (checked against `count.txt`); a file
    /// that is not one of `fileNames` is refused.
    static func restoredChunks(
        _ source: any TableBackupSource, columns: [ColumnDescription], table: String, engine: String
    ) async throws -> [Chunk] {
        var files: [String: [UInt8]] = [:]
        for file in source.files {
            guard fileNames.contains(file) else {
                throw DatabaseError(
                    .cannotRestoreTable,
                    "Unexpected file \(source.backupName(of: file)) in the backup of \(engine) table \(table)")
            }
            files[file] = try await source.read(file)
        }
        guard !files.isEmpty else { return [] }
        guard let data = files["data.bin"] else {
            throw DatabaseError(.backupEntryNotFound, "File data.bin of table \(table) not found in backup")
        }
        let chunks = try rows(ofDataFile: data, columns: columns, table: table)
        if let countText = files["count.txt"] {
            try checkCount(countText, rows: chunks.reduce(0) { $0 + $1.rowCount }, table: table)
        }
        return chunks
    }

    /// The rows of a Native `data.bin`.
    static func rows(ofDataFile data: [UInt8], columns: [ColumnDescription], table: String) throws -> [Chunk] {
        let bytes = try CompressedBlock.decodeAll(data, fileName: "data.bin")
        return try NativeBlocks.read(bytes, columns: columns, file: "data.bin of table \(table)")
    }

    /// Throws INCORRECT_DATA unless `count.txt` says `rows`.
    static func checkCount(_ countText: [UInt8], rows: Int, table: String) throws {
        let text = String(decoding: countText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let expected = Int(text), expected == rows else {
            throw DatabaseError(
                .incorrectData,
                "The backup of table \(table) says it has \(text) rows (count.txt), its data holds \(rows)")
        }
    }
}

/// A table's rows read from a backup (Memory, Log family), inserted at `finalize`.
struct RestoredRows: RestoredTableData {
    let table: any Table
    let chunks: [Chunk]

    /// Inserts the rows.
    func finalize() throws { try table.insert(chunks.map { InsertBlock(chunk: $0) }) }

    /// Nothing was written anywhere.
    func discard() {}
}
