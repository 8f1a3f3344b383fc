import SHCore

extension StoredAggregateRegistry {
    /// The functions whose states are sketches (`uniq`, `quantiles`, `quantilesTDigestWeighted`, ...).
    static let sketchStoredAggregates: [String: StoredAggregateResolver] = {
        var resolvers: [String: StoredAggregateResolver] = ["uniq": bindUniq, "uniqExact": bindUniqExact]
        for family in QuantileFamily.all {
            for (name, many) in [(family.single, false), (family.many, true), (family.median, false)] {
                resolvers[name] = { parameters, types in
                    try family.bind(
                        called: name, canonical: many ? family.many : family.single, many: many, parameters, types)
                }
            }
        }
        return resolvers
    }()

    /// `uniqExact` of one number, date, time or string: the exact set ClickHouse keeps (values, or SipHash128 of
    /// strings), so its states move both ways.
    private static func bindUniqExact(_ parameters: [Value], _ types: [DataType]) throws -> StoredAggregateFunction {
        guard parameters.isEmpty else {
            throw DatabaseError(
                .aggregateFunctionDoesntAllowParameters, "Aggregate function uniqExact cannot have parameters")
        }
        guard !types.isEmpty else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch, "Incorrect number of arguments for aggregate function uniqExact")
        }
        try refuseNothing(types, function: "uniqExact")
        return try StoredAggregateFunction.withNullCombinator(types, nullWithoutRows: false) { types in
            guard types.count == 1, let keys = StoredUniqExactState.Keys(types[0].withoutLowCardinality) else {
                throw DatabaseError(
                    .notImplemented,
                    "uniqExact states of \(types.map(\.description).joined(separator: ", ")) are not supported yet")
            }
            return StoredAggregateFunction(name: "uniqExact", parameters: [], argumentTypes: types, returnType: .uint64)
            { StoredUniqExactState(keys: keys) }
        }
    }

    private static func bindUniq(_ parameters: [Value], _ types: [DataType]) throws -> StoredAggregateFunction {
        guard parameters.isEmpty else {
            throw DatabaseError(
                .aggregateFunctionDoesntAllowParameters, "Aggregate function uniq cannot have parameters")
        }
        guard !types.isEmpty else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch, "Incorrect number of arguments for aggregate function uniq")
        }
        try refuseNothing(types, function: "uniq")
        // uniq's result stays UInt64 (0 without rows) under the Null combinator.
        return try StoredAggregateFunction.withNullCombinator(types, nullWithoutRows: false) { types in
            let hashing = UniqHashing.resolve(types)
            return StoredAggregateFunction(name: "uniq", parameters: [], argumentTypes: types, returnType: .uint64) {
                UniqState(hashing: hashing)
            }
        }
    }
}

/// NULL arguments (Nothing) are refused: ClickHouse gives them a function of its own.
private func refuseNothing(_ types: [DataType], function name: String) throws {
    for type in types where type.removingNullable == .nothing {
        throw DatabaseError(.notImplemented, "\(name) of NULL is not supported as a stored state")
    }
}

extension StoredAggregateFunction {
    /// The function of `types`, some of them Nullable: bound on the types without Nullable, and wrapped in the Null
    /// combinator. `nullWithoutRows`: the result is NULL when no row was added (unless it is an array, which
    /// cannot be Nullable); otherwise it is the nested function's.
    static func withNullCombinator(
        _ types: [DataType], nullWithoutRows: Bool, bind: ([DataType]) throws -> StoredAggregateFunction
    ) throws -> StoredAggregateFunction {
        let nullable = types.map(\.withoutLowCardinality.isNullable)
        guard nullable.contains(true) else { return try bind(types) }
        let nested = try bind(types.map { $0.withoutLowCardinality.isNullable ? $0.removingNullable : $0 })
        let nullableResult: Bool =
            if case .array = nested.returnType { false } else { nullWithoutRows }
        let makeNested = nested.makeState
        return StoredAggregateFunction(
            name: nested.name, parameters: nested.parameters, argumentTypes: types,
            returnType: nullableResult ? .nullable(nested.returnType) : nested.returnType
        ) {
            NullCombinatorState(makeNested: makeNested, nullable: nullable, resultIsNullable: nullableResult)
        }
    }
}

/// One family of quantile functions: the one-level, many-level and `median` names of one sketch.
private struct QuantileFamily: Sendable {
    enum Sketch { case reservoir, tDigest, tDigestWeighted }

