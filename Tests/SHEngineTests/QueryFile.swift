import Foundation

/// A `.sql` golden file: statements ending with `;` at a line end, optionally annotated
/// `-- { serverError NAME }` (the same rules as scripts/testing/generate_references.py).
struct QueryFile {
    struct Statement {
        var sql: String
        var expectedError: String?
    }

    let statements: [Statement]

    init(text: String) {
        var result: [Statement] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let stripped = line.trimmingCharacters(in: .whitespaces)
            if current.isEmpty && (stripped.isEmpty || stripped.hasPrefix("--")) { continue }
            current.append(line)
            var code = stripped
            var error: String?
            if let range = stripped.range(
                of: #"--\s*\{\s*serverError\s+([A-Z_0-9]+)\s*\}"#, options: .regularExpression)
            {
                let annotation = stripped[range]
                error = annotation.split(separator: " ").map(String.init).first {
                    $0.allSatisfy { $0.isUppercase || $0 == "_" || $0.isNumber } && $0.count > 1
                }
                code = String(stripped[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            if code.hasSuffix(";") {
                var sql = current.joined(separator: "\n")
                if error != nil, let marker = sql.range(of: "--", options: .backwards) {
                    sql = String(sql[..<marker.lowerBound])
                }
                sql = sql.trimmingCharacters(in: .whitespacesAndNewlines)
                if sql.hasSuffix(";") { sql.removeLast() }
                result.append(Statement(sql: sql, expectedError: error))
                current = []
            }
        }
        statements = result
    }

    /// The folder of golden files.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Queries")

    /// The `.sql` files of the folder. A missing or unreadable folder gives one name that cannot be opened, so the
    /// run fails instead of passing with no case at all.
    static func names() -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return ["<missing folder \(directory.path)>.sql"]
        }
        return entries.filter { $0.hasSuffix(".sql") }.sorted()
    }
}
