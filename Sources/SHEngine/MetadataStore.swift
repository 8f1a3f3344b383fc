import Foundation
import SHBackup
import SHCore
import SHSQL
import SHStorage

/// The metadata files of a data directory, in ClickHouse's layout:
/// `metadata/<db>.sql` (CREATE DATABASE) and `metadata/<db>/<table>.sql` (one-line CREATE TABLE with UUID).
/// Table data lives in `data/<db>/<table>/`.
struct MetadataStore: Sendable {
    let root: URL

    var metadataDirectory: URL { root.appendingPathComponent("metadata") }

    func databaseFile(_ database: String) -> URL {
        metadataDirectory.appendingPathComponent(escapeForFileName(database) + ".sql")
    }

    func tableFile(database: String, table: String) -> URL {
        metadataDirectory.appendingPathComponent(escapeForFileName(database))
            .appendingPathComponent(escapeForFileName(table) + ".sql")
    }

    func dataDirectory(database: String, table: String) -> URL {
        root.appendingPathComponent("data").appendingPathComponent(escapeForFileName(database))
            .appendingPathComponent(escapeForFileName(table))
    }

    func writeDatabase(_ query: CreateDatabaseQuery) throws {
        try DurableFiles.write(Array(SQLFormatter.createDatabase(query).utf8), to: databaseFile(query.name))
        try FileManager.default.createDirectory(
            at: metadataDirectory.appendingPathComponent(escapeForFileName(query.name)),
            withIntermediateDirectories: true)
    }

    func writeTable(_ query: CreateTableQuery, database: String) throws {
        try DurableFiles.write(
            Array(SQLFormatter.createTable(query, pretty: false).utf8),
            to: tableFile(database: database, table: query.name.table))
    }

    func removeTable(database: String, table: String) {
        try? FileManager.default.removeItem(at: tableFile(database: database, table: table))
    }

    func removeDatabase(_ database: String) {
        try? FileManager.default.removeItem(at: databaseFile(database))
        try? FileManager.default.removeItem(at: metadataDirectory.appendingPathComponent(escapeForFileName(database)))
        try? FileManager.default.removeItem(
            at: root.appendingPathComponent("data").appendingPathComponent(escapeForFileName(database)))
    }

    /// Loads every database and table into `catalog`.
    func load(into catalog: Catalog) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: metadataDirectory, withIntermediateDirectories: true)
        for entry in try fileManager.contentsOfDirectory(atPath: metadataDirectory.path).sorted()
        where entry.hasSuffix(".sql") {
            let text = try String(contentsOf: metadataDirectory.appendingPathComponent(entry), encoding: .utf8)
            guard case .createDatabase(let query) = try Parser.parseStatement(text).statement else { continue }
            try catalog.addDatabase(
                name: query.name, uuid: query.uuid.flatMap(UUID.init(uuidString:)) ?? UUID(),
                engine: query.engine ?? "Atomic", engineArguments: query.engineArguments)
            let directory = metadataDirectory.appendingPathComponent(String(entry.dropLast(4)))
            guard let tableFiles = try? fileManager.contentsOfDirectory(atPath: directory.path) else { continue }
            for file in tableFiles.sorted() where file.hasSuffix(".sql") {
                let tableText = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                guard case .createTable(let create) = try Parser.parseStatement(tableText).statement else { continue }
                let data = dataDirectory(database: query.name, table: create.name.table)
                if RestoreMarker.isSet(data) {
                    // Left by a RESTORE that did not finish: not a table anyone may see.
                    try? FileManager.default.removeItem(at: directory.appendingPathComponent(file))
                    try? FileManager.default.removeItem(at: data)
                    continue
                }
                let table = try TableFactory.make(
                    create, database: query.name, uuid: create.uuid.flatMap(UUID.init(uuidString:)) ?? UUID(),
                    directory: dataDirectory(database: query.name, table: create.name.table))
                try catalog.add(table, database: query.name, name: create.name.table)
            }
        }
    }
}
