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
    /// A date or time type, the truncated number stored as its integer (`Date` is UInt16, `Date32` Int32, ...).
    case integerOf(DataType)

    var dataType: DataType {
        switch self {
        case .float64: .float64
        case .float32: .float32
        case .integerOf(let type): type
        }
    }

    /// `number` as a value of this type (C++'s conversion of the number to the result's native type).
    func value(_ number: Double) -> Value {
        switch self {
        case .float64: return .float(number)
        case .float32: return .float(Double(Float(number)))
        case .integerOf(let type):
            guard number.isFinite else { return type.withoutLowCardinality == .date32 ? .int(0) : .uint(0) }
            let truncated = number.rounded(.towardZero)
            if type.withoutLowCardinality == .date32 {
                return .int(Int64(Int32(clamping: Int64(clamping: truncated))))
            }
            let bits = UInt64(clamping: Int64(clamping: truncated))
            return .uint(
                type.withoutLowCardinality == .date ? UInt64(UInt16(clamping: bits)) : UInt64(UInt32(clamping: bits)))
        }
    }
}

extension Int64 {
    /// `value` rounded toward zero and clamped to Int64's range.
    fileprivate init(clamping value: Double) {
        if value >= 0x1p63 {
            self = .max
        } else if value < -0x1p63 {
            self = .min
        } else {
            self = Int64(value)
        }
    }
}
