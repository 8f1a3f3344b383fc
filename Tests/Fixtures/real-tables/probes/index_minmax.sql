-- Source: probe written for SwiftHouse issue #13 (one minimal table for: skip index minmax)
-- Changes: none
CREATE TABLE t (k UInt32, v Int64, INDEX i_v v TYPE minmax GRANULARITY 4) ENGINE = MergeTree ORDER BY k;
