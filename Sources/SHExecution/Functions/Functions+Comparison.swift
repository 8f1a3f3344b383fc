import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerComparison() {
        // The outcome for a comparison's result; `nil` (a NaN, unordered) is only "not equal".
        let comparisons: [(String, @Sendable (Int?) -> Bool)] = [
            ("equals", { $0 == 0 }), ("notEquals", { $0 != 0 }), ("less", { $0.map { $0 < 0 } ?? false }),
            ("greater", { $0.map { $0 > 0 } ?? false }), ("lessOrEquals", { $0.map { $0 <= 0 } ?? false }),
            ("greaterOrEquals", { $0.map { $0 >= 0 } ?? false }),
        ]
        for (name, test) in comparisons {
            register(name) { types, constants, _ in
                try expectArguments(name, types, 2...2)
                try checkComparable(types[0], types[1], name)
                try checkStringOperand(types, constants, name)
                if types[0] == types[1], !types[0].isNullable, !types[0].isNumber, !types[0].isTuple {
                    // Same non-numeric types (not tuples, which may hold NaNs): compare the columns directly.
                    return ScalarOverload(returnType: .uint8) { columns, rows in
                        var result = Column(type: .uint8)
                        result.data.reserveCapacity(rows)
                        for row in 0..<rows {
                            let outcome =
                                switch name {
                                case "equals": columns[0].rowEquals(row, to: columns[1], row: row)
                                case "notEquals": !columns[0].rowEquals(row, to: columns[1], row: row)
                                default: test(columns[0].compareRow(row, to: columns[1], row: row))
                                }
                            result.data.append(outcome ? 1 : 0)
                        }
                        result.setCount(rows)
                        return result
                    }
                }
                if let targets = tupleElementTargets(types[0], types[1]) {
                    // Tuples element by element: a string element compared with a date element is read as a date
                    // (`(d, 1) = ('2020-01-01', 1)`); other elements compare as they are.
                    let sources = [types[0], types[1]].map { type -> [DataType] in
                        if case .tuple(let elements, _) = type.removingNullable.withoutLowCardinality {
                            elements
                        } else {
                            []
                        }
                    }
                    return .rowwise(DataType.uint8.nullable(if: types)) { args in
                        guard case .tuple(var left) = args[0], case .tuple(var right) = args[1] else {
                            return .uint(test(Value.sqlCompare(args[0], args[1])) ? 1 : 0)
                        }
                        for (index, target) in targets.enumerated() {
                            guard let target, index < left.count, index < right.count else { continue }
                            if !left[index].isNull {
                                left[index] = try Conversion.convert(left[index], from: sources[0][index], to: target)
                            }
                            if !right[index].isNull {
                                right[index] = try Conversion.convert(right[index], from: sources[1][index], to: target)
                            }
                        }
                        return .uint(test(Value.sqlCompare(.tuple(left), .tuple(right))) ? 1 : 0)
                    }
                }
                if let target = comparisonType(types[0], types[1]) {
                    // Both sides converted to one type first (a DateTime64 and a string or a DateTime).
                    let sources = types.map { $0.removingNullable.withoutLowCardinality }
                    return .rowwise(DataType.uint8.nullable(if: types)) { args in
                        let a = try Conversion.convert(args[0], from: sources[0], to: target)
                        let b = try Conversion.convert(args[1], from: sources[1], to: target)
                        return .uint(test(Value.compare(a, b)) ? 1 : 0)
                    }
                }
                return .rowwise(DataType.uint8.nullable(if: types)) { args in
                    // A NaN is unordered, as in IEEE 754 (only `!=` holds), also inside tuples; arrays compare
                    // NaN with the sort order instead, as ClickHouse does.
                    .uint(test(Value.sqlCompare(args[0], args[1])) ? 1 : 0)
                }
            }
        }
        for (name, negated) in [("in", false), ("notIn", true)] {
            register(name) { types, constants, _ in
                try expectArguments(name, types, 2...2)
                let set: [Value] =
                    switch constants[1] {
                    case .tuple(let items)?, .array(let items)?: items
                    case let value?: [value]
                    case nil:
                        throw DatabaseError(.illegalColumn, "Second argument for function \(name) must be a constant")
                    }
                var items = set
                let left = types[0].removingNullable.withoutLowCardinality
                if left.convertsComparedConstants {
                    // The constants are brought to the left side's type (`d IN (1.5, '2')` for a Decimal `d`).
                    let itemTypes: [DataType] =
                        if case .tuple(let elements, _) = types[1] { elements } else { [types[1]] }
                    // Constants that are not values of the type (an unknown Enum name) cannot match: dropped;
                    // a string that is not a date or time is an error, as in ClickHouse.
                    items = try set.enumerated().compactMap { index, item in
                        guard !item.isNull else { return item }
                        let from = itemTypes[min(index, itemTypes.count - 1)].removingNullable
                        do {
                            return try Conversion.convert(item, from: from, to: left)
                        } catch let error as DatabaseError where left.isDateOrTime {
                            throw error
                        } catch {
                            return nil
                        }
                    }
                }
                let lookup = Set(items.map(HashableNumber.init))
                return .rowwise(.uint8, nullPropagating: false) { args in
                    let found = lookup.contains(HashableNumber(args[0]))
                    return .uint(found != negated ? 1 : 0)
                }
            }
        }
    }
}

