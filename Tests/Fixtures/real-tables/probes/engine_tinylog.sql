-- Source: probe written for SwiftHouse issue #13 (one minimal table for: TinyLog)
-- Changes: none
CREATE TABLE t (k UInt32, v String, n Nullable(Int64)) ENGINE = TinyLog;
