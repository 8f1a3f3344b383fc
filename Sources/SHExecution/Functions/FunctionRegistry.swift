import SHColumns
import SHCore

/// Resolves a scalar function for given argument types. `constants` holds the values of constant arguments.
public typealias FunctionResolver =
    @Sendable (_ types: [DataType], _ constants: [Value?], _ context: EvaluationContext)
    throws -> ScalarOverload

/// Every scalar function, by name. Adding a function is one `register` call in a `Functions+*.swift` file.
public struct FunctionRegistry: Sendable {
    private var resolvers: [String: FunctionResolver] = [:]
    /// Names matched case-insensitively, as ClickHouse does for SQL-standard functions.
    private var caseInsensitive: [String: String] = [:]

    /// The registry with every built-in function.
    public static let builtin: FunctionRegistry = {
        var registry = FunctionRegistry()
        registry.registerArithmetic()
        registry.registerFloatClassification()
        registry.registerComparison()
        registry.registerLogical()
        registry.registerConditional()
        registry.registerStrings()
        registry.registerConversions()
        registry.registerArraysAndTuples()
        registry.registerMisc()
        registry.registerHashes()
        registry.registerDateTime()
        registry.registerDateArithmetic()
        registry.registerByteStrings()
        registry.registerSpaceFillingCurves()
        registry.registerModuloLegacy()
        registry.registerURL()
        registry.registerAggregateStates()
        return registry
    }()

    public mutating func register(_ name: String, caseInsensitive: Bool = false, _ resolver: @escaping FunctionResolver)
    {
        resolvers[name] = resolver
        if caseInsensitive { self.caseInsensitive[name.lowercased()] = name }
    }

    public func canonicalName(_ name: String) -> String? {
        if resolvers[name] != nil { return name }
        return caseInsensitive[name.lowercased()]
    }

    /// Binds a call; folds it into a constant when every argument is constant.
    public func bind(_ name: String, _ arguments: [BoundExpression], context: EvaluationContext) throws
        -> BoundExpression
    {
        guard let canonical = canonicalName(name), let resolver = resolvers[canonical] else {
            throw DatabaseError(.unknownFunction, "Function with name `\(name)` does not exist. In scope \(name)()")
        }
        let overload = try resolver(arguments.map(\.type), arguments.map(\.constantValue), context)
        let bound = BoundExpression.function(name: canonical, overload, arguments)
        // materialize() makes a column of a constant, as in ClickHouse: it is not folded (a String column then
        // compares with a Date as a column does, not as a literal).
        if arguments.allSatisfy({ $0.constantValue != nil }), canonical != "throwIf", canonical != "materialize" {
            return .constant(try bound.evaluateConstant(), overload.returnType)
        }
        return bound
    }
}

/// Checks an argument count with ClickHouse's error.
func expectArguments(_ name: String, _ types: [DataType], _ range: ClosedRange<Int>) throws {
    guard range.contains(types.count) else {
        let expected =
            range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
        throw DatabaseError(
            .numberOfArgumentsDoesntMatch,
            "Number of arguments for function \(name) doesn't match: passed \(types.count), should be \(expected)")
    }
}

func illegalType(_ type: DataType, argument: Int, of name: String) -> DatabaseError {
    DatabaseError(.illegalTypeOfArgument, "Illegal type \(type) of argument \(argument) of function \(name)")
}

extension DataType {
    /// `Nullable(self)` unless already nullable (or a type that cannot be inside Nullable).
    var makeNullable: DataType {
        switch self {
        case .nullable, .nothing, .array, .tuple, .map: self
        case .lowCardinality(let inner): .lowCardinality(inner.makeNullable)
        default: .nullable(self)
        }
    }

    /// Wraps in Nullable when any of `types` is nullable, as ClickHouse's default NULL handling does.
    func nullable(if types: [DataType]) -> DataType {
        types.contains(where: \.isNullable) ? makeNullable : self
    }
}
