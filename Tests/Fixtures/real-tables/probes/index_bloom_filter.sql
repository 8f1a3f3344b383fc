-- Source: probe written for SwiftHouse issue #13 (one minimal table for: skip index bloom_filter)
-- Changes: none
CREATE TABLE t (k UInt32, id String, tags Array(String), INDEX i_id id TYPE bloom_filter(0.01) GRANULARITY 1, INDEX i_tags tags TYPE bloom_filter GRANULARITY 1) ENGINE = MergeTree ORDER BY k;
