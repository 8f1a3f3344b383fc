import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// Parts written by SwiftHouse are attached to a real ClickHouse (chdb) table: CHECK TABLE passes and
/// ClickHouse returns the same rows as when it inserts the same VALUES itself.
@Suite struct ClickHouseReadsOurPartsTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var columns: String
        var tail: String
        var values: String
        var orderBy: String
        /// When set, SwiftHouse inserts these VALUES lists one INSERT (one part) each and merges them with
        /// OPTIMIZE TABLE … FINAL; ClickHouse inserts `values` (the same rows) at once.
        var inserts: [String]? = nil
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "numbers",
            columns:
                "k Int32, a Int8, b Int16, c Int64, d UInt8, e UInt16, f UInt32, g UInt64, x Float32, y Float64, z Bool",
            tail: "ORDER BY k",
            values:
                "(1, -1, -300, -5000000000, 255, 65535, 4000000000, 18000000000000000000, 1.5, -2.25, true), (2, 127, 32767, 9, 0, 0, 0, 0, 0, 1e300, false)",
            orderBy: "k"),
        // Issue #14: 128- and 256-bit integers and Decimal256 at their extremes, in a merged part (OPTIMIZE FINAL),
        // with a key of wide values (SkipIndexInteropTests compares their partition ids and index files).
        Case(
            name: "wide_integers",
            columns:
                "k Int32, a Int128, b UInt128, c Int256, d UInt256, e Decimal(76, 10), f Decimal256(0), n Nullable(UInt256), arr Array(Int128)",
            tail: "ORDER BY (a, k)",
            values:
                "(1, -170141183460469231731687303715884105728, 340282366920938463463374607431768211455, -57896044618658097711785492504343953926634992332820282019728792003956564819968, 115792089237316195423570985008687907853269984665640564039457584007913129639935, -999999999999999999999999999999999999999999999999999999999999999999.9999999999, 9999999999999999999999999999999999999999999999999999999999999999999999999999, NULL, [-1, 170141183460469231731687303715884105727]), (2, 170141183460469231731687303715884105727, 0, 57896044618658097711785492504343953926634992332820282019728792003956564819967, 0, 0.0000000001, -1, 115792089237316195423570985008687907853269984665640564039457584007913129639935, []), (3, 0, 99, 1, 18446744073709551616, 1.5, 0, 0, [0])",
            orderBy: "k",
            inserts: [
                "(1, -170141183460469231731687303715884105728, 340282366920938463463374607431768211455, -57896044618658097711785492504343953926634992332820282019728792003956564819968, 115792089237316195423570985008687907853269984665640564039457584007913129639935, -999999999999999999999999999999999999999999999999999999999999999999.9999999999, 9999999999999999999999999999999999999999999999999999999999999999999999999999, NULL, [-1, 170141183460469231731687303715884105727])",
                "(2, 170141183460469231731687303715884105727, 0, 57896044618658097711785492504343953926634992332820282019728792003956564819967, 0, 0.0000000001, -1, 115792089237316195423570985008687907853269984665640564039457584007913129639935, [])",
                "(3, 0, 99, 1, 18446744073709551616, 1.5, 0, 0, [0])",
            ]),
        Case(
            name: "strings", columns: "k UInt32, s String, fs FixedString(4), e String", tail: "ORDER BY k",
            values: "(1, 'hello', 'ab', ''), (2, 'tab\\there', 'abcd', 'quote''s'), (3, 'ünïcødé 😀', '', 'x')",
            orderBy: "k"),
        Case(
            name: "dates_uuid", columns: "k UInt8, d Date, t DateTime, u UUID", tail: "ORDER BY k",
            values:
                "(1, '2024-01-02', '2024-01-02 03:04:05', '61f0c404-5cb3-11e7-907b-a6006ad3dba0'), (2, '1970-01-01', '2106-02-07 06:28:15', '00000000-0000-0000-0000-000000000000')",
            orderBy: "k"),
        Case(
            name: "datetime64",
            columns:
                "k UInt8, a DateTime64(3), b DateTime64(6, 'UTC'), n Nullable(DateTime64(2)), arr Array(DateTime64(1))",
            tail: "PARTITION BY toYYYYMM(a) ORDER BY (a, k)",
            values:
                "(1, '2024-01-02 03:04:05.5', '2024-01-02 03:04:05.123456', NULL, ['2024-01-01 00:00:00.1']), (2, '1969-12-31 23:59:59.001', '1900-01-01 00:00:00', '2106-02-07 06:28:15.99', []), (3, '2024-01-09 00:00:00', '2299-12-31 23:59:59.999999', '2024-01-02 03:04:05', ['1970-01-01 00:00:00', '2000-01-01 00:00:00.9'])",
            orderBy: "k"),
        Case(
            name: "datetime64_zone",
            columns: "k UInt8, z DateTime64(3, 'Asia/Tokyo'), b DateTime64(0, 'Europe/Berlin')",
            tail: "PARTITION BY toYYYYMM(z) ORDER BY (z, k)",
            values:
                "(1, '2024-02-01 00:30:00.5', '2024-07-01 00:00:00'), (2, '2024-01-31 23:59:59.999', '2024-12-31 23:30:00'), (3, 1706715000, '2024-10-27 02:30:00')",
            orderBy: "k"),
        // Issue #11: DateTime('zone') values are read and written on the zone's wall clock; the partition ids
        // (toYYYYMM of the zone's dates) and the part's column types must be ClickHouse's.
        Case(
            name: "datetime_zone",
            columns: "k UInt8, t DateTime('Asia/Tokyo'), n Nullable(DateTime('America/New_York')), u DateTime('UTC')",
            tail: "PARTITION BY toYYYYMM(t) ORDER BY (t, k)",
            values:
                "(1, '2024-03-01 09:00:00', '2024-03-10 02:30:00', '2024-03-01 09:00:00'), (2, '2024-03-31 23:30:00', NULL, 0), (3, 1709251200, '2024-11-03 01:30:00', '2106-02-07 06:28:15'), (4, '2024-04-01 00:00:00', '1970-01-01 00:00:00', '2024-04-01 00:00:00')",
            orderBy: "k"),
        Case(
            name: "decimal",
            columns:
                "k UInt8, a Decimal(9, 2), b Decimal(18, 4), c Decimal(38, 10), n Nullable(Decimal(20, 0)), arr Array(Decimal(5, 5))",
            tail: "ORDER BY (a, c)",
            values:
                "(1, 1.5, -3, 123456789012345678901234567.0123456789, NULL, [0.5, -0.00001]), (2, -9999999.99, 99999999999999.9999, -0.0000000001, 12345678901234567890, []), (3, 0, 0.0001, 0, -1, [0.99999])",
            orderBy: "k"),
        Case(
            name: "date32", columns: "d Date32, k UInt8, n Nullable(Date32), a Array(Date32)",
            tail: "PARTITION BY d ORDER BY (k, d)",
            values:
                "('1950-03-04', 1, NULL, ['1900-01-01', '2299-12-31']), ('2250-01-01', 2, '1969-12-31', []), ('1950-03-04', 3, 0, [-1])",
            orderBy: "k"),
        Case(
            name: "enum",
            columns:
                "k Enum8('b' = -2, 'a' = 1), m Enum16('x' = 1000, 'y' = 2), n Nullable(Enum8('u' = 5)), arr Array(Enum8('s p' = 0, 'q''t' = 1))",
            tail: "PARTITION BY k ORDER BY (k, m)",
            values: "('a', 'x', NULL, ['s p']), ('b', 'y', 'u', []), ('b', 'x', 5, ['q''t', 's p'])",
            orderBy: "k, m"),
        Case(
            name: "ip",
            columns:
                "k UInt8, a IPv4, b IPv6, na Nullable(IPv4), nb Nullable(IPv6), aa Array(IPv4), ab Array(IPv6)",
            tail: "PARTITION BY a ORDER BY (b, k)",
            values:
                "(1, '1.2.3.4', '::1', NULL, '2001:db8::1', ['0.0.0.0', '255.255.255.255'], ['::ffff:10.0.0.1']), (2, '10.0.0.1', '1::', '127.0.0.1', NULL, [], []), (3, '1.2.3.4', 'fe80::1', '192.168.0.1', '::', ['8.8.8.8'], ['1:2:3:4:5:6:7:8'])",
            orderBy: "k"),
        Case(
            name: "map",
            columns:
                "k UInt8, m Map(String, UInt64), n Map(LowCardinality(String), Nullable(Int8)), a Array(Map(UInt8, String)), d Map(Date, Decimal(9, 2))",
            tail: "ORDER BY k",
            values:
                "(1, {'a': 1, 'b': 2}, {'x': NULL, 'y': -1}, [{1: 'p'}, {}], {'2024-01-01': 0.29}), (2, {}, {}, [], {}), (3, {'z': 5}, {'q': 1}, [{2: 'r', 3: 's'}], {'2000-01-01': 1.5})",
            orderBy: "k"),
        Case(
            name: "map_wide",
            columns:
                "k UInt8, m Map(String, UInt64), n Map(LowCardinality(String), Nullable(Int8)), a Array(Map(UInt8, String))",
            tail: "ORDER BY k SETTINGS index_granularity = 2, min_bytes_for_wide_part = 0",
            values:
                "(1, {'a': 1, 'b': 2}, {'x': NULL, 'y': -1}, [{1: 'p'}, {}]), (2, {}, {}, []), (3, {'z': 5}, {'q': 1}, [{2: 'r', 3: 's'}]), (4, {}, {}, [{}])",
            orderBy: "k"),
        Case(
            name: "nullable_arrays",
            columns: "k UInt8, n Nullable(Int32), a Array(String), aa Array(Array(UInt16)), an Array(Nullable(String))",
            tail: "ORDER BY k",
            values:
                "(1, NULL, [], [[1,2],[]], [NULL, 'a']), (2, 5, ['x', '', 'yz'], [], []), (3, -1, ['q'], [[3]], [NULL])",
            orderBy: "k"),
        Case(
            name: "lowcardinality_tuple",
            columns: "k UInt8, lc LowCardinality(String), ln LowCardinality(Nullable(String)), t Tuple(Int32, String)",
            tail: "ORDER BY k", values: "(1, 'x', NULL, (1, 'a')), (2, 'y', 'p', (2, '')), (3, 'x', '', (-3, 'c'))",
            orderBy: "k"),
        Case(
            name: "column_codecs",
            columns: "k UInt32, z String CODEC(ZSTD(3)), n UInt64 CODEC(NONE), h String CODEC(LZ4HC(9))",
            tail: "ORDER BY k",
            values: "(1, 'zstd', 10, 'hc'), (2, '', 0, 'lz4hc'), (3, 'ééé', 18446744073709551615, '')",
            orderBy: "k"),
        Case(
            name: "wide_partitioned_granules", columns: "d Date, k Int32, s String",
            tail:
                "PARTITION BY toYYYYMM(d) ORDER BY (k, d) SETTINGS index_granularity = 2, min_bytes_for_wide_part = 0",
            values:
                "('2024-01-05', 5, 'e'), ('2024-02-01', 1, 'a'), ('2024-01-01', 3, 'c'), ('2024-01-03', 2, 'b'), ('2024-02-09', 4, 'd')",
            orderBy: "k"),
        Case(
            name: "merged_parts", columns: "k Int32, s String, a Array(UInt8), n Nullable(String)",
            tail: "ORDER BY k SETTINGS index_granularity = 2",
            values:
                "(5, 'e', [1], NULL), (1, 'a', [], 'x'), (3, 'c', [2, 3], NULL), (2, 'b', [4], ''), (4, 'd', [], 'y')",
            orderBy: "k",
            inserts: [
                "(5, 'e', [1], NULL)", "(1, 'a', [], 'x'), (3, 'c', [2, 3], NULL)",
                "(2, 'b', [4], ''), (4, 'd', [], 'y')",
            ]
        ),
    ]

    @Test(arguments: cases)
    func clickHouseReadsWhatWeWrite(_ testCase: Case) async throws {
        let engine = try TestEngine()
        let create = "CREATE TABLE {t} (\(testCase.columns)) ENGINE = MergeTree \(testCase.tail)"
        try await engine.run(create.replacingOccurrences(of: "{t}", with: "ours"))
        if let inserts = testCase.inserts {
            for values in inserts { try await engine.run("INSERT INTO ours VALUES \(values)") }
            try await engine.run("OPTIMIZE TABLE ours FINAL")
            #expect(
                try await engine.run("SELECT name FROM system.parts WHERE table = 'ours' AND active") == "all_1_3_1\n")
        } else {
            try await engine.run("INSERT INTO ours VALUES \(testCase.values)")
        }
        let request: [String: String] = [
            "create": create.replacingOccurrences(of: ", min_bytes_for_wide_part = 0", with: ""),
            "values": testCase.values, "parts": engine.directory.appendingPathComponent("data/default/ours").path,
            "order_by": testCase.orderBy,
        ]
        let output = try PythonEnvironment.runPython(
            [PythonEnvironment.repositoryRoot.appendingPathComponent("scripts/testing/attach_compare.py").path],
            input: try JSONSerialization.data(withJSONObject: request))
        let result = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let checks = try #require(result["check"] as? [[Any]])
        #expect(!checks.isEmpty)
        for row in checks { #expect((row[1] as? Int) == 1, "CHECK TABLE: \(row)") }
        #expect(result["ours"] as? String == result["reference"] as? String)
        #expect((result["ours"] as? String)?.isEmpty == false)
    }
}
