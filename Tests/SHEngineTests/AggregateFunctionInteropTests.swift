import Foundation
import SHCore
import SHEngine
import SHTestSupport
import Testing

/// `AggregateFunction(...)` and `SimpleAggregateFunction(...)` columns against ClickHouse (chdb): the types print and
/// are refused as ClickHouse prints and refuses them, states are ClickHouse's bytes (from `initializeAggregation` and
/// after AggregatingMergeTree and SummingMergeTree merges), and parts move both ways through backups.
@Suite struct AggregateFunctionInteropTests {
    /// Runs `statements` in SwiftHouse, each outcome as the oracle's: output text, or the error's text.
    static func ours(_ statements: [String], in engine: TestEngine) async -> [String] {
        var outcomes: [String] = []
        for statement in statements {
            do {
                outcomes.append(try await engine.run(statement))
            } catch {
                outcomes.append(normalized(DatabaseError.wrap(error).description))
            }
        }
        return outcomes
    }

    /// An error's text without the parts that name the query or suggest names (`: In scope …`, `Maybe you meant`,
    /// `: while converting source column …`),
    /// which SwiftHouse does not write.
    static func normalized(_ text: String) -> String {
        var result = CodecValidationTests.normalized(text)
        for marker in [": In scope ", ". Maybe you meant: ", ": while converting source column "] {
            if let start = result.range(of: marker),
                let end = result.range(of: ". (", range: start.upperBound..<result.endIndex)
            {
                result.replaceSubrange(start.lowerBound..<end.lowerBound, with: "")
            }
        }
        return result
    }

    /// The oracle's outcomes in the same shape as `ours`.
    static func theirs(_ statements: [String]) throws -> [String] {
        try ClickHouseOracle.run(statements).map { outcome in
            switch outcome {
            case .output(let text): text
            case .error(let text): normalized(text)
            }
        }
    }

    static func compare(_ statements: [String]) async throws {
        let expected = try theirs(statements)
        let actual = await ours(statements, in: try TestEngine())
        #expect(expected.count == statements.count)
        for (index, statement) in statements.enumerated() where index < expected.count && index < actual.count {
            #expect(actual[index] == expected[index], "\(statement)")
        }
    }

    @Test func typesPrintAndAreRefusedAsClickHouseDoes() async throws {
        let columns = [
            "AggregateFunction(argMax, Nullable(Bool), DateTime64(3))", "AggregateFunction(  argMax , String, Date)",
            "AggregateFunction(count)", "AggregateFunction(1, sum, UInt8)", "AggregateFunction(Sum, UInt8)",
            "SimpleAggregateFunction(MAX, UInt8)", "SimpleAggregateFunction(anyLast, Nullable(String))",
            "SimpleAggregateFunction(min, DateTime64(3))", "Array(AggregateFunction(sum, UInt8))",
            "LowCardinality(SimpleAggregateFunction(min, String))", "AggregateFunction(avg, Nullable(Decimal(38, 12)))",
            "SimpleAggregateFunction(sum, UInt64)", "AggregateFunction(min, Array(String))",
        ]
        var statements: [String] = []
        for (index, type) in columns.enumerated() {
            statements += [
                "CREATE TABLE t\(index) (c \(type)) ENGINE = MergeTree ORDER BY tuple()", "SHOW CREATE TABLE t\(index)",
                "SELECT type FROM system.columns WHERE table = 't\(index)'",
            ]
        }
        for type in [
            "AggregateFunction(foo, UInt8)", "SimpleAggregateFunction(sum, UInt8)",
            "AggregateFunction(argMax, UInt8)", "AggregateFunction(sum, UInt8, UInt8)", "AggregateFunction()",
            "AggregateFunction(sum, String)", "SimpleAggregateFunction(sum)", "aggregatefunction(sum, UInt8)",
            "AggregateFunction(argmax, UInt8, UInt8)", "Nullable(AggregateFunction(sum, UInt8))",
            "SimpleAggregateFunction(sum, UInt8, UInt8)", "SimpleAggregateFunction(anylast, UInt8)",
        ] {
            statements.append("CREATE TABLE bad (c \(type)) ENGINE = Memory")
        }
        statements += [
            "CREATE TABLE keyed (k UInt8, a AggregateFunction(count)) ENGINE = AggregatingMergeTree ORDER BY a",
            "CREATE TABLE keyed (k UInt8, a AggregateFunction(count)) ENGINE = MergeTree ORDER BY k PARTITION BY a",
            "CREATE TABLE keyed (k UInt8, a SimpleAggregateFunction(max, UInt8)) ENGINE = AggregatingMergeTree ORDER BY a",
        ]
        try await Self.compare(statements)
    }

