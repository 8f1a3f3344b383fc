import Foundation
import SHCore
import SHSQL
import SHStorage
import Synchronization

/// One row of `system.backups`: an operation and its live counters.
public struct BackupOperationInfo: Sendable {
    /// The operation's id (`SETTINGS id = …`, else a fresh UUID).
    public var id: String
    /// The redacted destination, e.g. `S3('http://…/b', 'AK', '[HIDDEN]')`.
    public var name: String
    /// The redacted `base_backup`, or empty.
    public var baseBackupName: String = ""
    /// The query's id (empty: SwiftHouse does not assign one).
    public var queryID: String = ""
    /// Where the operation is.
    public var status: BackupStatus
    /// The error of a failed operation, as ClickHouse renders it.
    public var error: String = ""
    /// When it started.
    public var startTime: Date
    /// When it finished.
    public var endTime: Date?
    /// BACKUP: files gathered.
    public var numFiles: UInt64 = 0
    /// BACKUP: bytes gathered.
    public var totalSize: UInt64 = 0
    /// BACKUP: objects stored (not de-duplicated, not in the base).
    public var numEntries: UInt64 = 0
    /// BACKUP: bytes before compression.
    public var uncompressedSize: UInt64 = 0
    /// BACKUP: bytes after compression.
    public var compressedSize: UInt64 = 0
    /// Files done (uploaded by a BACKUP, read by a RESTORE).
    public var filesRead: UInt64 = 0
    /// Bytes read by a RESTORE.
    public var bytesRead: UInt64 = 0
    /// Bytes uploaded by a BACKUP so far (for progress; not a column of `system.backups`).
    public var bytesWritten: UInt64 = 0
    /// The stage the operation is in (ClickHouse's stage names), for progress display.
    public var stage: String = ""
    /// The settings the statement gave (`system.backups.settings`), secrets hidden.
    public var settings: [(name: String, value: String)] = []
}

/// Every BACKUP and RESTORE of this process (ClickHouse's `BackupsWorker`): starts them (an id may be used once),
/// runs them now or, with `ASYNC`, in the background, records their stage, counters, status and error
/// (`system.backups`), and joins them (`wait`, `waitAll`).
public final class BackupsWorker: Sendable {
    private struct State {
        var operations: [String: BackupOperationInfo] = [:]
        var order: [String] = []
        var tasks: [String: Task<Void, Never>] = [:]
    }
    private let state = Mutex(State())
    /// Where each operation's start and end are recorded (`system.backup_log`), if anywhere.
    public let log: BackupLog?

    /// An empty worker, recording into `log`.
    public init(log: BackupLog? = nil) { self.log = log }

    /// BACKUP `elements` TO `spec`: opens the destination, registers the operation and runs it (in the background
    /// when `async`). Returns the operation's id and its status at return.
    public func backup(
        _ elements: [BackupElement], to spec: BackupEngineSpec, settings: BackupSettings, async: Bool,
        host: any BackupHost
    ) async throws -> (id: String, status: BackupStatus) {
        let storage = try BackupEngineRegistry.open(
            spec, locations: host.locations, options: BackupEngineOptions(storageClass: settings.s3StorageClass))
        return try await launch(spec, settings: settings, async: async, restoring: false) { id, progress in
            try await Self.doBackup(
                elements, id: id, storage: storage, settings: settings, host: host, progress: progress)
        }
    }

    /// RESTORE `elements` FROM `spec`: opens the backup's storage, registers the operation and runs it (in the
    /// background when `async`). Returns the operation's id and its status at return.
    public func restore(
        _ elements: [BackupElement], from spec: BackupEngineSpec, settings: BackupSettings, async: Bool,
        host: any BackupHost
    ) async throws -> (id: String, status: BackupStatus) {
        let storage = try BackupEngineRegistry.open(spec, locations: host.locations, options: BackupEngineOptions())
        return try await launch(spec, settings: settings, async: async, restoring: true) { _, progress in
            try await Self.doRestore(
                elements, spec: spec, storage: storage, settings: settings, host: host, progress: progress)
        }
    }

