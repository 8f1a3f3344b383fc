import SHColumns
import SHCore

extension FunctionRegistry {
    mutating func registerConditional() {
        register("if", caseInsensitive: true) { types, _, _ in
            try expectArguments("if", types, 3...3)
            let type = try NumericTypes.common(types[1], types[2])
            return .rowwise(type, nullPropagating: false) { args in
                args[0].isTrue
                    ? try NumericTypes.adapt(args[1], from: types[1], to: type)
                    : try NumericTypes.adapt(args[2], from: types[2], to: type)
            }
        }
        register("multiIf") { types, _, _ in
            guard types.count >= 3, types.count % 2 == 1 else {
                throw DatabaseError(.numberOfArgumentsDoesntMatch, "Invalid number of arguments for function multiIf")
            }
            var type = types[types.count - 1]
            for index in stride(from: 1, to: types.count - 1, by: 2) {
                type = try NumericTypes.common(type, types[index])
            }
            let result = type
            return .rowwise(result, nullPropagating: false) { args in
                for index in stride(from: 0, to: args.count - 1, by: 2) where args[index].isTrue {
                    return try NumericTypes.adapt(args[index + 1], from: types[index + 1], to: result)
                }
                return try NumericTypes.adapt(args[args.count - 1], from: types[args.count - 1], to: result)
            }
        }
        register("ifNull", caseInsensitive: true) { types, _, _ in
            try expectArguments("ifNull", types, 2...2)
            let type = try NumericTypes.common(types[1].isNullable ? types[0] : types[0].removingNullable, types[1])
            return .rowwise(type, nullPropagating: false) { args in
                args[0].isNull
                    ? try NumericTypes.adapt(args[1], from: types[1], to: type)
                    : try NumericTypes.adapt(args[0], from: types[0], to: type)
            }
        }
        register("coalesce", caseInsensitive: true) { types, _, _ in
            try expectArguments("coalesce", types, 1...Int.max)
            var type = types[0].removingNullable
            for t in types.dropFirst() { type = try NumericTypes.common(type, t.removingNullable) }
            if types.allSatisfy(\.isNullable) { type = type.makeNullable }
            let result = type
            return .rowwise(result, nullPropagating: false) { args in
                guard let index = args.firstIndex(where: { !$0.isNull }) else { return .null }
                return try NumericTypes.adapt(args[index], from: types[index], to: result)
            }
        }
        register("isNull", caseInsensitive: true) { types, _, _ in
            try expectArguments("isNull", types, 1...1)
            return .rowwise(.uint8, nullPropagating: false) { args in .uint(args[0].isNull ? 1 : 0) }
        }
        register("isNotNull", caseInsensitive: true) { types, _, _ in
            try expectArguments("isNotNull", types, 1...1)
            return .rowwise(.uint8, nullPropagating: false) { args in .uint(args[0].isNull ? 0 : 1) }
        }
        register("throwIf") { types, constants, _ in
            try expectArguments("throwIf", types, 1...2)
            guard types[0].removingNullable.isNumber else { throw illegalType(types[0], argument: 1, of: "throwIf") }
            var message = "Value passed to 'throwIf' function is non-zero"
            if types.count == 2 {
                guard case .string(let bytes)? = constants[1] else {
                    throw DatabaseError(
                        .illegalColumn, "Second argument for function throwIf must be a constant String")
                }
                message = String(decoding: bytes, as: UTF8.self)
            }
            let text = message
            return .rowwise(.uint8, nullPropagating: false) { args in
                if args[0].isTrue { throw DatabaseError(.functionThrowIfValueIsNonZero, text) }
                return .uint(0)
            }
        }
    }
}
