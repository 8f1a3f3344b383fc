-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ORDER BY / PARTITION BY toDate(ts))
-- Changes: none
CREATE TABLE t (ts DateTime, k UInt32, v String) ENGINE = MergeTree PARTITION BY toDate(ts) ORDER BY (toDate(ts), k);