private func checkComparable(_ a: DataType, _ b: DataType, _ name: String) throws {
    let x = a.removingNullable.withoutLowCardinality
    let y = b.removingNullable.withoutLowCardinality
    let xString = x == .string || { if case .fixedString = x { true } else { false } }()
    let yString = y == .string || { if case .fixedString = y { true } else { false } }()
    // A Date or Date32 is not compared with a number (ClickHouse: `toDate('2024-01-01') > 5` is an error).
    let xDate = x == .date || x == .date32
    let yDate = y == .date || y == .date32
    // Nor a date or time with a Decimal, nor an array or a tuple with something else.
    // (DateTime64 is a decimal itself and compares with one.)
    let xTime = x.isDateOrTime && !x.isDateTime64
    let yTime = y.isDateOrTime && !y.isDateTime64
    let shapes =
        x != .nothing && y != .nothing && !xString && !yString && (x.isArray != y.isArray || x.isTuple != y.isTuple)
    if (xString && y.isNumber) || (yString && x.isNumber) || (xDate && y.isNumber) || (yDate && x.isNumber)
        || (xTime && y.isDecimal) || (yTime && x.isDecimal) || shapes
    {
        throw DatabaseError(
            .illegalTypeOfArgument,
            "Illegal types of arguments (\(a), \(b)) of function \(name)")
    }
}

/// ClickHouse reads a String as a Date, Date32, DateTime, DateTime64 or UUID only when it is a constant (a literal
/// or a constant expression); a String column compared with one of them is an error, not a conversion per row.
private func checkStringOperand(_ types: [DataType], _ constants: [Value?], _ name: String) throws {
    let x = types[0].removingNullable.withoutLowCardinality
    let y = types[1].removingNullable.withoutLowCardinality
    for (value, other, index) in [(x, y, 0), (y, x, 1)] where value.isString {
        guard constants[index] == nil else { continue }
        switch other {
        case .date, .date32, .dateTime, .uuid:
            throw DatabaseError(
                .noCommonType,
                "There is no supertype for types \(other), \(value) because some of them are String/FixedString/Enum and some of them are not"
            )
        case .dateTime64:
            throw DatabaseError(.illegalTypeOfArgument, "No operation \(name) between \(other) and \(value)")
        default: continue
        }
    }
}

extension DataType {
    /// Types whose values need the other side converted before a comparison or `IN` (`d IN ('2024-01-01')`).
    var convertsComparedConstants: Bool {
        switch self {
        case .decimal, .dateTime64, .date32, .date, .dateTime, .uuid, .enum8, .enum16, .ipv4, .ipv6: true
        default: false
        }
    }

