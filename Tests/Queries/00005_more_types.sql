-- DateTime64
SELECT toDateTime64('2024-01-02 03:04:05.123', 3), toTypeName(toDateTime64('2024-01-02 03:04:05', 3)), toTypeName(toDateTime64('2024-01-02 03:04:05', 6, 'UTC'));
SELECT toDateTime64(-1.5, 3), toDateTime64(0, 0), toDateTime64(1.5, 9), toDateTime64('1900-01-01 00:00:00', 2), toDateTime64(1704164645.123, 3);
SELECT CAST('2024-01-02 03:04:05.1234' AS DateTime64(2)), CAST('2024-01-02 03:04:05' AS DateTime64), toTypeName(CAST('2024-01-02' AS DateTime64));
SELECT toInt64(toDateTime64('2024-01-02 03:04:05.678', 3)), toDateTime(toDateTime64('2024-01-02 03:04:05.678', 3)), toDate(toDateTime64('2024-01-02 03:04:05.678', 3)), toString(toDateTime64('2024-01-02 03:04:05.678', 3));
SELECT toDateTime64(toDateTime64('2024-01-02 03:04:05.678', 3), 1), toDateTime64(toDateTime64('1969-12-31 23:59:59.678', 3), 1), toDateTime64(toDate('2024-01-02'), 2), toDateTime64(toDateTime('2024-01-02 00:00:01'), 2);
SELECT toYYYYMM(toDateTime64('2024-01-02 03:04:05.678', 3)), toStartOfMonth(toDateTime64('2024-01-02 03:04:05.678', 3)), toYear(toDateTime64('1969-12-31 23:59:59.5', 1));
SELECT toDateTime64('2024-01-02 03:04:05.678', 3) > toDateTime('2024-01-02 03:04:05'), toDateTime64('2024-01-02 03:04:05.678', 3) = '2024-01-02 03:04:05.678', toDateTime64('2024-01-02 03:04:05.5', 1) < toDateTime64('2024-01-02 03:04:05.51', 2);
SELECT toTypeName(now64()), toTypeName(now64(6)), now64() > toDateTime64('2024-01-01 00:00:00', 3);
SELECT toDateTime64('2024-01-02 03:04:05.123', 3) AS x, [x] AS a FORMAT JSONEachRow;
SELECT toDateTime64('2024-01-02 03:04:05.123', 3) AS x, [x] AS a FORMAT CSV;
SELECT toDateTime64('2024-01-02 03:04:05.123', 3) AS x, [x] AS a FORMAT Values;
SELECT toDateTime64('2024-01-02 03:04:05.123', 3) AS x, 1 AS n FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
CREATE TABLE dt64 (k UInt8, a DateTime64(3), b DateTime64(6, 'UTC'), c datetime64, n Nullable(DateTime64(2)), arr Array(DateTime64(1))) ENGINE = MergeTree ORDER BY a;
SHOW CREATE TABLE dt64;
SELECT name, type FROM system.columns WHERE table = 'dt64' ORDER BY position;
INSERT INTO dt64 VALUES (1, '2024-01-02 03:04:05.5', '2024-01-02 03:04:05.1234567', '1969-12-31 23:59:59.001', NULL, ['2024-01-01 00:00:00.1', '1970-01-01 00:00:00']);
INSERT INTO dt64 VALUES (2, 1704164645.25, 1, '2024-01-02', '2024-01-02 03:04:05.99', []);
INSERT INTO dt64 FORMAT TabSeparated
3	2106-02-07 06:28:15.999	1900-01-01 00:00:00.000001	2299-12-31 23:59:59.999	\N	['2000-01-01 00:00:00.5']

INSERT INTO dt64 FORMAT CSV
4,"2024-06-30 12:00:00","2024-06-30 12:00:00.5","2024-06-30","2024-06-30 12:00:00.25","['2024-06-30 12:00:00.7']"

