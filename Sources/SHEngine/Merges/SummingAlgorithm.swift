import SHColumns
import SHCore

/// SummingMergeTree's merge (ClickHouse's `SummingSortedAlgorithm`): each group of equal sorting key becomes one row
/// whose summed columns hold the sums of the group's values (wrapping around on overflow, ClickHouse's
/// `sumWithOverflow`; NULLs skipped), whose aggregate-function columns combine the group's states or values with their
/// functions (`AggregateColumnMerger`) and whose other columns keep the first row's values. A row whose sums are all
/// zero (or NULL) is dropped, when there is anything to sum and no aggregate-function column.
struct SummingAlgorithm: MergeAlgorithm {
    /// The column indices summed, with how.
    private let summed: [(column: Int, kind: SummableKind)]
    private var first: RowReference?
    private var sums: [Sum] = []

    /// `AggregateFunction` and `SimpleAggregateFunction` columns, combined with their functions.
    private var aggregates: [AggregateColumnMerger]

    /// `columns`: the indices of the summed columns, each of a type for which `SummableKind(type)` is not nil;
    /// `aggregates`: the aggregate-function columns to combine.
    init(columns: [Int], types: [DataType], aggregates: [AggregateColumnMerger] = []) {
        summed = columns.compactMap { index in SummableKind(types[index]).map { (index, $0) } }
        self.aggregates = aggregates
    }

    mutating func consume(_ chunk: Chunk, groupStarts: [Bool], into output: inout MergedRows) throws {
        for row in 0..<chunk.rowCount {
            if groupStarts[row] {
                emit(into: &output)
                first = RowReference(chunk: chunk, row: row)
                sums = summed.map { Sum(kind: $0.kind) }
                for index in aggregates.indices { aggregates[index].start() }
            }
            for index in summed.indices { sums[index].add(chunk.columns[summed[index].column], row: row) }
            for index in aggregates.indices { try aggregates[index].add(chunk, row: row) }
        }
    }

    mutating func finish(into output: inout MergedRows) throws { emit(into: &output) }

    private mutating func emit(into output: inout MergedRows) {
        guard let first else { return }
        self.first = nil
        // A row with an aggregate-function column is never "zero" (ClickHouse's `SummingSortedAlgorithm`).
        if !summed.isEmpty, aggregates.isEmpty, sums.allSatisfy(\.isZero) { return }
        var row = first.chunk.columns.map { $0.slice(first.row..<(first.row + 1)) }
        for (index, item) in summed.enumerated() { row[item.column] = sums[index].column(type: row[item.column].type) }
        for aggregate in aggregates { row[aggregate.column] = aggregate.result(type: row[aggregate.column].type) }
        output.append(row: row)
    }
}

/// How a column's values are summed; nil for types ClickHouse does not sum (`IDataType::isSummable`: numbers and
/// decimals, also inside Nullable or LowCardinality; not dates, enums, strings or arrays).
struct SummableKind {
    enum Representation {
        case integer(width: Int)
        /// 16 bytes (Int128, UInt128, Decimal128: two's complement sums wrap alike) and 32 bytes (Int256, UInt256,
        /// Decimal256).
        case int128, int256, float32, float64
    }
    let representation: Representation
    let nullable: Bool

    init?(_ type: DataType) {
        // Aggregate-function columns are combined with their own functions, not summed.
        guard !type.isAggregateFunction else { return nil }
        var inner = type.withoutLowCardinality
        var nullable = false
        if case .nullable(let wrapped) = inner {
            inner = wrapped
            nullable = true
        }
        switch inner {
        case .int8, .uint8, .bool: representation = .integer(width: 1)
        case .int16, .uint16: representation = .integer(width: 2)
        case .int32, .uint32: representation = .integer(width: 4)
        case .int64, .uint64: representation = .integer(width: 8)
        case .int128, .uint128: representation = .int128
        case .int256, .uint256: representation = .int256
        case .float32: representation = .float32
        case .float64: representation = .float64
        case .decimal(let precision, _):
            let width = DataType.decimalWidth(precision)
            representation = width == 32 ? .int256 : width == 16 ? .int128 : .integer(width: width)
        default: return nil
        }
        self.nullable = nullable
    }
}

/// A running sum of one column.
private struct Sum {
    let kind: SummableKind
    private var bits: UInt64 = 0
    private var wide: Int128 = 0
    private var widest = WideInteger.zero
    private var float: Float = 0
    private var double: Double = 0
    private var hasValue = false

    init(kind: SummableKind) { self.kind = kind }

    mutating func add(_ column: Column, row: Int) {
        var values = column
        if kind.nullable {
            guard column.nulls[row] == 0 else { return }
            values = column.children[0]
        }
        hasValue = true
        switch kind.representation {
        case .integer(let width): bits = bits &+ values.rawBits(at: row, width: width)
        case .int128: wide = wide &+ values.int128(at: row)
        case .int256:
            widest = widest + WideInteger(littleEndian: values.data[row * 32..<(row + 1) * 32], signed: false)
        case .float32: float += Float(bitPattern: UInt32(truncatingIfNeeded: values.rawBits(at: row, width: 4)))
        case .float64: double += Double(bitPattern: values.rawBits(at: row, width: 8))
        }
    }

    /// Whether the sum is the type's default (ClickHouse's `isDefaultAt`): NULL for a Nullable column, else zero.
    var isZero: Bool {
        if kind.nullable { return !hasValue }
        guard hasValue else { return true }
        switch kind.representation {
        case .integer(let width): return width == 8 ? bits == 0 : bits & ((1 << UInt64(width * 8)) - 1) == 0
        case .int128: return wide == 0
        case .int256: return widest.wrapped(toBytes: 32, signed: false).isZero
        case .float32: return float == 0
        case .float64: return double == 0
        }
    }

    /// The sum as a one-row column of `type`.
    func column(type: DataType) -> Column {
        if kind.nullable, !hasValue { return Column(type: type, values: [.null]) }
        var raw: UInt64
        var width: Int
        var high: UInt64? = nil
        switch kind.representation {
        case .integer(let w):
            raw = bits
            width = w
        case .int128:
            raw = UInt64(truncatingIfNeeded: wide)
            high = UInt64(truncatingIfNeeded: wide >> 64)
            width = 8
        case .int256:
            (raw, width) = (0, 0)
        case .float32:
            raw = UInt64(float.bitPattern)
            width = 4
        case .float64:
            raw = double.bitPattern
            width = 8
        }
        var data: [UInt8] = []
        if case .int256 = kind.representation {
            data = widest.littleEndianBytes(count: 32)
            width = 0
        }
        for word in [raw] + (high.map { [$0] } ?? []) where width > 0 {
            var value = word
            for _ in 0..<width {
                data.append(UInt8(truncatingIfNeeded: value))
                value >>= 8
            }
        }
        guard kind.nullable, case .nullable(let inner) = type.withoutLowCardinality else {
            return Column(type: type, count: 1, data: data)
        }
        return Column(
            type: type, count: 1, nulls: [0], children: [Column(type: inner, count: 1, data: data)])
    }
}
