-- Source: probe written for SwiftHouse issue #13 (one minimal table for: CODEC chains: Delta, DoubleDelta, Gorilla, T64, LZ4HC, ZSTD, NONE)
-- Changes: none
CREATE TABLE t (ts DateTime CODEC(DoubleDelta, LZ4), k UInt64 CODEC(Delta(8), ZSTD(3)), v Float64 CODEC(Gorilla), n UInt32 CODEC(T64, LZ4HC(9)), raw String CODEC(NONE)) ENGINE = MergeTree ORDER BY k;
