import SHColumns
import SHCore

/// `generateRandom(structure [, seed [, max_string_length [, max_array_length]]])`: an endless stream of
/// random rows with ClickHouse's distributions (printable-ASCII strings of length 0…max, arrays of 0…max
/// elements halving per nesting level, NULL with probability 1/16, raw random bits for numbers).
public struct GenerateRandomSource: ChunkSource {
    public let header: [ColumnDescription]
    private var random: RandomGenerator
    private let maxStringLength: Int
    private let maxArrayLength: Int
    private let blockSize: Int

    public init(
        header: [ColumnDescription], seed: UInt64?, maxStringLength: Int = 10, maxArrayLength: Int = 10,
        blockSize: Int = 65_536
    ) {
        self.header = header
        var system = SystemRandomNumberGenerator()
        self.random = RandomGenerator(
            seed: seed.map { $0 &* 0x2545_F491_4F6C_DD1D ^ 0x5851_F42D_4C95_7F2D } ?? system.next())
        self.maxStringLength = maxStringLength
        self.maxArrayLength = maxArrayLength
        self.blockSize = blockSize
    }

    public mutating func next() throws -> Chunk? {
        var columns: [Column] = []
        for description in header {
            var column = Column(type: description.type)
            fill(&column, rows: blockSize, maxArrayLength: maxArrayLength)
            columns.append(column)
        }
        return Chunk(columns: columns, rowCount: blockSize)
    }

    private mutating func fill(_ column: inout Column, rows: Int, maxArrayLength: Int) {
        switch column.type.storageKind {
        case .fixed(let width):
            fillFixed(&column, rows: rows, width: width)
        case .string:
            fillStrings(&column, rows: rows)
        case .nullable:
            column.nulls.reserveCapacity(rows)
            for _ in 0..<rows { column.nulls.append(random.next() % 16 == 0 ? 1 : 0) }
            fill(&column.children[0], rows: rows, maxArrayLength: maxArrayLength)
        case .array:
            var total = 0
            column.offsets.reserveCapacity(rows)
            for _ in 0..<rows {
                total += random.upTo(maxArrayLength)
                column.offsets.append(UInt64(total))
            }
            fill(&column.children[0], rows: total, maxArrayLength: maxArrayLength / 2)
        case .tuple:
            for index in column.children.indices {
                fill(&column.children[index], rows: rows, maxArrayLength: maxArrayLength)
            }
        }
        column.setCount(column.count + rows)
    }

    /// Printable-ASCII strings, four characters per 64 random bits; written through a buffer sized for the
    /// longest possible strings, then trimmed.
    private mutating func fillStrings(_ column: inout Column, rows: Int) {
        let (bound, overflow) = rows.multipliedReportingOverflow(by: maxStringLength)
        guard !overflow, bound <= 1 << 26 else {
            // Long strings allowed (max_string_length up to 2^30): grow with the strings actually drawn.
            for _ in 0..<rows {
                let length = random.upTo(maxStringLength)
                var bits = random.next()
                for index in 0..<length {
                    if index % 4 == 3 { bits = random.next() }
                    column.data.append(UInt8(32 + ((bits & 0xFFFF) * 95) >> 16))
                    bits >>= 16
                }
                column.offsets.append(UInt64(column.data.count))
            }
            return
        }
        var position = column.data.count
        column.data.append(contentsOf: repeatElement(0, count: rows * maxStringLength))
        var ends = [UInt64]()
        ends.reserveCapacity(rows)
        column.data.withUnsafeMutableBufferPointer { data in
            for _ in 0..<rows {
                let length = random.upTo(maxStringLength)
                var bits = random.next()
                for index in 0..<length {
                    if index % 4 == 3 { bits = random.next() }
                    data[position] = UInt8(32 + ((bits & 0xFFFF) * 95) >> 16)
                    bits >>= 16
                    position += 1
                }
                ends.append(UInt64(position))
            }
        }
        column.data.removeLast(column.data.count - position)
        column.offsets.append(contentsOf: ends)
    }

