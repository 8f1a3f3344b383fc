import Foundation
import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerArraysAndTuples() {
        register("tuple") { types, _, _ in
            let type = DataType.tuple(types, names: [])
            // Columnar: the argument columns become the tuple's element columns (no per-row work).
            return ScalarOverload(returnType: type) { columns, rows in
                Column(type: type, count: rows, children: columns)
            }
        }
        register("array") { types, _, _ in
            let element = try types.dropFirst().reduce(types.first ?? .nothing) { try NumericTypes.common($0, $1) }
            return .rowwise(.array(element), nullPropagating: false) { args in
                .array(try args.indices.map { try NumericTypes.adapt(args[$0], from: types[$0], to: element) })
            }
        }
        register("map") { types, _, _ in
            guard types.count % 2 == 0 else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Function map requires even number of arguments, but \(types.count) given")
            }
            let keys = stride(from: 0, to: types.count, by: 2).map { types[$0] }
            let values = stride(from: 1, to: types.count, by: 2).map { types[$0] }
            let keyType = try keys.dropFirst().reduce(keys.first ?? .nothing) { try NumericTypes.common($0, $1) }
            let valueType = try values.dropFirst().reduce(values.first ?? .nothing) { try NumericTypes.common($0, $1) }
            return .rowwise(.map(keyType, valueType), nullPropagating: false) { args in
                .array(
                    try stride(from: 0, to: args.count, by: 2).map { index in
                        .tuple([
                            try NumericTypes.adapt(args[index], from: types[index], to: keyType),
                            try NumericTypes.adapt(args[index + 1], from: types[index + 1], to: valueType),
                        ])
                    })
            }
        }
        for (name, position) in [("mapKeys", 0), ("mapValues", 1)] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                guard case .map(let key, let value) = types[0].removingNullable else {
                    throw illegalType(types[0], argument: 1, of: name)
                }
                return .rowwise(.array(position == 0 ? key : value)) { args in
                    guard case .array(let entries) = args[0] else { return .array([]) }
                    return .array(
                        entries.map { entry in
                            if case .tuple(let pair) = entry, pair.count == 2 { pair[position] } else { .null }
                        })
                }
            }
        }
        register("arrayElement") { types, _, _ in
            try expectArguments("arrayElement", types, 2...2)
            if case .map(let keyType, let valueType) = types[0].removingNullable {
                // m[key]: the value of the first entry with that key, else the value type's default.
                let source = types[1]
                return .rowwise(valueType) { args in
                    guard case .array(let entries) = args[0] else { return valueType.defaultValue }
                    let key = try Conversion.convert(args[1], from: source.removingNullable, to: keyType)
                    for case .tuple(let pair) in entries where pair.count == 2 && Value.sqlEquals(pair[0], key) {
                        return pair[1]
                    }
                    return valueType.defaultValue
                }
            }
            guard case .array(let element) = types[0].removingNullable else {
                throw illegalType(types[0], argument: 1, of: "arrayElement")
            }
            return .rowwise(element) { args in
                guard case .array(let items) = args[0], let index = args[1].int64 else { return element.defaultValue }
                // A UInt64 index beyond Int64 is out of range (its bit pattern would count from the end).
                if case .uint(let v) = args[1], v > UInt64(Int64.max) { return element.defaultValue }
                let position = index > 0 ? Int(index) - 1 : items.count + Int(index)
                return index != 0 && items.indices.contains(position) ? items[position] : element.defaultValue
            }
        }
        register("tupleElement") { types, constants, _ in
            try expectArguments("tupleElement", types, 2...2)
            guard case .tuple(let items, let names) = types[0].removingNullable else {
                throw illegalType(types[0], argument: 1, of: "tupleElement")
            }
            let position: Int
            switch constants[1] {
            // Int(clamping:): an index beyond Int (18446744073709551615) is out of range, not a trap.
            case .uint(let v)?: position = Int(clamping: v) &- 1
            case .int(let v)?: position = Int(v) &- 1
            case .string(let name)?: position = names.firstIndex(of: String(decoding: name, as: UTF8.self)) ?? -1
            default: position = -1
            }
            guard items.indices.contains(position) else {
                let index =
                    switch constants[1] {
                    case .uint(let v)?: String(v)
                    case .int(let v)?: String(v)
                    default: String(position + 1)
                    }
                throw DatabaseError(.argumentOutOfBound, "Tuple doesn't have element with index '\(index)'")
            }
            return .rowwise(items[position]) { args in
                guard case .tuple(let values) = args[0] else { return items[position].defaultValue }
                return values[position]
            }
        }
        // arrayResize(a, n[, extender]): the first n elements, padded with the extender (the element type's default
        // without one); a negative n keeps the last |n| elements, padding at the front.
        register("arrayResize") { types, _, _ in
            try expectArguments("arrayResize", types, 2...3)
            guard case .array(let element) = types[0].removingNullable.withoutLowCardinality else {
                throw illegalType(types[0], argument: 1, of: "arrayResize")
            }
            guard types[1].removingNullable.withoutLowCardinality.isInteger else {
                throw illegalType(types[1], argument: 2, of: "arrayResize")
            }
            let extenderType = types.count == 3 ? types[2] : nil
            return .rowwise(types[0]) { args in
                guard case .array(let items) = args[0], let size = args[1].int64 else { return args[0] }
                // ClickHouse's limit on an array's size (TOO_LARGE_ARRAY_SIZE) before anything is allocated.
                guard size.magnitude <= 1 << 30 else {
                    throw DatabaseError(.tooLargeArraySize, "Array size is too large: \(size)")
                }
                let pad =
                    try extenderType.map { try Conversion.convert(args[2], from: $0, to: element) }
                    ?? element.defaultValue
                let count = Int(size.magnitude)
                if size >= 0 {
                    let kept = Array(items.prefix(count))
                    return .array(kept + Array(repeating: pad, count: count - kept.count))
                }
                let kept = Array(items.suffix(count))
                return .array(Array(repeating: pad, count: count - kept.count) + kept)
            }
        }
        register("has") { types, _, _ in
            try expectArguments("has", types, 2...2)
            // The elements and the needle compare in their common type, as in ClickHouse (a Date element and a
            // DateTime needle compare as times; a string and a number, or a date and a number, have none).
            let element: DataType =
                if case .array(let inner) = types[0].removingNullable.withoutLowCardinality { inner } else { .nothing }
            let needle = types[1]
            let common = try NumericTypes.common(element, needle).removingNullable.withoutLowCardinality
            let elementBase = element.removingNullable.withoutLowCardinality
            let needleBase = needle.removingNullable.withoutLowCardinality
            if (elementBase == .date || elementBase == .date32) && needleBase.isNumber
                || (needleBase == .date || needleBase == .date32) && elementBase.isNumber
            {
                throw DatabaseError(
                    .noCommonType, "There is no supertype for types \(element), \(needle) because some of them are Date"
                )
            }
            // Numbers compare by value as they are (UInt64.max is not -1); other types are converted.
            let numbers = elementBase.isNumber && needleBase.isNumber
            let convertsElements = !numbers && elementBase != common && elementBase != .nothing
            let convertsNeedle = !numbers && needleBase != common && needleBase != .nothing
            return .rowwise(.uint8, nullPropagating: false) { args in
                guard case .array(let items) = args[0] else { return .uint(0) }
                let target =
                    convertsNeedle && !args[1].isNull
                    ? try Conversion.convert(args[1], from: needleBase, to: common) : args[1]
                for item in items {
                    let value =
                        convertsElements && !item.isNull
                        ? try Conversion.convert(item, from: elementBase, to: common) : item
                    if Value.sqlEquals(value, target) { return .uint(1) }
                }
                return .uint(0)
            }
        }
    }

    mutating func registerMisc() {
        register("now", caseInsensitive: true) { types, _, context in
            try expectArguments("now", types, 0...1)
            let now = Value.uint(context.now)
            return .rowwise(.dateTime, nullPropagating: false) { _ in now }
        }
        register("now64", caseInsensitive: true) { types, constants, _ in
            try expectArguments("now64", types, 0...2)
            let type = try dateTime64Type("now64", constants, precisionAt: 0)
            guard case .dateTime64(let precision, _) = type else { return .rowwise(type) { _ in .null } }
            let now = Value.int(Int64(Date().timeIntervalSince1970 * Double(DataType.ticksPerSecond(precision))))
            return .rowwise(type, nullPropagating: false) { _ in now }
        }
        // Functions of the query's context without arguments: one value for every row.
        let contextValues: [(String, DataType, @Sendable (EvaluationContext) -> Value)] = [
            ("today", .date, { .uint($0.now / 86_400) }),
            ("version", .string, { .string($0.version) }),
            ("currentDatabase", .string, { .string($0.currentDatabase) }),
            // SwiftHouse keeps and shows every DateTime in UTC (`timeZone`, `serverTimeZone`: the same, any case).
            ("timezone", .string, { _ in .string("UTC") }),
            ("serverTimezone", .string, { _ in .string("UTC") }),
        ]
        for (name, type, valueOf) in contextValues {
            register(name, caseInsensitive: true) { types, _, context in
                try expectArguments(name, types, 0...0)
                let value = valueOf(context)
                return .rowwise(type, nullPropagating: false) { _ in value }
            }
        }
        register("materialize") { types, _, _ in
            try expectArguments("materialize", types, 1...1)
            return ScalarOverload(returnType: types[0]) { columns, _ in columns[0] }
        }
        register("identity") { types, _, _ in
            try expectArguments("identity", types, 1...1)
            return ScalarOverload(returnType: types[0]) { columns, _ in columns[0] }
        }
    }
}
