import Foundation
import SHCodecs
import SHColumns
import SHCore

/// `ENGINE = Log | TinyLog` in a backup, in ClickHouse's layout under `data/<db>/<table>/`: the table's files as they
/// are (`a.bin`, …, `__marks.mrk` for Log) cut to their recorded sizes, `sizes.json`, `columns.txt`, and for Log
/// `count.txt`.
extension LogTable: BackupableTable {
    /// The files of the table's rows at this moment (partitions do not apply).
    public func backupData(partitions: [String]?, snapshotDirectory: URL) throws -> [TableBackupEntry] {
        let (files, _, directory) = rows.current
        guard files.rowCount > 0 || layout == .tinyLog else { return [] }
        var entries: [TableBackupEntry] = []
        var recorded = files.streams
        if layout == .log { recorded.append(Self.marksFileName) }
        var sizes: [String: Int] = [:]
        for name in recorded {
            guard let bytes = try files.files.read(name, in: directory) else { continue }
            sizes[name] = bytes.count
            entries.append(TableBackupEntry(relativePath: name, source: .bytes(bytes)))
        }
        guard !entries.isEmpty else { return [] }
        entries.append(
            TableBackupEntry(relativePath: "columns.txt", source: .bytes(Array(ColumnsFile.text(columns).utf8))))
        if layout == .log {
            entries.append(
                TableBackupEntry(relativePath: "count.txt", source: .bytes(Array(String(files.rowCount).utf8))))
        }
        entries.append(TableBackupEntry(relativePath: "sizes.json", source: .bytes(Array(SizesFile.text(sizes).utf8))))
        return entries.sorted { $0.relativePath < $1.relativePath }
    }

    /// Reads the table's backup files and decodes every row (so a RESTORED table is readable); they are inserted at
    /// `finalize`. A file that is not one of the table's is refused.
    public func restoreDataFromBackup(_ source: any TableBackupSource, options: TableRestoreOptions) async throws
        -> any RestoredTableData
    {
        let streams = Self.streamFiles(of: columns)
        var allowed = Set(streams + ["sizes.json", "columns.txt"])
        if layout == .log { allowed.formUnion([Self.marksFileName, "count.txt"]) }
        var contents: [String: [UInt8]] = [:]
        for file in source.files {
            guard allowed.contains(file) else {
                throw DatabaseError(
                    .cannotRestoreTable,
                    "Unexpected file \(source.backupName(of: file)) in the backup of \(engineName) table \(qualifiedName)"
                )
            }
            contents[file] = try await source.read(file)
        }
        guard !contents.isEmpty else { return RestoredRows(table: self, chunks: []) }
        var marks: [[LogMark]]? = nil
        if layout == .log {
            marks = try LogFiles.parseMarks(
                contents[Self.marksFileName] ?? [], streams: streams.count,
                file: source.backupName(of: Self.marksFileName))
        }
        let chunks = try LogStreams.read(
            contents, streams: streams, marks: marks, columns: columns, table: qualifiedName)
        if let countText = contents["count.txt"] {
            try NativeTableBackup.checkCount(
                countText, rows: chunks.reduce(0) { $0 + $1.rowCount }, table: qualifiedName)
        }
        return RestoredRows(table: self, chunks: chunks)
    }
}
