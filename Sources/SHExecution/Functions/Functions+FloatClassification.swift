import SHColumns
import SHCore

extension FunctionRegistry {
    /// `isNaN`, `isInfinite`, `isFinite`: UInt8 of a number (integers are finite and never NaN); NULL gives NULL.
    mutating func registerFloatClassification() {
        let classifiers: [(String, @Sendable (Double) -> Bool)] = [
            ("isNaN", { $0.isNaN }), ("isInfinite", { $0.isInfinite }), ("isFinite", { $0.isFinite }),
        ]
        for (name, classify) in classifiers {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                let type = types[0].removingNullable
                guard type.isNumber || type == .nothing else {
                    throw DatabaseError(.illegalTypeOfArgument, "Argument for function \(name) must be a number")
                }
                return .rowwise(DataType.uint8.nullable(if: types)) { args in
                    .uint(classify(args[0].double ?? 0) ? 1 : 0)
                }
            }
        }
    }
}
