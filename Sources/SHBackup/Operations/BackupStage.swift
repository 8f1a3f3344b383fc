/// The stages of BACKUP and RESTORE, with ClickHouse's names: they appear in progress and errors.
public enum BackupStage: String, Sendable {
    case gatheringMetadata = "gathering metadata"
    case extractingData = "extracting data"
    case writingBackup = "writing backup"
    case completed = "completed"
    case findingTablesInBackup = "finding tables in backup"
    case creatingDatabases = "creating databases"
    case creatingTables = "creating tables"
    case insertingData = "inserting data to tables"
    case finalizing = "finalizing"
}

/// A progress report of a running BACKUP/RESTORE.
public struct BackupProgress: Sendable {
    public var id: String
    public var stage: BackupStage
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesDone: Int
    public var bytesTotal: Int

    public init(id: String, stage: BackupStage, filesDone: Int, filesTotal: Int, bytesDone: Int, bytesTotal: Int) {
        self.id = id
        self.stage = stage
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }
}
