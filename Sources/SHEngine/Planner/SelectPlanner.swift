import SHColumns
import SHCore
import SHExecution
import SHSQL

/// A planned SELECT: its header and the lazy source of its rows.
struct PlannedQuery {
    var header: [ColumnDescription]
    var source: AnySource

    var result: QueryResult { QueryResult(header: header, source: source) }
}

/// Turns a `SelectQuery` into a pipeline: source → WHERE → aggregation → HAVING → projection →
/// ORDER BY → DISTINCT → LIMIT.
struct SelectPlanner {
    let context: QueryContext

    func plan(_ query: SelectQuery) throws -> PlannedQuery {
        // The SELECT's own SETTINGS are checked as SET's are (unknown names, negative UInt64 values, a zero
        // max_block_size).
        for assignment in query.settings { _ = try SettingsCatalog.value(of: assignment) }
        var first = query
        first.unionAll = []
        var planned = try planSingle(first)
        guard !query.unionAll.isEmpty else { return planned }
        var sources = [planned.source]
        for other in query.unionAll {
            let next = try planSingle(other)
            guard next.header.count == planned.header.count else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Different number of columns in UNION ALL elements: \(planned.header.count) and \(next.header.count)"
                )
            }
            sources.append(next.source)
        }
        var index = 0
        let header = planned.header
        planned.source = AnySource(
            ClosureSource(header: header) {
                while index < sources.count {
                    if let chunk = try sources[index].next() { return chunk }
                    index += 1
                }
                return nil
            })
        return planned
    }

    private func planSingle(_ written: SelectQuery) throws -> PlannedQuery {
        var query = try SampleFilter.apply(written, context: context)
        if let trivial = try trivialCount(query) { return trivial }
        let (input, qualifiers) = try SourcePlanner(context: context).plan(
            query.from, columns: ColumnUsage.names(in: query), blockSizeLimit: try rowsNeeded(query), final: query.final
        )
        var source = input
        var binder = Binder(context: context, columns: source.header, qualifiers: qualifiers)

        // Projection items with their output names; `*` expands to every input column.
        var items: [(expression: Expression, name: String)] = []
        for element in query.projection {
            if case .asterisk = element.unaliased {
                items += source.header.map { (.identifier([$0.name]), $0.name) }
            } else {
                items.append((element.unaliased, element.aliasName ?? SQLFormatter.columnName(for: element.unaliased)))
            }
        }
        guard !items.isEmpty else {
            throw DatabaseError(.emptyListOfColumnsQueried, "Empty list of columns in SELECT query")
        }
        if context.flag("enable_positional_arguments", default: true) {
            let selected = items.map(\.expression)
            query.groupBy = try query.groupBy.map { try Self.positional($0, in: selected) }
            for index in query.orderBy.indices {
                query.orderBy[index].expression = try Self.positional(query.orderBy[index].expression, in: selected)
            }
        }
        binder.aliases = SourcePlanner(context: context).aliasColumns(of: query.from)
        for element in query.projection {
            if let alias = element.aliasName { binder.aliases[alias] = element.unaliased }
        }

        if let predicate = query.whereClause {
            source = AnySource(FilterSource(input: source, predicate: try binder.bind(predicate)))
        }
        if context.flag("optimize_arithmetic_operations_in_aggregate_functions", default: true) {
            let rewrite = AggregateArithmeticRewrite(binder: binder)
            items = items.map { (rewrite.rewrite($0.expression), $0.name) }
            query.having = query.having.map(rewrite.rewrite)
            for index in query.orderBy.indices {
                query.orderBy[index].expression = rewrite.rewrite(query.orderBy[index].expression)
            }
            binder.aliases = binder.aliases.mapValues(rewrite.rewrite)
        }

        let aggregateCalls = AggregateCollector.collect(
            items.map(\.expression) + (query.having.map { [$0] } ?? []) + query.orderBy.map(\.expression),
            aliases: binder.aliases)
        if !aggregateCalls.isEmpty || !query.groupBy.isEmpty {
            let keys = query.groupBy.map { key -> Expression in
                if case .identifier(let parts) = key, parts.count == 1, binder.resolve(parts) == nil,
                    let aliased = binder.aliases[parts[0]]
                {
                    return aliased
                }
                return key
            }
            let boundKeys = try keys.map { try binder.bind($0) }
            let calls = try aggregateCalls.map { call -> AggregateCall in
                let arguments = try binder.expandAsterisks(call.arguments).map { try binder.bind($0) }
                let function = try AggregateRegistry.bind(
                    call.name, argumentTypes: arguments.map(\.type), distinct: call.distinct)
                return AggregateCall(function: function, arguments: arguments)
            }
            source = AnySource(AggregateSource(input: source, keys: boundKeys, calls: calls))
            var post = Binder(context: context, columns: source.header, qualifiers: qualifiers)
            post.aliases = binder.aliases
            for (index, key) in keys.enumerated() { post.replacements[key] = .column(index, boundKeys[index].type) }
            for (index, call) in aggregateCalls.enumerated() {
                post.replacements[.function(call)] = .column(keys.count + index, calls[index].function.returnType)
            }
            binder = post
            if let having = query.having {
                source = AnySource(FilterSource(input: source, predicate: try binder.bind(having)))
            }
        }

        let projection = try items.map { try binder.bind($0.expression) }
        let names = items.map(\.name)
        if query.orderBy.isEmpty {
            source = AnySource(ProjectSource(input: source, expressions: projection, names: names))
        } else {
            // Sort keys are computed next to the projection, then dropped after sorting.
            var extra: [BoundExpression] = []
            var keys: [SortKey] = []
            for element in query.orderBy {
                let column: Int
                if case .identifier(let parts) = element.expression, parts.count == 1,
                    let position = names.firstIndex(of: parts[0])
                {
                    column = position
                } else if let position = items.firstIndex(where: { $0.expression == element.expression }) {
                    column = position
                } else {
                    extra.append(try binder.bind(element.expression))
                    column = projection.count + extra.count - 1
                }
                let keyType =
                    column < projection.count ? projection[column].type : extra[column - projection.count].type
                if case .aggregateFunction = keyType {
                    throw DatabaseError(
                        .illegalColumn,
                        "Data type \(keyType) is not allowed in ORDER BY keys, because its values are not comparable")
                }
                keys.append(
                    SortKey(column: column, descending: element.descending, nullsFirst: element.nullsFirst ?? false))
            }
            var projected = ProjectSource(
                input: source, expressions: projection + extra,
                names: names + extra.indices.map { "__sort\($0)" })
            let width = projection.count
            var done = false
            source = AnySource(
                ClosureSource(header: Array(projected.header.prefix(width))) {
                    guard !done else { return nil }
                    done = true
                    let sorted = Sorting.sorted(try projected.collect(), keys: keys)
                    guard sorted.rowCount > 0 else { return nil }
                    return Chunk(columns: Array(sorted.columns.prefix(width)), rowCount: sorted.rowCount)
                })
        }
        if query.distinct { source = AnySource(DistinctSource(input: source)) }
        if query.limit != nil || query.offset != nil { source = try limited(source, query) }
        return PlannedQuery(header: source.header, source: source)
    }

    /// For a plain `SELECT … LIMIT n [OFFSET m]` (no WHERE, GROUP BY, HAVING, ORDER BY, DISTINCT or aggregate),
    /// the source never needs more than n + m rows, so generated sources make blocks no larger (as ClickHouse
    /// lowers max_block_size): `INSERT … SELECT … FROM generateRandom(…) LIMIT 100` generates 100 rows, not 65,536.
    private func rowsNeeded(_ query: SelectQuery) throws -> Int? {
        guard let limit = query.limit, query.whereClause == nil, query.groupBy.isEmpty, query.having == nil,
            query.orderBy.isEmpty, !query.distinct,
            AggregateCollector.collect(query.projection, aliases: [:]).isEmpty
        else { return nil }
        guard let rows = try limitBound(limit, clause: "LIMIT").leadingRows,
            let offset = try query.offset.map({ try limitBound($0, clause: "OFFSET").leadingRows }) ?? 0
        else { return nil }
        let (sum, overflow) = rows.addingReportingOverflow(offset)
        return overflow ? nil : max(1, sum)
    }

    /// A LIMIT or OFFSET constant.
    private func limitBound(_ expression: Expression, clause: String) throws -> LimitBound {
        let bound = try Binder(context: context, columns: [], qualifiers: []).bind(expression)
        guard let value = bound.constantValue else {
            throw DatabaseError(.invalidLimitExpression, "\(clause) expression must be constant with numeric type")
        }
        return try LimitBound(value, clause: clause)
    }

    /// The query's LIMIT and OFFSET applied to `source`: streamed when both count rows from the start,
    /// buffered when one is negative (rows from the end) or fractional.
    private func limited(_ source: AnySource, _ query: SelectQuery) throws -> AnySource {
        let limit = try query.limit.map { try limitBound($0, clause: "LIMIT") }
        let offset = try query.offset.map { try limitBound($0, clause: "OFFSET") }
        if let rows = limit?.leadingRows ?? (limit == nil ? Int.max : nil),
            let skipped = offset?.leadingRows ?? (offset == nil ? 0 : nil)
        {
            return AnySource(LimitSource(input: source, limit: rows, offset: skipped))
        }
        return AnySource(try BufferedLimitSource(input: source, limit: limit, offset: offset))
    }

    /// ClickHouse's positional arguments (`enable_positional_arguments`, on by default): an integer literal in GROUP BY
    /// or ORDER BY names the SELECT list's element at that position (`*` expanded), counted from 1, or from the end
    /// when negative; any other expression stays as it is.
    static func positional(_ expression: Expression, in selected: [Expression]) throws -> Expression {
        let count = selected.count
        switch expression {
        case .literal(.unsignedInteger(let position)):
            guard position >= 1, position <= UInt64(count) else {
                throw DatabaseError(
                    .badArguments,
                    "Positional argument number \(position) is out of bounds. Expected in range [1, \(count)]")
            }
            return selected[Int(position) - 1]
        case .literal(.integer(let position)) where position < 0:
            guard position >= -Int64(count) else {
                throw DatabaseError(
                    .badArguments,
                    "Negative positional argument number \(position) is out of bounds. Expected in range [-\(count), -1]"
                )
            }
            return selected[count + Int(position)]
        default:
            return expression
        }
    }

    /// `SELECT count() FROM t` without WHERE/GROUP BY: answered from part row counts (unless a lightweight DELETE
    /// masked rows of a part).
    private func trivialCount(_ query: SelectQuery) throws -> PlannedQuery? {
        guard !query.final, !context.flag("final"), query.projection.count == 1, query.whereClause == nil,
            query.groupBy.isEmpty, query.having == nil,
            !query.distinct, case .function(let call) = query.projection[0].unaliased,
            call.name.lowercased() == "count", call.arguments.isEmpty, !call.distinct,
            case .table(let name, _)? = query.from, name.database != "system"
        else { return nil }
        let (database, table) = context.qualify(name)
        guard database != "system" else { return nil }
        guard let rows = try context.catalog.table(database: database, name: table).snapshot().visibleRowCount else {
            return nil
        }
        let header = [
            ColumnDescription(
                name: query.projection[0].aliasName ?? SQLFormatter.columnName(for: query.projection[0].unaliased),
                type: .uint64)
        ]
        var source = AnySource(
            ArraySource(
                header: header, chunks: [Chunk(columns: [Column(type: .uint64, values: [.uint(UInt64(rows))])])]))
        if query.limit != nil || query.offset != nil { source = try limited(source, query) }
        return PlannedQuery(header: header, source: source)
    }
}

