-- Source: probe written for SwiftHouse issue #13 (one minimal table for: ALIAS columns)
-- Changes: none
CREATE TABLE t (k UInt32, price Decimal(10, 2), qty UInt16, total Decimal(38, 2) ALIAS price * qty) ENGINE = MergeTree ORDER BY k;
