-- Source: ClickHouse/ClickHouse@1161f7cd8f167781b5c8cd7bebe6992d5eeb6782:docs/en/getting-started/example-datasets/stackoverflow.md (https://github.com/ClickHouse/ClickHouse/blob/1161f7cd8f167781b5c8cd7bebe6992d5eeb6782/docs/en/getting-started/example-datasets/stackoverflow.md)
-- Changes: none
CREATE TABLE stackoverflow.votes
(
    `Id` UInt32,
    `PostId` Int32,
    `VoteTypeId` UInt8,
    `CreationDate` DateTime64(3, 'UTC'),
    `UserId` Int32,
    `BountyAmount` UInt8
)
ENGINE = MergeTree
ORDER BY (VoteTypeId, CreationDate, PostId, UserId)
