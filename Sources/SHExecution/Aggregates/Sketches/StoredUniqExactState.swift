import SHCodecs
import SHColumns
import SHCore

/// `uniqExact`'s state: the set of distinct values ClickHouse keeps (`AggregateFunctionUniqExactData`), in its
/// hash-set order: numbers by their little-endian bytes, strings by their SipHash128. Written as a VarUInt count and
/// the keys.
struct StoredUniqExactState: StoredAggregateState {
    enum Keys: Sendable {
        /// A fixed-width value of `type`, `width` bytes.
        case number(DataType, width: Int)
        /// A String or FixedString, hashed to 16 bytes.
        case string

        init?(_ type: DataType) {
            switch type {
            case .string, .fixedString: self = .string
            case let type where type.isNumber || [.date, .date32, .dateTime, .bool].contains(type):
                guard let width = type.fixedWidth, width <= 8 else { return nil }
                self = .number(type, width: width)
            case .dateTime64, .enum8, .enum16, .ipv4:
                guard let width = type.fixedWidth, width <= 8 else { return nil }
                self = .number(type, width: width)
            default: return nil
            }
        }

        var width: Int {
            switch self {
            case .number(_, let width): width
            case .string: 16
            }
        }
    }

    let keys: Keys
    var set: ClickHouseHashSet

    init(keys: Keys) {
        self.keys = keys
        set = Self.emptySet(keys)
    }

    static func emptySet(_ keys: Keys) -> ClickHouseHashSet {
        switch keys {
        case .number: .exactNumbers()
        case .string: .exactHashes()
        }
    }

    mutating func add(_ arguments: [Column], row: Int) {
        switch keys {
        case .number(let type, let width):
            let column = arguments[0]
            if column.type.withoutLowCardinality == type, let fixed = column.type.fixedWidth, fixed == width {
                set.insert(Array(column.data[(row * width)..<((row + 1) * width)]))
            } else {
                set.insert(Column(type: type, values: [column.value(at: row)]).data)
            }
        case .string:
            guard case .string(let bytes) = arguments[0].value(at: row) else { return }
            var hasher = SipHash()
            hasher.update(bytes)
            set.insert(hasher.digest128Bytes())
        }
    }

    mutating func merge(_ other: StoredUniqExactState) {
        for key in other.set.elements { set.insert(key) }
    }

    func serialize(into bytes: inout [UInt8]) {
        VarUInt.write(UInt64(set.count), to: &bytes)
        for key in set.elements { bytes.append(contentsOf: key) }
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        let count = try reader.readCount(elementSize: keys.width, what: "uniqExact size")
        set = Self.emptySet(keys)
        set.reserve(forReading: count)
        for _ in 0..<count { set.insert(Array(try reader.readBytes(keys.width))) }
    }

    func result() -> Value { .uint(UInt64(set.count)) }
}
