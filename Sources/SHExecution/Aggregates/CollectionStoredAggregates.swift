import SHCodecs
import SHColumns
import SHCore

extension StoredAggregateRegistry {
    /// `groupArray` and `groupUniqArray`, and the functions over arrays and maps that `SimpleAggregateFunction` columns
    /// use: `groupArrayArray`, `groupUniqArrayArray`, `sumMap`, `minMap`, `maxMap` (of a `Map` argument).
    static let collectionStoredAggregates: [String: StoredAggregateResolver] = [
        "groupArray": { parameters, types in
            let limit = try maxSize("groupArray", parameters)
            let element = try singleArgument("groupArray", types)
            return StoredAggregateFunction(
                name: "groupArray", parameters: parameters, argumentTypes: types, returnType: .array(element)
            ) { GroupArrayArrayState(element: element, flattens: false, limit: limit) }
        },
        "groupArrayArray": { _, types in
            let element = try arrayElement("groupArrayArray", types)
            return StoredAggregateFunction(
                name: "groupArrayArray", parameters: [], argumentTypes: types, returnType: .array(element)
            ) { GroupArrayArrayState(element: element, flattens: true) }
        },
        "groupUniqArray": { parameters, types in
            let limit = try maxSize("groupUniqArray", parameters)
            let element = try singleArgument("groupUniqArray", types)
            let width = try uniqKeyWidth("groupUniqArray", element)
            return StoredAggregateFunction(
                name: "groupUniqArray", parameters: parameters, argumentTypes: types, returnType: .array(element)
            ) { GroupUniqArrayState(element: element, width: width, flattens: false, limit: limit) }
        },
        "groupUniqArrayArray": { _, types in
            let element = try arrayElement("groupUniqArrayArray", types)
            let width = try uniqKeyWidth("groupUniqArrayArray", element)
            return StoredAggregateFunction(
                name: "groupUniqArrayArray", parameters: [], argumentTypes: types, returnType: .array(element)
            ) { GroupUniqArrayState(element: element, width: width, flattens: true) }
        },
        "sumMap": { _, types in
            let (key, value) = try mapArgument("sumMap", types)
            let sum = try StoredSumState.sumType("sumMap", [value])
            return StoredAggregateFunction(
                name: "sumMap", parameters: [], argumentTypes: types, returnType: .map(key, sum)
            ) { MapState(key: key, kind: .sum(sum)) }
        },
        "minMap": extremeMapResolver("minMap", less: true),
        "maxMap": extremeMapResolver("maxMap", less: false),
    ]

    private static func extremeMapResolver(_ name: String, less: Bool) -> StoredAggregateResolver {
        { _, types in
            let (key, value) = try mapArgument(name, types)
            return StoredAggregateFunction(
                name: name, parameters: [], argumentTypes: types, returnType: .map(key, value)
            ) { MapState(key: key, kind: .extreme(value, less: less)) }
        }
    }

