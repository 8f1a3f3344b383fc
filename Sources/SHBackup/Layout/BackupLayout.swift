import SHCore
import SHStorage

/// The one place that knows the paths of a backup, in ClickHouse's layout:
///
/// ```
/// .backup                         the manifest, written last
/// .lock, .lock.heartbeat          the claim of a writer (SwiftHouse's; removed at commit)
/// metadata/<db>.sql               CREATE DATABASE
/// metadata/<db>/<table>.sql       CREATE TABLE
/// data/<db>/<table>/<file>        the table's data: `<part>/<file>` for MergeTree, flat files for Memory
/// ```
///
/// Database and table names are escaped with `escapeForFileName` (`a b` → `a%20b`) and unescaped when parsed.
public enum BackupLayout {
    /// The manifest (`.backup`).
    public static let manifestPath = ".backup"
    /// The claim of the writer of an unfinished backup.
    public static let lockPath = ".lock"
    /// The liveness record of the writer holding `.lock`.
    public static let heartbeatPath = ".lock.heartbeat"
    /// Where every CREATE query is.
    public static let metadataPrefix = "metadata/"
    /// Where every table's data is.
    public static let dataPrefix = "data/"

    /// `<db>/<table>` escaped: the table's place under `metadata/` and `data/` (and in a local snapshot directory).
    public static func tableDirectory(database: String, table: String) -> String {
        "\(escapeForFileName(database))/\(escapeForFileName(table))"
    }

    /// `metadata/<db>.sql`.
    public static func databaseMetadataPath(_ database: String) -> String {
        metadataPrefix + escapeForFileName(database) + ".sql"
    }

    /// `metadata/<db>/<table>.sql`.
    public static func tableMetadataPath(database: String, table: String) -> String {
        metadataPrefix + tableDirectory(database: database, table: table) + ".sql"
    }

    /// `data/<db>/<table>/`: the prefix of every data file of the table.
    public static func tableDataPrefix(database: String, table: String) -> String {
        dataPrefix + tableDirectory(database: database, table: table) + "/"
    }

    /// `data/<db>/<table>/<relativePath>`: a data file, given its path under the table's data directory.
    public static func tableDataPath(database: String, table: String, relativePath: String) -> String {
        tableDataPrefix(database: database, table: table) + relativePath
    }

    /// The databases and tables a backup holds, parsed from the names of its `metadata/` files.
    public struct Contents: Sendable {
        /// Databases with a `metadata/<db>.sql`, unescaped.
        public var databases: [String] = []
        /// Tables with a `metadata/<db>/<table>.sql`, unescaped, in listing order.
        public var tables: [(database: String, table: String)] = []

        /// Parses a listing of file names (names outside `metadata/` or not ending in `.sql` are ignored).
        public init(names: [String]) {
            for name in names where name.hasPrefix(metadataPrefix) && name.hasSuffix(".sql") {
                let parts = name.dropFirst(metadataPrefix.count).dropLast(4).split(
                    separator: "/", omittingEmptySubsequences: false)
                if parts.count == 1 { databases.append(unescapeForFileName(String(parts[0]))) }
                if parts.count == 2 {
                    tables.append((unescapeForFileName(String(parts[0])), unescapeForFileName(String(parts[1]))))
                }
            }
        }

        /// Whether the backup holds the definition of `database.table`.
        public func contains(database: String, table: String) -> Bool {
            tables.contains { $0.database == database && $0.table == table }
        }

        /// "The backup contains: db.t1, db.t2" — SwiftHouse's addition to ClickHouse's error text.
        public var hint: String {
            tables.isEmpty
                ? "The backup contains no tables."
                : "The backup contains: " + tables.map { "\($0.database).\($0.table)" }.sorted().joined(separator: ", ")
        }
    }
}
