-- Source: ClickHouse/ClickHouse@1161f7cd8f167781b5c8cd7bebe6992d5eeb6782:docs/en/getting-started/example-datasets/stackoverflow.md (https://github.com/ClickHouse/ClickHouse/blob/1161f7cd8f167781b5c8cd7bebe6992d5eeb6782/docs/en/getting-started/example-datasets/stackoverflow.md)
-- Changes: none
CREATE TABLE stackoverflow.postlinks
(
    `Id` UInt64,
    `CreationDate` DateTime64(3, 'UTC'),
    `PostId` Int32,
    `RelatedPostId` Int32,
    `LinkTypeId` Enum8('Linked' = 1, 'Duplicate' = 3)
)
ENGINE = MergeTree
ORDER BY (PostId, RelatedPostId)
