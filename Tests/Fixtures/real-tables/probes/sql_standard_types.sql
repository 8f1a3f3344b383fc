-- Source: probe written for SwiftHouse issue #13 (one minimal table for: SQL-standard type names (INT, BIGINT, VARCHAR(n), TEXT, DOUBLE, FLOAT, BOOLEAN, TIMESTAMP, DECIMAL(p,s), NOT NULL, NULL))
-- Changes: none
CREATE TABLE t (id BIGINT NOT NULL, n INT, s SMALLINT, tiny TINYINT, name VARCHAR(255), body TEXT, score DOUBLE, ratio FLOAT, ok BOOLEAN, at TIMESTAMP, amount DECIMAL(12, 4), note CHAR NULL) ENGINE = MergeTree ORDER BY id;
