-- Source: ClickHouse/ClickHouse@0161f993e5a8b1141968039e253e973b01988251:docs/en/getting-started/example-datasets/menus.md (https://github.com/ClickHouse/ClickHouse/blob/0161f993e5a8b1141968039e253e973b01988251/docs/en/getting-started/example-datasets/menus.md)
-- Changes: none
CREATE TABLE dish
(
    id UInt32,
    name String,
    description String,
    menus_appeared UInt32,
    times_appeared Int32,
    first_appeared UInt16,
    last_appeared UInt16,
    lowest_price Decimal64(3),
    highest_price Decimal64(3)
) ENGINE = MergeTree ORDER BY id;
