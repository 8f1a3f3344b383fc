import SHColumns
import SHCore
import SHExecution
import SHSQL
import SHStorage

extension MergeTreeEngine {
    /// The table's projections that SwiftHouse builds, bound to its stored columns. A projection SwiftHouse cannot
    /// compute (one that reads a virtual column such as `_part_offset`, an aggregate function with parameters or
    /// `DISTINCT`, a function it lacks) is left out: parts are then written without its `.proj` part, which ClickHouse
    /// reads as the projection not being materialized in them (its queries read the table instead).
    static func projections(of query: CreateTableQuery, columns: [ColumnDescription]) -> [ProjectionDescription] {
        query.projections.compactMap { definition in
            do {
                return ProjectionDescription(
                    name: definition.name, query: try BoundProjection(definition.query, columns: columns))
            } catch {
                return nil
            }
        }
    }
}

/// A projection's SELECT bound to the table's stored columns, computed as ClickHouse computes it for a block
/// (`ProjectionDescription::calculateByQuery`): a normal projection keeps the columns it reads, in table order (its
/// query runs to `FetchColumns`), sorted by its ORDER BY; an aggregate projection keeps its GROUP BY keys and the
/// states of its aggregate functions (`WithMergeableState`), named as ClickHouse names them (`sum(c)`,
/// `count()`), one row per key, sorted by the keys.
struct BoundProjection: ProjectionQuery {
    let columns: [ColumnDescription]
    let sorting: (any KeyExpressions)?
    let isAggregate: Bool
    /// A normal projection's columns, as indices into the table's stored columns.
    private let read: [Int]
    /// An aggregate projection's keys and aggregate states, over the table's stored columns.
    private let keys: [BoundExpression]
    private let calls: [AggregateCall]

    init(_ query: SelectQuery, columns table: [ColumnDescription]) throws {
        let aggregates = AggregateCollector.collect(query.projection, aliases: [:])
        isAggregate = !aggregates.isEmpty || !query.groupBy.isEmpty
        guard isAggregate else {
            var names = Set<String>()
            var everything = false
            for expression in query.projection + query.orderBy.map(\.expression) {
                if case .asterisk = expression.unaliased { everything = true }
                names.formUnion(TableFactory.identifiers(in: expression))
            }
            if let missing = names.sorted().first(where: { name in !table.contains { $0.name == name } }) {
                throw DatabaseError(.notImplemented, "Projection column \(missing) is not a stored column")
            }
            read = table.indices.filter { everything || names.contains(table[$0].name) }
            columns = read.map { table[$0] }
            let order = query.orderBy.flatMap { BoundKeyExpressions.elements(of: $0.expression) }
            sorting = order.isEmpty ? nil : try BoundKeyExpressions(order, columns: columns, purpose: "Sorting key")
            keys = []
            calls = []
            return
        }
        read = []
        keys = try BoundKeyExpressions(query.groupBy, columns: table, purpose: "Projection").expressions
        calls = try aggregates.map { call in
            guard call.parameters == nil, !call.distinct else {
                throw DatabaseError(.notImplemented, "Projection aggregate \(call.name) with parameters or DISTINCT")
            }
            let arguments = try BoundKeyExpressions(call.arguments, columns: table, purpose: "Projection").expressions
            let function = try AggregateRegistry.bind(
                call.name + "State", argumentTypes: arguments.map(\.type), distinct: false)
            return AggregateCall(function: function, arguments: arguments)
        }
        let keyColumns = zip(query.groupBy, keys).map {
            ColumnDescription(name: SQLFormatter.columnName(for: $0.unaliased), type: $1.type)
        }
        columns =
            keyColumns
            + zip(aggregates, calls).map {
                ColumnDescription(name: SQLFormatter.columnName(for: .function($0)), type: $1.function.returnType)
            }
        sorting =
            keyColumns.isEmpty
            ? nil
            : try BoundKeyExpressions(
                keyColumns.map { .identifier([$0.name]) }, columns: columns, purpose: "Sorting key")
    }

    func rows(of block: Chunk) throws -> Chunk {
        guard block.rowCount > 0 else { return Chunk(columns: columns.map { Column(type: $0.type) }, rowCount: 0) }
        var rows: Chunk
        if isAggregate {
            var aggregation = AggregateSource(
                input: ArraySource(header: [], chunks: [block]), keys: keys, calls: calls)
            rows = try aggregation.next() ?? Chunk(columns: columns.map { Column(type: $0.type) }, rowCount: 0)
        } else {
            rows = Chunk(columns: read.map { block.columns[$0] }, rowCount: block.rowCount)
        }
        guard let sorting else { return rows }
        let keyColumns = try sorting.evaluate(rows)
        let order = Sorting.permutation(
            Chunk(columns: keyColumns, rowCount: rows.rowCount),
            keys: keyColumns.indices.map { SortKey(column: $0, descending: false, nullsFirst: false) })
        return Chunk(columns: rows.columns.map { $0.gather(order) }, rowCount: rows.rowCount)
    }
}
