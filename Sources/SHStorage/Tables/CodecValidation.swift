import SHCore
import SHSQL

/// ClickHouse's checks of a column's `CODEC(...)` at CREATE and ALTER (`CompressionCodecFactory::
/// validateCodecAndGetPreprocessedAST`): every codec's family is known and its parameters are valid for the type of
/// the values it compresses, and — unless `allow_suspicious_codecs` — the chain makes sense (NONE alone, something
/// that compresses, generic compression last, encryption after everything, floating-point codecs on floats only).
/// Each failure is ClickHouse's error code and text. Encryption codecs, which SwiftHouse cannot write, are refused
/// with NOT_IMPLEMENTED, so no column is silently written with another codec than the one asked for.
public enum CodecValidation {
    /// Validates `codecs` for a column of `type`; `sanityCheck` is false with `allow_suspicious_codecs`.
    public static func validate(_ codecs: [Expression], type: DataType, sanityCheck: Bool) throws {
        // The codec is checked against every stream of values it compresses (a Tuple's elements, a Map's keys and
        // values; Nullable, Array and LowCardinality unwrapped), as ClickHouse does per substream.
        let streams = valueTypes(of: type)
        var descriptions: [String] = []
        var roles: [CodecFamily.Role] = []
        for codec in codecs {
            let (name, arguments) = try parts(of: codec)
            if name == "Multiple" {
                throw DatabaseError(.unknownCodec, "Codec Multiple cannot be specified directly.")
            }
            guard let family = families[name] else {
                throw DatabaseError(.unknownCodec, "Unknown codec family: \(name)")
            }
            for valueType in streams { try family.check(name, arguments, valueType) }
            let width = streams.first?.fixedWidth
            descriptions.append(SQLFormatter.format(CreateTableQuery.normalizedCodec(codec, width: width)))
            roles.append(family.role)
        }
        guard sanityCheck else { return }
        try checkChain(roles, description: descriptions.joined(separator: ", "), type: type)
    }

    private static func checkChain(_ roles: [CodecFamily.Role], description: String, type: DataType) throws {
        let note = "(Note: you can enable setting 'allow_suspicious_codecs' to skip this check)"
        let encryptions = roles.filter { $0 == .encryption }.count
        if roles.count > 1, roles.contains(.none) {
            throw DatabaseError(
                .badArguments,
                "It does not make sense to have codec NONE along with other compression codecs: \(description). \(note)."
            )
        }
        if !roles.contains(where: \.compresses), !roles.contains(.none), encryptions != roles.count {
            throw DatabaseError(
                .badArguments,
                "Compression codec \(description) does not compress anything. You may want to add generic compression algorithm after other transformations, like: \(description), LZ4. \(note)."
            )
        }
        if let firstEncryption = roles.firstIndex(of: .encryption), firstEncryption != roles.count - encryptions {
            throw DatabaseError(
                .badArguments,
                "The combination of compression codecs \(description) is meaningless, because it does not make sense to apply any non-post-processing codecs after post-processing ones. \(note)."
            )
        }
        let lastFloating = roles.lastIndex(of: .floatingPointTimeSeries)
        if lastFloating != nil, !containsFloat(type) {
            throw DatabaseError(
                .badArguments,
                "The combination of compression codecs \(description) is meaningless, because it does not make sense to apply a floating-point time series codec to non-floating-point columns \(note)."
            )
        }
        if let lastFloating, let firstDelta = roles.firstIndex(where: \.isDelta), firstDelta < lastFloating {
            throw DatabaseError(
                .badArguments,
                "The combination of compression codecs \(description) is meaningless, because floating point time series codecs do delta compression implicitly by themselves. \(note)."
            )
        }
        if let firstGeneric = roles.firstIndex(of: .generic), firstGeneric != roles.count - 1 - encryptions {
            throw DatabaseError(
                .badArguments,
                "The combination of compression codecs \(description) is meaningless, because it does not make sense to apply any transformations after generic compression algorithm. \(note)."
            )
        }
    }

    /// ClickHouse's `innerDataTypeIsFloat`: a float, or one inside Nullable, Array or Tuple (not LowCardinality).
    private static func containsFloat(_ type: DataType) -> Bool {
        switch type {
        case .float32, .float64: true
        case .nullable(let inner), .array(let inner): containsFloat(inner)
        case .tuple(let items, _): items.contains(where: containsFloat)
        default: false
        }
    }

    private static func valueTypes(of type: DataType) -> [DataType] {
        switch type {
        case .nullable(let inner), .array(let inner), .lowCardinality(let inner): valueTypes(of: inner)
        case .tuple(let items, _): items.flatMap(valueTypes(of:))
        case .map(let key, let value): valueTypes(of: key) + valueTypes(of: value)
        default: [type]
        }
    }

    private static func parts(of codec: Expression) throws -> (String, [Expression]?) {
        switch codec {
        case .identifier(let parts) where parts.count == 1: return (parts[0], nil)
        case .function(let call): return (call.name, call.arguments)
        default: throw DatabaseError(.unexpectedASTStructure, "Unexpected AST element for compression codec")
        }
    }

