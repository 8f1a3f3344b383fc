import SHColumns
import SHCore
import SHTestSupport
import Testing

/// Columns: slicing, gathering, row equality and row order, with ClickHouse's semantics (orders are checked
/// against chdb's ORDER BY on the same values).
@Suite struct ColumnTests {
    static let strings: [Value] = ["b", "", "ab", "a", "B", "é", "a\u{0}"].map { Value.string($0) }

    @Test func sliceAndGatherKeepTheRows() {
        let column = Column(type: .string, values: Self.strings)
        #expect(column.count == Self.strings.count)
        let slice = column.slice(2..<5)
        #expect((0..<slice.count).map { slice.value(at: $0) } == Array(Self.strings[2..<5]))
        let gathered = column.gather([6, 0, 1, 2, 2, 5])
        #expect((0..<gathered.count).map { gathered.value(at: $0) } == [6, 0, 1, 2, 2, 5].map { Self.strings[$0] })
        #expect(column.slice(3..<3).count == 0)
    }

    @Test func nestedColumnsSliceWithTheirChildren() {
        let type = DataType.array(.nullable(.int32))
        let values: [Value] = [
            .array([.int(1), .null]), .array([]), .array([.int(-3)]), .array([.null, .null, .int(7)]),
        ]
        let column = Column(type: type, values: values)
        let slice = column.slice(1..<4)
        #expect((0..<slice.count).map { slice.value(at: $0) } == Array(values[1...]))
        var appended = Column(type: type)
        appended.append(contentsOf: column, range: 2..<4)
        appended.append(contentsOf: column, range: 0..<1)
        #expect((0..<appended.count).map { appended.value(at: $0) } == [values[2], values[3], values[0]])
        #expect(appended.rowEquals(2, to: column, row: 0))
        #expect(!appended.rowEquals(0, to: column, row: 0))
        #expect(appended.rangeEquals(0..<2, to: column, from: 2))
    }

    @Test func tupleRowsCompareElementByElement() {
        let type = DataType.tuple([.uint8, .string], names: [])
        let column = Column(
            type: type,
            values: [
                .tuple([.uint(1), .string("b")]), .tuple([.uint(1), .string("a")]), .tuple([.uint(0), .string("z")]),
            ])
        #expect(column.compareRow(0, to: column, row: 1) > 0)
        #expect(column.compareRow(2, to: column, row: 1) < 0)
        #expect(column.compareRow(1, to: column, row: 1) == 0)
        #expect(column.repeated(row: 1, count: 3).gather([0, 2]).rowEquals(1, to: column, row: 1))
    }

    /// Sorting by `compareRow` orders rows as ClickHouse's ORDER BY does (a stable sort; ties keep input order).
    func sorted(_ column: Column) -> [Value] {
        let order = (0..<column.count).sorted { a, b in
            let c = column.compareRow(a, to: column, row: b)
            return c != 0 ? c < 0 : a < b
        }
        return order.map { column.value(at: $0) }
    }

    /// ClickHouse's order of `values` of `type` (given as SQL literals).
    func clickHouseOrder(_ literals: [String], type: String) throws -> String {
        let rows = literals.map { "(\($0))" }.joined(separator: ", ")
        let outcomes = try ClickHouseOracle.run([
            "SELECT x FROM values('x \(type)', \(rows)) ORDER BY x"
        ])
        guard case .output(let text) = try #require(outcomes.first) else {
            throw TestSupportError("ClickHouse failed: \(outcomes)")
        }
        return text
    }

    /// TabSeparated-like text of values (strings raw, NULL as \N, arrays as ClickHouse writes them).
    func text(_ value: Value) -> String {
        switch value {
        case .null: "\\N"
        case .int(let v): "\(v)"
        case .uint(let v): "\(v)"
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
        default: "\(value)"
        }
    }

    @Test func stringsSortBytewiseAsInClickHouse() throws {
        let column = Column(type: .string, values: Self.strings.filter { $0 != .string("a\u{0}") })
        let literals = ["'b'", "''", "'ab'", "'a'", "'B'", "'é'"]
        #expect(
            sorted(column).map(text).joined(separator: "\n") + "\n" == (try clickHouseOrder(literals, type: "String")))
    }

    @Test func signedAndNullableIntegersSortAsInClickHouse() throws {
        let values: [Value] = [.int(5), .null, .int(-128), .int(0), .null, .int(127), .int(-1)]
        let column = Column(type: .nullable(.int8), values: values)
        let literals = ["5", "NULL", "-128", "0", "NULL", "127", "-1"]
        #expect(
            sorted(column).map(text).joined(separator: "\n") + "\n"
                == (try clickHouseOrder(literals, type: "Nullable(Int8)")))
    }

    @Test func arraysSortLexicographicallyAsInClickHouse() throws {
        let values: [Value] = [
            .array([.uint(2)]), .array([]), .array([.uint(1), .uint(5)]), .array([.uint(1)]), .array([.uint(10)]),
        ]
        let column = Column(type: .array(.uint32), values: values)
        let literals = ["[2]", "[]", "[1, 5]", "[1]", "[10]"]
        #expect(
            sorted(column).map(text).joined(separator: "\n") + "\n"
                == (try clickHouseOrder(literals, type: "Array(UInt32)")))
    }
}
