SELECT 1 AS x, 'ab' AS s FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT count() FROM numbers(1100) FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT 1000000000 FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT number, toString(number) AS s, [number] AS a, NULL AS n FROM numbers(3) FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT number, toString(number) AS s FROM numbers(3) FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 1;
SELECT number AS n, 'x' AS s FROM numbers(55) FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT number AS n, toDate('2024-01-02') AS d, -1.5 AS f FROM numbers(2) FORMAT Pretty SETTINGS output_format_pretty_row_numbers = 0;
SELECT number AS n, [toString(number), 'q''x'] AS a, if(number = 1, NULL, number) AS m FROM numbers(2) FORMAT Vertical;
SELECT number AS n, toString(number) AS s, [number] AS a, if(number = 1, NULL, number) AS m, 'q''x' AS quo FROM numbers(2) FORMAT CSV;
SELECT number AS n, toString(number) AS s FROM numbers(2) FORMAT CSVWithNames;
SELECT number AS n, toString(number) AS s, [number] AS a, if(number = 1, NULL, number) AS m, toDate('2024-01-02') AS d, 1.5 AS f FROM numbers(2) FORMAT JSONEachRow;
SELECT number AS n, 'q''x' AS s, [number] AS a FROM numbers(2) FORMAT Values;
SELECT number AS n, toString(number) AS s FROM numbers(2) FORMAT TSVWithNamesAndTypes;
SELECT 'a\tb' AS x, 'c\nd' AS y, 'e\\f' AS z FORMAT TSV;
SELECT 'a\tb' AS x FORMAT TabSeparatedRaw;
SELECT 1e20, 1e21, 1e-7, 0.1, 1 / 3, toFloat32(0.1), -0.0, 123456789.123, inf, -inf, nan, 0.000001, 100.0;
SELECT toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0'), toFixedString('ab', 4), true, false;
SELECT toDateTime('2024-03-04 05:06:07'), toDate('2000-02-29'), toStartOfMonth(toDate('2024-03-15'));
SELECT toYYYYMMDD(toDate('2024-12-31')), toDayOfMonth(toDate('2024-12-31'));
CREATE TABLE f (k UInt32, s String, a Array(Int16), n Nullable(String), d Date) ENGINE = MergeTree ORDER BY k;
INSERT INTO f FORMAT TabSeparated
1	one	[1,2]	\N	2024-01-01
2	two	[]	x	2024-02-02

INSERT INTO f FORMAT CSV
3,"three","[3]",\N,"2024-03-03"
4,"fo""ur","[-4,4]","y","2024-04-04"

INSERT INTO f FORMAT JSONEachRow
{"k": 5, "s": "five", "a": [5], "n": null, "d": "2024-05-05"}
{"k": 6, "s": "six", "a": [], "n": "z", "d": "2024-06-06"}

