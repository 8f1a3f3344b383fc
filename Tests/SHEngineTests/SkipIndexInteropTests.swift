import Foundation
import SHTestSupport
import Testing

/// Skip indexes against ClickHouse: the same CREATE and INSERTs in SwiftHouse and in ClickHouse (chdb, merges stopped,
/// settings under which ClickHouse writes SwiftHouse's part format) give parts whose skip index files
/// (`skp_idx_<name>.idx[2]` and marks, or `skp_idx.packed`) and checksums.txt are byte-identical, after the INSERTs
/// and after `OPTIMIZE … FINAL`; ClickHouse attaches our parts, CHECK TABLE passes and queries that must use the
/// indexes (`force_data_skipping_indices`) count the same rows.
@Suite(.serialized) struct SkipIndexInteropTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// The column list (with its INDEX clauses) and the table's tail before the settings.
        var columns: String
        var tail: String = "ORDER BY k"
        /// Extra MergeTree settings (`packed_skip_index_max_bytes = 0`, `min_bytes_for_wide_part = 0`).
        var settings: String = ""
        var inserts: [String]
        /// Queries run on ClickHouse's table and on one holding our parts, with `force_data_skipping_indices`.
        var queries: [(index: String, condition: String)] = []
        var description: String { name }
    }

    /// The settings under which ClickHouse 26.9 writes parts in the format SwiftHouse writes.
    static let formatSettings =
        "compress_marks = 0, compress_primary_key = 0, serialization_info_version = 'basic', string_serialization_version = 'single_stream', ratio_of_defaults_for_sparse_serialization = 1, write_marks_for_substreams_in_compact_parts = 0, auto_statistics_types = ''"

    static let wide = "min_bytes_for_wide_part = 0, "
    static let unpacked = "packed_skip_index_max_bytes = 0, "

    static let minmaxColumns =
        "k UInt32, s String, f Float64, n Nullable(Int32), f32 Float32, INDEX i_k k TYPE minmax GRANULARITY 1, INDEX i_s s TYPE minmax GRANULARITY 2, INDEX i_f f TYPE minmax GRANULARITY 1, INDEX i_n n TYPE minmax GRANULARITY 3, INDEX i_pair (k * 2, s) TYPE minmax GRANULARITY 2, INDEX i_f32 f32 TYPE minmax"
    // Key ranges that do not interleave and whole granules in the first part: ClickHouse's merge then writes the
    // merged part with the same granules as SwiftHouse's.
    static let minmaxInserts = [
        "INSERT INTO db.t VALUES (1, 'b', nan, NULL, nan), (2, 'a', 1.5, NULL, nan), (3, 'zz', -1, 5, -0.), (4, 'c', nan, NULL, 0), (5, '', 2, -3, inf), (6, 'q', 0, NULL, -inf), (7, 'x', nan, 1, 1), (8, 'y', 3, 2, nan), (9, 'zzz', 1e300, 7, -1)",
        "INSERT INTO db.t VALUES (10, 'hello', -0., NULL, 2), (11, 'world', 0, NULL, 3), (15, 'm', nan, NULL, nan), (12, 'a', nan, NULL, nan), (13, 'b', nan, NULL, nan), (14, 'ü', -5, 0, 0)",
    ]
    static let minmaxQueries = [("i_k", "k = 5"), ("i_s", "s = 'q'"), ("i_f", "f > 2.5"), ("i_n", "n = 7")]

    static let cases: [Case] = [
        Case(
            name: "minmax_compact_unpacked", columns: minmaxColumns, settings: unpacked, inserts: minmaxInserts,
            queries: minmaxQueries),
        Case(
            name: "minmax_wide_unpacked", columns: minmaxColumns, settings: wide + unpacked, inserts: minmaxInserts,
            queries: minmaxQueries),
        Case(name: "minmax_compact_packed", columns: minmaxColumns, inserts: minmaxInserts, queries: minmaxQueries),
        Case(
            name: "minmax_wide_packed", columns: minmaxColumns, settings: wide, inserts: minmaxInserts,
            queries: minmaxQueries),
        // Files over packed_skip_index_max_bytes (data or marks) stay on their own, the others are packed; the
        // setting written as a string, as ClickHouse accepts it.
        Case(
            name: "minmax_partly_packed",
            columns:
                "k UInt32, s String, INDEX zz k TYPE minmax GRANULARITY 3, INDEX aa s TYPE minmax GRANULARITY 1, INDEX `odd name` k + 1 TYPE minmax GRANULARITY 3",
            settings: wide + "packed_skip_index_max_bytes = '60', ",
            inserts: ["INSERT INTO db.t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')"],
            queries: [("zz", "k = 2")]),
        // Index granules combining data granules of values with all-NULL / all-NaN ones (ClickHouse's accurateLess).
        Case(
            name: "minmax_null_nan_combination",
            columns:
                "k UInt32, n Nullable(Int32), f Float64, INDEX i_n n TYPE minmax GRANULARITY 2, INDEX i_f f TYPE minmax GRANULARITY 2, INDEX i_nf (n, f) TYPE minmax GRANULARITY 3",
            settings: unpacked,
            inserts: [
                "INSERT INTO db.t VALUES (1, 1, 1), (2, 2, 2), (3, 3, 3), (4, NULL, nan), (5, NULL, nan), (6, NULL, nan), (7, NULL, nan), (8, NULL, nan), (9, NULL, nan), (10, 5, 5), (11, 6, 6), (12, 7, 7), (13, -1, -1), (14, NULL, nan), (15, 9, 9)"
            ],
            queries: [("i_n", "n = 2"), ("i_f", "f = 2")]),
        Case(
            name: "minmax_wide_types",
            columns:
                "k UInt32, ip6 IPv6, ip4 IPv4, d128 Decimal(38, 4), d32 Date32, t64 DateTime64(3), e16 Enum16('x' = -300, 'y' = 5), a Array(Int32), INDEX i_ip6 ip6 TYPE minmax, INDEX i_ip4 ip4 TYPE minmax, INDEX i_d128 d128 TYPE minmax, INDEX i_d32 d32 TYPE minmax, INDEX i_t64 t64 TYPE minmax, INDEX i_e16 e16 TYPE minmax, INDEX i_a a TYPE minmax",
            settings: unpacked,
            inserts: [
                "INSERT INTO db.t VALUES (1, '::1', '10.0.0.1', -1.5, '1900-01-01', '1969-12-31 23:59:59.999', 'y', [1, 2]), (2, 'ffff::1', '9.255.255.255', 99999999999999999999999999999999.9999, '2299-12-31', '2100-01-01 00:00:00', 'x', [1]), (3, '1::', '255.0.0.0', 0, '1970-01-01', '1970-01-01 00:00:00', 'y', []), (4, '::ffff:1.2.3.4', '0.0.0.0', -0.0001, '2000-01-01', '2000-01-01 00:00:00.5', 'x', [-1, 5]), (5, '8000::', '128.0.0.1', 2, '1969-12-31', '1900-01-01 00:00:00', 'y', [2])"
            ],
            queries: [("i_ip4", "ip4 = '10.0.0.1'"), ("i_ip6", "ip6 = '1::'")]),
        Case(
            name: "minmax_types",
            columns:
                "k UInt32, d Date, t DateTime, u UUID, dec Decimal(9, 2), lc LowCardinality(String), lcn LowCardinality(Nullable(String)), e Enum8('a' = 1, 'b' = -2), fs FixedString(3), b Bool, i8 Int8, INDEX i_d d TYPE minmax, INDEX i_t t TYPE minmax, INDEX i_u u TYPE minmax GRANULARITY 2, INDEX i_dec dec TYPE minmax, INDEX i_lc lc TYPE minmax, INDEX i_lcn lcn TYPE minmax, INDEX i_e e TYPE minmax, INDEX i_fs fs TYPE minmax, INDEX i_b b TYPE minmax, INDEX i_expr toStartOfDay(t) TYPE minmax, INDEX i_i8 i8 TYPE minmax",
            settings: unpacked,
            inserts: [
                "INSERT INTO db.t VALUES (1, '2024-01-02', '2024-01-02 03:04:05', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', 1.5, 'x', NULL, 'b', 'abc', true, -1), (2, '1970-01-01', '2000-01-01 00:00:00', '00000000-0000-0000-0000-000000000001', -3.25, 'a', 'q', 'a', 'ab', false, 127), (3, '2100-05-06', '1971-01-01 00:00:00', 'ffffffff-0000-0000-0000-000000000000', 0, '', NULL, 'a', '', false, -128), (4, '2000-01-01', '2030-01-01 00:00:00', '10000000-0000-0000-0000-000000000000', 99, 'zz', NULL, 'b', 'zzz', true, 0), (5, '2001-01-01', '2030-01-01 00:00:01', '00000000-0000-0000-0001-000000000000', 1, 'b', NULL, 'b', 'a', true, 5)"
            ],
            queries: [("i_d", "d = '2100-05-06'"), ("i_lc", "lc = 'zz'")]),
        // set(N): distinct values in first-occurrence order, over N written as the count 0, set(0) unlimited;
        // Nullable, Array (offsets) and tuples of elements.
        Case(
            name: "set",
            columns:
                "k UInt32, s String, n Nullable(Int32), a Array(String), f Float64, INDEX s1 k % 3 TYPE set(2) GRANULARITY 1, INDEX s0 s TYPE set(0) GRANULARITY 2, INDEX sn n TYPE set(10), INDEX sa a TYPE set(5), INDEX st (k % 2, s) TYPE set(3) GRANULARITY 2, INDEX sf f TYPE set(4)",
            settings: unpacked, inserts: setInserts, queries: [("s0", "s = 'c'"), ("sn", "n = 2"), ("sf", "f = 2")]),
        // 128- and 256-bit integers and Decimal256 in minmax and set indexes, an ORDER BY and a PARTITION BY (hashed
        // partition ids, `minmax_*.idx` and `primary.idx` of wide values).
        Case(
            name: "wide_integers",
            columns:
                "k UInt32, a Int128, b UInt128, c Int256, d UInt256, e Decimal(50, 4), INDEX i_a a TYPE minmax, INDEX i_b b TYPE minmax GRANULARITY 2, INDEX i_c c TYPE minmax, INDEX i_d d TYPE set(3), INDEX i_e e TYPE minmax, INDEX i_ae (a, e) TYPE set(0)",
            tail: "PARTITION BY intDiv(c, 10) ORDER BY (d, a)",
            settings: unpacked,
            inserts: [
                "INSERT INTO db.t VALUES (1, -170141183460469231731687303715884105728, 340282366920938463463374607431768211455, -57896044618658097711785492504343953926634992332820282019728792003956564819968, 115792089237316195423570985008687907853269984665640564039457584007913129639935, -12345678901234567890123456789012345678901234.5678), (2, 170141183460469231731687303715884105727, 0, 57896044618658097711785492504343953926634992332820282019728792003956564819967, 0, 0.0001), (3, 5, 18446744073709551616, -1, 18446744073709551616, -1), (4, -5, 1, 1, 7, 2.5), (5, 0, 2, 0, 115792089237316195423570985008687907853269984665640564039457584007913129639934, 99999999999999999999999999999999999999999999.9999)",
                "INSERT INTO db.t SELECT number, number * 1000000000000000000000, number, -number, number * number, number / 7 FROM numbers(20)",
            ],
            queries: [("i_a", "a = 5"), ("i_d", "d = 7"), ("i_e", "e > 2")]),
        Case(
            name: "set_low_cardinality",
            columns:
                "k UInt32, s LowCardinality(String), n LowCardinality(Nullable(String)), INDEX i_s s TYPE set(100) GRANULARITY 2, INDEX i_n n TYPE set(0), INDEX i_t (s, k % 2) TYPE set(10), INDEX i_small s TYPE set(2)",
            settings: unpacked,
            inserts: [
                "INSERT INTO db.t VALUES (1, 'b', NULL), (2, 'a', 'x'), (3, 'b', NULL), (4, 'c', 'y'), (5, '', ''), (6, 'c', 'x'), (7, 'x', NULL), (8, 'b', 'z'), (9, 'q', NULL)",
                "INSERT INTO db.t VALUES (10, 'q', 'q'), (11, '', NULL), (12, 'c', 'c'), (13, 'a', ''), (14, 'z', 'z'), (15, 'b', NULL)",
            ],
            queries: [("i_s", "s = 'x'"), ("i_n", "n = 'y'")]),
        Case(
            name: "set_wide_packed",
            columns:
                "k UInt32, s String, n Nullable(Int32), a Array(String), f Float64, INDEX s0 s TYPE set(0) GRANULARITY 2, INDEX sa a TYPE set(5), INDEX sf f TYPE set(1)",
            settings: wide, inserts: setInserts, queries: [("s0", "s = 'x'")]),
        Case(
            name: "set_map",
            columns:
                "k UInt32, m Map(String, UInt8), INDEX sm m TYPE set(4), INDEX sk mapKeys(m) TYPE set(0) GRANULARITY 2",
            settings: unpacked,
            inserts: [
                "INSERT INTO db.t VALUES (1, {'x y': 1}), (2, {}), (3, {'k': 2, 'j': 3}), (4, {}), (5, {'x y': 1}), (6, {'a': 0})",
                "INSERT INTO db.t VALUES (7, {'b': 1}), (8, {'b': 1}), (9, {})",
            ],
            queries: [("sk", "has(mapKeys(m), 'k')")]),
        // bloom_filter: bits per row and hash functions from the rate, filters sized for the distinct hashes, every
        // hashed type, Array and LowCardinality and Nullable elements, tuples of elements.
        Case(
            name: "bloom_filter",
            columns:
                "k UInt32, s String, n Nullable(Int32), a Array(String), i8 Int8, f Float64, f32 Float32, d Date, u UUID, t64 DateTime64(3), fs FixedString(2), lc LowCardinality(String), lcn LowCardinality(Nullable(String)), tags Array(LowCardinality(String)), e Enum8('a' = 1, 'b' = -2), INDEX b1 k TYPE bloom_filter GRANULARITY 1, INDEX b2 s TYPE bloom_filter(0.001) GRANULARITY 2, INDEX bn n TYPE bloom_filter(0.01), INDEX ba a TYPE bloom_filter(0.1), INDEX bt (k, s) TYPE bloom_filter, INDEX b8 i8 TYPE bloom_filter, INDEX bf f TYPE bloom_filter(0.5), INDEX bf32 f32 TYPE bloom_filter, INDEX bd d TYPE bloom_filter, INDEX bu u TYPE bloom_filter, INDEX bt64 t64 TYPE bloom_filter, INDEX bfs fs TYPE bloom_filter, INDEX blc lc TYPE bloom_filter, INDEX blcn lcn TYPE bloom_filter, INDEX btags tags TYPE bloom_filter(0.001), INDEX be e TYPE bloom_filter, INDEX bexpr lower(s) TYPE bloom_filter(0.0001) GRANULARITY 3",
            settings: unpacked, inserts: bloomInserts,
            queries: [
                ("ba", "has(a, 'x')"), ("b2", "s = 'c'"), ("bn", "n = 2"), ("btags", "has(tags, 'red')"),
                ("bu", "u = '61f0c404-5cb3-11e7-907b-a6006ad3dba0'"),
            ]),
        Case(
            // Wide parts keep LowCardinality columns out: SwiftHouse writes their dictionaries per granule, so those
            // columns' files (not the indexes) differ from ClickHouse's.
            name: "bloom_filter_wide_packed",
            columns:
                "k UInt32, s String, n Nullable(Int32), a Array(String), i8 Int8, f Float64, f32 Float32, d Date, u UUID, t64 DateTime64(3), fs FixedString(2), lc String, lcn Nullable(String), tags Array(String), e Enum8('a' = 1, 'b' = -2), INDEX b2 s TYPE bloom_filter(0.001) GRANULARITY 2, INDEX btags tags TYPE bloom_filter(0.001), INDEX blcn lcn TYPE bloom_filter",
            settings: wide, inserts: bloomInserts, queries: [("btags", "has(tags, 'blue')")]),
        // tokenbf_v1 (tokens: runs of ASCII letters and digits and non-ASCII bytes) and ngrambf_v1 (n-grams of code
        // points) over String, FixedString, LowCardinality and Array elements; filters of any byte size.
        Case(
            name: "text_bloom_filters",
            columns:
                "k UInt32, body String, tags Array(String), fs FixedString(5), lc LowCardinality(String), INDEX t1 body TYPE tokenbf_v1(256, 3, 0), INDEX t2 lower(body) TYPE ngrambf_v1(3, 512, 2, 7) GRANULARITY 2, INDEX t3 tags TYPE tokenbf_v1(64, 2, 1), INDEX t4 fs TYPE ngrambf_v1(2, 100, 3, 0), INDEX t5 lc TYPE tokenbf_v1(1000, 4, 123), INDEX t6 (body, lc) TYPE tokenbf_v1(129, 1, 5) GRANULARITY 3, INDEX t7 tags TYPE ngrambf_v1(4, 1024, 3, 0)",
            settings: unpacked, inserts: textInserts,
            queries: [
                ("t1", "hasToken(body, 'hello')"), ("t2", "lower(body) LIKE '%wor%'"), ("t3", "has(tags, 'blue')"),
            ]),
        Case(
            name: "text_bloom_filters_wide_packed",
            columns:
                "k UInt32, body String, tags Array(String), fs FixedString(5), lc String, INDEX t1 body TYPE tokenbf_v1(256, 3, 0), INDEX t7 tags TYPE ngrambf_v1(4, 1024, 3, 0), INDEX big body TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 8",
            settings: wide, inserts: textInserts, queries: [("t1", "hasToken(body, 'world')")]),
        // A granule larger than a compressed block (1 MiB): ClickHouse cuts its blocks at exactly 1 MiB.
        Case(
            name: "granule_over_one_block",
            columns: "k UInt32, s String, INDEX big s TYPE tokenbf_v1(1500000, 1, 0), INDEX small k TYPE minmax",
            settings: unpacked,
            inserts: ["INSERT INTO db.t VALUES (1, 'a'), (2, 'b c'), (3, 'd'), (4, 'e')"],
            queries: [("big", "hasToken(s, 'c')")]),
    ]

    static let textInserts = [
        "INSERT INTO db.t VALUES (1, 'hello world', ['red', 'blue'], 'abcde', 'GET /index.html'), (2, 'Hello, World! 123', [], 'ab', 'POST'), (3, '', [''], '', ''), (4, 'ünïcødé text — with dashes', ['grün', 'x'], 'äö', 'ünï'), (5, 'a', ['a'], 'a', 'a'), (6, 'ab', ['ab', 'abc'], 'abc', 'ab'), (7, 'some-very_long.string/with:many;separators and 16+ bytes of text in it', ['blue'], 'zzzzz', 'x y z'), (8, 'world wide web', ['web'], 'w w w', 'www'), (9, '日本語のテキスト', ['日本'], 'jp', '語')",
        "INSERT INTO db.t VALUES (10, 'hello again', ['blue'], 'hello', 'again'), (11, 'tab\there\nnewline', ['tab'], 'tab', 'tab'), (12, 'WORLD', [], '', 'WORLD'), (13, 'x', [], 'x', 'x'), (14, '12345 67890', ['1', '22'], '12345', '1'), (15, 'end', ['end'], 'end', 'end')",
    ]

    static let setInserts = [
        "INSERT INTO db.t VALUES (1, 'a', NULL, ['x'], 1), (2, 'a', 1, [], nan), (3, 'b', NULL, ['x', 'y'], nan), (4, 'c', 2, ['x'], -0.), (5, 'c', 2, [], 0), (6, 'c', NULL, [], 2), (7, 'x', 3, ['z'], 3), (8, 'y', 3, ['z', ''], 4), (9, 'y', NULL, ['z'], 5)",
        "INSERT INTO db.t VALUES (10, 'q', 4, [], 1), (11, 'q', 4, [], 1), (12, 'r', NULL, ['a', 'b', 'c'], 1), (13, '', 5, ['a'], 2), (14, 'x', 6, [], 3), (15, 'x', 6, [''], 1)",
    ]

    static let bloomInserts = [
        "INSERT INTO db.t VALUES (1, 'a', NULL, ['x'], -1, 1.5, 1.5, '2024-01-01', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', '2024-01-01 00:00:00.001', 'ab', 'red', NULL, ['red', 'green'], 'a'), (2, 'a', 1, [], 2, nan, nan, '1970-01-01', '00000000-0000-0000-0000-000000000001', '1969-12-31 23:59:59.999', '', 'red', 'x', [], 'b'), (3, 'b', NULL, ['x', 'y'], 3, -0., -0., '2100-01-01', '00000000-0000-0000-0000-000000000000', '2000-01-01 00:00:00', 'a', 'blue', NULL, ['blue'], 'a'), (4, 'C', 2, ['x'], 4, 0, 0, '2024-01-01', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', '2024-01-01 00:00:00.001', 'ab', '', 'y', ['red'], 'b'), (5, 'c', 2, [], 5, 1e300, 1e30, '2024-01-02', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '2024-01-01 00:00:00.002', 'zz', 'green', 'y', [], 'b'), (6, 'c', NULL, [], 6, inf, -inf, '2024-01-03', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', '2024-01-01 00:00:00.003', 'zz', 'green', NULL, ['red', 'red'], 'a'), (7, 'x', 3, ['z'], -128, -inf, inf, '2024-01-04', '00000000-0000-0000-0000-000000000002', '2024-01-01 00:00:00.004', 'q', 'red', 'z', ['green'], 'a'), (8, 'y', 3, ['z', ''], 127, 2, 2, '2024-01-05', '00000000-0000-0000-0000-000000000003', '2024-01-01 00:00:00.005', 'qq', 'red', 'z', [''], 'b'), (9, 'Y', NULL, ['z'], 0, 3, 3, '2024-01-06', '00000000-0000-0000-0000-000000000004', '2024-01-01 00:00:00.006', 'q', 'blue', NULL, ['blue', 'red'], 'a')",
        "INSERT INTO db.t VALUES (10, 'q', 4, [], 1, 1, 1, '2024-02-01', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', '2024-01-01 00:00:00.001', 'ab', 'red', 'x', ['red'], 'a'), (11, 'q', 4, [], 1, 1, 1, '2024-02-01', '61f0c404-5cb3-11e7-907b-a6006ad3dba0', '2024-01-01 00:00:00.001', 'ab', 'red', 'x', ['red'], 'a'), (12, 'r', NULL, ['a', 'b', 'c'], 2, 2, 2, '2024-02-02', '00000000-0000-0000-0000-000000000009', '2024-01-01 00:00:00.009', 'cd', 'pink', NULL, [], 'b'), (13, '', 5, ['a'], 3, 3, 3, '2024-02-03', '00000000-0000-0000-0000-000000000009', '2024-01-01 00:00:00.009', 'cd', 'pink', 'w', ['pink'], 'b'), (14, 'X', 6, [], 4, 4, 4, '2024-02-04', '00000000-0000-0000-0000-000000000009', '2024-01-01 00:00:00.009', 'cd', '', 'w', [], 'b'), (15, 'x', 6, [''], 5, 5, 5, '2024-02-05', '00000000-0000-0000-0000-000000000009', '2024-01-01 00:00:00.009', 'cd', '', 'w', ['blue'], 'a')",
    ]

    static let partsQuery =
        "SELECT name, path FROM system.parts WHERE database = 'db' AND table = 't' AND active ORDER BY name"

    /// Per part name, the bytes of its skip index files and of its checksums.txt.
    static func indexFiles(_ listing: String) throws -> [String: [String: [UInt8]]] {
        var parts: [String: [String: [UInt8]]] = [:]
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 2 else { continue }
            var files: [String: [UInt8]] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: fields[1])
            where file.hasPrefix("skp_idx") || file == "checksums.txt" {
                files[file] = try [UInt8](
                    Data(contentsOf: URL(fileURLWithPath: fields[1]).appendingPathComponent(file)))
            }
            parts[fields[0]] = files
        }
        return parts
    }

    func create(_ testCase: Case) -> String {
        "CREATE TABLE db.t (\(testCase.columns)) ENGINE = MergeTree \(testCase.tail) SETTINGS \(testCase.settings)index_granularity = 3, \(Self.formatSettings)"
    }

    /// Compares part by part; an index file missing on one side or differing bytes is an issue naming it.
    func expectSameFiles(
        _ ours: [String: [String: [UInt8]]], _ theirs: [String: [String: [UInt8]]], stage: String
    ) {
        #expect(ours.keys.sorted() == theirs.keys.sorted(), "\(stage): parts")
        for (part, files) in theirs {
            let mine = ours[part] ?? [:]
            #expect(mine.keys.sorted() == files.keys.sorted(), "\(stage) \(part): files")
            #expect(files.keys.contains { $0.hasPrefix("skp_idx") }, "\(stage) \(part): ClickHouse wrote no index")
            for (file, bytes) in files {
                #expect(mine[file] == bytes, "\(stage) \(part)/\(file) differs")
            }
        }
    }

    @Test(arguments: cases)
    func indexFilesAreClickHouses(_ testCase: Case) async throws {
        let engine = try TestEngine()
        try await engine.run("CREATE DATABASE db")
        try await engine.run(create(testCase))
        for insert in testCase.inserts { try await engine.run(insert) }
        let inserted = try Self.indexFiles(try await engine.run(Self.partsQuery))
        // ClickHouse attaches the parts of our INSERTs.
        let ourParts = FileManager.default.temporaryDirectory.appendingPathComponent("sh-skip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: ourParts) }
        try FileManager.default.createDirectory(at: ourParts, withIntermediateDirectories: true)
        for line in try await engine.run(Self.partsQuery).split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: fields[1]), to: ourParts.appendingPathComponent(fields[0]))
        }
        try await engine.run("OPTIMIZE TABLE db.t FINAL")
        let merged = try Self.indexFiles(try await engine.run(Self.partsQuery))

        let chPath = FileManager.default.temporaryDirectory.appendingPathComponent("ch-skip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: chPath) }
        let outcomes = try ClickHouseOracle.run(
            ["CREATE DATABASE db", create(testCase), "SYSTEM STOP MERGES db.t"] + testCase.inserts + [
                Self.partsQuery, create(testCase).replacingOccurrences(of: "db.t ", with: "db.ours "),
                "SELECT data_paths[1] FROM system.tables WHERE database = 'db' AND name = 'ours'",
            ], path: chPath.path)
        guard outcomes.count == testCase.inserts.count + 6,
            case .output(let listing) = outcomes[3 + testCase.inserts.count],
            case .output(let oursPath) = outcomes.last
        else {
            Issue.record("\(outcomes)")
            return
        }
        expectSameFiles(inserted, try Self.indexFiles(listing), stage: "insert")

        let detached = URL(fileURLWithPath: oursPath.trimmingCharacters(in: .whitespacesAndNewlines))
            .appendingPathComponent("detached")
        try FileManager.default.createDirectory(at: detached, withIntermediateDirectories: true)
        var attach: [String] = []
        for part in try FileManager.default.contentsOfDirectory(atPath: ourParts.path).sorted() {
            try FileManager.default.copyItem(
                at: ourParts.appendingPathComponent(part), to: detached.appendingPathComponent(part))
            attach.append("ALTER TABLE db.ours ATTACH PART '\(part)'")
        }
        var reads = attach + ["CHECK TABLE db.ours SETTINGS check_query_single_value_result = 0"]
        for (index, condition) in testCase.queries {
            for table in ["t", "ours"] {
                reads.append(
                    "SELECT count() FROM db.\(table) WHERE \(condition) SETTINGS force_data_skipping_indices = '\(index)'"
                )
            }
        }
        reads += ["SYSTEM START MERGES db.t", "OPTIMIZE TABLE db.t FINAL", Self.partsQuery]
        let after = try ClickHouseOracle.run(reads, path: chPath.path)
        guard after.count == reads.count, case .output(let mergedListing) = after.last else {
            Issue.record("\(after)")
            return
        }
        for outcome in after.prefix(attach.count) { #expect(outcome == .output(""), "ATTACH: \(outcome)") }
        let check = after[attach.count].text
        #expect(!check.isEmpty && !check.contains("\t0\t"), "CHECK TABLE: \(check)")
        for (number, _) in testCase.queries.enumerated() {
            let theirs = after[attach.count + 1 + 2 * number]
            let mine = after[attach.count + 2 + 2 * number]
            #expect(theirs == mine && theirs.text.first?.isNumber == true, "query \(number): \(theirs) vs \(mine)")
        }
        expectSameFiles(merged, try Self.indexFiles(mergedListing), stage: "merge")
    }
}
