-- Source: probe written for SwiftHouse issue #13 (one minimal table for: PARTITION BY a tuple of expressions, ORDER BY tuple())
-- Changes: none
CREATE TABLE t (d Date, region LowCardinality(String), v UInt32) ENGINE = MergeTree PARTITION BY (toYear(d), region) ORDER BY tuple();
