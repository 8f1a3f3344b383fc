import SHCodecs
import SHColumns
import SHCore

/// ClickHouse's hash functions that table keys use: `intHash32`, `intHash64` (of one integer), and the hashes of any
/// arguments `cityHash64`, `sipHash64`, `sipHash128` (`FunctionAnyHash`: tuples are flattened, each value hashed as
/// its type says, the hashes of several values combined); `xxHash64` the same way.
extension FunctionRegistry {
    mutating func registerHashes() {
        for (name, hash) in [("intHash32", IntegerHash.hash32), ("intHash64", IntegerHash.hash64)] {
            register(name) { types, _, _ in
                try expectArguments(name, types, 1...1)
                let source = types[0].removingNullable.withoutLowCardinality
                guard IntegerHash.accepts(source) else { throw illegalType(source, of: name) }
                let result: DataType = name == "intHash32" ? .uint32 : .uint64
                return .rowwise(result.nullable(if: types)) { args in
                    guard let bits = IntegerHash.bits(args[0]) else { throw illegalType(source, of: name) }
                    return .uint(hash(bits))
                }
            }
        }
        for algorithm in [AnyHash.cityHash64, AnyHash.sipHash64, AnyHash.sipHash128, AnyHash.xxHash64] {
            register(algorithm.name) { types, _, _ in
                let argumentTypes = types
                // Nullable arguments: ClickHouse hashes NULL as a constant and a bare NULL gives NULL; not done yet.
                if argumentTypes.contains(where: { $0.containsNullable }) {
                    throw DatabaseError(
                        .notImplemented, "\(algorithm.name) of Nullable arguments is not supported yet")
                }
                for type in argumentTypes { try algorithm.check(type) }
                let result: DataType = algorithm.is128 ? .fixedString(16) : .uint64
                return .rowwise(result, nullPropagating: false) { args in
                    try algorithm.result(of: zip(args, argumentTypes).map { ($0, $1) })
                }
            }
        }
    }
}

private func illegalType(_ type: DataType, of name: String) -> DatabaseError {
    DatabaseError(.illegalTypeOfArgument, "Illegal type \(type) of argument of function \(name)")
}

/// `intHash32` / `intHash64` and their argument rules.
enum IntegerHash {
    /// ClickHouse's `intHash32<0x75D9543DE018BF45>`.
    static func hash32(_ value: UInt64) -> UInt64 {
        var key = value ^ 0x75D9_543D_E018_BF45
        key = (~key) &+ (key << 18)
        key = key ^ ((key >> 31) | (key << 33))
        key = key &* 21
        key = key ^ ((key >> 11) | (key << 53))
        key = key &+ (key << 6)
        key = key ^ ((key >> 22) | (key << 42))
        return UInt64(UInt32(truncatingIfNeeded: key))
    }

    /// ClickHouse's `IntHash64Impl`: the MurmurHash3 finalizer of the value with a fixed salt.
    static func hash64(_ value: UInt64) -> UInt64 { murmurFinalizer(value ^ 0x4CF2_D2BA_AE6D_A887) }

    /// ClickHouse's unsalted `intHash64` (the MurmurHash3 finalizer), what its hash tables use for integers.
    static func murmurFinalizer(_ value: UInt64) -> UInt64 { IntHash64.hash(value) }

    /// The types `intHash32`/`intHash64` take: integers and what is stored as one (no floats, enums or UUIDs).
    static func accepts(_ type: DataType) -> Bool {
        switch type {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .bool, .date, .date32, .dateTime,
            .dateTime64, .ipv4, .nothing:
            true
        case .decimal(let precision, _): precision <= 18
        default: false
        }
    }

    /// The value as the UInt64 ClickHouse passes (signed values sign-extended).
    static func bits(_ value: Value) -> UInt64? {
        switch value {
        case .uint(let v): v
        case .int(let v): UInt64(bitPattern: v)
        default: nil
        }
    }
}

