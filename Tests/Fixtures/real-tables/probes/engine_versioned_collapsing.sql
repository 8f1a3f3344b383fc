-- Source: probe written for SwiftHouse issue #13 (one minimal table for: VersionedCollapsingMergeTree(sign, version))
-- Changes: none
CREATE TABLE t (k UInt32, v UInt64, sign Int8, version UInt32) ENGINE = VersionedCollapsingMergeTree(sign, version) ORDER BY k;
