import Foundation
import SHCore
import SHSQL
import SHStorage

/// `ALTER TABLE`: the commands, applied together to the definition, which is written to the metadata file as
/// ClickHouse writes it.
///
/// ADD COLUMN leaves old parts as they are (ClickHouse does not rewrite them either): they read the new
/// column's constant default (`PartChunks`). DROP COLUMN, RENAME COLUMN and MODIFY COLUMN to a new type on a
/// MergeTree table that holds rows rewrite every part, as ClickHouse's mutations do (`PartMutation`). What
/// SwiftHouse cannot rewrite yet is `NOT_IMPLEMENTED`, never half done: renaming or retyping a column that a skip
/// index, projection, TTL or another column's default uses, dropping a column of a table with projections, turning a
/// stored column into ALIAS, and ADD COLUMN whose default is computed from other columns on a table that holds rows.
/// Plain MergeTree keeps `metadata_version.txt` at 0 through these ALTERs, as ClickHouse does.
struct AlterInterpreter {
    let context: QueryContext

    func run(_ query: AlterQuery) throws {
        let (database, name) = context.qualify(query.table)
        guard let table = context.catalog.tableIfExists(database: database, name: name) else {
            throw DatabaseError(.unknownTable, "Could not find table: \(name)")
        }
        let old = table.createQuery
        var definition = old
        let engine = table.engineName
        let holdsRows = table.totalRows > 0
        var renamed: [String: String] = [:]
        // A column added under the name of one this ALTER dropped or renamed would read the old column's data.
        for case .addColumn(let column, _, _) in query.commands
        where old.columns.contains(where: { $0.name == column.name }) {
            if query.commands.contains(where: { Self.removesName(column.name, $0) }) {
                throw DatabaseError(
                    .notImplemented,
                    "ALTER TABLE ADD COLUMN \(column.name) in the ALTER that drops or renames a column of that name is not supported yet"
                )
            }
        }
        for command in query.commands {
            try refuseStaleFiles(of: command, in: table)
            try apply(command, to: &definition, engine: engine, holdsRows: holdsRows, renamed: &renamed)
        }
        if query.commands.contains(where: { if case .modifyOrderBy = $0 { true } else { false } }) {
            try Self.checkSortingKey(old: old, new: definition)
        }
        guard definition != old else { return }
        let rebuild =
            definition.columns != old.columns || definition.orderBy != old.orderBy
            || definition.primaryKey != old.primaryKey || definition.settings != old.settings
            || definition.indexes != old.indexes || definition.projections != old.projections
        // A mutation even without rows, as in ClickHouse: it takes a block number, and parts without rows (TTL emptied
        // them) must not keep the old columns.
        if let mergeTree = table as? MergeTreeTable,
            PartMutation.rewritesParts(old: old, new: definition, renamed: renamed)
        {
            try PartMutation(context: context, database: database).run(
                mergeTree, to: definition, renamed: renamed)
            return
        }
        if rebuild {
            try replaceTableObject(table, with: definition, database: database)
        } else {
            try table.renamed(database: database, name: name, createQuery: definition)
        }
        try context.engine.metadata.writeTable(definition, database: database)
    }

    /// ADD INDEX or ADD PROJECTION under a name whose files parts still hold (written before a DROP of the same name:
    /// SwiftHouse does not rewrite parts on DROP) is refused: ClickHouse would read those files as the new index or
    /// projection and skip granules or answer queries from the old definition. A merge rewrites the parts without them.
    private func refuseStaleFiles(of command: AlterCommand, in table: any Table) throws {
        guard case .parts(let parts) = table.snapshot() else { return }
        let (name, kind, holds): (String, String, (URL) throws -> Bool)
        switch command {
        case .addIndex(let index, _, _):
            (name, kind, holds) = (index.name, "index", { try PartIndexFiles.holdsSkipIndex(index.name, in: $0) })
        case .addProjection(let projection, _, _):
            (name, kind, holds) = (
                projection.name, "projection", { PartIndexFiles.holdsProjection(projection.name, in: $0) }
            )
        default: return
        }
        guard table.createQuery.indexes.allSatisfy({ $0.name != name }),
            table.createQuery.projections.allSatisfy({ $0.name != name })
        else { return }
        if let stale = try parts.first(where: { try holds($0.directory) }) {
            throw DatabaseError(
                .notImplemented,
                "Part \(stale.name) of table \(table.qualifiedName) still holds the files of a dropped \(kind) \(name): run OPTIMIZE TABLE \(table.qualifiedName) FINAL (which rewrites the parts without them) before adding a \(kind) of that name"
            )
        }
    }

