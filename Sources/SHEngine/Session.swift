import Foundation
import SHBackup
import SHBlockingIO
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage
import Synchronization

/// A connection's state: the current database and the settings changed with `SET`.
///
/// A session runs its statements one at a time, as a ClickHouse connection does: callers await each `query` or
/// `execute` before starting the next. The state is behind a `Mutex`, so a session may be shared between tasks
/// safely, but statements started concurrently on one session see each other's `USE` and `SET` in no defined
/// order; use one session per concurrent client. Each statement captures its state in a `QueryContext` when it
/// starts, so an `ASYNC` BACKUP or RESTORE is not affected by later statements of its session.
public final class Session: Sendable {
    /// The engine the session's statements run against.
    public let engine: Engine

    /// What `USE` and `SET` change.
    private struct State {
        var currentDatabase = "default"
        var settings: [String: Value] = [:]
    }

    private let state = Mutex(State())

    init(engine: Engine) { self.engine = engine }

    /// The database unqualified table names resolve in (`USE` changes it).
    public var currentDatabase: String { state.withLock { $0.currentDatabase } }

    /// Settings changed with `SET` (query-level `SETTINGS` are layered on top per statement).
    public var settings: [String: Value] { state.withLock { $0.settings } }

    /// Parses and runs one statement.
    public func query(_ sql: String) async throws -> QueryResult {
        try await execute(try Parser.parseStatement(sql))
    }

    /// Runs one parsed statement. A SELECT's rows are produced lazily while the result is read.
    public func execute(_ parsed: ParsedStatement) async throws -> QueryResult {
        try await execute(parsed, request: QueryRequest())
    }

    /// Runs one parsed statement with what a request sends beside it (an HTTP query's database, settings and
    /// INSERT data); the session's `USE` and `SET` are unchanged by them.
    public func execute(_ parsed: ParsedStatement, request: QueryRequest) async throws -> QueryResult {
        var effective = settings
        // The request's settings, then the statement's trailing SETTINGS, then a SELECT's own: a later one wins.
        var assignments = request.settings + parsed.settings
        if case .select(let query) = parsed.statement {
            assignments = request.settings + query.settings + parsed.settings
        }
        for assignment in assignments { effective[assignment.name] = try SettingsCatalog.value(of: assignment) }
        if let database = request.database, !engine.catalog.hasDatabase(database) {
            throw DatabaseError(.unknownDatabase, "Database \(database) does not exist")
        }
        var prepared = QueryContext(session: self, settings: effective)
        if let database = request.database { prepared.currentDatabase = database }
        prepared.input = request.input
        if let progress = request.progress { prepared.progress = progress }
        let context = prepared
        try BackupDatabase.refuseChanges(parsed.statement, context: context)
        var result: QueryResult
        switch parsed.statement {
        case .select(let query):
            result = try SelectPlanner(context: context).plan(query).result
        case .insert(let query):
            // An INSERT writes and fsyncs parts (and may merge them): blocking file I/O, off the cooperative pool.
            try await BlockingIO.run { try InsertInterpreter(context: context).run(query) }
            result = .empty
        case .createDatabase(let query):
            try await DatabaseInterpreter.create(query, context: context)
            result = .empty
        case .createTable(let query):
            try await TableInterpreter(context: context).create(query)
            result = .empty
        case .alter(let query):
            try AlterInterpreter(context: context).run(query)
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
            state.withLock { $0.currentDatabase = database }
            result = .empty
        case .optimize(let name, let final):
            try await MaintenanceInterpreter(context: context).optimize(name, final: final)
            result = .empty
        case .check(let name):
            result = try MaintenanceInterpreter(context: context).check(name)
        case .set(let assignments):
            for assignment in assignments {
                let value = try SettingsCatalog.value(of: assignment)
                state.withLock { $0.settings[assignment.name] = value }
            }
            result = .empty
        case .backup(let query):
            result = try await BackupInterpreter(context: context).backup(query)
        case .restore(let query):
            result = try await BackupInterpreter(context: context).restore(query)
        }
        if let format = parsed.format { result.format = format }
        if let source = result.source { result.source = context.progress.countingResult(source) }
        result.progress = context.progress
        return result
    }
}

/// What a request sends beside a statement: the database it runs in, settings for it alone, and the data of an
/// `INSERT … FORMAT f` (ClickHouse's HTTP interface: `?database=`, `?setting=value`, the request's body).
public struct QueryRequest: Sendable {
    /// The database unqualified names resolve in (nil: the session's).
    public var database: String?
    /// Settings for this statement, under its own `SETTINGS`.
    public var settings: [SettingAssignment]
    /// The INSERT's data in its format (nil: the text after `FORMAT f` in the statement).
    public var input: [UInt8]?
    /// Where the statement counts its rows and bytes (read, written, in the result) while it runs and while its
    /// result is read; nil: counters of its own, unseen.
    public var progress: QueryProgress?

    /// A request with nothing beside the statement.
    public init(
        database: String? = nil, settings: [SettingAssignment] = [], input: [UInt8]? = nil,
        progress: QueryProgress? = nil
    ) {
        self.database = database
        self.settings = settings
        self.input = input
        self.progress = progress
    }
}

/// Everything an interpreter needs for one statement, captured when the statement starts: a statement that
/// goes on in the background (`ASYNC`) is not affected by later `USE` or `SET` in its session.
struct QueryContext: Sendable {
    let engine: Engine
    let settings: [String: Value]
    var currentDatabase: String
    let started = Date()
    /// The data of an `INSERT … FORMAT f` sent beside the statement (nil: the data written after it).
    var input: [UInt8]?
    /// The statement's counters.
    var progress = QueryProgress()

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
