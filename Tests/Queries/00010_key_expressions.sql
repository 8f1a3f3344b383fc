-- Key expressions (issue #13): ORDER BY / PRIMARY KEY / PARTITION BY with expressions, partition ids of many key
-- types (hashed ids of non-integer keys), the hash and calendar functions real keys use, and merges by the
-- evaluated key. Tables in the shapes of ClickHouse's example datasets (hits_v1, OpenTelemetry, langfuse).
SET max_threads = 1;
-- intHash32 / intHash64 on edge values
SELECT intHash32(0), intHash32(1), intHash32(toInt8(-1)), intHash32(toInt64(-1)), intHash32(18446744073709551615);
SELECT intHash64(0), intHash64(1), intHash64(toInt8(-1)), intHash64(toInt64(-9223372036854775808)), intHash64(18446744073709551615);
SELECT intHash32(toDate('2020-01-01')), intHash32(toDateTime('2020-01-01 00:00:00')), intHash32(true), intHash32(toUInt16(65535));
SELECT intHash32(toDecimal32(1, 2)), intHash64(toIPv4('1.2.3.4')), toTypeName(intHash32(toNullable(3))), intHash32(toNullable(3));
SELECT intHash32(1.5); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT intHash32('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
-- cityHash64 / sipHash64 / sipHash128 of strings of every length class (0, ≤16, ≤32, ≤64, >64 bytes)
SELECT cityHash64(''), cityHash64('a'), cityHash64('abcdefgh'), cityHash64('abcdefghi'), cityHash64('ClickHouse');
SELECT cityHash64(repeat('x', 17)), cityHash64(repeat('xy', 16)), cityHash64(repeat('abc', 11)), cityHash64(repeat('q', 64));
SELECT cityHash64(repeat('abcdefg', 10)), cityHash64(repeat('0123456789', 13)), cityHash64(repeat('z', 128)), cityHash64(repeat('k', 1000));
SELECT sipHash64(''), sipHash64('a'), sipHash64('abcdefgh'), sipHash64(repeat('x', 17)), sipHash64(repeat('0123456789', 13));
SELECT hex(sipHash128('')), hex(sipHash128('a')), hex(sipHash128(repeat('x', 100)));
-- numbers, several arguments, tuples, arrays, other types
SELECT cityHash64(0), cityHash64(1), cityHash64(toInt8(-1)), cityHash64(toInt64(-1)), cityHash64(toUInt64(18446744073709551615));
SELECT sipHash64(0), sipHash64(1), sipHash64(toInt8(-1)), sipHash64(toInt32(-1)), sipHash64(toUInt64(18446744073709551615));
SELECT cityHash64(1, 'a'), cityHash64('a', 1), sipHash64(1, 'a'), sipHash64(1, 2, 3), cityHash64((1, 'a')), cityHash64(((1, 2), 3));
SELECT cityHash64(), cityHash64(tuple()), sipHash64(), cityHash64([1, 2]), cityHash64([]), sipHash64(['a', 'b']);
SELECT cityHash64(toDate('2020-01-01')), cityHash64(toDateTime('2020-01-01 00:00:00')), cityHash64(toFloat64(1.5)), cityHash64(toFloat32(1.5));
SELECT cityHash64(toDateTime64('2020-01-01 00:00:00.123', 3)), sipHash64(toDateTime64('2020-01-01 00:00:00.123', 3));
SELECT cityHash64(toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0')), sipHash64(toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0'));
SELECT cityHash64(toDecimal32(1.25, 2)), cityHash64(toDecimal64(-1.25, 2)), sipHash64(toDecimal128(1.25, 2)), cityHash64(toFixedString('ab', 4));
SELECT hex(sipHash128(1)), hex(sipHash128(1, 'a')), hex(sipHash128([1, 2])), hex(sipHash128());
SELECT xxHash64(''), xxHash64('a'), xxHash64('abcdefgh'), xxHash64(repeat('x', 31)), xxHash64(repeat('x', 32)), xxHash64(repeat('0123456789', 13));
SELECT xxHash64(1), xxHash64(toInt8(-1)), xxHash64(1, 'a'), xxHash64((1, 2)), xxHash64([1, 2]), xxHash64();
SELECT cityHash64(number), sipHash64(number), intHash32(number), intHash64(number) FROM numbers(3);
-- calendar functions of keys
SELECT toUnixTimestamp64Milli(toDateTime64('2020-01-01 00:00:00.123', 3)), toUnixTimestamp64Micro(toDateTime64('2020-01-01 00:00:00.123', 3)), toUnixTimestamp64Nano(toDateTime64('2020-01-01 00:00:00.123456789', 9));
SELECT toUnixTimestamp64Milli(toDateTime64('1969-12-31 23:59:59.9999', 4)), toUnixTimestamp64Second(toDateTime64('1969-12-31 23:59:59.9', 1)), toUnixTimestamp64Nano(toDateTime64('1969-12-31 23:59:59.5', 1));
SELECT toTypeName(toUnixTimestamp64Nano(toDateTime64('2020-01-01 00:00:00', 3)));
SELECT toUnixTimestamp64Milli(toDateTime(1)); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toStartOfMinute(toDateTime('2020-01-01 10:11:59')), toStartOfFiveMinutes(toDateTime('2020-01-01 10:14:59')), toStartOfFifteenMinutes(toDateTime('2020-01-01 10:29:59'));
SELECT toStartOfMinute(toDateTime64('2020-01-01 00:00:59.9', 1)), toStartOfHour(toDateTime64('2020-01-01 10:59:59.999', 3)), toDate(toDateTime64('2020-01-01 23:59:59.999', 3));
SELECT toMonday(toDate('1970-01-01')), toMonday(toDate('2024-03-10')), toMonday(toDateTime('2024-03-11 10:00:00')), toStartOfWeek(toDate('2024-03-10')), toStartOfWeek(toDate('2024-03-10'), 1);
SELECT toRelativeDayNum(toDate('2020-01-01')), toRelativeDayNum(toDateTime('2020-01-01 12:00:00')), toTypeName(toMonday(now())), toTypeName(toRelativeDayNum(today()));
SELECT mortonEncode(1, 2), mortonEncode(255, 0), mortonEncode(0, 255), mortonEncode(1, 2, 3), mortonEncode(1, 2, 3, 4), mortonEncode(4294967295, 4294967295);
SELECT mortonEncode(toUInt8(3)), mortonEncode(toUInt16(65535), toUInt8(1)), mortonEncode(2097151, 0, 0), mortonEncode(65536, 0, 0, 0), mortonEncode(1, 1, 1, 1, 1), toTypeName(mortonEncode(1, 2));
SELECT mortonEncode(number, number * 3) FROM numbers(4);
SELECT mortonEncode(-1, 1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT moduloLegacy(toInt64(-5), 3), toTypeName(moduloLegacy(toInt64(-5), 3)), toTypeName(moduloLegacy(toUInt64(5), toInt8(3))), moduloLegacy(toInt64(-300), toUInt8(200)), toTypeName(moduloLegacy(toUInt32(5), toUInt16(3)));
CREATE DATABASE d10;
-- hits_v1's keys: ORDER BY with intHash32, PARTITION BY toYYYYMM, SAMPLE BY left out (not done yet)
CREATE TABLE d10.hits (CounterID UInt32, EventDate Date, UserID UInt64, URL String) ENGINE = MergeTree PARTITION BY toYYYYMM(EventDate) ORDER BY (CounterID, EventDate, intHash32(UserID)) SETTINGS index_granularity = 4;
INSERT INTO d10.hits SELECT number % 3, toDate('2020-01-25') + number % 11, number * 7919, concat('u', toString(number)) FROM numbers(40);
INSERT INTO d10.hits SELECT number % 4, toDate('2020-02-01') + number % 5, number * 104729, concat('v', toString(number)) FROM numbers(30);
SHOW CREATE TABLE d10.hits;
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'hits' AND active ORDER BY name;
SELECT * FROM d10.hits WHERE CounterID = 1 ORDER BY EventDate, intHash32(UserID);
SELECT count() FROM d10.hits WHERE CounterID = 2;
SELECT count() FROM d10.hits WHERE CounterID IN (0, 3) AND EventDate >= '2020-02-01';
OPTIMIZE TABLE d10.hits FINAL;
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'hits' AND active ORDER BY name;
SELECT CounterID, EventDate, intHash32(UserID), URL FROM d10.hits WHERE toYYYYMM(EventDate) = 202002;
-- langfuse's keys: PRIMARY KEY a prefix of ORDER BY, both with expressions
CREATE TABLE d10.traces (id String, project_id String, timestamp DateTime64(3), name String) ENGINE = MergeTree PARTITION BY toYYYYMM(timestamp) PRIMARY KEY (project_id, toDate(timestamp)) ORDER BY (project_id, toDate(timestamp), id) SETTINGS index_granularity = 3;
INSERT INTO d10.traces SELECT concat('t', toString(number)), concat('p', toString(number % 3)), toDateTime64(toDateTime('2024-01-30 22:00:00') + number * 3600, 3), 'n' FROM numbers(60);
INSERT INTO d10.traces SELECT concat('s', toString(number)), concat('p', toString(number % 2)), toDateTime64(toDateTime('2024-02-02 10:00:00') + number * 60, 3), 'm' FROM numbers(20);
SHOW CREATE TABLE d10.traces;
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'traces' AND active ORDER BY name;
SELECT count() FROM d10.traces WHERE project_id = 'p1';
OPTIMIZE TABLE d10.traces FINAL;
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'traces' AND active ORDER BY name;
SELECT id, project_id, timestamp FROM d10.traces WHERE toYYYYMM(timestamp) = 202402 LIMIT 30;
-- OpenTelemetry metrics' keys: toUnixTimestamp64Nano in ORDER BY, toDate of a DateTime64(9) in PARTITION BY
CREATE TABLE d10.gauge (ServiceName LowCardinality(String), MetricName String, TimeUnix DateTime64(9), Value Float64) ENGINE = MergeTree PARTITION BY toDate(TimeUnix) ORDER BY (ServiceName, MetricName, toUnixTimestamp64Nano(TimeUnix));
INSERT INTO d10.gauge VALUES ('b', 'cpu', '2024-05-01 23:59:59.999999999', 1), ('a', 'cpu', '2024-05-02 00:00:00.000000001', 2), ('a', 'cpu', '2024-05-01 12:00:00.5', 3), ('a', 'mem', '2024-05-01 00:00:00', 4);
INSERT INTO d10.gauge VALUES ('a', 'cpu', '2024-05-01 11:00:00', 5), ('b', 'cpu', '2024-05-01 00:00:00.000000002', 6);
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'gauge' AND active ORDER BY name;
OPTIMIZE TABLE d10.gauge FINAL;
SELECT * FROM d10.gauge WHERE toDate(TimeUnix) = '2024-05-01';
-- Descending-looking and modulo keys (negative partition ids), sipHash64 / cityHash64 keys
CREATE TABLE d10.neg (k Int32, ts DateTime) ENGINE = MergeTree PARTITION BY k % 3 ORDER BY (negate(k), toUInt64(ts));
INSERT INTO d10.neg SELECT -number, toDateTime('2020-01-01 00:00:00') + number FROM numbers(10);
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'neg' AND active ORDER BY name;
OPTIMIZE TABLE d10.neg FINAL;
SELECT * FROM d10.neg WHERE k % 3 = -1;
CREATE TABLE d10.morton (x UInt32, y UInt32) ENGINE = MergeTree ORDER BY mortonEncode(x, y);
INSERT INTO d10.morton SELECT number % 7, number % 5 FROM numbers(35);
SELECT x, y, mortonEncode(x, y) FROM d10.morton LIMIT 12;
CREATE TABLE d10.hashed (id UInt64, s String) ENGINE = MergeTree PARTITION BY sipHash64(id) % 4 ORDER BY (cityHash64(s), id);
INSERT INTO d10.hashed SELECT number, toString(number * 13) FROM numbers(20);
INSERT INTO d10.hashed SELECT number + 100, toString(number * 17) FROM numbers(20);
SELECT partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table = 'hashed' AND active ORDER BY name;
OPTIMIZE TABLE d10.hashed FINAL;
SELECT id, s, cityHash64(s) FROM d10.hashed WHERE sipHash64(id) % 4 = 2;
-- Partition ids of many key types: hashed (SipHash128) for every non-integer key
CREATE TABLE d10.p_string (p String, k UInt8) ENGINE = MergeTree PARTITION BY p ORDER BY k;
INSERT INTO d10.p_string VALUES ('', 1), ('a', 2), ('eu-west', 3), ('ünïcødé', 4);
CREATE TABLE d10.p_tuple (d Date, region String, k UInt8) ENGINE = MergeTree PARTITION BY (toYear(d), region) ORDER BY k;
INSERT INTO d10.p_tuple VALUES ('2020-01-01', 'eu', 1), ('2020-06-01', 'us', 2), ('2021-01-01', 'eu', 3);
CREATE TABLE d10.p_dt64 (t DateTime64(3), k UInt8) ENGINE = MergeTree PARTITION BY t ORDER BY k;
INSERT INTO d10.p_dt64 VALUES ('2020-01-02 03:04:05.678', 1), ('1969-12-31 23:59:59.999', 2);
CREATE TABLE d10.p_decimal (a Decimal(9, 2), b Decimal(18, 4), c Decimal(38, 2), k UInt8) ENGINE = MergeTree PARTITION BY (a, b, c) ORDER BY k;
INSERT INTO d10.p_decimal VALUES (1.25, -3.5, 12345678901234567890.12, 1), (0, 0, 0, 2);
CREATE TABLE d10.p_uuid (u UUID, k UInt8) ENGINE = MergeTree PARTITION BY u ORDER BY k;
INSERT INTO d10.p_uuid VALUES ('61f0c404-5cb3-11e7-907b-a6006ad3dba0', 1), ('00000000-0000-0000-0000-000000000000', 2);
CREATE TABLE d10.p_ints (a Int8, b UInt64, c Date32, d Bool, e Enum8('x' = -1, 'y' = 5), f IPv4, g DateTime, k UInt8) ENGINE = MergeTree PARTITION BY (a, b, c, d, e, f, g) ORDER BY k;
INSERT INTO d10.p_ints VALUES (-128, 18446744073709551615, '1900-01-01', true, 'x', '1.2.3.4', '2020-01-01 00:00:00', 1);
CREATE TABLE d10.p_mixed (a Int8, d Date, e Enum8('x' = -1, 'y' = 5), f IPv4, b Bool, s String, k UInt8) ENGINE = MergeTree PARTITION BY (a, d, e, f, b, s) ORDER BY k;
INSERT INTO d10.p_mixed VALUES (-1, '2020-01-02', 'y', '10.0.0.1', false, 'z', 1);
CREATE TABLE d10.p_other (f FixedString(5), l LowCardinality(String), k UInt8) ENGINE = MergeTree PARTITION BY (f, l) ORDER BY k;
INSERT INTO d10.p_other VALUES ('ab', 'x', 1), ('abcde', '', 2);
CREATE TABLE d10.p_tuplecolumn (t Tuple(UInt16, String), k UInt8) ENGINE = MergeTree PARTITION BY t ORDER BY k;
INSERT INTO d10.p_tuplecolumn VALUES ((2020, 'eu'), 1);
CREATE TABLE d10.p_array (a Array(UInt8), k UInt8) ENGINE = MergeTree PARTITION BY a ORDER BY k;
INSERT INTO d10.p_array VALUES ([1, 2], 1), ([], 2);
CREATE TABLE d10.p_fromfloat (ms Float64, k UInt8) ENGINE = MergeTree PARTITION BY toDate(ms / 1000) ORDER BY k;
INSERT INTO d10.p_fromfloat VALUES (1700000000000.5, 1), (0, 2);
SELECT table, partition_id, name, rows FROM system.parts WHERE database = 'd10' AND table LIKE 'p\_%' AND active ORDER BY table, name;
SELECT * FROM d10.p_decimal ORDER BY k;
OPTIMIZE TABLE d10.p_string FINAL;
SELECT * FROM d10.p_string ORDER BY k;
-- Errors as ClickHouse gives them
CREATE TABLE d10.e1 (a UInt8, b UInt8) ENGINE = MergeTree ORDER BY a PRIMARY KEY b; -- { serverError BAD_ARGUMENTS }
CREATE TABLE d10.e2 (a UInt8, b UInt8) ENGINE = MergeTree ORDER BY (a, b) PRIMARY KEY (a, b, a); -- { serverError BAD_ARGUMENTS }
CREATE TABLE d10.e3 (a UInt8, b Float64) ENGINE = MergeTree ORDER BY a PARTITION BY b; -- { serverError BAD_ARGUMENTS }
CREATE TABLE d10.e4 (a UInt8) ENGINE = MergeTree ORDER BY rand(); -- { serverError BAD_ARGUMENTS }
CREATE TABLE d10.e5 (a UInt8) ENGINE = MergeTree ORDER BY (a, nosuchcolumn); -- { serverError UNKNOWN_IDENTIFIER }
CREATE TABLE d10.e9 (a Nullable(UInt8)) ENGINE = MergeTree ORDER BY a; -- { serverError ILLEGAL_COLUMN }
CREATE TABLE d10.e10 (a Nullable(UInt8), k UInt8) ENGINE = MergeTree ORDER BY k PARTITION BY a; -- { serverError ILLEGAL_COLUMN }
EXISTS TABLE d10.e1;
CREATE TABLE d10.nullable_key (a Nullable(UInt8), k UInt8) ENGINE = MergeTree ORDER BY (k, a) SETTINGS allow_nullable_key = 1;
INSERT INTO d10.nullable_key VALUES (NULL, 1), (2, 1), (1, 1), (NULL, 0);
SELECT * FROM d10.nullable_key;
CREATE TABLE d10.nullable_expr (a Nullable(UInt8), k UInt8) ENGINE = MergeTree ORDER BY (k, ifNull(a, 0));
INSERT INTO d10.nullable_expr VALUES (NULL, 1), (2, 1), (1, 1), (NULL, 0);
SELECT * FROM d10.nullable_expr;
-- Expressions over strings in the sorting key
CREATE TABLE d10.lower (a UInt8, b String) ENGINE = MergeTree ORDER BY (a, lower(b)) PRIMARY KEY a;
INSERT INTO d10.lower VALUES (1, 'X'), (1, 'a'), (0, 'Z'), (1, 'b');
SELECT * FROM d10.lower;
INSERT INTO d10.lower VALUES (1, 'W'), (1, 'c');
OPTIMIZE TABLE d10.lower FINAL;
SELECT * FROM d10.lower;
SHOW CREATE TABLE d10.lower;
-- SAMPLE BY (hits_v1's intHash32(UserID), the probe's plain UInt64 column) and SELECT … SAMPLE
CREATE TABLE d10.sampled (CounterID UInt32, EventDate Date, UserID UInt64) ENGINE = MergeTree ORDER BY (CounterID, EventDate, intHash32(UserID)) SAMPLE BY intHash32(UserID);
SHOW CREATE TABLE d10.sampled;
INSERT INTO d10.sampled SELECT number % 5, toDate('2020-01-01') + number % 30, number * 2654435761 FROM numbers(2000);
SELECT count(), sum(UserID) FROM d10.sampled SAMPLE 0.1;
SELECT count(), sum(UserID) FROM d10.sampled SAMPLE 1/10;
SELECT count(), sum(UserID) FROM d10.sampled SAMPLE 0.25 OFFSET 0.5;
SELECT count(), sum(UserID) FROM d10.sampled SAMPLE 1/3 OFFSET 2/3;
SELECT count(), sum(UserID) FROM d10.sampled SAMPLE 0.5 OFFSET 0.75;
SELECT count() FROM d10.sampled SAMPLE 1;
SELECT count() FROM d10.sampled SAMPLE 0;
SELECT CounterID, count() FROM d10.sampled SAMPLE 0.3 WHERE CounterID < 3 GROUP BY CounterID ORDER BY CounterID;
SELECT UserID FROM d10.sampled SAMPLE 0.01 ORDER BY UserID;
CREATE TABLE d10.sampled_plain (k UInt64, d Date, v String) ENGINE = MergeTree ORDER BY (d, k) SAMPLE BY k;
INSERT INTO d10.sampled_plain SELECT number * 1844674407370955, toDate('2024-01-01'), toString(number) FROM numbers(10000);
SELECT count(), min(k), max(k) FROM d10.sampled_plain SAMPLE 0.1;
SELECT count(), min(k), max(k) FROM d10.sampled_plain SAMPLE 0.1 OFFSET 0.9;
SHOW CREATE TABLE d10.sampled_plain;
CREATE TABLE d10.sampled_copy AS d10.sampled;
SHOW CREATE TABLE d10.sampled_copy;
SELECT count() FROM d10.hits SAMPLE 0.1; -- { serverError SAMPLING_NOT_SUPPORTED }
CREATE TABLE d10.e6 (a UInt8, b UInt32) ENGINE = MergeTree ORDER BY a SAMPLE BY b; -- { serverError BAD_ARGUMENTS }
CREATE TABLE d10.e7 (a UInt8, b String) ENGINE = MergeTree ORDER BY (a, b) SAMPLE BY b; -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
CREATE TABLE d10.e8 (a UInt8, b Int32) ENGINE = MergeTree ORDER BY (a, b) SAMPLE BY b; -- { serverError ILLEGAL_TYPE_OF_COLUMN_FOR_FILTER }
