import CEditline
import Foundation

/// Terminal line input with editing and a persistent history, through the system's libedit.
/// History lives in `$SWIFTHOUSE_HISTORY_FILE`, else `~/.swifthouse-history`.
final class LineEditor {
    private let historyFile: String
    private var lastEntry: String?

    init() {
        let environment = ProcessInfo.processInfo.environment
        historyFile =
            environment["SWIFTHOUSE_HISTORY_FILE"]
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.swifthouse-history"
        using_history()
        _ = read_history(historyFile)
    }

    /// One line without its newline, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let line = CEditline.readline(prompt) else { return nil }
        defer { free(line) }
        return String(cString: line)
    }

    /// Remembers a statement (several lines are kept as one entry; a repeat is kept once) and saves the
    /// history at once.
    func remember(_ statement: String) {
        guard statement != lastEntry else { return }
        lastEntry = statement
        add_history(statement)
        _ = write_history(historyFile)
    }
}
