import SHColumns
import SHCore

/// One aggregate call to compute: the function and the input columns of its arguments.
public struct AggregateCall: Sendable {
    public var function: AggregateFunction
    public var arguments: [BoundExpression]

    public init(function: AggregateFunction, arguments: [BoundExpression]) {
        self.function = function
        self.arguments = arguments
    }
}

/// Hash aggregation: output columns are the GROUP BY keys followed by the aggregates.
/// Without keys it always yields exactly one row (ClickHouse's `SELECT count() FROM empty` → 0).
public struct AggregateSource<Input: ChunkSource>: ChunkSource {
    var input: Input
    let keys: [BoundExpression]
    let calls: [AggregateCall]
    public let header: [ColumnDescription]
    private var done = false

    public init(input: Input, keys: [BoundExpression], calls: [AggregateCall]) {
        self.input = input
        self.keys = keys
        self.calls = calls
        self.header =
            keys.enumerated().map { ColumnDescription(name: "key\($0.offset)", type: $0.element.type) }
            + calls.enumerated().map {
                ColumnDescription(name: "aggregate\($0.offset)", type: $0.element.function.returnType)
            }
    }

    public mutating func next() throws -> Chunk? {
        guard !done else { return nil }
        done = true
        var groups: [[Value]: Int] = [:]
        var groupKeys: [[Value]] = []
        var states: [[any AggregateState]] = []
        if keys.isEmpty {
            groupKeys.append([])
            states.append(calls.map { $0.function.makeState() })
        }
        while let chunk = try input.next() {
            let arguments = try calls.map { call in try call.arguments.map { try $0.evaluate(chunk) } }
            for (call, columns) in zip(calls, arguments) { try call.function.check?(columns) }
            if keys.isEmpty {
                for index in calls.indices { states[0][index].addAll(arguments[index], rows: chunk.rowCount) }
                continue
            }
            let keyColumns = try keys.map { try $0.evaluate(chunk) }
            for row in 0..<chunk.rowCount {
                let key = keyColumns.map { $0.value(at: row) }
                let group: Int
                if let existing = groups[key] {
                    group = existing
                } else {
                    group = groupKeys.count
                    groups[key] = group
                    groupKeys.append(key)
                    states.append(calls.map { $0.function.makeState() })
                }
                for index in calls.indices { states[group][index].add(arguments[index], row: row) }
            }
        }
        var columns = header.map { Column(type: $0.type) }
        for (group, key) in groupKeys.enumerated() {
            for (index, value) in key.enumerated() { columns[index].append(value) }
            for (index, state) in states[group].enumerated() {
                let slot = keys.count + index
                if let column = state.resultColumn(type: columns[slot].type) {
                    columns[slot].append(contentsOf: column)
                } else {
                    columns[slot].append(state.result())
                }
            }
        }
        return Chunk(columns: columns, rowCount: groupKeys.count)
    }
}
