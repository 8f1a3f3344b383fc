import SHColumns
import SHCore
import SHFormats
import SHTestSupport
import Testing

/// Input formats read back exactly what chdb 26.9 writes for the tables of FormatsTestSupport.swift.
@Suite struct InputFormatTests {
    let header = Tables.escapingHeader
    let rows = Tables.escapingRows

    @Test func tabSeparatedUnescapesAndReadsBackslashNAsNull() throws {
        let text = "1\ta\\tb\n-2\tline\\nbreak\n3\tback\\\\slash\n4\t\\N\n5\tit\\'s \"q\"\n"
        #expect(try parse("TabSeparated", header, text) == rows)
    }

    @Test func tabSeparatedWithNamesSkipsTheFirstLine() throws {
        let text = "a\ts\n1\ta\\tb\n4\t\\N\n"
        #expect(try parse("TSVWithNames", header, text) == [rows[0], rows[3]])
    }

    @Test func tabSeparatedWithWrongFieldCountIsRejected() {
        let error = #expect(throws: DatabaseError.self) { _ = try parse("TabSeparated", header, "1\ta\tb\n") }
        #expect(error?.code == .incorrectData)
    }

    @Test func csvReadsQuotedFieldsDoubledQuotesAndUnquotedNull() throws {
        let text = "1,\"a\tb\"\n-2,\"line\nbreak\"\n3,\"back\\slash\"\n4,\\N\n5,\"it's \"\"q\"\"\"\n"
        #expect(try parse("CSV", header, text) == rows)
    }

    @Test func csvWithNamesSkipsTheHeaderRow() throws {
        let text = "\"a\",\"s\"\n1,\"a\tb\"\n-2,\"line\nbreak\"\n3,\"back\\slash\"\n4,\\N\n5,\"it's \"\"q\"\"\"\n"
        #expect(try parse("CSVWithNames", header, text) == rows)
    }

    @Test func csvAcceptsCRLFLineEndings() throws {
        #expect(try parse("CSV", header, "1,\"x\"\r\n4,\\N\r\n") == [[.int(1), .string("x")], [.int(4), .null]])
    }

    @Test func valuesReadsEscapesAndNull() throws {
        let text = "(1,'a\\tb'),(-2,'line\\nbreak'),(3,'back\\\\slash'),(4,NULL),(5,'it\\'s \"q\"')"
        #expect(try parse("Values", header, text) == rows)
    }

    @Test func jsonEachRowReadsEscapesAndNull() throws {
        let text =
            "{\"a\":1,\"s\":\"a\\tb\"}\n{\"a\":-2,\"s\":\"line\\nbreak\"}\n{\"a\":3,\"s\":\"back\\\\slash\"}\n{\"a\":4,\"s\":null}\n{\"a\":5,\"s\":\"it's \\\"q\\\"\"}\n"
        #expect(try parse("JSONEachRow", header, text) == rows)
    }

    /// Tables.typedRow with `arr = ['x','yz']`: nothing to unescape inside the array.
    static let plainTypedRow: [Value] =
        Array(Tables.typedRow[0..<6]) + [.array([.string("x"), .string("yz")])] + Array(Tables.typedRow[7...])

    @Test func typedValuesFromTabSeparated() throws {
        let text =
            "2024-01-31\t2024-02-29 13:04:05\t61f0c404-5cb3-11e7-907b-a6006ad3dba0\ttrue\t1.5\t-0.1\t['x','yz']\t18446744073709551615\t-9223372036854775808\n"
        #expect(try parse("TabSeparated", Tables.typedHeader, text) == [Self.plainTypedRow])
    }

