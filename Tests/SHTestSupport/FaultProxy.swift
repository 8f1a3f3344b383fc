import Foundation

/// `scripts/testing/faultproxy.py` in front of an upstream HTTP server: injects 503/500 answers, resets and
/// truncated bodies by rules set over the process's stdin.
public final class FaultProxy: @unchecked Sendable {
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var pending = Data()
    private let lock = NSLock()

    /// Starts the proxy in front of `127.0.0.1:upstreamPort`.
    public init(upstreamPort: Int) throws {
        guard PythonEnvironment.isAvailable else {
            throw TestSupportError("python not found in \(PythonEnvironment.virtualenv.path): run scripts/bootstrap.sh")
        }
        let script = PythonEnvironment.repositoryRoot.appendingPathComponent("scripts/testing/faultproxy.py")
        let process = Process()
        process.executableURL = PythonEnvironment.executable("python")
        process.arguments = [script.path, "--upstream", "127.0.0.1:\(upstreamPort)"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        var pending = Data()
        let line = Self.readLine(from: stdout.fileHandleForReading, pending: &pending)
        guard line.hasPrefix("READY "), let port = Int(line.dropFirst(6)) else {
            process.terminate()
            throw TestSupportError("faultproxy did not start: \(line)")
        }
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.output = stdout.fileHandleForReading
        self.pending = pending
        self.port = port
    }

    deinit { stop() }

    /// Replaces the rules, e.g. `[["action": "503", "every": 3]]` (see the script's header for the fields).
    public func setRules(_ rules: [[String: Any]]) throws {
        let data = try JSONSerialization.data(withJSONObject: ["rules": rules])
        let answer = command(String(decoding: data, as: UTF8.self))
        guard answer == "OK" else { throw TestSupportError("faultproxy: \(answer)") }
    }

    /// Clears the request log and the rules' counters.
    public func resetLog() throws {
        let answer = command("{\"reset\": true}")
        guard answer == "OK" else { throw TestSupportError("faultproxy: \(answer)") }
    }

    /// One entry per request seen: method, path, query, status, fault, bytes.
    public func log() throws -> [[String: Any]] {
        let answer = command("{\"log\": true}")
        guard let list = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [[String: Any]] else {
            throw TestSupportError("faultproxy: bad log \(answer)")
        }
        return list
    }

    /// How many logged requests had a fault injected.
    public func faultCount() throws -> Int {
        try log().filter { !($0["fault"] is NSNull) && $0["fault"] != nil }.count
    }

    /// Stops the proxy.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if process.isRunning {
            try? input.close()
            process.terminate()
            process.waitUntilExit()
        }
    }

    private func command(_ line: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        input.write(Data((line + "\n").utf8))
        return readLineLocked()
    }

    private func readLineLocked() -> String {
        Self.readLine(from: output, pending: &pending)
    }

    private static func readLine(from output: FileHandle, pending: inout Data) -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[pending.index(after: newline)...])
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty { return "EOF" }
            pending.append(chunk)
        }
    }
}
