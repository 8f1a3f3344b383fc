import Foundation
import SwiftHouse

/// The interactive prompt: reads statements ending in `;` and runs each.
struct InteractivePrompt {
    let runner: ScriptRunner

    func run() async {
        print("SwiftHouse local version \(Engine.version).")
        var pending = ""
        while true {
            print(pending.isEmpty ? ":) " : ":-] ", terminator: "")
            FileHandle.standardOutput.synchronizeFile()
            guard let line = readLine(strippingNewline: true) else { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty, ["exit", "quit", "q", "logout"].contains(trimmed.lowercased()) { break }
            pending += (pending.isEmpty ? "" : "\n") + line
            if trimmed.hasSuffix(";") {
                _ = await runner.run(script: pending)
                pending = ""
            }
        }
        print("Bye.")
    }
}
