-- Source: probe written for SwiftHouse issue #13 (one minimal table for: DEFAULT expressions)
-- Changes: none
CREATE TABLE t (ts DateTime64(3), d Date DEFAULT toDate(ts), k UInt32, label String DEFAULT concat('k', toString(k))) ENGINE = MergeTree ORDER BY k;
