-- A CREATE without ENGINE takes default_table_engine; a MergeTree without ORDER BY is ORDER BY tuple()
-- (create_table_empty_primary_key_by_default), as in ClickHouse 26.9 (TPC-H's DDL in ClickHouse's docs has no ENGINE).
CREATE DATABASE d8;
CREATE TABLE d8.nation (n_nationkey Int32, n_name String, n_regionkey Int32, n_comment String, PRIMARY KEY (n_nationkey));
SHOW CREATE TABLE d8.nation;
CREATE TABLE d8.sorted (a UInt32, b String) ORDER BY a;
SHOW CREATE TABLE d8.sorted;
CREATE TABLE d8.unsorted (a UInt32);
SHOW CREATE TABLE d8.unsorted;
CREATE TABLE d8.explicit (a UInt32) ENGINE = MergeTree;
SHOW CREATE TABLE d8.explicit;
INSERT INTO d8.explicit VALUES (3), (1), (2);
SELECT a FROM d8.explicit;
CREATE TABLE d8.copied ENGINE = MergeTree AS SELECT number AS n FROM numbers(3);
SHOW CREATE TABLE d8.copied;
SELECT engine FROM system.tables WHERE database = 'd8' ORDER BY name;
SET default_table_engine = 'Memory';
CREATE TABLE d8.memory (a UInt32);
SHOW CREATE TABLE d8.memory;
SET default_table_engine = 'MergeTree';
SET create_table_empty_primary_key_by_default = 0;
CREATE TABLE d8.refused (a UInt32); -- { serverError BAD_ARGUMENTS }
CREATE TABLE d8.refused_explicit (a UInt32) ENGINE = MergeTree; -- { serverError BAD_ARGUMENTS }
EXISTS TABLE d8.refused;
SET create_table_empty_primary_key_by_default = 1;
CREATE TABLE d8.keyed (a UInt32, b UInt32) ENGINE = MergeTree PRIMARY KEY a;
SHOW CREATE TABLE d8.keyed;
CREATE TABLE d8.keyed2 (a UInt32, b UInt32) ENGINE = MergeTree PRIMARY KEY (a, b);
SHOW CREATE TABLE d8.keyed2;
INSERT INTO d8.keyed2 VALUES (2, 1), (1, 2), (1, 1);
SELECT * FROM d8.keyed2;
