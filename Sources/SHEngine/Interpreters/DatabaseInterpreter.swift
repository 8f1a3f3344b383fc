import Foundation
import SHCore
import SHSQL

/// CREATE DATABASE / DROP DATABASE.
enum DatabaseInterpreter {
    /// How an engine creates a database of a CREATE DATABASE query (the name is known to be free).
    typealias Creator = @Sendable (CreateDatabaseQuery, QueryContext) async throws -> Void

    /// The database engines by name. Atomic, Ordinary and Memory databases all hold ordinary tables on disk
    /// (SwiftHouse writes every table atomically); Backup attaches a backup read-only.
    static let engines: [String: Creator] = [
        "Atomic": createPlain, "Ordinary": createPlain, "Memory": createPlain,
        BackupDatabase.engineName: BackupDatabase.create,
    ]

    static func create(_ query: CreateDatabaseQuery, context: QueryContext) async throws {
        if context.catalog.hasDatabase(query.name) {
            if query.ifNotExists { return }
            throw DatabaseError(.databaseAlreadyExists, "Database \(query.name) already exists")
        }
        let name = query.engine ?? "Atomic"
        guard let creator = engines[name] else {
            throw DatabaseError(.unknownDatabaseEngine, "Unknown database engine: \(name)")
        }
        try await creator(query, context)
    }

    private static func createPlain(_ query: CreateDatabaseQuery, context: QueryContext) throws {
        if let arguments = query.engineArguments, !arguments.isEmpty {
            throw DatabaseError(.badArguments, "Database engine `\(query.engine ?? "Atomic")` cannot have arguments")
        }
        try createDatabase(
            name: query.name, engine: context.engine, uuid: query.uuid.flatMap(UUID.init(uuidString:)))
    }

    /// Writes the metadata of database `name` and adds it to the catalog: an Atomic database, or the engine and
    /// arguments of `definition`.
    static func createDatabase(
        name: String, engine: Engine, uuid: UUID? = nil, definition: CreateDatabaseQuery? = nil
    ) throws {
        let uuid = uuid ?? UUID()
        var query = CreateDatabaseQuery(name: name, uuid: uuid.uuidString.lowercased(), engine: "Atomic")
        if let definition {
            query.engine = definition.engine
            query.engineArguments = definition.engineArguments
            query.comment = definition.comment
        }
        try engine.metadata.writeDatabase(query)
        try engine.catalog.addDatabase(
            name: name, uuid: uuid, engine: query.engine ?? "Atomic", engineArguments: query.engineArguments)
    }

    static func drop(_ name: String, ifExists: Bool, engine: Engine) throws {
        guard engine.catalog.hasDatabase(name) else {
            if ifExists { return }
            throw DatabaseError(.unknownDatabase, "Database \(name) does not exist")
        }
        let tables = try engine.catalog.removeDatabase(name)
        for table in tables { try? table.dropData() }
        engine.metadata.removeDatabase(name)
    }
}