    /// A new table object for a changed definition (its cached sorting key, settings and columns), reading the
    /// same directory; merges of the old object are held off meanwhile.
    private func replaceTableObject(_ table: any Table, with definition: CreateTableQuery, database: String) throws {
        let swap = {
            let replacement = try TableFactory.make(
                definition, database: database, uuid: table.uuid,
                directory: context.engine.metadata.dataDirectory(database: database, table: definition.name.table))
            _ = try context.catalog.remove(database: database, name: definition.name.table)
            try context.catalog.add(replacement, database: database, name: definition.name.table)
        }
        if let mergeTree = table as? MergeTreeTable {
            try mergeTree.withMergeLock { try swap() }
        } else {
            try swap()
        }
    }

    /// Applies one command to `definition`; `renamed` maps each column renamed so far to its name in the parts.
    private func apply(
        _ command: AlterCommand, to definition: inout CreateTableQuery, engine: String, holdsRows: Bool,
        renamed: inout [String: String]
    ) throws {
        let isMergeTree = engine.hasSuffix("MergeTree")
        func requireMergeTree(_ kind: String) throws {
            guard isMergeTree else {
                throw DatabaseError(.notImplemented, "Alter of type '\(kind)' is not supported by storage \(engine)")
            }
        }
        switch command {
        case .addColumn(let column, let ifNotExists, let position):
            if definition.columns.contains(where: { $0.name == column.name }) {
                if ifNotExists { return }
                throw DatabaseError(
                    .duplicateColumn, "Cannot add column `\(column.name)`: column with this name already exists")
            }
            // Old parts keep their columns (as in ClickHouse) and read the new column's value: its type's
            // default or a literal DEFAULT; a default computed from other columns is not done yet.
            if holdsRows, !isMergeTree {
                throw DatabaseError(
                    .notImplemented, "ALTER TABLE ADD COLUMN on a \(engine) table with rows is not supported yet")
            }
            if holdsRows, try PartChunks.fillValue(of: column) == nil {
                throw DatabaseError(
                    .notImplemented,
                    "ALTER TABLE ADD COLUMN with a default computed from other columns on a table with rows is not supported yet (column \(column.name))"
                )
            }
            try validateCodec(of: column, type: column.type)
            let index = try insertionIndex(position, in: definition.columns.map(\.name), what: "column")
            definition.columns.insert(column, at: index)
        case .dropColumn(let name, let ifExists):
            guard let at = definition.columns.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw DatabaseError(.notFoundColumnInBlock, "Wrong column name. Cannot find column `\(name)` to drop")
            }
            try Self.checkDroppable(name, in: definition)
            if holdsRows, !isMergeTree {
                throw DatabaseError(
                    .notImplemented, "ALTER TABLE DROP COLUMN on a \(engine) table with rows is not supported yet")
            }
            definition.columns.remove(at: at)
            renamed[name] = nil
        case .renameColumn(let name, let newName, let ifExists):
            guard let at = definition.columns.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw DatabaseError(
                    .notFoundColumnInBlock, "Wrong column name. Cannot find column `\(name)` to rename")
            }
            if definition.columns.contains(where: { $0.name == newName }) {
                throw DatabaseError(
                    .duplicateColumn, "Cannot rename to `\(newName)`: column with this name already exists")
            }
            if Self.keyUses(name, in: definition) {
                throw DatabaseError(
                    .alterOfColumnIsForbidden,
                    "Trying to ALTER RENAME key \(name) column which is a part of key expression")
            }
            try Self.checkNotUsedElsewhere(name, in: definition, command: "RENAME COLUMN")
            try requireMergeTree("RENAME_COLUMN")
            definition.columns[at].name = newName
            renamed[newName] = renamed.removeValue(forKey: name) ?? name
        case .modifyColumn(let column, let ifExists, let position):
            guard let at = definition.columns.firstIndex(where: { $0.name == column.name }) else {
                if ifExists { return }
                throw DatabaseError(
                    .notFoundColumnInBlock, "Wrong column. Cannot find column `\(column.name)` to modify")
            }
            var merged = definition.columns[at]
            if column.type != merged.type {
                try Self.checkRetypable(merged, to: column.type, in: definition)
                if !isMergeTree {
                    throw DatabaseError(
                        .notImplemented,
                        "ALTER TABLE MODIFY COLUMN changing a type on a \(engine) table is not supported yet")
                }
                // The kept codec is not checked against the new type, as in ClickHouse (`Delta(4)` stays on a String).
                merged.type = column.type
            }
            // What is written replaces what was; what is not written stays (ClickHouse's MODIFY COLUMN).
            if let kind = column.defaultKind {
                var changed = merged
                changed.defaultKind = kind
                if holdsRows, changed.isStored != merged.isStored {
                    throw DatabaseError(
                        .notImplemented,
                        "ALTER TABLE MODIFY COLUMN turning \(column.name) into \(kind) is not supported yet on a table with rows"
                    )
                }
                merged.defaultKind = kind
                merged.defaultExpression = column.defaultExpression
            }
            if let comment = column.comment { merged.comment = comment }
            if let codec = column.codec {
                try validateCodec(of: column, type: merged.type)
                merged.codec = codec
            }
            if let ttl = column.ttl { merged.ttl = ttl }
            if !column.settings.isEmpty { merged.settings = column.settings }
            definition.columns.remove(at: at)
            let names = definition.columns.map(\.name)
            let target = position == nil ? at : try insertionIndex(position, in: names, what: "column")
            definition.columns.insert(merged, at: target)
            definition = definition.withNormalizedCodecs()
        case .commentColumn(let name, let comment, let ifExists):
            guard let index = definition.columns.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw DatabaseError(
                    .notFoundColumnInBlock, "Wrong column name. Cannot find column `\(name)` to comment")
            }
            definition.columns[index].comment = comment.isEmpty ? nil : comment
        case .addIndex(let index, let ifNotExists, let position):
            try requireMergeTree("ADD_INDEX")
            if definition.indexes.contains(where: { $0.name == index.name }) {
                if ifNotExists { return }
                throw DatabaseError(
                    .illegalColumn, "Cannot add index \(index.name): index with this name already exists")
            }
            let at = try insertionIndex(position, in: definition.indexes.map(\.name), what: "index")
            definition.indexes.insert(index, at: at)
        case .dropIndex(let name, let ifExists):
            try requireMergeTree("DROP_INDEX")
            guard let at = definition.indexes.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw DatabaseError(.badArguments, "Wrong index name. Cannot find index `\(name)` to drop")
            }
            definition.indexes.remove(at: at)
        case .addProjection(let projection, let ifNotExists, let position):
            try requireMergeTree("ADD_PROJECTION")
            if definition.projections.contains(where: { $0.name == projection.name }) {
                if ifNotExists { return }
                throw DatabaseError(
                    .illegalProjection,
                    "Cannot add projection \(projection.name): projection with this name already exists")
            }
            let at = try insertionIndex(position, in: definition.projections.map(\.name), what: "projection")
            definition.projections.insert(projection, at: at)
            try MergeTreeFamily.checkProjectionMode(definition, engine: engine, adding: true)
        case .dropProjection(let name, let ifExists):
            try requireMergeTree("DROP_PROJECTION")
            guard let at = definition.projections.firstIndex(where: { $0.name == name }) else {
                if ifExists { return }
                throw DatabaseError(.noSuchProjectionInTable, "There is no projection \(name) in table")
            }
            definition.projections.remove(at: at)
        case .modifySetting(let settings):
            try requireMergeTree("MODIFY_SETTING")
            for setting in settings {
                guard MergeTreeSettings.knownNames.contains(setting.name) else {
                    throw DatabaseError(.unknownSetting, "Unknown setting '\(setting.name)'")
                }
                if Self.readonlySettings.contains(setting.name) {
                    throw DatabaseError(
                        .readonlySetting, "Setting '\(setting.name)' is readonly for storage 'MergeTree'")
                }
                if let at = definition.settings.firstIndex(where: { $0.name == setting.name }) {
                    definition.settings[at] = setting
                } else {
                    definition.settings.append(setting)
                }
            }
            _ = try MergeTreeSettings(definition.settings)
        case .resetSetting(let names):
            try requireMergeTree("RESET_SETTING")
            for name in names where Self.readonlySettings.contains(name) {
                throw DatabaseError(.readonlySetting, "Setting '\(name)' is readonly for storage 'MergeTree'")
            }
            definition.settings.removeAll { names.contains($0.name) }
        case .modifyTTL(let rules):
            try requireMergeTree("MODIFY_TTL")
            definition.ttl = rules
        case .removeTTL:
            try requireMergeTree("REMOVE_TTL")
            guard !definition.ttl.isEmpty else {
                throw DatabaseError(.badArguments, "Table doesn't have any table TTL expression, cannot remove.")
            }
            definition.ttl = []
        case .modifyComment(let comment):
            definition.comment = comment.isEmpty ? nil : comment
        case .modifyOrderBy(let key):
            try requireMergeTree("MODIFY_ORDER_BY")
            // The old sorting key stays the primary key when none was written.
            if definition.primaryKey == nil { definition.primaryKey = definition.orderBy }
            definition.orderBy = key
        }
    }

    /// Whether `command` drops or renames away the column `name`.
    static func removesName(_ name: String, _ command: AlterCommand) -> Bool {
        switch command {
        case .dropColumn(let dropped, _): dropped == name
        case .renameColumn(let from, _, _): from == name
        default: false
        }
    }

    /// Whether the sorting, primary, partition or sampling key uses the column `name`.
    static func keyUses(_ name: String, in definition: CreateTableQuery) -> Bool {
        let keys = [definition.orderBy, definition.primaryKey, definition.partitionBy, definition.sampleBy]
        return keys.contains { $0.map { TableFactory.identifiers(in: $0).contains(name) } ?? false }
    }

    /// Refuses to rename or retype a column that another column's default, a skip index, a projection or a TTL
    /// uses: ClickHouse rewrites those along, which SwiftHouse does not do yet.
    static func checkNotUsedElsewhere(_ name: String, in definition: CreateTableQuery, command: String) throws {
        let defaults = definition.columns.filter { $0.name != name }.compactMap(\.defaultExpression)
        let expressions = defaults + definition.indexes.map(\.expression)
        let used =
            expressions.contains { TableFactory.identifiers(in: $0).contains(name) } || !definition.projections.isEmpty
            || !definition.ttl.isEmpty || definition.columns.contains { $0.ttl != nil }
        if used {
            throw DatabaseError(
                .notImplemented,
                "ALTER TABLE \(command) of column \(name) on a table with skip indexes, projections, TTL or defaults that use it is not supported yet"
            )
        }
    }

    /// Refuses to change the type of a key column as ClickHouse refuses it (SwiftHouse does not allow the changes
    /// that keep the key's representation either), and of a column other expressions use.
    static func checkRetypable(_ column: ColumnDefinition, to type: DataType, in definition: CreateTableQuery) throws {
        let partitionKey = definition.partitionBy.map { TableFactory.identifiers(in: $0).contains(column.name) }
        if partitionKey == true {
            throw DatabaseError(
                .alterOfColumnIsForbidden,
                "ALTER of partition key column \(column.name) from type \(column.type) to type \(type) is not safe because it can change the representation of partition key"
            )
        }
        if keyUses(column.name, in: definition) {
            throw DatabaseError(
                .alterOfColumnIsForbidden,
                "ALTER of key column \(column.name) from type \(column.type) to type \(type) is not safe because it can change the representation of primary key"
            )
        }
        try checkNotUsedElsewhere(column.name, in: definition, command: "MODIFY COLUMN")
    }

    /// Refuses to drop a column that a key, another column's default, a skip index or a projection uses, with
    /// ClickHouse's errors.
    static func checkDroppable(_ name: String, in definition: CreateTableQuery) throws {
        if keyUses(name, in: definition) {
            throw DatabaseError(
                .alterOfColumnIsForbidden, "Trying to ALTER DROP key \(name) column which is a part of key expression")
        }
        for column in definition.columns where column.name != name {
            if let expression = column.defaultExpression, TableFactory.identifiers(in: expression).contains(name) {
                throw DatabaseError(
                    .illegalColumn, "Cannot drop column `\(name)`, because column `\(column.name)` depends on it")
            }
        }
        for index in definition.indexes where TableFactory.identifiers(in: index.expression).contains(name) {
            throw DatabaseError(
                .unknownIdentifier,
                "Cannot apply ALTER because it breaks skip index \(index.name): Missing columns: '\(name)'")
        }
        if !definition.projections.isEmpty {
            throw DatabaseError(
                .notImplemented, "ALTER TABLE DROP COLUMN on a table with projections is not supported yet")
        }
    }

    /// MergeTree settings that ALTER cannot change (`MergeTreeSettings::isReadonlySetting`).
    static let readonlySettings: Set<String> = [
        "index_granularity", "index_granularity_bytes", "enable_mixed_granularity_parts",
    ]

    /// Where an element goes among `names`: at the end, first, or after the named one.
    private func insertionIndex(_ position: AlterPosition?, in names: [String], what: String) throws -> Int {
        switch position {
        case nil: return names.count
        case .first: return 0
        case .after(let name):
            guard let index = names.firstIndex(of: name) else {
                throw DatabaseError(
                    what == "column" ? .notFoundColumnInBlock : .badArguments,
                    "Wrong \(what) name. Cannot find \(what) `\(name)` to insert after")
            }
            return index + 1
        }
    }

    /// Checks a column's codecs for values of `type` as CREATE does (chains too, unless `allow_suspicious_codecs`).
    private func validateCodec(of column: ColumnDefinition, type: DataType) throws {
        guard let codec = column.codec else { return }
        try CodecValidation.validate(codec, type: type, sanityCheck: !context.flag("allow_suspicious_codecs"))
    }

    /// `MODIFY ORDER BY` as `MergeTreeData::checkProperties` allows it: the primary key stays a prefix of the
    /// sorting key, and expressions added to the sorting key use only columns added by the same ALTER.
    static func checkSortingKey(old: CreateTableQuery, new: CreateTableQuery) throws {
        let newKey = BoundKeyExpressions.elements(of: new.orderBy)
        let primary = BoundKeyExpressions.elements(of: new.primaryKey ?? new.orderBy)
        let newNames = newKey.map { SQLFormatter.columnName(for: $0) }
        let primaryNames = primary.map { SQLFormatter.columnName(for: $0) }
        if primaryNames.count > newNames.count {
            throw DatabaseError(
                .badArguments,
                "Primary key must be a prefix of the sorting key, but its length: \(primaryNames.count) is greater than the sorting key length: \(newNames.count)"
            )
        }
        for (i, name) in primaryNames.enumerated() where newNames[i] != name {
            throw DatabaseError(
                .badArguments,
                "Primary key must be a prefix of the sorting key, but the column in the position \(i) is \(newNames[i]), not \(name)"
            )
        }
        let oldNames = BoundKeyExpressions.elements(of: old.orderBy).map { SQLFormatter.columnName(for: $0) }
        var added: [Expression] = []
        var oldIndex = 0
        for (i, name) in newNames.enumerated() {
            if oldIndex < oldNames.count, name == oldNames[oldIndex] {
                oldIndex += 1
            } else {
                added.append(newKey[i])
            }
        }
        let oldColumns = Set(old.columns.map(\.name))
        for expression in added {
            for column in TableFactory.identifiers(in: expression) {
                if oldColumns.contains(column) {
                    throw DatabaseError(
                        .badArguments,
                        "Existing column \(column) is used in the expression that was added to the sorting key. You can add expressions that use only the newly added columns"
                    )
                }
                if new.columns.first(where: { $0.name == column })?.defaultExpression != nil {
                    throw DatabaseError(
                        .badArguments,
                        "Newly added column \(column) has a default expression, so adding expressions that use it to the sorting key is forbidden"
                    )
                }
            }
        }
    }
}

extension ErrorCode {
    static let illegalProjection = ErrorCode(583, "ILLEGAL_PROJECTION")
    static let supportIsDisabled = ErrorCode(344, "SUPPORT_IS_DISABLED")
    static let noSuchProjectionInTable = ErrorCode(582, "NO_SUCH_PROJECTION_IN_TABLE")
    static let readonlySetting = ErrorCode(472, "READONLY_SETTING")
    static let alterOfColumnIsForbidden = ErrorCode(524, "ALTER_OF_COLUMN_IS_FORBIDDEN")
}