    let single: String
    let many: String
    let median: String
    let sketch: Sketch

    static let all = [
        QuantileFamily(single: "quantile", many: "quantiles", median: "median", sketch: .reservoir),
        QuantileFamily(
            single: "quantileTDigest", many: "quantilesTDigest", median: "medianTDigest", sketch: .tDigest),
        QuantileFamily(
            single: "quantileTDigestWeighted", many: "quantilesTDigestWeighted", median: "medianTDigestWeighted",
            sketch: .tDigestWeighted),
    ]

    /// Binds `called(parameters)(types)` as the function ClickHouse names `canonical` in its types; Nullable
    /// arguments add the Null combinator (a Nullable result unless it is an array).
    func bind(called name: String, canonical: String, many: Bool, _ parameters: [Value], _ types: [DataType]) throws
        -> StoredAggregateFunction
    {
        try refuseNothing(types, function: name)
        return try StoredAggregateFunction.withNullCombinator(types, nullWithoutRows: true) { types in
            try bindNested(called: name, canonical: canonical, many: many, parameters, types)
        }
    }

    private func bindNested(
        called name: String, canonical: String, many: Bool, _ parameters: [Value], _ types: [DataType]
    ) throws -> StoredAggregateFunction {
        let weighted = sketch == .tDigestWeighted
        guard types.count == (weighted ? 2 : 1) else {
            let expected = weighted ? "two arguments" : "single argument"
            throw DatabaseError(.numberOfArgumentsDoesntMatch, "Aggregate function \(name) requires \(expected)")
        }
        let levels = try QuantileLevels(parameters, function: name, many: many)
        let argument = types[0].withoutLowCardinality
        if sketch == .reservoir, argument.isDecimal || Self.isDateTime64(argument) {
            throw DatabaseError(.notImplemented, "\(name) of \(types[0]) is not supported yet")
        }
        guard let sampleType = SketchNumberDispatch.sampleType(of: argument), Self.accepts(argument) else {
            throw DatabaseError(
                .illegalTypeOfArgument, "Illegal type \(types[0]) of argument for aggregate function \(name)")
        }
        let resultType: QuantileResultType =
            switch argument {
            case .date, .dateTime: .integerOf(argument)
            default: sketch == .reservoir ? .float64 : .float32
            }
        let weightWidth = weighted ? try Self.weightWidth(types[1], function: name) : 0
        let makeState = Self.stateMaker(sketch, sampleType, levels, resultType, weightWidth)
        return StoredAggregateFunction(
            name: canonical, parameters: parameters, argumentTypes: types,
            returnType: levels.returnType(element: resultType.dataType), makeState: makeState)
    }

    /// The argument types ClickHouse's quantile functions take here: numbers, Bool, Date and DateTime.
    private static func accepts(_ type: DataType) -> Bool {
        switch type {
        case .uint8, .uint16, .uint32, .uint64, .int8, .int16, .int32, .int64, .float32, .float64, .bool, .date,
            .dateTime:
            true
        default: false
        }
    }

    private static func isDateTime64(_ type: DataType) -> Bool {
        if case .dateTime64 = type { true } else { false }
    }

    /// The byte width of the weight, which must be an unsigned integer.
    private static func weightWidth(_ type: DataType, function name: String) throws -> Int {
        switch type.withoutLowCardinality {
        case .uint8, .bool: return 1
        case .uint16: return 2
        case .uint32: return 4
        case .uint64: return 8
        default:
            throw DatabaseError(
                .illegalTypeOfArgument,
                "Second argument (weight) for function \(name) must be unsigned integer, but it has type \(type)")
        }
    }

    private static func stateMaker(
        _ sketch: Sketch, _ sampleType: any SketchNumber.Type, _ levels: QuantileLevels,
        _ resultType: QuantileResultType, _ weightWidth: Int
    ) -> @Sendable () -> any StoredAggregateState {
        func make<Element: SketchNumber>(_: Element.Type) -> @Sendable () -> any StoredAggregateState {
            switch sketch {
            case .reservoir:
                { ReservoirQuantileState<Element>(levels: levels, resultType: resultType) }
            case .tDigest, .tDigestWeighted:
                { TDigestQuantileState<Element>(levels: levels, resultType: resultType, weightWidth: weightWidth) }
            }
        }
        return make(sampleType)
    }
}
