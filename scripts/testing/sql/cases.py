"""Inputs for the SHSQL oracle: expressions, queries, CREATE statements and bad statements."""

# Expressions evaluated as `SELECT <expr> FROM (SELECT … ) AS t` (column names checked).
COLUMN_NAME_EXPRESSIONS = r"""
1
-1
- 1
-x
1.5
-1.5
1e5
0x10
0b101
'abc'
NULL
true
false
[1, 2]
(1, 2)
tuple(1, 2)
tuple(x)
tuple()
[x, 1]
(x, 1)
[]
a + 1
count()
count(*)
(SELECT 1)
t.x
x AS y
quantile(0.5)(x)
sum(DISTINCT x)
'it''s'
'a\nb'
'tab\tx'
'back\\slash'
18446744073709551615
18446744073709551616
-9223372036854775808
1.0
1e100
1e-7
0.000001
0.1 + 0.2
1e21
1e20
123456789012345678901234.0
1.5e-5
-0.0
-0
+1
-inf
inf
nan
01
-(1)
- -1
NOT 1
x IN (SELECT 1)
x IN (1, 2)
x NOT IN (1, 2)
1 IN (1)
x IS NULL
x IS NOT NULL
x BETWEEN 1 AND 2
x NOT BETWEEN 1 AND 2
s LIKE 'b'
s NOT LIKE 'b'
s ILIKE 'b'
s NOT ILIKE 'b'
NOT x
x = 1 AND a = 2 OR x > 1
CAST(x AS String)
CAST(x, 'String')
x::String
1::Int32
arr[1]
tup.1
s || 'b' || 'c'
if(x, 1, 2)
x > 1 ? 'a' : 'b'
CASE WHEN x THEN 1 ELSE 2 END
CASE x WHEN 1 THEN 2 END
CASE WHEN x = 1 THEN 'a' WHEN x = 2 THEN 'b' END
1 = 1
1 == 1
1 <> 2
1 != 2
3 % 2
3 DIV 2
3 MOD 2
3 / 2
1 + 2 * 3
(1 + 2) * 3
-1 + 2
1 - -2
a - 1 - 2
a * (x + 1)
length(s)
toString(x)
concat(s, 'x')
lower(upper(s))
countDistinct(x)
uniqExact(x)
avg(x)
groupArray(x)
groupArray(tuple(x, a))
max(x) - min(x)
sum(x) / count()
toInt32(s = 'str')
[[1], [2, 3]]
((1, 2), 3)
(1, (2, 3))
['a', 'b']
x < 1 OR x > 2 OR a = 3
NOT (x AND a)
x AND a AND 1
now() > toDateTime('2020-01-01')
"""

# Full SELECT queries (column names of every column).
COLUMN_NAME_QUERIES = r"""
SELECT (SELECT 1)
SELECT (SELECT 1), (SELECT 2)
SELECT throwIf((SELECT groupArray(tuple(*)) FROM system.one) != (SELECT groupArray(tuple(*)) FROM system.one), 'msg')
SELECT count() FROM system.one
SELECT dummy, one.dummy, system.one.dummy FROM system.one
SELECT dummy AS `weird name`, `dummy`, "dummy" FROM system.one
SELECT number + 1, number * 2 AS doubled FROM numbers(3)
SELECT sum(number), avg(number), max(number) FROM numbers(10)
SELECT number FROM numbers(10) WHERE number % 2 = 0 ORDER BY number DESC LIMIT 3
SELECT toString(1) AS a, a
SELECT 1 AS a, a + 1
SELECT COUNT(), Sum(1), LENGTH('a'), NOW() > 0, If(1, 2, 3), cast(1, 'String'), CAST(1, 'String'), Cast(1 AS String), COUNT(DISTINCT 1)
SELECT (1 AS a) + a, tuple(1 AS b), [2 AS c]
SELECT `weird name` + 1 FROM (SELECT 1 AS `weird name`)
SELECT t.x + 1, x FROM (SELECT 1 AS x) AS t
SELECT 'a' AS x, x || 'b'
SELECT [1, 2] AS arr, arr[1], -arr[1]
SELECT 1 IN (1, 2, 3), 1 IN ((1, 2))
SELECT count(1), count(NULL), sum(number) FROM numbers(3)
SELECT quantiles(0.5, 0.9)(number), groupArray(2)(number) FROM numbers(3)
SELECT INTERVAL 1 DAY, toDate('2020-01-01') + 1, DATE '2020-01-01'
SELECT (SELECT 1) FROM (SELECT 1) AS s
SELECT x IN (SELECT 1), (SELECT 2) + 1 FROM (SELECT 1 AS x)
""".strip().split('\n')

