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
    mutating func add(_ arguments: [Column], row: Int) {
        switch arguments[0].value(at: row) {
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
        default: .uint(unsigned &+ UInt64(bitPattern: signed))
        }
    }
}

struct AvgState: AggregateState {
    var sum: Double = 0
    var count: Double = 0
    mutating func add(_ arguments: [Column], row: Int) {
        guard let v = arguments[0].value(at: row).double else { return }
        sum += v
        count += 1
    }
    func result() -> Value { .float(sum / count) }
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
        let c = Value.compare(value, current)
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

struct GroupArrayState: AggregateState {
    var items: [Value] = []
    mutating func add(_ arguments: [Column], row: Int) {
        let value = arguments[0].value(at: row)
        if !value.isNull { items.append(value) }
    }
    func result() -> Value { .array(items) }
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
