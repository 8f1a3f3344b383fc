import SHCodecs
import SHColumns
import SHCore

/// How aggregate states write values: ClickHouse's `serializeBinary` of a type (RowBinary: fixed-width values as
/// their little-endian bytes, strings as a VarUInt length and the bytes, arrays and maps as a VarUInt count and the
/// elements, tuples element by element, Nullable as a null byte then the value).
enum StateValueCodec {
    /// Appends `value` of `type` in ClickHouse's `serializeBinary` form.
    static func write(_ value: Value, type: DataType, into bytes: inout [UInt8]) {
        switch type.withoutLowCardinality {
        case .string:
            let text: [UInt8] = if case .string(let b) = value { b } else { [] }
            bytes.appendStringBinary(text)
        case .nullable(let inner):
            bytes.append(value.isNull ? 1 : 0)
            if !value.isNull { write(value, type: inner, into: &bytes) }
        case .array(let element):
            let items: [Value] = if case .array(let items) = value { items } else { [] }
            VarUInt.write(UInt64(items.count), to: &bytes)
            for item in items { write(item, type: element, into: &bytes) }
        case .map:
            write(value, type: type.withoutLowCardinality.mapEntries ?? .nothing, into: &bytes)
        case .tuple(let elements, _):
            let items: [Value] = if case .tuple(let items) = value { items } else { [] }
            for (index, element) in elements.enumerated() {
                write(index < items.count ? items[index] : element.defaultValue, type: element, into: &bytes)
            }
        case .nothing:
            break
        case let base:
            bytes.append(contentsOf: Column(type: base, values: [value]).data)
        }
    }

    /// Reads a value of `type` written by `write`; bytes that do not hold one throw, counts are bounded by the
    /// bytes left.
    static func read(type: DataType, from reader: inout ByteReader) throws -> Value {
        switch type.withoutLowCardinality {
        case .string:
            return .string(Array(try reader.readStringBinary()))
        case .nullable(let inner):
            return try reader.read(UInt8.self) != 0 ? .null : try read(type: inner, from: &reader)
        case .array(let element):
            let count = try reader.readCount(elementSize: 1, what: "array size in an aggregate state")
            var items: [Value] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try read(type: element, from: &reader)) }
            return .array(items)
        case .map:
            return try read(type: type.withoutLowCardinality.mapEntries ?? .nothing, from: &reader)
        case .tuple(let elements, _):
            return .tuple(try elements.map { try read(type: $0, from: &reader) })
        case .nothing:
            return .null
        case let base:
            guard let width = base.fixedWidth else {
                throw DatabaseError(.notImplemented, "Aggregate states with values of type \(type) are not supported")
            }
            let bytes = Array(try reader.readBytes(width))
            return Column(type: base, count: 1, data: bytes).value(at: 0)
        }
    }
}

/// ClickHouse's `SingleValueData`: an optional value of one type, as `min`, `max`, `any`, `anyLast` and both halves
/// of `argMin`/`argMax` keep it. Strings are written as an Int32 size counting a terminating zero byte, then the
/// bytes and the zero (-1: no value); every other type as a has-value byte, then the value in `serializeBinary` form.
struct SingleValue: Sendable {
    let type: DataType
    var value: Value?

    init(type: DataType) { self.type = type.withoutLowCardinality }

    private var isString: Bool { type == .string }

    func serialize(into bytes: inout [UInt8]) {
        if isString {
            guard case .string(let text) = value else {
                bytes.appendLittleEndian(Int32(-1))
                return
            }
            bytes.appendLittleEndian(Int32(truncatingIfNeeded: text.count + 1))
            bytes.append(contentsOf: text)
            bytes.append(0)
            return
        }
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        StateValueCodec.write(value, type: type, into: &bytes)
    }

    mutating func deserialize(from reader: inout ByteReader) throws {
        if isString {
            let size = try reader.read(Int32.self)
            guard size >= 0 else {
                value = nil
                return
            }
            let bytes = try reader.readBytes(Int(size))
            value = .string(Array(bytes.dropLast(bytes.last == 0 ? 1 : 0)))
            return
        }
        value = try reader.read(UInt8.self) != 0 ? try StateValueCodec.read(type: type, from: &reader) : nil
    }

    /// Whether `candidate` orders before (`less`) or after the kept value; true when there is none.
    func isBetter(_ candidate: Value, less: Bool) -> Bool {
        guard let value else { return true }
        let order = Value.compare(candidate, value, nullsLast: less)
        return less ? order < 0 : order > 0
    }
}
