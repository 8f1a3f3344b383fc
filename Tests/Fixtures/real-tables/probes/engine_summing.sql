-- Source: probe written for SwiftHouse issue #13 (one minimal table for: SummingMergeTree((columns)))
-- Changes: none
CREATE TABLE t (k UInt32, d Date, hits UInt64, bytes UInt64) ENGINE = SummingMergeTree((hits, bytes)) PARTITION BY toYYYYMM(d) ORDER BY (k, d);
