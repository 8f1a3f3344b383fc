import SHCodecs
import SHColumns
import SHCore

extension StoredAggregateRegistry {
    /// The `-State`, `-Merge` and `-MergeState` combinators of a stored function in a SELECT (`argMaxState(x, t)`,
    /// `argMaxMerge(s)`), or nil when `name` is not one: `-State` gives the state (an `AggregateFunction` value),
    /// `-Merge` merges states of the argument column and gives the result, `-MergeState` the merged state.
    static func combinator(_ name: String, argumentTypes types: [DataType]) throws -> AggregateFunction? {
        for suffix in ["MergeState", "Merge", "State"] where name.hasSuffix(suffix) && name.count > suffix.count {
            let base = canonicalName(String(name.dropLast(suffix.count)))
            guard isStored(base) else { continue }
            if suffix == "State" {
                let function = try bind(
                    AggregateFunctionSignature(name: base, argumentTypes: types.map(\.withoutLowCardinality)))
                let type = DataType.aggregateFunction(
                    AggregateFunctionSignature(name: function.name, argumentTypes: types.map(\.withoutLowCardinality)))
                return AggregateFunction(name: name, returnType: type) {
                    MergedStates(function: function, merging: false, keepState: true)
                }
            }
            guard types.count == 1, case .aggregateFunction(let signature) = types[0],
                canonicalName(signature.name) == base
            else {
                throw DatabaseError(
                    .illegalTypeOfArgument,
                    "Illegal type \(types.map(\.description).joined(separator: ", ")) of argument for aggregate function \(name), expected AggregateFunction(\(base), ...) or equivalent type"
                )
            }
            let function = try bind(signature)
            let keepState = suffix == "MergeState"
            return AggregateFunction(
                name: name, returnType: keepState ? types[0] : function.returnType,
                makeState: { MergedStates(function: function, merging: true, keepState: keepState) },
                check: { columns in
                    for row in 0..<(columns.first?.count ?? 0) {
                        _ = try state(in: columns[0], row: row, of: function)
                    }
                })
        }
        return nil
    }
}

/// The state behind `-State` (rows added to a stored function's state) and `-Merge` / `-MergeState` (the argument's
/// states merged); the result is the state's bytes (`keepState`) or the function's result.
struct MergedStates: AggregateState {
    let function: StoredAggregateFunction
    /// Whether the argument is a column of states to merge (`-Merge`) rather than the function's arguments.
    let merging: Bool
    let keepState: Bool
    var state: any StoredAggregateState

    init(function: StoredAggregateFunction, merging: Bool, keepState: Bool) {
        self.function = function
        self.merging = merging
        self.keepState = keepState
        state = function.makeState()
    }

    mutating func add(_ arguments: [Column], row: Int) {
        guard merging else { return state.add(arguments, row: row) }
        // The argument's states were read once by the function's `check` before any row is added.
        guard let other = try? StoredAggregateRegistry.state(in: arguments[0], row: row, of: function) else { return }
        state.merge(any: other)
    }

    func result() -> Value {
        guard keepState else { return state.result() }
        var bytes: [UInt8] = []
        state.serialize(into: &bytes)
        return .string(bytes)
    }
}