INSERT INTO dt64 FORMAT JSONEachRow
{"k": 5, "a": "2024-07-01 01:02:03.004", "b": "2024-07-01 01:02:03", "c": "2024-07-01 01:02:03.1", "n": null, "arr": ["2024-07-01 01:02:03.9"]}

SELECT * FROM dt64 ORDER BY k;
SELECT k FROM dt64 ORDER BY a, k;
SELECT min(a), max(a), min(c), max(b) FROM dt64;
SELECT k, a FROM dt64 WHERE a > '2024-01-02 03:04:05.25' ORDER BY k;
OPTIMIZE TABLE dt64 FINAL;
SELECT k, a, c FROM dt64;
SELECT * FROM dt64 ORDER BY k FORMAT JSONEachRow;
SELECT toDateTime64('2024-01-02 03:04:05.678', 3, 'Asia/Tokyo') AS t, toInt64(t), toTypeName(t), toDate(t), toYYYYMMDD(t), toDateTime64(toDate('2024-07-01'), 0, 'Europe/Berlin') AS b, toString(b);
SELECT toDateTime64('2024-10-27 02:30:00', 0, 'Europe/Berlin') AS overlap, toDateTime64('1950-06-01 12:00:00', 0, 'America/New_York') AS old;
CREATE TABLE dtz (k UInt8, t DateTime64(3, 'Asia/Tokyo'), b DateTime64(0, 'Europe/Berlin'), u DateTime64(6, 'UTC')) ENGINE = MergeTree PARTITION BY toYYYYMM(t) ORDER BY k;
INSERT INTO dtz VALUES (1, '2024-01-01 08:59:59.999', '2024-07-01 00:00:00', '2024-01-01 00:00:00.5'), (2, 1704067200, '2024-12-31 23:30:00', 0);
INSERT INTO dtz FORMAT TabSeparated
3	2024-02-01 00:00:00.000	2024-03-31 03:00:00	2024-02-01 00:00:00.000000

