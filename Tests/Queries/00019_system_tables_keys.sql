-- system.tables' key columns as ClickHouse shows them: a tuple key as its elements, any other expression as written
-- (so a parenthesised single key keeps its parentheses); SAMPLE BY (a) samples on a.
CREATE TABLE t (a UInt32, b String, c Date) ENGINE = MergeTree PARTITION BY (toYYYYMM(c), a % 2) PRIMARY KEY (a) ORDER BY (a, b) SAMPLE BY a;
CREATE TABLE u (a UInt32) ENGINE = MergeTree PARTITION BY a ORDER BY tuple();
CREATE TABLE v (a UInt32) ENGINE = MergeTree ORDER BY a + 1;
CREATE TABLE m (a UInt32) ENGINE = Memory;
CREATE TABLE t2 (a UInt32, b String, c Date) ENGINE = MergeTree PRIMARY KEY (a, b) ORDER BY (a, b, c);
CREATE TABLE w (a UInt32, b String, c Date) ENGINE = MergeTree PRIMARY KEY a ORDER BY (a, b, c) SAMPLE BY (a);
CREATE TABLE x (a UInt32, b String, c Date) ENGINE = MergeTree ORDER BY (a);
SELECT name, partition_key, sorting_key, primary_key, sampling_key FROM system.tables WHERE database = currentDatabase() ORDER BY name;
INSERT INTO w SELECT number * 2654435761 % 4294967296, toString(number), toDate('2024-01-01') FROM numbers(1000);
SELECT count() FROM w SAMPLE 1 / 2;
SHOW CREATE TABLE w;