    @Test func statesAreClickHouseBytes() async throws {
        let states = [
            "'argMaxState', 'ab', toDateTime64(1, 3)",
            "'argMaxState', CAST(true, 'Nullable(Bool)'), toDateTime64(1, 3)",
            "'argMaxState', CAST(NULL, 'Nullable(Bool)'), toDateTime64(1, 3)", "'argMinState', '', 5::UInt8",
            "'argMaxState', 'x', CAST(NULL, 'Nullable(UInt32)')", "'sumState', 3::UInt8", "'sumState', -3::Int16",
            "'sumState', 1.5::Float32", "'sumState', CAST(2.5, 'Decimal(38, 12)')", "'avgState', 1.5::Float32",
            "'avgState', CAST(-7, 'Nullable(Int64)')", "'avgState', CAST(1.25, 'Decimal(9, 2)')",
            "'minState', [1, 2]::Array(UInt8)", "'maxState', 'hello'", "'anyState', toDate('2024-01-02')",
            "'anyLastState', CAST(NULL, 'Nullable(String)')",
            "'minState', toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0')",
            "'maxState', ('a', 1)::Tuple(String, UInt8)", "'countState', 1",
            "'countState', CAST(NULL, 'Nullable(UInt8)')",
            "'minState', map('a', 1)", "'maxState', toFixedString('ab', 2)",
        ]
        let statements =
            states.map { "SELECT hex(initializeAggregation(\($0)))" } + [
                "SELECT toTypeName(initializeAggregation('argMaxState', CAST(NULL, 'Nullable(Bool)'), now64(3)))",
                "SELECT finalizeAggregation(initializeAggregation('argMaxState', CAST(true, 'Nullable(Bool)'), 1::UInt8))",
                "SELECT toTypeName(finalizeAggregation(initializeAggregation('avgState', 1::UInt8)))",
                "SELECT initializeAggregation('sum', 3::UInt8), initializeAggregation('argMax', 'a', 1)",
                "SELECT finalizeAggregation(initializeAggregation('avgState', CAST(1.25, 'Decimal(9, 2)')))",
                "SELECT initializeAggregation('countState')",
            ]
        try await Self.compare(statements)
    }