# Queries whose one-line canonical text (formatQuerySingleLine) the formatter must reproduce.
FORMAT_QUERIES = r"""
SELECT (k), tuple(k), tuple(k, v), (k, v), tuple()
SELECT x = 1 AND a = 2 OR x > 1, a AND b AND c, a OR b OR c, NOT a, NOT (a AND b), -x, -(x + 1), - -1, -(-1)
SELECT k + 1 * 2, (k + 1) * 2, k - (1 - 2), k - 1 - 2, a || b || c, [1, 2][1], t.1, (1, 2).1, CAST(x AS String), CAST(x, 'String')
SELECT x IN (1, 2), x NOT IN (1), x IN (SELECT 1), x IS NULL, x IS NOT NULL, x BETWEEN 1 AND 2, x NOT BETWEEN 1 AND 2, x LIKE 'a', x NOT ILIKE 'b'
SELECT CASE WHEN x THEN 1 ELSE 2 END, CASE x WHEN 1 THEN 2 END, x ? 1 : 2, if(x, 1, 2), count(), quantile(0.5)(x), countDistinct(x)
SELECT DISTINCT a AS b, c d, * FROM db.t AS x WHERE a GROUP BY a, b HAVING count() > 1 ORDER BY a DESC NULLS FIRST, b LIMIT 10 OFFSET 5 SETTINGS max_threads = 1
SELECT 1 UNION ALL SELECT 2 LIMIT 1, 2
SELECT * FROM numbers(10) AS n
SELECT * FROM (SELECT 1) AS s
SELECT 1.5, -1.5, 1e5, 'a\nb', NULL, true, [], 0x10, inf, -inf, nan, -0, 1::Int32, 'a'::String
SELECT `a b`, "c", `select`, a.`b c`, `1a`, _x, a1
SELECT `date`, `key`, `value`, `array`, `order`, `where`, `group`, `limit`, `to`, `database`, `default`, `format`, `settings`, `partition`, `with`, `union` FROM t ORDER BY `order`
SELECT `all`, `distinct`, `from`, `table`, `values`, `top`, `null`, `true`, `false`, `nan`, `inf`
SELECT count() FROM test_db.test_table_restored
SELECT throwIf((SELECT groupArray(tuple(*)) FROM test_db.test_table) != (SELECT groupArray(tuple(*)) FROM test_db.test_table_restored), 'Data does not match after BACKUP/RESTORE')
SELECT * FROM generateRandom('key Int, value String, array Array(String)') LIMIT 1000
SELECT a, b FROM t WHERE (a > 1) AND (b < 2) ORDER BY a ASC
SELECT 'it''s', 'tab\there', 'back\\slash', 'nul\0'
SELECT x * (y + z), (x * y) + z, x / y / z, -x * y, -(x * y)
SELECT f(g(1, 2), 'a'), arr[i + 1], t.1.2, toDate('2020-01-01')
SELECT a FROM t WHERE NOT a IN (1, 2) AND b NOT LIKE '%x'
DROP TABLE IF EXISTS db.t SYNC
DROP DATABASE d
TRUNCATE TABLE IF EXISTS t
RENAME TABLE a TO b, db.c TO db.d
SHOW TABLES FROM db LIKE 'x%'
SHOW DATABASES
SHOW CREATE TABLE t
SHOW CREATE DATABASE d
DESCRIBE TABLE t
USE db
EXISTS TABLE t
EXISTS DATABASE d
OPTIMIZE TABLE t FINAL
CHECK TABLE t
SET a = 1, b = 'x', c = true
CREATE DATABASE IF NOT EXISTS d ENGINE = Atomic
INSERT INTO db.t SELECT * FROM generateRandom('a Int32', 1) LIMIT 10
BACKUP TABLE db.t TO S3('http://h/b/k', 'AK', 'SK') SETTINGS base_backup = S3('http://h/b/base', 'AK', 'SK'), id = 'x' ASYNC
RESTORE TABLE data AS test_db.test_table_restored FROM S3('u')
BACKUP TEMPORARY TABLE t AS t2 TO Null
RESTORE DATABASE d AS d2 EXCEPT TABLES x, y FROM Disk('backups', 'x')
BACKUP TABLE db.t AS db.t2 PARTITIONS '2024', 2, DATABASE d, ALL EXCEPT DATABASES a, b TO File('x')
""".strip().split('\n')

