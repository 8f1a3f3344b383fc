import Foundation
import SHBackup
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// A connection's state: the current database and settings. Runs statements one at a time.
public final class Session: @unchecked Sendable {
    public let engine: Engine
    public var currentDatabase = "default"
    /// Settings changed with `SET` (query-level `SETTINGS` are layered on top per statement).
    public var settings: [String: Value] = [:]
    /// Called while a BACKUP/RESTORE runs, for progress display.
    public var progressHandler: (@Sendable (BackupProgress) -> Void)?

    init(engine: Engine) { self.engine = engine }

    /// Parses and runs one statement.
    public func query(_ sql: String) async throws -> QueryResult {
        try await execute(try Parser.parseStatement(sql))
    }

    /// Runs one parsed statement. A SELECT's rows are produced lazily while the result is read.
    public func execute(_ parsed: ParsedStatement) async throws -> QueryResult {
        var effective = settings
        for assignment in parsed.settings { effective[assignment.name] = try SettingsCatalog.value(of: assignment) }
        let context = QueryContext(session: self, settings: effective)
        var result: QueryResult
        switch parsed.statement {
        case .select(let query):
            result = try SelectPlanner(context: context).plan(query).result
        case .insert(let query):
            try InsertInterpreter(context: context).run(query)
            result = .empty
        case .createDatabase(let query):
            try DatabaseInterpreter.create(query, engine: engine)
            result = .empty
        case .createTable(let query):
            try await TableInterpreter(context: context).create(query)
            result = .empty
        case .drop(let query):
            try TableInterpreter(context: context).drop(query)
            result = .empty
        case .truncate(let name, let ifExists):
            try TableInterpreter(context: context).truncate(name, ifExists: ifExists)
            result = .empty
        case .rename(let pairs):
            try TableInterpreter(context: context).rename(pairs)
            result = .empty
        case .show(let query):
            result = try ShowInterpreter(context: context).show(query)
        case .describe(let name):
            result = try ShowInterpreter(context: context).describe(name)
        case .exists(let query):
            result = try ShowInterpreter(context: context).exists(query)
        case .use(let database):
            guard engine.catalog.hasDatabase(database) else {
                throw DatabaseError(.unknownDatabase, "Database \(database) does not exist")
            }
            currentDatabase = database
            result = .empty
        case .optimize(let name, let final):
            try MaintenanceInterpreter(context: context).optimize(name, final: final)
            result = .empty
        case .check(let name):
            result = try MaintenanceInterpreter(context: context).check(name)
        case .set(let assignments):
            for assignment in assignments { settings[assignment.name] = try SettingsCatalog.value(of: assignment) }
            result = .empty
        case .backup(let query):
            result = try await BackupInterpreter(context: context).backup(query)
        case .restore(let query):
            result = try await BackupInterpreter(context: context).restore(query)
        }
        if let format = parsed.format { result.format = format }
        return result
    }
}

/// Everything an interpreter needs for one statement, captured when the statement starts: a statement that
/// goes on in the background (`ASYNC`) is not affected by later `USE` or `SET` in its session.
struct QueryContext {
    let engine: Engine
    let settings: [String: Value]
    let currentDatabase: String
    let started = Date()

    init(session: Session, settings: [String: Value]) {
        self.engine = session.engine
        self.settings = settings
        self.currentDatabase = session.currentDatabase
    }

    var catalog: SHStorage.Catalog { engine.catalog }

    var evaluation: EvaluationContext {
        EvaluationContext(
            currentDatabase: currentDatabase, now: UInt64(started.timeIntervalSince1970),
            version: Engine.version)
    }

    /// Resolves `[db.]t` against the current database.
    func qualify(_ name: TableName) -> (database: String, table: String) {
        (name.database ?? currentDatabase, name.table)
    }

    func setting(_ name: String) -> Value? { settings[name] }
}
