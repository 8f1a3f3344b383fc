-- Skip indexes are built into every part SwiftHouse writes (INSERT and merge); queries over the indexed columns
-- answer as in ClickHouse, before and after OPTIMIZE … FINAL and after ADD INDEX / DROP INDEX.
CREATE TABLE skip_all (k UInt32, s String, n Nullable(Int32), a Array(String), lc LowCardinality(String), f Float64, INDEX i_mm k TYPE minmax GRANULARITY 2, INDEX i_f f TYPE minmax, INDEX i_set lc TYPE set(3), INDEX i_bf a TYPE bloom_filter(0.01), INDEX i_tok s TYPE tokenbf_v1(512, 3, 0), INDEX i_ng lower(s) TYPE ngrambf_v1(3, 512, 2, 0), INDEX i_n n TYPE bloom_filter GRANULARITY 3) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 4;
INSERT INTO skip_all SELECT number, concat('word', toString(number % 13), ' Text'), if(number % 3 = 0, NULL, toInt32(number)), [toString(number % 5)], toString(number % 4), if(number % 7 = 0, nan, number / 2) FROM numbers(100);
INSERT INTO skip_all SELECT number + 100, concat('other', toString(number % 5)), NULL, [], 'x', -1 FROM numbers(30);
SELECT count() FROM skip_all WHERE k BETWEEN 10 AND 20;
SELECT count() FROM skip_all WHERE has(a, '3');
SELECT count() FROM skip_all WHERE s LIKE 'word7 %';
SELECT count() FROM skip_all WHERE lower(s) LIKE '%ord1%';
SELECT count() FROM skip_all WHERE n = 5;
SELECT count() FROM skip_all WHERE f > 40;
SELECT lc, count() FROM skip_all GROUP BY lc ORDER BY lc;
OPTIMIZE TABLE skip_all FINAL;
SELECT count(), sum(k), count(n) FROM skip_all;
SELECT count() FROM skip_all WHERE f != f;
SELECT count() FROM skip_all WHERE has(a, '3') AND s LIKE 'word3 %';
ALTER TABLE skip_all DROP INDEX i_set;
ALTER TABLE skip_all ADD INDEX i_new s TYPE set(0) GRANULARITY 2;
INSERT INTO skip_all VALUES (1000, 'late row', 1, ['3'], 'y', 0.5);
OPTIMIZE TABLE skip_all FINAL;
SELECT count() FROM skip_all WHERE s = 'late row';
SELECT count() FROM skip_all WHERE has(a, '3');
