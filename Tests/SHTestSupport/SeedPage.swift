import Foundation

/// The seed page's SQL ("Backup and restore to/from an S3 endpoint"), as committed in `demo/seed-page.sql`.
public enum SeedPage {
    /// The file's text.
    public static func text() throws -> String {
        let file = PythonEnvironment.repositoryRoot.appendingPathComponent("demo/seed-page.sql")
        return try String(contentsOf: file, encoding: .utf8)
    }

    /// The page's statements in order, each without its `;` and surrounding blank lines.
    public static func statements(of text: String) -> [String] {
        text.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
    }
}
