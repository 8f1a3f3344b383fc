import SHCodecs
import SHColumns
import SHCore

/// The state of an aggregate function as an `AggregateFunction(...)` column keeps it: besides adding rows, it merges
/// with another state of the same function and reads and writes ClickHouse's binary serialization
/// (`IAggregateFunction::serialize`/`deserialize`/`merge`), so that states move between SwiftHouse and ClickHouse
/// byte for byte.
public protocol StoredAggregateState: AggregateState, Sendable {
    /// Merges `other`, a state of the same bound function, into this one (`-Merge`, AggregatingMergeTree merges).
    mutating func merge(_ other: Self)
    /// Appends ClickHouse's serialization of this state.
    func serialize(into bytes: inout [UInt8])
    /// Replaces this state by one read from `reader`. Bytes that are not a valid state throw a `DatabaseError`
    /// (never a trap), and no count read from them allocates beyond a bound.
    mutating func deserialize(from reader: inout ByteReader) throws
}

extension StoredAggregateState {
    /// Merges `other` when it is a state of the same kind; a state of another kind is a logic error.
    public mutating func merge(any other: any StoredAggregateState) {
        guard let same = other as? Self else {
            preconditionFailure("merging \(type(of: other)) into \(Self.self)")
        }
        merge(same)
    }
}

/// An aggregate function bound to its parameters and argument types, whose states can be stored: what the type
/// `AggregateFunction(name(parameters), argumentTypes...)` names.
public struct StoredAggregateFunction: Sendable {
    /// The function's name as ClickHouse spells it (`uniq`, `quantilesTDigestWeighted`).
    public let name: String
    /// The parametric function's parameters (`0.5, 0.9` of `quantiles(0.5, 0.9)`); empty for most.
    public let parameters: [Value]
    public let argumentTypes: [DataType]
    /// The type of the final value (`finalizeAggregation`, `-Merge`).
    public let returnType: DataType
    public let makeState: @Sendable () -> any StoredAggregateState

    public init(
        name: String, parameters: [Value], argumentTypes: [DataType], returnType: DataType,
        makeState: @escaping @Sendable () -> any StoredAggregateState
    ) {
        self.name = name
        self.parameters = parameters
        self.argumentTypes = argumentTypes
        self.returnType = returnType
        self.makeState = makeState
    }
}

/// Binds a stored aggregate function from its parameters and argument types.
public typealias StoredAggregateResolver =
    @Sendable (_ parameters: [Value], _ argumentTypes: [DataType]) throws -> StoredAggregateFunction

/// Every aggregate function whose states SwiftHouse can store, by name (ClickHouse's names are case-sensitive here,
/// as in `AggregateFunction(...)` types).
public enum StoredAggregateRegistry {
    /// Binds `name(parameters)(argumentTypes)`; an unknown name is UNKNOWN_AGGREGATE_FUNCTION.
    public static func bind(_ name: String, parameters: [Value], argumentTypes: [DataType]) throws
        -> StoredAggregateFunction
    {
        guard let resolver = resolvers[canonicalName(name)] else {
            throw DatabaseError(.unknownAggregateFunction, "Unknown aggregate function \(name)")
        }
        return try resolver(parameters, argumentTypes)
    }

    public static func isStored(_ name: String) -> Bool { resolvers[canonicalName(name)] != nil }

    /// The name as registered: `name` itself, or its lower-cased form for the functions ClickHouse matches in any
    /// case (`SUM` is `sum`).
    static func canonicalName(_ name: String) -> String {
        resolvers[name] == nil && caseInsensitiveStoredAggregates.contains(name.lowercased()) ? name.lowercased() : name
    }

    private static let resolvers: [String: StoredAggregateResolver] = basicStoredAggregates.merging(
        sketchStoredAggregates, uniquingKeysWith: { first, _ in first })
}