/// A hash of any arguments as ClickHouse's `FunctionAnyHash` computes it.
struct AnyHash: Sendable {
    let name: String
    let is128: Bool
    /// Hashes bytes.
    let apply: @Sendable ([UInt8]) -> UInt128
    /// Combines the hash so far with the next value's.
    let combine: @Sendable (UInt128, UInt128) -> UInt128
    /// Whether numbers are hashed with `intHash64` rather than as their bytes.
    let intHashForNumbers: Bool

    /// ClickHouse's value for no arguments (or an empty tuple).
    static let filler: UInt64 = 0xe28d_bde7_fe22_e41c

    static let cityHash64 = AnyHash(
        name: "cityHash64", is128: false, apply: { UInt128(CityHash64.hash($0)) },
        combine: { UInt128(CityHash64.hash16(UInt64(truncatingIfNeeded: $0), UInt64(truncatingIfNeeded: $1))) },
        intHashForNumbers: true)

    static let xxHash64 = AnyHash(
        name: "xxHash64", is128: false, apply: { UInt128(XXHash64.hash($0)) },
        combine: { UInt128(CityHash64.hash16(UInt64(truncatingIfNeeded: $0), UInt64(truncatingIfNeeded: $1))) },
        intHashForNumbers: false)

    static let sipHash64 = AnyHash(
        name: "sipHash64", is128: false,
        apply: { bytes in
            var hash = SipHash()
            hash.update(bytes)
            return UInt128(hash.digest64())
        },
        combine: { a, b in
            var hash = SipHash()
            hash.update(littleEndian: UInt64(truncatingIfNeeded: a))
            hash.update(littleEndian: UInt64(truncatingIfNeeded: b))
            return UInt128(hash.digest64())
        }, intHashForNumbers: false)

    static let sipHash128 = AnyHash(
        name: "sipHash128", is128: true,
        apply: { bytes in
            var hash = SipHash()
            hash.update(bytes)
            let (low, high) = hash.digest128()
            return UInt128(high) << 64 | UInt128(low)
        },
        combine: { a, b in
            var hash = SipHash()
            for half in [a, a >> 64, b, b >> 64] { hash.update(littleEndian: UInt64(truncatingIfNeeded: half)) }
            let (low, high) = hash.digest128()
            return UInt128(high) << 64 | UInt128(low)
        }, intHashForNumbers: false)

    /// Fails for a type SwiftHouse does not hash as ClickHouse does.
    func check(_ type: DataType) throws {
        switch type.withoutLowCardinality {
        case .tuple(let items, _): for item in items { try check(item) }
        case .array(let inner): try check(inner)
        case .map:
            throw DatabaseError(.notImplemented, "\(name) of Map arguments is not supported yet")
        default: break
        }
    }

