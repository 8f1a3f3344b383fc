import SHCodecs
import SHColumns
import SHCore

/// How `uniq` turns a row of its arguments into the 32-bit hash its `UniquesHashSet` keeps, per ClickHouse's
/// `AggregateFunctionUniq` (one number, date or string argument) and `AggregateFunctionUniqVariadic` (several
/// arguments, a tuple, or any other single type).
struct UniqHashing: Sendable {
    let hash: @Sendable (_ arguments: [Column], _ row: Int) -> UInt32

    /// The hashing of `argumentTypes` (LowCardinality is hashed as its values).
    static func resolve(_ argumentTypes: [DataType]) -> UniqHashing {
        let types = argumentTypes.map(\.withoutLowCardinality)
        if types.count == 1, let single = singleArgument(types[0]) {
            // The set hashes the UInt64 it is given with intHash64 and keeps the low 32 bits.
            return UniqHashing { arguments, row in
                UInt32(truncatingIfNeeded: IntegerHash.murmurFinalizer(single(arguments[0], row)))
            }
        }
        // Several values: their hashes combined; the set keeps the low 32 bits as they are.
        if types.count == 1, case .tuple(let elements, _) = types[0] {
            let combined = combinedHash(elements)
            return UniqHashing { arguments, row in combined(arguments[0].children, row) }
        }
        let combined = combinedHash(types)
        return UniqHashing { arguments, row in combined(arguments, row) }
    }

    /// The UInt64 ClickHouse's `AggregateFunctionUniqTraits` makes of one value of `type`, for the types with a
    /// specialisation (numbers, dates, enums, strings, UUID, IP addresses); nil for the rest.
    private static func singleArgument(_ type: DataType) -> (@Sendable (Column, Int) -> UInt64)? {
        switch type {
        case .uint8, .uint16, .uint32, .uint64, .bool, .date, .dateTime, .ipv4, .float32, .float64:
            // Unsigned values are widened; floats are their bits, zero-extended.
            let width = type.fixedWidth ?? 8
            return { column, row in column.rawBits(at: row, width: width) }
        case .int8, .int16, .int32, .int64, .enum8, .enum16, .date32:
            let width = type.fixedWidth ?? 8
            let shift = UInt64(64 - 8 * width)
            return { column, row in
                UInt64(bitPattern: Int64(bitPattern: column.rawBits(at: row, width: width) << shift) >> shift)
            }
        case .string, .fixedString, .ipv6:
            // IPv6 is hashed as the FixedString(16) of its bytes.
            return { column, row in rowBytes(column, row).withUnsafeBytes { CityHash64.hash($0) } }
        case .uuid:
            // DefaultHash64 of a 128-bit value: intHash64 of its two halves xor-ed.
            return { column, row in
                IntegerHash.murmurFinalizer(
                    column.rawBits(at: row * 2, width: 8) ^ column.rawBits(at: row * 2 + 1, width: 8))
            }
        default:
            return nil
        }
    }

    /// `UniqVariadicHash`: CityHash64 of each value's bytes folded with `Hash128to64` when every type keeps a value
    /// in one contiguous piece of memory, else SipHash of every value's `updateHashWithValue` bytes.
    private static func combinedHash(_ types: [DataType]) -> @Sendable ([Column], Int) -> UInt32 {
        if types.allSatisfy(isContiguous) {
            return { columns, row in
                var hash: UInt64 = 0
                for (index, column) in columns.enumerated() {
                    let valueHash = rowBytes(column, row).withUnsafeBytes { CityHash64.hash($0) }
                    hash = index == 0 ? valueHash : CityHash64.hash16(valueHash, hash)
                }
                return UInt32(truncatingIfNeeded: hash)
            }
        }
        return { columns, row in
            var hasher = SipHash()
            for column in columns { updateHash(&hasher, column, row) }
            return UInt32(truncatingIfNeeded: hasher.digest128().low)
        }
    }

    /// ClickHouse's `isValueUnambiguouslyRepresentedInContiguousMemoryRegion`: fixed-width values, strings, and
    /// arrays of fixed-width values.
    private static func isContiguous(_ type: DataType) -> Bool {
        switch type.withoutLowCardinality {
        case .nullable, .tuple, .map, .nothing: false
        case .array(let element):
            if case .fixed = element.storageKind, element.withoutLowCardinality != .nothing { true } else { false }
        default: true
        }
    }

    /// The bytes of one fixed-width, string or fixed-width array value (`IColumn::getDataAt`).
    private static func rowBytes(_ column: Column, _ row: Int) -> ArraySlice<UInt8> {
        switch column.type.storageKind {
        case .fixed(let width): return column.data[row * width..<(row + 1) * width]
        case .string: return column.data[column.bounds(of: row)]
        case .array(let element):
            guard case .fixed(let width) = element.storageKind else { return [] }
            let range = column.bounds(of: row)
            return column.children[0].data[range.lowerBound * width..<range.upperBound * width]
        case .nullable, .tuple: return []
        }
    }

    /// `IColumn::updateHashWithValue` of row `row`.
    private static func updateHash(_ hasher: inout SipHash, _ column: Column, _ row: Int) {
        switch column.type.storageKind {
        case .fixed:
            hasher.update(rowBytes(column, row))
        case .string:
            let bytes = rowBytes(column, row)
            hasher.update(littleEndian: UInt64(bytes.count + 1))
            hasher.update(bytes)
            hasher.update(CollectionOfOne(UInt8(0)))
        case .nullable:
            hasher.update(CollectionOfOne(column.nulls[row]))
            if column.nulls[row] == 0 { updateHash(&hasher, column.children[0], row) }
        case .array:
            let range = column.bounds(of: row)
            hasher.update(littleEndian: UInt64(range.count))
            for element in range { updateHash(&hasher, column.children[0], element) }
        case .tuple:
            for child in column.children { updateHash(&hasher, child, row) }
        }
    }
}
