-- Source: probe written for SwiftHouse issue #13 (one minimal table for: Variant and Dynamic)
-- Changes: none
CREATE TABLE t (k UInt32, v Variant(UInt64, String, Array(UInt64)), d Dynamic) ENGINE = MergeTree ORDER BY k;
