-- Source: probe written for SwiftHouse issue #13 (one minimal table for: key expressions with arithmetic: negate, modulo, toUInt64 casts)
-- Changes: none
CREATE TABLE t (k Int64, ts DateTime, v String) ENGINE = MergeTree PARTITION BY k % 3 ORDER BY (negate(k), toUInt64(ts));
