import SHCodecs
import SHColumns
import SHCore

/// A number type a sketch keeps samples of, as ClickHouse keeps it in memory and writes it: the argument's native
/// type (`UInt64` for UInt64, `UInt16` for Date, ...).
protocol SketchNumber: Comparable, Sendable {
    /// Row `row` of a fixed-width column of this type.
    static func load(_ column: Column, row: Int) -> Self
    static func read(from reader: inout ByteReader) throws -> Self
    func append(to bytes: inout [UInt8])
    var doubleValue: Double { get }
    /// The value converted straight to Float32 (rounded once, as C++'s `static_cast<Float32>`).
    var floatValue: Float { get }
    var isNaN: Bool { get }
}

extension SketchNumber where Self: FixedWidthInteger {
    static func load(_ column: Column, row: Int) -> Self {
        Self(truncatingIfNeeded: column.rawBits(at: row, width: MemoryLayout<Self>.size))
    }
    static func read(from reader: inout ByteReader) throws -> Self { try reader.read(Self.self) }
    func append(to bytes: inout [UInt8]) { bytes.appendLittleEndian(self) }
    var doubleValue: Double { Double(self) }
    var floatValue: Float { Float(self) }
    var isNaN: Bool { false }
}

extension UInt8: SketchNumber {}
extension UInt16: SketchNumber {}
extension UInt32: SketchNumber {}
extension UInt64: SketchNumber {}
extension Int8: SketchNumber {}
extension Int16: SketchNumber {}
extension Int32: SketchNumber {}
extension Int64: SketchNumber {}

extension Float: SketchNumber {
    static func load(_ column: Column, row: Int) -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: column.rawBits(at: row, width: 4)))
    }
    static func read(from reader: inout ByteReader) throws -> Float { Float(bitPattern: try reader.read(UInt32.self)) }
    func append(to bytes: inout [UInt8]) { bytes.appendLittleEndian(bitPattern) }
    var doubleValue: Double { Double(self) }
    var floatValue: Float { self }
}

extension Double: SketchNumber {
    static func load(_ column: Column, row: Int) -> Double { Double(bitPattern: column.rawBits(at: row, width: 8)) }
    static func read(from reader: inout ByteReader) throws -> Double {
        Double(bitPattern: try reader.read(UInt64.self))
    }
    func append(to bytes: inout [UInt8]) { bytes.appendLittleEndian(bitPattern) }
    var doubleValue: Double { self }
    var floatValue: Float { Float(self) }
}

/// Calls a body generic over the `SketchNumber` that holds values of a number, date or enum type.
enum SketchNumberDispatch {
    /// The sample type of `type` (Date is UInt16, DateTime UInt32, Enum8 Int8, ...); nil for other types.
    static func sampleType(of type: DataType) -> (any SketchNumber.Type)? {
        switch type.withoutLowCardinality {
        case .uint8, .bool: UInt8.self
        case .uint16, .date: UInt16.self
        case .uint32, .dateTime: UInt32.self
        case .uint64: UInt64.self
        case .int8, .enum8: Int8.self
        case .int16, .enum16: Int16.self
        case .int32, .date32: Int32.self
        case .int64: Int64.self
        case .float32: Float.self
        case .float64: Double.self
        default: nil
        }
    }
}
