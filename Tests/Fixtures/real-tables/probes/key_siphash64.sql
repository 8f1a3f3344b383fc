-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ORDER BY sipHash64, PARTITION BY sipHash64 % N)
-- Changes: none
CREATE TABLE t (id String, v UInt32) ENGINE = MergeTree PARTITION BY sipHash64(id) % 4 ORDER BY (sipHash64(id), id);