    /// Registers an operation on `spec` under the id of `settings` (or a new one) and runs `body` with that id and
    /// the operation's progress recorder.
    private func launch(
        _ spec: BackupEngineSpec, settings: BackupSettings, async: Bool, restoring: Bool,
        _ body: @escaping @Sendable (String, BackupProgressRecorder) async throws -> Void
    ) async throws -> (id: String, status: BackupStatus) {
        let id = settings.id ?? UUID().uuidString.lowercased()
        try start(
            id: id, name: spec.displayName, baseBackupName: settings.baseBackup?.displayName ?? "",
            restoring: restoring, settings: settings.given)
        let progress = BackupProgressRecorder(worker: self, id: id)
        return try await run(id: id, async: async, restoring: restoring) { try await body(id, progress) }
    }

    /// Gathers the entries, opens the base chain, then writes through a `BackupWriter` (claim with `.lock`, upload
    /// with de-duplication and `use_base`, `.backup` last, everything removed on failure).
    private static func doBackup(
        _ elements: [BackupElement], id: String, storage: any BackupStorage, settings: BackupSettings,
        host: any BackupHost, progress: BackupProgressRecorder
    ) async throws {
        progress.stage(.gatheringMetadata)
        let snapshotDirectory = host.temporaryDirectory.appendingPathComponent("backup_\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: snapshotDirectory) }
        let collector = BackupEntriesCollector(host: host, elements: elements, structureOnly: settings.structureOnly)
        let entries = try collector.collect(snapshotDirectory: snapshotDirectory)
        let total = entries.reduce(0) { $0 + $1.source.size }
        progress.update { info in
            info.numFiles = UInt64(entries.count)
            info.totalSize = UInt64(total)
            info.stage = BackupStage.writingBackup.rawValue
        }
        let base = try await settings.baseBackup.asyncMap { base in
            try await BackupChain.open(
                base, origin: .user, locations: host.locations,
                sameCredentialsForBase: settings.sameS3CredentialsForBase)
        }
        let uuid = settings.id == nil ? (UUID(uuidString: id) ?? UUID()) : UUID()
        let writer = try BackupWriter(
            storage: storage, uuid: uuid, backupID: settings.id, timestamp: Date(),
            deduplicateFiles: settings.deduplicateFiles, base: base, baseName: settings.baseBackup?.manifestName,
            copyS3CredentialsToBase: settings.baseBackup?.isS3 ?? false, staleLockSeconds: settings.staleLockSeconds,
            checksumNamePrefixLength: settings.checksumNamePrefixLength)
        try await writer.begin()
        do {
            let upload = BackupEntriesWriter(
                writer: writer, throttle: settings.maxBandwidth.map { Throttle(bytesPerSecond: $0) },
                progress: progress)
            try await upload.write(entries)
            try await writer.commit()
        } catch {
            await writer.abort()
            throw error
        }
        let stats = writer.statistics
        progress.update { info in
            info.numEntries = UInt64(stats.storedFiles)
            info.uncompressedSize = UInt64(total)
            info.compressedSize = UInt64(total)
            info.stage = BackupStage.completed.rawValue
        }
    }

    /// Opens the backup with its chain of bases, then restores with a `RestorerFromBackup`.
    private static func doRestore(
        _ elements: [BackupElement], spec: BackupEngineSpec, storage: any BackupStorage, settings: BackupSettings,
        host: any BackupHost, progress: BackupProgressRecorder
    ) async throws {
        progress.stage(.findingTablesInBackup)
        // A RESTORE's own `base_backup` setting overrides the base its manifest names (both are then followed).
        let reader: BackupReader
        if let base = settings.baseBackup {
            let baseReader = try await BackupChain.open(
                base, origin: .user, locations: host.locations,
                sameCredentialsForBase: settings.sameS3CredentialsForBase)
            reader = try await BackupReader.open(storage: storage, name: spec.displayName) { _ in baseReader }
        } else {
            reader = try await BackupChain.open(
                spec, storage: storage, origin: .user, locations: host.locations,
                sameCredentialsForBase: settings.sameS3CredentialsForBase)
        }
        // As ClickHouse: a RESTORE's file count and size are the backup's.
        let files = reader.manifest.files
        progress.update { info in
            info.numFiles = UInt64(files.count)
            info.totalSize = files.reduce(0) { $0 + UInt64(max(0, $1.size)) }
        }
        let restorer = RestorerFromBackup(
            host: host, reader: reader, elements: elements, settings: settings, progress: progress)
        try await restorer.run()
    }

    /// Runs the operation now, or in a background task for ASYNC; records the final status.
    private func run(id: String, async: Bool, restoring: Bool, _ body: @escaping @Sendable () async throws -> Void)
        async throws -> (id: String, status: BackupStatus)
    {
        let success: BackupStatus = restoring ? .restored : .backupCreated
        let failure: BackupStatus = restoring ? .restoreFailed : .backupFailed
        if async {
            let task = Task {
                do {
                    try await body()
                    self.finish(id, status: success)
                } catch {
                    self.finish(id, status: failure, error: DatabaseError.wrap(error).description)
                }
            }
            state.withLock { $0.tasks[id] = task }
            return (id, restoring ? .restoring : .creatingBackup)
        }
        do {
            try await body()
        } catch {
            finish(id, status: failure, error: DatabaseError.wrap(error).description)
            throw error
        }
        finish(id, status: success)
        return (id, success)
    }

    /// Registers a new operation; fails when the id is already in use, as ClickHouse does.
    func start(
        id: String, name: String, baseBackupName: String, restoring: Bool,
        settings: [(name: String, value: String)] = []
    ) throws {
        let info = try state.withLock { state in
            if state.operations[id] != nil {
                let kind = restoring ? "restore" : "backup"
                throw DatabaseError(
                    .badArguments,
                    "Cannot start \(kind) with ID '\(id)' because there is another \(kind) with the same ID")
            }
            var info = BackupOperationInfo(
                id: id, name: name, baseBackupName: baseBackupName, status: restoring ? .restoring : .creatingBackup,
                startTime: Date())
            info.settings = settings
            state.operations[id] = info
            state.order.append(id)
            return info
        }
        log?.append(info)
    }

    /// Changes an operation's record.
    func update(_ id: String, _ change: (inout BackupOperationInfo) -> Void) {
        state.withLock { state in
            if var info = state.operations[id] {
                change(&info)
                state.operations[id] = info
            }
        }
    }

    /// Records the final status (and error) of an operation.
    func finish(_ id: String, status: BackupStatus, error: String = "") {
        let finished = state.withLock { state -> BackupOperationInfo? in
            defer { state.tasks.removeValue(forKey: id) }
            guard var info = state.operations[id] else { return nil }
            info.status = status
            info.error = error
            info.endTime = Date()
            state.operations[id] = info
            return info
        }
        if let finished { log?.append(finished) }
    }

    /// Waits for an ASYNC operation to finish (used by tests and at shutdown).
    public func wait(_ id: String) async {
        let task = state.withLock { $0.tasks[id] }
        await task?.value
    }

    /// Waits for every running operation.
    public func waitAll() async {
        let all = state.withLock { Array($0.tasks.values) }
        for task in all { await task.value }
    }

    /// The record of one operation.
    public func info(_ id: String) -> BackupOperationInfo? { state.withLock { $0.operations[id] } }

    /// All operations in start order (the rows of `system.backups`).
    public func all() -> [BackupOperationInfo] {
        state.withLock { state in state.order.compactMap { state.operations[$0] } }
    }
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
