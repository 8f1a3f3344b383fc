-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ORDER BY cityHash64 and SAMPLE BY cityHash64)
-- Changes: none
CREATE TABLE t (id String, v UInt32) ENGINE = MergeTree ORDER BY cityHash64(id) SAMPLE BY cityHash64(id);