# CREATE TABLE statements (TBL is replaced by the table name): SHOW CREATE and create_table_query.
CREATE_TABLES = r"""
CREATE TABLE TBL (`key` Int, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()
CREATE TABLE TBL (k Int32, v String) ENGINE = MergeTree() ORDER BY (k, v)
CREATE TABLE TBL (k Int32, v String) ENGINE = MergeTree ORDER BY tuple(k) PRIMARY KEY k
CREATE TABLE TBL (k Int32, v String) ENGINE = MergeTree ORDER BY (k)
CREATE TABLE TBL (d Date, k UInt64 DEFAULT 1, s String MATERIALIZED toString(k) COMMENT 'hi', a String ALIAS concat(s, 'x'), z Float64 CODEC(Delta(8), LZ4), t DateTime('UTC'), n Nullable(String), lc LowCardinality(String), fs FixedString(4), tu Tuple(a Int32, b String), u UUID, b Bool) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (k, -k) SETTINGS index_granularity = 1024, min_bytes_for_wide_part = 0 COMMENT 'tbl comment'
CREATE TABLE TBL (k Int32) ENGINE = Memory
CREATE TABLE TBL (k Int32) ENGINE = Log
CREATE TABLE TBL (k Int32 DEFAULT -1, j Int64 DEFAULT k + 1 * 2, s String DEFAULT 'it''s') ENGINE = MergeTree ORDER BY k % 10 SETTINGS index_granularity = 8192
CREATE TABLE TBL (k int, s text, x BIGINT, y double, z varchar(10)) ENGINE = MergeTree ORDER BY k
CREATE TABLE TBL (k Int32, a Array(Nullable(String))) ENGINE = MergeTree ORDER BY k SETTINGS storage_policy = 'default', index_granularity = 8192
CREATE TABLE TBL (k Int32 COMMENT 'a''b') ENGINE = MergeTree PRIMARY KEY k ORDER BY (k)
CREATE TABLE TBL (`weird col` Int32, `select` String) ENGINE = MergeTree ORDER BY `weird col`
CREATE TABLE TBL (k UInt64, v String CODEC(ZSTD(3)) COMMENT 'c') ENGINE = MergeTree ORDER BY k
CREATE TABLE TBL (d Date, k Int8, u UInt16, i16 Int16, f Float32, b Bool) ENGINE = MergeTree PARTITION BY d ORDER BY (d, k) SETTINGS index_granularity = 8192
CREATE TABLE TBL (k Int32, a Array(Tuple(Int32, String)), m Array(Array(LowCardinality(Nullable(String))))) ENGINE = MergeTree ORDER BY k
CREATE TABLE TBL (k Int32, dt DateTime, dtz DateTime('Europe/Moscow')) ENGINE = MergeTree ORDER BY (k, dt)
CREATE TABLE TBL (key UInt32, value String) ENGINE = MergeTree ORDER BY key PARTITION BY key % 4 SETTINGS min_rows_for_wide_part = 0, min_bytes_for_wide_part = 0
CREATE TABLE TBL (k Int32, s String) ENGINE = ReplacingMergeTree ORDER BY k
CREATE TABLE TBL (k Int32, v Int64) ENGINE = SummingMergeTree(v) ORDER BY k
CREATE TABLE TBL (k Int32 NULL, s String NOT NULL) ENGINE = Memory
CREATE TABLE TBL (k Int32) ENGINE = MergeTree ORDER BY k COMMENT 'x'
CREATE TABLE TBL (k Int32, s String DEFAULT concat('a', toString(k))) ENGINE = MergeTree ORDER BY (k, s) PRIMARY KEY k
CREATE TABLE TBL (k Int32, t Tuple(a Int32, b Tuple(c String, d Array(Tuple(UInt8, String))))) ENGINE = MergeTree ORDER BY k
CREATE TABLE TBL (k Int32, u Array(DateTime('UTC'))) ENGINE = MergeTree ORDER BY k
CREATE TABLE TBL (key Int32, value String) ENGINE = MergeTree ORDER BY (key, value) SETTINGS index_granularity = 8192
CREATE TABLE TBL (`k` Int32, `s` String) ENGINE = Memory COMMENT 'mem'
CREATE TABLE TBL (k Int32, x Int32 EPHEMERAL, s String DEFAULT toString(x)) ENGINE = MergeTree ORDER BY k
CREATE TABLE TBL (a Int32 CODEC(Delta, ZSTD), b Float64 CODEC(Gorilla, LZ4), c Int64 CODEC(DoubleDelta, LZ4HC), d Date CODEC(Delta, LZ4), e UInt8 CODEC(T64, ZSTD(3)), f String CODEC(NONE), g DateTime CODEC(DoubleDelta, ZSTD(1)), h Float32 CODEC(FPC, LZ4), i Nullable(Int16) CODEC(Delta, LZ4), j LowCardinality(String) CODEC(ZSTD)) ENGINE = MergeTree ORDER BY a
CREATE TABLE TBL (z Float64 CODEC(Delta, LZ4)) ENGINE = MergeTree ORDER BY tuple()
""".strip().split('\n')

