-- Source: SigNoz/signoz-otel-collector@c89ff04dd9c9295a72673abefa89301fff432fb3:migrationmanager/migrators/metrics/migrations/000005_samples_v4.up.sql (https://github.com/SigNoz/signoz-otel-collector/blob/c89ff04dd9c9295a72673abefa89301fff432fb3/migrationmanager/migrators/metrics/migrations/000005_samples_v4.up.sql)
-- Changes: only the first statement of the file; the template clause ON CLUSTER {{.SIGNOZ_CLUSTER}} removed; ENGINE ReplicatedMergeTree -> MergeTree
CREATE TABLE IF NOT EXISTS signoz_metrics.samples_v4  (
    env LowCardinality(String) DEFAULT 'default',
    temporality LowCardinality(String) DEFAULT 'Unspecified',
    metric_name LowCardinality(String),
    fingerprint UInt64 CODEC(Delta, ZSTD),
    unix_milli Int64 CODEC(DoubleDelta, ZSTD),
    value Float64 Codec(Gorilla, ZSTD)
)
ENGINE = MergeTree
        PARTITION BY toDate(unix_milli / 1000)
        ORDER BY (env, temporality, metric_name, fingerprint, unix_milli)
        TTL toDateTime(unix_milli/1000) + INTERVAL 2592000 SECOND DELETE
        SETTINGS ttl_only_drop_parts = 1;
