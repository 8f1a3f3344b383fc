import SHCore
import Testing

/// `Value.compare`: the total order SwiftHouse sorts by. Where ClickHouse orders the same values, the expected
/// order is chdb 26.9's `ORDER BY` output (queries quoted in each test).
@Suite struct ValueComparisonTests {
    static func sorted(_ values: [Value]) -> [Value] {
        values.sorted { Value.compare($0, $1) < 0 }
    }

    /// `SELECT x FROM values('x Nullable(Float64)', 1, nan, NULL, -inf, inf, 0, -2.5) ORDER BY x`
    /// → `-inf, -2.5, 0, 1, inf, nan, \N`: NaN after +inf, NULL last.
    @Test func floatsSortWithNaNAfterInfinityAndNullLast() {
        let values: [Value] = [
            .float(1), .float(.nan), .null, .float(-.infinity), .float(.infinity), .float(0), .float(-2.5),
        ]
        let result = Self.sorted(values)
        let expected: [Value] = [.float(-.infinity), .float(-2.5), .float(0), .float(1), .float(.infinity)]
        #expect(Array(result[0..<5]) == expected)
        #expect(result[5].double?.isNaN == true)
        #expect(result[6] == .null)
    }

    @Test func nanAndNullRules() {
        #expect(Value.compare(.float(.nan), .float(.nan)) == 0)
        #expect(Value.compare(.float(.nan), .float(.infinity)) == 1)
        #expect(Value.compare(.int(Int64.max), .float(.nan)) == -1)
        #expect(Value.compare(.float(.nan), .null) == -1)
        #expect(Value.compare(.null, .null) == 0)
        #expect(Value.compare(.null, .string("")) == 1)
        #expect(Value.compare(.array([]), .null) == -1)
    }

    /// `SELECT x FROM values('x Nullable(Int64)', 3, NULL, -1, 0) ORDER BY x` → `-1, 0, 3, \N`.
    @Test func integersSortWithNullLast() {
        #expect(Self.sorted([.int(3), .null, .int(-1), .int(0)]) == [.int(-1), .int(0), .int(3), .null])
    }

    /// chdb: `toInt64(-1) < toUInt64(0)` and `toUInt64(18446744073709551615) > toInt64(9223372036854775807)` are 1.
    @Test func numbersCompareByValueAcrossSignedness() {
        #expect(Value.compare(.int(-1), .uint(0)) == -1)
        #expect(Value.compare(.uint(0), .int(-1)) == 1)
        #expect(Value.compare(.uint(UInt64.max), .int(Int64.max)) == 1)
        #expect(Value.compare(.int(Int64.min), .uint(UInt64.max)) == -1)
        #expect(Value.compare(.uint(7), .int(7)) == 0)
        #expect(Value.compare(.int(2), .float(2.5)) == -1)
        #expect(Value.compare(.float(-0.0), .uint(0)) == 0)
        #expect(Value.sqlEquals(.int(1), .float(1)))
        #expect(!Value.sqlEquals(.uint(1), .float(1.0000001)))
    }

    /// `SELECT groupArray(x) FROM (SELECT x FROM values('x String', 'b', 'a', 'ab', 'Z', '', 'é', 'z') ORDER BY x)`
    /// → `['','Z','a','ab','b','z','é']`: bytes compared unsigned, a prefix first.
    @Test func stringsCompareBytewise() {
        let values = ["b", "a", "ab", "Z", "", "é", "z"].map(Value.string)
        #expect(Self.sorted(values) == ["", "Z", "a", "ab", "b", "z", "é"].map(Value.string))
        #expect(Value.compare(.string([0x00]), .string([])) == 1)
        #expect(Value.compare(.string([0xff]), .string([0x7f, 0xff])) == 1)
    }

    /// chdb: `[1,2] < [1,2,0]`, `[1,2,0] < [1,3]`, `[] < [0]`, `(1,'b') < (2,'a')`, `(1,'a') < (1,'b')` are all 1.
    @Test func arraysAndTuplesCompareLexicographically() {
        #expect(Value.compare(.array([.int(1), .int(2)]), .array([.int(1), .int(2), .int(0)])) == -1)
        #expect(Value.compare(.array([.int(1), .int(2), .int(0)]), .array([.int(1), .int(3)])) == -1)
        #expect(Value.compare(.array([]), .array([.int(0)])) == -1)
        #expect(Value.compare(.array([.int(1)]), .array([.uint(1)])) == 0)
        #expect(Value.compare(.tuple([.int(1), .string("b")]), .tuple([.int(2), .string("a")])) == -1)
        #expect(Value.compare(.tuple([.int(1), .string("a")]), .tuple([.int(1), .string("b")])) == -1)
        #expect(Value.compare(.array([.null]), .array([.int(5)])) == 1)
    }

