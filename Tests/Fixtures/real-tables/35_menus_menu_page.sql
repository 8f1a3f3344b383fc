-- Source: ClickHouse/ClickHouse@0161f993e5a8b1141968039e253e973b01988251:docs/en/getting-started/example-datasets/menus.md (https://github.com/ClickHouse/ClickHouse/blob/0161f993e5a8b1141968039e253e973b01988251/docs/en/getting-started/example-datasets/menus.md)
-- Changes: none
CREATE TABLE menu_page
(
    id UInt32,
    menu_id UInt32,
    page_number UInt16,
    image_id String,
    full_height UInt16,
    full_width UInt16,
    uuid UUID
) ENGINE = MergeTree ORDER BY id;
