import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerLogical() {
        register("and", caseInsensitive: true) { types, _, _ in
            try expectArguments("and", types, 2...Int.max)
            return .rowwise(DataType.uint8.nullable(if: types), nullPropagating: false) { args in
                if args.contains(where: { !$0.isNull && !$0.isTrue }) { return .uint(0) }
                return args.contains(where: \.isNull) ? .null : .uint(1)
            }
        }
        register("or", caseInsensitive: true) { types, _, _ in
            try expectArguments("or", types, 2...Int.max)
            return .rowwise(DataType.uint8.nullable(if: types), nullPropagating: false) { args in
                if args.contains(where: \.isTrue) { return .uint(1) }
                return args.contains(where: \.isNull) ? .null : .uint(0)
            }
        }
        register("xor", caseInsensitive: true) { types, _, _ in
            try expectArguments("xor", types, 2...Int.max)
            return .rowwise(DataType.uint8.nullable(if: types)) { args in
                .uint(args.reduce(false) { $0 != $1.isTrue } ? 1 : 0)
            }
        }
        register("not", caseInsensitive: true) { types, _, _ in
            try expectArguments("not", types, 1...1)
            return .rowwise(DataType.uint8.nullable(if: types)) { args in .uint(args[0].isTrue ? 0 : 1) }
        }
    }
}
