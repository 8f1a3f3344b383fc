import Foundation
import SHCore
import SHSQL
import Synchronization

/// The databases and tables of one data directory, behind one `Mutex`.
///
/// It only keeps the objects; the engine writes and reads the metadata files. The lock is held only while the
/// dictionary is read or changed, never across file I/O or another lock.
public final class Catalog: Sendable {
    /// A database and its tables.
    public struct Database: Sendable {
        /// The database's name.
        public var name: String
        /// The database's UUID (Atomic databases' metadata path).
        public var uuid: UUID
        /// The database engine (`Atomic`, `Memory`, `Backup`).
        public var engine: String
        /// The engine's arguments as written (`Backup('db', S3(…))`), nil for engines without.
        public var engineArguments: [SHSQL.Expression]?
        /// Its tables by name.
        public var tables: [String: any Table]
    }

    private let lock = Mutex<[String: Database]>([:])

    /// An empty catalog.
    public init() {}

    /// The names of all databases, sorted.
    public func databaseNames() -> [String] { lock.withLock { databases in databases.keys.sorted() } }

    /// The database named `name`, nil when there is none.
    public func database(_ name: String) -> Database? { lock.withLock { databases in databases[name] } }

    /// Whether a database named `name` exists.
    public func hasDatabase(_ name: String) -> Bool { lock.withLock { databases in databases[name] != nil } }

    /// Adds an empty database; throws DATABASE_ALREADY_EXISTS when the name is taken.
    public func addDatabase(name: String, uuid: UUID, engine: String, engineArguments: [SHSQL.Expression]? = nil) throws
    {
        try lock.withLock { databases in
            guard databases[name] == nil else {
                throw DatabaseError(.databaseAlreadyExists, "Database \(name) already exists")
            }
            databases[name] = Database(
                name: name, uuid: uuid, engine: engine, engineArguments: engineArguments, tables: [:])
        }
    }

    /// Removes a database and returns its tables.
    @discardableResult
    public func removeDatabase(_ name: String) throws -> [any Table] {
        try lock.withLock { databases in
            guard let database = databases.removeValue(forKey: name) else { throw Catalog.unknownDatabase(name) }
            return Array(database.tables.values)
        }
    }

    /// The table `database.name`; throws UNKNOWN_DATABASE or UNKNOWN_TABLE.
    public func table(database: String, name: String) throws -> any Table {
        try lock.withLock { databases in
            guard let db = databases[database] else { throw Catalog.unknownDatabase(database) }
            guard let table = db.tables[name] else {
                throw DatabaseError(.unknownTable, "Table \(database).\(name) does not exist")
            }
            return table
        }
    }

    /// The table `database.name`, nil when it or its database does not exist.
    public func tableIfExists(database: String, name: String) -> (any Table)? {
        lock.withLock { databases in databases[database]?.tables[name] }
    }

    /// The tables of `database`, sorted by name; throws UNKNOWN_DATABASE.
    public func tables(in database: String) throws -> [any Table] {
        try lock.withLock { databases in
            guard let db = databases[database] else { throw Catalog.unknownDatabase(database) }
            return db.tables.keys.sorted().compactMap { db.tables[$0] }
        }
    }

    /// Adds `table` as `database.name`; throws UNKNOWN_DATABASE or TABLE_ALREADY_EXISTS.
    public func add(_ table: any Table, database: String, name: String) throws {
        try lock.withLock { databases in
            guard databases[database] != nil else { throw Catalog.unknownDatabase(database) }
            guard databases[database]?.tables[name] == nil else {
                throw DatabaseError(.tableAlreadyExists, "Table \(database).\(name) already exists")
            }
            databases[database]?.tables[name] = table
        }
    }

    /// Removes and returns the table `database.name`; throws UNKNOWN_DATABASE or UNKNOWN_TABLE.
    @discardableResult
    public func remove(database: String, name: String) throws -> any Table {
        try lock.withLock { databases in
            guard databases[database] != nil else { throw Catalog.unknownDatabase(database) }
            guard let table = databases[database]?.tables.removeValue(forKey: name) else {
                throw DatabaseError(.unknownTable, "Table \(database).\(name) does not exist")
            }
            return table
        }
    }

    /// Moves a table entry to a new name (the caller renames the files).
    public func move(from: (String, String), to: (String, String)) throws {
        try lock.withLock { databases in
            guard databases[to.0] != nil else { throw Catalog.unknownDatabase(to.0) }
            guard databases[to.0]?.tables[to.1] == nil else {
                throw DatabaseError(.tableAlreadyExists, "Table \(to.0).\(to.1) already exists")
            }
            guard let table = databases[from.0]?.tables.removeValue(forKey: from.1) else {
                throw DatabaseError(.unknownTable, "Table \(from.0).\(from.1) does not exist")
            }
            databases[to.0]?.tables[to.1] = table
        }
    }

    static func unknownDatabase(_ name: String) -> DatabaseError {
        DatabaseError(.unknownDatabase, "Database \(name) does not exist")
    }
}
