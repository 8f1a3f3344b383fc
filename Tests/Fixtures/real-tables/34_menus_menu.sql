-- Source: ClickHouse/ClickHouse@0161f993e5a8b1141968039e253e973b01988251:docs/en/getting-started/example-datasets/menus.md (https://github.com/ClickHouse/ClickHouse/blob/0161f993e5a8b1141968039e253e973b01988251/docs/en/getting-started/example-datasets/menus.md)
-- Changes: none
CREATE TABLE menu
(
    id UInt32,
    name String,
    sponsor String,
    event String,
    venue String,
    place String,
    physical_description String,
    occasion String,
    notes String,
    call_number String,
    keywords String,
    language String,
    date String,
    location String,
    location_type String,
    currency String,
    currency_symbol String,
    status String,
    page_count UInt16,
    dish_count UInt16
) ENGINE = MergeTree ORDER BY id;
