import Foundation
import SwiftHouse

/// The interactive prompt: reads statements ending in `;` (with line editing and history) and runs each.
struct InteractivePrompt {
    let runner: CommandLineRunner

    func run() async {
        print("SwiftHouse local version \(Engine.version).")
        let editor = LineEditor()
        var pending = ""
        while true {
            guard let line = editor.readLine(prompt: pending.isEmpty ? ":) " : ":-] ") else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty, ["exit", "quit", "q", "logout"].contains(trimmed.lowercased()) { break }
            pending += (pending.isEmpty ? "" : "\n") + line
            if trimmed.hasSuffix(";") {
                editor.remember(pending)
                _ = await runner.run(script: pending)
                pending = ""
            }
        }
        print("Bye.")
    }
}