# Statements that fail to parse (with implicit_select = 0): the error text must match.
SYNTAX_ERRORS = r"""
SELEC 1
BACKUP ASYNC TABLE t TO Null
SELECT 'a
SELECT (1
SELECT 1 +
SELECT * FROM
SELECT 1 FROM t WHERE
SELECT 1,, 2
SELECT `a
SELECT "a
SELECT /* x
SELECT 1 )
SELECT ]
SELECT 1 FROM t GROUP x
DROP TABLE
SELECT 1 FROM t LIMIT
SELECT 1 FROM t ORDER x
INSERT INTO t FORMAT
BACKUP TABLE t PARTITION 1 AS t2 TO Null
BACKUP TABLE t TO S3('a'), S3('b')
SELECT ((1)
SELECT (1))
SELECT [1, (2]
SELECT 1 1
CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY
SELECT 1 FROM t WHERE x = 1 1 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
SELECT 'abc
RESTORE TABLE t TO Null
BACKUP TABLE t
BACKUP DATABASE d EXCEPT x TO Null
SHOW CREATE
USE
TRUNCATE TABLE
RENAME TABLE a b
OPTIMIZE t
SET a =
SET = 1
RESTORE TABLE t TO Null
BACKUP TABLE db.t TO Null EXCEPT DATA
RESTORE TABLE t PARTITION 1 AS t2 FROM Null
BACKUP TABLE t TO
BACKUP DATABASE d EXCEPT TABLES TO Null
CREATE TABLE t (a Int32
CREATE TABLE t (a) ENGINE = Memory
INSERT INTO t VALUES
INSERT t VALUES (1)
SELECT 1 UNION SELECT
SELECT a FROM t ORDER BY a DESC NULLS
SELECT CASE WHEN 1 THEN 2
SELECT CAST(1 AS
SELECT f(1,
SELECT [1, 2
SELECT x IS 1
SELECT a BETWEEN 1
SHOW TABLES FROM
SELECT 1 FORMAT
SELECT !
SELECT 1 | 2
""".strip().split('\n')

MULTILINE_SYNTAX_ERRORS = [
    "SELECT 1,\n 2 +",
    "SELECT 1\nFROM t\nWHERE )",
    "SELECT 1 -- comment\n 1",
    "SELECT 1\nFROM t\nWHERE (x",
]

