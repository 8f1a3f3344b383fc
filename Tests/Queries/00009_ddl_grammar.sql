-- Issue #13: the CREATE/ALTER grammar of real tables, as ClickHouse 26.9 prints it (SHOW CREATE, DESCRIBE,
-- system.tables.create_table_query): skip indexes, projections, constraints, SAMPLE BY, table and column TTL,
-- column SETTINGS, column-level PRIMARY KEY, lambdas, SQL-standard type names, CREATE OR REPLACE, ALTER.
CREATE DATABASE d9;
CREATE TABLE d9.everything (k UInt32, ts DateTime, s String DEFAULT 'x' COMMENT 'a string' CODEC(ZSTD(1)) TTL ts + INTERVAL 1 DAY, m String MATERIALIZED upper(s), a String ALIAS concat(s, '!'), e String EPHEMERAL, arr Array(UInt8) DEFAULT arrayMap(x -> x + 1, [1, 2]), pairs Array(UInt8) DEFAULT arrayMap((x, y) -> x * y, [1, 2], [3, 4]), wide String SETTINGS (max_compress_block_size = 1048576), INDEX idx_s s TYPE bloom_filter(0.01) GRANULARITY 4, INDEX idx_k k TYPE minmax, INDEX idx_t s TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 1, INDEX idx_n s TYPE ngrambf_v1(3, 256, 2, 0) GRANULARITY 1, INDEX idx_set k TYPE set(100) GRANULARITY 2, CONSTRAINT positive CHECK k > 0, CONSTRAINT small ASSUME k < 1000000, PROJECTION by_s (SELECT * ORDER BY s), PROJECTION per_k (SELECT k, count() GROUP BY k)) ENGINE = MergeTree PARTITION BY ts ORDER BY (k, ts) SAMPLE BY k TTL ts + INTERVAL 1 MONTH, ts + INTERVAL 1 WEEK TO DISK 'default', ts + INTERVAL 2 MONTH DELETE WHERE k = 1, ts + INTERVAL 3 DAY RECOMPRESS CODEC(ZSTD(3)) SETTINGS index_granularity = 1024 COMMENT 'every clause';
SHOW CREATE TABLE d9.everything;
SELECT create_table_query FROM system.tables WHERE database = 'd9' AND name = 'everything';
DESCRIBE TABLE d9.everything;
CREATE TABLE d9.column_keys (a UInt32 PRIMARY KEY, b String PRIMARY KEY, v Float64) ENGINE = MergeTree;
SHOW CREATE TABLE d9.column_keys;
CREATE TABLE d9.column_key (a UInt32 PRIMARY KEY, v Float64) ENGINE = MergeTree ORDER BY (a, v);
SHOW CREATE TABLE d9.column_key;
CREATE TABLE d9.two_keys (a UInt32 PRIMARY KEY, v Float64, PRIMARY KEY v) ENGINE = MergeTree; -- { serverError BAD_ARGUMENTS }
CREATE TABLE d9.sql_types (id BIGINT NOT NULL, u BIGINT UNSIGNED, w INT(11) UNSIGNED, x int unsigned, t1 TINYINT(1), n INTEGER SIGNED, sm SMALLINT UNSIGNED, at TIMESTAMP, at3 TIMESTAMP(3), dt6 DateTime(6, 'UTC'), d DOUBLE PRECISION, f FLOAT(10), dd DOUBLE(10, 2), cv CHAR VARYING(10), nc NATIONAL CHARACTER LARGE OBJECT, ncv NATIONAL CHAR VARYING, bv BINARY VARYING, blo BINARY LARGE OBJECT, c CHAR NULL, txt TEXT, v2 VARCHAR(255), cl CLOB, y YEAR, bit BIT, i4 INET4, ok BOOLEAN, sg SINGLE, amount DECIMAL(12, 4), num NUMERIC(10, 2), arr Array(int unsigned), tup Tuple(a double precision, b varchar(3))) ENGINE = MergeTree ORDER BY id;
DESCRIBE TABLE d9.sql_types;
CREATE TABLE d9.bad_type (x INT8 UNSIGNED) ENGINE = MergeTree ORDER BY tuple(); -- { serverError UNKNOWN_TYPE }
INSERT INTO d9.sql_types (id, u, w, at, d, c, txt, ok) VALUES (1, 18446744073709551615, 4294967295, '2024-01-02 03:04:05', 1.5, NULL, 'text', true);
SELECT id, u, w, at, d, c, txt, ok FROM d9.sql_types;
CREATE TABLE d9.replaced (a UInt32) ENGINE = MergeTree ORDER BY a;
INSERT INTO d9.replaced VALUES (1), (2);
CREATE OR REPLACE TABLE d9.replaced (b String) ENGINE = MergeTree ORDER BY b AS SELECT toString(a * 10) AS b FROM d9.replaced;
SELECT * FROM d9.replaced ORDER BY b;
SHOW CREATE TABLE d9.replaced;
CREATE OR REPLACE TABLE d9.replaced (c Int8) ENGINE = Memory;
SHOW CREATE TABLE d9.replaced;
SELECT count() FROM d9.replaced;
CREATE OR REPLACE TABLE d9.fresh (c Int8) ENGINE = Memory;
SHOW CREATE TABLE d9.fresh;
REPLACE TABLE d9.missing (c Int8) ENGINE = Memory; -- { serverError UNKNOWN_TABLE }
REPLACE TABLE d9.fresh (c Int16) ENGINE = Memory;
SHOW CREATE TABLE d9.fresh;
SHOW TABLES FROM d9;
CREATE TABLE d9.altered (k UInt32, s String, d DateTime) ENGINE = MergeTree ORDER BY k;
INSERT INTO d9.altered VALUES (2, 'b', '2024-01-01 00:00:00'), (1, 'a', '2024-01-01 00:00:00');
ALTER TABLE d9.altered ADD INDEX i1 s TYPE minmax, ADD INDEX i0 k TYPE set(3) GRANULARITY 2 FIRST, ADD INDEX i2 k TYPE minmax AFTER i1;
ALTER TABLE d9.altered ADD INDEX i1 s TYPE minmax; -- { serverError ILLEGAL_COLUMN }
ALTER TABLE d9.altered ADD INDEX IF NOT EXISTS i1 s TYPE minmax;
ALTER TABLE d9.altered DROP INDEX nope; -- { serverError BAD_ARGUMENTS }
ALTER TABLE d9.altered DROP INDEX IF EXISTS nope;
ALTER TABLE d9.altered DROP INDEX i2;
ALTER TABLE d9.altered ADD PROJECTION p (SELECT k, count() GROUP BY k);
ALTER TABLE d9.altered ADD PROJECTION p (SELECT k, count() GROUP BY k); -- { serverError ILLEGAL_PROJECTION }
ALTER TABLE d9.altered DROP PROJECTION nope; -- { serverError NO_SUCH_PROJECTION_IN_TABLE }
ALTER TABLE d9.altered MODIFY SETTING min_bytes_for_wide_part = 0, merge_with_ttl_timeout = 100;
ALTER TABLE d9.altered MODIFY SETTING index_granularity = 100; -- { serverError READONLY_SETTING }
ALTER TABLE d9.altered RESET SETTING merge_with_ttl_timeout;
ALTER TABLE d9.altered MODIFY TTL d + INTERVAL 10 YEAR;
ALTER TABLE d9.altered MODIFY COMMENT 'altered';
ALTER TABLE d9.altered COMMENT COLUMN s 'column s';
ALTER TABLE d9.altered COMMENT COLUMN nope 'x'; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
SHOW CREATE TABLE d9.altered;
ALTER TABLE d9.altered REMOVE TTL;
ALTER TABLE d9.altered REMOVE TTL; -- { serverError BAD_ARGUMENTS }
ALTER TABLE d9.altered MODIFY ORDER BY (k, s); -- { serverError BAD_ARGUMENTS }
ALTER TABLE d9.altered DROP PROJECTION p, MODIFY COMMENT '', COMMENT COLUMN s '';
SHOW CREATE TABLE d9.altered;
SELECT create_table_query FROM system.tables WHERE database = 'd9' AND name = 'altered';
INSERT INTO d9.altered VALUES (3, 'c', '2024-01-01 00:00:00');
SELECT k, s FROM d9.altered ORDER BY k;
CREATE TABLE d9.grown (k UInt32, s String) ENGINE = MergeTree ORDER BY tuple();
ALTER TABLE d9.grown ADD COLUMN x UInt8 DEFAULT 7 FIRST, MODIFY ORDER BY x; -- { serverError BAD_ARGUMENTS }
ALTER TABLE d9.grown ADD COLUMN x UInt8 FIRST, ADD COLUMN y String DEFAULT 'y' AFTER k, MODIFY ORDER BY x;
SHOW CREATE TABLE d9.grown;
INSERT INTO d9.grown (k, s) VALUES (1, 'a');
SELECT * FROM d9.grown;
ALTER TABLE d9.altered MODIFY COMMENT 'm', ADD INDEX ib s TYPE bloom_filter(0.01) GRANULARITY 1;
SHOW CREATE TABLE d9.altered;
ALTER TABLE d9.nope MODIFY COMMENT 'x'; -- { serverError UNKNOWN_TABLE }
CREATE TABLE d9.memory (k UInt32) ENGINE = Memory;
ALTER TABLE d9.memory ADD INDEX i k TYPE minmax; -- { serverError NOT_IMPLEMENTED }
ALTER TABLE d9.memory MODIFY COMMENT 'memory table';
SHOW CREATE TABLE d9.memory;
CREATE TABLE d9.added (k UInt32, s String) ENGINE = MergeTree ORDER BY k;
INSERT INTO d9.added VALUES (1, 'x');
ALTER TABLE d9.added ADD COLUMN n UInt8 DEFAULT 7 AFTER k;
INSERT INTO d9.added VALUES (2, 3, 'y');
ALTER TABLE d9.added ADD COLUMN z Nullable(String), ADD COLUMN d Date DEFAULT '2024-01-02', ADD COLUMN e Int16 DEFAULT -5 FIRST, ADD COLUMN IF NOT EXISTS n UInt64;
ALTER TABLE d9.added ADD COLUMN n UInt64; -- { serverError DUPLICATE_COLUMN }
SELECT * FROM d9.added ORDER BY k;
SELECT n, count() FROM d9.added GROUP BY n ORDER BY n;
SELECT count() FROM d9.added WHERE d = '2024-01-02';
SHOW CREATE TABLE d9.added;
DESCRIBE TABLE d9.added;
OPTIMIZE TABLE d9.added FINAL;
SELECT * FROM d9.added ORDER BY k;
INSERT INTO d9.added (k, s) VALUES (3, 'z');
SELECT * FROM d9.added ORDER BY k;
CREATE TABLE d9.dropped (k UInt32, p UInt32, s String, x String, d String DEFAULT x, y UInt8, INDEX i s TYPE minmax) ENGINE = MergeTree PARTITION BY p ORDER BY k;
ALTER TABLE d9.dropped DROP COLUMN k; -- { serverError ALTER_OF_COLUMN_IS_FORBIDDEN }
ALTER TABLE d9.dropped DROP COLUMN p; -- { serverError ALTER_OF_COLUMN_IS_FORBIDDEN }
ALTER TABLE d9.dropped DROP COLUMN s; -- { serverError UNKNOWN_IDENTIFIER }
ALTER TABLE d9.dropped DROP COLUMN x; -- { serverError ILLEGAL_COLUMN }
ALTER TABLE d9.dropped DROP COLUMN nope; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
ALTER TABLE d9.dropped DROP COLUMN IF EXISTS nope, DROP COLUMN d, DROP COLUMN y;
SHOW CREATE TABLE d9.dropped;
CREATE TABLE d9.modified (k UInt32, s String DEFAULT 'a' COMMENT 'c' CODEC(ZSTD(1)), v UInt32) ENGINE = MergeTree ORDER BY k;
INSERT INTO d9.modified VALUES (1, 'x', 2);
ALTER TABLE d9.modified MODIFY COLUMN s String DEFAULT 'z';
SHOW CREATE TABLE d9.modified;
ALTER TABLE d9.modified MODIFY COLUMN s String COMMENT 'd', MODIFY COLUMN v UInt32 TTL toDateTime(k) + INTERVAL 100 YEAR;
ALTER TABLE d9.modified MODIFY COLUMN s String;
SHOW CREATE TABLE d9.modified;
ALTER TABLE d9.modified MODIFY COLUMN s String CODEC(LZ4) AFTER v;
ALTER TABLE d9.modified MODIFY COLUMN IF EXISTS nope String;
ALTER TABLE d9.modified MODIFY COLUMN nope String; -- { serverError NOT_FOUND_COLUMN_IN_BLOCK }
SHOW CREATE TABLE d9.modified;
INSERT INTO d9.modified (k, v) VALUES (2, 3);
SELECT * FROM d9.modified ORDER BY k;
