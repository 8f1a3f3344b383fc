import SHColumns
import SHCore
import SHSQL

/// SHOW, DESCRIBE and EXISTS.
struct ShowInterpreter {
    let context: QueryContext

    func show(_ query: ShowQuery) throws -> QueryResult {
        switch query {
        case .databases(let like):
            let names = context.catalog.databaseNames() + ["system"]
            return list("name", names.sorted().filter { matches($0, like) })
        case .tables(let database, let like):
            let name = database ?? context.currentDatabase
            if name == "system" { return list("name", SystemTables.names.filter { matches($0, like) }) }
            let tables = try context.catalog.tables(in: name).map(\.name)
            return list("name", tables.filter { matches($0, like) })
        case .createTable(let name):
            let (database, table) = context.qualify(name)
            var query = try context.catalog.table(database: database, name: table).createQuery
            query.uuid = nil
            return list("statement", [SQLFormatter.createTable(query, pretty: true)])
        case .createDatabase(let name):
            guard let database = context.catalog.database(name) else {
                throw DatabaseError(.unknownDatabase, "Database \(name) does not exist")
            }
            let query = BackupDatabase.displayed(
                CreateDatabaseQuery(name: name, engine: database.engine, engineArguments: database.engineArguments))
            return list("statement", [SQLFormatter.createDatabase(query, pretty: true)])
        }
    }

    func describe(_ name: TableName) throws -> QueryResult {
        let (database, table) = context.qualify(name)
        let names = [
            "name", "type", "default_type", "default_expression", "comment", "codec_expression", "ttl_expression",
        ]
        let header = names.map { ColumnDescription(name: $0, type: .string) }
        var columns = header.map { Column(type: $0.type) }
        if database == "system", context.catalog.tableIfExists(database: database, name: table) == nil {
            let system = try SystemTableRegistry.table(named: table)
            for (column, type) in system.columns {
                let row = [column, SQLFormatter.prettyType(type, indent: 4), "", "", "", "", ""]
                for (index, text) in row.enumerated() { columns[index].append(.string(text)) }
            }
            return .rows(header, Chunk(columns: columns, rowCount: system.columns.count))
        }
        let definition = try context.catalog.table(database: database, name: table).createQuery
        for column in definition.columns {
            let codec = column.codec.map { $0.map(SQLFormatter.format).joined(separator: ", ") } ?? ""
            let row = [
                column.name, SQLFormatter.prettyType(column.type, indent: 4), column.defaultKind ?? "",
                column.defaultExpressionText, column.comment ?? "", codec, column.ttl.map(SQLFormatter.format) ?? "",
            ]
            for (index, text) in row.enumerated() { columns[index].append(.string(text)) }
        }
        return .rows(header, Chunk(columns: columns, rowCount: definition.columns.count))
    }

    func exists(_ query: ExistsQuery) throws -> QueryResult {
        let found: Bool
        switch query {
        case .table(let name):
            let (database, table) = context.qualify(name)
            found = context.catalog.tableIfExists(database: database, name: table) != nil
        case .database(let name):
            found = context.catalog.hasDatabase(name) || name == "system"
        }
        let header = [ColumnDescription(name: "result", type: .uint8)]
        return .rows(header, Chunk(columns: [Column(type: .uint8, values: [.uint(found ? 1 : 0)])]))
    }

    private func list(_ name: String, _ values: [String]) -> QueryResult {
        let header = [ColumnDescription(name: name, type: .string)]
        return .rows(
            header, Chunk(columns: [Column(type: .string, values: values.map(Value.string))], rowCount: values.count))
    }

    private func matches(_ name: String, _ like: String?) -> Bool {
        guard let like else { return true }
        return LikeMatcher.matches(name, like)
    }
}

/// `LIKE` for SHOW filters.
enum LikeMatcher {
    static func matches(_ text: String, _ pattern: String) -> Bool {
        let t = Array(text.utf8)
        let p = Array(pattern.utf8)
        func match(_ i: Int, _ j: Int) -> Bool {
            if j == p.count { return i == t.count }
            if p[j] == UInt8(ascii: "%") { return (i...t.count).contains { match($0, j + 1) } }
            guard i < t.count, p[j] == UInt8(ascii: "_") || p[j] == t[i] else { return false }
            return match(i + 1, j + 1)
        }
        return match(0, 0)
    }
}