    /// chdb 26.9 (`INSERT INTO t FORMAT TabSeparated`, t: `arr Array(String), s String`) reads the line
    /// `['x','y\'z']` TAB `q\tr` into `["x","y'z"]`, "q TAB r", and `['a\\b']` into one string of 3 bytes `a\b`:
    /// an array field is read in its quoted form directly, not unescaped first.
    @Test func arraysWithEscapesFromTabSeparated() throws {
        let header = [
            ColumnDescription(name: "arr", type: .array(.string)), ColumnDescription(name: "s", type: .string),
        ]
        let text = "['x','y\\'z']\tq\\tr\n['a\\\\b']\tw\n"
        #expect(
            try parse("TabSeparated", header, text) == [
                [.array([.string("x"), .string("y'z")]), .string("q\tr")],
                [.array([.string("a\\b")]), .string("w")],
            ])
    }

    /// chdb 26.9 reads `1,"a",3,2` for `t Tuple(Int8, Tuple(String, Int8)), x Int8` as `(1,('a',3))`, 2: a tuple's
    /// elements are CSV fields of their own, as ClickHouse writes them.
    @Test func tupleFieldsFromCSV() throws {
        let header = [
            ColumnDescription(name: "t", type: .tuple([.int8, .tuple([.string, .int8], names: [])], names: [])),
            ColumnDescription(name: "x", type: .int8),
        ]
        #expect(
            try parse("CSV", header, "1,\"a\",3,2\n") == [
                [.tuple([.int(1), .tuple([.string("a"), .int(3)])]), .int(2)]
            ])
        let error = #expect(throws: DatabaseError.self) { try parse("CSV", header, "1,\"a\",3\n") }
        #expect(error?.code == .incorrectData)
    }

    @Test func typedValuesFromCSV() throws {
        let text =
            "\"2024-01-31\",\"2024-02-29 13:04:05\",\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\",true,1.5,-0.1,\"['x','y\\'z']\",18446744073709551615,-9223372036854775808\n"
        #expect(try parse("CSV", Tables.typedHeader, text) == [Tables.typedRow])
    }

    @Test func typedValuesFromValues() throws {
        let text =
            "('2024-01-31','2024-02-29 13:04:05','61f0c404-5cb3-11e7-907b-a6006ad3dba0',true,1.5,-0.1,['x','y\\'z'],18446744073709551615,-9223372036854775808)"
        #expect(try parse("Values", Tables.typedHeader, text) == [Tables.typedRow])
    }

    @Test func typedValuesFromJSONEachRow() throws {
        let text =
            "{\"d\":\"2024-01-31\",\"dt\":\"2024-02-29 13:04:05\",\"u\":\"61f0c404-5cb3-11e7-907b-a6006ad3dba0\",\"b\":true,\"f\":1.5,\"g\":-0.1,\"arr\":[\"x\",\"y'z\"],\"big\":18446744073709551615,\"small\":-9223372036854775808}\n"
        #expect(try parse("JSONEachRow", Tables.typedHeader, text) == [Tables.typedRow])
    }

    @Test func floatsFromTabSeparated() throws {
        let header = [ColumnDescription(name: "f", type: .float64)]
        let text = "1e21\n100000000000000000000\n0.000001\n1e-7\n-0\ninf\n-inf\nnan\n0.1\n0.3333333333333333\n"
        let expected: [[Value]] = [1e21, 1e20, 0.000001, 1e-7, -0.0, .infinity, -.infinity, .nan, 0.1, 1.0 / 3].map {
            [.float($0)]
        }
        #expect(sameRows(try parse("TabSeparated", header, text), expected))
    }

    /// Every output format above reads back into the same rows.
    @Test(arguments: ["TabSeparated", "CSV", "Values", "JSONEachRow"])
    func outputReadsBackUnchanged(_ format: String) throws {
        let row = Self.plainTypedRow
        let text = try render(format, Tables.typedHeader, [row, row])
        #expect(try parse(format, Tables.typedHeader, text) == [row, row])
    }

    @Test func badNumberIsACannotParseTextError() {
        let header = [ColumnDescription(name: "a", type: .int32)]
        let error = #expect(throws: DatabaseError.self) { _ = try parse("TabSeparated", header, "x\n") }
        #expect(error?.code == .cannotParseText)
        #expect(error?.message == "Cannot parse string 'x' as Int32: syntax error at begin of string")
    }

    @Test func unknownInputFormatIsRejected() {
        let error = #expect(throws: DatabaseError.self) { _ = try parse("Parquet", header, "") }
        #expect(error?.code == .unknownFormat)
    }
}

/// Issue #12: the input and output formats are one dictionary each (aliases share an entry); the names are
/// ClickHouse's (chdb 26.9's `system.formats` has each with `is_input`/`is_output` as here).
@Suite struct FormatRegistryTests {
    @Test func inputNames() {
        #expect(
            FormatRegistry.inputNames == [
                "CSV", "CSVWithNames", "JSONEachRow", "RowBinary", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes",
                "TSV", "TSVWithNames", "TabSeparated", "TabSeparatedWithNames", "Values",
            ])
    }

    @Test func outputNames() {
        #expect(
            FormatRegistry.outputNames == [
                "CSV", "CSVWithNames", "JSON", "JSONCompact", "JSONEachRow", "Null", "Pretty", "PrettyCompact",
                "PrettyCompactMonoBlock", "RowBinary", "RowBinaryWithNames", "RowBinaryWithNamesAndTypes", "TSV",
                "TSVRaw", "TSVWithNames", "TSVWithNamesAndTypes", "TabSeparated",
                "TabSeparatedRaw", "TabSeparatedWithNames", "TabSeparatedWithNamesAndTypes", "Values", "Vertical",
            ])
    }

    /// Every registered input format is an input format of ClickHouse, every output format an output one.
    @Test func namesAreClickHouseFormats() throws {
        let names = try ClickHouseOracle.lineSets([
            "SELECT name FROM system.formats WHERE is_input", "SELECT name FROM system.formats WHERE is_output",
        ])
        #expect(Set(FormatRegistry.inputNames).isSubset(of: names[0]))
        #expect(Set(FormatRegistry.outputNames).isSubset(of: names[1]))
    }

    @Test func unknownInputFormatIsRejected() {
        let error = #expect(throws: DatabaseError.self) {
            _ = try FormatRegistry.parseInput(named: "Parquet", header: [], data: [], settings: FormatSettings())
        }
        #expect(error?.description == "Code: 73. DB::Exception: Unknown input format Parquet. (UNKNOWN_FORMAT)")
    }
}
