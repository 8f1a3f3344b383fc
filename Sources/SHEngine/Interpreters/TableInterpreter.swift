import Foundation
import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

/// CREATE TABLE, DROP, TRUNCATE, RENAME.
struct TableInterpreter {
    let context: QueryContext

    func create(_ query: CreateTableQuery) async throws {
        let (database, table) = context.qualify(query.name)
        guard context.catalog.hasDatabase(database) else {
            throw DatabaseError(.unknownDatabase, "Database \(database) does not exist")
        }
        let exists = context.catalog.tableIfExists(database: database, name: table) != nil
        if query.replaceOnly, !exists {
            throw DatabaseError(.unknownTable, "Table `\(database)`.`\(table)` doesn't exist")
        }
        if exists, !query.orReplace {
            if query.ifNotExists { return }
            throw DatabaseError(.tableAlreadyExists, "Table \(database).\(table) already exists")
        }
        var definition = try Self.canonical(
            try withDefaultEngine(try copyingStructure(query)), database: database,
            checkCodecChains: !context.flag("allow_suspicious_codecs"))
        if let select = query.asSelect {
            let planned = try SelectPlanner(context: context).plan(select)
            if definition.columns.isEmpty {
                definition.columns = planned.header.map { ColumnDefinition(name: $0.name, type: $0.type) }
            }
        }
        guard exists else {
            _ = try createTable(definition, database: database, uuid: UUID())
            try fill(TableName(database: database, table: table), from: query.asSelect)
            return
        }
        try replace(database: database, table: table, with: definition, filledFrom: query.asSelect)
    }

    /// `CREATE OR REPLACE TABLE` of a table that exists, as ClickHouse does it: the new table is created (and
    /// filled by `AS SELECT`) under a temporary name, then takes the old one's name; the old table and its
    /// data go only after that, so a failure on the way leaves the old table as it was. The temporary names carry
    /// the table's name, so that a crash on the way is finished or undone when the data directory is opened again
    /// (``recoverInterruptedReplaces()``).
    private func replace(
        database: String, table: String, with definition: CreateTableQuery, filledFrom select: SelectQuery?
    ) throws {
        let suffix = String(UUID().uuidString.lowercased().prefix(8))
        let temporary = TableName(database: database, table: ReplaceName.staged.name(suffix: suffix, target: table))
        var staged = definition
        staged.name = temporary
        _ = try createTable(staged, database: database, uuid: UUID())
        do {
            try fill(temporary, from: select)
        } catch {
            try? dropTable(database: database, table: temporary.table)
            throw error
        }
        let old = TableName(database: database, table: ReplaceName.old.name(suffix: suffix, target: table))
        let target = TableName(database: database, table: table)
        do {
            try rename([RenamePair(from: target, to: old)])
        } catch {
            try? dropTable(database: database, table: temporary.table)
            throw error
        }
        do {
            try rename([RenamePair(from: temporary, to: target)])
        } catch {
            try? rename([RenamePair(from: old, to: target)])
            try? dropTable(database: database, table: temporary.table)
            throw error
        }
        try dropTable(database: database, table: old.table)
    }

    /// After a crash in the middle of a `CREATE OR REPLACE`: a staged new table whose target still exists is dropped
    /// (the crash came before the swap), one whose target is gone takes its name (the crash came between the two
    /// renames; the new table was complete); then a renamed old table is dropped when its target exists again, and
    /// gets its name back otherwise.
    func recoverInterruptedReplaces() throws {
        for database in context.catalog.databaseNames() {
            for kind in [ReplaceName.staged, .old] {
                for table in try context.catalog.tables(in: database) {
                    guard let target = kind.target(of: table.name) else { continue }
                    if context.catalog.tableIfExists(database: database, name: target) != nil {
                        try dropTable(database: database, table: table.name)
                    } else {
                        try rename([
                            RenamePair(
                                from: TableName(database: database, table: table.name),
                                to: TableName(database: database, table: target))
                        ])
                    }
                }
            }
        }
    }

    /// The temporary names of `CREATE OR REPLACE`: `_tmp_replace_<8 hex>_<table>` for the new table while it is
    /// staged, `_tmp_replace_old_<8 hex>_<table>` for the old one once it is moved aside.
    enum ReplaceName {
        case staged, old

        var prefix: String { self == .staged ? "_tmp_replace_" : "_tmp_replace_old_" }

        func name(suffix: String, target: String) -> String { prefix + suffix + "_" + target }

        /// The table a temporary name stands for, or nil when `name` is not one of this kind.
        func target(of name: String) -> String? {
            guard name.hasPrefix(prefix), self == .old || !name.hasPrefix(ReplaceName.old.prefix) else { return nil }
            let rest = name.dropFirst(prefix.count)
            guard rest.count > 9, rest.prefix(8).allSatisfy(\.isHexDigit), rest.dropFirst(8).first == "_" else {
                return nil
            }
            return String(rest.dropFirst(9))
        }
    }

    /// `CREATE TABLE … AS SELECT`: inserts the query's rows into the new table.
    private func fill(_ table: TableName, from select: SelectQuery?) throws {
        guard let select else { return }
        try InsertInterpreter(context: context).run(InsertQuery(table: table, source: .select(select)))
    }

