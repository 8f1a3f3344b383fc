-- Source: probe written for SwiftHouse issue #13 (one minimal table for: MATERIALIZED columns, one in the key)
-- Changes: none
CREATE TABLE t (url String, domain String MATERIALIZED domainWithoutWWW(url), h UInt64 MATERIALIZED cityHash64(url)) ENGINE = MergeTree ORDER BY h;