    /// Rows of equal key merged on INSERT and by OPTIMIZE FINAL: state bytes, values and finalized results.
    @Test func mergesCombineAsClickHouseDoes() async throws {
        let statements = [
            """
            CREATE TABLE a (k UInt32, a AggregateFunction(argMax, String, DateTime64(3)),
            m SimpleAggregateFunction(max, Nullable(DateTime64(3))), s SimpleAggregateFunction(anyLast, Nullable(String)),
            c AggregateFunction(count), v AggregateFunction(avg, Nullable(Float64)), mi SimpleAggregateFunction(min, String),
            f String) ENGINE = AggregatingMergeTree ORDER BY k SETTINGS allow_dimensions_outside_sorting_key = 1
            """,
            "CREATE TABLE dims (k UInt8, f String, g UInt8, a SimpleAggregateFunction(max, UInt8)) ENGINE = AggregatingMergeTree ORDER BY k",
            "CREATE TABLE dims (k UInt8, f String, a AggregateFunction(count)) ENGINE = AggregatingMergeTree PARTITION BY f ORDER BY k",
            "CREATE TABLE dims2 (k UInt8, f String, m String MATERIALIZED f, a AggregateFunction(count)) ENGINE = AggregatingMergeTree ORDER BY (k, length(f))",
            """
            INSERT INTO a SELECT number % 3, initializeAggregation('argMaxState', toString(number),
            toDateTime64(number % 4, 3)), if(number = 1, NULL, toDateTime64(number, 3)),
            if(number % 4 = 2, NULL, toString(number)), initializeAggregation('countState', number),
            initializeAggregation('avgState', if(number = 5, NULL, number * 1.5)), toString(number * 7), toString(number)
            FROM numbers(10)
            """,
            "SELECT k, hex(a), m, s, hex(c), hex(v), mi, f FROM a ORDER BY k",
            """
            INSERT INTO a SELECT number % 3, initializeAggregation('argMaxState', toString(number),
            toDateTime64(number % 5, 3)), NULL, NULL, initializeAggregation('countState', number),
            initializeAggregation('avgState', CAST(number * 0.5, 'Nullable(Float64)')), toString(number * 3), 'x'
            FROM numbers(4)
            """,
            "OPTIMIZE TABLE a FINAL",
            """
            SELECT k, hex(a), m, s, hex(c), hex(v), mi, f, finalizeAggregation(a), finalizeAggregation(c),
            finalizeAggregation(v) FROM a ORDER BY k
            """,
            """
            CREATE TABLE s (k UInt8, n UInt64, st AggregateFunction(sum, UInt64), mx SimpleAggregateFunction(max, UInt8))
            ENGINE = SummingMergeTree ORDER BY k
            """,
            "INSERT INTO s SELECT number % 2, 0, initializeAggregation('sumState', number), number FROM numbers(5)",
            "INSERT INTO s SELECT number % 2, 0, initializeAggregation('sumState', number * 10), 1 FROM numbers(3)",
            "OPTIMIZE TABLE s FINAL",
            "SELECT k, n, hex(st), mx, finalizeAggregation(st) FROM s ORDER BY k",
            """
            CREATE TABLE n (k UInt8, mi SimpleAggregateFunction(min, Float64), ma SimpleAggregateFunction(max, Float64),
            a AggregateFunction(argMax, String, Float64)) ENGINE = AggregatingMergeTree ORDER BY k
            """,
            """
            INSERT INTO n VALUES (1, nan, nan, initializeAggregation('argMaxState', 'x', nan)),
            (1, 1, 1, initializeAggregation('argMaxState', 'y', 1.)), (2, 1, 1, initializeAggregation('argMaxState', 'y', 1.)),
            (2, nan, nan, initializeAggregation('argMaxState', 'x', nan)),
            (3, -0., 0., initializeAggregation('argMaxState', 'p', 0.)), (3, 0., -0., initializeAggregation('argMaxState', 'q', -0.))
            """,
            "SELECT k, mi, ma, finalizeAggregation(a), hex(a) FROM n ORDER BY k",
            "INSERT INTO n (k, a) SELECT 4, initializeAggregation('argMaxState', 'y', 1)",
            "CREATE TABLE l (k UInt8, m SimpleAggregateFunction(anyLast, LowCardinality(String))) ENGINE = AggregatingMergeTree ORDER BY k SETTINGS min_bytes_for_wide_part = 0",
            "INSERT INTO l SELECT number % 3, toString(number * 2) FROM numbers(10)",
            "INSERT INTO l SELECT number % 3, 'y' FROM numbers(2)", "OPTIMIZE TABLE l FINAL",
            "SELECT k, m, toTypeName(m) FROM l ORDER BY k",
            "CREATE TABLE lc (k UInt8, s LowCardinality(SimpleAggregateFunction(anyLast, String))) ENGINE = AggregatingMergeTree ORDER BY k",
        ]
        try await Self.compare(statements)
    }

