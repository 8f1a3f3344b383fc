-- Source: probe written for SwiftHouse issue #13 (one minimal table for: skip index ngrambf_v1 on an expression)
-- Changes: none
CREATE TABLE t (k UInt32, body String, INDEX i_body lower(body) TYPE ngrambf_v1(3, 8192, 3, 0) GRANULARITY 1) ENGINE = MergeTree ORDER BY k;
