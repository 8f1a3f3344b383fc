-- DEFAULT, MATERIALIZED, ALIAS and EPHEMERAL columns, as ClickHouse computes and stores them.
CREATE TABLE t (a UInt32, b UInt32 DEFAULT a * 2, c UInt64 MATERIALIZED a + b, d String ALIAS concat('x', toString(a)), e UInt8 EPHEMERAL, f UInt32 DEFAULT e + 1, g String DEFAULT 'z') ENGINE = MergeTree ORDER BY a;
INSERT INTO t VALUES (1, 5, 7, 'q');
INSERT INTO t (a) VALUES (2);
INSERT INTO t (a, e) VALUES (3, 9);
INSERT INTO t (a, b, e) SELECT number + 10, number, number FROM numbers(3);
INSERT INTO t (a, c) VALUES (4, 1); -- { serverError ILLEGAL_COLUMN }
INSERT INTO t (a, d) VALUES (4, 'q'); -- { serverError NO_SUCH_COLUMN_IN_TABLE }
SELECT * FROM t ORDER BY a;
SELECT a, b, c, d, f, g FROM t ORDER BY a;
SELECT d, length(d) FROM t WHERE d != 'x1' ORDER BY d;
SELECT sum(c) FROM t;
SELECT count() FROM t WHERE c > 10;
DESCRIBE TABLE t;
SELECT name, type FROM system.columns WHERE table = 't' ORDER BY position;
CREATE TABLE m (k UInt8, v UInt16 DEFAULT k + 100, w UInt16 MATERIALIZED v * 2) ENGINE = Memory;
INSERT INTO m (k) VALUES (1), (2);
INSERT INTO m VALUES (3, 4);
SELECT * FROM m ORDER BY k;
SELECT k, v, w FROM m ORDER BY k;
SELECT name, default_kind, default_expression FROM system.columns WHERE table = 'm' ORDER BY position;
