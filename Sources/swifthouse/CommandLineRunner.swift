import Foundation
import SwiftHouse

/// Runs scripts with the library's `ScriptRunner`, results to standard output, errors (and `--time`) to standard
/// error, with a progress line while a BACKUP or RESTORE runs on a terminal.
struct CommandLineRunner {
    let runner: ScriptRunner
    let showProgress: Bool
    /// `--time`: each statement's elapsed seconds go to standard error after it, as `clickhouse local` prints them.
    var printTime = false

    init(session: Session, defaultFormat: String, showProgress: Bool, printTime: Bool = false) {
        self.runner = ScriptRunner(session: session, defaultFormat: defaultFormat)
        self.showProgress = showProgress
        self.printTime = printTime
    }

    /// The same runner writing results without `FORMAT` as `format` (the prompt's `\G`: Vertical).
    func withDefaultFormat(_ format: String) -> CommandLineRunner {
        CommandLineRunner(
            session: runner.session, defaultFormat: format, showProgress: showProgress, printTime: printTime)
    }

    /// Runs every statement of `script`; stops at the first error. Returns whether all succeeded.
    func run(script: String) async -> Bool {
        await run(script: Array(script.utf8))
    }

    /// Runs every statement of a script given as bytes; stops at the first error, which goes to standard error.
    /// Returns whether all succeeded.
    func run(script: [UInt8]) async -> Bool {
        var output = StandardStreams(
            backups: showProgress ? runner.session.engine.backups : nil, printTime: printTime)
        do {
            try await runner.run(script: script, output: &output)
            return true
        } catch {
            output.stopProgress()
            FileHandle.standardError.write(Data("\(DatabaseError.wrap(error))\n".utf8))
            return false
        }
    }
}

/// Standard output for results; standard error for the progress line and `--time`.
struct StandardStreams: ScriptOutput {
    /// Shown in a progress line while a BACKUP or RESTORE runs; nil for no progress line (none for queries either).
    let backups: BackupsWorker?
    let printTime: Bool
    private var progress: Task<Void, Never>?

    init(backups: BackupsWorker?, printTime: Bool) {
        self.backups = backups
        self.printTime = printTime
    }

    /// The progress line goes before the first rows are written (as in `clickhouse client`, it does not mix with them).
    mutating func write(_ bytes: [UInt8]) {
        stopProgress()
        FileHandle.standardOutput.write(Data(bytes))
    }

    mutating func willExecute(_ statement: ParsedStatement, progress queryProgress: QueryProgress) {
        guard let backups else { return }
        progress =
            statement.isBackupOrRestore ? ProgressLine.start(backups) : ProgressLine.start(query: queryProgress)
    }

    /// A BACKUP's or RESTORE's line ends with it; a query's goes on while its rows are produced.
    mutating func didExecute(_ statement: ParsedStatement) {
        if statement.isBackupOrRestore { stopProgress() }
    }

    mutating func didFinish(_ statement: ParsedStatement, elapsed: Duration) {
        stopProgress()
        guard printTime else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data(String(format: "%.3f\n", seconds).utf8))
    }

    mutating func stopProgress() {
        progress?.cancel()
        progress = nil
    }
}