    /// `SimpleAggregateFunction` columns over arrays and maps: `groupUniqArrayArray` comes out in ClickHouse's
    /// hash-set order (the empty string first; tables grown past 8 and 32 cells), maps ordered by key.
    @Test func collectionFunctionsCombineAsClickHouseDoes() async throws {
        let statements = [
            """
            CREATE TABLE g (k UInt8, u SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
            a SimpleAggregateFunction(groupArrayArray, Array(String)), s SimpleAggregateFunction(sumMap, Map(String, UInt64)),
            mx SimpleAggregateFunction(maxMap, Map(String, String)), mn SimpleAggregateFunction(minMap, Map(String, String)),
            d SimpleAggregateFunction(sumMap, Map(String, Decimal(38, 12)))) ENGINE = AggregatingMergeTree ORDER BY k
            """,
            """
            INSERT INTO g SELECT number % 3,
            if(number % 4 = 0, [], if(number % 4 = 1, [toString(cityHash64(number, 1) % 1000)], if(number % 4 = 2, [toString(cityHash64(number, 1) % 1000), toString(cityHash64(number, 2) % 1000)], [toString(cityHash64(number, 1) % 1000), toString(cityHash64(number, 2) % 1000), toString(cityHash64(number, 3) % 1000)]))),
            [toString(number)], map(toString(number % 5), number, 'z', 1), map(toString(number % 4), toString(number)),
            map(toString(number % 4), toString(number)), map('d', number / 8) FROM numbers(40)
            """,
            "SELECT * FROM g ORDER BY k",
            "INSERT INTO g SELECT 1, ['', 'abcdefghij', 'abcdefghijklmnopq', 'ab', 'abcdefg'], [], map(), map(), map(), map()",
            "INSERT INTO g SELECT 2, ['x', 'x', ''], [''], map('', 0), map('', ''), map('', ''), map('', 0)",
            "OPTIMIZE TABLE g FINAL",
            "SELECT * FROM g ORDER BY k",
            "OPTIMIZE TABLE g FINAL",
            "SELECT * FROM g ORDER BY k",
            "SELECT initializeAggregation('groupUniqArrayArray', [';[.ky', 'y:07+Jn', '7$', 'a', 'bb', 'ccc', 'dddd'])",
            """
            CREATE TABLE h (k UInt8, a SimpleAggregateFunction(groupUniqArrayArray, Array(Int16)),
            b SimpleAggregateFunction(groupUniqArrayArray, Array(UInt32)), c SimpleAggregateFunction(groupUniqArrayArray, Array(Int64)),
            d SimpleAggregateFunction(groupUniqArrayArray, Array(DateTime)), e SimpleAggregateFunction(groupUniqArrayArray, Array(UInt8)),
            f SimpleAggregateFunction(groupUniqArrayArray, Array(Int8)), s SimpleAggregateFunction(groupUniqArrayArray, Array(String)))
            ENGINE = AggregatingMergeTree ORDER BY k
            """,
            """
            INSERT INTO h SELECT number % 2, [toInt16(number * 37 % 200) - 100], [toUInt32(cityHash64(number) % 100000)],
            [toInt64(number) - 50, toInt64(cityHash64(number))], [toDateTime(number * 1000)],
            [toUInt8(number * 7 % 256), toUInt8(number)], [toInt8(number % 7) - 3], [toString(number), '\\0'] FROM numbers(300)
            """,
            "SELECT * FROM h ORDER BY k",
            "CREATE TABLE bad (c SimpleAggregateFunction(groupUniqArrayArray, Array(Float64))) ENGINE = Memory",
        ]
        let expected = try Self.theirs(statements)
        let actual = await Self.ours(statements, in: try TestEngine())
        // groupUniqArrayArray of floats, and sumMap states (ClickHouse's key order is its hash map's), are not stored
        // yet: SwiftHouse refuses them rather than write them differently.
        #expect(actual.last?.contains("NOT_IMPLEMENTED") == true)
        #expect(
            await Self.ours(
                ["CREATE TABLE m (c AggregateFunction(sumMap, Map(String, UInt64))) ENGINE = Memory"],
                in: try TestEngine()
            )
            .first?.contains("NOT_IMPLEMENTED") == true)
        for index in statements.indices.dropLast() where index < expected.count && index < actual.count {
            #expect(actual[index] == expected[index], "\(statements[index])")
        }
    }

    /// `-State`, `-Merge` and `-MergeState` in SELECT: states made by GROUP BY, stored, merged back.
    /// groupArray and groupUniqArray states (with and without max_size): bytes, merges in an AggregatingMergeTree,
    /// `-Merge` results.
    @Test func groupArrayStatesAreClickHouses() async throws {
        let statements = [
            "SELECT hex(groupArrayState(number)), hex(groupArrayState(toString(number))), hex(groupUniqArrayState(number % 3)) FROM numbers(5)",
            "SELECT hex(groupUniqArrayState(toString(number % 4))), hex(groupArrayState(toDate(number))) FROM numbers(9)",
            "SELECT toTypeName(groupArrayState(number)), toTypeName(groupUniqArrayState(toString(number))) FROM numbers(1)",
            "CREATE TABLE g (k UInt8, a AggregateFunction(groupArray, UInt64), u AggregateFunction(groupUniqArray, String)) ENGINE = AggregatingMergeTree ORDER BY k",
            "INSERT INTO g SELECT number % 2, groupArrayState(number), groupUniqArrayState(toString(number % 5)) FROM numbers(10) GROUP BY number % 2",
            "INSERT INTO g SELECT number % 3, groupArrayState(number + 100), groupUniqArrayState(toString(number % 4)) FROM numbers(6) GROUP BY number % 3",
            "OPTIMIZE TABLE g FINAL",
            "SELECT k, hex(a), hex(u) FROM g ORDER BY k",
            "SELECT k, groupArrayMerge(a), groupUniqArrayMerge(u) FROM g GROUP BY k ORDER BY k",
            "SELECT finalizeAggregation(a), finalizeAggregation(u) FROM g ORDER BY k",
            "SELECT groupArrayMerge(a) FROM g WHERE k = 9",
        ]
        try await Self.compare(statements)
    }

    /// uniqExact states (the set ClickHouse keeps, in its order): numbers of every width, strings (SipHash128), across
    /// the set's resizes; merged in an AggregatingMergeTree, their counts (a merged set's elements may come out in
    /// another order than ClickHouse's: the bytes of merged states are not compared).
    @Test func uniqExactStatesAreClickHouses() async throws {
        let statements = [
            "SELECT hex(uniqExactState(number)), hex(uniqExactState(toString(number))), hex(uniqExactState(toInt8(number) - 3)) FROM numbers(40)",
            "SELECT hex(uniqExactState(number / 3)), hex(uniqExactState(toFloat32(number) - 0.5)), hex(uniqExactState(toDate(number))) FROM numbers(25)",
            "SELECT cityHash64(hex(uniqExactState(number * 7919))), cityHash64(hex(uniqExactState(toString(number % 3000)))) FROM numbers(5000)",
            "SELECT hex(uniqExactState(toFixedString(toString(number % 5), 2))), hex(uniqExactState(toUInt16(number % 300))) FROM numbers(1000)",
            "SELECT toTypeName(uniqExactState(number)), finalizeAggregation(uniqExactState(toString(number % 13))) FROM numbers(100)",
            "CREATE TABLE e (k UInt8, n AggregateFunction(uniqExact, UInt64), s AggregateFunction(uniqExact, String)) ENGINE = AggregatingMergeTree ORDER BY k",
            "INSERT INTO e SELECT number % 3, uniqExactState(toUInt64(number * 3 % 50)), uniqExactState(toString(number % 40)) FROM numbers(300) GROUP BY number % 3",
            "INSERT INTO e SELECT number % 2, uniqExactState(number), uniqExactState(toString(number)) FROM numbers(100) GROUP BY number % 2",
            "OPTIMIZE TABLE e FINAL",
            "SELECT k, finalizeAggregation(n), finalizeAggregation(s) FROM e ORDER BY k",
            "SELECT uniqExactMerge(n), uniqExactMerge(s) FROM e",
        ]
        try await Self.compare(statements)
    }

    /// States of 128- and 256-bit integers and Decimal256 (issue #14): their bytes, merges and finalized values,
    /// and an AggregatingMergeTree and a SummingMergeTree of them merged as ClickHouse merges them.
    @Test func wideIntegerStatesAreClickHouses() async throws {
        let statements = [
            "SELECT hex(sumState(toInt128(number) - 3)), hex(sumState(toUInt256(number))), hex(minState(toInt256(number) - 2)), hex(maxState(toUInt128(number))) FROM numbers(7)",
            "SELECT hex(avgState(toInt128(number))), hex(anyState(toUInt256(number + 1))), hex(argMaxState(toInt256(number), number)), hex(sumState(toDecimal256(number, 3))) FROM numbers(5)",
            "SELECT hex(groupArrayState(toUInt128(number))), hex(anyLastState(toNullable(toInt128(number)))) FROM numbers(4)",
            "SELECT toTypeName(sumState(toUInt128(1))), finalizeAggregation(sumState(toUInt128(number))), finalizeAggregation(avgState(toUInt256(number))) FROM numbers(10)",
            "CREATE TABLE w (k UInt8, s AggregateFunction(sum, Int128), m AggregateFunction(max, UInt256), a AggregateFunction(avg, Int256), x SimpleAggregateFunction(sum, UInt128)) ENGINE = AggregatingMergeTree ORDER BY k",
            "INSERT INTO w SELECT number % 3, sumState(toInt128(number) * -1000000000000000000), maxState(toUInt256(number * number)), avgState(toInt256(number)), sum(toUInt128(number)) FROM numbers(30) GROUP BY number % 3",
            "INSERT INTO w SELECT number % 2, sumState(toInt128(number)), maxState(toUInt256(number)), avgState(toInt256(number) - 100), sum(toUInt128(number) * 18446744073709551615) FROM numbers(10) GROUP BY number % 2",
            "OPTIMIZE TABLE w FINAL",
            "SELECT k, hex(s), hex(m), hex(a), x, finalizeAggregation(s), finalizeAggregation(m), finalizeAggregation(a) FROM w ORDER BY k",
            "SELECT sumMerge(s), maxMerge(m), avgMerge(a), sum(x) FROM w",
            "CREATE TABLE sw (k UInt8, a Int128, b UInt256, c Decimal(60, 2)) ENGINE = SummingMergeTree ORDER BY k",
            "INSERT INTO sw VALUES (1, 170141183460469231731687303715884105727, 115792089237316195423570985008687907853269984665640564039457584007913129639935, 1.5), (2, -1, 0, 0)",
            "INSERT INTO sw VALUES (1, 1, 1, -1.5), (2, 1, 0, 0), (3, 5, 5, 5)",
            "OPTIMIZE TABLE sw FINAL",
            "SELECT * FROM sw ORDER BY k",
        ]
        try await Self.compare(statements)
    }

    /// `groupArray(max_size)` and `groupUniqArray(max_size)` states that ClickHouse wrote restore in SwiftHouse,
    /// merge keeping at most max_size values, and go back.
    @Test func limitedGroupArrayStatesMoveBothWays() async throws {
        let place = try BackupPlace()
        defer { try? FileManager.default.removeItem(at: place.root) }
        let table =
            "CREATE TABLE db.g (k UInt8, l AggregateFunction(groupArray(3), UInt32), v AggregateFunction(groupUniqArray(2), UInt16)) ENGINE = AggregatingMergeTree ORDER BY k"
        let select = "SELECT k, hex(l), hex(v), finalizeAggregation(l), finalizeAggregation(v) FROM db.g ORDER BY k"
        let theirs = try place.clickHouse(
            [
                "CREATE DATABASE db", table, "SYSTEM STOP MERGES db.g",
                "INSERT INTO db.g SELECT number % 2, groupArrayState(3)(toUInt32(number)), groupUniqArrayState(2)(toUInt16(number % 7)) FROM numbers(10) GROUP BY number % 2",
                "INSERT INTO db.g SELECT number % 3, groupArrayState(3)(toUInt32(number + 50)), groupUniqArrayState(2)(toUInt16(number)) FROM numbers(6) GROUP BY number % 3",
                "BACKUP TABLE db.g TO \(place.file("ch"))", "SYSTEM START MERGES db.g", "OPTIMIZE TABLE db.g FINAL",
                select,
            ], in: "chdb")
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: place.root.path))
        try await engine.run("CREATE DATABASE db")
        #expect(try await engine.run("RESTORE TABLE db.g FROM \(place.file("ch"))").hasSuffix("\tRESTORED\n"))
        try await engine.run("OPTIMIZE TABLE db.g FINAL")
        let ours = try await engine.run(select)
        #expect(ours == theirs.last?.text && !ours.isEmpty, "\(ours) vs \(String(describing: theirs.last))")
        try await engine.run("BACKUP TABLE db.g TO \(place.file("sh"))")
        let back = try place.clickHouse(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.g FROM \(place.file("sh"))",
                "CHECK TABLE db.g SETTINGS check_query_single_value_result = 1", select,
            ], in: "chdb2")
        #expect(back.count == 4 && back[2] == .output("1\n") && back[3].text == ours, "\(back)")
    }

    @Test func stateCombinatorsInSelect() async throws {
        try await Self.compare([
            "CREATE TABLE src (k UInt8, x String, t DateTime64(3), n Nullable(Float64)) ENGINE = MergeTree ORDER BY k",
            """
            INSERT INTO src SELECT number % 3, toString(number), toDateTime64(number % 7, 3),
            if(number % 4 = 0, NULL, number / 3) FROM numbers(20)
            """,
            """
            CREATE TABLE agg (k UInt8, a AggregateFunction(argMax, String, DateTime64(3)),
            v AggregateFunction(avg, Nullable(Float64)), c AggregateFunction(count)) ENGINE = AggregatingMergeTree ORDER BY k
            """,
            "INSERT INTO agg SELECT k, argMaxState(x, t), avgState(n), countState() FROM src GROUP BY k",
            "INSERT INTO agg SELECT k, argMaxState(x, t), avgState(n), countState() FROM src WHERE k = 1 GROUP BY k",
            "SELECT k, hex(a), hex(v), hex(c) FROM agg ORDER BY k, hex(a), hex(v)",
            """
            SELECT k, argMaxMerge(a), avgMerge(v), countMerge(c), hex(argMaxMergeState(a)) FROM agg GROUP BY k
            ORDER BY k
            """,
            "SELECT countMerge(c), hex(sumState(k)) FROM agg",
        ])
    }

    /// Columns left out of an INSERT, and columns added by ALTER, hold a fresh state (or the stored type's default).
    @Test func defaultsAreFreshStates() async throws {
        try await Self.compare([
            """
            CREATE TABLE e (k UInt8, a AggregateFunction(argMax, String, DateTime64(3)),
            s SimpleAggregateFunction(anyLast, Nullable(String)), m SimpleAggregateFunction(max, Map(String, UInt8)),
            c AggregateFunction(count), x SimpleAggregateFunction(min, Nullable(UInt8))) ENGINE = AggregatingMergeTree
            ORDER BY k
            """,
            "INSERT INTO e (k) VALUES (1), (2)",
            "SELECT k, hex(a), s, m, hex(c), x, finalizeAggregation(a), finalizeAggregation(c) FROM e ORDER BY k",
            "ALTER TABLE e ADD COLUMN b AggregateFunction(sum, UInt64)",
            "SELECT k, hex(b) FROM e ORDER BY k",
            "INSERT INTO e (k, c) SELECT 1, initializeAggregation('countState', 1)",
            "OPTIMIZE TABLE e FINAL",
            "SELECT k, hex(a), s, m, hex(c), x, hex(b) FROM e ORDER BY k",
        ])
    }

    /// A ClickHouse backup (Compact and Wide parts of an AggregatingMergeTree) restored by SwiftHouse reads and merges
    /// as ClickHouse's table does; SwiftHouse's backup of it restored by ClickHouse passes CHECK TABLE and reads the
    /// same bytes.
    @Test func partsMoveBothWays() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sh-aggtype-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let config = root.appendingPathComponent("config.xml")
        try """
        <clickhouse><backups><allowed_path>\(root.path)/</allowed_path></backups></clickhouse>
        """.write(to: config, atomically: true, encoding: .utf8)
        let file = { (name: String) in "File('\(root.path)/\(name)')" }
        let table = """
            CREATE TABLE db.t (k UInt32, a AggregateFunction(argMax, String, DateTime64(3)),
            b AggregateFunction(argMax, Nullable(Bool), DateTime64(3)), s SimpleAggregateFunction(anyLast, Nullable(String)),
            m SimpleAggregateFunction(min, DateTime64(3))) ENGINE = AggregatingMergeTree ORDER BY k
            SETTINGS index_granularity = 3
            """
        func insert(_ modulo: Int, _ count: Int) -> String {
            """
            INSERT INTO db.t SELECT number % \(modulo), initializeAggregation('argMaxState', repeat('x', number % 7),
            toDateTime64(number, 3)), initializeAggregation('argMaxState', CAST(if(number % 3 = 0, NULL, number % 2), 'Nullable(Bool)'),
            toDateTime64(number % 5, 3)), if(number % 4 = 0, NULL, toString(number)), toDateTime64(1000 - number, 3)
            FROM numbers(\(count))
            """
        }
        let select = "SELECT k, hex(a), hex(b), s, m FROM db.t ORDER BY k, hex(a), hex(b), s, m"
        let fromClickHouse = try ClickHouseOracle.run(
            [
                "CREATE DATABASE db", table, "SYSTEM STOP MERGES db.t", insert(40, 40),
                "ALTER TABLE db.t MODIFY SETTING min_bytes_for_wide_part = 0", insert(25, 30),
                "SELECT part_type FROM system.parts WHERE table = 't' AND active ORDER BY name",
                "BACKUP TABLE db.t TO \(file("ch"))", select, "SYSTEM START MERGES db.t", "OPTIMIZE TABLE db.t FINAL",
                select,
            ], path: root.appendingPathComponent("chdb1").path + "?config-file=\(config.path)")
        for outcome in fromClickHouse { if case .error = outcome { Issue.record("\(outcome)") } }
        #expect(fromClickHouse.count == 12 && fromClickHouse[6] == .output("Compact\nWide\n"))
        let engine = try TestEngine(configuration: EngineConfiguration(allowedBackupPath: root.path))
        try await engine.run("CREATE DATABASE db")
        #expect(try await engine.run("RESTORE TABLE db.t FROM \(file("ch"))").hasSuffix("\tRESTORED\n"))
        #expect(try await engine.run(select) == fromClickHouse[8].text)
        try await engine.run("OPTIMIZE TABLE db.t FINAL")
        #expect(try await engine.run(select) == fromClickHouse[11].text)
        try await engine.run(insert(7, 12))
        try await engine.run("BACKUP TABLE db.t TO \(file("sh"))")
        let restored = try ClickHouseOracle.run(
            [
                "CREATE DATABASE db", "RESTORE TABLE db.t FROM \(file("sh"))",
                "CHECK TABLE db.t SETTINGS check_query_single_value_result = 1", select,
            ], path: root.appendingPathComponent("chdb2").path + "?config-file=\(config.path)")
        #expect(restored.count == 4 && restored[2] == .output("1\n"), "\(restored)")
        #expect(try await engine.run(select) == restored.last?.text)
    }
}
