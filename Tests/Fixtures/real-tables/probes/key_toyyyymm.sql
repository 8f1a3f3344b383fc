-- Source: probe written for SwiftHouse issue #13 (one minimal table for: PARTITION BY toYYYYMM(d))
-- Changes: none
CREATE TABLE t (d Date, k UInt64, v Float64) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY (k, d);
