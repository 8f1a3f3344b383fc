-- Source: ClickHouse/ClickHouse@05a96902db325367757faecafb76c39a2201d6bf:docs/en/getting-started/example-datasets/star-schema.md (https://github.com/ClickHouse/ClickHouse/blob/05a96902db325367757faecafb76c39a2201d6bf/docs/en/getting-started/example-datasets/star-schema.md)
-- Changes: none
CREATE TABLE supplier
(
        S_SUPPKEY       UInt32,
        S_NAME          String,
        S_ADDRESS       String,
        S_CITY          LowCardinality(String),
        S_NATION        LowCardinality(String),
        S_REGION        LowCardinality(String),
        S_PHONE         String
)
ENGINE = MergeTree ORDER BY S_SUPPKEY;
