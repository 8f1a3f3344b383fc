import SHColumns
import SHCore

struct CountState: AggregateState {
    var count: UInt64 = 0
    mutating func add(_ arguments: [Column], row: Int) {
        if let first = arguments.first, first.type.isNullable, first.value(at: row).isNull { return }
        count += 1
    }
    mutating func addAll(_ arguments: [Column], rows: Int) {
        guard let first = arguments.first, first.type.isNullable else {
            count += UInt64(rows)
            return
        }
        for row in 0..<rows where !first.value(at: row).isNull { count += 1 }
    }
    func result() -> Value { .uint(count) }
}

struct SumState: AggregateState {
    let type: DataType
    var signed: Int64 = 0
    var unsigned: UInt64 = 0
    var float: Double = 0
    /// Decimal and Int128 sums, in units of the argument's scale.
    var wide: Int128 = 0
    /// Sums of UInt128, Int256, UInt256 and Decimal256 (wrapped to the result's width at the end).
    var widest = WideInteger.zero
    mutating func add(_ arguments: [Column], row: Int) {
        switch arguments[0].value(at: row) {
        case .int(let v) where type.holdsWideValues: widest = widest + WideInteger(v)
        case .uint(let v) where type.holdsWideValues: widest = widest + WideInteger(v)
        case .int128(let v) where type.holdsWideValues: widest = widest + WideInteger(v)
        case .wide(let v): widest = widest + v
        case .int(let v) where type.isDecimal || type == .int128: wide &+= Int128(v)
        case .uint(let v) where type == .int128: wide &+= Int128(v)
        case .int128(let v): wide &+= v
        case .int(let v): signed &+= v
        case .uint(let v): unsigned &+= v
        case .float(let v): float += v
        default: break
        }
    }
    func result() -> Value {
        switch type {
        case .float64: .float(float + Double(signed) + Double(unsigned))
        case .int64: .int(signed &+ Int64(bitPattern: unsigned))
        case _ where type.holdsWideValues:
            .wide(widest.wrapped(toBytes: type.fixedWidth ?? 32, signed: !type.isUnsignedInteger))
        case .decimal, .int128: .int128(wide)
        default: .uint(unsigned &+ UInt64(bitPattern: signed))
        }
    }
}

struct AvgState: AggregateState {
    /// What the argument's values are divided by (10^scale for decimals, whose values are unscaled).
    var divisor: Double = 1
    /// For 128- and 256-bit arguments: the sum is kept in the argument's type and wraps as in ClickHouse
    /// (its bytes and signedness).
    var wideSum: (bytes: Int, signed: Bool)? = nil
    var sum: Double = 0
    var exactSum = WideInteger.zero
    var count: Double = 0
    mutating func add(_ arguments: [Column], row: Int) {
        let value = arguments[0].value(at: row)
        if wideSum != nil, let integer = value.wideInteger {
            exactSum = exactSum + integer
        } else if let v = value.double {
            sum += v
        } else {
            return
        }
        count += 1
    }
    func result() -> Value {
        guard let (bytes, signed) = wideSum else { return .float(sum / divisor / count) }
        return .float(exactSum.wrapped(toBytes: bytes, signed: signed).double / divisor / count)
    }
}

struct ExtremeState: AggregateState {
    let keepLess: Bool
    let type: DataType
    var best: Value?
    mutating func add(_ arguments: [Column], row: Int) {
        let value = arguments[0].value(at: row)
        if value.isNull { return }
        guard let current = best else {
            best = value
            return
        }
        // A NaN loses against any number, as in ClickHouse (`max` of nan and 1 is 1).
        let c = Value.compare(value, current, nullsLast: keepLess)
        if keepLess ? c < 0 : c > 0 { best = value }
    }
    func result() -> Value { best ?? type.defaultValue }
}

struct AnyState: AggregateState {
    let type: DataType
    var value: Value?
    mutating func add(_ arguments: [Column], row: Int) {
        if value == nil {
            let v = arguments[0].value(at: row)
            if !v.isNull { value = v }
        }
    }
    func result() -> Value { value ?? type.defaultValue }
}

struct UniqExactState: AggregateState {
    var seen: Set<Value> = []
    mutating func add(_ arguments: [Column], row: Int) {
        let values = arguments.map { $0.value(at: row) }
        if values.contains(where: \.isNull) { return }
        seen.insert(values.count == 1 ? values[0] : .tuple(values))
    }
    func result() -> Value { .uint(UInt64(seen.count)) }
}

/// groupArray keeps the collected rows as a column: no per-row values, appends by ranges.
struct GroupArrayState: AggregateState {
    var items: Column?

    private mutating func appendRows(_ column: Column, _ range: Range<Int>) {
        let elements = column.type.isNullable && column.type != .nothing ? column.children[0] : column
        if items == nil { items = Column(type: elements.type) }
        if column.type.isNullable && column.type != .nothing {
            for row in range where column.nulls[row] == 0 {
                items?.append(contentsOf: elements, range: row..<(row + 1))
            }
        } else {
            items?.append(contentsOf: elements, range: range)
        }
    }

    mutating func add(_ arguments: [Column], row: Int) { appendRows(arguments[0], row..<(row + 1)) }
    mutating func addAll(_ arguments: [Column], rows: Int) { appendRows(arguments[0], 0..<rows) }

    func result() -> Value {
        guard let items else { return .array([]) }
        return .array((0..<items.count).map { items.value(at: $0) })
    }

    func resultColumn(type: DataType) -> Column? {
        guard case .array(let element) = type else { return nil }
        let values = items ?? Column(type: element)
        guard values.type == element else { return nil }
        return Column(type: type, count: 1, offsets: [UInt64(values.count)], children: [values])
    }
}

/// The state of `-If`: rows whose condition (the last argument) is 0 or NULL are not added to `inner`.
struct ConditionalState: AggregateState {
    var inner: any AggregateState

    mutating func add(_ arguments: [Column], row: Int) {
        guard let condition = arguments.last, condition.value(at: row).isTrue else { return }
        inner.add(Array(arguments.dropLast()), row: row)
    }

    mutating func addAll(_ arguments: [Column], rows: Int) {
        guard let condition = arguments.last else { return }
        let values = Array(arguments.dropLast())
        for row in 0..<rows where condition.value(at: row).isTrue { inner.add(values, row: row) }
    }

    func result() -> Value { inner.result() }
    func resultColumn(type: DataType) -> Column? { inner.resultColumn(type: type) }
}

struct DistinctState: AggregateState {
    var inner: any AggregateState
    var seen: Set<Value> = []
    mutating func add(_ arguments: [Column], row: Int) {
        let key = Value.tuple(arguments.map { $0.value(at: row) })
        if seen.insert(key).inserted { inner.add(arguments, row: row) }
    }
    func result() -> Value { inner.result() }
}
