import Foundation
import SHCore
import SHTestSupport
import Testing

@Suite struct DataTypeTests {
    /// `columns.txt` of ClickHouse 26.9's Wide part with 34 column types (`formats/types_wide_default`).
    static func fixtureTypeNames() throws -> [String] {
        let url = PythonEnvironment.clickHouseFixtures.appendingPathComponent(
            "formats/types_wide_default/data/db/tw_def/all_1_1_0/columns.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst(2).map { line in
            let afterName = line.index(after: line.dropFirst().firstIndex(of: "`")!)
            return line[afterName...].trimmingCharacters(in: .whitespaces)
        }
    }

    /// Every type of that fixture (Date32, DateTime64, Decimal, Enum8, IPv4, IPv6 and Map included) parses and
    /// prints its name back.
    @Test func clickHouseTypeNamesRoundTrip() throws {
        let names = try Self.fixtureTypeNames()
        #expect(names.count == 34)
        for name in names {
            let type = try DataType(parsing: name)
            #expect(type.description == name)
        }
    }

    @Test func parsedStructure() throws {
        #expect(try DataType(parsing: "Int8") == .int8)
        #expect(try DataType(parsing: "UInt64") == .uint64)
        #expect(try DataType(parsing: "Float32") == .float32)
        #expect(try DataType(parsing: "FixedString(16)") == .fixedString(16))
        #expect(try DataType(parsing: "Nullable(Int8)") == .nullable(.int8))
        #expect(try DataType(parsing: "Array(Nullable(String))") == .array(.nullable(.string)))
        #expect(try DataType(parsing: "LowCardinality(Nullable(String))") == .lowCardinality(.nullable(.string)))
        #expect(try DataType(parsing: "Array(Array(UInt8))") == .array(.array(.uint8)))
        #expect(try DataType(parsing: "Tuple(Int32, String)") == .tuple([.int32, .string], names: []))
        #expect(
            try DataType(parsing: "Tuple(x Array(String), y Tuple(Float64, UUID))")
                == .tuple([.array(.string), .tuple([.float64, .uuid], names: [])], names: ["x", "y"]))
    }

    @Test func everySupportedTypePrintsItsClickHouseName() throws {
        let cases: [(DataType, String)] = [
            (.int8, "Int8"), (.int16, "Int16"), (.int32, "Int32"), (.int64, "Int64"),
            (.uint8, "UInt8"), (.uint16, "UInt16"), (.uint32, "UInt32"), (.uint64, "UInt64"),
            (.float32, "Float32"), (.float64, "Float64"), (.string, "String"), (.fixedString(3), "FixedString(3)"),
            (.date, "Date"), (.dateTime, "DateTime"), (.uuid, "UUID"), (.bool, "Bool"),
            (.nullable(.uint8), "Nullable(UInt8)"), (.array(.date), "Array(Date)"),
            (.lowCardinality(.string), "LowCardinality(String)"),
            (.tuple([.int8, .array(.string)], names: ["a", "b"]), "Tuple(a Int8, b Array(String))"),
            (.nullable(.nothing), "Nullable(Nothing)"),
            (.dateTime64(3, timeZone: nil), "DateTime64(3)"), (.dateTime64(9, timeZone: "UTC"), "DateTime64(9, 'UTC')"),
            (.date32, "Date32"), (.map(.string, .array(.uint8)), "Map(String, Array(UInt8))"), (.ipv4, "IPv4"),
            (.ipv6, "IPv6"),
            (.enum8([EnumElement(name: "a'b", value: -1)]), "Enum8('a\\'b' = -1)"),
            (
                .enum16([EnumElement(name: "x", value: 2), EnumElement(name: "y", value: 1000)]),
                "Enum16('x' = 2, 'y' = 1000)"
            ), (.decimal(precision: 9, scale: 2), "Decimal(9, 2)"),
            (.decimal(precision: 38, scale: 38), "Decimal(38, 38)"),
        ]
        for (type, name) in cases {
            #expect(type.description == name)
            #expect(try DataType(parsing: name) == type)
        }
    }

    /// ClickHouse's case-insensitive aliases, resolved by chdb 26.9 with
    /// `SELECT toTypeName(defaultValueOfTypeName('<alias>'))`.
    @Test func aliasesResolveAsInClickHouse() throws {
        let aliases: [(String, String)] = [
            ("INT", "Int32"), ("BIGINT", "Int64"), ("TINYINT", "Int8"), ("SMALLINT", "Int16"), ("TEXT", "String"),
            ("DOUBLE", "Float64"), ("FLOAT", "Float32"), ("BOOLEAN", "Bool"), ("bool", "Bool"), ("date", "Date"),
            ("Array( Int8 )", "Array(Int8)"), ("Int32 ", "Int32"),
            ("Decimal", "Decimal(10, 0)"), ("DEC(5)", "Decimal(5, 0)"), ("Numeric(20,3)", "Decimal(20, 3)"),
            ("Decimal32(4)", "Decimal(9, 4)"), ("Decimal64(0)", "Decimal(18, 0)"),
            ("Decimal128(10)", "Decimal(38, 10)"),
            ("Enum('x', 'y')", "Enum8('x' = 1, 'y' = 2)"), ("Enum('y' = 1000, 'x')", "Enum16('y' = 1000, 'x' = 1001)"),
            ("enum8('b' = 2, 'a' = -1)", "Enum8('a' = -1, 'b' = 2)"),
            ("DateTime64", "DateTime64(3)"), ("datetime64( 6 , 'Europe/Berlin' )", "DateTime64(6, 'Europe/Berlin')"),
        ]
        for (alias, canonical) in aliases {
            #expect(try DataType(parsing: alias).description == canonical, "\(alias)")
        }
    }

    /// Issue #12: one alias table for the SQL parser and `DataType(parsing:)` (the SQL parser's MySQL-style
    /// string aliases were missing here). Expected names from chdb 26.9,
    /// `SELECT toTypeName(defaultValueOfTypeName('<alias>'))`: string aliases take ignored arguments in any case;
    /// `BINARY(n)` is `FixedString(n)`.
    @Test func stringAliasesAndBinaryAsInClickHouse() throws {
        let aliases: [(String, String)] = [
            ("NVARCHAR", "String"), ("bytea", "String"), ("Character", "String"), ("VARCHAR(255)", "String"),
            ("BINARY(3)", "FixedString(3)"), ("text(10)", "String"), ("longtext(5)", "String"),
            ("varbinary(4)", "String"), ("String(3)", "String"), ("nchar(2)", "String"), ("TinyText", "String"),
            ("MEDIUMBLOB", "String"), ("LongBlob", "String"), ("Tinyblob", "String"), ("MediumText", "String"),
            ("CHAR(3)", "String"), ("Nullable(VARCHAR(10))", "Nullable(String)"), ("Array(\tInt8\r\n)", "Array(Int8)"),
            ("Tuple(\"x\" Int8)", "Tuple(x Int8)"),
        ]
        for (alias, canonical) in aliases {
            #expect(try DataType(parsing: alias).description == canonical, "\(alias)")
        }
    }

    /// Escapes in a type's quoted text read as the SQL parser reads them (`\x41` is `A`, an unknown `\q` stays).
    @Test func quotedTextInTypesUsesTheSQLEscapes() throws {
        #expect(
            try DataType(parsing: "Enum8('a\\x41' = 1, 'b\\q' = 2, 'c''d' = 3)")
                == .enum8([
                    EnumElement(name: "aA", value: 1), EnumElement(name: "b\\q", value: 2),
                    EnumElement(name: "c'd", value: 3),
                ]))
        #expect(try DataType(parsing: "DateTime('Europe/Berl\\x69n')") == .dateTime(timeZone: "Europe/Berlin"))
    }

    /// Deep nesting is TOO_DEEP_RECURSION, not a stack overflow (types come from untrusted `columns.txt` and
    /// Native headers too).
    @Test func deepNestingIsRefused() throws {
        let deep = String(repeating: "Array(", count: 100_000) + "Int8" + String(repeating: ")", count: 100_000)
        let error = #expect(throws: DatabaseError.self) { try DataType(parsing: deep) }
        #expect(error?.code == .tooDeepRecursion)
        let moderate = String(repeating: "Array(", count: 300) + "Int8" + String(repeating: ")", count: 300)
        #expect(try DataType(parsing: moderate).description == moderate)
    }

    /// Issue #11: `DateTime('zone')` keeps its zone (its text is the zone's wall-clock time); `DateTime` has none.
    @Test func dateTimeKeepsItsTimeZone() throws {
        #expect(try DataType(parsing: "DateTime('Asia/Tokyo')") == .dateTime(timeZone: "Asia/Tokyo"))
        #expect(try DataType(parsing: "DateTime('Asia/Tokyo')").description == "DateTime('Asia/Tokyo')")
        #expect(try DataType(parsing: "Nullable(DateTime('UTC'))").description == "Nullable(DateTime('UTC'))")
        #expect(try DataType(parsing: "DateTime") == .dateTime)
        #expect(DataType.dateTime(timeZone: "UTC").fixedWidth == 4)
        #expect(DataType.dateTime(timeZone: "UTC").isDateTime)
    }

    /// Issue #11: sizes and values beyond ClickHouse's limits are errors, not traps or huge allocations.
    @Test func outOfRangeTypeArgumentsAreArgumentOutOfBound() {
        for text in [
            "FixedString(18446744073709551615)", "FixedString(9223372036854775807)", "FixedString(16777216)",
            "Enum8('a' = 18446744073709551615)", "Enum16('a' = -99999999999999999999)",
            "Enum8('a' = 9223372036854775807, 'b')", "Enum8('a' = 128)",
        ] {
            let error = #expect(throws: DatabaseError.self, "\(text)") { try DataType(parsing: text) }
            #expect(error?.code == .argumentOutOfBound, "\(text)")
        }
    }

    @Test func malformedNamesAreUnknownTypes() {
        for text in [
            "", "Blah", "Array(Int8", "Array()", "Int32 x", "FixedString(0)", "FixedString(x)", "Nullable",
        ] {
            let error = #expect(throws: DatabaseError.self, "\(text)") { try DataType(parsing: text) }
            #expect(error?.code == .unknownType, "\(text)")
        }
    }

    /// chdb 26.9: `CAST(1 AS Decimal(0, 0))` is "Wrong precision: it must be between 1 and 76, got 0", and
    /// `Decimal(5, 6)`, `Decimal32(10)`, `Decimal256(77)` are "Negative scales and scales larger than precision are
    /// not supported", all ARGUMENT_OUT_OF_BOUND; `Decimal(40, 2)` and `Decimal256(3)` are Decimal256 types.
    @Test func decimalPrecisionAndScaleBounds() throws {
        for text in ["Decimal(0, 0)", "Decimal(77, 2)", "Decimal(5, 6)", "Decimal32(10)", "Decimal256(77)"] {
            let error = #expect(throws: DatabaseError.self, "\(text)") { try DataType(parsing: text) }
            #expect(error?.code == .argumentOutOfBound, "\(text)")
        }
        #expect(try DataType(parsing: "Decimal(40, 2)") == .decimal(precision: 40, scale: 2))
        #expect(try DataType(parsing: "Decimal256(3)") == .decimal(precision: 76, scale: 3))
        #expect(try DataType(parsing: "Decimal(40, 2)").fixedWidth == 32)
    }

    /// chdb 26.9: `Code: 50. DB::Exception: Unknown data type family: int32. Maybe you meant: ['Int32','UInt32']`;
    /// the same for `string`, `uuid`, `nullable(Int8)` and `array(String)`. Only aliases such as INT, TEXT, BOOLEAN
    /// are case-insensitive.
    @Test func caseSensitiveNamesRejectOtherSpellings() {
        for text in ["int32", "string", "uuid", "uint8", "nullable(Int8)", "array(String)"] {
            let error = #expect(throws: DatabaseError.self, "\(text)") { try DataType(parsing: text) }
            #expect(error?.code == .unknownType, "\(text)")
        }
    }

    @Test func nullabilityAndWrappers() {
        let type = DataType.lowCardinality(.nullable(.string))
        #expect(type.isNullable)
        #expect(type.removingNullable == .string)
        #expect(type.withoutLowCardinality == .nullable(.string))
        #expect(DataType.array(.lowCardinality(.string)).withoutLowCardinality == .array(.string))
        #expect(!DataType.array(.nullable(.int8)).isNullable)
    }

    /// In-memory widths equal ClickHouse's `byteSize` of one value (chdb: `SELECT byteSize(toInt16(0))` … ).
    @Test func fixedWidths() {
        let widths: [(DataType, Int?)] = [
            (.int8, 1), (.uint16, 2), (.date, 2), (.dateTime, 4), (.float32, 4), (.int64, 8), (.float64, 8),
            (.uuid, 16), (.fixedString(5), 5), (.bool, 1), (.lowCardinality(.uint32), 4), (.string, nil),
            (.array(.int8), nil), (.nullable(.int8), nil),
        ]
        for (type, width) in widths { #expect(type.fixedWidth == width, "\(type)") }
    }
}
