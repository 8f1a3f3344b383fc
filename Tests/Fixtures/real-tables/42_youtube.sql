-- Source: ClickHouse/ClickHouse@1f0ff83ccb6ba7d9151d95ba6a2025eb06f36a56:docs/en/getting-started/example-datasets/youtube-dislikes.md (https://github.com/ClickHouse/ClickHouse/blob/1f0ff83ccb6ba7d9151d95ba6a2025eb06f36a56/docs/en/getting-started/example-datasets/youtube-dislikes.md)
-- Changes: none
CREATE TABLE youtube
(
    `id` String,
    `fetch_date` DateTime,
    `upload_date_str` String,
    `upload_date` Date,
    `title` String,
    `uploader_id` String,
    `uploader` String,
    `uploader_sub_count` Int64,
    `is_age_limit` Bool,
    `view_count` Int64,
    `like_count` Int64,
    `dislike_count` Int64,
    `is_crawlable` Bool,
    `has_subtitles` Bool,
    `is_ads_enabled` Bool,
    `is_comments_enabled` Bool,
    `description` String,
    `rich_metadata` Array(Tuple(call String, content String, subtitle String, title String, url String)),
    `super_titles` Array(Tuple(text String, url String)),
    `uploader_badges` String,
    `video_badges` String
)
ENGINE = MergeTree
ORDER BY (uploader, upload_date)
