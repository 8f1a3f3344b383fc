-- Source: probe written for SwiftHouse issue #13 (one minimal table for: column COMMENT and table COMMENT)
-- Changes: none
CREATE TABLE t (k UInt32 COMMENT 'the key', v String COMMENT 'a value, with ''quotes''') ENGINE = MergeTree ORDER BY k COMMENT 'a table comment';
