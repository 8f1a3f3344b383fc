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
        let header = targets.map { table.columns[$0] }
        var source: AnySource
        switch query.source {
        case .values(let rows):
            source = AnySource(
                ArraySource(
                    header: header, chunks: [try valuesChunk(rows, texts: query.valueTexts.rows, header: header)]))
        case .select(let select):
            source = try SelectPlanner(context: context).plan(select).source
        case .format(let format, let data):
            let columns = try FormatRegistry.parseInput(
                named: format, header: header, data: Array(data.utf8), settings: FormatSettings())
            source = AnySource(ArraySource(header: header, chunks: [Chunk(columns: columns)]))
        }
        guard source.header.count == targets.count else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "Number of columns doesn't match (source: \(source.header.count) and result: \(targets.count))")
        }
        // At least 1: a block of 0 rows never fills (the loop below would not advance).
        let blockSize = max(1, context.integer("max_insert_block_size", default: 1_048_449))
        let writer = BlockWriter(context: context, table: table)
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
                    try writer.write(Chunk(columns: pending, rowCount: pendingRows))
                    pending = table.columns.map { Column(type: $0.type) }
                    pendingRows = 0
                }
            }
        }
        if pendingRows > 0 { try writer.write(Chunk(columns: pending, rowCount: pendingRows)) }
        try MaintenanceInterpreter(context: context).mergeSmallParts(table)
    }

    private func targetColumns(_ names: [String]?, table: any Table) throws -> [Int] {
        guard let names else { return Array(table.columns.indices) }
        return try names.map { name in
            guard let index = table.columns.firstIndex(where: { $0.name == name }) else {
                throw DatabaseError(.noSuchColumnInTable, "No such column \(name) in table \(table.qualifiedName)")
            }
            return index
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
                // Decimals are read from the field's text when it is a plain value (`0.29` stays exact).
                if header[index].type.containsDecimal || header[index].type.containsMap, texts.count == rows.count,
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

    /// The chunk widened to every table column: source columns cast to their types, the others defaulted.
    private func fullChunk(_ chunk: Chunk, targets: [Int], table: any Table) throws -> Chunk {
        var columns: [Column] = []
        for (index, description) in table.columns.enumerated() {
            if let position = targets.firstIndex(of: index) {
                columns.append(try ColumnCast.cast(chunk.columns[position], to: description.type))
            } else {
                columns.append(
                    Column(
                        type: description.type,
                        values: Array(repeating: description.type.defaultValue, count: chunk.rowCount)))
            }
        }
        return Chunk(columns: columns, rowCount: chunk.rowCount)
    }
}

/// Sorts a block by the table's sorting key, splits it by partition, and hands the pieces to the table.
struct BlockWriter {
    let context: QueryContext
    let table: any Table

    func write(_ chunk: Chunk) throws {
        let query = table.createQuery
        var blocks: [InsertBlock] = []
        if let partitionBy = query.partitionBy {
            let binder = Binder(context: context, columns: table.columns, qualifiers: [])
            let expression = try binder.bind(partitionBy)
            let values = try expression.evaluate(chunk)
            var groups: [Value: [Int]] = [:]
            var order: [Value] = []
            for row in 0..<chunk.rowCount {
                let value = values.value(at: row)
                if groups[value] == nil { order.append(value) }
                groups[value, default: []].append(row)
            }
            let types: [DataType]
            if case .tuple(let items, _) = expression.type { types = items } else { types = [expression.type] }
            for value in order {
                let rows = groups[value] ?? []
                let piece = Chunk(columns: chunk.columns.map { $0.gather(rows) }, rowCount: rows.count)
                let partitionValues: [Value] =
                    if case .tuple(let items) = value, types.count > 1 || expression.type.isTuple { items } else {
                        [value]
                    }
                blocks.append(
                    InsertBlock(chunk: sorted(piece), partitionValues: partitionValues, partitionTypes: types))
            }
        } else {
            blocks.append(InsertBlock(chunk: sorted(chunk)))
        }
        try table.insert(blocks)
    }

    private func sorted(_ chunk: Chunk) -> Chunk {
        guard let table = table as? MergeTreeTable, !table.sortingKeyColumns.isEmpty else { return chunk }
        let keys = table.sortingKeyColumns.map { SortKey(column: $0, descending: false, nullsFirst: false) }
        return Sorting.sorted(chunk, keys: keys)
    }
}

extension DataType {
    var isTuple: Bool {
        if case .tuple = self { return true }
        return false
    }
}
