import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// What the MergeTree family engines (`ReplacingMergeTree`, `SummingMergeTree`, …) share: MergeTree's parts, canonical
/// form and table object, the checks of their engine arguments, and where their merges take rows of equal key.
enum MergeTreeFamily {
    /// ClickHouse's check of the engine's argument count: `description` is how ClickHouse lists the parameters
    /// (`0 to 2 parameters: \n[is_deleted column],\n[version]`).
    static func checkArgumentCount(_ engine: EngineDefinition, _ range: ClosedRange<Int>, description: String) throws {
        guard range.contains(engine.arguments.count) else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "With extended storage definition syntax storage \(engine.name) requires \(description)")
        }
    }

    /// MergeTree's canonical form; a family engine with arguments needs ORDER BY or PRIMARY KEY (ClickHouse would
    /// otherwise read the deprecated syntax, whose first argument is a date column).
    static func canonicalize(_ definition: inout CreateTableQuery, engine: MergeTreeEngine) throws {
        if definition.orderBy == nil, definition.primaryKey == nil, definition.engine?.arguments.isEmpty == false {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "ORDER BY or PRIMARY KEY clause is missing. Consider using extended storage definition syntax with "
                    + "ORDER BY or PRIMARY KEY clause.")
        }
        try engine.canonicalize(&definition)
    }

    /// ClickHouse's `deduplicate_merge_projection_mode` (`throw` unless set): a table of a family engine, whose merges
    /// combine rows, may have projections only with `drop` or `rebuild` (SwiftHouse's merges drop them either way).
    /// `adding` words the error for `ALTER TABLE … ADD PROJECTION`.
    static func checkProjectionMode(_ definition: CreateTableQuery, engine: String, adding: Bool = false) throws {
        guard engine != "MergeTree", !definition.projections.isEmpty else { return }
        let mode = definition.settings.last { $0.name == "deduplicate_merge_projection_mode" }.flatMap { setting in
            if case .literal(.string(let value)) = setting.value { return value.lowercased() }
            return nil
        }
        guard mode == nil || mode == "throw" else { return }
        let subject = adding ? "ADD PROJECTION is not supported in" : "Projections are not supported for"
        throw DatabaseError(
            .supportIsDisabled,
            "\(subject) \(engine) with deduplicate_merge_projection_mode = throw. Please set setting 'deduplicate_merge_projection_mode' to 'drop' or 'rebuild'."
        )
    }

    /// The column a bare-name engine argument names, `nil` when the argument is not a bare name.
    static func columnName(_ argument: Expression) -> String? {
        guard case .identifier(let parts) = argument, parts.count == 1 else { return nil }
        return parts[0]
    }

    /// The index of the stored column `name` in `columns`, or the error `missing` when there is none.
    static func column(_ name: String, in columns: [ColumnDescription], missing: String) throws -> Int {
        guard let index = columns.firstIndex(where: { $0.name == name }) else {
            throw DatabaseError(.noSuchColumnInTable, missing)
        }
        return index
    }

    /// Checks that the sign column of `engine` is an Int8 (Collapsing and VersionedCollapsing).
    static func checkSignType(_ column: ColumnDescription, engine: String) throws {
        guard column.type == .int8 else {
            throw DatabaseError(
                .badTypeOfField,
                "Sign column (\(column.name)) for storage \(engine) must have type Int8. Provided column of type "
                    + "\(column.type).")
        }
    }

    /// Checks that a version column is of a type ClickHouse orders versions by (`canBeUsedAsVersion`: numbers, dates
    /// and times).
    static func checkVersionType(_ column: ColumnDescription, engine: String) throws {
        switch column.type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64, .bool, .date,
            .date32, .dateTime, .dateTime64:
            return
        default:
            throw DatabaseError(
                .badTypeOfField,
                "The column \(column.name) cannot be used as a version column for storage \(engine) because it is "
                    + "of type \(column.type) (must be of an integer type or of type Date/DateTime/DateTime64)")
        }
    }

    /// The stored columns of a definition, as the table object gets them.
    static func storedColumns(_ definition: CreateTableQuery) -> [ColumnDescription] {
        definition.columns.filter(\.isStored).map { ColumnDescription(name: $0.name, type: $0.type) }
    }

    /// The names of the sorting key's plain columns (ClickHouse's "is in the primary key" test of SummingMergeTree).
    static func sortingKeyNames(_ definition: CreateTableQuery) -> Set<String> {
        guard let key = definition.orderBy ?? definition.primaryKey else { return [] }
        let items: [Expression]
        if case .function(let call) = key, call.name == "tuple" { items = call.arguments } else { items = [key] }
        return Set(items.compactMap(columnName))
    }
}

/// A MergeTree family engine: MergeTree's parts, keys and backups; only its parameters and its merge rule differ.
/// Conforming is checking the parameters (and giving the merge algorithm).
protocol MergeTreeFamilyEngine: TableEngine {
    /// Checks the engine's parameters against the table's stored columns, with ClickHouse's errors.
    func checkParameters(_ query: CreateTableQuery, columns: [ColumnDescription]) throws
}

extension MergeTreeFamilyEngine {
    /// The MergeTree storage the engine's tables use, under the engine's name.
    var storage: MergeTreeEngine { MergeTreeEngine(name: name) }

    var supportsFinal: Bool { true }

    func canonicalize(_ definition: inout CreateTableQuery) throws {
        try checkParameters(definition, columns: MergeTreeFamily.storedColumns(definition))
        try MergeTreeFamily.checkProjectionMode(definition, engine: name)
        try MergeTreeFamily.canonicalize(&definition, engine: storage)
    }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        try checkParameters(query, columns: columns)
        return try storage.make(query, database: database, uuid: uuid, directory: directory, columns: columns)
    }
}
