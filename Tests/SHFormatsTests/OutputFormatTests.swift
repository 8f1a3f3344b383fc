import SHColumns
import SHCore
import SHFormats
import Testing

/// Output formats, byte for byte against chdb 26.9 (`chdb.query(<query>, '<format>')`; the queries are those of
/// `Tables` in FormatsTestSupport.swift unless a test names another).
@Suite struct OutputFormatTests {
    let header = Tables.escapingHeader
    let rows = Tables.escapingRows

    @Test func tabSeparatedEscapesTabNewlineBackslashQuoteAndWritesNullAsBackslashN() throws {
        #expect(
            try render("TabSeparated", header, rows)
                == "1\ta\\tb\n-2\tline\\nbreak\n3\tback\\\\slash\n4\t\\N\n5\tit\\'s \"q\"\n")
    }

    @Test func tabSeparatedOutputDoesNotDependOnChunking() throws {
        #expect(try render("TSV", header, rows, chunkSize: 2) == render("TabSeparated", header, rows))
    }

    @Test func tabSeparatedWithNamesAndTypes() throws {
        #expect(
            try render("TabSeparatedWithNamesAndTypes", header, rows)
                == "a\ts\nInt32\tNullable(String)\n1\ta\\tb\n-2\tline\\nbreak\n3\tback\\\\slash\n4\t\\N\n5\tit\\'s \"q\"\n"
        )
    }

    @Test func tabSeparatedWithNamesWritesTheHeaderEvenWithoutRows() throws {
        #expect(try render("TSVWithNames", header, []) == "a\ts\n")
    }

    @Test func tabSeparatedRawDoesNotEscapeStrings() throws {
        #expect(
            try render("TabSeparatedRaw", header, rows)
                == "1\ta\tb\n-2\tline\nbreak\n3\tback\\slash\n4\t\\N\n5\tit's \"q\"\n")
    }

    @Test func csvQuotesStringsAndDoublesQuotes() throws {
        #expect(
            try render("CSV", header, rows)
                == "1,\"a\tb\"\n-2,\"line\nbreak\"\n3,\"back\\slash\"\n4,\\N\n5,\"it's \"\"q\"\"\"\n")
    }

    @Test func csvWithNames() throws {
        #expect(
            try render("CSVWithNames", header, rows)
                == "\"a\",\"s\"\n1,\"a\tb\"\n-2,\"line\nbreak\"\n3,\"back\\slash\"\n4,\\N\n5,\"it's \"\"q\"\"\"\n")
    }

    @Test func jsonEachRow() throws {
        #expect(
            try render("JSONEachRow", header, rows)
                == "{\"a\":1,\"s\":\"a\\tb\"}\n{\"a\":-2,\"s\":\"line\\nbreak\"}\n{\"a\":3,\"s\":\"back\\\\slash\"}\n{\"a\":4,\"s\":null}\n{\"a\":5,\"s\":\"it's \\\"q\\\"\"}\n"
        )
    }

    @Test func values() throws {
        #expect(
            try render("Values", header, rows)
                == "(1,'a\\tb'),(-2,'line\\nbreak'),(3,'back\\\\slash'),(4,NULL),(5,'it\\'s \"q\"')")
    }

    @Test func valuesSeparatesRowsAcrossChunks() throws {
        #expect(try render("Values", header, rows, chunkSize: 1) == render("Values", header, rows))
    }

    // MARK: - Pretty

    /// `SELECT * FROM values('x UInt32, s Nullable(String)', (1, 'a'), (1000, 'hello'), (7, NULL))
    /// SETTINGS output_format_pretty_row_numbers=0`, format PrettyCompact.
    static let prettyHeader = [
        ColumnDescription(name: "x", type: .uint32), ColumnDescription(name: "s", type: .nullable(.string)),
    ]
    static let prettyRows: [[Value]] = [
        [.uint(1), .string("a")], [.uint(1000), .string("hello")], [.uint(7), .null],
    ]

    @Test func prettyCompactOfTwoColumns() throws {
        #expect(
            try render("PrettyCompact", Self.prettyHeader, Self.prettyRows)
                == "┌────x─┬─s─────┐\n│    1 │ a     │\n│ 1000 │ hello │\n│    7 │ ᴺᵁᴸᴸ  │\n└──────┴───────┘\n")
    }

    /// The same query with `output_format_pretty_row_numbers=1` (ClickHouse's default).
    @Test func prettyCompactWithRowNumbers() throws {
        var settings = FormatSettings()
        settings.prettyRowNumbers = true
        #expect(
            try render("PrettyCompact", Self.prettyHeader, Self.prettyRows, settings: settings, chunkSize: 2)
                == "   ┌────x─┬─s─────┐\n1. │    1 │ a     │\n2. │ 1000 │ hello │\n3. │    7 │ ᴺᵁᴸᴸ  │\n   └──────┴───────┘\n"
        )
    }

    @Test func prettyRowNumbersSettingIsReadFromTheSettingsMap() {
        #expect(FormatSettings(settings: ["output_format_pretty_row_numbers": .uint(1)]).prettyRowNumbers)
        #expect(FormatSettings(settings: ["output_format_pretty_row_numbers": .string("true")]).prettyRowNumbers)
        #expect(!FormatSettings(settings: ["output_format_pretty_row_numbers": .string("0")]).prettyRowNumbers)
        #expect(!FormatSettings().prettyRowNumbers)
    }

    // MARK: - Types

    @Test func typedValuesInTabSeparated() throws {
        #expect(
            try render("TabSeparated", Tables.typedHeader, [Tables.typedRow])
                == "2024-01-31\t2024-02-29 13:04:05\t61f0c404-5cb3-11e7-907b-a6006ad3dba0\ttrue\t1.5\t-0.1\t['x','y\\'z']\t18446744073709551615\t-9223372036854775808\n"
        )
    }

    @Test func typedValuesInCSV() throws {
        #expect(
            try render("CSV", Tables.typedHeader, [Tables.typedRow])
                == "\"2024-01-31\",\"2024-02-29 13:04:05\",\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\",true,1.5,-0.1,\"['x','y\\'z']\",18446744073709551615,-9223372036854775808\n"
        )
    }

    @Test func typedValuesInJSONEachRow() throws {
        #expect(
            try render("JSONEachRow", Tables.typedHeader, [Tables.typedRow])
                == "{\"d\":\"2024-01-31\",\"dt\":\"2024-02-29 13:04:05\",\"u\":\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\",\"b\":true,\"f\":1.5,\"g\":-0.1,\"arr\":[\"x\",\"y'z\"],\"big\":18446744073709551615,\"small\":-9223372036854775808}\n"
        )
    }

    @Test func typedValuesInValues() throws {
        #expect(
            try render("Values", Tables.typedHeader, [Tables.typedRow])
                == "('2024-01-31','2024-02-29 13:04:05','61f0c404-5cb3-11e7-907b-a6006ad3dba0',true,1.5,-0.1,['x','y\\'z'],18446744073709551615,-9223372036854775808)"
        )
    }

    /// `SELECT * FROM values('f Float64', 1e21, 1e20, 123456789012, 0.000001, 1e-7, -0.0, inf, -inf, nan, 0.1, 1/3)`.
    static let floats: [Double] = [
        1e21, 1e20, 123_456_789_012, 0.000001, 1e-7, -0.0, .infinity, -.infinity, .nan, 0.1, 1.0 / 3,
    ]
    static let floatHeader = [ColumnDescription(name: "f", type: .float64)]

    @Test func floatsInTabSeparated() throws {
        #expect(
            try render("TabSeparated", Self.floatHeader, Self.floats.map { [.float($0)] })
                == "1e21\n100000000000000000000\n123456789012\n0.000001\n1e-7\n-0\ninf\n-inf\nnan\n0.1\n0.3333333333333333\n"
        )
    }

    @Test func nonFiniteFloatsAreNullInJSON() throws {
        #expect(
            try render("JSONEachRow", Self.floatHeader, Self.floats.map { [.float($0)] })
                == "{\"f\":1e21}\n{\"f\":100000000000000000000}\n{\"f\":123456789012}\n{\"f\":0.000001}\n{\"f\":1e-7}\n{\"f\":-0}\n{\"f\":null}\n{\"f\":null}\n{\"f\":null}\n{\"f\":0.1}\n{\"f\":0.3333333333333333}\n"
        )
    }

    /// `SELECT (1, 'p')::Tuple(Int8, String) AS t, (2, 'q')::Tuple(a Int8, b String) AS nt`.
    static let tupleHeader = [
        ColumnDescription(name: "t", type: .tuple([.int8, .string], names: [])),
        ColumnDescription(name: "nt", type: .tuple([.int8, .string], names: ["a", "b"])),
    ]
    static let tupleRow: [Value] = [.tuple([.int(1), .string("p")]), .tuple([.int(2), .string("q")])]

    @Test func tuplesInTabSeparatedAndValues() throws {
        #expect(try render("TabSeparated", Self.tupleHeader, [Self.tupleRow]) == "(1,'p')\t(2,'q')\n")
        #expect(try render("Values", Self.tupleHeader, [Self.tupleRow]) == "((1,'p'),(2,'q'))")
    }

    @Test func tuplesInCSV() throws {
        #expect(try render("CSV", Self.tupleHeader, [Self.tupleRow]) == "1,\"p\",2,\"q\"\n")
    }

    /// chdb 26.9: `SELECT (1, 'p')::Tuple(Int8, String) AS t, (2, 'q')::Tuple(a Int8, b String) AS nt
    /// FORMAT CSVWithNames` names a tuple's fields `t.1` or `nt.a`; a `Nullable(Tuple)` stays one quoted field.
    @Test func tupleFieldsInCSVWithNames() throws {
        #expect(
            try render("CSVWithNames", Self.tupleHeader, [Self.tupleRow])
                == "\"t.1\",\"t.2\",\"nt.a\",\"nt.b\"\n1,\"p\",2,\"q\"\n")
        let nullable = [ColumnDescription(name: "n", type: .nullable(.tuple([.int8, .string], names: [])))]
        #expect(
            try render("CSVWithNames", nullable, [[.tuple([.int(1), .string("p")])], [.null]])
                == "\"n\"\n\"(1,'p')\"\n\\N\n")
    }

    /// chdb 26.9 `formatReadableQuantity` and Pretty tips: `12345678 -- 12.35 million`; above the threshold only
    /// (1000000 gets none); no tip for inf, nan or 1e17…1.844675e19 (64-bit hashes); ties round away from zero
    /// (1125000 → 1.13 million); beyond vigintillion the digits are exact (1e80 → 100000000000000016.00), from 1e60
    /// vigintillion on the shortest form (1e301 → 9.999999999999998e237).
    @Test func prettyTipsAfterLargeNumbers() throws {
        let header = [ColumnDescription(name: "x", type: .float64)]
        let cases: [(Double, String)] = [
            (12_345_678, " -- 12.35 million"), (1_000_000, ""), (1_125_000, " -- 1.13 million"),
            (-12_345_678, " -- -12.35 million"), (.infinity, ""), (.nan, ""), (1e18, ""),
            (1e17, " -- 100.00 quadrillion"),
            (1e30, " -- 1.00 nonillion"), (1e80, " -- 100000000000000016.00 vigintillion"),
            (1e301, " -- 9.999999999999998e237 vigintillion"),
        ]
        for (value, tip) in cases {
            let text = try render("Vertical", header, [[.float(value)]])
            #expect(text.hasSuffix(tip + "\n"), "\(value): \(text)")
            #expect(text.contains(" -- ") == !tip.isEmpty, "\(value): \(text)")
        }
    }

    /// chdb 26.9: `SELECT number * 1000000 AS x, 'y' AS y, number * 1000000 AS z FROM numbers(3) FORMAT PrettyCompact`
    /// writes a tip after each row whose last column is a number above the threshold.
    @Test func prettyTipsFollowTheLastColumnOfEachRow() throws {
        let header = [ColumnDescription(name: "s", type: .string), ColumnDescription(name: "z", type: .uint64)]
        #expect(
            try render("PrettyCompact", header, [[.string("y"), .uint(1_000_000)], [.string("y"), .uint(2_000_000)]])
                == "┌─s─┬───────z─┐\n│ y │ 1000000 │\n│ y │ 2000000 │ -- 2.00 million\n└───┴─────────┘\n")
        #expect(
            try render("PrettyCompact", header.reversed(), [[.uint(2_000_000), .string("y")]])
                == "┌───────z─┬─s─┐\n│ 2000000 │ y │\n└─────────┴───┘\n")
    }

    @Test func tuplesInJSONEachRow() throws {
        #expect(
            try render("JSONEachRow", Self.tupleHeader, [Self.tupleRow])
                == "{\"t\":[1,\"p\"],\"nt\":{\"a\":2,\"b\":\"q\"}}\n")
    }

    @Test func unknownFormatIsRejected() {
        let error = #expect(throws: DatabaseError.self) {
            _ = try FormatRegistry.output(named: "NoSuchFormat", header: [], settings: FormatSettings())
        }
        #expect(error?.code == .unknownFormat)
    }
}
