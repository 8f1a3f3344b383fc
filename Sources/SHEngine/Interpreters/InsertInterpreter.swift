import Foundation
import SHColumns
import SHCore
import SHExecution
import SHFormats
import SHSQL
import SHStorage

/// INSERT: converts the source rows to the table's columns, squashes them into blocks of up to
/// `max_insert_block_size` rows (one part each, as ClickHouse does), sorts each block by the table's key
/// and splits it by partition.
struct InsertInterpreter {
    let context: QueryContext

    func run(_ query: InsertQuery) throws {
        let (database, name) = context.qualify(query.table)
        let table = try context.catalog.table(database: database, name: name)
        let targets = try targetColumns(query.columns, table: table)
        let header = targets.map { ColumnDescription(name: $0.name, type: $0.type) }
        var source: AnySource
        switch query.source {
        case .values(let rows):
            source = AnySource(
                ArraySource(
                    header: header, chunks: [try valuesChunk(rows, texts: query.valueTexts.rows, header: header)]))
        case .select(let select):
            source = try SelectPlanner(context: context).plan(select).source
        case .format(let format, let data):
            // The data sent beside the statement (an HTTP request's body) or written after it.
            let chunks = try ResultFormats.parseInput(
                named: format, header: header, data: context.input ?? Array(data.utf8), settings: context.settings)
            source = AnySource(ArraySource(header: header, chunks: chunks))
        }
        guard source.header.count == targets.count else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "Number of columns doesn't match (source: \(source.header.count) and result: \(targets.count))")
        }
        // At least 1: a block of 0 rows never fills (the loop below would not advance).
        let blockSize = max(1, context.integer("max_insert_block_size", default: 1_048_449))
        let writer = BlockWriter(context: context, table: table)
        func write(_ block: Chunk) throws {
            try writer.write(block)
            context.progress.update {
                $0.writtenRows += UInt64(block.rowCount)
                $0.writtenBytes += UInt64(block.byteSize)
            }
        }
        var pending = table.columns.map { Column(type: $0.type) }
        var pendingRows = 0
        while let chunk = try source.next() {
            let full = try fullChunk(chunk, targets: targets, table: table)
            var start = 0
            while start < full.rowCount {
                let take = min(full.rowCount - start, blockSize - pendingRows)
                for index in pending.indices {
                    pending[index].append(contentsOf: full.columns[index], range: start..<(start + take))
                }
                pendingRows += take
                start += take
                if pendingRows >= blockSize {
                    try write(Chunk(columns: pending, rowCount: pendingRows))
                    pending = table.columns.map { Column(type: $0.type) }
                    pendingRows = 0
                }
            }
        }
        if pendingRows > 0 { try write(Chunk(columns: pending, rowCount: pendingRows)) }
        try MaintenanceInterpreter(context: context).mergeSmallParts(table)
    }

    /// The columns an INSERT fills: those it names (EPHEMERAL ones included; MATERIALIZED and ALIAS ones are refused
    /// as in ClickHouse), or without a list the ordinary and DEFAULT columns.
    private func targetColumns(_ names: [String]?, table: any Table) throws -> [ColumnDefinition] {
        let definitions = table.createQuery.columns
        guard let names else { return definitions.filter(\.isInsertedByDefault) }
        return try names.map { name in
            guard let column = definitions.first(where: { $0.name == name }), column.defaultKind != "ALIAS" else {
                throw DatabaseError(.noSuchColumnInTable, "No such column \(name) in table \(table.qualifiedName)")
            }
            if column.defaultKind == "MATERIALIZED" {
                throw DatabaseError(.illegalColumn, "Cannot insert column \(name), because it is MATERIALIZED column")
            }
            return column
        }
    }

    private func valuesChunk(_ rows: [[Expression]], texts: [[String]], header: [ColumnDescription]) throws -> Chunk {
        let binder = Binder(context: context, columns: [], qualifiers: [])
        var columns = header.map { Column(type: $0.type) }
        for (number, row) in rows.enumerated() {
            guard row.count == header.count else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Number of columns doesn't match (source: \(row.count) and result: \(header.count))")
            }
            for (index, expression) in row.enumerated() {
                // Decimals and wide integers are read from the field's text when it is a plain value (`0.29` and
                // 2^127 - 1 stay exact; as an expression they would be Float64).
                let type = header[index].type
                if type.containsDecimal || type.containsMap || type.containsWideInteger, texts.count == rows.count,
                    index < texts[number].count,
                    let value = ValueText.parseValuesField(texts[number][index], type: header[index].type)
                {
                    columns[index].append(value)
                    continue
                }
                let bound = try binder.bind(expression)
                guard let value = bound.constantValue else {
                    throw DatabaseError(.badArguments, "Only constant expressions are allowed in VALUES")
                }
                columns[index].append(try ColumnCast.castValue(value, from: bound.type, to: header[index].type))
            }
        }
        return Chunk(columns: columns, rowCount: rows.count)
    }

    /// The chunk widened to the table's stored columns: the given ones cast to their types, the others computed from
    /// their DEFAULT or MATERIALIZED expression (which may read given columns, EPHEMERAL ones included, and other
    /// defaults), else the type's default.
    private func fullChunk(_ chunk: Chunk, targets: [ColumnDefinition], table: any Table) throws -> Chunk {
        var known: [String: Column] = [:]
        for (position, target) in targets.enumerated() {
            known[target.name] = try ColumnCast.cast(chunk.columns[position], to: target.type)
        }
        var definitions: [String: ColumnDefinition] = [:]
        for column in table.createQuery.columns where definitions[column.name] == nil {
            definitions[column.name] = column
        }
        var computing: [String] = []
        func values(of name: String) throws -> Column {
            if let column = known[name] { return column }
            guard let definition = definitions[name], definition.defaultKind != "ALIAS" else {
                throw DatabaseError(
                    .unknownIdentifier, "Unknown identifier \(name) in a default expression of \(table.qualifiedName)")
            }
            guard !computing.contains(name) else {
                throw DatabaseError(
                    .cyclicAliases,
                    "Cyclic alias detected in column DEFAULT expressions: \((computing + [name]).joined(separator: " -> "))"
                )
            }
            computing.append(name)
            defer { computing.removeLast() }
            var column = Column(
                type: definition.type,
                values: Array(
                    repeating: try StoredAggregateRegistry.defaultValue(of: definition.type), count: chunk.rowCount))
            if let expression = definition.defaultExpression {
                var inputs: [String] = []
                for input in TableFactory.identifiers(in: expression) where !inputs.contains(input) {
                    inputs.append(input)
                }
                let columns = try inputs.map(values(of:))
                let binder = Binder(
                    context: context,
                    columns: zip(inputs, columns).map { ColumnDescription(name: $0, type: $1.type) }, qualifiers: [])
                let computed = try binder.bind(expression).evaluate(Chunk(columns: columns, rowCount: chunk.rowCount))
                column = try ColumnCast.cast(computed, to: definition.type)
            }
            known[name] = column
            return column
        }
        return Chunk(columns: try table.columns.map { try values(of: $0.name) }, rowCount: chunk.rowCount)
    }
}

