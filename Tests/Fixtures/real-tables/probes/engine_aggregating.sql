-- Source: probe written for SwiftHouse issue #13 (one minimal table for: AggregatingMergeTree with AggregateFunction and SimpleAggregateFunction columns)
-- Changes: none
CREATE TABLE t (k UInt32, users AggregateFunction(uniq, UInt64), q AggregateFunction(quantiles(0.5, 0.9), Float64), mx SimpleAggregateFunction(max, UInt64)) ENGINE = AggregatingMergeTree ORDER BY k;
