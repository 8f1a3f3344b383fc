/// One `'name' = value` element of an `Enum8`/`Enum16` type.
public struct EnumElement: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let value: Int

    public init(name: String, value: Int) {
        self.name = name
        self.value = value
    }

    /// `'name' = value`, as ClickHouse prints it in type names.
    public var description: String { "\(DataType.quoted(name)) = \(value)" }
}

extension DataType {
    /// The elements of an Enum type (`nil` for other types).
    public var enumElements: [EnumElement]? {
        switch self {
        case .enum8(let elements), .enum16(let elements): elements
        default: nil
        }
    }

    /// An Enum type from `'name' [= value]` pairs, as ClickHouse builds it: values either all given or all
    /// implicit (the first one may be given, the others then count up from it, else from 1); `bits` is 8 or 16
    /// for `Enum8`/`Enum16`, `nil` for `Enum` (Enum8 when every value fits in Int8).
    public static func enumeration(bits: Int?, _ pairs: [(name: String, value: Int?)]) throws -> DataType {
        guard !pairs.isEmpty else {
            throw DatabaseError(.unknownType, "Enum data type cannot be empty")
        }
        var elements: [EnumElement] = []
        let explicit = pairs.dropFirst().contains { $0.value != nil }
        for (index, pair) in pairs.enumerated() {
            let value: Int
            if let given = pair.value {
                value = given
            } else if explicit {
                throw DatabaseError(
                    .unexpectedASTStructure,
                    "All elements of Enum data type must be of form: 'name' = number or 'name', where name is string literal and number is an integer"
                )
            } else {
                // Counting up from a huge first value must not overflow (Enum8('a' = 9223372036854775807, 'b')).
                let (next, overflow) = index == 0 ? (1, false) : elements[index - 1].value.addingReportingOverflow(1)
                guard !overflow else {
                    throw DatabaseError(
                        .argumentOutOfBound,
                        "Value \(elements[index - 1].value) for element \(quoted(elements[index - 1].name)) exceeds range of Enum\(bits ?? 16)"
                    )
                }
                value = next
            }
            if let duplicate = elements.first(where: { $0.name == pair.name }) {
                throw DatabaseError(
                    .syntaxError, "Duplicate names in enum: \(quoted(pair.name)) = \(duplicate.value) and \(value)")
            }
            if let duplicate = elements.first(where: { $0.value == value }) {
                throw DatabaseError(
                    .syntaxError,
                    "Duplicate values in enum: \(quoted(duplicate.name)) = \(value) and \(quoted(pair.name))")
            }
            elements.append(EnumElement(name: pair.name, value: value))
        }
        let fits8 = elements.allSatisfy { Int8(exactly: $0.value) != nil }
        let width = bits ?? (fits8 ? 8 : 16)
        let range = width == 8 ? Int(Int8.min)...Int(Int8.max) : Int(Int16.min)...Int(Int16.max)
        if let element = elements.first(where: { !range.contains($0.value) }) {
            throw DatabaseError(
                .argumentOutOfBound,
                "Value \(element.value) for element \(quoted(element.name)) exceeds range of Enum\(width)")
        }
        let sorted = elements.sorted { $0.value < $1.value }
        return width == 8 ? .enum8(sorted) : .enum16(sorted)
    }
}
