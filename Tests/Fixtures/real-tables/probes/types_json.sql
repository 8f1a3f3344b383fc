-- Source: probe written for SwiftHouse issue #13 (one minimal table for: the JSON type with a typed path)
-- Changes: none
CREATE TABLE t (k UInt32, doc JSON(a.b UInt32, max_dynamic_paths = 16)) ENGINE = MergeTree ORDER BY k;
