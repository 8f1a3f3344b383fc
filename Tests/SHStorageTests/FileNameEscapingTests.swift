import SHStorage
import Testing

/// ClickHouse's `escapeForFileName`. Expected names are the `.bin` files chdb 26.9 wrote for a Wide part of
/// `CREATE TABLE e.t (`a.b` Int8, `x y` Int8, `ü` Int8, `per%cent` Int8, `Mixed_Case09` Int8, `q"'/\` Int8,
/// `-dash` Int8) … SETTINGS min_bytes_for_wide_part=0`.
@Suite struct FileNameEscapingTests {
    static let clickHouseNames: [(column: String, file: String)] = [
        ("a.b", "a%2Eb"),
        ("x y", "x%20y"),
        ("ü", "%C3%BC"),
        ("per%cent", "per%25cent"),
        ("Mixed_Case09", "Mixed_Case09"),
        ("q\"'/\\", "q%22%27%2F%5C"),
        ("-dash", "%2Ddash"),
    ]

    @Test(arguments: clickHouseNames.indices)
    func escapesAsClickHouse(_ index: Int) {
        let (column, file) = Self.clickHouseNames[index]
        #expect(escapeForFileName(column) == file)
        #expect(unescapeForFileName(file) == column)
    }

    @Test func unescapingKeepsInvalidEscapes() {
        #expect(unescapeForFileName("50%") == "50%")
        #expect(unescapeForFileName("a%zzb") == "a%zzb")
        #expect(unescapeForFileName("%4") == "%4")
        #expect(unescapeForFileName("%41%42") == "AB")
    }
}
