-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ORDER BY toStartOfHour(ts))
-- Changes: none
CREATE TABLE t (ts DateTime64(3), k UInt32, v String) ENGINE = MergeTree ORDER BY (toStartOfHour(ts), k);
