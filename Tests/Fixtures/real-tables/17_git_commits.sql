-- Source: ClickHouse/ClickHouse@171931e453c51d5089bcba80023983d4d8a3f281:docs/en/getting-started/example-datasets/github.md (https://github.com/ClickHouse/ClickHouse/blob/171931e453c51d5089bcba80023983d4d8a3f281/docs/en/getting-started/example-datasets/github.md)
-- Changes: none
CREATE TABLE git.commits
(
    hash String,
    author LowCardinality(String),
    time DateTime,
    message String,
    files_added UInt32,
    files_deleted UInt32,
    files_renamed UInt32,
    files_modified UInt32,
    lines_added UInt32,
    lines_deleted UInt32,
    hunks_added UInt32,
    hunks_removed UInt32,
    hunks_changed UInt32
) ENGINE = MergeTree ORDER BY time;
