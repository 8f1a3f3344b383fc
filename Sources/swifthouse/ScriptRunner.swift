import Foundation
import SwiftHouse

/// Runs statements and writes their results to standard output, errors to standard error.
struct ScriptRunner {
    let session: Session
    let defaultFormat: String
    let showProgress: Bool
    /// `--time`: each statement's elapsed seconds go to standard error after it, as `clickhouse local` prints them.
    var printTime = false

    /// Runs every statement of `script`; stops at the first error. Returns whether all succeeded.
    func run(script: String) async -> Bool {
        await run(script: Array(script.utf8))
    }

    /// Runs every statement of a script given as bytes (a file need not be valid UTF-8; its bytes are read
    /// as they are, as ClickHouse reads them).
    func run(script: [UInt8]) async -> Bool {
        do {
            var statements = StatementIterator(bytes: script)
            while let statement = try statements.next() {
                let started = ContinuousClock.now
                try await execute(statement)
                if printTime {
                    let elapsed = ContinuousClock.now - started
                    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    FileHandle.standardError.write(Data(String(format: "%.3f\n", seconds).utf8))
                }
            }
            return true
        } catch {
            FileHandle.standardError.write(Data("\(DatabaseError.wrap(error))\n".utf8))
            return false
        }
    }

    func execute(_ statement: ParsedStatement) async throws {
        let progress = showProgress && statement.isBackupOrRestore ? ProgressLine.start(session.engine.backups) : nil
        defer { progress?.cancel() }
        var result = try await session.execute(statement)
        progress?.cancel()
        guard var source = result.source else { return }
        // Output settings: the session's, then the statement's (a SELECT's own SETTINGS clause included).
        var assignments = statement.settings
        if case .select(let query) = statement.statement { assignments = query.settings + assignments }
        let settings = FormatSettings(settings: session.settings.merging(assignments.settingsValues) { $1 })
        var output = try FormatRegistry.output(
            named: result.format ?? defaultFormat, header: result.header, settings: settings)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        while let chunk = try source.next() {
            output.write(chunk, into: &buffer)
            if buffer.count >= 1 << 16 {
                FileHandle.standardOutput.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        output.finish(into: &buffer)
        FileHandle.standardOutput.write(Data(buffer))
        result.source = nil
    }
}

extension [SettingAssignment] {
    /// Literal settings of a statement, as values (for output format settings).
    var settingsValues: [String: Value] {
        var values: [String: Value] = [:]
        for assignment in self {
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
