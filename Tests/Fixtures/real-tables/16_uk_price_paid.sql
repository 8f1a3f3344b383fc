-- Source: ClickHouse/ClickHouse@022a8859d1c12abc888f0139bebce3293437fd9f:docs/en/getting-started/example-datasets/uk-price-paid.md (https://github.com/ClickHouse/ClickHouse/blob/022a8859d1c12abc888f0139bebce3293437fd9f/docs/en/getting-started/example-datasets/uk-price-paid.md)
-- Changes: none
CREATE TABLE uk_price_paid
(
    price UInt32,
    date Date,
    postcode1 LowCardinality(String),
    postcode2 LowCardinality(String),
    type Enum8('terraced' = 1, 'semi-detached' = 2, 'detached' = 3, 'flat' = 4, 'other' = 0),
    is_new UInt8,
    duration Enum8('freehold' = 1, 'leasehold' = 2, 'unknown' = 0),
    addr1 String,
    addr2 String,
    street LowCardinality(String),
    locality LowCardinality(String),
    town LowCardinality(String),
    district LowCardinality(String),
    county LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (postcode1, postcode2, addr1, addr2);
