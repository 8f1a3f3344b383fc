-- Source: probe written for SwiftHouse issue #13 (one minimal table for: table TTL with DELETE and a WHERE)
-- Changes: none
CREATE TABLE t (ts DateTime, k UInt32, v String) ENGINE = MergeTree ORDER BY k TTL ts + INTERVAL 1 MONTH DELETE WHERE k % 2 = 0;
