extension DataType {
    /// Parses a type name such as `Array(Nullable(String))`, accepting ClickHouse's aliases (`Int`, `BIGINT`, `TEXT`…).
    /// The one type-name grammar: the SQL parser hands it the text of a column's type too.
    public init(parsing text: String) throws {
        var parser = TypeNameParser(Array(text.utf8))
        let type = try parser.parseType()
        parser.skipSpaces()
        guard parser.atEnd else { throw DataType.unknown(text) }
        self = type
    }

    static func unknown(_ name: String) -> DatabaseError {
        DatabaseError(.unknownType, "Unknown data type family: \(name)")
    }

    /// The one alias table: every argument-less type name and alias, lower-cased, with its type (ClickHouse's
    /// `system.data_type_families`). The names of `caseSensitiveFamilies` match only as spelled there; every
    /// other name matches in any case.
    static let simpleNames: [String: DataType] = [
        "int8": .int8, "tinyint": .int8, "int1": .int8, "byte": .int8, "tinyint signed": .int8, "int1 signed": .int8,
        "int16": .int16, "smallint": .int16, "smallint signed": .int16,
        "int32": .int32, "int": .int32, "integer": .int32, "mediumint": .int32, "int signed": .int32,
        "integer signed": .int32, "mediumint signed": .int32,
        "int128": .int128, "uint128": .uint128, "int256": .int256, "uint256": .uint256,
        "int64": .int64, "bigint": .int64, "bigint signed": .int64, "signed": .int64,
        "uint8": .uint8, "tinyint unsigned": .uint8, "int1 unsigned": .uint8,
        "uint16": .uint16, "smallint unsigned": .uint16, "year": .uint16,
        "uint32": .uint32, "int unsigned": .uint32, "integer unsigned": .uint32, "mediumint unsigned": .uint32,
        "uint64": .uint64, "bigint unsigned": .uint64, "unsigned": .uint64, "bit": .uint64, "set": .uint64,
        "float32": .float32, "float": .float32, "real": .float32, "single": .float32,
        "float64": .float64, "double": .float64, "double precision": .float64,
        "bool": .bool, "boolean": .bool,
        "date": .date, "date32": .date32, "datetime": .dateTime, "timestamp": .dateTime, "uuid": .uuid,
        "nothing": .nothing, "ipv4": .ipv4, "ipv6": .ipv6, "inet4": .ipv4, "inet6": .ipv6,
    ].merging(stringAliases.map { ($0, DataType.string) }) { first, _ in first }

    /// `String` and its MySQL-style aliases; ClickHouse ignores their arguments (`VARCHAR(255)` is `String`).
    static let stringAliases: Set<String> = [
        "string", "text", "varchar", "char", "blob", "varbinary", "nvarchar", "nchar", "character", "longtext",
        "mediumtext", "tinytext", "longblob", "mediumblob", "tinyblob", "bytea", "clob", "varchar2",
        "char varying", "character varying", "char large object", "character large object", "nchar varying",
        "nchar large object", "binary varying", "binary large object", "national char", "national character",
        "national char varying", "national character varying", "national character large object",
    ]

    /// Float types and their aliases: ClickHouse ignores up to two arguments (`FLOAT(10)`, `DOUBLE(10, 2)`).
    static let floatFamilies: Set<String> = [
        "float32", "float", "real", "single", "float64", "double", "double precision",
    ]

    /// Integer type names that take MySQL's display width `(N)` and a `SIGNED`/`UNSIGNED` word after them
    /// (upper-cased; ClickHouse's `ParserDataType`).
    public static let integerNamesWithModifiers: Set<String> = [
        "INT8", "INT16", "INT32", "INT64", "INT128", "INT256", "UINT8", "UINT16", "UINT32", "UINT64", "UINT128",
        "UINT256", "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "INT1",
    ]