FORMAT_QUERIES += [
    "SELECT a = b IS NULL, NOT a IS NULL, a + 1 BETWEEN 1 AND 2, a || b = c, -a::Int32, a IN (1) = 1, a LIKE b = c, a = 1 ? 2 : 3, a AND b ? 1 : 2, NOT a = b, -1::Int32, a BETWEEN b AND c AND d, x IS NULL AND y",
    "SELECT a[1] + 1, t.1 + 1, -a[1], a[1][2], f(a[1]), (a + 1)[1], (a + 1).1, -t.1, NOT a[1], a[1] = 2, CAST(a + 1 AS String), x IN t, -a.b, a.b[1]",
    "SELECT 1 - -2, 1 + -x, -1 * 2, [-1, 2], f(-1), -(1 + 2), NOT NOT a, NOT -1, a = -1, -x IS NULL, (a IS NULL) = 1",
    "SELECT a AND (b OR c), (a AND b) OR c, a AND NOT b, a OR NOT b AND c, x BETWEEN 1 + 1 AND 2, (x BETWEEN 1 AND 2) = 0",
    "SELECT 'a' || 'b', concat(a, b), f(x) AS y, tuple(1, 2).1, [1][1], ((1, 2)).1, [(1, 2)]",
]

# Issue #13: the grammar of real tables (skip indexes, projections, constraints, TTL, SAMPLE BY, column TTL and
# SETTINGS, column-level PRIMARY KEY, lambdas, SQL-standard type names, CREATE OR REPLACE).
CREATE_TABLES += [
    "CREATE TABLE TBL (a UInt32, s String SETTINGS (max_compress_block_size = 1), f Array(UInt8) DEFAULT arrayMap(x -> x + 1, [1, 2]), g Array(UInt8) DEFAULT arrayMap((x, y) -> x + y, [1, 2], [3, 4]), h Array(UInt8) DEFAULT arrayFilter(x -> NOT x, [1]), PROJECTION p (SELECT a, s, count() GROUP BY a, s), CONSTRAINT c1 CHECK a > 0, INDEX i1 a TYPE minmax, CONSTRAINT c2 ASSUME a < 100, INDEX i2 s TYPE set(10) GRANULARITY 2, PROJECTION p2 (SELECT a, s ORDER BY (a)), PROJECTION p3 (SELECT * ORDER BY a, s), b Int32 NOT NULL, c Int32 NULL, e String EPHEMERAL, PRIMARY KEY a) ENGINE = MergeTree ORDER BY a SAMPLE BY a TTL toDateTime(a) + INTERVAL 1 DAY, toDateTime(a) + INTERVAL 2 DAY DELETE WHERE a = 1, toDateTime(a) + toIntervalDay(3) RECOMPRESS CODEC(ZSTD(3)), toDateTime(a) + INTERVAL 4 WEEK TO DISK 'default' SETTINGS index_granularity = 100 COMMENT 'hi'",
    "CREATE TABLE TBL (ts DateTime, k UInt32, secret String DEFAULT 'x' COMMENT 'c' CODEC(ZSTD(1)) TTL ts + INTERVAL 1 DAY, INDEX idx_s lower(secret) TYPE bloom_filter(0.01) GRANULARITY 4, INDEX idx_t secret TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 1, INDEX idx_n secret TYPE ngrambf_v1(3, 256, 2, 0) GRANULARITY 1) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (k, ts) TTL ts + INTERVAL 1 MONTH",
    "CREATE TABLE TBL (a UInt32 PRIMARY KEY, b String PRIMARY KEY, v Float64) ENGINE = MergeTree ORDER BY (a, b, v)",
    "CREATE TABLE TBL (a UInt32 PRIMARY KEY, v Float64) ENGINE = MergeTree ORDER BY (a, v)",
    "CREATE TABLE TBL (id BIGINT NOT NULL, u BIGINT UNSIGNED, w INT(11) UNSIGNED, x int unsigned, t1 TINYINT(1), n INTEGER SIGNED, s SMALLINT UNSIGNED, at TIMESTAMP, at3 TIMESTAMP(3), dt6 DateTime(6, 'UTC'), d DOUBLE PRECISION, f FLOAT(10), dd DOUBLE(10, 2), cv CHAR VARYING(10), nc NATIONAL CHARACTER LARGE OBJECT, ncv NATIONAL CHAR VARYING, bv BINARY VARYING, blo BINARY LARGE OBJECT, c CHAR NULL, txt TEXT, v2 VARCHAR2, cl CLOB, y YEAR, bit BIT, i4 INET4, i6 INET6, ok BOOLEAN, sg SINGLE, amount DECIMAL(12, 4), num NUMERIC(10, 2), arr Array(int unsigned), tup Tuple(a double precision, b varchar(3))) ENGINE = MergeTree ORDER BY id",
]

