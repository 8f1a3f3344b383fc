-- Source: SigNoz/signoz-otel-collector@2cfd4f516c919e80db105d3e585019f404d2e507:migrationmanager/migrators/logs/migrations/000014_new_schema.up.sql (https://github.com/SigNoz/signoz-otel-collector/blob/2cfd4f516c919e80db105d3e585019f404d2e507/migrationmanager/migrators/logs/migrations/000014_new_schema.up.sql)
-- Changes: only the first statement of the file; the template clause ON CLUSTER {{.SIGNOZ_CLUSTER}} removed
CREATE TABLE IF NOT EXISTS  signoz_logs.logs_v2_resource_bucket 
(
    `labels` String CODEC(ZSTD(5)),
    `fingerprint` String CODEC(ZSTD(1)),
    `seen_at_ts_bucket_start` Int64 CODEC(Delta(8), ZSTD(1)),
    INDEX idx_labels labels TYPE ngrambf_v1(4, 1024, 3, 0) GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toDate(seen_at_ts_bucket_start / 1000)
ORDER BY (labels, fingerprint, seen_at_ts_bucket_start)
SETTINGS ttl_only_drop_parts = 1, index_granularity = 8192;
