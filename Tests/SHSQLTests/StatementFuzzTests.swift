import SHTestSupport
import Testing

@testable import SHSQL

/// Random statements (SELECT clauses, CREATE TABLE, BACKUP/RESTORE, INSERT…) round-trip through the formatter.
@Test func randomStatementsRoundTrip() {
    var gen = ExpressionGenerator()
    gen.g = SplitMix64(seed: 99)
    var parsed = 0
    for i in 0..<2000 {
        var sql = ""
        func e() -> String { gen.expr(Int(gen.g.next() % 3)) }
        switch i % 4 {
        case 0:
            sql = "SELECT \(gen.pick(["", "DISTINCT "]))\(e()) \(gen.pick(["", "AS c", "c", "`c d`"])), \(e())"
            sql += gen.pick(["", " FROM t", " FROM db.t AS x", " FROM numbers(\(e()))", " FROM (SELECT \(e())) s"])
            sql +=
                gen.pick(["", " WHERE \(e())"]) + gen.pick(["", " GROUP BY \(e()), \(e())"])
                + gen.pick(["", " HAVING \(e())"])
            sql +=
                gen.pick(["", " ORDER BY \(e()) DESC NULLS FIRST, \(e())"])
                + gen.pick(["", " LIMIT \(e())", " LIMIT 1, 2", " LIMIT 3 OFFSET 4"])
            sql +=
                gen.pick(["", " UNION ALL SELECT \(e())"]) + gen.pick(["", " SETTINGS a = \(e())"])
                + gen.pick(["", " FORMAT JSON"])
        case 1:
            sql =
                "CREATE TABLE \(gen.pick(["t", "db.t", "`a b`.`c`"])) (k Int32 \(gen.pick(["", "DEFAULT \(e())", "MATERIALIZED \(e())", "ALIAS \(e())"])) \(gen.pick(["", "COMMENT 'x'"])) \(gen.pick(["", "CODEC(ZSTD(1))"])), s \(gen.pick(["String", "Array(Nullable(String))", "Tuple(a Int32, b String)", "DateTime('UTC')", "LowCardinality(String)", "FixedString(3)"])))"
            sql += " ENGINE = \(gen.pick(["MergeTree", "MergeTree()", "Memory", "ReplacingMergeTree(k)"]))"
            sql +=
                gen.pick(["", " PARTITION BY \(e())"]) + gen.pick(["", " PRIMARY KEY \(e())"])
                + gen.pick(["", " ORDER BY \(e())", " ORDER BY (k, s)", " ORDER BY tuple()"])
            sql += gen.pick(["", " SETTINGS index_granularity = 8192, x = 'y'"]) + gen.pick(["", " COMMENT 'c'"])
        case 2:
            sql =
                "\(gen.pick(["BACKUP", "RESTORE"])) "
                + gen.pick([
                    "TABLE db.t", "TABLE t AS t2 PARTITION \(e())", "DATABASE d EXCEPT TABLES a, b",
                    "ALL EXCEPT DATABASES x", "TEMPORARY TABLE x AS y", "TABLE t PARTITIONS \(e()), \(e())",
                ])
            sql +=
                gen.pick(["", ", TABLE u"]) + (sql.hasPrefix("BACKUP") ? " TO " : " FROM ")
                + gen.pick(["Null", "S3('u', 'k', 's')", "File('x')", "Disk('d', 'p')"])
            sql += gen.pick(["", " SETTINGS base_backup = S3('b'), id = \(e())"]) + gen.pick(["", " ASYNC", " SYNC"])
        default:
            sql = gen.pick([
                "INSERT INTO t VALUES (\(e()), \(e())), (\(e()), \(e()))", "INSERT INTO t (a) SELECT \(e())",
                "SET a = \(e())", "DROP TABLE IF EXISTS t SYNC", "SHOW TABLES FROM d LIKE 'x'",
            ])
        }
        guard let st = try? Parser.parseStatement(sql) else { continue }
        parsed += 1
        let text = SQLFormatter.format(st)
        do {
            let again = try Parser.parseStatement(text)
            #expect(again.statement == RoundTripTests.canonical(st.statement), "\(sql) => \(text)")
            #expect(again.settings == st.settings && again.format == st.format, "\(sql) => \(text)")
            #expect(SQLFormatter.format(again) == text, "unstable: \(sql) => \(text)")
        } catch {
            Issue.record("\(sql) => \(text): \(error)")
        }
    }
    #expect(parsed > 1500)
}
