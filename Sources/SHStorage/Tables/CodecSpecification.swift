import SHCodecs
import SHCore
import SHSQL

/// Maps a column's `CODEC(...)` to the codecs SwiftHouse writes its streams with: NONE, LZ4, LZ4HC(n), ZSTD(n),
/// Delta(n), DoubleDelta, Gorilla, GCD, T64, FPC(level) and chains of them (`CODEC(Delta(8), ZSTD(3))` is
/// `.multiple([.delta(width: 8), .zstd(level: 3)])`).
///
/// The value-specific codecs (Delta, DoubleDelta, Gorilla, GCD, T64, FPC) take their width or type from the type of
/// the values. As in ClickHouse they apply only to the stream of a column's fixed-width values (a Nullable or Array
/// column's values too); its other streams (null map, array sizes) and LowCardinality, Tuple and Map columns get the
/// chain's generic codecs alone. A codec SwiftHouse does not write (encryption, FPC above level 22…) leaves the
/// column to the table's default codec.
enum CodecSpecification {
    static func writable(_ codecs: [Expression], type: DataType) -> ColumnCodecs? {
        guard let values = chain(codecs, type: valueType(type)) else { return nil }
        return ColumnCodecs(values: values, others: chain(codecs, type: .string))
    }

    /// The chain for a stream of `type` values: value-specific codecs are dropped unless the type is plain
    /// fixed-width; nil when nothing is left or a codec is not written by SwiftHouse.
    private static func chain(_ codecs: [Expression], type: DataType) -> CompressionCodec? {
        var chain: [CompressionCodec] = []
        let plain = isPlainFixedWidth(type)
        for expression in codecs {
            if !plain, let name = name(of: expression), valueSpecificNames.contains(name.uppercased()) { continue }
            guard let codec = codec(expression, type: type) else { return nil }
            chain.append(codec)
        }
        switch chain.count {
        case 0: return nil
        case 1: return chain[0]
        default: return chain.count <= 255 ? .multiple(chain) : nil
        }
    }

    private static let valueSpecificNames: Set<String> = ["DELTA", "DOUBLEDELTA", "GORILLA", "GCD", "T64", "FPC"]

    private static func name(of expression: Expression) -> String? {
        switch expression {
        case .identifier(let parts) where parts.count == 1: parts[0]
        case .function(let call): call.name
        default: nil
        }
    }

    /// The type of the values in the stream named after the column: Nullable and Array unwrapped (the null map and
    /// sizes are other streams); LowCardinality columns' stream holds dictionary indexes, not values.
    private static func valueType(_ type: DataType) -> DataType {
        switch type {
        case .nullable(let inner), .array(let inner): valueType(inner)
        default: type
        }
    }

    private static func codec(_ expression: Expression, type: DataType) -> CompressionCodec? {
        let name: String
        var argument: Literal?
        switch expression {
        case .identifier(let parts) where parts.count == 1:
            name = parts[0]
        case .function(let call):
            name = call.name
            guard call.arguments.count <= 1 else { return nil }
            if let first = call.arguments.first {
                guard case .literal(let literal) = first else { return nil }
                argument = literal
            }
        default:
            return nil
        }
        var number: Int?
        if case .unsignedInteger(let value)? = argument { number = Int(exactly: value) }
        let width = type.fixedWidth
        switch name.uppercased() {
        case "NONE": return CompressionCodec.none
        case "LZ4": return .lz4
        case "LZ4HC": return .lz4hc(level: number ?? 9)
        case "ZSTD": return .zstd(level: number ?? 1)
        case "DELTA":
            guard let width = number ?? width, [1, 2, 4, 8].contains(width) else { return nil }
            return .delta(width: width)
        case "DOUBLEDELTA":
            guard let width = number ?? width, [1, 2, 4, 8].contains(width) else { return nil }
            return .doubleDelta(width: width)
        case "GORILLA":
            guard let width = number ?? width, [1, 2, 4, 8].contains(width) else { return nil }
            return .gorilla(width: width)
        case "GCD":
            guard argument == nil, let width, [1, 2, 4, 8, 16].contains(width), isIntegerLike(type) else { return nil }
            return .gcd(width: width, signed: isSigned(type))
        case "FPC":
            let level = number ?? 12
            let floatWidth: Int? =
                switch type {
                case .float32: 4
                case .float64: 8
                default: nil
                }
            guard let floatWidth, (1...22).contains(level) else { return nil }
            return .fpc(width: floatWidth, level: level)
        case "T64":
            var variant = T64Codec.Variant.byte
            if case .string(let text)? = argument {
                guard text == "bit" || text == "byte" else { return nil }
                variant = text == "bit" ? .bit : .byte
            } else if argument != nil {
                return nil
            }
            guard let valueType = t64Type(type) else { return nil }
            return .t64(valueType, variant)
        default:
            return nil
        }
    }

    /// Types whose whole data is one stream of fixed-width values (what Delta, T64… may transform).
    private static func isPlainFixedWidth(_ type: DataType) -> Bool {
        switch type {
        case .nullable, .array, .tuple, .lowCardinality, .map, .string, .nothing: false
        default: type.fixedWidth != nil
        }
    }

    /// The types ClickHouse's GCD accepts: integers, decimals, dates and times.
    private static func isIntegerLike(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .decimal, .date, .date32, .dateTime,
            .dateTime64:
            true
        default: false
        }
    }

    /// Whether GCD divides the type's values as signed integers.
    private static func isSigned(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .decimal, .date32, .dateTime64: true
        default: false
        }
    }

    /// The T64 type number of a column type; nil for types T64 does not encode.
    private static func t64Type(_ type: DataType) -> T64Codec.ValueType? {
        switch type {
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .uint8, .bool: .uint8
        case .uint16: .uint16
        case .uint32: .uint32
        case .uint64: .uint64
        case .date: .date
        case .date32: .date32
        case .dateTime: .dateTime
        case .dateTime64: .dateTime64
        case .enum8: .enum8
        case .enum16: .enum16
        case .ipv4: .ipv4
        case .decimal(let precision, _):
            switch DataType.decimalWidth(precision) {
            case 4: .decimal32
            case 8: .decimal64
            default: nil
            }
        default: nil
        }
    }
}