    /// The words that may continue a type name of several words after its (upper-cased) first word, longest
    /// first, as ClickHouse's `ParserDataType` reads them: `DOUBLE PRECISION`, `CHAR VARYING`,
    /// `NATIONAL CHARACTER LARGE OBJECT`, `INT UNSIGNED` (integers: see `integerNamesWithModifiers`).
    public static func nameSuffixes(after firstWord: String) -> [[String]] {
        switch firstWord {
        case "NATIONAL":
            [
                ["CHARACTER", "LARGE", "OBJECT"], ["CHARACTER", "VARYING"], ["CHAR", "VARYING"], ["CHARACTER"],
                ["CHAR"],
            ]
        case "BINARY", "CHARACTER", "CHAR", "NCHAR": [["LARGE", "OBJECT"], ["VARYING"]]
        case "DOUBLE": [["PRECISION"]]
        default: integerNamesWithModifiers.contains(firstWord) ? [["SIGNED"], ["UNSIGNED"]] : []
        }
    }

    /// Family names that ClickHouse matches case-sensitively (only these spellings; `system.data_type_families`).
    static let caseSensitiveFamilies: Set<String> = [
        "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Int128", "UInt128", "Int256",
        "UInt256", "Float32", "Float64", "String",
        "FixedString", "UUID", "Nothing", "Array", "Nullable", "Tuple", "LowCardinality", "Map", "IPv4", "IPv6",
        "AggregateFunction", "SimpleAggregateFunction",
    ]

    /// Family names and aliases that ClickHouse matches in any case, lower-cased (chdb 26.9 also accepts `enum8`):
    /// the aliases of `simpleNames` and the families with arguments (`BINARY(n)` is `FixedString(n)`).
    static let caseInsensitiveFamilies: Set<String> = Set(simpleNames.keys).union([
        "datetime64", "decimal", "decimal32", "decimal64", "decimal128", "decimal256", "dec", "numeric", "fixed",
        "enum", "enum8", "enum16", "binary",
    ]).subtracting(caseSensitiveFamilies.map { $0.lowercased() })

    /// The lower-cased family `name` spells, or nil when ClickHouse would not recognise that spelling
    /// (`int32`, `nullable`).
    public static func family(_ name: String) -> String? {
        if caseSensitiveFamilies.contains(name) { return name.lowercased() }
        let lower = name.lowercased()
        return caseInsensitiveFamilies.contains(lower) ? lower : nil
    }
}

private struct TypeNameParser {
    /// Nesting deeper than this is refused: ClickHouse's `max_parser_depth` (1000) at its cost of 3 per type.
    static let maxNesting = 1000 / 3