SELECT * FROM dtz ORDER BY k;
SELECT partition_id, rows FROM system.parts WHERE table = 'dtz' ORDER BY partition_id, rows;
SELECT k, toDate(t), toDate(b), toString(b) FROM dtz ORDER BY k;
CREATE TABLE dt64p (d DateTime64(3), v UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY d;
INSERT INTO dt64p VALUES ('2024-01-02 03:04:05.678', 1), ('2024-02-02 03:04:05.678', 2), ('2024-01-01 00:00:00', 3);
SELECT partition_id, rows FROM system.parts WHERE table = 'dt64p' ORDER BY partition_id;
SELECT * FROM dt64p ORDER BY d;
-- Decimal
SELECT toDecimal32(1.5, 2), toTypeName(toDecimal32(1.5, 2)), toDecimal64(-0.05, 4), toDecimal128(123, 0), toTypeName(toDecimal128(1, 3)), toDecimal32(0, 3);
SELECT CAST('1.239' AS Decimal(5,2)), CAST(1.239 AS Decimal(5,2)), CAST(-1.239 AS Decimal(5,2)), CAST('-0.001' AS Decimal(5,2)), CAST('99.99' AS Decimal(3,1)), CAST('1.5e2' AS Decimal(9,2));
SELECT CAST('.5' AS Decimal(9,2)), CAST('-.5' AS Decimal(9,2)), CAST('+5.' AS Decimal(9,2)), CAST('1000' AS Decimal(3,1)), toDecimal32(0.29, 2), toDecimal32(-0.29, 2);
SELECT toTypeName(CAST(1 AS Decimal(20, 3))), toTypeName(CAST(1 AS DECIMAL(10))), toTypeName(CAST(1 AS Decimal)), toTypeName(CAST(1 AS Numeric(5,1))), toTypeName(CAST(1 AS dec(5,1))), toTypeName(CAST(1 AS Decimal64(2)));
SELECT CAST('abc' AS Decimal(9,2)); -- { serverError CANNOT_PARSE_TEXT }
SELECT toDecimal32('21474836.48', 2); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT CAST(30000000 AS Decimal(9,2)); -- { serverError DECIMAL_OVERFLOW }
SELECT toDecimal32(5, 10); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toInt32(CAST(-1.75 AS Decimal(5,2))), toFloat64(CAST(-1.75 AS Decimal(5,2))), toString(CAST(-1.70 AS Decimal(5,2))), CAST(CAST(-1.75 AS Decimal(5,2)) AS Decimal(5,1)), CAST(toDecimal32(2.5, 1) AS Decimal(20, 4));
SELECT CAST('-0.00000000000000000000000000000000000001' AS Decimal(38,38)), toDecimal128('-99999999999999999999999999999999999999', 0), toDecimal128('12345678901234567890.123456789', 10);
SELECT CAST(1.5 AS Decimal(5,2)) = 1.5, CAST(1.5 AS Decimal(5,2)) > 1, CAST(1.5 AS Decimal(5,2)) = '1.5', CAST(1.5 AS Decimal(5,2)) = CAST(1.50 AS Decimal(9,4)), toDecimal64(2, 1) < toDecimal128(2.01, 2);
SELECT -toDecimal32(1.5, 2), toTypeName(-toDecimal32(1.5, 2)), abs(toDecimal128(-1.5, 2)), toTypeName(abs(toDecimal128(-1.5, 2)));
SELECT [toDecimal32(1.5, 2), toDecimal32(2, 3)] AS a, toTypeName(a), [toDecimal32(1.5, 2), 1] AS b, toTypeName(b), [toDecimal64(1.5, 2), toDecimal32(1, 5)] AS c, toTypeName(c);
SELECT if(number = 0, toDecimal32(1, 2), toDecimal128(-1.5, 2)) AS x, toTypeName(x), [toDateTime64(1, 3), toDateTime64(1.5, 6)] AS y, toTypeName(y) FROM numbers(2);
SELECT sum(toDate('2020-01-01')); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT toDecimal32(1.5, 2) AS a, [a] AS b, toDecimal64(2, 3) AS c, toDecimal128(-5.25, 3) AS d FORMAT JSONEachRow;
SELECT toDecimal32(1.5, 2) AS a, [a] AS b, toDecimal128(-5.25, 3) AS d FORMAT CSV;
SELECT toDecimal32(1.5, 2) AS a, [a] AS b FORMAT Values;
SELECT toDecimal32(1.5, 2) AS a, [a] AS b, 'x' AS s FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
CREATE TABLE dec (k UInt8, a Decimal(9,2), b Decimal32(3), c Decimal64(4), e Decimal128(5), f Decimal(38, 38), g DEC(3,1), n Nullable(Decimal(18, 6)), arr Array(Decimal(20, 2))) ENGINE = MergeTree ORDER BY (a, e);
SHOW CREATE TABLE dec;
INSERT INTO dec VALUES (1, 1.5, '2.25', -3, 1e10, 0.1, 1, NULL, [1.5, -2.75]), (2, 1.555, 0, 1, 0, 0, 99.99, 0.000001, []);
INSERT INTO dec VALUES (3, -1000000.01, -0.001, 99999999999999.9999, '-123456789012345678901234567890.12345', -0.99999999999999999999999999999999999999, -99.9, -123456789012.123456, [0, 99999999999999999.99]);
INSERT INTO dec FORMAT TabSeparated
4	1.5	1.25	0.5	0.00001	0.5	0.5	\N	[1,2.5]

INSERT INTO dec FORMAT CSV
5,"-7","7.125",-0.0001,123.456,"0.25","-1",3.5,"[-0.01]"

INSERT INTO dec FORMAT JSONEachRow
{"k": 6, "a": 12.34, "b": "5.5", "c": -2, "e": "1e-5", "f": 0, "g": 0.1, "n": 1.25, "arr": [3.5, 4.25]}

SELECT * FROM dec ORDER BY k;
SELECT k FROM dec ORDER BY a, e, k;
SELECT sum(a), toTypeName(sum(a)), sum(e), avg(b), min(c), max(e), min(f), max(n) FROM dec;
SELECT k, a FROM dec WHERE a > 1.5 ORDER BY k;
SELECT k FROM dec WHERE a IN (1.5, 12.34) ORDER BY k;
SELECT k FROM dec WHERE e = '0.00001' OR b = 7.125 ORDER BY k;
OPTIMIZE TABLE dec FINAL;
SELECT k, a, e FROM dec;
SELECT * FROM dec ORDER BY k FORMAT JSONEachRow;
-- Date32
SELECT toDate32('1900-01-01'), toDate32('2299-12-31'), toTypeName(toDate32('2000-01-01')), toDate32(-1), toDate32(100000), CAST(-25567 AS Date32), CAST('2000-01-01' AS date32);
SELECT toDate(toDate32('1950-01-01')), toDateTime(toDate32('1950-01-01')), toDate32(toDate('2000-01-01')), toDate32(toDateTime('2000-01-01 23:00:00')), toDateTime64(toDate32('1950-01-01'), 3), toDate32(toDateTime64('1950-01-01 12:00:00.5', 3));
SELECT toInt32(toDate32('1950-01-01')), toUInt16(toDate32('2000-01-01')), toString(toDate32('1950-01-01')), toYYYYMM(toDate32('1950-01-01')), toYear(toDate32('2250-01-01')), toStartOfMonth(toDate32('2250-03-05'));
SELECT toDate32('1950-01-01') < toDate('2000-01-01'), toDate32('1950-01-01') = '1950-01-01', toDate32('2000-01-01') = toDate('2000-01-01'), toDate32('2000-01-01') < toDateTime('2000-01-01 00:00:01');
SELECT [toDate32('1950-01-01'), toDate('2000-01-01')] AS a, toTypeName(a), toDate32(100000.5), toDate32('2000-1-2');
SELECT toDate32('1950-01-02') AS a, [a] AS b FORMAT JSONEachRow;
SELECT toDate32('1950-01-02') AS a, [a] AS b FORMAT CSV;
SELECT toDate32('1950-01-02') AS a, [a] AS b FORMAT Values;
SELECT toDate32('1950-01-02') AS a, 'x' AS s FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
CREATE TABLE d32 (d Date32, k UInt8, n Nullable(Date32), a Array(Date32)) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (d, k);
SHOW CREATE TABLE d32;
INSERT INTO d32 VALUES ('1950-03-04', 1, NULL, ['1900-01-01', '2299-12-31']), ('2250-01-01', 2, '1969-12-31', []), (0, 3, 20000, [-1]);
INSERT INTO d32 FORMAT TabSeparated
1950-03-09	4	2000-02-29	['1960-01-01']

INSERT INTO d32 FORMAT JSONEachRow
{"d": "1900-01-01", "k": 5, "n": "2024-05-05", "a": ["1999-12-31"]}

SELECT * FROM d32 ORDER BY k;
SELECT k FROM d32 ORDER BY d DESC;
SELECT partition_id, rows FROM system.parts WHERE table = 'd32' ORDER BY partition_id;
SELECT min(d), max(d), max(n) FROM d32;
SELECT k FROM d32 WHERE d < '1960-01-01' ORDER BY k;
SELECT k FROM d32 WHERE d IN ('1950-03-04', '2250-01-01') ORDER BY k;
CREATE TABLE d32p (d Date32, k UInt8) ENGINE = MergeTree PARTITION BY d ORDER BY k;
INSERT INTO d32p VALUES ('1950-03-04', 1), ('2250-01-01', 2), ('1950-03-04', 3);
SELECT partition_id, rows FROM system.parts WHERE table = 'd32p' ORDER BY partition_id;
SELECT * FROM d32p ORDER BY k;
-- Enum8, Enum16
SELECT CAST('a' AS Enum8('a' = 1, 'b' = -2)) AS e, toTypeName(e), CAST(-2 AS Enum8('a' = 1, 'b' = -2)), toTypeName(CAST('x' AS Enum('x', 'y'))), toTypeName(CAST('x' AS Enum('x' = 1000, 'y'))), toTypeName(CAST('x' AS Enum16('x', 'y')));
SELECT toTypeName(CAST('a\'b' AS Enum8('a\'b' = 1, 'c\\d' = 2))), toTypeName(CAST('x' AS Enum('x' = 127, 'y'))), toTypeName(CAST('' AS Enum8('' = 0, 'a b' = 1)));
SELECT toTypeName(CAST('x' AS Enum('x' = 5, 'y', 'z' = 2))); -- { serverError UNEXPECTED_AST_STRUCTURE }
SELECT toTypeName(CAST('x' AS Enum8('x' = 127, 'y'))); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toTypeName(CAST('x' AS Enum8('x' = 1, 'x' = 2))); -- { serverError SYNTAX_ERROR }
SELECT CAST('c' AS Enum8('a' = 1, 'b' = 2)); -- { serverError UNKNOWN_ELEMENT_OF_ENUM }
SELECT CAST(3 AS Enum8('a' = 1, 'b' = 2)); -- { serverError UNKNOWN_ELEMENT_OF_ENUM }
SELECT toInt8(CAST('b' AS Enum8('a' = 1, 'b' = 2))), CAST('b' AS Enum8('a' = 1, 'b' = 2)) = 'b', CAST(2 AS Enum8('a' = 1, 'b' = 2)), toString(CAST('b' AS Enum16('a' = 1000, 'b' = 2))), CAST(CAST('a' AS Enum8('a' = 1, 'b' = 2)) AS Enum16('a' = 1, 'c' = 300));
SELECT CAST('a\tb' AS Enum8('a\tb' = 1, 'q\'x' = 2)) AS e, CAST('q\'x' AS Enum8('a\tb' = 1, 'q\'x' = 2)) AS f, [e] AS g;
SELECT CAST('a"b' AS Enum8('a"b' = 1, 'q\'x' = 2)) AS e, CAST('q\'x' AS Enum8('a"b' = 1, 'q\'x' = 2)) AS f, [e] AS g FORMAT CSV;
SELECT CAST('a"b' AS Enum8('a"b' = 1, 'q\'x' = 2)) AS e, [e] AS g FORMAT JSONEachRow;
SELECT CAST('a"b' AS Enum8('a"b' = 1, 'q\'x' = 2)) AS e, CAST('q\'x' AS Enum8('a"b' = 1, 'q\'x' = 2)) AS f, [f] AS g FORMAT Values;
SELECT CAST('a' AS Enum8('a' = 1, 'b' = -2)) AS e, 1 AS x FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
CREATE TABLE en (k Enum8('a' = 1, 'b' = -2), m Enum16('x'=1000, 'y' = 2), n ENUM('p', 'q'), nn Nullable(Enum8('u' = 5)), arr Array(Enum8('s p' = 0, 'q\'t' = 1))) ENGINE = MergeTree PARTITION BY k ORDER BY (k, m);
SHOW CREATE TABLE en;
INSERT INTO en VALUES ('a', 'x', 'p', NULL, ['s p']), (-2, 2, 2, 'u', []), ('b', 1000, 'q', 5, ['q\'t', 's p']);
INSERT INTO en VALUES ('c', 'x', 'p', NULL, []); -- { serverError UNKNOWN_ELEMENT_OF_ENUM }
INSERT INTO en FORMAT TabSeparated
a	y	q	u	['q\'t']

INSERT INTO en FORMAT CSV
"b","x",1,\N,"['s p']"

INSERT INTO en FORMAT JSONEachRow
{"k": "a", "m": 1000, "n": "q", "nn": "u", "arr": ["q't"]}

SELECT * FROM en ORDER BY k, m, n;
SELECT k, count() FROM en GROUP BY k ORDER BY k;
SELECT min(k), max(k), max(m), min(n) FROM en;
SELECT partition_id, rows FROM system.parts WHERE table = 'en' ORDER BY partition_id, rows;
SELECT m, n FROM en WHERE k = 'b' ORDER BY m, n;
SELECT m FROM en WHERE m IN ('x', 'z') OR n = 1 ORDER BY m;
SELECT * FROM en ORDER BY k, m, n FORMAT JSONEachRow;
-- IPv4, IPv6
SELECT toIPv4('1.2.3.4') AS a, toIPv6('::1') AS b, toIPv6('2001:db8::ff00:42:8329') AS c, toIPv6('::ffff:1.2.3.4') AS d, toIPv6('1.2.3.4') AS e, toIPv6('0:0:0:0:1:0:0:0') f, toIPv6('1:0:0:1:0:0:0:1') g;
SELECT toIPv6('::'), toIPv6('1::'), toIPv6('::1.2.3.4'), toIPv6('0:0:0:0:0:0:1:0'), toIPv6('abcd:ef01:2345:6789:abcd:ef01:2345:6789'), toIPv6('64:ff9b::102:304');
SELECT toIPv6('1:0:2:3:4:5:6:7'), toIPv6('1:0:0:2:0:0:3:4'), toIPv6('ABCD::0012'), toIPv6('0:0:0:0:0:ffff:0:0'), toIPv6('0:0:0:0:0:fffe:102:304'), toIPv6('::ffff:0:0:0'), toIPv6('1:2:3:4:5:6:0:0');
SELECT toIPv4('1.2.3.4') = '1.2.3.4', toIPv6('::1') = '::1', toUInt32(toIPv4('1.2.3.4')), toIPv4(16909060), toString(toIPv6('::1')), toIPv6(toIPv4('1.2.3.4')), toTypeName(toIPv4('1.2.3.4')), toTypeName(toIPv6('::'));
SELECT toIPv6('::2') > toIPv6('1::'), toIPv4('1.2.3.4') < toIPv4('10.0.0.1'), toIPv4('9.0.0.1') < '10.0.0.0';
SELECT toIPv4('256.1.1.1'); -- { serverError CANNOT_PARSE_IPV4 }
SELECT toIPv4('x'); -- { serverError CANNOT_PARSE_IPV4 }
SELECT toIPv6('x'); -- { serverError CANNOT_PARSE_IPV6 }
SELECT toIPv4('1.2.3.4') AS a, toIPv6('::1') AS b, [a] AS c, [b] AS d FORMAT JSONEachRow;
SELECT toIPv4('1.2.3.4') AS a, toIPv6('::1') AS b, [a] AS c, [b] AS d FORMAT CSV;
SELECT toIPv4('1.2.3.4') AS a, toIPv6('::1') AS b, [a] AS c, [b] AS d FORMAT Values;
SELECT toIPv4('1.2.3.4') AS a, toIPv6('::1') AS b, 1 AS n FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
CREATE TABLE ips (k UInt8, a IPv4, b IPv6, na Nullable(IPv4), nb Nullable(IPv6), aa Array(IPv4), ab Array(IPv6)) ENGINE = MergeTree PARTITION BY a ORDER BY (b, k);
SHOW CREATE TABLE ips;
INSERT INTO ips VALUES (1, '1.2.3.4', '::1', NULL, '2001:db8::1', ['0.0.0.0', '255.255.255.255'], ['::ffff:10.0.0.1']), (2, '10.0.0.1', '1::', '127.0.0.1', NULL, [], []);
INSERT INTO ips FORMAT TabSeparated
3	1.2.3.4	fe80::1	192.168.0.1	::	['8.8.8.8']	['1:2:3:4:5:6:7:8']

INSERT INTO ips FORMAT CSV
4,"10.0.0.1","::ffff:1.2.3.4",\N,"::1","[]","['::']"

INSERT INTO ips FORMAT JSONEachRow
{"k": 5, "a": "8.8.4.4", "b": "2a00:1450::200e", "na": null, "nb": "1.2.3.4", "aa": ["1.1.1.1"], "ab": ["::2"]}

SELECT * FROM ips ORDER BY k;
SELECT k FROM ips ORDER BY b, k;
SELECT k FROM ips ORDER BY a, k;
SELECT partition_id, rows FROM system.parts WHERE table = 'ips' ORDER BY partition_id, rows;
SELECT min(a), max(a), min(b), max(b) FROM ips;
SELECT k FROM ips WHERE a = '10.0.0.1' OR b IN ('fe80::1', '::1') ORDER BY k;
SELECT * FROM ips ORDER BY k FORMAT JSONEachRow;
-- Map
SELECT map('a', 1, 'b', 2) AS m, toTypeName(m), map(1, [1,2]) AS n, map('x', NULL) AS o, toTypeName(o), toTypeName(map(1, 'a', 300, 'b'));
SELECT map('a', 1, 'b', 2)['b'], map('a', 1)['z'], map('a', NULL)['z'], mapKeys(map('a', 1, 'b', 2)), mapValues(map('a', 1, 'b', 2)), map('a', 1) = map('a', 1);
SELECT CAST(map('a', 1) AS Map(String, UInt64)) AS m, toTypeName(m), CAST(map(1, 2) AS Map(String, Decimal(9, 2))) AS d, toTypeName(d);
SELECT map('a', 1, 'b', 2) AS m, map(1, 'x') AS n, [map('a', 1)] AS am FORMAT JSONEachRow;
SELECT map(toDate('2024-01-01'), 1.5, toDate('2024-01-02'), NULL) AS m FORMAT JSONEachRow;
SELECT map(toDate('2024-01-01'), 1.5, toDate('2024-01-02'), NULL) AS m, map('a', 1) AS n FORMAT CSV;
SELECT map('a\'b', 'c\td') AS m;
SELECT map('a', 1, 'b', 2) AS m, map(1, 'x') AS n FORMAT Values;
SELECT map('a', 1, 'b', 2) AS m, 1 AS x FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
CREATE TABLE mp (k UInt8, m Map(String, UInt64), n Map(LowCardinality(String), Nullable(Int8)), a Array(Map(UInt8, String)), d Map(Date, Decimal(9, 2))) ENGINE = MergeTree ORDER BY k;
SHOW CREATE TABLE mp;
INSERT INTO mp VALUES (1, {'a': 1, 'b': 2}, {'x': NULL, 'y': -1}, [{1: 'p'}, {}], {'2024-01-01': 0.29}), (2, {}, {}, [], {});
INSERT INTO mp VALUES (3, map('z', 5, 'a', 6), map('q', 1), [map(2, 'r', 3, 's')], map(toDate('2000-01-01'), 1.5));
INSERT INTO mp FORMAT TabSeparated
4	{'t\'ab':7}	{'k':NULL}	[{5:'x\ty'}]	{'2024-02-02':3.25}

INSERT INTO mp FORMAT CSV
5,"{'c':8,'a':9}","{}","[{}]","{'1999-12-31':-1}"

INSERT INTO mp FORMAT JSONEachRow
{"k": 6, "m": {"z": 1, "b": 2, "a": 3}, "n": {"u": null}, "a": [{"7": "seven"}], "d": {"2024-03-03": 0.1}}

SELECT * FROM mp ORDER BY k;
SELECT k, m['a'], n['x'], mapKeys(m), d[toDate('2024-01-01')] FROM mp ORDER BY k;
SELECT * FROM mp ORDER BY k FORMAT JSONEachRow;
OPTIMIZE TABLE mp FINAL;
SELECT k, m FROM mp ORDER BY k;
