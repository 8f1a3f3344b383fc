-- Source: ClickHouse/ClickHouse@05a96902db325367757faecafb76c39a2201d6bf:docs/en/getting-started/example-datasets/star-schema.md (https://github.com/ClickHouse/ClickHouse/blob/05a96902db325367757faecafb76c39a2201d6bf/docs/en/getting-started/example-datasets/star-schema.md)
-- Changes: none
CREATE TABLE part
(
        P_PARTKEY       UInt32,
        P_NAME          String,
        P_MFGR          LowCardinality(String),
        P_CATEGORY      LowCardinality(String),
        P_BRAND         LowCardinality(String),
        P_COLOR         LowCardinality(String),
        P_TYPE          LowCardinality(String),
        P_SIZE          UInt8,
        P_CONTAINER     LowCardinality(String)
)
ENGINE = MergeTree ORDER BY P_PARTKEY;
