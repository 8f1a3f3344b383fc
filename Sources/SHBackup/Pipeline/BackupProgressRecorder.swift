/// The record of one operation in the worker: the pipeline reports its stage and counters through it.
struct BackupProgressRecorder: Sendable {
    let worker: BackupsWorker
    let id: String

    /// Enters `stage` (ClickHouse's stage names, shown in progress).
    func stage(_ stage: BackupStage) { worker.update(id) { $0.stage = stage.rawValue } }

    /// Changes the operation's counters.
    func update(_ change: (inout BackupOperationInfo) -> Void) { worker.update(id, change) }
}
