-- Source: probe written for SwiftHouse issue #13 (one minimal table for: skip index set(N))
-- Changes: none
CREATE TABLE t (k UInt32, s LowCardinality(String), INDEX i_s s TYPE set(100) GRANULARITY 2) ENGINE = MergeTree ORDER BY k;
