import Foundation
import SHBackup
import SHCore
import SHStorage

/// A SwiftHouse instance over one data directory: the catalog, the running backups, settings.
///
/// Open it once per directory; create a `Session` per connection or script.
public final class Engine: Sendable {
    public static let version = "26.9.2.1"

    /// The data directory (metadata/, data/).
    public let path: URL
    public let catalog: Catalog
    /// Every BACKUP and RESTORE of this engine, and the rows of `system.backups`.
    public let backups: BackupsWorker
    let metadata: MetadataStore
    public let configuration: EngineConfiguration
    /// Held while this engine lives: no second process opens the same directory.
    private let lock: DataDirectoryLock

    public init(path: String, configuration: EngineConfiguration = EngineConfiguration()) throws {
        let url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.path = url
        self.lock = try DataDirectoryLock.acquire(url, version: Self.version)
        Self.removeLeftovers(in: url)
        self.catalog = Catalog()
        self.metadata = MetadataStore(root: url)
        var configuration = configuration
        if configuration.allowedBackupPath == nil {
            configuration.allowedBackupPath = url.appendingPathComponent("backups").path
        }
        self.configuration = configuration
        self.backups = BackupsWorker(log: BackupLog(path: url.appendingPathComponent("logs/backup_log.jsonl")))
        try metadata.load(into: catalog)
        if !catalog.hasDatabase("default") {
            try DatabaseInterpreter.createDatabase(name: "default", engine: self)
        }
        let session = makeSession()
        try TableInterpreter(context: QueryContext(session: session, settings: [:])).recoverInterruptedReplaces()
    }

    /// Removes what a killed process left in the data directory's `tmp/` (BACKUP snapshots of hard-linked parts and
    /// other temporary files). Tables remove their own temporary parts and RESTORE leftovers when they open.
    private static func removeLeftovers(in root: URL) {
        let temporary = root.appendingPathComponent("tmp")
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: temporary.path) else { return }
        for entry in entries { try? FileManager.default.removeItem(at: temporary.appendingPathComponent(entry)) }
    }

    /// A new session with `default` as the current database.
    public func makeSession() -> Session { Session(engine: self) }
}

/// Server-level configuration (ClickHouse's config.xml equivalents).
public struct EngineConfiguration: Sendable {
    /// `<backups><allowed_path>`: where `File(...)` backups may go. Default: `<data>/backups`.
    public var allowedBackupPath: String?
    /// `<backups><allowed_disk>` → local directories: `Disk('name', 'path')` resolves `name` here.
    public var disks: [String: String] = [:]

    public init(allowedBackupPath: String? = nil, disks: [String: String] = [:]) {
        self.allowedBackupPath = allowedBackupPath
        self.disks = disks
    }
}
