-- Source: probe written for SwiftHouse issue #13 (one minimal table for: Int128/UInt256, Date32, IPv6, Enum16, Tuple with names, Map of Array)
-- Changes: none
CREATE TABLE t (k UInt32, big Int128, huge UInt256, d32 Date32, ip IPv6, e Enum16('a' = -1000, 'b' = 1000), tup Tuple(x Float32, y Nullable(String)), m Map(String, Array(UInt16))) ENGINE = MergeTree ORDER BY k;
