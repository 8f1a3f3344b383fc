import Foundation
import SwiftHouse

/// The interactive prompt, as `clickhouse client` behaves: Enter runs the statement once it is complete (no open
/// quote, comment or bracket; a trailing `\` continues it), or with `--multiline` once it ends in `;`; `\G` at the
/// end prints it `Vertical`; `exit`, `quit`, `q`, `logout` or Ctrl-D leave. Line editing and history come from
/// the line editor.
struct InteractivePrompt {
    let runner: CommandLineRunner
    /// `--multiline` / `-m`: a statement runs when it ends in `;`.
    var multiline = false

    func run() async {
        print("SwiftHouse local version \(Engine.version).")
        let editor = LineEditor()
        var pending = ""
        while true {
            guard let line = editor.readLine(prompt: pending.isEmpty ? ":) " : ":-] ") else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty, ["exit", "quit", "q", "logout"].contains(trimmed.lowercased()) { break }
            if pending.isEmpty, trimmed.isEmpty { continue }
            pending += (pending.isEmpty ? "" : "\n") + line
            var text = pending.trimmingCharacters(in: .whitespacesAndNewlines)
            if !multiline, text.hasSuffix("\\"), !text.hasSuffix("\\G") {
                pending = String(text.dropLast())
                continue
            }
            var vertical = false
            for suffix in ["\\G;", "\\G"] where text.hasSuffix(suffix) {
                text = String(text.dropLast(suffix.count))
                vertical = true
                break
            }
            let ready = vertical || (multiline ? text.hasSuffix(";") : Parser.isComplete(text))
            guard ready else { continue }
            editor.remember(pending)
            _ = await (vertical ? runner.withDefaultFormat("Vertical") : runner).run(script: text)
            pending = ""
        }
        print("Bye.")
    }
}
