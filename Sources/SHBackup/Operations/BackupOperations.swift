import Foundation
import SHCore

/// One row of `system.backups`: an operation and its live counters.
public struct BackupOperationInfo: Sendable {
    public var id: String
    /// The redacted destination, e.g. `S3('http://…/b', 'AK', '[HIDDEN]')`.
    public var name: String
    public var baseBackupName: String = ""
    public var queryID: String = ""
    public var status: BackupStatus
    public var error: String = ""
    public var startTime: Date
    public var endTime: Date?
    public var numFiles: UInt64 = 0
    public var totalSize: UInt64 = 0
    public var numEntries: UInt64 = 0
    public var uncompressedSize: UInt64 = 0
    public var compressedSize: UInt64 = 0
    public var filesRead: UInt64 = 0
    public var bytesRead: UInt64 = 0
    /// The stage the operation is in (ClickHouse's stage names), for progress display.
    public var stage: String = ""
}

/// The registry behind `system.backups`: every BACKUP/RESTORE of this process, behind one lock.
public final class BackupOperations: @unchecked Sendable {
    private let lock = NSLock()
    private var operations: [String: BackupOperationInfo] = [:]
    private var order: [String] = []
    private var tasks: [String: Task<Void, Never>] = [:]

    public init() {}

    /// Registers a new operation; fails when the id is already in use, as ClickHouse does.
    public func start(id: String, name: String, baseBackupName: String, restoring: Bool) throws {
        try lock.withLock {
            if operations[id] != nil {
                let kind = restoring ? "restore" : "backup"
                throw DatabaseError(
                    .badArguments,
                    "Cannot start \(kind) with ID '\(id)' because there is another \(kind) with the same ID")
            }
            operations[id] = BackupOperationInfo(
                id: id, name: name, baseBackupName: baseBackupName, status: restoring ? .restoring : .creatingBackup,
                startTime: Date())
            order.append(id)
        }
    }

    /// Changes an operation's record.
    public func update(_ id: String, _ change: (inout BackupOperationInfo) -> Void) {
        lock.withLock {
            if var info = operations[id] {
                change(&info)
                operations[id] = info
            }
        }
    }

    public func finish(_ id: String, status: BackupStatus, error: String = "") {
        update(id) { info in
            info.status = status
            info.error = error
            info.endTime = Date()
        }
        _ = lock.withLock { tasks.removeValue(forKey: id) }
    }

    /// Keeps the task of an ASYNC operation so that `wait` can join it.
    public func attach(_ id: String, task: Task<Void, Never>) {
        lock.withLock { tasks[id] = task }
    }

    /// Waits for an ASYNC operation to finish (used by tests and at shutdown).
    public func wait(_ id: String) async {
        let task = lock.withLock { tasks[id] }
        await task?.value
    }

    /// Waits for every running operation.
    public func waitAll() async {
        let all = lock.withLock { Array(tasks.values) }
        for task in all { await task.value }
    }

    public func info(_ id: String) -> BackupOperationInfo? { lock.withLock { operations[id] } }

    /// All operations in start order.
    public func all() -> [BackupOperationInfo] { lock.withLock { order.compactMap { operations[$0] } } }
}
