-- Source: probe written for SwiftHouse issue #13 (one minimal table for: EPHEMERAL column feeding DEFAULT columns)
-- Changes: none
CREATE TABLE t (raw String EPHEMERAL, k UInt64 DEFAULT cityHash64(raw), len UInt32 DEFAULT length(raw)) ENGINE = MergeTree ORDER BY k;
