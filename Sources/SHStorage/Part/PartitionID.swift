import SHCodecs
import SHCore

/// ClickHouse's partition id (`MergeTreePartition::getID`): `all` without a partition key; when every value is an
/// integer (the integers, Bool, Date, Date32, DateTime, IPv4, Enum) the values joined by `-` (Date as YYYYMMDD,
/// the others as their number); otherwise the hex of ClickHouse's SipHash128 of the values as its `Field`s hash them
/// (`FieldVisitorHash`: a type tag, then the value).
public enum PartitionID {
    public static func compute(values: [Value], types: [DataType]) throws -> String {
        guard !values.isEmpty else { return "all" }
        let fields = zip(values, types).map { ($0, $1.removingNullable.withoutLowCardinality) }
        if let integral = integralID(fields) { return integral }
        var hash = SipHash()
        for (value, type) in fields { try FieldHash.update(&hash, value, type) }
        return hash.digest128Bytes().map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The readable id when every value is held by an integer `Field`; nil otherwise.
    private static func integralID(_ fields: [(Value, DataType)]) -> String? {
        var parts: [String] = []
        for (value, type) in fields {
            switch (type, value) {
            case (.date, .uint(let days)):
                let (y, m, d) = CivilCalendar.date(fromDays: Int(days))
                parts.append(String(y * 10000 + m * 100 + d))
            case (_, .uint(let v)) where FieldHash.isUnsignedField(type): parts.append(String(v))
            case (_, .int(let v)) where FieldHash.isSignedField(type): parts.append(String(v))
            default: return nil
            }
        }
        return parts.joined(separator: "-")
    }
}

/// How ClickHouse's `FieldVisitorHash` feeds one value into a SipHash: the `Field` type tag (`Field::Types`), then
/// its bytes (strings, arrays and tuples with their size first).
enum FieldHash {
    private enum Tag: UInt8 {
        case null = 0
        case uint64 = 1
        case int64 = 2
        case float64 = 3
        case uint128 = 4
        case int128 = 5
        case string = 16
        case array = 17
        case tuple = 18
        case decimal32 = 19
        case decimal64 = 20
        case decimal128 = 21
        case decimal256 = 23
        case uint256 = 24
        case int256 = 25
        case ipv4 = 30
    }

    /// Types whose values are `UInt64` fields.
    static func isUnsignedField(_ type: DataType) -> Bool {
        switch type {
        case .uint8, .uint16, .uint32, .uint64, .bool, .date, .dateTime, .ipv4: true
        default: false
        }
    }

    /// Types whose values are `Int64` fields.
    static func isSignedField(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .date32, .enum8, .enum16: true
        default: false
        }
    }

    static func update(_ hash: inout SipHash, _ value: Value, _ declared: DataType) throws {
        let type = declared.removingNullable.withoutLowCardinality
        func tag(_ tag: Tag) { hash.update(littleEndian: UInt64(tag.rawValue), width: 1) }
        switch (type, value) {
        case (_, .null):
            tag(.null)
        case (.ipv4, .uint(let v)):
            tag(.ipv4)
            hash.update(littleEndian: v, width: 4)
        case (_, .uint(let v)) where isUnsignedField(type):
            tag(.uint64)
            hash.update(littleEndian: v)
        case (_, .int(let v)) where isSignedField(type):
            tag(.int64)
            hash.update(littleEndian: UInt64(bitPattern: v))
        case (.float32, .float(let v)), (.float64, .float(let v)):
            tag(.float64)
            hash.update(littleEndian: v.bitPattern)
        case (.string, .string(let bytes)), (.fixedString, .string(let bytes)):
            tag(.string)
            hash.update(littleEndian: UInt64(bytes.count))
            hash.update(bytes)
        case (.uuid, .uuid(let high, let low)):
            // A UUID's Field is its UInt128: the two halves in memory order.
            tag(.uint128)
            hash.update(littleEndian: high)
            hash.update(littleEndian: low)
        case (.dateTime64, .int(let ticks)):
            tag(.decimal64)
            hash.update(littleEndian: UInt64(bitPattern: ticks))
        case (.decimal(let precision, _), _) where precision <= 9:
            guard let v = value.int64 else { throw unsupported(type) }
            tag(.decimal32)
            hash.update(littleEndian: UInt64(bitPattern: v), width: 4)
        case (.decimal(let precision, _), _) where precision <= 18:
            guard let v = value.int64 else { throw unsupported(type) }
            tag(.decimal64)
            hash.update(littleEndian: UInt64(bitPattern: v))
        case (.decimal(let precision, _), _) where precision <= 38:
            guard let v = value.int128 else { throw unsupported(type) }
            tag(.decimal128)
            hash.update(littleEndian: UInt64(truncatingIfNeeded: v))
            hash.update(littleEndian: UInt64(truncatingIfNeeded: v >> 64))
        case (.decimal, _), (.int128, _), (.uint128, _), (.int256, _), (.uint256, _):
            // Wide integers and Decimal256: their tag, then their bytes (two's complement, little-endian).
            guard let v = value.wideInteger, let width = type.fixedWidth else { throw unsupported(type) }
            let tags: [DataType: Tag] = [.int128: .int128, .uint128: .uint128, .int256: .int256, .uint256: .uint256]
            tag(tags[type] ?? .decimal256)
            hash.update(v.littleEndianBytes(count: width))
        case (.array(let element), .array(let items)):
            tag(.array)
            hash.update(littleEndian: UInt64(items.count))
            for item in items { try update(&hash, item, element) }
        case (.tuple(let elements, _), .tuple(let items)) where elements.count == items.count:
            tag(.tuple)
            hash.update(littleEndian: UInt64(items.count))
            for (item, element) in zip(items, elements) { try update(&hash, item, element) }
        default:
            throw unsupported(type)
        }
    }

    private static func unsupported(_ type: DataType) -> DatabaseError {
        DatabaseError(.notImplemented, "Partition ids of partition keys of type \(type) are not supported yet")
    }
}
