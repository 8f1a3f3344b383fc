-- Source: probe written for SwiftHouse issue #13 (one minimal table for: column TTL)
-- Changes: none
CREATE TABLE t (ts DateTime, k UInt32, secret String TTL ts + INTERVAL 1 DAY) ENGINE = MergeTree ORDER BY k;
