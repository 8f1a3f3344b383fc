-- The MergeTree family: each engine's merges (at INSERT, OPTIMIZE and SELECT … FINAL), system.tables, SHOW CREATE
-- and the engine argument checks, against ClickHouse.
CREATE TABLE replacing (k UInt32, v UInt32, s String) ENGINE = ReplacingMergeTree(v) ORDER BY k;
INSERT INTO replacing VALUES (1, 5, 'a'), (1, 3, 'b'), (2, 1, 'c'), (2, 1, 'd'), (3, 7, 'e');
SELECT * FROM replacing ORDER BY k, v, s;
INSERT INTO replacing VALUES (1, 5, 'f'), (2, 0, 'g'), (4, 1, 'h');
INSERT INTO replacing VALUES (3, 6, 'i'), (4, 2, 'j');
SELECT * FROM replacing FINAL ORDER BY k;
SELECT count() FROM replacing FINAL;
SELECT k, s FROM replacing AS r FINAL WHERE v > 1 ORDER BY k;
SELECT * FROM replacing ORDER BY k SETTINGS final = 1;
SELECT count() FROM replacing;
OPTIMIZE TABLE replacing FINAL;
SELECT * FROM replacing ORDER BY k;
CREATE TABLE replacing_last (k UInt32, s String) ENGINE = ReplacingMergeTree ORDER BY k;
INSERT INTO replacing_last VALUES (1, 'a'), (1, 'b'), (2, 'c');
INSERT INTO replacing_last VALUES (1, 'c'), (3, 'd');
SELECT * FROM replacing_last FINAL ORDER BY k;
OPTIMIZE TABLE replacing_last FINAL;
SELECT * FROM replacing_last ORDER BY k;
CREATE TABLE replacing_deleted (k UInt32, v UInt32, is_deleted UInt8) ENGINE = ReplacingMergeTree(v, is_deleted) ORDER BY k;
INSERT INTO replacing_deleted VALUES (1, 1, 0), (2, 1, 0), (3, 1, 0);
INSERT INTO replacing_deleted VALUES (1, 2, 1), (2, 0, 1), (3, 2, 0);
SELECT * FROM replacing_deleted FINAL ORDER BY k;
OPTIMIZE TABLE replacing_deleted FINAL;
SELECT * FROM replacing_deleted ORDER BY k;
SELECT * FROM replacing_deleted FINAL ORDER BY k;
INSERT INTO replacing_deleted VALUES (4, 1, 2); -- { serverError INCORRECT_DATA }
CREATE TABLE replacing_dated (k String, d DateTime, n Int64) ENGINE = ReplacingMergeTree(d) PARTITION BY n % 2 ORDER BY k;
INSERT INTO replacing_dated VALUES ('x', '2024-01-01 00:00:00', 1), ('y', '2024-01-01 00:00:00', 2);
INSERT INTO replacing_dated VALUES ('x', '2023-01-01 00:00:00', 4), ('y', '2025-01-01 00:00:00', 3);
SELECT * FROM replacing_dated FINAL ORDER BY k;
SELECT * FROM replacing_dated FINAL ORDER BY k, n SETTINGS do_not_merge_across_partitions_select_final = 1;
OPTIMIZE TABLE replacing_dated FINAL;
SELECT * FROM replacing_dated ORDER BY k, n;
CREATE TABLE summing (k UInt32, a Int8, b Float64, s String, d Date, e Decimal(9, 2), f Bool, arr Array(UInt8), n Nullable(Int32)) ENGINE = SummingMergeTree ORDER BY k;
INSERT INTO summing VALUES (1, 100, 1.5, 'a', '2020-01-01', 1.25, 1, [1], NULL), (1, 100, 2.5, 'b', '2020-01-02', 2.5, 1, [2], 3), (2, 1, 0, 'z', '2020-01-01', 0, 0, [], NULL), (3, 5, 1, 'm', '2020-01-01', 1, 0, [], NULL), (5, 0, 0, 'zero', '2020-01-01', 0, 0, [], NULL);
SELECT k, a, b, s, d, e, f, arr, n FROM summing ORDER BY k;
INSERT INTO summing VALUES (3, -5, -1, 'n', '2020-01-01', -1, 0, [], NULL), (1, 1, 1, 'c', '2021-01-01', 1, 0, [3], -3), (4, 0, 0, 'q', '2020-01-01', 0, 0, [], 0);
SELECT k, a, b, s, d, e, f, arr, n FROM summing FINAL ORDER BY k;
OPTIMIZE TABLE summing FINAL;
SELECT k, a, b, s, d, e, f, arr, n FROM summing ORDER BY k;
CREATE TABLE summing_listed (k UInt32, a UInt32, b UInt32, c String) ENGINE = SummingMergeTree((a)) ORDER BY k;
INSERT INTO summing_listed VALUES (1, 1, 1, 'x'), (1, 2, 2, 'y'), (2, 0, 5, 'q');
INSERT INTO summing_listed VALUES (1, 4, 4, 'z'), (3, 4294967295, 1, 'w');
INSERT INTO summing_listed VALUES (3, 2, 1, 'v');
SELECT * FROM summing_listed FINAL ORDER BY k;
OPTIMIZE TABLE summing_listed FINAL;
SELECT * FROM summing_listed ORDER BY k;
CREATE TABLE summing_pair (k UInt32, a UInt64, b Int16, c UInt8) ENGINE = SummingMergeTree((a, b)) ORDER BY k;
INSERT INTO summing_pair VALUES (1, 1, -1, 7), (1, 2, -2, 8);
INSERT INTO summing_pair VALUES (1, 3, 3, 9), (2, 18446744073709551615, 32767, 1);
INSERT INTO summing_pair VALUES (2, 1, 1, 2);
OPTIMIZE TABLE summing_pair FINAL;
SELECT * FROM summing_pair ORDER BY k;
CREATE TABLE collapsing (k UInt32, sign Int8, x String) ENGINE = CollapsingMergeTree(sign) ORDER BY k;
INSERT INTO collapsing VALUES (1, 1, 'a'), (2, 1, 'b'), (3, -1, 'z'), (6, 1, 'p');
INSERT INTO collapsing VALUES (1, -1, 'a'), (1, 1, 'a2'), (2, -1, 'b'), (2, -1, 'b'), (4, 1, 'q'), (4, -1, 'q'), (6, 1, 'p2');
SELECT * FROM collapsing ORDER BY k, x, sign;
SELECT * FROM collapsing FINAL ORDER BY k;
INSERT INTO collapsing VALUES (7, -1, 'm'), (7, 1, 'm2');
SELECT * FROM collapsing FINAL ORDER BY k;
OPTIMIZE TABLE collapsing FINAL;
SELECT * FROM collapsing ORDER BY k, sign;
SELECT * FROM collapsing FINAL ORDER BY k;
INSERT INTO collapsing VALUES (5, 2, 'x'); -- { serverError INCORRECT_DATA }
CREATE TABLE versioned (k UInt32, sign Int8, ver UInt16, x String) ENGINE = VersionedCollapsingMergeTree(sign, ver) ORDER BY k;
INSERT INTO versioned VALUES (1, 1, 1, 'a'), (1, -1, 1, 'a'), (1, 1, 2, 'b'), (2, 1, 1, 'c'), (3, 1, 1, 'd');
INSERT INTO versioned VALUES (1, -1, 2, 'b'), (1, 1, 3, 'e'), (3, -1, 1, 'd'), (3, -1, 2, 'f'), (2, 1, 1, 'c2');
SELECT * FROM versioned ORDER BY k, ver, sign, x;
SELECT * FROM versioned FINAL ORDER BY k, ver, x;
OPTIMIZE TABLE versioned FINAL;
SELECT * FROM versioned ORDER BY k, ver, sign, x;
CREATE TABLE aggregating (k UInt32, x String, y UInt32) ENGINE = AggregatingMergeTree ORDER BY k;
INSERT INTO aggregating VALUES (1, 'a', 1), (1, 'b', 2), (2, 'c', 3);
INSERT INTO aggregating VALUES (1, 'c', 3), (2, 'd', 4);
SELECT * FROM aggregating FINAL ORDER BY k;
OPTIMIZE TABLE aggregating FINAL;
SELECT * FROM aggregating ORDER BY k;
CREATE TABLE unsorted_replacing (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v) ORDER BY tuple();
INSERT INTO unsorted_replacing VALUES (1, 3), (2, 5);
INSERT INTO unsorted_replacing VALUES (3, 4);
SELECT * FROM unsorted_replacing FINAL;
CREATE TABLE plain (k UInt32) ENGINE = MergeTree ORDER BY k;
INSERT INTO plain VALUES (2), (1);
INSERT INTO plain VALUES (1);
SELECT * FROM plain FINAL; -- { serverError ILLEGAL_FINAL }
SELECT * FROM plain ORDER BY k SETTINGS final = 1;
CREATE TABLE kept (k UInt32) ENGINE = Memory;
SELECT * FROM kept FINAL; -- { serverError ILLEGAL_FINAL }
SELECT * FROM numbers(3) FINAL; -- { serverError ILLEGAL_FINAL }
SELECT * FROM system.one FINAL; -- { serverError ILLEGAL_FINAL }
SELECT * FROM (SELECT 1) FINAL; -- { serverError UNSUPPORTED_METHOD }
SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name;
SHOW CREATE TABLE replacing_deleted;
SHOW CREATE TABLE summing_pair;
SHOW CREATE TABLE versioned;
CREATE TABLE bad (k UInt32, s Int16) ENGINE = CollapsingMergeTree(s) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, s Nullable(Int8)) ENGINE = CollapsingMergeTree(s) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, s Int8) ENGINE = CollapsingMergeTree(t) ORDER BY k; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE bad (k UInt32, s Int8) ENGINE = CollapsingMergeTree ORDER BY k; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, s Int8) ENGINE = CollapsingMergeTree(s, k) ORDER BY k; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, s Int8) ENGINE = CollapsingMergeTree('s') ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (k UInt32, s Int8) ENGINE = CollapsingMergeTree(s); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, s Int8 ALIAS 1) ENGINE = CollapsingMergeTree(s) ORDER BY k; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE bad (k UInt32, v String) ENGINE = ReplacingMergeTree(v) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, v Decimal(9, 2)) ENGINE = ReplacingMergeTree(v) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, v UInt32, d UInt16) ENGINE = ReplacingMergeTree(v, d) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(w) ORDER BY k; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE bad (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v, x) ORDER BY k; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE bad (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v, v, v) ORDER BY k; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, v UInt32) ENGINE = ReplacingMergeTree('v') ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, a UInt32) ENGINE = SummingMergeTree((z)) ORDER BY k; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE bad (k UInt32, a UInt32) ENGINE = SummingMergeTree((k)) ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (k UInt32, p UInt8, a UInt32) ENGINE = SummingMergeTree((p, a)) PARTITION BY p ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (k UInt32, a UInt32) ENGINE = SummingMergeTree((a), 1) ORDER BY k; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, a UInt32) ENGINE = SummingMergeTree('a') ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (k UInt32, s Int8, v String) ENGINE = VersionedCollapsingMergeTree(s, v) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, s UInt8, v UInt8) ENGINE = VersionedCollapsingMergeTree(s, v) ORDER BY k; -- { serverError BAD_TYPE_OF_FIELD }
CREATE TABLE bad (k UInt32, s Int8, v UInt8) ENGINE = VersionedCollapsingMergeTree(s) ORDER BY k; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32, s Int8, v UInt8) ENGINE = VersionedCollapsingMergeTree(s, w) ORDER BY k; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
CREATE TABLE bad (k UInt32, s Int8, v UInt8) ENGINE = VersionedCollapsingMergeTree(s, 'v') ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (k UInt32, a UInt32) ENGINE = AggregatingMergeTree(a) ORDER BY k; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'bad';
CREATE TABLE discarded (k UInt32, s String) ENGINE = Null;
INSERT INTO discarded VALUES (1, 'a'), (2, 'b');
SELECT count() FROM discarded;
SELECT * FROM discarded;
SELECT * FROM discarded FINAL; -- { serverError ILLEGAL_FINAL }
TRUNCATE TABLE discarded; -- { serverError NOT_IMPLEMENTED }
SHOW CREATE TABLE discarded;
SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND name = 'discarded';
CREATE TABLE bad (k UInt32) ENGINE = Null(1); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE bad (k UInt32) ENGINE = Null ORDER BY k; -- { serverError BAD_ARGUMENTS }
CREATE TABLE versioned_big (k UInt32, sign Int8, ver UInt8, n UInt32) ENGINE = VersionedCollapsingMergeTree(sign, ver) ORDER BY k;
INSERT INTO versioned_big SELECT 1, 1, 1, number FROM numbers(9000);
SELECT count(), sum(sign), min(n), max(n) FROM versioned_big;
INSERT INTO versioned_big SELECT 1, -1, 1, number FROM numbers(9500);
INSERT INTO versioned_big SELECT number % 3, 1, 2, number FROM numbers(20);
SELECT count(), sum(sign) FROM versioned_big FINAL;
OPTIMIZE TABLE versioned_big FINAL;
SELECT count(), sum(sign), min(n), max(n) FROM versioned_big;
SELECT k, ver, sign, count(), min(n), max(n) FROM versioned_big GROUP BY k, ver, sign ORDER BY k, ver, sign;
CREATE TABLE replacing_big (k UInt32, v UInt64, s String) ENGINE = ReplacingMergeTree(v) ORDER BY k SETTINGS index_granularity = 1000;
INSERT INTO replacing_big SELECT number % 3, number, toString(number) FROM numbers(70000);
INSERT INTO replacing_big SELECT number % 5, 200000 - number, 'second' FROM numbers(70000);
SELECT * FROM replacing_big FINAL ORDER BY k;
OPTIMIZE TABLE replacing_big FINAL;
SELECT * FROM replacing_big ORDER BY k;
CREATE TABLE summing_big (k UInt32, a UInt64, b Int32) ENGINE = SummingMergeTree ORDER BY k SETTINGS index_granularity = 777;
INSERT INTO summing_big SELECT intDiv(number, 70000), number, -1 FROM numbers(140000);
INSERT INTO summing_big SELECT number % 4, 1, 1 FROM numbers(40000);
SELECT * FROM summing_big FINAL ORDER BY k;
OPTIMIZE TABLE summing_big FINAL;
SELECT * FROM summing_big ORDER BY k;
CREATE TABLE collapsing_big (k UInt32, sign Int8, n UInt32) ENGINE = CollapsingMergeTree(sign) ORDER BY k SETTINGS index_granularity = 1000;
INSERT INTO collapsing_big SELECT number % 2, 1, number FROM numbers(70001);
INSERT INTO collapsing_big SELECT number % 2, -1, number FROM numbers(70000);
SELECT * FROM collapsing_big FINAL ORDER BY k;
OPTIMIZE TABLE collapsing_big FINAL;
SELECT * FROM collapsing_big ORDER BY k, sign;
CREATE TABLE summing_partitioned (k UInt32, p UInt8, d Date, a UInt32) ENGINE = SummingMergeTree PARTITION BY p % 2 ORDER BY k;
INSERT INTO summing_partitioned VALUES (1, 1, '2020-01-01', 1), (1, 3, '2020-01-01', 1), (1, 2, '2020-01-01', 5);
INSERT INTO summing_partitioned VALUES (1, 1, '2020-01-01', 2), (1, 0, '2020-01-01', 7);
SELECT * FROM summing_partitioned ORDER BY p, a;
SELECT * FROM summing_partitioned FINAL;
SELECT * FROM summing_partitioned FINAL ORDER BY p SETTINGS do_not_merge_across_partitions_select_final = 1;
OPTIMIZE TABLE summing_partitioned FINAL;
SELECT * FROM summing_partitioned ORDER BY p;
CREATE TABLE summing_nothing (k UInt32, p UInt8, a UInt32) ENGINE = SummingMergeTree PARTITION BY intDiv(p + a, 100) ORDER BY k;
INSERT INTO summing_nothing VALUES (1, 1, 1), (1, 1, 1), (2, 0, 0);
SELECT * FROM summing_nothing ORDER BY k;
CREATE TABLE replacing_empty (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v) ORDER BY k;
SELECT count() FROM replacing_empty FINAL;
SELECT * FROM replacing_empty FINAL;
SELECT count(), sum(v) FROM replacing_big FINAL WHERE k > 1;
SELECT k FROM replacing_big FINAL ORDER BY k DESC LIMIT 2;
CREATE TABLE replacing_copy (k UInt32, v UInt64, s String) ENGINE = MergeTree ORDER BY k;
INSERT INTO replacing_copy SELECT * FROM replacing_big FINAL;
SELECT * FROM replacing_copy ORDER BY k;
SELECT k, a FROM (SELECT * FROM summing_big FINAL) WHERE b > 0 ORDER BY k;
CREATE TABLE replacing_raw (k UInt32, v UInt32) ENGINE = ReplacingMergeTree(v) ORDER BY k;
SET optimize_on_insert = 0;
INSERT INTO replacing_raw VALUES (1, 1), (1, 3), (1, 2), (2, 1);
SELECT * FROM replacing_raw ORDER BY k, v;
SELECT * FROM replacing_raw FINAL ORDER BY k;
SET optimize_on_insert = 1;
INSERT INTO replacing_raw VALUES (3, 1), (3, 3);
SELECT * FROM replacing_raw ORDER BY k, v;