INSERT INTO f FORMAT Values (7, 'seven', [7, 7], NULL, '2024-07-07'), (8, 'eight', [], 'w', '2024-08-08');
SELECT * FROM f ORDER BY k;
SELECT k, s FROM f WHERE n IS NULL ORDER BY k;
SELECT k FROM f WHERE has(a, 7);
SELECT count(), countDistinct FROM f; -- { serverError UNKNOWN_IDENTIFIER }
SELECT count(DISTINCT length(a)) FROM f;
SELECT min(d), max(d), any(k) FROM f WHERE k = 3;
SELECT s FROM f ORDER BY s DESC LIMIT 3;
SELECT k % 2 AS odd, groupArray(k) FROM (SELECT k FROM f ORDER BY k) GROUP BY odd ORDER BY odd;
SELECT k, length(s) AS len FROM f WHERE len > 4 ORDER BY k;
SELECT upper(s), concat(s, '-', toString(k)) FROM f WHERE k < 3 ORDER BY k;
SELECT toString(a), toString(d) FROM f WHERE k = 1;
SELECT CAST(k AS String), CAST('12' AS UInt8), k::Int64 FROM f WHERE k = 2;
SELECT arr[1], arr[-1], arr[10] FROM (SELECT [10, 20, 30] AS arr);
SELECT tupleElement((1, 'x'), 2), (1, 'x').1;
SELECT nosuchfunction(1); -- { serverError UNKNOWN_FUNCTION }
SELECT 1 + 'a'; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT * FROM numbers(3) FORMAT NoSuchFormat; -- { serverError UNKNOWN_FORMAT }
SET no_such_setting = 1; -- { serverError UNKNOWN_SETTING }
CREATE TABLE bad (x Foo) ENGINE = Memory; -- { serverError UNKNOWN_TYPE }
CREATE TABLE bad2 (x Int32) ENGINE = NoSuchEngine; -- { serverError UNKNOWN_STORAGE }
CREATE TABLE bad3 (x int32) ENGINE = Memory; -- { serverError UNKNOWN_TYPE }
CREATE TABLE bad4 (x nullable(Int8)) ENGINE = Memory; -- { serverError UNKNOWN_TYPE }
CREATE TABLE bad5 (x Nullable(Array(Int8))) ENGINE = Memory; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
CREATE TABLE aliases (a INT, b text, c BOOLEAN, d datetime, e DATE, f bigint) ENGINE = Memory;
SHOW CREATE TABLE aliases;
DROP TABLE aliases;
SELECT (1, 'p') AS t, CAST((2, 'q'), 'Tuple(a Int32, b String)') AS nt, [(3, 'r')] AS at, ((4, 's'), toDate('2024-01-02')) AS n FORMAT CSV;
SELECT CAST((2, 'q'), 'Tuple(a Int32, b String)') AS nt, (1, 'p') AS t FORMAT JSONEachRow;
SELECT [1, 2] AS a, [[1], [2, 3]] AS b, [(1, 'x')] AS c, CAST((1, 'a'), 'Tuple(x Int32, y String)') AS t, ((1, 2), 3) AS n SETTINGS output_format_write_statistics = 0 FORMAT JSON;
SELECT CAST((1, 'a'), 'Tuple(x Int32, y String)') AS t, [(2, 'b')] AS c SETTINGS output_format_write_statistics = 0 FORMAT JSONCompact;
INSERT INTO f (nope) VALUES (1); -- { serverError NO_SUCH_COLUMN_IN_TABLE }
SELECT count() FROM f;
TRUNCATE TABLE f;
SELECT count() FROM f;
DROP TABLE f;
SELECT map('a', 1) AS m, [map('b', 2)] AS am, (map('c', 3), 1) AS tm, map() AS e SETTINGS output_format_write_statistics = 0 FORMAT JSON;
SELECT CAST((1, 'a'), 'Tuple(x Int32, y String)') AS t, ((1, 2), 3) AS n, CAST(NULL, 'Nullable(Tuple(Int8, String))') AS nt, CAST((2, 'b'), 'Nullable(Tuple(Int8, String))') AS vt FORMAT CSVWithNames;
CREATE TABLE ct (t Tuple(Int8, Tuple(String, Int8)), x Int8) ENGINE = Memory;
INSERT INTO ct FORMAT CSV
1,"a",3,2
-1,"b,c",4,5

SELECT * FROM ct ORDER BY x;
DROP TABLE ct;
SELECT nan AS a, inf AS b, -inf AS c, -0. AS d, toFloat32(-0.) AS e, [nan, -0.] AS f, (inf, -0.) AS g, CAST(NULL AS Nullable(Float64)) AS h FORMAT CSV;
SELECT nan AS a, inf AS b, -inf AS c, -0. AS d, toFloat32(-0.) AS e, [nan, -0.] AS f, (inf, -0.) AS g, CAST(NULL AS Nullable(Float64)) AS h FORMAT JSONEachRow;
SELECT nan AS a, inf AS b, -inf AS c, -0. AS d, toFloat32(-0.) AS e, [nan, -0.] AS f, (inf, -0.) AS g, CAST(NULL AS Nullable(Float64)) AS h FORMAT Values;
SELECT nan AS a, inf AS b, -inf AS c, -0. AS d, toFloat32(-0.) AS e, [nan, -0.] AS f, (inf, -0.) AS g, CAST(NULL AS Nullable(Float64)) AS h FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT inf AS x FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT 1e301 AS x FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT 1000000 AS a, 1125000 AS b, -12345678 AS c, 1e30 AS d, 1e80 AS e, toUInt64(18446744073709551615) AS f, toDecimal64(12345678, 2) AS g, true AS h FORMAT Vertical;
SELECT number * 1000000 AS x, 'y' AS y, number * 1000000 AS z FROM numbers(3) FORMAT PrettyCompact SETTINGS output_format_pretty_row_numbers = 0;
SELECT number FROM numbers(10) FORMAT Vertical;
