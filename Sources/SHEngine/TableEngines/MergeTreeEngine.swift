import Foundation
import SHColumns
import SHCore
import SHSQL
import SHStorage

/// `ENGINE = MergeTree ORDER BY … [PARTITION BY …]`: parts on disk.
struct MergeTreeEngine: TableEngine {
    /// `MergeTree`, or the family engine (`ReplacingMergeTree`, …) that keeps its parts this way.
    let name: String

    init(name: String = "MergeTree") { self.name = name }

    /// As ClickHouse stores it: a PRIMARY KEY without ORDER BY is also the ORDER BY; without either the table is sorted
    /// by nothing (`ORDER BY tuple()`, ClickHouse 26's `create_table_empty_primary_key_by_default`);
    /// `index_granularity = 8192` is added when not given.
    func canonicalize(_ definition: inout CreateTableQuery) throws {
        if definition.orderBy == nil {
            definition.orderBy = definition.primaryKey ?? .function(FunctionCall(name: "tuple", arguments: []))
        }
        if !definition.settings.contains(where: { $0.name == "index_granularity" }) {
            definition.settings.append(
                SettingAssignment(name: "index_granularity", value: .literal(.unsignedInteger(8192))))
        }
    }

    func make(
        _ query: CreateTableQuery, database: String, uuid: UUID, directory: URL, columns: [ColumnDescription]
    ) throws -> any Table {
        let keys = try Self.keys(of: query, columns: columns)
        return try MergeTreeTable(
            database: database, name: query.name.table, uuid: uuid, createQuery: query, columns: columns,
            keys: keys, ttl: try MergeTreeTTL(of: query, columns: columns), directory: directory, engineName: name)
    }

    /// Aggregate-function states (and SimpleAggregateFunction values) cannot be key elements (ClickHouse's
    /// DATA_TYPE_CANNOT_BE_USED_IN_KEY).
    static func checkComparable(_ key: BoundKeyExpressions) throws {
        for (type, name) in zip(key.types, key.names) {
            switch type {
            case .aggregateFunction:
                throw DatabaseError(
                    .dataTypeCannotBeUsedInKey,
                    "Column `\(name)` with type \(type) is not allowed in key expression, it's not comparable.")
            case .simpleAggregateFunction:
                throw DatabaseError(
                    .dataTypeCannotBeUsedInKey, "Column with type \(type) is not allowed in key expression.")
            default: break
            }
        }
    }

    /// The table's keys bound to its stored columns, checked as ClickHouse checks them: PRIMARY KEY a prefix of
    /// ORDER BY, deterministic expressions, no floating-point partition key.
    static func keys(of query: CreateTableQuery, columns: [ColumnDescription]) throws -> MergeTreeKeys {
        let sortingItems = BoundKeyExpressions.elements(of: query.orderBy ?? query.primaryKey)
        let sorting =
            sortingItems.isEmpty ? nil : try BoundKeyExpressions(sortingItems, columns: columns, purpose: "Sorting key")
        if let sorting { try checkComparable(sorting) }
        let allowNullableKey = query.settings.contains { setting in
            guard setting.name == "allow_nullable_key", case .literal(let value) = setting.value else { return false }
            switch value {
            case .unsignedInteger(let v): return v != 0
            case .integer(let v): return v != 0
            case .bool(let v): return v
            default: return false
            }
        }
        if let sorting, !allowNullableKey, sorting.types.contains(where: \.isNullable) {
            throw DatabaseError(
                .illegalColumn,
                "Sorting key contains nullable columns, but merge tree setting `allow_nullable_key` is disabled")
        }
        var primaryKeyLength = sortingItems.count
        if let primaryKey = query.primaryKey, let sorting {
            let primaryNames = BoundKeyExpressions.elements(of: primaryKey).map { SQLFormatter.format($0.unaliased) }
            guard primaryNames.count <= sorting.names.count else {
                throw DatabaseError(
                    .badArguments,
                    "Primary key must be a prefix of the sorting key, but its length: \(primaryNames.count) is greater than the sorting key length: \(sorting.names.count)"
                )
            }
            for (position, name) in primaryNames.enumerated() where name != sorting.names[position] {
                throw DatabaseError(
                    .badArguments,
                    "Primary key must be a prefix of the sorting key, but the column in the position \(position) is \(sorting.names[position]), not \(name)"
                )
            }
            primaryKeyLength = primaryNames.count
        }
        if let sampleBy = query.sampleBy {
            try checkSamplingKey(
                sampleBy, primaryKey: Array((sorting?.names ?? []).prefix(primaryKeyLength)), columns: columns)
        }
        let partitionItems = BoundKeyExpressions.elements(of: query.partitionBy)
        let partition =
            partitionItems.isEmpty
            ? nil : try BoundKeyExpressions(partitionItems, columns: columns, purpose: BoundKeyExpressions.partitionKey)
        if let partition { try checkComparable(partition) }
        if let partition, !allowNullableKey, partition.types.contains(where: \.isNullable) {
            throw DatabaseError(
                .illegalColumn,
                "Partition key contains nullable columns, but merge tree setting `allow_nullable_key` is disabled")
        }
        if let partition {
            for (type, name) in zip(partition.types, partition.names) {
                switch type.removingNullable.withoutLowCardinality {
                case .float32, .float64:
                    throw DatabaseError(.badArguments, "Floating point partition key is not supported: \(name)")
                default: break
                }
            }
        }
        // The columns the partition key reads, in the order it first reads them (minmax_<column>.idx each).
        var partitionColumns: [Int] = []
        for name in query.partitionBy.map(TableFactory.identifiers(in:)) ?? [] {
            guard let index = columns.firstIndex(where: { $0.name == name }), !partitionColumns.contains(index) else {
                continue
            }
            partitionColumns.append(index)
        }
        return MergeTreeKeys(
            sorting: sorting, primaryKeyLength: primaryKeyLength, partition: partition,
            partitionColumns: partitionColumns, skipIndexes: skipIndexes(of: query, columns: columns),
            projections: projections(of: query, columns: columns))
    }

    /// ClickHouse's checks of `SAMPLE BY`: the expression is one of the primary key's, of an unsigned integer type.
    static func checkSamplingKey(_ written: Expression, primaryKey: [String], columns: [ColumnDescription]) throws {
        let sampleBy = BoundKeyExpressions.samplingExpression(written)
        guard primaryKey.contains(SQLFormatter.format(sampleBy.unaliased)) else {
            throw DatabaseError(.badArguments, "Sampling expression must be present in the primary key")
        }
        let sampling = try BoundKeyExpressions([sampleBy], columns: columns, purpose: "Sampling key")
        guard SampleFilter.universeBits(sampling.types[0]) != nil else {
            throw DatabaseError(
                .illegalTypeOfColumnForFilter,
                "Invalid sampling column type in storage parameters: \(sampling.types[0]). Must be one unsigned integer type"
            )
        }
    }
}
