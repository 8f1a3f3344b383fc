-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ReplacingMergeTree(version, is_deleted))
-- Changes: none
CREATE TABLE t (k UInt32, v String, ver UInt64, is_deleted UInt8) ENGINE = ReplacingMergeTree(ver, is_deleted) ORDER BY k;
