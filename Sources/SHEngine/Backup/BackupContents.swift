import SHBackup
import SHCore
import SHStorage

/// The databases and tables a backup holds, from its `metadata/` file names.
struct BackupContents {
    var databases: [String] = []
    var tables: [(String, String)] = []

    init(names: [String]) {
        for name in names where name.hasSuffix(".sql") {
            let parts = name.dropFirst("metadata/".count).dropLast(4).split(
                separator: "/", omittingEmptySubsequences: false)
            if parts.count == 1 { databases.append(unescapeForFileName(String(parts[0]))) }
            if parts.count == 2 {
                tables.append((unescapeForFileName(String(parts[0])), unescapeForFileName(String(parts[1]))))
            }
        }
    }

    /// "The backup contains: db.t1, db.t2" — SwiftHouse's addition to ClickHouse's error text.
    var hint: String {
        tables.isEmpty
            ? "The backup contains no tables."
            : "The backup contains: " + tables.map { "\($0.0).\($0.1)" }.sorted().joined(separator: ", ")
    }
}
