import SHColumns
import SHCore
import SHFormats

/// The bytes a named output format writes for `rows` under `header`, the rows split into chunks of `chunkSize`.
func render(
    _ format: String, _ header: [ColumnDescription], _ rows: [[Value]], settings: FormatSettings = FormatSettings(),
    chunkSize: Int = .max
) throws -> String {
    var output = try FormatRegistry.output(named: format, header: header, settings: settings)
    var out: [UInt8] = []
    var start = 0
    repeat {
        let end = min(rows.count, start + max(1, chunkSize))
        let columns = header.indices.map { index in
            Column(type: header[index].type, values: rows[start..<end].map { $0[index] })
        }
        output.write(Chunk(columns: columns, rowCount: end - start), into: &out)
        start = end
    } while start < rows.count
    output.finish(into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Parses `text` in a named input format and returns the rows.
func parse(_ format: String, _ header: [ColumnDescription], _ text: String) throws -> [[Value]] {
    let columns = try FormatRegistry.parseInput(
        named: format, header: header, data: Array(text.utf8), settings: FormatSettings())
    let count = columns.first?.count ?? 0
    return (0..<count).map { row in columns.map { $0.value(at: row) } }
}

/// Compares rows value by value, treating two NaNs as equal.
func sameRows(_ a: [[Value]], _ b: [[Value]]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in x.count == y.count && zip(x, y).allSatisfy(sameValue) }
}

private func sameValue(_ x: Value, _ y: Value) -> Bool {
    if case .float(let p) = x, case .float(let q) = y, p.isNaN, q.isNaN { return true }
    return x == y
}

/// The tables the chdb queries below produce.
enum Tables {
    /// `SELECT * FROM values('a Int32, s Nullable(String)', (1, 'a\tb'), (-2, 'line\nbreak'), (3, 'back\\slash'),
    /// (4, NULL), (5, 'it''s "q"'))`
    static let escapingHeader = [
        ColumnDescription(name: "a", type: .int32), ColumnDescription(name: "s", type: .nullable(.string)),
    ]
    static let escapingRows: [[Value]] = [
        [.int(1), .string("a\tb")],
        [.int(-2), .string("line\nbreak")],
        [.int(3), .string("back\\slash")],
        [.int(4), .null],
        [.int(5), .string("it's \"q\"")],
    ]

    /// `SELECT toDate('2024-01-31') AS d, toDateTime('2024-02-29 13:04:05', 'UTC') AS dt,
    /// toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0') AS u, true AS b, 1.5::Float64 AS f, -0.1::Float32 AS g,
    /// ['x', 'y''z'] AS arr, 18446744073709551615::UInt64 AS big, -9223372036854775808::Int64 AS small
    /// SETTINGS session_timezone='UTC'` (day 19753 and second 1709211845, from `toUInt16(d)`, `toUnixTimestamp(dt)`).
    static let typedHeader = [
        ColumnDescription(name: "d", type: .date), ColumnDescription(name: "dt", type: .dateTime),
        ColumnDescription(name: "u", type: .uuid), ColumnDescription(name: "b", type: .bool),
        ColumnDescription(name: "f", type: .float64), ColumnDescription(name: "g", type: .float32),
        ColumnDescription(name: "arr", type: .array(.string)), ColumnDescription(name: "big", type: .uint64),
        ColumnDescription(name: "small", type: .int64),
    ]
    static let typedRow: [Value] = [
        .uint(19753), .uint(1_709_211_845), .uuid(high: 0x61f0_c404_5cb3_11e7, low: 0x907b_a600_6ad3_dba0), .uint(1),
        .float(1.5), .float(Double(Float(-0.1))), .array([.string("x"), .string("y'z")]), .uint(UInt64.max),
        .int(Int64.min),
    ]
}