    /// The function's value for one row of arguments.
    func result(of arguments: [(Value, DataType)]) throws -> Value {
        let hash = try hashArguments(arguments) ?? UInt128(Self.filler)
        guard is128 else { return .uint(UInt64(truncatingIfNeeded: hash)) }
        let low = UInt64(truncatingIfNeeded: hash)
        let high = UInt64(truncatingIfNeeded: hash >> 64)
        return .string((0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? low : high) >> (8 * UInt64($0 % 8))) })
    }

    /// The combined hash of values, tuples and arrays flattened into the chain (an empty tuple first gives the
    /// filler); nil when there is no value at all.
    private func hashArguments(_ arguments: [(Value, DataType)]) throws -> UInt128? {
        var combined: UInt128?
        func chain(_ hash: UInt128) { combined = combined.map { combine($0, hash) } ?? hash }
        func visit(_ value: Value, _ type: DataType) throws {
            if case .tuple(let items, _) = type.withoutLowCardinality {
                guard case .tuple(let values) = value, values.count == items.count else {
                    throw DatabaseError(.logicalError, "A tuple value does not match its type \(type)")
                }
                if items.isEmpty, combined == nil { combined = UInt128(Self.filler) }
                for (item, itemType) in zip(values, items) { try visit(item, itemType) }
                return
            }
            if case .array(let element) = type.withoutLowCardinality, case .array(let items) = value {
                // An array joins the chain itself (`executeArray`): its length's integer hash, then each element's
                // own hash, so `f(a, [x])` is not `f(a, f([x]))`.
                let count = UInt64(items.count)
                chain(is128 ? UInt128(IntegerHash.hash32(count)) : UInt128(IntegerHash.hash64(count)))
                for item in items { chain(try hashArguments([(item, element)]) ?? UInt128(Self.filler)) }
                return
            }
            chain(try hashValue(value, type.withoutLowCardinality))
        }
        for (value, type) in arguments { try visit(value, type) }
        return combined
    }

    private func hashValue(_ value: Value, _ type: DataType) throws -> UInt128 {
        func littleEndian(_ bits: UInt64, _ width: Int) -> [UInt8] {
            (0..<width).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
        }
        func number(_ bits: UInt64, width: Int) -> UInt128 {
            let masked = width == 8 ? bits : bits & ((1 << (8 * UInt64(width))) - 1)
            return intHashForNumbers ? UInt128(IntegerHash.hash64(masked)) : apply(littleEndian(masked, width))
        }
        switch (type, value) {
        case (.int8, .int(let v)), (.enum8, .int(let v)): return number(UInt64(bitPattern: v), width: 1)
        case (.int16, .int(let v)), (.enum16, .int(let v)): return number(UInt64(bitPattern: v), width: 2)
        case (.int32, .int(let v)), (.date32, .int(let v)): return number(UInt64(bitPattern: v), width: 4)
        case (.int64, .int(let v)): return number(UInt64(bitPattern: v), width: 8)
        case (.uint8, .uint(let v)), (.bool, .uint(let v)): return number(v, width: 1)
        case (.uint16, .uint(let v)), (.date, .uint(let v)): return number(v, width: 2)
        case (.uint32, .uint(let v)), (.dateTime, .uint(let v)), (.ipv4, .uint(let v)): return number(v, width: 4)
        case (.uint64, .uint(let v)): return number(v, width: 8)
        case (.float32, .float(let v)): return number(UInt64(Float(v).bitPattern), width: 4)
        case (.float64, .float(let v)): return number(v.bitPattern, width: 8)
        case (.dateTime64, .int(let v)): return apply(littleEndian(UInt64(bitPattern: v), 8))
        case (.int128, _), (.uint128, _), (.int256, _), (.uint256, _), (.decimal, .wide):
            // Wide integers are hashed as their bytes, never with the integer hash (`executeBigIntType`).
            guard let v = value.wideInteger, let width = type.fixedWidth else { break }
            return apply(v.littleEndianBytes(count: width))
        case (.decimal, _):
            let width = type.fixedWidth ?? 16
            guard let v = value.int128 else { break }
            let bytes =
                littleEndian(UInt64(truncatingIfNeeded: v), min(width, 8))
                + (width > 8 ? littleEndian(UInt64(truncatingIfNeeded: v >> 64), width - 8) : [])
            return apply(bytes)
        case (.uuid, .uuid(let high, let low)): return apply(littleEndian(high, 8) + littleEndian(low, 8))
        case (.string, .string(let bytes)), (.fixedString, .string(let bytes)), (.ipv6, .string(let bytes)):
            return apply(bytes)
        default: break
        }
        throw DatabaseError(.notImplemented, "\(name) of \(type) values is not supported yet")
    }
}

extension DataType {
    /// Whether a Nullable is anywhere in the type.
    var containsNullable: Bool {
        switch self {
        case .nullable: true
        case .lowCardinality(let inner), .array(let inner): inner.containsNullable
        case .tuple(let items, _): items.contains { $0.containsNullable }
        case .map(let key, let value): key.containsNullable || value.containsNullable
        default: false
        }
    }
}
