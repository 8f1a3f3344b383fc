-- Source: probe written for SwiftHouse issue #13 (one minimal table for: PRIMARY KEY a prefix of ORDER BY)
-- Changes: none
CREATE TABLE t (a UInt32, b String, c DateTime, v Float64) ENGINE = MergeTree PRIMARY KEY (a, b) ORDER BY (a, b, c);
