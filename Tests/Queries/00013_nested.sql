-- Nested columns are flattened into Array columns (flatten_nested = 1), share their sizes stream (n.size0) in Wide
-- parts, and must have equal sizes in every row.
CREATE TABLE t (k UInt8, n Nested(p UInt8, q Nullable(String)) COMMENT 'c', `a.b` Array(Int32), `a.c` Array(String), `u.v.w` Array(UInt8)) ENGINE = MergeTree ORDER BY k SETTINGS min_bytes_for_wide_part = 0;
SHOW CREATE TABLE t;
DESCRIBE t;
INSERT INTO t VALUES (2, [1, 2], ['x', NULL], [7], ['s'], []), (1, [], [], [1, 2], ['a', 'b'], [5, 6]);
INSERT INTO t VALUES (3, [3], ['y'], [], [], [9]);
SELECT * FROM t ORDER BY k;
SELECT k, n.p, length(n.q) FROM t ORDER BY k;
INSERT INTO t VALUES (4, [1], [], [], [], []); -- { serverError SIZES_OF_ARRAYS_DONT_MATCH }
INSERT INTO t VALUES (5, [], [], [1], ['a', 'b'], []); -- { serverError SIZES_OF_ARRAYS_DONT_MATCH }
OPTIMIZE TABLE t FINAL;
SELECT * FROM t ORDER BY k;
SELECT count() FROM t;
SELECT arrayResize([1, 2, 3], 5), arrayResize([1, 2, 3], 2), arrayResize([1, 2, 3], -5), arrayResize([1, 2, 3], -2), arrayResize(['a'], 3, 'z'), arrayResize(CAST([], 'Array(String)'), 2), arrayResize([1, 2], 0);
