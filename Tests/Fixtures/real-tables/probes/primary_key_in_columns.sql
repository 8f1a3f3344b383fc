-- Source: probe written for SwiftHouse issue #13 (one minimal table for: PRIMARY KEY in the column list, no ORDER BY)
-- Changes: none
CREATE TABLE t (a UInt32, b String, v Float64, PRIMARY KEY (a, b)) ENGINE = MergeTree;
