-- Source: ClickHouse/ClickHouse@0161f993e5a8b1141968039e253e973b01988251:docs/en/getting-started/example-datasets/menus.md (https://github.com/ClickHouse/ClickHouse/blob/0161f993e5a8b1141968039e253e973b01988251/docs/en/getting-started/example-datasets/menus.md)
-- Changes: none
CREATE TABLE menu_item
(
    id UInt32,
    menu_page_id UInt32,
    price Decimal64(3),
    high_price Decimal64(3),
    dish_id UInt32,
    created_at DateTime,
    updated_at DateTime,
    xpos Float64,
    ypos Float64
) ENGINE = MergeTree ORDER BY id;
