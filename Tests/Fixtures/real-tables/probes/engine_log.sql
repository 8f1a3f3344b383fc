-- Source: probe written for SwiftHouse issue #13 (one minimal table for: Log)
-- Changes: none
CREATE TABLE t (k UInt32, v String, a Array(UInt8)) ENGINE = Log;
