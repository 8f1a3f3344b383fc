import SHCodecs
import SHColumns
import SHCore

extension FunctionRegistry {
    /// `initializeAggregation('fState', args...)` and `finalizeAggregation(state)`: aggregate states made from and
    /// turned into values, row by row.
    mutating func registerAggregateStates() {
        register("initializeAggregation") { types, constants, _ in
            guard types.count >= 2 else {
                throw DatabaseError(.badArguments, "Function initializeAggregation requires at least 2 arguments")
            }
            guard case .string(let bytes)? = constants.first else {
                throw DatabaseError(
                    .illegalColumn,
                    "First argument for function initializeAggregation must be a constant string: name of aggregate function."
                )
            }
            let (signature, keepState) = try Self.stateSignature(
                String(decoding: bytes, as: UTF8.self), argumentTypes: Array(types.dropFirst()))
            let function = try StoredAggregateRegistry.bind(signature)
            let stateType = DataType.aggregateFunction(
                AggregateFunctionSignature(
                    name: function.name, parameters: signature.parameters, argumentTypes: signature.argumentTypes))
            let returnType = keepState ? stateType : function.returnType
            return ScalarOverload(returnType: returnType) { columns, rows in
                let arguments = Array(columns.dropFirst())
                var result = Column(type: returnType)
                result.reserveCapacity(rows)
                for row in 0..<rows {
                    var state = function.makeState()
                    state.add(arguments, row: row)
                    if keepState {
                        var serialized: [UInt8] = []
                        state.serialize(into: &serialized)
                        result.append(.string(serialized))
                    } else {
                        result.append(state.result())
                    }
                }
                return result
            }
        }
        register("finalizeAggregation") { types, _, _ in
            try expectArguments("finalizeAggregation", types, 1...1)
            guard case .aggregateFunction(let signature) = types[0] else {
                throw DatabaseError(
                    .illegalTypeOfArgument,
                    "Argument for function 'finalizeAggregation' must have type AggregateFunction - state of aggregate function. Got '\(types[0].withoutLowCardinality.removingNullable)' instead"
                )
            }
            let function = try StoredAggregateRegistry.bind(signature)
            return ScalarOverload(returnType: function.returnType) { columns, rows in
                var result = Column(type: function.returnType)
                result.reserveCapacity(rows)
                for row in 0..<rows {
                    result.append(try StoredAggregateRegistry.state(in: columns[0], row: row, of: function).result())
                }
                return result
            }
        }
    }

    /// The signature an `initializeAggregation` name (`argMaxState`, `quantilesState(0.5, 0.9)`, `sum`) gives with
    /// `argumentTypes`, and whether it names the state (`-State`) rather than the final value.
    static func stateSignature(_ text: String, argumentTypes: [DataType]) throws -> (AggregateFunctionSignature, Bool) {
        let trimmed = Substring(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        let nameEnd = trimmed.firstIndex(of: "(") ?? trimmed.endIndex
        var name = String(trimmed[..<nameEnd])
        let keepState = name.hasSuffix("State") && name.count > 5
        if keepState { name.removeLast(5) }
        let typeText =
            "AggregateFunction("
            + ([name + trimmed[nameEnd...]] + argumentTypes.map(\.description)).joined(
                separator: ", ") + ")"
        guard case .aggregateFunction(let signature) = try DataType(parsing: typeText) else {
            throw DatabaseError(.unknownAggregateFunction, "Unknown aggregate function \(text)")
        }
        return (signature, keepState)
    }
}