/// Finds the aggregate function calls in expressions (not looking inside them or into subqueries).
enum AggregateCollector {
    static func collect(_ expressions: [Expression], aliases: [String: Expression]) -> [FunctionCall] {
        var found: [FunctionCall] = []
        func visit(_ expression: Expression, depth: Int) {
            switch expression {
            case .function(let call):
                if AggregateRegistry.isAggregate(call.name) {
                    if !found.contains(call) { found.append(call) }
                } else {
                    for argument in call.arguments { visit(argument, depth: depth) }
                }
            case .alias(let inner, _): visit(inner, depth: depth)
            case .identifier(let parts):
                if parts.count == 1, let aliased = aliases[parts[0]], depth < 8 { visit(aliased, depth: depth + 1) }
            default: break
            }
        }
        for expression in expressions { visit(expression, depth: 0) }
        return found
    }
}

/// Drops duplicate rows (first occurrence kept).
struct DistinctSource: ChunkSource {
    var input: AnySource
    var seen: Set<[Value]> = []
    var header: [ColumnDescription] { input.header }

    mutating func next() throws -> Chunk? {
        while let chunk = try input.next() {
            var keep: [Int] = []
            for row in 0..<chunk.rowCount where seen.insert(chunk.row(row)).inserted { keep.append(row) }
            if !keep.isEmpty { return Chunk(columns: chunk.columns.map { $0.gather(keep) }, rowCount: keep.count) }
        }
        return nil
    }
}