    static let families: [String: CodecFamily] = [
        "NONE": CodecFamily(role: .none, check: CodecFamily.withoutArguments),
        "LZ4": CodecFamily(role: .generic, check: CodecFamily.withoutArguments),
        "Default": CodecFamily(role: .generic) { _, arguments, _ in
            guard arguments == nil else {
                throw DatabaseError(
                    .badArguments,
                    "Default codec cannot have any arguments, it's just an alias for codec specified in config.xml")
            }
        },
        "LZ4HC": CodecFamily(role: .generic) { name, arguments, _ in
            try CodecFamily.count(name, arguments, allowed: 0...1, text: "must have 1 parameter")
            if let first = arguments?.first { _ = try CodecFamily.integer(first, name: name, unsigned: false) }
        },
        "ZSTD": CodecFamily(role: .generic) { name, arguments, _ in
            try CodecFamily.count(name, arguments, allowed: 0...2, text: "must have 1 or 2 parameters")
            guard let arguments, let first = arguments.first else { return }
            let level = try CodecFamily.integer(first, name: name, unsigned: false)
            if level > 22 {
                throw DatabaseError(
                    .illegalCodecParameter, "ZSTD codec can't have level more than 22, given \(level)")
            }
            if arguments.count == 2 {
                let windowLog = try CodecFamily.integer(arguments[1], name: name, unsigned: false)
                guard (10...31).contains(windowLog) else {
                    throw DatabaseError(
                        .illegalCodecParameter,
                        "ZSTD codec can't have window log more than 31 and lower than 10, given \(windowLog)")
                }
            }
        },
        "Delta": CodecFamily(role: .delta) { name, arguments, type in
            try CodecFamily.width(name, arguments, type, valuesName: "Delta value for delta codec", kind: .fixedSize)
        },
        "DoubleDelta": CodecFamily(role: .compressingDelta) { name, arguments, type in
            try CodecFamily.width(
                name, arguments, type, valuesName: "Argument value for DoubleDelta codec", kind: .numeric)
        },
        "Gorilla": CodecFamily(role: .floatingPointTimeSeries) { name, arguments, type in
            try CodecFamily.width(
                name, arguments, type, valuesName: "Argument value for Gorilla codec", kind: .fixedSize)
        },
        "FPC": CodecFamily(role: .floatingPointTimeSeries) { name, arguments, type in
            guard (arguments?.count ?? 0) <= 2 else {
                throw DatabaseError(
                    .illegalSyntaxForCodecType,
                    "Codec 'FPC' must have from 0 to 2 parameters, given \(arguments?.count ?? 0)")
            }
            if let level = arguments?.first {
                guard (1...28).contains(try CodecFamily.integer(level, name: name, unsigned: true)) else {
                    throw DatabaseError(.illegalCodecParameter, "Codec 'FPC' level must be between 1 and 28.")
                }
            }
            if let arguments, arguments.count == 2 {
                let size = try CodecFamily.integer(arguments[1], name: name, unsigned: true)
                guard size == 4 || size == 8 else {
                    throw DatabaseError(
                        .illegalCodecParameter, "Float size for codec 'FPC' can be 4 or 8, given \(size)")
                }
            }
            guard type == .float32 || type == .float64 else {
                throw DatabaseError(
                    .badArguments, "Codec 'FPC' is not applicable for \(type) because the data type is not Float*")
            }
        },
        "T64": CodecFamily(role: .compressing) { name, arguments, type in
            guard (arguments?.count ?? 0) <= 1 else {
                throw DatabaseError(
                    .illegalSyntaxForCodecType, "T64 support zero or one parameter, given \(arguments?.count ?? 0)")
            }
            if let mode = arguments?.first {
                guard case .literal(let literal) = mode, case .string(let text) = literal else {
                    throw DatabaseError(.badGet, "Bad get: has UInt64, requested String")
                }
                guard text == "byte" || text == "bit" else {
                    throw DatabaseError(.illegalCodecParameter, "Wrong modification for T64: \(text)")
                }
            }
            let supported: Bool =
                switch type {
                case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .bool, .date, .date32,
                    .dateTime, .dateTime64, .enum8, .enum16, .ipv4:
                    true
                case .decimal(let precision, _): DataType.decimalWidth(precision) <= 8
                default: false
                }
            guard supported else {
                throw DatabaseError(
                    .illegalSyntaxForCodecType, "T64 codec is not supported for specified type \(type)")
            }
        },
        "GCD": CodecFamily(role: .transformation) { name, arguments, type in
            if let arguments, !arguments.isEmpty {
                throw DatabaseError(
                    .illegalSyntaxForCodecType, "GCD codec must have 0 parameters, given \(arguments.count)")
            }
            let supported: Bool =
                switch type {
                case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .bool, .date, .date32,
                    .dateTime, .dateTime64, .decimal:
                    true
                default: false
                }
            guard supported else {
                throw DatabaseError(
                    .badArguments,
                    "Codec GCD cannot be applied to column \(type) because it can only be used with Int*, UInt*, Decimal*, Date* or DateTime* types"
                )
            }
        },
        "AES_128_GCM_SIV": CodecFamily(role: .encryption, check: CodecFamily.encryption),
        "AES_256_GCM_SIV": CodecFamily(role: .encryption, check: CodecFamily.encryption),
    ]
}