    /// `groupArray(max_size)`: a positive integer, or no parameter (no limit).
    private static func maxSize(_ name: String, _ parameters: [Value]) throws -> Int? {
        guard let first = parameters.first else { return nil }
        guard parameters.count == 1 else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "Incorrect number of parameters for aggregate function \(name), should be 0 or 1")
        }
        switch first {
        case .uint(let value) where value > 0 && value <= UInt64(Int32.max): return Int(value)
        case .int(let value) where value > 0 && value <= Int64(Int32.max): return Int(value)
        default:
            throw DatabaseError(.badArguments, "Parameter for aggregate function \(name) should be positive number")
        }
    }

    /// The one argument's type (NULLs are skipped, as ClickHouse's Null combinator skips them for these functions).
    private static func singleArgument(_ name: String, _ types: [DataType]) throws -> DataType {
        try expectArguments(name, types, 1)
        guard !types[0].isNullable else {
            throw DatabaseError(.notImplemented, "\(name) of \(types[0]) states are not supported yet")
        }
        return types[0].withoutLowCardinality
    }

    private static func uniqKeyWidth(_ name: String, _ element: DataType) throws -> Int {
        guard let width = GroupUniqArrayState.keyWidth(element) else {
            throw DatabaseError(
                .notImplemented, "\(name) of \(element) is not supported yet (only of strings and integers)")
        }
        return width
    }

    private static func arrayElement(_ name: String, _ types: [DataType]) throws -> DataType {
        try expectArguments(name, types, 1)
        guard case .array(let element) = types[0].withoutLowCardinality else {
            throw DatabaseError(
                .illegalTypeOfArgument, "Illegal type \(types[0]) of argument for aggregate function \(name)")
        }
        return element
    }

    private static func mapArgument(_ name: String, _ types: [DataType]) throws -> (DataType, DataType) {
        guard types.count == 1, case .map(let key, let value) = types[0].withoutLowCardinality else {
            throw DatabaseError(
                .notImplemented, "\(name) of \(types.map(\.description).joined(separator: ", ")) is not supported yet")
        }
        return (key, value)
    }
}

/// `groupArray` (the values in order, the first `limit` of them with `groupArray(limit)`) and `groupArrayArray` (the
/// elements of every array: `flattens`); written as a VarUInt count and the elements.
struct GroupArrayArrayState: StoredAggregateState {
    let element: DataType
    var flattens = true
    var limit: Int?
    var items: [Value] = []

    mutating func add(_ arguments: [Column], row: Int) {
        let value = arguments[0].value(at: row)
        if flattens {
            if case .array(let values) = value { append(values) }
        } else {
            append([value])
        }
    }

    private mutating func append(_ values: [Value]) {
        guard let limit else {
            items += values
            return
        }
        items += values.prefix(max(0, limit - items.count))
    }

    mutating func merge(_ other: GroupArrayArrayState) { append(other.items) }

    func serialize(into bytes: inout [UInt8]) {
        VarUInt.write(UInt64(items.count), to: &bytes)
        for item in items { StateValueCodec.write(item, type: element, into: &bytes) }
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        let count = try reader.readCount(elementSize: 1, what: "groupArray size")
        if let limit, count > limit {
            throw DatabaseError(.tooLargeArraySize, "Too large array size \(count) (maximum: \(limit))")
        }
        items = try (0..<count).map { _ in try StateValueCodec.read(type: element, from: &reader) }
    }

    func result() -> Value { .array(items) }
}

/// `groupUniqArrayArray` of strings or integers: the distinct elements, in ClickHouse's hash-set order
/// (`ClickHouseHashSet`); written as a VarUInt count and each element (a string with its VarUInt length, an integer as
/// its little-endian bytes).
struct GroupUniqArrayState: StoredAggregateState {
    let element: DataType
    /// The bytes of an integer element; 0 for strings.
    let width: Int
    /// `groupUniqArrayArray`: the arguments are arrays whose elements are gathered.
    let flattens: Bool
    /// `groupUniqArray(max_size)`: at most this many elements (the first distinct ones met).
    let limit: Int?
    var set: ClickHouseHashSet

    init(element: DataType, width: Int, flattens: Bool, limit: Int? = nil) {
        self.element = element
        self.width = width
        self.flattens = flattens
        self.limit = limit
        set = width == 0 ? .strings() : .integers(width: width)
    }

    private mutating func insert(_ key: [UInt8]) {
        if let limit, set.count >= limit { return }
        set.insert(key)
    }

    /// 0 for `String`, the width of an integer type (dates and times included), nil for the types not supported.
    static func keyWidth(_ element: DataType) -> Int? {
        switch element {
        case .string: 0
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .date, .dateTime, .date32:
            element.fixedWidth
        default: nil
        }
    }

    private func key(_ value: Value) -> [UInt8] {
        if width == 0 { if case .string(let bytes) = value { return bytes } else { return [] } }
        return Column(type: element, values: [value]).data
    }