    /// A CREATE without an ENGINE clause gets the `default_table_engine` setting's (`MergeTree` unless set). With
    /// `create_table_empty_primary_key_by_default = 0` a MergeTree table needs its ORDER BY or PRIMARY KEY.
    private func withDefaultEngine(_ query: CreateTableQuery) throws -> CreateTableQuery {
        var query = query
        if query.engine == nil {
            var engine = "MergeTree"
            if case .string(let bytes) = context.setting("default_table_engine") {
                engine = String(decoding: bytes, as: UTF8.self)
            }
            query.engine = EngineDefinition(name: engine)
        }
        if query.engine?.name == "MergeTree", query.orderBy == nil, query.primaryKey == nil,
            !context.flag("create_table_empty_primary_key_by_default", default: true)
        {
            throw DatabaseError(
                .badArguments,
                "You must provide an ORDER BY or PRIMARY KEY expression in the table definition. If you don't want this table to be sorted, use ORDER BY/PRIMARY KEY (). Otherwise, you can use the setting 'create_table_empty_primary_key_by_default' to automatically add an empty primary key to the table definition"
            )
        }
        return query
    }

    /// `CREATE TABLE t2 AS t1`: t1's columns, and its engine and storage clauses unless an ENGINE is given.
    private func copyingStructure(_ query: CreateTableQuery) throws -> CreateTableQuery {
        guard let name = query.asTable else { return query }
        let (database, table) = context.qualify(name)
        guard let source = context.catalog.tableIfExists(database: database, name: table)?.createQuery else {
            throw DatabaseError(.cannotGetCreateTableQuery, "Table `\(table)` doesn't exist")
        }
        var copy = query
        copy.columns = source.columns
        if copy.engine == nil {
            copy.engine = source.engine
            copy.partitionBy = source.partitionBy
            copy.primaryKey = source.primaryKey
            copy.orderBy = source.orderBy
            copy.sampleBy = source.sampleBy
            copy.settings = source.settings
        }
        return copy
    }

    /// Validates a CREATE TABLE and completes it the way ClickHouse stores it (engine defaults, index_granularity).
    /// Codecs are always checked; `checkCodecChains` adds ClickHouse's sanity checks of codec chains (off with
    /// `allow_suspicious_codecs`, and for tables a backup defines, which ClickHouse created already).
    static func canonical(_ query: CreateTableQuery, database: String, checkCodecChains: Bool) throws
        -> CreateTableQuery
    {
        for column in query.columns {
            guard let codecs = column.codec else { continue }
            try CodecValidation.validate(codecs, type: column.type, sanityCheck: checkCodecChains)
        }
        var definition = query.withNormalizedCodecs()
        // Aggregate-function types are bound (refused as ClickHouse refuses them) and named canonically.
        for index in definition.columns.indices {
            definition.columns[index].type = try StoredAggregateRegistry.checkedType(definition.columns[index].type)
        }
        definition.name = TableName(database: database, table: query.name.table)
        definition.ifNotExists = false
        definition.orReplace = false
        definition.replaceOnly = false
        definition.asSelect = nil
        definition.asTable = nil
        guard let engine = definition.engine else {
            throw DatabaseError(.incorrectQuery, "Table engine is not specified in CREATE query")
        }
        var names = Set<String>()
        for column in definition.columns where !names.insert(column.name).inserted {
            throw DatabaseError(.duplicateColumn, "Column \(column.name) already exists")
        }
        try TableEngineRegistry.engine(named: engine.name).canonicalize(&definition)
        return definition
    }

    /// Creates the table object, its metadata file and registers it (used by CREATE and RESTORE).
    func createTable(_ definition: CreateTableQuery, database: String, uuid: UUID) throws -> any Table {
        var stored = definition
        stored.uuid = uuid.uuidString.lowercased()
        let directory = context.engine.metadata.dataDirectory(database: database, table: definition.name.table)
        let table = try TableFactory.make(stored, database: database, uuid: uuid, directory: directory)
        try context.engine.metadata.writeTable(stored, database: database)
        do {
            try context.catalog.add(table, database: database, name: definition.name.table)
        } catch {
            context.engine.metadata.removeTable(database: database, table: definition.name.table)
            throw error
        }
        return table
    }

    func drop(_ query: DropQuery) throws {
        switch query.kind {
        case .database:
            try DatabaseInterpreter.drop(query.name.table, ifExists: query.ifExists, engine: context.engine)
        case .table:
            let (database, table) = context.qualify(query.name)
            if query.ifExists, context.catalog.tableIfExists(database: database, name: table) == nil { return }
            try dropTable(database: database, table: table)
        }
    }

    func dropTable(database: String, table: String) throws {
        let removed = try context.catalog.remove(database: database, name: table)
        context.engine.metadata.removeTable(database: database, table: table)
        try removed.dropData()
    }

    func truncate(_ name: TableName, ifExists: Bool) throws {
        let (database, table) = context.qualify(name)
        if ifExists, context.catalog.tableIfExists(database: database, name: table) == nil { return }
        try context.catalog.table(database: database, name: table).truncate()
    }

    func rename(_ pairs: [RenamePair]) throws {
        for pair in pairs {
            let from = context.qualify(pair.from)
            let to = context.qualify(pair.to)
            let table = try context.catalog.table(database: from.database, name: from.table)
            try context.catalog.move(from: (from.database, from.table), to: (to.database, to.table))
            var query = table.createQuery
            query.name = TableName(database: to.database, table: to.table)
            try table.renamed(database: to.database, name: to.table, createQuery: query)
            context.engine.metadata.removeTable(database: from.database, table: from.table)
            try context.engine.metadata.writeTable(query, database: to.database)
        }
    }
}