/// Sorts a block by the table's sorting key (the evaluated ORDER BY expressions), splits it by partition (the
/// evaluated PARTITION BY expressions), and hands the pieces to the table.
struct BlockWriter {
    let context: QueryContext
    let table: any Table

    func write(_ chunk: Chunk) throws {
        var blocks: [InsertBlock] = []
        if let mergeTree = table as? MergeTreeTable, let partition = mergeTree.keys.partition {
            let values = try partition.evaluate(chunk)
            var groups: [[Value]: [Int]] = [:]
            var order: [[Value]] = []
            for row in 0..<chunk.rowCount {
                let key = values.map { $0.value(at: row) }
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(row)
            }
            for key in order {
                let rows = groups[key] ?? []
                let piece = Chunk(columns: chunk.columns.map { $0.gather(rows) }, rowCount: rows.count)
                blocks.append(
                    InsertBlock(chunk: try sorted(piece), partitionValues: key, partitionTypes: partition.types))
            }
        } else {
            blocks.append(InsertBlock(chunk: try sorted(chunk)))
        }
        try table.insert(blocks)
    }

    /// The block sorted by the table's key (stable: equal keys keep their insert order) and, for the MergeTree family,
    /// combined by the engine's merge algorithm (ClickHouse's `optimize_on_insert`, on by default).
    private func sorted(_ chunk: Chunk) throws -> Chunk {
        guard let table = table as? MergeTreeTable else { return chunk }
        let engine = try TableEngineRegistry.engine(of: table)
        let key = try engine.mergeSortKey(for: table)
        var block = chunk
        if let key {
            let keyColumns = try key.evaluate(chunk)
            let keyChunk = Chunk(columns: keyColumns, rowCount: chunk.rowCount)
            let order = Sorting.permutation(
                keyChunk, keys: keyColumns.indices.map { SortKey(column: $0, descending: false, nullsFirst: false) })
            block = Chunk(columns: chunk.columns.map { $0.gather(order) }, rowCount: chunk.rowCount)
        }
        if context.flag("optimize_on_insert", default: true),
            let algorithm = try engine.mergeAlgorithm(for: table, purpose: .insert)
        {
            block = try MergingStream.apply(algorithm, to: block, key: key)
        }
        return block
    }
}
