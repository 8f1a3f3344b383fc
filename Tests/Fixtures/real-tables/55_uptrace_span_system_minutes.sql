-- Source: uptrace/uptrace@054078e37c08f7e0befd2ee922cfbea83ed89f5b:pkg/bunapp/migrations/20211204231031_initial.up.sql (https://github.com/uptrace/uptrace/blob/054078e37c08f7e0befd2ee922cfbea83ed89f5b/pkg/bunapp/migrations/20211204231031_initial.up.sql)
-- Changes: only the fifth statement of the file; the bun placeholder ?TTL -> 30 DAY
CREATE TABLE span_system_minutes (
  project_id UInt32,
  system LowCardinality(String),
  time DateTime Codec(Delta, Default),
  tdigest AggregateFunction(quantilesTDigestWeighted(0.5, 0.9, 0.99), Float32, UInt32),
  count UInt64 Codec(Delta, Default),
  error_count UInt64 Codec(Delta, Default)
)
ENGINE = SummingMergeTree()
PARTITION BY toDate(time)
ORDER BY (project_id, time, system)
TTL toDate(time) + INTERVAL 30 DAY DELETE
SETTINGS index_granularity = 128;
