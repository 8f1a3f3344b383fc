import Foundation
import SHCore

/// The databases and tables of one data directory, behind one lock.
///
/// It only keeps the objects; the engine writes and reads the metadata files.
public final class Catalog: @unchecked Sendable {
    /// A database and its tables.
    public struct Database: Sendable {
        public var name: String
        public var uuid: UUID
        public var engine: String
        public var tables: [String: any Table]
    }

    private let lock = NSLock()
    private var databases: [String: Database] = [:]

    public init() {}

    public func databaseNames() -> [String] { lock.withLock { databases.keys.sorted() } }

    public func database(_ name: String) -> Database? { lock.withLock { databases[name] } }

    public func hasDatabase(_ name: String) -> Bool { lock.withLock { databases[name] != nil } }

    public func addDatabase(name: String, uuid: UUID, engine: String) throws {
        try lock.withLock {
            guard databases[name] == nil else {
                throw DatabaseError(.databaseAlreadyExists, "Database \(name) already exists")
            }
            databases[name] = Database(name: name, uuid: uuid, engine: engine, tables: [:])
        }
    }

    /// Removes a database and returns its tables.
    @discardableResult
    public func removeDatabase(_ name: String) throws -> [any Table] {
        try lock.withLock {
            guard let database = databases.removeValue(forKey: name) else { throw Catalog.unknownDatabase(name) }
            return Array(database.tables.values)
        }
    }

    public func table(database: String, name: String) throws -> any Table {
        try lock.withLock {
            guard let db = databases[database] else { throw Catalog.unknownDatabase(database) }
            guard let table = db.tables[name] else {
                throw DatabaseError(.unknownTable, "Table \(database).\(name) does not exist")
            }
            return table
        }
    }

    public func tableIfExists(database: String, name: String) -> (any Table)? {
        lock.withLock { databases[database]?.tables[name] }
    }

    public func tables(in database: String) throws -> [any Table] {
        try lock.withLock {
            guard let db = databases[database] else { throw Catalog.unknownDatabase(database) }
            return db.tables.keys.sorted().compactMap { db.tables[$0] }
        }
    }

    public func add(_ table: any Table, database: String, name: String) throws {
        try lock.withLock {
            guard databases[database] != nil else { throw Catalog.unknownDatabase(database) }
            guard databases[database]?.tables[name] == nil else {
                throw DatabaseError(.tableAlreadyExists, "Table \(database).\(name) already exists")
            }
            databases[database]?.tables[name] = table
        }
    }

    @discardableResult
    public func remove(database: String, name: String) throws -> any Table {
        try lock.withLock {
            guard databases[database] != nil else { throw Catalog.unknownDatabase(database) }
            guard let table = databases[database]?.tables.removeValue(forKey: name) else {
                throw DatabaseError(.unknownTable, "Table \(database).\(name) does not exist")
            }
            return table
        }
    }

    /// Moves a table entry to a new name (the caller renames the files).
    public func move(from: (String, String), to: (String, String)) throws {
        try lock.withLock {
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
