import SHCore
import Testing

@testable import SHSQL

/// Parse → format → parse gives the same AST, and formatting is stable, over the whole SQL surface.
@Suite struct RoundTripTests {
    static let statements: [String] = [
        // SELECT
        "SELECT 1", "SELECT 1, 2, 3", "SELECT -1, - 1, -x, +1, -0", "SELECT 1.5, -1.5, 1e5, 1e-7, 0.000001, .5e1 + 1",
        "SELECT 0x10, 0b101, 0XFF, 01", "SELECT 18446744073709551615, 18446744073709551616, -9223372036854775808",
        "SELECT 'abc', 'it''s', 'a\\nb', 'tab\\tx', 'nul\\0', 'x\\x41', 'back\\\\slash', 'q\\'q'",
        "SELECT NULL, true, false, TRUE, inf, -inf", "SELECT [], [1, 2], [[1], [2, 3]], ['a']",
        "SELECT (1, 2), ((1, 2), 3), (1, (2, 3)), tuple(), tuple(1), tuple(1, 2), ()",
        "SELECT a + 1, a - 1, a * 2, a / 2, a % 2, a DIV 2, a MOD 2",
        "SELECT 1 + 2 * 3, (1 + 2) * 3, a - 1 - 2, a - (1 - 2)",
        "SELECT a = 1, a == 1, a != 1, a <> 1, a < 1, a > 1, a <= 1, a >= 1, a <=> 1",
        "SELECT a AND b, a OR b, NOT a, a AND b AND c, a OR b OR c, a AND (b OR c), (a AND b) OR c",
        "SELECT NOT a AND b, NOT (a AND b), NOT NOT a, a OR NOT b AND c",
        "SELECT x IN (1, 2), x NOT IN (1, 2), x IN (1), x IN (SELECT 1), x GLOBAL IN (1, 2), x GLOBAL NOT IN (3)",
        "SELECT x IN t, x IN db.t, (a, b) IN ((1, 2), (3, 4))",
        "SELECT x IS NULL, x IS NOT NULL, x + 1 IS NULL", "SELECT x BETWEEN 1 AND 2, x NOT BETWEEN 1 AND 2 AND y",
        "SELECT s LIKE 'a%', s NOT LIKE 'a%', s ILIKE 'A%', s NOT ILIKE 'A%', s REGEXP '^a'",
        "SELECT CAST(x AS String), CAST(x, 'String'), x::Int32, 1::Int32, 'a'::String, CAST(x AS Nullable(String))",
        "SELECT arr[1], arr[i + 1], a[1][2], t.1, t.1.2, (1, 2).1, -t.1, -arr[1]",
        "SELECT s || 'b', s || 'b' || 'c', concat(s, 'b')", "SELECT a ? 1 : 2, a ? b ? 1 : 2 : 3",
        "SELECT CASE WHEN x THEN 1 END, CASE WHEN x THEN 1 ELSE 2 END, CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END",
        "SELECT count(), count(*), count(x), count(DISTINCT x), sum(DISTINCT x), uniqExact(x), avg(x), any(x)",
        "SELECT quantile(0.5)(x), quantiles(0.5, 0.9)(x), groupArray(10)(x)",
        "SELECT groupArray(tuple(*)), tuple(*), t.*, db.t.*", "SELECT *", "SELECT *, 1", "SELECT t.*",
        "SELECT f(), f(1), f(1, 2), f(g(h(1))), f(x AS y), f(-1)",
        "SELECT now(), today(), version(), currentDatabase(), toString(1), toInt32('1'), length('abc'), lower('A'), upper('a')",
        "SELECT if(a, 1, 2), throwIf(a > 1, 'msg'), throwIf(0)",
        "SELECT 1 AS a", "SELECT 1 a", "SELECT 1 AS `a b`, 2 AS \"c\"", "SELECT x AS y, y + 1 AS z",
        "SELECT `a b`, \"c\", `select`, a.`b c`, `1a`, _x, a1", "SELECT db.t.col, t.col, col",
        "SELECT DISTINCT a FROM t", "SELECT ALL a FROM t", "SELECT a FROM t", "SELECT a FROM db.t",
        "SELECT a FROM t AS x", "SELECT a FROM t x", "SELECT a FROM `my table`", "SELECT * FROM system.one",
        "SELECT * FROM numbers(10)", "SELECT * FROM numbers(5, 10) AS n", "SELECT number FROM system.numbers LIMIT 5",
        "SELECT * FROM generateRandom('key Int, value String, array Array(String)')",
        "SELECT * FROM generateRandom('a Int32', 1, 10, 2) LIMIT 100",
        "SELECT * FROM (SELECT 1 AS x)", "SELECT * FROM (SELECT 1 AS x) AS s", "SELECT x FROM (SELECT 1 AS x) s",
        "SELECT * FROM (SELECT 1 UNION ALL SELECT 2)",
        "SELECT a FROM t WHERE a > 1", "SELECT a FROM t WHERE a > 1 AND b < 2 OR c = 3",
        "SELECT a, count() FROM t GROUP BY a", "SELECT a, b, count() FROM t GROUP BY a, b HAVING count() > 1",
        "SELECT a FROM t ORDER BY a", "SELECT a FROM t ORDER BY a DESC", "SELECT a FROM t ORDER BY a ASC, b DESC",
        "SELECT a FROM t ORDER BY a NULLS FIRST", "SELECT a FROM t ORDER BY a DESC NULLS LAST, b NULLS FIRST",
        "SELECT a FROM t ORDER BY a + 1 DESC", "SELECT a FROM t LIMIT 10", "SELECT a FROM t LIMIT 10 OFFSET 5",
        "SELECT a FROM t LIMIT 5, 10", "SELECT a FROM t OFFSET 3",
        "SELECT a FROM t WHERE a IN (SELECT b FROM u) ORDER BY a LIMIT 1",
        "SELECT 1 UNION ALL SELECT 2", "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3",
        "SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY b LIMIT 1",
        "SELECT 1 SETTINGS max_threads = 1", "SELECT 1 SETTINGS max_threads = 1, output_format_pretty_row_numbers = 0",
        "SELECT 1 FORMAT JSON", "SELECT 1 FORMAT PrettyCompact", "SELECT 1 SETTINGS a = 1 FORMAT TSV",
        "SELECT 1 FORMAT TabSeparatedWithNames SETTINGS a = 1",
        "SELECT (SELECT 1)", "SELECT (SELECT max(a) FROM t) + 1", "SELECT x FROM t WHERE x = (SELECT 1)",
        "SELECT throwIf((SELECT groupArray(tuple(*)) FROM a) != (SELECT groupArray(tuple(*)) FROM b), 'msg')",
        "SELECT INTERVAL 1 DAY, INTERVAL 2 HOUR", "SELECT DATE '2020-01-01', TIMESTAMP '2020-01-01 00:00:00'",
        "SELECT count() FROM test_db.test_table_restored", "SELECT 1 -- comment", "SELECT /* c */ 1",
        "SELECT 1 # comment", "SELECT (a)", "SELECT (a + b) * c, -(a + b), -(-1), - -1",
        // INSERT
        "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')", "INSERT INTO t (a, b) VALUES (1, 'x')",
        "INSERT INTO TABLE db.t VALUES (1)", "INSERT INTO t VALUES (-1, [1, 2], (1, 'a'), NULL, 1.5)",
        "INSERT INTO t VALUES (1) (2)", "INSERT INTO t SELECT * FROM u", "INSERT INTO t (a) SELECT 1",
        "INSERT INTO test_db.test_table SELECT * FROM generateRandom('key Int, value String, array Array(String)') LIMIT 1000",
        "INSERT INTO t SELECT 1 UNION ALL SELECT 2", "INSERT INTO t VALUES (1) SETTINGS async_insert = 0",
        // CREATE
        "CREATE DATABASE d", "CREATE DATABASE IF NOT EXISTS d", "CREATE DATABASE d ENGINE = Atomic",
        "CREATE DATABASE d UUID '92a11a26-5a9b-4b16-9246-6c278f6845aa' ENGINE = Atomic",
        "CREATE DATABASE IF NOT EXISTS test_db", "CREATE DATABASE d ENGINE = Atomic()",
        "CREATE DATABASE b ENGINE = Backup('db', S3('http://127.0.0.1:9000/b/k', 'AK', 'SK'))",
        "CREATE TABLE t (a Int32) ENGINE = Memory", "CREATE TABLE IF NOT EXISTS db.t (a Int32) ENGINE = Log",
        "CREATE TABLE t (a Int32, b String) ENGINE = MergeTree ORDER BY a",
        "CREATE TABLE t (a Int32, b String) ENGINE = MergeTree() ORDER BY (a, b)",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY tuple()",
        "CREATE TABLE t2 AS t1", "CREATE TABLE db.t2 AS db.t1 ENGINE = Memory",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY (a)",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY tuple(a)",
        "CREATE TABLE t (d Date, a Int32) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY a",
        "CREATE TABLE t (a Int32, b Int32) ENGINE = MergeTree PRIMARY KEY a ORDER BY (a, b)",
        "CREATE TABLE t (a Int32, b Int32, PRIMARY KEY (a)) ENGINE = MergeTree ORDER BY (a, b)",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a SETTINGS index_granularity = 8192",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a SETTINGS index_granularity = 1024, min_bytes_for_wide_part = 0, storage_policy = 'default'",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a COMMENT 'table comment'",
        "CREATE TABLE db.t UUID 'cf391e4f-e43f-429f-b479-a9ddd61023b0' (`k` Int32, `s` String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 8192",
        "CREATE TABLE t (a Int32 DEFAULT 1, b Int64 MATERIALIZED a + 1, c String ALIAS toString(a), e Int32 EPHEMERAL) ENGINE = Memory",
        "CREATE TABLE t (a Int32 COMMENT 'col', b String CODEC(ZSTD(3)), c Float64 CODEC(Delta(8), LZ4)) ENGINE = Memory",
        "CREATE TABLE t (a Int32 DEFAULT -1 COMMENT 'x' CODEC(LZ4)) ENGINE = Memory",
        "CREATE TABLE t (a Int, b INTEGER, c BIGINT, d TINYINT, e SMALLINT, f UInt8, g UInt16, h UInt32, i UInt64) ENGINE = Memory",
        "CREATE TABLE t (a Float32, b Float64, c DOUBLE, d FLOAT, e Bool, f BOOLEAN, g String, h TEXT, i VARCHAR(255)) ENGINE = Memory",
        "CREATE TABLE t (a FixedString(16), b Date, c DateTime, d DateTime('UTC'), e UUID) ENGINE = Memory",
        "CREATE TABLE t (a Array(String), b Nullable(Int32), c LowCardinality(String), d LowCardinality(Nullable(String))) ENGINE = Memory",
        "CREATE TABLE t (a Tuple(Int32, String), b Tuple(x Int32, y Array(String)), c Array(Tuple(a Int32, b String))) ENGINE = Memory",
        "CREATE TABLE t (a Int32 NULL, b String NOT NULL) ENGINE = Memory",
        "CREATE TABLE t (`key` Int, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()",
        "CREATE TABLE t (k Int32, v Int64) ENGINE = SummingMergeTree(v) ORDER BY k",
        "CREATE TABLE t (k Int32, v Int64) ENGINE = ReplacingMergeTree ORDER BY k",
        "CREATE TABLE t ENGINE = MergeTree ORDER BY a AS SELECT 1 AS a",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a AS SELECT 1",
        "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a % 10 PARTITION BY a % 4",
        // DROP, TRUNCATE, RENAME
        "DROP TABLE t", "DROP TABLE IF EXISTS db.t", "DROP TABLE IF EXISTS db.t SYNC", "DROP DATABASE d",
        "DROP DATABASE IF EXISTS d SYNC", "TRUNCATE t", "TRUNCATE TABLE t", "TRUNCATE TABLE IF EXISTS db.t",
        "RENAME TABLE a TO b", "RENAME TABLE a TO b, db.c TO db.d", "RENAME TABLE db.a TO db2.a",
        // SHOW, DESCRIBE, USE, EXISTS, OPTIMIZE, CHECK, SET
        "SHOW DATABASES", "SHOW DATABASES LIKE 'test%'", "SHOW TABLES", "SHOW TABLES FROM db", "SHOW TABLES IN db",
        "SHOW TABLES FROM db LIKE 'x%'", "SHOW TABLES LIKE '%t'", "SHOW CREATE TABLE t", "SHOW CREATE t",
        "SHOW CREATE TABLE db.t", "SHOW CREATE DATABASE d", "SHOW TABLES FORMAT JSON",
        "DESCRIBE t", "DESCRIBE TABLE db.t", "DESC t", "DESC TABLE t FORMAT TSV", "USE db", "USE `my db`",
        "EXISTS t", "EXISTS TABLE db.t", "EXISTS DATABASE d", "OPTIMIZE TABLE t", "OPTIMIZE TABLE db.t FINAL",
        "CHECK TABLE t", "CHECK TABLE db.t", "SET a = 1", "SET a = 1, b = 'x', c = true, d = 1.5",
        "SET output_format_pretty_row_numbers = 0", "SET allow_experimental_x",
        // BACKUP / RESTORE
        "BACKUP TABLE t TO Null", "BACKUP TABLE t TO Null()", "BACKUP TABLE db.t TO S3('http://127.0.0.1:9000/b/k')",
        "BACKUP TABLE db.t TO S3('http://127.0.0.1:9000/b/k', 'AK', 'SK')",
        "BACKUP TABLE db.t TO S3('url', 'AK', 'SK', extra_credentials(role_arn = 'arn'))",
        "BACKUP TABLE db.t TO Disk('backups', 'b1')", "BACKUP TABLE db.t TO File('b1.tar.gz')",
        "BACKUP TABLE db.t TO Memory('m')",
        "BACKUP TABLE db.t AS db.t2 TO Null", "BACKUP TABLE db.t PARTITION 202401 TO Null",
        "BACKUP TABLE db.t PARTITIONS '202401', '202402' TO Null", "BACKUP TABLE db.t PARTITION ID '202401' TO Null",
        "BACKUP TABLE db.t AS db.t2 PARTITION 202401 TO Null", "BACKUP TABLE db.t PARTITION (1, 'a') TO Null",
        "BACKUP TABLE db2.a, TABLE db2.b, DATABASE db TO Null", "BACKUP DATABASE db TO Null",
        "BACKUP DATABASE db AS db2 TO Null",
        "BACKUP DATABASE db EXCEPT TABLES db.a, db.b TO Null", "BACKUP DATABASE db EXCEPT TABLE a TO Null",
        "BACKUP ALL TO Null", "BACKUP ALL EXCEPT DATABASES db, system TO Null",
        "BACKUP ALL EXCEPT DATABASE system TO Null",
        "BACKUP ALL EXCEPT TABLES db.a TO Null", "BACKUP ALL EXCEPT DATABASES system EXCEPT TABLES db.a, db.b TO Null",
        "BACKUP TEMPORARY TABLE t TO Null", "BACKUP TEMPORARY TABLE t AS t2 TO Null",
        "BACKUP DICTIONARY db.d TO Null", "BACKUP VIEW db.v TO Null",
        "BACKUP TABLE t TO Null ASYNC", "BACKUP TABLE t TO Null SYNC", "BACKUP TABLE t TO Null SETTINGS async = 1",
        "BACKUP TABLE t TO Null SETTINGS id = 'my_backup', deduplicate_files = 0, structure_only = true",
        "BACKUP TABLE t TO Null SETTINGS async = 0 ASYNC", "BACKUP TABLE t TO Null ASYNC SETTINGS async = 1",
        "BACKUP TABLE t TO S3('u2') SETTINGS base_backup = S3('u1', 'AK', 'SK')",
        "BACKUP TABLE t TO S3('u2') SETTINGS base_backup = S3('u1'), s3_storage_class = 'STANDARD_IA', max_backup_bandwidth = 1000000",
        "RESTORE TABLE t FROM Null", "RESTORE TABLE data AS test_db.test_table_restored FROM S3('u', 'AK', 'SK')",
        "RESTORE TABLE db.t AS db.t_p2 PARTITION 202401 FROM S3('u')",
        "RESTORE DATABASE db AS db2 FROM Disk('backups', 'x')",
        "RESTORE DATABASE d AS d2 EXCEPT TABLES x, y FROM Disk('backups', 'x')", "RESTORE ALL FROM Memory('m')",
        "RESTORE TABLE t FROM Memory('m') SETTINGS allow_non_empty_tables = true, create_table = 'must-exist' ASYNC",
        "RESTORE TABLE t FROM File('x') SETTINGS structure_only = 1, restore_table_data = 0, allow_different_table_def = 1",
        "RESTORE TABLE t FROM S3('u') SETTINGS base_backup = S3('b') SYNC",
    ]