    let bytes: [UInt8]
    var position = 0
    var nesting = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x0A, 0x09, 0x0D, 0x0C, 0x0B].contains(bytes[position]) {
            position += 1
        }
    }

    mutating func identifier() -> String {
        skipSpaces()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "`") || bytes[position] == UInt8(ascii: "\"") {
            let quote = bytes[position]
            let close = StringLiteral.closingQuote(in: bytes, openingAt: position, quote: quote) ?? bytes.count
            let name = StringLiteral.unescape(bytes, from: position + 1, to: close, quote: quote)
            position = min(close + 1, bytes.count)
            return String(decoding: name, as: UTF8.self)
        }
        while position < bytes.count,
            bytes[position] == UInt8(ascii: "_") || (bytes[position] >= 0x30 && bytes[position] <= 0x39)
                || ((bytes[position] | 0x20) >= 0x61 && (bytes[position] | 0x20) <= 0x7A)
        {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func expect(_ char: Character) throws {
        skipSpaces()
        guard position < bytes.count, bytes[position] == char.asciiValue else {
            throw DataType.unknown(String(decoding: bytes, as: UTF8.self))
        }
        position += 1
    }

    mutating func peek(_ char: Character) -> Bool {
        skipSpaces()
        return position < bytes.count && bytes[position] == char.asciiValue
    }

    mutating func parseType() throws -> DataType {
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maxNesting else {
            throw DatabaseError(
                .tooDeepRecursion, "Maximum parse depth (1000) exceeded. Consider rising max_parser_depth parameter")
        }
        var name = identifier()
        guard !name.isEmpty else { throw DataType.unknown(String(decoding: bytes, as: UTF8.self)) }
        if let suffix = nameSuffix(after: name) { name = name.uppercased() + " " + suffix }
        guard let family = DataType.family(name) else { throw DataType.unknown(name) }
        switch family {
        case "nullable":
            try expect("(")
            let inner = try parseType()
            try expect(")")
            switch inner {
            case .array, .nullable, .lowCardinality, .aggregateFunction:
                throw DatabaseError(
                    .illegalTypeOfArgument, "Nested type \(inner) cannot be inside Nullable type")
            default: return .nullable(inner)
            }
        case "array":
            try expect("(")
            let inner = try parseType()
            try expect(")")
            return .array(inner)
        case "map":
            try expect("(")
            let key = try parseType()
            try expect(",")
            let value = try parseType()
            try expect(")")
            return .map(key, value)
        case "lowcardinality":
            try expect("(")
            let inner = try parseType()
            try expect(")")
            return .lowCardinality(inner)
        case "fixedstring", "binary":
            try expect("(")
            skipSpaces()
            let digits = identifier()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                digits.contains(where: { $0 != "0" })
            else { throw DataType.unknown(name) }
            // ClickHouse's limit (0xFFFFFF): a larger N would size buffers of N bytes per row.
            guard let n = Int(digits), n <= 0xFF_FFFF else {
                throw DatabaseError(.argumentOutOfBound, "FixedString size is too large")
            }
            try expect(")")
            return .fixedString(n)
        case "tuple":
            try expect("(")
            var items: [DataType] = []
            var names: [String] = []
            repeat {
                let save = position
                let first = identifier()
                skipSpaces()
                // `name Type` when another identifier follows; otherwise the first word was the type.
                if !first.isEmpty, position < bytes.count, bytes[position] != UInt8(ascii: "("),
                    bytes[position] != UInt8(ascii: ","), bytes[position] != UInt8(ascii: ")")
                {
                    names.append(first)
                } else {
                    position = save
                    names.append("")
                }
                items.append(try parseType())
            } while consumeComma()
            try expect(")")
            return .tuple(items, names: names.allSatisfy(\.isEmpty) ? [] : names)
        case "datetime", "timestamp":
            // DateTime, DateTime('zone'), or DateTime(precision[, 'zone']), which is DateTime64.
            guard peek("(") else { return .dateTime }
            try expect("(")
            skipSpaces()
            if position < bytes.count, bytes[position] != UInt8(ascii: "'") {
                guard let precision = Int(identifier()), (0...9).contains(precision) else {
                    throw DataType.unknown(name)
                }
                let zone = consumeComma() ? try quotedString() : nil
                try expect(")")
                return .dateTime64(precision, timeZone: zone)
            }
            let zone = try quotedString()
            try expect(")")
            return .dateTime(timeZone: zone)
        case "enum8", "enum16", "enum":
            try expect("(")
            var pairs: [(name: String, value: Int?)] = []
            repeat {
                let elementName = try quotedString()
                var value: Int?
                if peek("=") {
                    position += 1
                    let negative = peek("-")
                    if negative { position += 1 }
                    let digits = identifier()
                    guard let magnitude = Int(digits) else {
                        // A number beyond Int is out of any Enum's range; anything else is not a type.
                        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                            throw DataType.unknown(name)
                        }
                        throw DatabaseError(
                            .argumentOutOfBound,
                            "Value \(negative ? "-" : "")\(digits) for element \(DataType.quoted(elementName)) exceeds range of \(name.lowercased() == "enum16" ? "Enum16" : "Enum8")"
                        )
                    }
                    value = negative ? -magnitude : magnitude
                }
                pairs.append((elementName, value))
            } while consumeComma()
            try expect(")")
            return try .enumeration(bits: ["enum8": 8, "enum16": 16][name.lowercased()], pairs)
        case "decimal", "dec", "numeric", "fixed", "decimal32", "decimal64", "decimal128", "decimal256":
            // Decimal(P[, S]) (Decimal alone is Decimal(10, 0)); Decimal32/64/128/256(S) have precision 9, 18, 38, 76.
            let fixedPrecision = ["decimal32": 9, "decimal64": 18, "decimal128": 38, "decimal256": 76][
                name.lowercased()]
            var arguments: [Int] = []
            if peek("(") {
                try expect("(")
                repeat {
                    guard let value = Int(identifier()) else { throw DataType.unknown(name) }
                    arguments.append(value)
                } while consumeComma()
                try expect(")")
            }
            let precision = fixedPrecision ?? arguments.first ?? 10
            let scale = fixedPrecision != nil ? arguments.first : arguments.count > 1 ? arguments[1] : 0
            guard let scale, arguments.count <= (fixedPrecision != nil ? 1 : 2) else {
                throw DataType.unknown(String(decoding: bytes, as: UTF8.self))
            }
            guard (1...76).contains(precision) else {
                throw DatabaseError(
                    .argumentOutOfBound, "Wrong precision: it must be between 1 and 76, got \(precision)")
            }
            guard (0...precision).contains(scale) else {
                throw DatabaseError(
                    .argumentOutOfBound, "Negative scales and scales larger than precision are not supported")
            }
            return .decimal(precision: precision, scale: scale)
        case "aggregatefunction":
            return .aggregateFunction(try aggregateFunctionSignature())
        case "simpleaggregatefunction":
            let signature = try aggregateFunctionSignature(simple: true)
            guard signature.argumentTypes.count == 1, signature.parameters.isEmpty else {
                throw DatabaseError(
                    .numberOfArgumentsDoesntMatch, "Aggregate function \(signature.name) requires single argument")
            }
            return .simpleAggregateFunction(signature.name, signature.argumentTypes[0])
        case "datetime64":
            // DateTime64 is DateTime64(3); an optional time zone follows the precision.
            guard peek("(") else { return .dateTime64(3, timeZone: nil) }
            try expect("(")
            guard let precision = Int(identifier()), (0...9).contains(precision) else { throw DataType.unknown(name) }
            let zone = consumeComma() ? try quotedString() : nil
            try expect(")")
            return .dateTime64(precision, timeZone: zone)
        default:
            guard let type = DataType.simpleNames[family] else { throw DataType.unknown(name) }
            if DataType.stringAliases.contains(family) || DataType.floatFamilies.contains(family), peek("(") {
                try skipArguments()
            }
            return type
        }
    }

    /// The arguments of `AggregateFunction(...)` (`simple`: of `SimpleAggregateFunction(...)`): an optional version
    /// number, the function's name with optional parameters in parentheses, then argument types (whether the
    /// function exists and takes them is for `StoredAggregateRegistry` to say).
    mutating func aggregateFunctionSignature(simple: Bool = false) throws -> AggregateFunctionSignature {
        let family = simple ? "SimpleAggregateFunction" : "AggregateFunction"
        try expect("(")
        skipSpaces()
        var version: Int?
        if !simple, position < bytes.count, (0x30...0x39).contains(bytes[position]) {
            guard let number = Int(identifier()), number >= 0 else { throw DataType.unknown(family) }
            version = number
            try expect(",")
        }
        let name = identifier()
        guard !name.isEmpty else {
            throw DatabaseError(
                .numberOfArgumentsDoesntMatch,
                "Data type \(family) requires parameters: \(simple ? "" : "version(optionally), ")name of aggregate function and list of data types for arguments"
            )
        }
        var parameters: [Value] = []
        if peek("(") {
            position += 1
            if !peek(")") {
                repeat { parameters.append(try parameterLiteral()) } while consumeComma()
            }
            try expect(")")
        }
        var arguments: [DataType] = []
        while consumeComma() { arguments.append(try parseType()) }
        try expect(")")
        return AggregateFunctionSignature(
            name: name, parameters: parameters, argumentTypes: arguments, version: version)
    }

    /// A parameter of a parametric aggregate function: a number (`0.5`, `-1`, `1e-3`) or a `'string'`.
    mutating func parameterLiteral() throws -> Value {
        skipSpaces()
        if position < bytes.count, bytes[position] == UInt8(ascii: "'") { return .string(try quotedString()) }
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
            position += 1
        }
        while position < bytes.count {
            let byte = bytes[position]
            let isExponentSign =
                (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"))
                && (bytes[position - 1] | 0x20) == UInt8(ascii: "e")
            guard
                (0x30...0x39).contains(byte) || byte == UInt8(ascii: ".") || (byte | 0x20) == UInt8(ascii: "e")
                    || isExponentSign
            else { break }
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let unsigned = UInt64(text) { return .uint(unsigned) }
        if let signed = Int64(text) { return .int(signed) }
        if let float = Double(text) { return .float(float) }
        throw DataType.unknown(String(decoding: bytes, as: UTF8.self))
    }

    /// The words after a type's first word that belong to its name (`PRECISION` after `DOUBLE`), upper-cased
    /// and space-separated, or nil; an integer's display width (`INT(11)`) is skipped on the way.
    mutating func nameSuffix(after firstWord: String) -> String? {
        let upper = firstWord.uppercased()
        if DataType.integerNamesWithModifiers.contains(upper), peek("(") {
            let save = position
            position += 1
            skipSpaces()
            _ = identifier()
            if peek(")") {
                position += 1
            } else {
                position = save
                return nil
            }
        }
        for words in DataType.nameSuffixes(after: upper) {
            let save = position
            if words.allSatisfy({ bareWord() == $0 }) { return words.joined(separator: " ") }
            position = save
        }
        return nil
    }

    /// The next unquoted word, upper-cased (empty when none).
    mutating func bareWord() -> String {
        skipSpaces()
        guard position < bytes.count, bytes[position] != UInt8(ascii: "`"), bytes[position] != UInt8(ascii: "\"")
        else { return "" }
        return identifier().uppercased()
    }

    /// Skips a balanced `( … )` (quoted text inside may hold parentheses).
    mutating func skipArguments() throws {
        var level = 0
        repeat {
            guard position < bytes.count else { throw DataType.unknown(String(decoding: bytes, as: UTF8.self)) }
            switch bytes[position] {
            case UInt8(ascii: "("): level += 1
            case UInt8(ascii: ")"): level -= 1
            case UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "\""):
                guard let close = StringLiteral.closingQuote(in: bytes, openingAt: position, quote: bytes[position])
                else { throw DataType.unknown(String(decoding: bytes, as: UTF8.self)) }
                position = close
            default: break
            }
            position += 1
        } while level > 0
    }

    /// A `'…'` literal, its escapes read as the SQL parser reads them.
    mutating func quotedString() throws -> String {
        skipSpaces()
        let quote = UInt8(ascii: "'")
        guard position < bytes.count, bytes[position] == quote,
            let close = StringLiteral.closingQuote(in: bytes, openingAt: position, quote: quote)
        else { throw DataType.unknown(String(decoding: bytes, as: UTF8.self)) }
        let text = StringLiteral.unescape(bytes, from: position + 1, to: close, quote: quote)
        position = close + 1
        return String(decoding: text, as: UTF8.self)
    }

    mutating func consumeComma() -> Bool {
        if peek(",") {
            position += 1
            return true
        }
        return false
    }
}
