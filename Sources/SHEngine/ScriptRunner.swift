import SHCore
import SHFormats
import SHSQL

/// Where a script's results go, and what happens around each statement (progress display, timing).
///
/// ``ScriptRunner`` calls ``write(_:)`` with formatted output in pieces of about 64 KiB, and the three hooks in
/// this order for each statement: ``willExecute(_:)``, ``didExecute(_:)`` (also when the statement failed), then,
/// once its output is written, ``didFinish(_:elapsed:)``.
public protocol ScriptOutput {
    /// Appends formatted output bytes.
    mutating func write(_ bytes: [UInt8])
    /// A statement is about to run; `progress` counts its rows and bytes while it runs and its rows are written.
    mutating func willExecute(_ statement: ParsedStatement, progress: QueryProgress)
    /// The statement has run (or failed); its output, if any, is not written yet.
    mutating func didExecute(_ statement: ParsedStatement)
    /// The statement and its output are done, `elapsed` after it started.
    mutating func didFinish(_ statement: ParsedStatement, elapsed: Duration)
}

extension ScriptOutput {
    /// Does nothing.
    public mutating func willExecute(_ statement: ParsedStatement, progress: QueryProgress) {}
    /// Does nothing.
    public mutating func didExecute(_ statement: ParsedStatement) {}
    /// Does nothing.
    public mutating func didFinish(_ statement: ParsedStatement, elapsed: Duration) {}
}

/// Output collected in memory (tests, embedding).
public struct CollectedOutput: ScriptOutput {
    /// Everything written so far.
    public var bytes: [UInt8] = []

    /// Empty output.
    public init() {}

    /// Appends `bytes`.
    public mutating func write(_ bytes: [UInt8]) { self.bytes += bytes }
}

/// Runs a script as `clickhouse local` does: statement by statement (each parsed just before it runs), each result
/// formatted in its `FORMAT` or the default one, with output settings from the session's `SET`, then the statement's
/// trailing `SETTINGS` (after `FORMAT`), then the SELECT's own `SETTINGS`: a later one wins, as in ClickHouse.
/// Stops at the first error.
///
/// The `swifthouse` executable and the golden-file tests (Tests/Queries) both run scripts through this type.
public struct ScriptRunner: Sendable {
    /// The session the statements run in.
    public let session: Session
    /// The output format of a result without `FORMAT`.
    public var defaultFormat: String

    /// A runner for `session`; results without `FORMAT` are written as `defaultFormat`.
    public init(session: Session, defaultFormat: String = "TabSeparated") {
        self.session = session
        self.defaultFormat = defaultFormat
    }

    /// Runs every statement of `script`; throws the first error (statements before it have run and written
    /// their output).
    public func run(script: String, output: inout some ScriptOutput) async throws {
        try await run(script: Array(script.utf8), output: &output)
    }

    /// Runs every statement of a script given as bytes (a file need not be valid UTF-8; its bytes are read as they
    /// are, as ClickHouse reads them); throws the first error.
    public func run(script: [UInt8], output: inout some ScriptOutput) async throws {
        var statements = StatementIterator(bytes: script)
        while let statement = try statements.next() {
            let started = ContinuousClock.now
            try await execute(statement, output: &output)
            output.didFinish(statement, elapsed: ContinuousClock.now - started)
        }
    }

    /// Runs one statement and writes its result, if it has rows, to `output`.
    public func execute(_ statement: ParsedStatement, output: inout some ScriptOutput) async throws {
        let progress = QueryProgress()
        output.willExecute(statement, progress: progress)
        let result: QueryResult
        do {
            result = try await session.execute(statement, request: QueryRequest(progress: progress))
        } catch {
            output.didExecute(statement)
            throw error
        }
        output.didExecute(statement)
        var pieces = try FormattedResult(result, defaultFormat: defaultFormat, settings: outputSettings(of: statement))
        while let piece = try pieces.next() { output.write(piece) }
    }

    /// The settings the output format reads: the session's, then the statement's (`… FORMAT f SETTINGS …`), then
    /// the SELECT's own `SETTINGS`; a later one wins (ClickHouse 26.9: `SELECT … SETTINGS a = 1 FORMAT f SETTINGS
    /// a = 2` formats with a = 1).
    /// `request` settings (an HTTP request's URL parameters) come before the statement's.
    public func outputSettings(of statement: ParsedStatement, request: [SettingAssignment] = []) -> [String: Value] {
        var assignments = request + statement.settings
        if case .select(let query) = statement.statement { assignments += query.settings }
        return session.settings.merging(Self.literalValues(assignments)) { $1 }
    }

    /// Literal settings of a statement, as values (later assignments of a name win).
    static func literalValues(_ assignments: [SettingAssignment]) -> [String: Value] {
        var values: [String: Value] = [:]
        for assignment in assignments {
            if case .literal(let literal) = assignment.value {
                switch literal {
                case .unsignedInteger(let v): values[assignment.name] = .uint(v)
                case .integer(let v): values[assignment.name] = .int(v)
                case .string(let s): values[assignment.name] = .string(s)
                case .float(let v): values[assignment.name] = .float(v)
                case .bool(let b): values[assignment.name] = .uint(b ? 1 : 0)
                case .null: break
                }
            }
        }
        return values
    }
}
