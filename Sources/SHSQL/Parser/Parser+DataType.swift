import SHCore

extension Parser {
    /// Type names whose arguments ClickHouse ignores (`VARCHAR(255)` is `String`).
    static let stringAliases: Set<String> = [
        "string", "text", "varchar", "char", "blob", "binary", "varbinary", "nvarchar", "nchar", "character",
        "longtext", "mediumtext", "tinytext", "longblob", "mediumblob", "tinyblob", "bytea",
    ]

    /// The lower-cased MySQL-style string alias `name` spells (any case), or nil; `String` itself is case-sensitive.
    static func caseInsensitiveStringAlias(_ name: String) -> String? {
        let lower = name.lowercased()
        return lower != "string" && stringAliases.contains(lower) ? lower : nil
    }

    /// A column type: the `DataType` and the canonical name ClickHouse prints (`DateTime('UTC')` keeps its zone).
    mutating func parseDataType() throws -> (DataType, String) {
        try enter(3)
        defer { leave(3) }
        let name = try parseTypeName()
        // ClickHouse's spelling rules: `Int32` or `INT`, but not `int32`; MySQL-style string aliases in any case.
        guard let lower = DataType.family(name) ?? Parser.caseInsensitiveStringAlias(name) else {
            throw DatabaseError(.unknownType, "Unknown data type family: \(name)")
        }
        switch lower {
        case "nullable", "array", "lowcardinality":
            try expect(.openParen, "OpeningRoundBracket")
            let (inner, innerName) = try parseDataType()
            try expect(.closeParen, "ClosingRoundBracket")
            switch (lower, inner) {
            case ("nullable", .array), ("nullable", .nullable), ("nullable", .lowCardinality):
                throw DatabaseError(
                    .illegalTypeOfArgument, "Nested type \(innerName) cannot be inside Nullable type")
            case ("nullable", _): return (.nullable(inner), "Nullable(\(innerName))")
            case ("array", _): return (.array(inner), "Array(\(innerName))")
            default: return (.lowCardinality(inner), "LowCardinality(\(innerName))")
            }
        case "map":
            try expect(.openParen, "OpeningRoundBracket")
            let (key, keyName) = try parseDataType()
            try expect(.comma, "Comma")
            let (value, valueName) = try parseDataType()
            try expect(.closeParen, "ClosingRoundBracket")
            return (.map(key, value), "Map(\(keyName), \(valueName))")
        case "fixedstring":
            try expect(.openParen, "OpeningRoundBracket")
            guard current.kind == .number, case .unsignedInteger(let n)? = numberLiteral(current, negative: false),
                n > 0,
                n < 0xFF_FFFF
            else { throw syntaxError(expected: ["number"]) }
            advance()
            try expect(.closeParen, "ClosingRoundBracket")
            return (.fixedString(Int(n)), "FixedString(\(n))")
        case "tuple":
            try expect(.openParen, "OpeningRoundBracket")
            var items: [DataType] = []
            var names: [String] = []
            var texts: [String] = []
            if current.kind != .closeParen {
                repeat {
                    var elementName = ""
                    let next = token(at: 1)
                    if next.kind == .bareWord || next.kind == .quotedIdentifier { elementName = try parseIdentifier() }
                    let (item, itemName) = try parseDataType()
                    items.append(item)
                    names.append(elementName)
                    texts.append(elementName.isEmpty ? itemName : "\(elementName) \(itemName)")
                } while accept(.comma, "Comma")
            }
            try expect(.closeParen, "ClosingRoundBracket")
            return (
                .tuple(items, names: names.allSatisfy(\.isEmpty) ? [] : names),
                "Tuple(\(texts.joined(separator: ", ")))"
            )
        case "datetime":
            if accept(.openParen, "OpeningRoundBracket") {
                let zone = try parseStringLiteral()
                try expect(.closeParen, "ClosingRoundBracket")
                return (.dateTime(timeZone: zone), "DateTime(\(SQLFormatter.quoteString(zone)))")
            }
            return (.dateTime, "DateTime")
        case "decimal", "dec", "numeric", "fixed", "decimal32", "decimal64", "decimal128", "decimal256":
            var arguments: [String] = []
            if accept(.openParen, "OpeningRoundBracket") {
                repeat {
                    guard current.kind == .number,
                        case .unsignedInteger(let n)? = numberLiteral(current, negative: false)
                    else { throw syntaxError(expected: ["number"]) }
                    advance()
                    arguments.append(String(n))
                } while accept(.comma, "Comma")
                try expect(.closeParen, "ClosingRoundBracket")
            }
            let type = try DataType(parsing: name + (arguments.isEmpty ? "" : "(\(arguments.joined(separator: ",")))"))
            return (type, type.description)
        case "enum8", "enum16", "enum":
            try expect(.openParen, "OpeningRoundBracket")
            var pairs: [(name: String, value: Int?)] = []
            repeat {
                let elementName = try parseStringLiteral()
                var value: Int?
                if accept(.equals, "Equals") {
                    let negative = accept(.minus, "Minus")
                    guard current.kind == .number,
                        case .unsignedInteger(let n)? = numberLiteral(current, negative: false)
                    else { throw syntaxError(expected: ["number"]) }
                    guard let magnitude = Int(exactly: n) else {
                        throw DatabaseError(
                            .argumentOutOfBound,
                            "Value \(negative ? "-" : "")\(n) for element \(DataType.quoted(elementName)) exceeds range of \(lower == "enum16" ? "Enum16" : "Enum8")"
                        )
                    }
                    advance()
                    value = negative ? -magnitude : magnitude
                }
                pairs.append((elementName, value))
            } while accept(.comma, "Comma")
            try expect(.closeParen, "ClosingRoundBracket")
            let type = try DataType.enumeration(bits: ["enum8": 8, "enum16": 16][lower], pairs)
            return (type, type.description)
        case "datetime64":
            var precision = 3
            var zone: String?
            if accept(.openParen, "OpeningRoundBracket") {
                guard current.kind == .number, case .unsignedInteger(let n)? = numberLiteral(current, negative: false),
                    n <= 9
                else { throw syntaxError(expected: ["number"]) }
                advance()
                precision = Int(n)
                if accept(.comma, "Comma") { zone = try parseStringLiteral() }
                try expect(.closeParen, "ClosingRoundBracket")
            }
            let type = DataType.dateTime64(precision, timeZone: zone)
            return (type, type.description)
        default:
            if current.kind == .openParen {
                guard Parser.stringAliases.contains(lower) else {
                    throw DatabaseError(.unknownType, "Unknown data type family: \(name)")
                }
                _ = try parseTypeArgumentsSkipping()
            }
            guard let type = try? DataType(parsing: name) else {
                throw DatabaseError(.unknownType, "Unknown data type family: \(name)")
            }
            return (type, type.description)
        }
    }

    private mutating func parseTypeName() throws -> String {
        guard current.kind == .bareWord || current.kind == .quotedIdentifier else {
            note("data type")
            throw syntaxError()
        }
        return try parseIdentifier()
    }

    /// Skips a balanced `( … )`.
    private mutating func parseTypeArgumentsSkipping() throws -> Bool {
        var level = 0
        repeat {
            switch current.kind {
            case .openParen: level += 1
            case .closeParen: level -= 1
            case .endOfStream, .error, .semicolon: throw syntaxError(expected: ["ClosingRoundBracket"])
            default: break
            }
            advance()
        } while level > 0
        return true
    }
}
