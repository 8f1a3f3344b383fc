-- Source: ClickHouse/ClickHouse@1161f7cd8f167781b5c8cd7bebe6992d5eeb6782:docs/en/getting-started/example-datasets/stackoverflow.md (https://github.com/ClickHouse/ClickHouse/blob/1161f7cd8f167781b5c8cd7bebe6992d5eeb6782/docs/en/getting-started/example-datasets/stackoverflow.md)
-- Changes: none
CREATE TABLE stackoverflow.badges
(
    `Id` UInt32,
    `UserId` Int32,
    `Name` LowCardinality(String),
    `Date` DateTime64(3, 'UTC'),
    `Class` Enum8('Gold' = 1, 'Silver' = 2, 'Bronze' = 3),
    `TagBased` Bool
)
ENGINE = MergeTree
ORDER BY UserId
