import SHColumns
import SHCore
import SHExecution

/// AggregatingMergeTree's merge (ClickHouse's `AggregatingSortedAlgorithm`): each group of equal sorting key becomes
/// one row. Its `AggregateFunction` columns hold the merge of the group's states (a fresh state merged with each
/// row's, in row order), its `SimpleAggregateFunction(f, T)` columns `f` of the group's values, and its other
/// columns (and aggregate columns that are part of the sorting key) the first row's values.
struct AggregatingAlgorithm: MergeAlgorithm {
    private var aggregates: [AggregateColumnMerger]
    private var first: RowReference?

    /// `types`: the table's stored columns; `keyColumns`: the indices of those named in the sorting key.
    init(types: [DataType], keyColumns: Set<Int>) throws {
        aggregates = try AggregateColumnMerger.mergers(
            types: types, columns: types.indices.filter { !keyColumns.contains($0) })
    }

    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws {
        for row in 0..<chunk.rowCount {
            if groupStarts[row] {
                emit(into: &output)
                first = RowReference(chunk: chunk, row: row)
                for index in aggregates.indices { aggregates[index].start() }
            }
            for index in aggregates.indices { try aggregates[index].add(chunk, row: row) }
        }
    }

    mutating func finish(into output: inout MergedRows) throws { emit(into: &output) }

    private mutating func emit(into output: inout MergedRows) {
        guard let first else { return }
        self.first = nil
        var row = first.chunk.columns.map { $0.slice(first.row..<(first.row + 1)) }
        for aggregate in aggregates { row[aggregate.column] = aggregate.result(type: row[aggregate.column].type) }
        output.append(row: row)
    }
}

/// How a merge combines one aggregate-function column over a group of rows: an `AggregateFunction` column merges
/// the rows' states, a `SimpleAggregateFunction(f, T)` column adds the rows' values to a state of `f`.
struct AggregateColumnMerger {
    let column: Int
    let function: StoredAggregateFunction
    /// True for `AggregateFunction` (states are merged), false for `SimpleAggregateFunction` (values are added).
    let mergesStates: Bool
    private var state: any StoredAggregateState
    /// The group's rows so far, and the first one's state bytes: a group of one row keeps them as they are, as
    /// ClickHouse's merge does (a state merged again may list its elements in another order).
    private var rows = 0
    private var firstBytes: Value?

    init(column: Int, function: StoredAggregateFunction, mergesStates: Bool) {
        self.column = column
        self.function = function
        self.mergesStates = mergesStates
        state = function.makeState()
    }

    /// The mergers of those of `columns` whose type (in `types`) is an aggregate-function type.
    static func mergers(types: [DataType], columns: [Int]) throws -> [AggregateColumnMerger] {
        try columns.compactMap { index in
            switch types[index] {
            case .aggregateFunction(let signature):
                AggregateColumnMerger(
                    column: index, function: try StoredAggregateRegistry.bind(signature), mergesStates: true)
            case .simpleAggregateFunction(let name, let storage):
                AggregateColumnMerger(
                    column: index, function: try StoredAggregateRegistry.bindSimple(name, storage: storage),
                    mergesStates: false)
            default: nil
            }
        }
    }

    /// Starts a group with a fresh state.
    mutating func start() {
        state = function.makeState()
        rows = 0
        firstBytes = nil
    }

    /// Adds row `row` of `chunk`'s column.
    mutating func add(_ chunk: Chunk, row: Int) throws {
        let values = chunk.columns[column]
        if mergesStates {
            let merged = try StoredAggregateRegistry.state(in: values, row: row, of: function)
            if rows == 0 { firstBytes = values.value(at: row) }
            state.merge(any: merged)
        } else {
            state.add([values], row: row)
        }
        rows += 1
    }

    /// The group's value as a one-row column of `type`: the merged state's bytes (those of its only row when it has
    /// one), or the function's result.
    func result(type: DataType) -> Column {
        guard mergesStates else { return Column(type: type, values: [state.result()]) }
        if rows == 1, let firstBytes { return Column(type: type, values: [firstBytes]) }
        var bytes: [UInt8] = []
        state.serialize(into: &bytes)
        return Column(type: type, values: [.string(bytes)])
    }
}
