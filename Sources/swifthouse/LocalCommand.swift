import ArgumentParser
import Foundation
import SwiftHouse

/// `swifthouse local`: runs SQL against a data directory, like `clickhouse local`.
struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local", abstract: "Run SQL against a local data directory.")

    @Option(name: .long, help: "The data directory (created if missing).")
    var path: String = "swifthouse-data"

    @Option(name: [.short, .long], help: "SQL to run; several statements separated by ';'.")
    var query: String?

    @Option(name: .long, help: "A file of SQL statements to run.")
    var queriesFile: String?

    @Option(name: .long, help: "Output format (default: PrettyCompact on a terminal, TabSeparated otherwise).")
    var format: String?

    @Option(name: .long, help: "Directory where File() backups may be written (default: <path>/backups).")
    var backupsPath: String?

    @Flag(name: [.short, .long], help: "Print each statement's execution time in seconds to standard error.")
    var time = false

    @Flag(name: [.short, .long], help: "At the prompt, run a statement when it ends in ';' (else on Enter).")
    var multiline = false

    func run() async throws {
        MemoryPolicy.apply()
        let engine: Engine
        do {
            engine = try Engine(path: path, configuration: EngineConfiguration(allowedBackupPath: backupsPath))
        } catch {
            FileHandle.standardError.write(Data("\(DatabaseError.wrap(error))\n".utf8))
            throw ExitCode(1)
        }
        let terminal = isatty(STDOUT_FILENO) != 0
        let runner = CommandLineRunner(
            session: engine.makeSession(), defaultFormat: format ?? (terminal ? "PrettyCompact" : "TabSeparated"),
            showProgress: isatty(STDERR_FILENO) != 0, printTime: time)
        // The script's bytes as they are: a file or standard input need not be valid UTF-8 (decoding it as a
        // Swift String would fail with a Foundation error or replace the bytes).
        let script: [UInt8]?
        if let query {
            script = Array(query.utf8)
        } else if let queriesFile {
            do {
                script = [UInt8](try Data(contentsOf: URL(fileURLWithPath: queriesFile)))
            } catch {
                // ClickHouse's ReadBufferFromFile: FILE_DOESNT_EXIST for a missing file, else CANNOT_OPEN_FILE.
                FileHandle.standardError.write(Data("\(DatabaseError.wrap(error))\n".utf8))
                throw ExitCode(1)
            }
        } else if isatty(STDIN_FILENO) != 0 {
            script = nil
        } else {
            script = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        let succeeded: Bool
        if let script {
            succeeded = await runner.run(script: script)
        } else {
            await InteractivePrompt(runner: runner, multiline: multiline).run()
            succeeded = true
        }
        await engine.backups.waitAll()
        if !succeeded { throw ExitCode(1) }
    }
}
