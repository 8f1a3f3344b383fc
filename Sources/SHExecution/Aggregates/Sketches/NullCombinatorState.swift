import SHCodecs
import SHColumns
import SHCore

/// ClickHouse's Null combinator around a sketch whose arguments include Nullable ones (`AggregateFunction(uniq,
/// Nullable(UInt64))`): rows with a NULL argument are skipped, and the state is a flag byte followed, when it is set,
/// by the nested state. When the result can be NULL (`quantile`), the flag says whether a row was added and the
/// result is NULL without one; when it cannot (`uniq`, `quantiles`' arrays), the flag is always written set.
struct NullCombinatorState: StoredAggregateState {
    private(set) var nested: any StoredAggregateState
    let makeNested: @Sendable () -> any StoredAggregateState
    /// Which arguments are Nullable (their columns hold a null map and the values).
    let nullable: [Bool]
    let resultIsNullable: Bool
    private(set) var flag: Bool

    init(makeNested: @escaping @Sendable () -> any StoredAggregateState, nullable: [Bool], resultIsNullable: Bool) {
        self.makeNested = makeNested
        nested = makeNested()
        self.nullable = nullable
        self.resultIsNullable = resultIsNullable
        flag = !resultIsNullable
    }

    mutating func add(_ arguments: [Column], row: Int) {
        var values = arguments
        for index in arguments.indices where nullable[index] {
            if arguments[index].nulls[row] != 0 { return }
            values[index] = arguments[index].children[0]
        }
        flag = true
        nested.add(values, row: row)
    }

    func result() -> Value { flag ? nested.result() : .null }

    mutating func merge(_ other: NullCombinatorState) {
        if other.flag { flag = true }
        nested.merge(any: other.nested)
    }

    func serialize(into bytes: inout [UInt8]) {
        bytes.append(flag ? 1 : 0)
        if flag { nested.serialize(into: &bytes) }
    }

    /// Reads the flag and, when it is set, the nested state; a state whose result cannot be NULL keeps its flag set
    /// (and an empty nested state when the flag read is clear), as ClickHouse does.
    mutating func deserialize(from reader: inout ByteReader) throws {
        let present = try reader.read(UInt8.self) != 0
        var fresh = makeNested()
        if present { try fresh.deserialize(from: &reader) }
        nested = fresh
        flag = present || !resultIsNullable
    }
}
