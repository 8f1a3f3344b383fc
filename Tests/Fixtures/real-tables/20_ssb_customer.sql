-- Source: ClickHouse/ClickHouse@05a96902db325367757faecafb76c39a2201d6bf:docs/en/getting-started/example-datasets/star-schema.md (https://github.com/ClickHouse/ClickHouse/blob/05a96902db325367757faecafb76c39a2201d6bf/docs/en/getting-started/example-datasets/star-schema.md)
-- Changes: none
CREATE TABLE customer
(
        C_CUSTKEY       UInt32,
        C_NAME          String,
        C_ADDRESS       String,
        C_CITY          LowCardinality(String),
        C_NATION        LowCardinality(String),
        C_REGION        LowCardinality(String),
        C_PHONE         String,
        C_MKTSEGMENT    LowCardinality(String)
)
ENGINE = MergeTree ORDER BY (C_CUSTKEY);