FORMAT_QUERIES += [
    "SELECT arrayMap(x -> x + 1, a), arrayMap((x, y) -> x * y, a, b), arrayFilter(x -> x.1 > 0, t), arrayMap(x -> [x], a), arrayMap(x -> -x, a), $group_0, a$b",
    "CREATE OR REPLACE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a",
    "REPLACE TABLE t (a Int32) ENGINE = MergeTree ORDER BY a",
    "CREATE TABLE t (a Int32, d DateTime) ENGINE = MergeTree ORDER BY a TTL d TO VOLUME 'cold', d + INTERVAL 1 YEAR DELETE WHERE a = 1",
]

FORMAT_QUERIES += [
    "ALTER TABLE t ADD INDEX i a + 1 TYPE minmax GRANULARITY 3 AFTER j, DROP INDEX IF EXISTS j, MODIFY SETTING a = 1",
    "ALTER TABLE db.t RESET SETTING a, b",
    "ALTER TABLE t MODIFY TTL d + INTERVAL 1 DAY, REMOVE TTL, MODIFY COMMENT 'x', COMMENT COLUMN c 'y', MODIFY ORDER BY (a, b), ADD PROJECTION IF NOT EXISTS p (SELECT a GROUP BY a), DROP PROJECTION p, ADD COLUMN IF NOT EXISTS x UInt8 DEFAULT 1 FIRST, DROP COLUMN IF EXISTS y, RENAME COLUMN a TO b, MODIFY COLUMN c String, ADD COLUMN z Int8 AFTER a",
    "ALTER TABLE t ADD INDEX IF NOT EXISTS i a TYPE bloom_filter(0.01) FIRST, ADD PROJECTION p (SELECT * ORDER BY a) AFTER q, ADD PROJECTION p2 (SELECT a) FIRST, MODIFY TTL d TO DISK 'x', d + 1 WHERE a = 1",
]

# ClickHouse 26.9 prints an operator back inside the parentheses it was written in.
FORMAT_QUERIES += [
    "SELECT (a + 1) AS x, (NOT a), (-a), (a[1]), (a.1), (a IS NULL), (a AND b) OR c, NOT (a AND b), (a IN (1, 2)), f((a = 1)), [(a + 1)], ((a + 1), 2), (a + 1) * 2, -(a + 1), ((a + 1)), a IN (b + 1), a IN ((b + 1))",
    "SELECT a FROM t WHERE (a = 1) GROUP BY (a + 1) ORDER BY (a + 1) DESC",
    "CREATE TABLE t (a Int32) ENGINE = MergeTree ORDER BY (a + 1) PARTITION BY (a % 4) PRIMARY KEY (a + 1)",
]
CREATE_TABLES += [
    "CREATE TABLE TBL (a Int32, d DateTime DEFAULT (now() + 1), b Int32 DEFAULT (a * 2) TTL (d + INTERVAL 1 DAY), INDEX i (a + 1) TYPE minmax, INDEX j a = 1 TYPE minmax, CONSTRAINT c CHECK (a + 1) > 0, PROJECTION p (SELECT a + 1, (a * 2) GROUP BY a + 1, (a * 2))) ENGINE = MergeTree ORDER BY a TTL (d + INTERVAL 1 MONTH)",
]