    @Test(arguments: statements)
    func roundTrip(_ sql: String) throws {
        let parsed = try Parser.parseStatement(sql)
        let formatted = SQLFormatter.format(parsed)
        let again = try Parser.parseStatement(formatted)
        #expect(again.statement == Self.canonical(parsed.statement), "\(formatted)")
        #expect(again.format == parsed.format)
        #expect(again.settings == parsed.settings)
        #expect(SQLFormatter.format(again) == formatted, "formatting is not stable")
    }

    /// The canonical form drops `()` after an engine name without arguments (`MergeTree()` → `MergeTree`).
    static func canonical(_ statement: Statement) -> Statement {
        guard case .createTable(var query) = statement, query.engine?.arguments.isEmpty == true else {
            return statement
        }
        query.engine?.hasParentheses = false
        return .createTable(query)
    }

    @Test func enoughStatements() { #expect(Self.statements.count >= 150) }

    @Test func scriptOfAllStatements() throws {
        let script = Self.statements.joined(separator: "\n;\n")
        let parsed = try Parser.parse(script)
        #expect(parsed.count == Self.statements.count)
        for (statement, sql) in zip(parsed, Self.statements) {
            #expect(statement.text == sql.trimmingSuffixComment())
        }
    }
}

extension String {
    /// A statement's text ends at its last token: a trailing `-- x` or `# x` comment is not part of it.
    fileprivate func trimmingSuffixComment() -> String {
        if let range = range(of: " -- ") ?? range(of: " # ") { return String(self[..<range.lowerBound]) }
        return self
    }
}
