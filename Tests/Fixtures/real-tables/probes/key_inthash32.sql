-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ORDER BY with intHash32 and SAMPLE BY intHash32)
-- Changes: none
CREATE TABLE t (d Date, user UInt64, v UInt32) ENGINE = MergeTree ORDER BY (d, intHash32(user)) SAMPLE BY intHash32(user);
