-- The Log family: Log, TinyLog and StripeLog keep every INSERT's rows (ClickHouse reads a Log table's blocks in
-- parallel, so the rows are compared sorted); TRUNCATE, RENAME and INSERT work;
-- engine arguments, keys and OPTIMIZE are refused as ClickHouse refuses them.
CREATE TABLE l (k UInt32, s String, a Array(UInt8), n Nullable(Int16)) ENGINE = Log;
CREATE TABLE tl (k UInt32, s String, lc LowCardinality(String)) ENGINE = TinyLog;
CREATE TABLE sl (k UInt32, m Map(String, UInt8), t Tuple(UInt8, String)) ENGINE = StripeLog;
INSERT INTO l VALUES (2, 'b', [1, 2], NULL), (1, 'a', [], 3);
INSERT INTO l SELECT number, toString(number), if(number % 3 = 0, [], [toUInt8(number), 7]), if(number % 2, NULL, number) FROM numbers(10, 5);
INSERT INTO tl VALUES (1, 'x', 'p'), (2, 'y', 'q');
INSERT INTO tl VALUES (3, 'z', 'p');
INSERT INTO sl VALUES (1, {'a': 1}, (1, 'x'));
INSERT INTO sl VALUES (2, {}, (2, ''));
SELECT * FROM l ORDER BY k;
SELECT * FROM tl ORDER BY k;
SELECT * FROM sl ORDER BY k;
SELECT name, engine, total_rows FROM system.tables WHERE database = currentDatabase() ORDER BY name;
SELECT count(), sum(k) FROM l WHERE k > 10;
TRUNCATE TABLE tl;
INSERT INTO tl VALUES (4, 'w', 'r');
SELECT * FROM tl ORDER BY k;
RENAME TABLE sl TO sl2;
INSERT INTO sl2 VALUES (3, {'c': 3}, (3, 'z'));
SELECT k FROM sl2 ORDER BY k;
OPTIMIZE TABLE l FINAL; -- { serverError NOT_IMPLEMENTED }
CREATE TABLE bad1 (k UInt32) ENGINE = Log ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad2 (k UInt32) ENGINE = TinyLog(1); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad3 (k UInt32) ENGINE = StripeLog PARTITION BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad4 (k UInt32) ENGINE = Memory ORDER BY k; -- { serverError BAD_ARGUMENTS }