/// One codec family: what it does in a chain, and the check of its parameters against a type of values.
struct CodecFamily: Sendable {
    enum Role: Equatable, Sendable {
        case none, generic, delta, compressingDelta, floatingPointTimeSeries, compressing, transformation, encryption

        /// Whether the codec makes data smaller (ClickHouse's `isCompression`).
        var compresses: Bool {
            switch self {
            case .generic, .compressingDelta, .floatingPointTimeSeries, .compressing: true
            case .none, .delta, .transformation, .encryption: false
            }
        }

        /// ClickHouse's `isDeltaCompression`.
        var isDelta: Bool { self == .delta || self == .compressingDelta }
    }

    enum WidthKind { case fixedSize, numeric }

    let role: Role
    let check: @Sendable (_ name: String, _ arguments: [Expression]?, _ type: DataType) throws -> Void

    static func withoutArguments(_ name: String, _ arguments: [Expression]?, _ type: DataType) throws {
        guard arguments == nil else {
            throw DatabaseError(.dataTypeCannotHaveArguments, "Compression codec \(name) cannot have arguments.")
        }
    }

    static func encryption(_ name: String, _ arguments: [Expression]?, _ type: DataType) throws {
        if let arguments, !arguments.isEmpty {
            throw DatabaseError(
                .illegalSyntaxForCodecType, "Codec \(name) must not have parameters, given \(arguments.count)")
        }
        throw DatabaseError(
            .notImplemented,
            "Codec \(name) is not supported by SwiftHouse: it has no encryption keys, so it cannot write such a column")
    }

    static func count(_ name: String, _ arguments: [Expression]?, allowed: ClosedRange<Int>, text: String) throws {
        let count = arguments?.count ?? 0
        guard allowed.contains(count) else {
            throw DatabaseError(.illegalSyntaxForCodecType, "\(name) codec \(text), given \(count)")
        }
    }

    static func integer(_ argument: Expression, name: String, unsigned: Bool) throws -> Int64 {
        guard case .literal(let literal) = argument else {
            throw DatabaseError(
                .illegalCodecParameter, "\(name) codec argument must be \(unsigned ? "unsigned " : "")integer")
        }
        switch literal {
        case .unsignedInteger(let value): return Int64(clamping: value)
        case .integer(let value) where !unsigned: return value
        case .string where !unsigned: throw DatabaseError(.badGet, "Bad get: has String, requested UInt64")
        default:
            throw DatabaseError(
                .illegalCodecParameter, "\(name) codec argument must be \(unsigned ? "unsigned " : "")integer")
        }
    }

    /// Delta, DoubleDelta and Gorilla: an explicit width of 1, 2, 4 or 8, or the width of a type they apply to.
    static func width(
        _ name: String, _ arguments: [Expression]?, _ type: DataType, valuesName: String, kind: WidthKind
    ) throws {
        if let arguments {
            try count(name, arguments, allowed: 1...1, text: "must have 1 parameter")
            let width = try integer(arguments[0], name: name, unsigned: true)
            guard [1, 2, 4, 8].contains(width) else {
                throw DatabaseError(.illegalCodecParameter, "\(valuesName) can be 1, 2, 4 or 8, given \(width)")
            }
            return
        }
        let applies: Bool =
            switch kind {
            case .fixedSize: type.fixedWidth != nil && type != .nothing
            case .numeric:
                switch type {
                case .fixedString, .uuid, .ipv6, .nothing: false
                default: type.fixedWidth != nil
                }
            }
        guard applies else {
            let reason = kind == .numeric ? "not numeric" : "not of fixed size"
            throw DatabaseError(
                .badArguments, "Codec \(name) is not applicable for \(type) because the data type is \(reason)")
        }
        guard let width = type.fixedWidth, [1, 2, 4, 8].contains(width) else {
            throw DatabaseError(
                .badArguments,
                "Codec \(name) is only applicable for data types of size 1, 2, 4, 8 bytes. Given type \(type)")
        }
    }
}

extension ErrorCode {
    static let unknownCodec = ErrorCode(432, "UNKNOWN_CODEC")
    static let illegalCodecParameter = ErrorCode(433, "ILLEGAL_CODEC_PARAMETER")
    static let illegalSyntaxForCodecType = ErrorCode(431, "ILLEGAL_SYNTAX_FOR_CODEC_TYPE")
    static let dataTypeCannotHaveArguments = ErrorCode(378, "DATA_TYPE_CANNOT_HAVE_ARGUMENTS")
    static let badGet = ErrorCode(170, "BAD_GET")
    static let unexpectedASTStructure = ErrorCode(223, "UNEXPECTED_AST_STRUCTURE")
}
