import Foundation

/// Runs statements in a real ClickHouse (chdb) session through `scripts/testing/chdb_run.py`.
public enum ClickHouseOracle {
    /// One statement's outcome.
    public enum Outcome: Equatable, CustomStringConvertible {
        case output(String)
        case error(String)

        public var text: String {
            switch self {
            case .output(let text), .error(let text): text
            }
        }

        public var description: String {
            switch self {
            case .output(let text): "output: \(text)"
            case .error(let text): "error: \(text)"
            }
        }
    }

    /// Runs `statements` in one session and returns each one's output lines as a set (e.g. the names a
    /// `SELECT name FROM system.…` lists); throws on the first statement that failed.
    public static func lineSets(_ statements: [String]) throws -> [Set<String>] {
        try run(statements).map { outcome in
            guard case .output(let text) = outcome else { throw TestSupportError("ClickHouse failed: \(outcome)") }
            return Set(text.split(separator: "\n").map(String.init))
        }
    }

    /// Runs `statements` in one session (in `path`, or a temporary directory) and returns each outcome.
    public static func run(_ statements: [String], path: String? = nil, format: String = "TabSeparated") throws
        -> [Outcome]
    {
        try outcomes(of: statements, path: path, format: format, base64: false)
    }

    /// Runs `statements` in one session and returns each output's exact bytes (strings in ClickHouse may hold
    /// any bytes); throws on the first statement that failed.
    public static func outputBytes(_ statements: [String], path: String? = nil, format: String = "TabSeparated")
        throws -> [[UInt8]]
    {
        try outcomes(of: statements, path: path, format: format, base64: true).map { outcome in
            guard case .output(let encoded) = outcome, let data = Data(base64Encoded: encoded) else {
                throw TestSupportError("ClickHouse failed: \(outcome)")
            }
            return [UInt8](data)
        }
    }

    private static func outcomes(of statements: [String], path: String?, format: String, base64: Bool) throws
        -> [Outcome]
    {
        let request: [String: Any] = [
            "statements": statements, "path": path ?? "", "format": format, "base64": base64,
        ]
        let output = try PythonEnvironment.runPython(
            [PythonEnvironment.repositoryRoot.appendingPathComponent("scripts/testing/chdb_run.py").path],
            input: try JSONSerialization.data(withJSONObject: request))
        guard let results = try JSONSerialization.jsonObject(with: output) as? [[String: String]] else {
            throw TestSupportError("chdb_run.py returned unexpected output")
        }
        return results.map { result in
            if let error = result["error"] { return .error(error) }
            return .output(result["output"] ?? "")
        }
    }
}
