import Foundation
import SHCore
import SHSQL

/// CREATE DATABASE / DROP DATABASE.
enum DatabaseInterpreter {
    static func create(_ query: CreateDatabaseQuery, engine: Engine) throws {
        if engine.catalog.hasDatabase(query.name) {
            if query.ifNotExists { return }
            throw DatabaseError(.databaseAlreadyExists, "Database \(query.name) already exists")
        }
        if let name = query.engine, !["Atomic", "Ordinary", "Memory"].contains(name) {
            throw DatabaseError(.unknownDatabase, "Unknown database engine: \(name)")
        }
        try createDatabase(name: query.name, engine: engine, uuid: query.uuid.flatMap(UUID.init(uuidString:)))
    }

    static func createDatabase(name: String, engine: Engine, uuid: UUID? = nil) throws {
        let uuid = uuid ?? UUID()
        try engine.metadata.writeDatabase(
            CreateDatabaseQuery(name: name, ifNotExists: false, uuid: uuid.uuidString.lowercased(), engine: "Atomic"))
        try engine.catalog.addDatabase(name: name, uuid: uuid, engine: "Atomic")
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