    private mutating func fillFixed(_ column: inout Column, rows: Int, width: Int) {
        let type = column.type.withoutLowCardinality
        let start = column.data.count
        let total = rows * width
        column.data.append(contentsOf: repeatElement(0, count: total))
        column.data.withUnsafeMutableBytes { data in
            var offset = start
            while offset < start + total {
                let bits = random.next().littleEndian
                let count = min(8, start + total - offset)
                withUnsafeBytes(of: bits) { bytes in
                    data.baseAddress!.advanced(by: offset).copyMemory(from: bytes.baseAddress!, byteCount: count)
                }
                offset += count
            }
        }
        switch type {
        case .bool:
            for index in start..<column.data.count { column.data[index] &= 1 }
        case .dateTime64(let precision, _):
            // Ticks of 0 ..< 2^32 seconds, as ClickHouse generates them.
            let range = UInt64(1 << 32) * UInt64(DataType.ticksPerSecond(precision))
            rewrite(&column.data, from: start, rows: rows, width: 8) { $0 % range }
        case .enum8(let elements), .enum16(let elements):
            // One of the type's values, chosen by the random bits.
            rewrite(&column.data, from: start, rows: rows, width: width) {
                UInt64(bitPattern: Int64(elements[Int($0 % UInt64(elements.count))].value))
            }
        case .date32:
            // Days from 1900-01-01 to 2299-12-31, as ClickHouse generates them.
            rewrite(&column.data, from: start, rows: rows, width: 4) {
                UInt64(truncatingIfNeeded: Int64($0 % 146_097) - 25_567)
            }
        case .decimal(let precision, _) where width == 32:
            let range = WideInteger.powerOfTen(precision)
            for row in 0..<rows {
                let bytes = start + row * 32..<start + (row + 1) * 32
                let random = WideInteger(littleEndian: column.data[bytes], signed: true)
                let value = random.quotientAndRemainder(dividingBy: range)?.remainder ?? .zero
                column.data.replaceSubrange(bytes, with: value.littleEndianBytes(count: 32))
            }
        case .decimal(let precision, _):
            // Values in (-10^P, 10^P): the signed random value's remainder, as ClickHouse generates them.
            let range = DataType.powerOfTen(precision)
            switch width {
            case 4:
                rewrite(&column.data, from: start, rows: rows, width: 4) {
                    UInt64(truncatingIfNeeded: Int32(truncatingIfNeeded: $0) % Int32(range))
                }
            case 8:
                rewrite(&column.data, from: start, rows: rows, width: 8) {
                    UInt64(bitPattern: Int64(bitPattern: $0) % Int64(range))
                }
            default:
                for row in 0..<rows {
                    let base = start + row * 16
                    var bits: Int128 = 0
                    for i in (0..<16).reversed() { bits = bits << 8 | Int128(column.data[base + i]) }
                    var value = bits % range
                    for i in 0..<16 {
                        column.data[base + i] = UInt8(truncatingIfNeeded: value)
                        value >>= 8
                    }
                }
            }
        default: break
        }
    }

    /// Replaces each `width`-byte little-endian random value from byte `start` on by `transform` of it.
    private func rewrite(_ data: inout [UInt8], from start: Int, rows: Int, width: Int, _ transform: (UInt64) -> UInt64)
    {
        for row in 0..<rows {
            let base = start + row * width
            var bits: UInt64 = 0
            for i in (0..<width).reversed() { bits = bits << 8 | UInt64(data[base + i]) }
            var result = transform(bits)
            for i in 0..<width {
                data[base + i] = UInt8(truncatingIfNeeded: result)
                result >>= 8
            }
        }
    }
}

/// `numbers(N)`, `numbers(offset, N)` and `system.numbers`: a column `number UInt64`.
public struct NumbersSource: ChunkSource {
    public let header = [ColumnDescription(name: "number", type: .uint64)]
    private var nextValue: UInt64
    /// The rows still to produce (`nil`: endless); numbers wrap around past UInt64.max, as in ClickHouse.
    private var remaining: UInt64?
    private let blockSize: Int

    public init(offset: UInt64 = 0, count: UInt64?, blockSize: Int = 65_536) {
        self.nextValue = offset
        self.remaining = count
        self.blockSize = blockSize
    }

    public mutating func next() throws -> Chunk? {
        let rows = remaining.map { Int(min(UInt64(blockSize), $0)) } ?? blockSize
        guard rows > 0 else { return nil }
        var column = Column(type: .uint64)
        column.data.reserveCapacity(rows * 8)
        var value = nextValue
        for _ in 0..<rows {
            withUnsafeBytes(of: value.littleEndian) { column.data.append(contentsOf: $0) }
            value &+= 1
        }
        remaining = remaining.map { $0 - UInt64(rows) }
        column.setCount(rows)
        nextValue = value
        return Chunk(columns: [column], rowCount: rows)
    }
}
