CREATE DATABASE IF NOT EXISTS test_db;
CREATE DATABASE IF NOT EXISTS test_db;
CREATE DATABASE test_db; -- { serverError DATABASE_ALREADY_EXISTS }
CREATE TABLE test_db.t (`key` Int, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple();
CREATE TABLE test_db.t (x Int32) ENGINE = MergeTree ORDER BY x; -- { serverError TABLE_ALREADY_EXISTS }
CREATE TABLE IF NOT EXISTS test_db.t (x Int32) ENGINE = MergeTree ORDER BY x;
INSERT INTO test_db.t VALUES (1, 'one', ['a', 'b']), (2, 'two', []), (3, 'three', ['c']);
INSERT INTO test_db.t VALUES (-4, '', ['d', '']);
SELECT * FROM test_db.t ORDER BY key;
SELECT count() FROM test_db.t;
SELECT key, value FROM test_db.t WHERE key > 1 ORDER BY key;
SELECT sum(key), groupArray(value) FROM (SELECT * FROM test_db.t ORDER BY key);
SELECT length(array) AS n, count() FROM test_db.t GROUP BY n ORDER BY n;
SHOW CREATE TABLE test_db.t;
DESCRIBE TABLE test_db.t;
SHOW TABLES FROM test_db;
EXISTS TABLE test_db.t;
EXISTS TABLE test_db.nope;
SELECT name, engine FROM system.tables WHERE database = 'test_db';
SELECT name, type, position FROM system.columns WHERE database = 'test_db' AND table = 't' ORDER BY position;
SELECT name, rows, active FROM system.parts WHERE database = 'test_db' AND table = 't' ORDER BY name;
OPTIMIZE TABLE test_db.t FINAL;
SELECT name, rows, active FROM system.parts WHERE database = 'test_db' AND table = 't' AND active ORDER BY name;
SELECT * FROM test_db.t ORDER BY key;
CREATE TABLE test_db.s (k UInt64, d Date, s String) ENGINE = MergeTree ORDER BY k;
INSERT INTO test_db.s VALUES (3, '2024-01-03', 'c'), (1, '2024-01-01', 'a'), (2, '2024-01-02', 'b');
SELECT * FROM test_db.s;
INSERT INTO test_db.s SELECT number, toDate('2024-02-01'), toString(number) FROM numbers(3);
SELECT k, d, s FROM test_db.s ORDER BY k, s;
SHOW CREATE TABLE test_db.s;
CREATE TABLE test_db.s_copy AS test_db.s;
SHOW CREATE TABLE test_db.s_copy;
INSERT INTO test_db.s_copy SELECT * FROM test_db.s;
SELECT count(), sum(k) FROM test_db.s_copy;
CREATE TABLE test_db.s_memory AS test_db.s ENGINE = Memory;
SHOW CREATE TABLE test_db.s_memory;
CREATE TABLE test_db.s_nope AS test_db.missing; -- { serverError CANNOT_GET_CREATE_TABLE_QUERY }
TRUNCATE TABLE test_db.s;
SELECT count() FROM test_db.s;
RENAME TABLE test_db.s TO test_db.s2;
EXISTS TABLE test_db.s;
EXISTS TABLE test_db.s2;
DROP TABLE test_db.s2;
DROP TABLE IF EXISTS test_db.s2;
DROP TABLE test_db.s2; -- { serverError UNKNOWN_TABLE }
SELECT * FROM test_db.missing; -- { serverError UNKNOWN_TABLE }
SELECT * FROM nodb.missing; -- { serverError UNKNOWN_DATABASE }
CREATE TABLE test_db.m (a UInt8, b String) ENGINE = Memory;
INSERT INTO test_db.m VALUES (1, 'x'), (2, 'y');
SELECT * FROM test_db.m ORDER BY a;
INSERT INTO test_db.m (b) VALUES ('only-b');
SELECT * FROM test_db.m ORDER BY a, b;
CREATE TABLE test_db.p (d Date, k Int32, v Nullable(Float64)) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (k, d);
INSERT INTO test_db.p VALUES ('2024-01-05', 2, 1.5), ('2024-02-01', 1, NULL), ('2024-01-01', 1, -2);
SELECT * FROM test_db.p ORDER BY k, d;
SELECT partition, name, rows FROM system.parts WHERE database = 'test_db' AND table = 'p' ORDER BY name;
SHOW CREATE TABLE test_db.p;
DROP DATABASE test_db;
SHOW DATABASES LIKE 'test%';
SELECT * FROM system.one;
