-- Source: probe written for SwiftHouse issue #13 (one minimal table for: skip index tokenbf_v1)
-- Changes: none
CREATE TABLE t (k UInt32, body String, INDEX i_body body TYPE tokenbf_v1(8192, 3, 0) GRANULARITY 1) ENGINE = MergeTree ORDER BY k;
