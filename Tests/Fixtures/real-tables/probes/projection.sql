-- Source: probe written for SwiftHouse issue #13 (one minimal table for: a PROJECTION with ORDER BY and an aggregate PROJECTION)
-- Changes: none
CREATE TABLE t (k UInt32, user UInt64, ts DateTime, v Float64,
    PROJECTION by_user (SELECT * ORDER BY user),
    PROJECTION per_day (SELECT toDate(ts), sum(v) GROUP BY toDate(ts)))
ENGINE = MergeTree ORDER BY k;