    /// Date, Date32, DateTime or DateTime64.
    var isDateOrTime: Bool {
        switch self {
        case .date, .date32, .dateTime, .dateTime64: true
        default: false
        }
    }
}

/// For two tuples of one size whose elements need converting before they compare (a date and a string), the
/// type each element pair is converted to (`nil` where the elements compare as they are); `nil` otherwise.
private func tupleElementTargets(_ a: DataType, _ b: DataType) -> [DataType?]? {
    guard case .tuple(let p, _) = a.removingNullable.withoutLowCardinality,
        case .tuple(let q, _) = b.removingNullable.withoutLowCardinality, p.count == q.count
    else { return nil }
    let targets = zip(p, q).map { comparisonType($0, $1) }
    return targets.contains { $0 != nil } ? targets : nil
}

/// The type both sides of a comparison are converted to when their values are not comparable as they are.
private func comparisonType(_ a: DataType, _ b: DataType) -> DataType? {
    let x = a.removingNullable.withoutLowCardinality
    let y = b.removingNullable.withoutLowCardinality
    guard x != y else { return nil }
    switch (x, y) {
    case (.dateTime64(let p, let zone), .dateTime64(let q, _)): return .dateTime64(max(p, q), timeZone: zone)
    case (.dateTime64, _): return x
    case (_, .dateTime64): return y
    case (.date32, .dateTime), (.dateTime, .date32): return .dateTime64(0, timeZone: nil)
    case (.enum8, .string), (.enum16, .string), (.ipv4, .string), (.ipv6, .string), (.ipv6, .ipv4): return x
    case (.string, .ipv4), (.string, .ipv6), (.ipv4, .ipv6): return y
    case (.string, .enum8), (.string, .enum16): return y
    case (.date32, .date), (.date32, .string): return x
    case (.date, .date32), (.string, .date32): return y
    // A string compared with a Date, DateTime or UUID is read as a value of that type (ClickHouse's rule:
    // `d <= '2021-06-01 12:00:00'` compares times, not the day number with text).
    case (.date, .string), (.dateTime, .string), (.uuid, .string), (.date, .fixedString), (.dateTime, .fixedString),
        (.date32, .fixedString), (.uuid, .fixedString):
        return x
    case (.string, .date), (.string, .dateTime), (.string, .uuid), (.fixedString, .date), (.fixedString, .dateTime),
        (.fixedString, .date32), (.fixedString, .uuid):
        return y
    case (.date, .dateTime): return y
    case (.dateTime, .date): return x
    case (.decimal(_, let s), .decimal(_, let t)): return .decimal(precision: 38, scale: max(s, t))
    case (.decimal, _), (_, .decimal):
        let (decimal, other) = x.isDecimal ? (x, y) : (y, x)
        guard case .decimal(_, let scale) = decimal else { return nil }
        if other.isFloat { return .float64 }
        return other.isInteger ? .decimal(precision: 38, scale: scale) : decimal
    default: return nil
    }
}

/// A value normalised so that numbers of different kinds hash alike (`1` as Int and as UInt).
struct HashableNumber: Hashable {
    let value: Value
    init(_ value: Value) {
        switch value {
        case .int(let v) where v >= 0: self.value = .uint(UInt64(v))
        case .float(let v) where v >= 0 && v == v.rounded() && v < 1.8e19: self.value = .uint(UInt64(v))
        case .float(let v) where v < 0 && v == v.rounded() && v > -9.2e18: self.value = .int(Int64(v))
        // 128- and 256-bit integers as the narrowest kind that holds them.
        case .int128, .wide:
            let integer = value.wideInteger ?? .zero
            self.value = integer.uint64.map(Value.uint) ?? integer.int64.map(Value.int) ?? .wide(integer)
        default: self.value = value
        }
    }
}
