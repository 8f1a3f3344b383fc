-- Issue #11: wrong SQL answers and SQL that trapped the process.
-- 1. A Date, DateTime or UUID compared with a string literal: the string is read as a value of that type.
CREATE TABLE i11_dt (d DateTime, v UInt8) ENGINE = MergeTree ORDER BY d;
INSERT INTO i11_dt VALUES ('2020-01-01 00:00:00', 1), ('2021-06-01 12:00:00', 2), ('2023-01-01 00:00:00', 3);
SELECT count() FROM i11_dt WHERE d <= '2021-06-01 12:00:00';
SELECT count() FROM i11_dt WHERE d < '2021-06-01 12:00:00';
SELECT count() FROM i11_dt WHERE '2021-06-01 12:00:00' >= d;
SELECT count() FROM i11_dt WHERE d = '2021-06-01 12:00:00';
SELECT count() FROM i11_dt WHERE d != '2021-06-01 12:00:00';
SELECT count() FROM i11_dt WHERE d > '2021-06-01';
SELECT v FROM i11_dt WHERE d BETWEEN '2020-06-01 00:00:00' AND '2023-01-01 00:00:00' ORDER BY v;
SELECT v FROM i11_dt WHERE d IN ('2020-01-01 00:00:00', '2023-01-01 00:00:00') ORDER BY v;
SELECT v FROM i11_dt WHERE d NOT IN ('2020-01-01 00:00:00') ORDER BY v;
SELECT count() FROM i11_dt WHERE d = 'abc'; -- { serverError CANNOT_PARSE_DATETIME }
CREATE TABLE i11_d (d Date, u UUID, v UInt8) ENGINE = MergeTree ORDER BY d;
INSERT INTO i11_d VALUES ('2020-01-01', '00000000-0000-0000-0000-000000000001', 1), ('2021-06-01', '00000000-0000-0000-0000-000000000002', 2), ('2023-01-01', '00000000-0000-0000-0000-000000000003', 3);
SELECT count() FROM i11_d WHERE d <= '2021-06-01';
SELECT count() FROM i11_d WHERE d > '2021-05-31';
SELECT v FROM i11_d WHERE d IN ('2021-06-01', '2023-01-01') ORDER BY v;
SELECT v FROM i11_d WHERE u = '00000000-0000-0000-0000-000000000002';
SELECT v FROM i11_d WHERE u > '00000000-0000-0000-0000-000000000001' ORDER BY v;
SELECT v FROM i11_d WHERE u IN ('00000000-0000-0000-0000-000000000003') ORDER BY v;
SELECT count() FROM i11_d WHERE d = 'x'; -- { serverError CANNOT_PARSE_DATE }
SELECT count() FROM i11_d WHERE d IN ('x'); -- { serverError CANNOT_PARSE_DATE }
SELECT toDate('2024-01-01') < toDateTime('2024-01-01 00:00:01'), toDateTime('2020-01-01 00:00:00') < '2020-01-01 00:00:00.5', toDateTime('2020-01-01 00:00:00') = '2020-01-01', '2020-01-02' > toDate('2020-01-01');
-- 2. Date and time conversions at the edges of their ranges.
SELECT toDate(3786912000), toDate(65535), toDate(65536), toDate(-1), toDate(4294967295), toDate(4294967296), toDate(-1.5);
SELECT toDate(1e20), toDate(65535.5), toDate(65536.5), toDate(3786912000.7), toDate(-0.5), toDate(1e10), toDate(100.7), toDate(65535.0), toDate(toFloat32(70000)), toDate(-65536);
SELECT toDate(toInt64(-1)), toDate(toInt64(-100000)), toDate(toUInt64(18446744073709551615)), toDate(toInt64(9223372036854775807)), toDate(toInt64(-9223372036854775808));
SELECT toDate(toUInt16(65535)), toDate(toInt16(-1)), toDate(toInt32(-1)), toDate(toUInt32(4294967295)), toDate(toInt8(-1));
SELECT toDate(nan); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toDate(inf); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toDate32(3786912000), toDate32(65535), toDate32(65536), toDate32(-1), toDate32(4294967295), toDate32(-100000), toDate32(1e10), toDate32(120529), toDate32(120530), toDate32(-25567), toDate32(-25568);
SELECT toDate32(2932896), toDate32(2932897), toDate32(-719528), toDate32(-719529), toDate32(-1000000), toDate32(toInt64(-9223372036854775808)), toDate32(toUInt64(18446744073709551615)), toDate32(100.5), toDate32(-1.5);
SELECT toDate32(toInt64(100000000000)), toDate32(toInt64(1000000000000000)), toDate32(nan), toDate32(inf), toDate32(-inf), toDate32(1e300);
SELECT toDateTime(-1), toDateTime(4294967295), toDateTime(4294967296), toDateTime(1.5), toDateTime(-1.5), toDateTime(1e10), toDateTime(toInt64(-9223372036854775808));
SELECT toDateTime(nan); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toDateTime64(1e10, 3), toDateTime64(-1e10, 3), toDateTime64(1e12, 3), toDateTime64(toInt64(9223372036854775807), 3), toDateTime64(-2208988801, 0), toDateTime64(10413792000, 0);
SELECT toDateTime64(-1e12, 3), toDateTime64(-1e11, 0), toDateTime64(toInt64(-9223372036854775808), 3), toDateTime64(-62135596800, 0), toDateTime64(-62135596801, 0), toDateTime64(253402300799, 0), toDateTime64(253402300800, 0);
SELECT toDateTime64(1e10, 9), toDateTime64(1e9, 9), toDateTime64(toInt64(10000000000), 9), toDateTime64(toUInt64(18446744073709551615), 0);
SELECT toDateTime64(nan, 3); -- { serverError DECIMAL_OVERFLOW }
SELECT toDate(toDateTime(4294967295)), toDate(toDateTime64('2200-01-01 00:00:00', 0)), toDate(toDateTime64('1900-01-01 00:00:00', 0)), toDate(toDate32('2200-01-01')), toDate(toDate32('1900-01-01'));
SELECT toDateTime(toDate32('1900-01-01')), toDateTime(toDate32('2200-01-01')), toDateTime(toDateTime64('2200-01-01 00:00:00', 0)), toDateTime(toDateTime64('1900-01-01 00:00:00', 0)), toDateTime(toDate(65535));
SELECT toDateTime(toDateTime64('1969-12-31 23:59:59', 0)), toDateTime(toDateTime64('2106-02-07 06:28:16', 0)), toDate(toDateTime64('1969-12-31 23:59:59', 0)), toDate(toDateTime(0));
SELECT toDate32(toDate(65535)), toDate32(toDateTime(4294967295)), toDateTime64(toDate(65535), 0), toDateTime64(toDateTime(4294967295), 0), toDateTime64(toDate32('1900-01-01'), 0);
SELECT toDate32(toDateTime64('2300-01-01 00:00:00', 0)), toDate32(toDateTime64('1800-01-01 00:00:00', 0)), toDateTime64('2300-01-01 00:00:00', 0), toDateTime64('1800-01-01 00:00:00', 0);
SELECT CAST(3786912000 AS Date), CAST(-1 AS Date), CAST(1e10 AS Date), CAST(70000 AS Date), CAST(-1 AS DateTime), CAST(4294967296 AS DateTime), CAST(1.9 AS DateTime);
SELECT toDate('2149-06-06'), toDate('2149-06-07'), toDate('1969-12-31'), toDate('1900-01-01'), toDate('2300-01-01'), toDate('9999-12-31'), toDate('20240102'), toDate('2024-1-2');
SELECT toDate32('2299-12-31'), toDate32('2300-01-01'), toDate32('1899-12-31'), toDate32('1900-01-01'), toDate32('9999-12-31');
SELECT toDateTime('2106-02-07 06:28:15'), toDateTime('2106-02-07 06:28:16'), toDateTime('1969-12-31 23:59:59'), toDateTime('1900-01-01 00:00:00'), toDateTime('2200-01-01 00:00:00'), toDateTime('2024-01-02 03:04:05.678'), toDateTime('2024-01-02T03:04:05'), toDateTime('2024-01-01 25:00:00');
SELECT toDate('abc'); -- { serverError CANNOT_PARSE_DATE }
SELECT toDate('12345'); -- { serverError CANNOT_PARSE_DATE }
SELECT toDateTime('abc'); -- { serverError CANNOT_PARSE_DATETIME }
SELECT toYYYYMM(toDate(65535)), toYYYYMMDD(toDateTime(4294967295)), toYYYYMM(toDate32('1900-01-01')), toYYYYMMDD(toDateTime64('9999-12-31 23:59:59', 0)), toYYYYMM(toDateTime64('0001-01-01 00:00:00', 0));
SELECT toYYYYMM(3786912000); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toYYYYMMDD(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toYear('2020-01-01'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toStartOfMonth('2020-01-01'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toStartOfDay(toDateTime(4294967295)), toStartOfHour(toDateTime(4294967295)), toStartOfMonth(toDate(65535)), toStartOfMonth(toDate32('2299-12-31')), toStartOfMonth(toDate32('1900-01-01'));
SELECT toStartOfDay(toDate(65535)), toStartOfDay(toDateTime64('2200-01-01 12:00:00', 3)), toStartOfHour(toDateTime64('2200-01-01 12:34:00', 3)), toStartOfDay(toDate32('2200-01-01')), toTypeName(toStartOfDay(toDateTime64('2200-01-01 12:00:00', 3))), toTypeName(toStartOfDay(toDate32('2200-01-01')));
SELECT toStartOfDay(toDateTime(1e9)), toStartOfHour(toDateTime(1e9)), toStartOfDay(toDate32('1900-01-01')), toStartOfDay(toDateTime64('1900-01-01 12:00:00', 3)), toStartOfDay(toDateTime64('2020-01-01 12:00:00', 3));
SELECT toStartOfHour(toDate('2020-01-01')); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toUnixTimestamp(toDateTime(4294967295)), toUnixTimestamp('2106-02-07 06:28:15'), toUnixTimestamp(toDate(65535)), toUnixTimestamp(toDate32('1900-01-01'));
SELECT toUnixTimestamp(toDateTime64('2024-01-01 00:00:00.5', 3)), toTypeName(toUnixTimestamp(now())), toUnixTimestamp(1.5), toUnixTimestamp(toUInt64(5000000000)), toUnixTimestamp(-1), toUnixTimestamp(0);
SELECT toUnixTimestamp(toDateTime64('2200-01-01 00:00:00', 3)); -- { serverError DECIMAL_OVERFLOW }
SELECT toUnixTimestamp(toDateTime64('1969-12-31 23:59:59', 0)); -- { serverError DECIMAL_OVERFLOW }
SELECT toUnixTimestamp('abc'); -- { serverError CANNOT_PARSE_DATETIME }
SELECT toUnixTimestamp(nan); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toInt64(toDate32('1900-01-01')), toUInt16(toDate32('1900-01-01')), toInt32(toDateTime(4294967295)), toFloat64(toDate(65535)), toString(toDateTime(4294967295));
-- A partition key of a timestamp in nanoseconds: toDate of a large number is a unix timestamp.
CREATE TABLE i11_ns (ts UInt64) ENGINE = MergeTree PARTITION BY toDate(ts / 1000000000) ORDER BY ts;
INSERT INTO i11_ns VALUES (3786912000000000000), (1700000000000000000), (1700000000123456789);
SELECT partition_id, rows FROM system.parts WHERE table = 'i11_ns' ORDER BY partition_id;
SELECT toDate(ts / 1000000000) AS d, count() FROM i11_ns GROUP BY d ORDER BY d;
-- 3. DateTime('zone'): text is the zone's wall-clock time, the calendar functions use the zone's dates.
CREATE TABLE i11_tz (k UInt8, t DateTime('Asia/Tokyo'), u DateTime, n Nullable(DateTime('America/New_York'))) ENGINE = MergeTree PARTITION BY toYYYYMM(t) ORDER BY k;
SHOW CREATE TABLE i11_tz;
SELECT name, type FROM system.columns WHERE table = 'i11_tz' ORDER BY position;
INSERT INTO i11_tz VALUES (1, '2024-03-01 09:00:00', '2024-03-01 09:00:00', '2024-03-10 02:30:00'), (2, '2024-03-31 23:30:00', '2024-03-31 23:30:00', NULL), (3, 1709251200, 1709251200, '2024-11-03 01:30:00');
INSERT INTO i11_tz FORMAT TabSeparated
4	2024-04-01 00:00:00	2024-04-01 00:00:00	2024-07-01 12:00:00

INSERT INTO i11_tz FORMAT CSV
5,"2024-02-29 23:59:59","2024-02-29 23:59:59","2024-01-01 00:00:00"

INSERT INTO i11_tz FORMAT JSONEachRow
{"k": 6, "t": "2024-01-01 00:00:00", "u": "2024-01-01 00:00:00", "n": "2023-12-31 19:00:00"}

SELECT k, t, toUnixTimestamp(t), u, toUnixTimestamp(u), n, toUnixTimestamp(n) FROM i11_tz ORDER BY k;
SELECT k, toDate(t), toYYYYMM(t), toYYYYMMDD(t), toString(t), toStartOfDay(t), toStartOfHour(t), toStartOfMonth(t), toDate(n) FROM i11_tz ORDER BY k;
SELECT partition_id, rows FROM system.parts WHERE table = 'i11_tz' ORDER BY partition_id;
SELECT k FROM i11_tz WHERE t = '2024-03-01 09:00:00' ORDER BY k;
SELECT k FROM i11_tz WHERE t < '2024-03-01 00:00:00' ORDER BY k;
SELECT k FROM i11_tz WHERE t IN ('2024-04-01 00:00:00', '2024-01-01 00:00:00') ORDER BY k;
SELECT k FROM i11_tz WHERE t = u ORDER BY k;
SELECT * FROM i11_tz ORDER BY k FORMAT JSONEachRow;
SELECT * FROM i11_tz ORDER BY k FORMAT CSV;
SELECT * FROM i11_tz ORDER BY k FORMAT Values;
OPTIMIZE TABLE i11_tz FINAL;
SELECT k, t FROM i11_tz ORDER BY k;
SELECT toDateTime('2024-03-01 09:00:00', 'Asia/Tokyo') AS t, toUnixTimestamp(t), toDate(t), toYYYYMMDD(t), toStartOfDay(t), toStartOfHour(t), toTypeName(toStartOfDay(t)), toString(t), toDateTime(toDate('2024-03-01'), 'Asia/Tokyo');
SELECT toDateTime(1709251200, 'Asia/Tokyo'), toDateTime(toDateTime(1709251200, 'Asia/Tokyo'), 'UTC'), toDateTime(1709251200, 'Asia/Tokyo') = toDateTime(1709251200), toDate(toDateTime(1709236800, 'Asia/Tokyo')), toDate(toDateTime(1709236800));
SELECT CAST('2024-03-01 09:00:00' AS DateTime('Europe/Berlin')) AS b, toUnixTimestamp(b), toTypeName(b), CAST(b AS DateTime64(3, 'Asia/Tokyo')), toDateTime(toDateTime64('2024-03-01 09:00:00.5', 3, 'Asia/Tokyo')) AS x, toTypeName(x), toDateTime64(toDateTime('2024-03-01 09:00:00', 'Asia/Tokyo'), 3) AS y, toTypeName(y);
SELECT toDateTime('2024-10-27 02:30:00', 'Europe/Berlin') AS overlap, toUnixTimestamp(overlap), toUnixTimestamp(toDateTime('2024-03-31 02:30:00', 'Europe/Berlin')), toUnixTimestamp(toDateTime64('2024-10-27 02:30:00', 0, 'Europe/Berlin')), toDateTime('1950-06-01 12:00:00', 'America/New_York'), toDateTime('2024-07-01 00:00:00', 'UTC');
-- 4. SQL that trapped the process: each gives ClickHouse's answer or error.
SELECT 1 LIMIT 9223372036854775807 OFFSET 2;
SELECT 1 LIMIT 9223372036854775807 OFFSET 0;
SELECT 1 LIMIT 18446744073709551615;
SELECT number FROM numbers(5) LIMIT 9223372036854775807 OFFSET 3;
SELECT number FROM numbers(5) LIMIT 2 OFFSET 9223372036854775807;
SELECT number FROM numbers(10) LIMIT -2;
SELECT number FROM numbers(10) LIMIT 2 OFFSET -3;
SELECT number FROM numbers(10) LIMIT -2 OFFSET 1;
SELECT number FROM numbers(10) LIMIT -2 OFFSET -1;
SELECT number FROM numbers(5) LIMIT -9223372036854775808;
SELECT number FROM numbers(5) OFFSET -9223372036854775808;
SELECT number FROM numbers(10) LIMIT 0.25;
SELECT number FROM numbers(10) LIMIT 2 OFFSET 0.25;
SELECT number FROM numbers(10) LIMIT 0.2 OFFSET 2;
SELECT number FROM numbers(10) LIMIT 3 OFFSET 2.0;
SELECT 1 LIMIT 9.3e18;
SELECT number FROM numbers(10) ORDER BY number DESC LIMIT -3;
SELECT 1 LIMIT 1.5; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT 1 LIMIT 1e30; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT 1 LIMIT -0.2; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT 1 LIMIT 1 OFFSET 1.5; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT 1 LIMIT 'a'; -- { serverError INVALID_LIMIT_EXPRESSION }
SELECT number FROM numbers(10) LIMIT 0.5 OFFSET -2; -- { serverError NOT_IMPLEMENTED }
SELECT number FROM numbers(10) LIMIT -3 OFFSET 0.5; -- { serverError NOT_IMPLEMENTED }
SELECT intDiv(-9223372036854775808, -1); -- { serverError ILLEGAL_DIVISION }
SELECT -9223372036854775808 % -1; -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(toInt8(-128), toInt8(-1)); -- { serverError ILLEGAL_DIVISION }
SELECT toInt32(-2147483648) % toInt32(-1); -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(toInt32(-2147483648), toInt32(-1)); -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(1, 0); -- { serverError ILLEGAL_DIVISION }
SELECT 1 % 0; -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(1.5, 0); -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(1e30, 1); -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(-9223372036854775807, -1), intDiv(-9223372036854775808, 1), -9223372036854775808 % 1, intDiv(toInt8(-128), 1), intDiv(7.5, 2);
SELECT * FROM generateRandom('a String', 1, 9223372036854775807, 1) LIMIT 1; -- { serverError TOO_LARGE_STRING_SIZE }
SELECT * FROM generateRandom('a String', 1, 18446744073709551615, 1) LIMIT 1; -- { serverError TOO_LARGE_STRING_SIZE }
SELECT * FROM generateRandom('a String', 1, 1073741825, 1) LIMIT 1; -- { serverError TOO_LARGE_STRING_SIZE }
SELECT * FROM generateRandom('a Array(Int8)', 1, 1, 9223372036854775807) LIMIT 1; -- { serverError TOO_LARGE_ARRAY_SIZE }
SELECT * FROM generateRandom('a String', 1, -1, 1) LIMIT 1; -- { serverError BAD_ARGUMENTS }
SELECT * FROM generateRandom('a FixedString(9223372036854775807)') LIMIT 1; -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT count() FROM (SELECT * FROM generateRandom('a String', 1, 1073741824, 1) LIMIT 0);
SELECT count() FROM (SELECT * FROM generateRandom('a String, b Array(UInt8)', 1, 0, 0) LIMIT 3);
CREATE TABLE i11_g (x UInt8) ENGINE = MergeTree ORDER BY x SETTINGS index_granularity = 18446744073709551615;
INSERT INTO i11_g VALUES (1), (2);
SELECT * FROM i11_g ORDER BY x;
CREATE TABLE i11_g2 (x UInt8) ENGINE = MergeTree ORDER BY x SETTINGS index_granularity = 9223372036854775807;
INSERT INTO i11_g2 VALUES (1), (2);
SELECT * FROM i11_g2 ORDER BY x;
CREATE TABLE i11_g3 (x UInt8) ENGINE = MergeTree ORDER BY x SETTINGS index_granularity = 0; -- { serverError BAD_ARGUMENTS }
SELECT 1 SETTINGS max_block_size = 18446744073709551615;
SELECT number FROM numbers(3) SETTINGS max_block_size = 9223372036854775807;
SELECT 1 SETTINGS output_format_pretty_max_rows = 18446744073709551615;
SELECT 1 SETTINGS max_block_size = 0; -- { serverError BAD_ARGUMENTS }
SELECT 1 SETTINGS max_insert_block_size = 0; -- { serverError BAD_ARGUMENTS }
SELECT 1 SETTINGS max_block_size = -1; -- { serverError CANNOT_CONVERT_TYPE }
SELECT 1 SETTINGS output_format_pretty_max_rows = -1; -- { serverError CANNOT_CONVERT_TYPE }
SELECT substring('abc', 9223372036854775807, 9223372036854775807), substring('abc', -9223372036854775808, 9223372036854775807), substring('abc', 18446744073709551615), substring('abc', 2, 18446744073709551615);
SELECT substring('abc', 2, -1), substring('abc', -2, -1), substring('abc', 0), substring('abc', 0, 2), substring('abcdef', -9223372036854775807, 9223372036854775807), substring('abc', -5, 3), substring('abcdef', 2, 3);
SELECT substring('abc', 2, -9223372036854775808); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT [1, 2][18446744073709551615], [1, 2][-9223372036854775808], [1, 2][9223372036854775807], [1, 2][-1];
SELECT tupleElement((1, 2), 18446744073709551615); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT tupleElement((1, 2), 3); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toFixedString('a', 18446744073709551615); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toFixedString('a', 9223372036854775807); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT CAST(1 AS FixedString(18446744073709551615)); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDecimal32(1, 18446744073709551615); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDecimal32(1, 10); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDateTime64(1, 18446744073709551615); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDateTime64(1, 10); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDateTime64(1, -1); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT CAST(1 AS Enum8('a' = 18446744073709551615)); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT CAST(1 AS Enum8('a' = 128)); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT * FROM numbers(18446744073709551615) LIMIT 1;
SELECT * FROM numbers(18446744073709551615, 18446744073709551615) LIMIT 2;
SELECT * FROM numbers(18446744073709551614, 3);
SELECT * FROM numbers(-1) LIMIT 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT * FROM numbers(1.5) LIMIT 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDateTime64(toDate32('9999-12-31'), 9), toDateTime64(toDate32('1000-01-01'), 9), toDateTime64(toDate32('2299-12-31'), 3);
SELECT toDateTime64('9223372036.999999999', 9); -- { serverError DECIMAL_OVERFLOW }
SELECT toDateTime64('2024-01-01 99999999999999999:00:00', 3); -- { serverError CANNOT_PARSE_DATETIME }
SELECT toDateTime('2024-01-01 99999999999999999:00:00'); -- { serverError CANNOT_PARSE_DATETIME }
SELECT toDateTime64('9999-12-31 23:59:59', 0), toDateTime64('0001-01-01 00:00:00', 3);
SELECT CAST('1e9223372036854775807' AS Decimal(9, 2)); -- { serverError CANNOT_PARSE_NUMBER }
SELECT CAST('1e-9223372036854775808' AS Decimal(9, 2)); -- { serverError CANNOT_PARSE_NUMBER }
SELECT CAST('1e999999999999' AS Decimal(9, 2)); -- { serverError CANNOT_PARSE_NUMBER }
SELECT CAST('1e-99999' AS Decimal(9, 2)), CAST('1.5e1' AS Decimal(9, 2));
-- A FixedString(N) value longer than N is an error (it was silently cut).
CREATE TABLE i11_fs (k UInt8, fs FixedString(4)) ENGINE = MergeTree ORDER BY k;
INSERT INTO i11_fs VALUES (1, 'aaaaa'); -- { serverError TOO_LARGE_STRING_SIZE }
INSERT INTO i11_fs FORMAT CSV
3,ccccccc
; -- { serverError TOO_LARGE_STRING_SIZE }
INSERT INTO i11_fs VALUES (2, 'bb'), (4, 'dddd');
SELECT k, fs, length(fs) FROM i11_fs ORDER BY k;
SELECT CAST('aaaaa' AS FixedString(4)); -- { serverError TOO_LARGE_STRING_SIZE }
SELECT CAST('aaaa' AS FixedString(4)), toFixedString('ab', 4) = 'ab\0\0';
-- Floats to integers as ClickHouse converts them (truncation, then the x86-64 conversion's out-of-range value).
SELECT toInt64(9.25e18), toUInt64(1e19), toInt32(1e10), toUInt8(-1.5), toInt64(-9.25e18);
SELECT toInt8(1e10), toInt16(40000.5), toUInt16(-1.5), toUInt32(-1.5), toUInt32(1e10), toInt8(-129.5), toInt8(300.5);
SELECT toUInt64(-1.5), toUInt64(1e20), toUInt64(-1e20), toInt64(1e20);
SELECT toInt32(-2147483649.5), toInt32(2147483647.9), toUInt32(4294967296.5), toUInt16(65536.5);
SELECT CAST(1e10 AS Int32), CAST(-1.5 AS UInt8), CAST(1e300 AS Int64);
SELECT CAST(nan AS Int32); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toInt64(nan); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toUInt8(-inf); -- { serverError CANNOT_CONVERT_TYPE }
SELECT toDate('2024-01-01') > toUInt32(5); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDate32('2024-01-01') > 5; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDate('2024-01-01') > 1.5; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDateTime('2024-01-01 00:00:00') > 1704067199, toDateTime64('2024-01-01 00:00:00', 3) > 5, toDate('2024-01-01') IN (19723);
SELECT toUUID('00000000-0000-0000-0000-000000000001') = 'abc'; -- { serverError CANNOT_PARSE_UUID }
SELECT toUnixTimestamp('2024-01-01 00:00:00', 'Asia/Tokyo'), toUnixTimestamp('2024-01-01 00:00:00');
-- Numbers and texts to dates and times at range edges, in several zones (daylight-saving gaps and overlaps).
SELECT toDate(0), toDate(1), toDate(-1), toDate(65535), toDate(65536), toDate(86399), toDate(86400), toDate(4294967295), toDate(4294967296), toDate(-2208988800), toDate(1e10), toDate(-1e10), toDate(1.5), toDate(-0.5), toDate(18446744073709551615), toDate(-9223372036854775808), toDate(253402300800), toDate(3786912000), toDate(120530), toDate(2932897);
SELECT toDate32(0), toDate32(1), toDate32(-1), toDate32(65535), toDate32(65536), toDate32(86399), toDate32(86400), toDate32(4294967295), toDate32(4294967296), toDate32(-2208988800), toDate32(1e10), toDate32(-1e10), toDate32(1.5), toDate32(-0.5), toDate32(18446744073709551615), toDate32(-9223372036854775808), toDate32(253402300800), toDate32(3786912000), toDate32(120530), toDate32(2932897);
SELECT toDateTime(0), toDateTime(1), toDateTime(-1), toDateTime(65535), toDateTime(65536), toDateTime(86399), toDateTime(86400), toDateTime(4294967295), toDateTime(4294967296), toDateTime(-2208988800), toDateTime(1e10), toDateTime(-1e10), toDateTime(1.5), toDateTime(-0.5), toDateTime(18446744073709551615), toDateTime(-9223372036854775808), toDateTime(253402300800), toDateTime(3786912000), toDateTime(120530), toDateTime(2932897);
SELECT toDateTime64(0,3), toDateTime64(1,3), toDateTime64(-1,3), toDateTime64(65535,3), toDateTime64(65536,3), toDateTime64(86399,3), toDateTime64(86400,3), toDateTime64(4294967295,3), toDateTime64(4294967296,3), toDateTime64(-2208988800,3), toDateTime64(1e10,3), toDateTime64(-1e10,3), toDateTime64(1.5,3), toDateTime64(-0.5,3), toDateTime64(18446744073709551615,3), toDateTime64(-9223372036854775808,3), toDateTime64(253402300800,3), toDateTime64(3786912000,3), toDateTime64(120530,3), toDateTime64(2932897,3);
SELECT toDateTime64(0,0,'Asia/Tokyo'), toDateTime64(1,0,'Asia/Tokyo'), toDateTime64(-1,0,'Asia/Tokyo'), toDateTime64(65535,0,'Asia/Tokyo'), toDateTime64(65536,0,'Asia/Tokyo'), toDateTime64(86399,0,'Asia/Tokyo'), toDateTime64(86400,0,'Asia/Tokyo'), toDateTime64(4294967295,0,'Asia/Tokyo'), toDateTime64(4294967296,0,'Asia/Tokyo'), toDateTime64(-2208988800,0,'Asia/Tokyo'), toDateTime64(1e10,0,'Asia/Tokyo'), toDateTime64(-1e10,0,'Asia/Tokyo'), toDateTime64(1.5,0,'Asia/Tokyo'), toDateTime64(-0.5,0,'Asia/Tokyo'), toDateTime64(18446744073709551615,0,'Asia/Tokyo'), toDateTime64(-9223372036854775808,0,'Asia/Tokyo'), toDateTime64(253402300800,0,'Asia/Tokyo'), toDateTime64(3786912000,0,'Asia/Tokyo'), toDateTime64(120530,0,'Asia/Tokyo'), toDateTime64(2932897,0,'Asia/Tokyo');
SELECT toDateTime(0,'America/New_York'), toDateTime(1,'America/New_York'), toDateTime(-1,'America/New_York'), toDateTime(65535,'America/New_York'), toDateTime(65536,'America/New_York'), toDateTime(86399,'America/New_York'), toDateTime(86400,'America/New_York'), toDateTime(4294967295,'America/New_York'), toDateTime(4294967296,'America/New_York'), toDateTime(-2208988800,'America/New_York'), toDateTime(1e10,'America/New_York'), toDateTime(-1e10,'America/New_York'), toDateTime(1.5,'America/New_York'), toDateTime(-0.5,'America/New_York'), toDateTime(18446744073709551615,'America/New_York'), toDateTime(-9223372036854775808,'America/New_York'), toDateTime(253402300800,'America/New_York'), toDateTime(3786912000,'America/New_York'), toDateTime(120530,'America/New_York'), toDateTime(2932897,'America/New_York');
SELECT toString(toDateTime(0,'Asia/Kolkata')), toString(toDateTime(1,'Asia/Kolkata')), toString(toDateTime(-1,'Asia/Kolkata')), toString(toDateTime(65535,'Asia/Kolkata')), toString(toDateTime(65536,'Asia/Kolkata')), toString(toDateTime(86399,'Asia/Kolkata')), toString(toDateTime(86400,'Asia/Kolkata')), toString(toDateTime(4294967295,'Asia/Kolkata')), toString(toDateTime(4294967296,'Asia/Kolkata')), toString(toDateTime(-2208988800,'Asia/Kolkata')), toString(toDateTime(1e10,'Asia/Kolkata')), toString(toDateTime(-1e10,'Asia/Kolkata')), toString(toDateTime(1.5,'Asia/Kolkata')), toString(toDateTime(-0.5,'Asia/Kolkata')), toString(toDateTime(18446744073709551615,'Asia/Kolkata')), toString(toDateTime(-9223372036854775808,'Asia/Kolkata')), toString(toDateTime(253402300800,'Asia/Kolkata')), toString(toDateTime(3786912000,'Asia/Kolkata')), toString(toDateTime(120530,'Asia/Kolkata')), toString(toDateTime(2932897,'Asia/Kolkata'));
SELECT toDateTime('2024-03-10 02:30:00','America/New_York') AS t, toUnixTimestamp(t), toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMMDD(t), toStartOfMonth(t), toDateTime64('2024-03-10 02:30:00',3,'America/New_York') AS u, toUnixTimestamp(u), toStartOfDay(u);
SELECT toDateTime('2024-11-03 01:30:00','America/New_York') AS t, toUnixTimestamp(t), toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMMDD(t), toStartOfMonth(t), toDateTime64('2024-11-03 01:30:00',3,'America/New_York') AS u, toUnixTimestamp(u), toStartOfDay(u);
SELECT toDateTime('1970-01-01 00:00:00','America/New_York') AS t, toUnixTimestamp(t), toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMMDD(t), toStartOfMonth(t), toDateTime64('1970-01-01 00:00:00',3,'America/New_York') AS u, toUnixTimestamp(u), toStartOfDay(u);
SELECT toDateTime('2106-02-07 06:28:15','America/New_York') AS t, toUnixTimestamp(t), toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMMDD(t), toStartOfMonth(t), toDateTime64('2106-02-07 06:28:15',3,'America/New_York') AS u, toUnixTimestamp(u), toStartOfDay(u); -- { serverError DECIMAL_OVERFLOW }
SELECT toDateTime('2038-01-19 03:14:08','America/New_York') AS t, toUnixTimestamp(t), toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMMDD(t), toStartOfMonth(t), toDateTime64('2038-01-19 03:14:08',3,'America/New_York') AS u, toUnixTimestamp(u), toStartOfDay(u);
SELECT toDateTime('2000-02-29 12:00:00','America/New_York') AS t, toUnixTimestamp(t), toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMMDD(t), toStartOfMonth(t), toDateTime64('2000-02-29 12:00:00',3,'America/New_York') AS u, toUnixTimestamp(u), toStartOfDay(u);
SELECT toDateTime(1700000000,'Asia/Tokyo') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'Asia/Tokyo'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','Asia/Tokyo'));
SELECT toDateTime(1700000000,'Europe/London') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'Europe/London'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','Europe/London'));
SELECT toDateTime(1700000000,'Australia/Lord_Howe') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'Australia/Lord_Howe'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','Australia/Lord_Howe'));
SELECT toDateTime(1700000000,'Asia/Kathmandu') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'Asia/Kathmandu'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','Asia/Kathmandu'));
SELECT toDateTime(1700000000,'America/Sao_Paulo') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'America/Sao_Paulo'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','America/Sao_Paulo'));
SELECT toDateTime(1700000000,'UTC') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'UTC'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','UTC'));
SELECT toDateTime(1700000000,'Etc/GMT-14') AS t, toDate(t), toStartOfDay(t), toStartOfHour(t), toYYYYMM(t), toString(t), toDateTime(toDate('2024-06-01'),'Etc/GMT-14'), toUnixTimestamp(toDateTime('2024-06-01 12:00:00','Etc/GMT-14'));
-- Comparisons of incompatible shapes are errors; tuples compare element by element with the string rule.
SELECT [1] = 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT (1, 2) = 1; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT 1 < [1]; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDecimal32(1, 2) = toDate('2020-01-01'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDateTime('2020-01-01 00:00:00') = toDecimal32(1, 2); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT [1] = NULL, (1, 2) = NULL, toDateTime64('2020-01-01 00:00:00', 3) = toDecimal32(1, 2);
SELECT (1, 'a') = (1, 'a'), (1, 2) < (1, 3), [1, 2] < [1, 3];
SELECT (toDate('2020-01-01'), 1) = ('2020-01-01', 1), (toDateTime('2020-01-01 00:00:00'), 'x') < ('2020-01-01 00:00:01', 'a'), ('2020-01-02', 0) > (toDate('2020-01-01'), 5);
SELECT count() FROM i11_dt WHERE (d, v) = ('2021-06-01 12:00:00', 2);
SELECT toString(toDateTime(0), 'Asia/Tokyo'), toString(toDateTime64(0, 3), 'America/New_York'), toString(toDateTime(0, 'Asia/Tokyo'), 'UTC');
SELECT toString(1, 'UTC'); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
-- Only a constant String is read as a date, time or UUID; a String column is an error, as in ClickHouse.
SELECT materialize(toDate('2024-01-01')) = materialize('2024-01-01'); -- { serverError NO_COMMON_TYPE }
SELECT materialize(toUUID('00000000-0000-0000-0000-000000000001')) = materialize('00000000-0000-0000-0000-000000000001'); -- { serverError NO_COMMON_TYPE }
SELECT materialize(toDateTime64('2024-01-01 00:00:00', 3)) = materialize('2024-01-01 00:00:00'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT materialize(toDate32('2024-01-01')) = materialize('2024-01-01'); -- { serverError NO_COMMON_TYPE }
SELECT count() FROM i11_dt WHERE d = toString(v); -- { serverError NO_COMMON_TYPE }
SELECT toDate('2024-01-01') = toString(toDate('2024-01-01')), materialize(toDate('2024-01-01')) = '2024-01-01', count() FROM numbers(3) WHERE toDate(number) = '1970-01-02';
SELECT count() FROM numbers(3) WHERE toDateTime(number * 86400, 'Asia/Tokyo') < '1970-01-02 09:00:00';
-- has() compares in the elements' and the needle's common type.
SELECT has([1, 2], 1), has([1, 2], 3), has(['a'], 'a'), has([1.5], 1.5), has([toUInt8(1)], -1), has([NULL, 1], NULL);
SELECT has([1], 'a'); -- { serverError NO_COMMON_TYPE }
SELECT has(['a'], 1); -- { serverError NO_COMMON_TYPE }
SELECT has([toDate('2024-01-01')], toDate('2024-01-01')), has([toDate('2024-01-01')], toDateTime('2024-01-01 00:00:00'));
SELECT has([toDate('2024-01-01')], 19723); -- { serverError NO_COMMON_TYPE }
SELECT has([[1]], [1]), has([(1, 'a')], (1, 'a'));
SELECT has([toUInt64(18446744073709551615)], -1);
SELECT has([1], [1]); -- { serverError NO_COMMON_TYPE }
SELECT toUInt64('-1'); -- { serverError CANNOT_PARSE_NUMBER }
SELECT CAST('-1' AS UInt8); -- { serverError CANNOT_PARSE_NUMBER }
SELECT toUInt32('-5'); -- { serverError CANNOT_PARSE_NUMBER }
SELECT toUInt8('255'), toUInt64('18446744073709551615'), toUInt16('0');