    /// Different kinds (which ClickHouse would not compare) order as numbers, strings, UUIDs, arrays, tuples.
    @Test func differentKindsHaveAFixedRank() {
        let values: [Value] = [
            .tuple([]), .array([]), .uuid(high: 0, low: 0), .string("0"), .float(1e300), .null,
        ]
        #expect(
            Self.sorted(values) == [.float(1e300), .string("0"), .uuid(high: 0, low: 0), .array([]), .tuple([]), .null])
    }

    /// chdb 26.9: `SELECT u FROM values('u UUID', '00000000-0000-0001-0000-000000000000',
    /// '00000000-0000-0000-ffff-ffffffffffff', '00000000-0000-0002-0000-000000000001') ORDER BY u` returns
    /// `…0001-0000-…0000`, `…0002-0000-…0001`, `…0000-ffff-…ffff`: ClickHouse orders UUIDs by their second half first
    /// (UUID is a UInt128 whose low 64 bits are the first half), and `toUUID('00000000-0000-0001-0000-000000000000') >
    /// toUUID('00000000-0000-0000-ffff-ffffffffffff')` is 0.
    @Test func uuidsSortAsInClickHouse() {
        let a = Value.uuid(high: 1, low: 0)
        let b = Value.uuid(high: 0, low: UInt64.max)
        let c = Value.uuid(high: 2, low: 1)
        #expect(Self.sorted([b, c, a]) == [a, c, b])
    }

    @Test func uuidsWithEqualHalvesCompareEqual() {
        #expect(Value.compare(.uuid(high: 5, low: 6), .uuid(high: 5, low: 6)) == 0)
        #expect(Value.compare(.uuid(high: 5, low: 6), .uuid(high: 5, low: 7)) == -1)
    }

    /// chdb 26.9: `nan = nan` 0, `nan != nan` 1, `1 < nan` 0, `(1, nan) = (1, nan)` 0, `(1, nan) < (2, nan)` 1,
    /// `[nan] = [nan]` 1 (arrays compare with the sort order).
    @Test func sqlComparisonsTreatNaNAsUnordered() {
        let nan = Value.float(.nan)
        #expect(Value.sqlCompare(nan, nan) == nil)
        #expect(Value.sqlCompare(.int(1), nan) == nil)
        #expect(Value.sqlCompare(.tuple([.int(1), nan]), .tuple([.int(1), nan])) == nil)
        #expect(Value.sqlCompare(.tuple([.int(1), nan]), .tuple([.int(2), nan])) == -1)
        #expect(Value.sqlCompare(.array([nan]), .array([nan])) == 0)
        #expect(!Value.sqlEquals(nan, nan))
        #expect(Value.sqlCompare(.float(-0.0), .int(0)) == 0)
    }

    /// `ORDER BY x DESC` / `NULLS FIRST` in chdb 26.9 keep NaN next to NULL: `nullsLast: false` puts both first
    /// (NULL before NaN), also inside arrays.
    @Test func nullsAndNaNsGoFirstWhenAsked() {
        let values: [Value] = [.float(1), .float(.nan), .null, .float(-.infinity)]
        let sorted = values.sorted { Value.compare($0, $1, nullsLast: false) < 0 }
        #expect(sorted[0] == .null)
        #expect(sorted[1].double?.isNaN == true)
        #expect(Array(sorted[2...]) == [.float(-.infinity), .float(1)])
        #expect(Value.compare(.array([.null]), .array([.float(0)]), nullsLast: false) == -1)
    }

    /// GROUP BY and DISTINCT put NaNs together (chdb 26.9: `SELECT x, count() … GROUP BY x` gives `nan 2`).
    @Test func nanValuesAreEqualAsKeys() {
        #expect(Value.float(.nan) == Value.float(.nan))
        #expect(Set([Value.float(.nan), .float(.nan), .float(0), .float(-0.0)]).count == 2)
        #expect(Value.array([.float(.nan)]) == .array([.float(.nan)]))
        #expect(Value.int(1) != .uint(1))
    }

    @Test func truthinessAndConversions() {
        #expect(Value.float(0.5).isTrue)
        #expect(!Value.null.isTrue)
        #expect(!Value.string("1").isTrue)
        #expect(Value.float(-2.9).int64 == -2)
        #expect(Value.float(.nan).int64 == nil)
        #expect(Value.uint(UInt64.max).int64 == -1)
        #expect(Value.string("1").double == nil)
    }

    /// Issue #11: a float beyond Int64 (9.25e18 is finite but above Int64.max) has no Int64 value; `Int64(v)`
    /// trapped.
    @Test func int64OfAFloatBeyondInt64IsNil() {
        #expect(Value.float(9.25e18).int64 == nil)
        #expect(Value.float(-9.25e18).int64 == nil)
        #expect(Value.float(9.2e18).int64 == 9_200_000_000_000_000_000)
        #expect(Value.float(-1.5).int64 == -1)
        #expect(Value.float(.nan).int64 == nil)
    }
}
