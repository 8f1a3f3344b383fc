-- AggregateFunction and SimpleAggregateFunction columns: types, states in text formats, merges, errors.
CREATE TABLE af (k UInt8, a AggregateFunction(argMax, String, DateTime64(3)), c AggregateFunction(count), s SimpleAggregateFunction(anyLast, Nullable(String)), m SimpleAggregateFunction(max, UInt64)) ENGINE = AggregatingMergeTree ORDER BY k;
INSERT INTO af SELECT number % 2, initializeAggregation('argMaxState', concat('v', toString(number)), toDateTime64(number, 3)), initializeAggregation('countState', number), if(number = 3, NULL, toString(number)), number FROM numbers(5);
SELECT k, hex(a), hex(c), s, m, toTypeName(a), toTypeName(s) FROM af ORDER BY k;
SELECT k, a, c FROM af ORDER BY k FORMAT CSV;
SELECT k, a, c FROM af ORDER BY k FORMAT JSONEachRow;
SELECT k, c FROM af ORDER BY k FORMAT Values;
SELECT k, argMaxMerge(a), countMerge(c), max(m) FROM af GROUP BY k ORDER BY k;
SELECT finalizeAggregation(a), finalizeAggregation(c) FROM af ORDER BY k;
SELECT finalizeAggregation(s) FROM af; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
DESCRIBE TABLE af;
SELECT name, type FROM system.columns WHERE table = 'af' ORDER BY position;
SELECT hex(initializeAggregation('avgState', CAST(1.5, 'Nullable(Float64)'))), hex(initializeAggregation('minState', 'x'));
CREATE TABLE bad (c SimpleAggregateFunction(sum, UInt8)) ENGINE = Memory; -- { serverError BAD_ARGUMENTS }
CREATE TABLE bad (c AggregateFunction(nosuch, UInt8)) ENGINE = Memory; -- { serverError UNKNOWN_AGGREGATE_FUNCTION }
CREATE TABLE bad (c AggregateFunction(argMax, UInt8)) ENGINE = Memory; -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
INSERT INTO af (k, c) SELECT 1, initializeAggregation('countState', toNullable(1));
INSERT INTO af (k, c) SELECT 1, initializeAggregation('sumState', 1); -- { serverError CANNOT_CONVERT_TYPE }
SELECT k, hex(c) FROM af ORDER BY k, hex(c);
SELECT a FROM af ORDER BY a; -- { serverError ILLEGAL_COLUMN }
SELECT initializeAggregation('countState', number) AS s FROM numbers(3) ORDER BY s; -- { serverError ILLEGAL_COLUMN }
