-- Source: probe written for SwiftHouse issue #13 (one minimal table for: StripeLog)
-- Changes: none
CREATE TABLE t (k UInt32, v String, lc LowCardinality(String)) ENGINE = StripeLog;
