-- Source: probe written for SwiftHouse issue #13 (one minimal table for: SAMPLE BY a column in ORDER BY)
-- Changes: none
CREATE TABLE t (k UInt64, d Date, v String) ENGINE = MergeTree ORDER BY (d, k) SAMPLE BY k;
