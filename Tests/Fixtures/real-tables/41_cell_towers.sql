-- Source: ClickHouse/ClickHouse@0161f993e5a8b1141968039e253e973b01988251:docs/en/getting-started/example-datasets/cell-towers.md (https://github.com/ClickHouse/ClickHouse/blob/0161f993e5a8b1141968039e253e973b01988251/docs/en/getting-started/example-datasets/cell-towers.md)
-- Changes: none
CREATE TABLE cell_towers
(
    radio Enum8('' = 0, 'CDMA' = 1, 'GSM' = 2, 'LTE' = 3, 'NR' = 4, 'UMTS' = 5),
    mcc UInt16,
    net UInt16,
    area UInt16,
    cell UInt64,
    unit Int16,
    lon Float64,
    lat Float64,
    range UInt32,
    samples UInt32,
    changeable UInt8,
    created DateTime,
    updated DateTime,
    averageSignal UInt8
)
ENGINE = MergeTree ORDER BY (radio, mcc, net, created);
