import SHCodecs
import SHStorage

/// The files of one table's data in a backup (`data/<db>/<table>/…`), as the table reads them to restore itself:
/// every read verified by the `BackupReader`, counted in `system.backups`, and downloads throttled.
struct TableDataInBackup: TableBackupSource {
    let reader: BackupReader
    /// `data/<db>/<table>/`.
    let prefix: String
    let files: [String]
    let progress: BackupProgressRecorder
    let throttle: Throttle?

    /// The data of `database.table` in the backup `reader` opened.
    init(
        reader: BackupReader, database: String, table: String, progress: BackupProgressRecorder, throttle: Throttle?
    ) {
        self.reader = reader
        let prefix = BackupLayout.tableDataPrefix(database: database, table: table)
        self.prefix = prefix
        self.files = reader.fileNames(under: prefix).map { String($0.dropFirst(prefix.count)) }
        self.progress = progress
        self.throttle = throttle
    }

    func backupName(of relativePath: String) -> String { prefix + relativePath }

    func read(_ relativePath: String) async throws -> [UInt8] {
        let bytes = try await reader.read(prefix + relativePath)
        progress.update { info in
            info.filesRead += 1
            info.bytesRead += UInt64(bytes.count)
        }
        return bytes
    }

    func copy(_ relativePath: String, toLocalFile path: String) async throws -> Int {
        let size = try await reader.copy(prefix + relativePath, toLocalFile: path)
        progress.update { info in
            info.filesRead += 1
            info.bytesRead += UInt64(size)
        }
        await throttle?.consume(size)
        return size
    }

    func verifiedDigest(of relativePath: String) -> (size: Int, hash: UInt128Hash)? {
        guard let entry = reader.entry(prefix + relativePath), let hash = entry.checksum else { return nil }
        return (entry.size, hash)
    }
}
