import SHCore

/// The levels of a `quantile`/`quantiles` family function, read from its parameters as ClickHouse's
/// `QuantileLevels` reads them, and how its result is shaped.
struct QuantileLevels: Sendable {
    let levels: [Double]
    /// Indices into `levels` in ascending order of level.
    let ascending: [Int]
    /// Whether the function returns an array (`quantiles...`) rather than one value.
    let many: Bool

    /// Levels from `parameters`: at least one for `many` functions, at most one (default 0.5) otherwise, each a
    /// number in [0, 1].
    init(_ parameters: [Value], function name: String, many: Bool) throws {
        if many {
            guard !parameters.isEmpty else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch,
                    "Aggregate function for calculation of multiple quantiles require at least one parameter")
            }
        } else if parameters.count > 1 {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch, "Aggregate function \(name) requires one level parameter or less")
        }
        let levels =
            try parameters.isEmpty
            ? [0.5]
            : parameters.map { parameter in
                let level = try Self.number(parameter)
                guard level >= 0, level <= 1 else {
                    throw DatabaseError(.parameterOutOfBound, "Quantile level is out of range [0..1]")
                }
                return level
            }
        self.levels = levels
        ascending = levels.indices.sorted { levels[$0] < levels[$1] }
        self.many = many
    }

    /// A parameter as Float64 (`FieldVisitorConvertToNumber<Float64>`).
    private static func number(_ value: Value) throws -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .uint(let number): return Double(number)
        case .int128(let number): return Double(number)
        case .wide(let number): return number.double
        case .float(let number): return number
        case .string: throw DatabaseError(.cannotConvertType, "Cannot convert String to double")
        case .null: throw DatabaseError(.cannotConvertType, "Cannot convert NULL to double")
        case .uuid: throw DatabaseError(.cannotConvertType, "Cannot convert UUID to double")
        case .array: throw DatabaseError(.cannotConvertType, "Cannot convert Array to double")
        case .tuple: throw DatabaseError(.cannotConvertType, "Cannot convert Tuple to double")
        }
    }

    /// The result type for quantiles of type `element`.
    func returnType(element: DataType) -> DataType { many ? .array(element) : element }

    /// The result from one value per level (in `levels` order).
    func result(_ values: [Value]) -> Value { many ? .array(values) : (values.first ?? .null) }
}

/// How a quantile computed as a floating-point number becomes a value of the function's result type.
enum QuantileResultType: Sendable {
    case float64
    case float32
    /// `Date` or `DateTime`: the number truncated toward zero to the type's unsigned integer.
    case integerOf(DataType)

    var dataType: DataType {
        switch self {
        case .float64: .float64
        case .float32: .float32
        case .integerOf(let type): type
        }
    }

    /// `number` as a value of this type (C++'s conversion of the number to the result's native type, with the
    /// cases C++ leaves undefined, NaN and out of range, clamped).
    func value(_ number: Double) -> Value {
        switch self {
        case .float64: return .float(number)
        case .float32: return .float(Double(Float(number)))
        case .integerOf(let type):
            let largest: Double = type.withoutLowCardinality == .date ? 65535 : 4_294_967_295
            guard number.isFinite, number > 0 else { return .uint(0) }
            return .uint(UInt64(min(number.rounded(.towardZero), largest)))
        }
    }
}
