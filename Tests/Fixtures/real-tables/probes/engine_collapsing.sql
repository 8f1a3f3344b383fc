-- Source: probe written for SwiftHouse issue #13 (one minimal table for: CollapsingMergeTree(sign))
-- Changes: none
CREATE TABLE t (k UInt32, v UInt64, sign Int8) ENGINE = CollapsingMergeTree(sign) ORDER BY k;
