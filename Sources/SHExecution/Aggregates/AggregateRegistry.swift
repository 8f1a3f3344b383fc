import SHColumns
import SHCore

/// Every aggregate function, by name (case-insensitive, as ClickHouse matches `count`, `SUM`, …).
public enum AggregateRegistry {
    public static func isAggregate(_ name: String) -> Bool {
        resolvers[name.lowercased()] != nil
            || ["State", "Merge", "MergeState"].contains { suffix in
                name.hasSuffix(suffix) && StoredAggregateRegistry.isStored(String(name.dropLast(suffix.count)))
            } || conditionalBase(of: name) != nil
    }

    /// The function `name` applies the `-If` combinator to (`sumIf` → `sum`), or nil.
    static func conditionalBase(of name: String) -> String? {
        guard name.hasSuffix("If"), name.count > 2 else { return nil }
        let base = String(name.dropLast(2))
        return isAggregate(base) ? base : nil
    }

    /// `fIf(arguments…, condition)`: `f` over the rows whose condition (UInt8, or Nullable(UInt8) where NULL is
    /// false) is not 0, with `f`'s result type (`sumIf` of no row is `sum` of none).
    static func conditional(_ name: String, base: String, argumentTypes types: [DataType], distinct: Bool) throws
        -> AggregateFunction
    {
        guard let condition = types.last, [.uint8, .bool].contains(condition.removingNullable) else {
            let type = types.last.map(\.description) ?? "Nothing"
            throw DatabaseError(
                .illegalTypeOfArgument,
                "Illegal type \(type) of the last argument of an aggregate function with the If suffix: the last argument is the condition and must be UInt8. If the condition is missing, it goes after the arguments of the aggregate function"
            )
        }
        let inner = try bind(base, argumentTypes: Array(types.dropLast()), distinct: distinct)
        return AggregateFunction(name: name, returnType: inner.returnType) {
            ConditionalState(inner: inner.makeState())
        }
    }

    /// Binds `name(arguments)`; `distinct` for `count(DISTINCT x)`.
    public static func bind(_ name: String, argumentTypes types: [DataType], distinct: Bool) throws -> AggregateFunction
    {
        guard let resolver = resolvers[name.lowercased()] else {
            if let combined = try StoredAggregateRegistry.combinator(name, argumentTypes: types) { return combined }
            if let base = conditionalBase(of: name) {
                return try conditional(name, base: base, argumentTypes: types, distinct: distinct)
            }
            throw DatabaseError(.unknownAggregateFunction, "Unknown aggregate function \(name)")
        }
        if distinct {
            let inner = try resolver(types)
            return AggregateFunction(name: name, returnType: inner.returnType) {
                DistinctState(inner: inner.makeState())
            }
        }
        return try resolver(types)
    }

    private static let resolvers: [String: @Sendable ([DataType]) throws -> AggregateFunction] = [
        "count": { _ in AggregateFunction(name: "count", returnType: .uint64) { CountState() } },
        "sum": { types in
            let base = try numericArgument("sum", types)
            let type = StoredSumState.sumResultType(of: base)
            return AggregateFunction(name: "sum", returnType: type) { SumState(type: type) }
        },
        "avg": { types in
            let base = try numericArgument("avg", types)
            let divisor: Double =
                if case .decimal(_, let scale) = base { WideInteger.powerOfTen(scale).double } else {
                    1
                }
            let wideSum: (bytes: Int, signed: Bool)? =
                (base.fixedWidth ?? 0) >= 16 ? (base.fixedWidth ?? 16, !base.isUnsignedInteger) : nil
            return AggregateFunction(name: "avg", returnType: .float64) {
                AvgState(divisor: divisor, wideSum: wideSum)
            }
        },
        "min": { types in
            try expect("min", types, 1)
            return AggregateFunction(name: "min", returnType: types[0]) { ExtremeState(keepLess: true, type: types[0]) }
        },
        "max": { types in
            try expect("max", types, 1)
            return AggregateFunction(name: "max", returnType: types[0]) {
                ExtremeState(keepLess: false, type: types[0])
            }
        },
        "any": { types in
            try expect("any", types, 1)
            return AggregateFunction(name: "any", returnType: types[0]) { AnyState(type: types[0]) }
        },
        "uniqexact": { types in
            AggregateFunction(name: "uniqExact", returnType: .uint64) { UniqExactState() }
        },
        "uniq": { types in try storedAggregate("uniq", types) },
        "quantile": { types in try storedAggregate("quantile", types) },
        "median": { types in try storedAggregate("median", types) },
        "quantiletdigest": { types in try storedAggregate("quantileTDigest", types) },
        "mediantdigest": { types in try storedAggregate("medianTDigest", types) },
        "quantiletdigestweighted": { types in try storedAggregate("quantileTDigestWeighted", types) },
        "grouparray": { types in
            try expect("groupArray", types, 1)
            return AggregateFunction(
                name: "groupArray", returnType: .array(types[0].isNullable ? types[0].removingNullable : types[0])
            ) {
                GroupArrayState()
            }
        },
    ]

    /// A stored aggregate function called without parameters (`uniq(x)`, `median(x)`); Nullable arguments get
    /// ClickHouse's Null combinator (NULL rows skipped, a Nullable result except for `uniq`).
    private static func storedAggregate(_ name: String, _ types: [DataType]) throws -> AggregateFunction {
        let function = try StoredAggregateRegistry.bind(name, parameters: [], argumentTypes: types)
        return AggregateFunction(name: name, returnType: function.returnType) { function.makeState() }
    }

    /// The one argument of `sum`/`avg` without Nullable: a number, a decimal or Nothing (NULL), else ILLEGAL_TYPE_OF_ARGUMENT.
    private static func numericArgument(_ name: String, _ types: [DataType]) throws -> DataType {
        try expect(name, types, 1)
        let base = types[0].removingNullable
        guard base.isNumber || base.isDecimal || base == .nothing else {
            throw DatabaseError(
                .illegalTypeOfArgument, "Illegal type \(types[0]) of argument for aggregate function \(name)")
        }
        return base
    }

    private static func expect(_ name: String, _ types: [DataType], _ count: Int) throws {
        guard types.count == count else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "Aggregate function \(name) requires single argument")
        }
    }
}
