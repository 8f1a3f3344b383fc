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
