import SHCore

extension Column {
    /// Appends one value, converted to the column's type (numbers are truncated to the width, as a cast would).
    public mutating func append(_ value: Value) {
        count += 1
        switch type.storageKind {
        case .fixed(let width):
            appendFixed(value, width: width)
        case .string:
            if case .string(let bytes) = value { data.append(contentsOf: bytes) }
            offsets.append(UInt64(data.count))
        case .nullable:
            nulls.append(value.isNull ? 1 : 0)
            children[0].append(value.isNull ? children[0].type.defaultValue : value)
        case .array:
            if case .array(let items) = value {
                for item in items { children[0].append(item) }
            }
            offsets.append(UInt64(children[0].count))
        case .tuple:
            let items: [Value] = if case .tuple(let items) = value { items } else { [] }
            for index in children.indices {
                children[index].append(index < items.count ? items[index] : children[index].type.defaultValue)
            }
        }
    }

    private mutating func appendFixed(_ value: Value, width: Int) {
        switch type.withoutLowCardinality {
        case .float32:
            appendLittleEndian(UInt64(Float(value.double ?? 0).bitPattern), width: 4)
        case .float64:
            appendLittleEndian((value.double ?? 0).bitPattern, width: 8)
        case .uuid:
            if case .uuid(let high, let low) = value {
                appendLittleEndian(high, width: 8)
                appendLittleEndian(low, width: 8)
            } else {
                data.append(contentsOf: repeatElement(0, count: 16))
            }
        case .fixedString, .ipv6:
            let n = width
            let bytes: [UInt8] = if case .string(let b) = value { b } else { [] }
            data.append(contentsOf: bytes.prefix(n))
            if bytes.count < n { data.append(contentsOf: repeatElement(0, count: n - bytes.count)) }
        case .bool:
            data.append(value.isTrue ? 1 : 0)
        case .decimal where width == 16, .int128:
            let integer = value.wideInteger ?? value.double.flatMap { WideInteger(clickHouseConverting: $0) } ?? .zero
            let v = value.int128 ?? integer.wrapped(toBytes: 16, signed: true).int128 ?? 0
            appendLittleEndian(UInt64(truncatingIfNeeded: v), width: 8)
            appendLittleEndian(UInt64(truncatingIfNeeded: v >> 64), width: 8)
        case .decimal, .uint128, .int256, .uint256:
            // A float truncates toward zero, as a cast does; other integers wrap to the width.
            let integer = value.wideInteger ?? value.double.flatMap { WideInteger(clickHouseConverting: $0) } ?? .zero
            data.append(contentsOf: integer.littleEndianBytes(count: width))
        default:
            let bits: UInt64 =
                switch value {
                case .int(let v): UInt64(bitPattern: v)
                case .uint(let v): v
                case .int128(let v): UInt64(truncatingIfNeeded: v)
                case .float(let v):
                    v.isFinite ? UInt64(bitPattern: Int64(clamping: Int(exactly: v.rounded(.towardZero)) ?? 0)) : 0
                default: 0
                }
            appendLittleEndian(bits, width: width)
        }
    }

    @inline(__always)
    private mutating func appendLittleEndian(_ bits: UInt64, width: Int) {
        var v = bits
        for _ in 0..<width {
            data.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// The value of row `row`.
    public func value(at row: Int) -> Value {
        switch type.storageKind {
        case .fixed(let width):
            return fixedValue(at: row, width: width)
        case .string:
            return .string(Array(data[bounds(of: row)]))
        case .nullable:
            return nulls[row] != 0 ? .null : children[0].value(at: row)
        case .array:
            return .array(bounds(of: row).map { children[0].value(at: $0) })
        case .tuple:
            return .tuple(children.map { $0.value(at: row) })
        }
    }

    /// Reads `width` little-endian bytes of row `row` as an unsigned integer.
    @inline(__always)
    public func rawBits(at row: Int, width: Int) -> UInt64 {
        var v: UInt64 = 0
        let base = row * width
        for i in (0..<min(width, 8)).reversed() { v = (v << 8) | UInt64(data[base + i]) }
        return v
    }

    /// Row `row` of a 16-byte column as a signed 128-bit integer (little-endian: low half first).
    public func int128(at row: Int) -> Int128 {
        Int128(Int64(bitPattern: rawBits(at: row * 2 + 1, width: 8))) << 64 | Int128(rawBits(at: row * 2, width: 8))
    }

    private func fixedValue(at row: Int, width: Int) -> Value {
        switch type.withoutLowCardinality {
        case .int8, .enum8: .int(Int64(Int8(truncatingIfNeeded: rawBits(at: row, width: 1))))
        case .int16, .enum16: .int(Int64(Int16(truncatingIfNeeded: rawBits(at: row, width: 2))))
        case .int32, .date32: .int(Int64(Int32(truncatingIfNeeded: rawBits(at: row, width: 4))))
        case .int64, .dateTime64: .int(Int64(bitPattern: rawBits(at: row, width: 8)))
        case .float32: .float(Double(Float(bitPattern: UInt32(truncatingIfNeeded: rawBits(at: row, width: 4)))))
        case .float64: .float(Double(bitPattern: rawBits(at: row, width: 8)))
        case .uuid:
            .uuid(high: rawBits(at: row * 2, width: 8), low: rawBits(at: row * 2 + 1, width: 8))
        case .fixedString, .ipv6: .string(Array(data[row * width..<(row + 1) * width]))
        case .decimal:
            switch width {
            case 4: .int(Int64(Int32(truncatingIfNeeded: rawBits(at: row, width: 4))))
            case 8: .int(Int64(bitPattern: rawBits(at: row, width: 8)))
            case 16: .int128(int128(at: row))
            default: .wide(WideInteger(littleEndian: data[row * width..<(row + 1) * width], signed: true))
            }
        case .int128: .int128(int128(at: row))
        case .uint128, .int256, .uint256:
            .wide(
                WideInteger(
                    littleEndian: data[row * width..<(row + 1) * width], signed: type.withoutLowCardinality == .int256))
        case .nothing: .null
        default: .uint(rawBits(at: row, width: width))
        }
    }
}

extension DataType {
    /// The value a column of this type holds by default (`0`, `''`, `[]`, NULL for Nullable).
    public var defaultValue: Value {
        switch self {
        case .nullable, .nothing: .null
        case .string, .fixedString: .string([])
        case .ipv6: .string(Array(repeating: 0, count: 16))
        case .array, .map: .array([])
        case .tuple(let items, _): .tuple(items.map(\.defaultValue))
        case .lowCardinality(let inner), .simpleAggregateFunction(_, let inner): inner.defaultValue
        // No bytes: a fresh state, which part writers write as the function's empty state.
        case .aggregateFunction: .string([])
        case .float32, .float64: .float(0)
        case .int8, .int16, .int32, .int64, .dateTime64, .date32: .int(0)
        case .uuid: .uuid(high: 0, low: 0)
        case .decimal(let precision, _):
            switch DataType.decimalWidth(precision) {
            case 16: .int128(0)
            case 32: .wide(.zero)
            default: .int(0)
            }
        case .int128: .int128(0)
        case .uint128, .int256, .uint256: .wide(.zero)
        case .enum8(let elements), .enum16(let elements): .int(Int64(elements.first?.value ?? 0))
        default: .uint(0)
        }
    }
}
