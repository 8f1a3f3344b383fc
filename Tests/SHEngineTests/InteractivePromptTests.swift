import Foundation
import SHTestSupport
import Testing

/// The interactive prompt of `swifthouse local` at a real pseudo-terminal: line editing keys work and the
/// history survives a restart.
@Suite(.serialized) struct InteractivePromptTests {
    static let binary = PythonEnvironment.repositoryRoot.appendingPathComponent(".build/debug/swifthouse")

    /// Types `keys` (one batch per prompt) into `swifthouse local` running in a pseudo-terminal.
    func type(_ keys: [String], directory: URL, history: URL) throws -> String {
        let script = PythonEnvironment.repositoryRoot.appendingPathComponent("scripts/testing/pty_run.py").path
        let input = try JSONEncoder().encode(keys)
        let output = try PythonEnvironment.runPython(
            [
                script, "env", "SWIFTHOUSE_HISTORY_FILE=\(history.path)", Self.binary.path, "local", "--path",
                directory.path,
            ],
            input: input)
        return String(decoding: output, as: UTF8.self)
    }

    func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func editingKeysAndHistory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sh-prompt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        // Ctrl-A, five right arrows and a typed letter turn `SELEC 6 * 7;` into `SELECT 6 * 7;`; the up arrow
        // recalls it.
        let first = try type(
            ["SELEC 6 * 7;\u{1}\u{1b}[C\u{1b}[C\u{1b}[C\u{1b}[C\u{1b}[CT\r", "\u{1b}[A\r", "exit\r"],
            directory: directory, history: history)
        #expect(occurrences(of: "│             42 │", in: first) == 2, "\(first)")
        #expect(!first.contains("Syntax error"), "\(first)")
        #expect(first.hasSuffix("Bye.\r\n"), "\(first)")

        // A new session starts with the saved history.
        let second = try type(["\u{1b}[A\r", "exit\r"], directory: directory, history: history)
        #expect(occurrences(of: "│             42 │", in: second) == 1, "\(second)")
    }
}