    mutating func add(_ arguments: [Column], row: Int) {
        let value = arguments[0].value(at: row)
        guard flattens else { return insert(key(value)) }
        guard case .array(let values) = value else { return }
        for value in values { insert(key(value)) }
    }

    mutating func merge(_ other: GroupUniqArrayState) {
        for element in other.set.elements { insert(element) }
    }

    func serialize(into bytes: inout [UInt8]) {
        VarUInt.write(UInt64(set.count), to: &bytes)
        for element in set.elements {
            if width == 0 { bytes.appendStringBinary(element) } else { bytes.append(contentsOf: element) }
        }
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        let count = try reader.readCount(elementSize: max(width, 1), what: "groupUniqArray size")
        set = width == 0 ? .strings() : .integers(width: width)
        for _ in 0..<count {
            set.insert(Array(width == 0 ? try reader.readStringBinary() : try reader.readBytes(width)))
        }
    }

    func result() -> Value {
        .array(
            set.elements.map { key in
                width == 0 ? .string(key) : Column(type: element, count: 1, data: key).value(at: 0)
            })
    }
}

/// `sumMap`, `minMap`, `maxMap` of a `Map`: per key, the sum (or least / greatest value) of its values; the result
/// is ordered by key. Written as a VarUInt count, then per key in key order the key and the sum (or the value's
/// `SingleValue` state).
struct MapState: StoredAggregateState {
    enum Kind: Sendable {
        case sum(DataType)
        case extreme(DataType, less: Bool)
    }
    let key: DataType
    let kind: Kind
    var entries: [(key: Value, value: Value)] = []

    private var sortedEntries: [(key: Value, value: Value)] {
        entries.sorted { Value.compare($0.key, $1.key) < 0 }
    }

    mutating func add(_ arguments: [Column], row: Int) {
        guard case .array(let pairs) = arguments[0].value(at: row) else { return }
        for case .tuple(let items) in pairs where items.count == 2 { offer(items[0], items[1]) }
    }

    private mutating func offer(_ key: Value, _ value: Value) {
        guard let index = entries.firstIndex(where: { $0.key == key }) else {
            switch kind {
            case .sum(let type):
                var sum = StoredSumState(type: type)
                sum.accumulate(value)
                entries.append((key, sum.sum))
            case .extreme: entries.append((key, value))
            }
            return
        }
        switch kind {
        case .sum(let type):
            var sum = StoredSumState(type: type)
            sum.sum = entries[index].value
            sum.accumulate(value)
            entries[index].value = sum.sum
        case .extreme(let type, let less):
            var current = SingleValue(type: type)
            current.value = entries[index].value
            if current.isBetter(value, less: less) { entries[index].value = value }
        }
    }

    mutating func merge(_ other: MapState) {
        for entry in other.entries { offer(entry.key, entry.value) }
    }

    func serialize(into bytes: inout [UInt8]) {
        VarUInt.write(UInt64(entries.count), to: &bytes)
        for entry in sortedEntries {
            StateValueCodec.write(entry.key, type: key, into: &bytes)
            switch kind {
            case .sum(let type): StateValueCodec.write(entry.value, type: type, into: &bytes)
            case .extreme(let type, _):
                var single = SingleValue(type: type)
                single.value = entry.value
                single.serialize(into: &bytes)
            }
        }
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        let count = try reader.readCount(elementSize: 1, what: "map size")
        entries = []
        for _ in 0..<count {
            let entryKey = try StateValueCodec.read(type: key, from: &reader)
            switch kind {
            case .sum(let type): entries.append((entryKey, try StateValueCodec.read(type: type, from: &reader)))
            case .extreme(let type, _):
                var single = SingleValue(type: type)
                try single.deserialize(from: &reader)
                entries.append((entryKey, single.value ?? type.defaultValue))
            }
        }
    }

    func result() -> Value { .array(sortedEntries.map { .tuple([$0.key, $0.value]) }) }
}
