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
CREATE TABLE dt64p (d DateTime64(3), v UInt8) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY d;
INSERT INTO dt64p VALUES ('2024-01-02 03:04:05.678', 1), ('2024-02-02 03:04:05.678', 2), ('2024-01-01 00:00:00', 3);
SELECT partition_id, rows FROM system.parts WHERE table = 'dt64p' ORDER BY partition_id;
SELECT * FROM dt64p ORDER BY d;
