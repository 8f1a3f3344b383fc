/// The status of a BACKUP or RESTORE operation, with ClickHouse's names and numbers (`system.backups.status`).
public enum BackupStatus: Int8, Sendable, CaseIterable, CustomStringConvertible {
    case creatingBackup = 0
    case backupCreated = 1
    case backupFailed = 2
    case restoring = 3
    case restored = 4
    case restoreFailed = 5
    case backupCancelled = 6
    case restoreCancelled = 7

    public var description: String {
        switch self {
        case .creatingBackup: "CREATING_BACKUP"
        case .backupCreated: "BACKUP_CREATED"
        case .backupFailed: "BACKUP_FAILED"
        case .restoring: "RESTORING"
        case .restored: "RESTORED"
        case .restoreFailed: "RESTORE_FAILED"
        case .backupCancelled: "BACKUP_CANCELLED"
        case .restoreCancelled: "RESTORE_CANCELLED"
        }
    }

    public var isFinished: Bool { self != .creatingBackup && self != .restoring }
}
