-- TTL: table DELETE rules, DELETE … WHERE, column TTL, TTL on Date and DateTime64, applied by OPTIMIZE … FINAL;
-- the errors ClickHouse gives for bad TTLs (no SELECT before OPTIMIZE: ClickHouse's background TTL merges may run). Rows in 2000 have expired, rows in 2100 have not; times of 0 never expire.
CREATE TABLE t (ts DateTime, v UInt32, c String TTL ts + INTERVAL 1 DAY) ENGINE = MergeTree ORDER BY v TTL ts + INTERVAL 1 MONTH;
INSERT INTO t VALUES ('2000-01-01 00:00:00', 1, 'a'), ('2100-01-01 00:00:00', 2, 'b'), ('1970-01-01 00:00:00', 3, 'zero');
INSERT INTO t VALUES ('2000-06-01 10:00:00', 4, 'c'), ('2100-06-01 10:00:00', 5, 'd');
OPTIMIZE TABLE t FINAL;
SELECT * FROM t ORDER BY v;
SELECT count() FROM system.parts WHERE table = 't' AND active;
CREATE TABLE w (d Date, k UInt8, s String) ENGINE = MergeTree ORDER BY k TTL d + INTERVAL 1 YEAR WHERE k > 1;
INSERT INTO w VALUES ('2001-02-03', 1, 'kept: WHERE false'), ('2001-02-03', 2, 'deleted'), ('2140-01-01', 3, 'kept: not expired');
OPTIMIZE TABLE w FINAL;
SELECT * FROM w ORDER BY k;
CREATE TABLE all_gone (ts DateTime64(3), k UInt8) ENGINE = MergeTree ORDER BY k TTL ts + INTERVAL 12 HOUR;
INSERT INTO all_gone VALUES ('2001-01-01 00:00:00.500', 1), ('2002-01-01 00:00:00.000', 2);
OPTIMIZE TABLE all_gone FINAL;
SELECT count() FROM all_gone;
SELECT count() FROM system.parts WHERE table = 'all_gone' AND active;
CREATE TABLE moves (ts DateTime, k UInt8) ENGINE = MergeTree ORDER BY k TTL ts + INTERVAL 1 DAY DELETE, ts + INTERVAL 1 HOUR TO VOLUME 'default';
SHOW CREATE TABLE moves;
CREATE TABLE bad1 (ts DateTime) ENGINE = MergeTree ORDER BY ts TTL ts + INTERVAL 1 DAY, ts + INTERVAL 2 DAY; -- { serverError BAD_TTL_EXPRESSION }
CREATE TABLE bad2 (ts DateTime) ENGINE = MergeTree ORDER BY ts TTL now() + INTERVAL 1 DAY; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad3 (ts DateTime, k UInt32 TTL k) ENGINE = MergeTree ORDER BY ts; -- { serverError BAD_TTL_EXPRESSION }
CREATE TABLE bad4 (ts DateTime, k UInt32 TTL ts) ENGINE = MergeTree ORDER BY k; -- { serverError ILLEGAL_COLUMN }
CREATE TABLE bad5 (ts UInt32) ENGINE = MergeTree ORDER BY ts TTL ts; -- { serverError BAD_TTL_EXPRESSION }
SELECT toDate('2020-01-31') + INTERVAL 1 MONTH, toDate('2020-01-31') + INTERVAL 1 HOUR, toDateTime('2020-01-31 10:00:00') - INTERVAL 1 YEAR;
SELECT toDateTime64('2020-02-29 10:00:00.123', 3) + INTERVAL 1 YEAR, toDateTime('2020-01-31 10:00:00') + INTERVAL 1 WEEK + INTERVAL 90 SECOND;
SELECT INTERVAL 1 DAY + toDate('2020-01-01'), addMonths(toDate('2020-03-31'), -1), subtractQuarters(toDateTime('2020-05-31 00:00:00'), 1);
