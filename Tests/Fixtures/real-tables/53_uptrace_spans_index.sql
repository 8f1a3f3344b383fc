-- Source: uptrace/uptrace@054078e37c08f7e0befd2ee922cfbea83ed89f5b:pkg/bunapp/migrations/20211204231031_initial.up.sql (https://github.com/uptrace/uptrace/blob/054078e37c08f7e0befd2ee922cfbea83ed89f5b/pkg/bunapp/migrations/20211204231031_initial.up.sql)
-- Changes: only the first statement of the file; the bun placeholder ?TTL -> 30 DAY
CREATE TABLE spans_index (
  project_id UInt32 Codec(DoubleDelta, Default),
  "span.system" LowCardinality(String),
  "span.group_id" UInt64 Codec(Delta, Default),

  "span.trace_id" UUID,
  "span.id" UInt64,
  "span.parent_id" UInt64,
  "span.name" LowCardinality(String),
  "span.event_name" String,
  "span.kind" LowCardinality(String),
  "span.time" DateTime Codec(Delta, Default),
  "span.duration" Int64 Codec(Delta, Default),
  "span.count" Float32,

  "span.status_code" LowCardinality(String),
  "span.status_message" String,

  "span.link_count" UInt8,
  "span.event_count" UInt8,
  "span.event_error_count" UInt8,
  "span.event_log_count" UInt8,

  all_keys Array(LowCardinality(String)),
  attr_keys Array(LowCardinality(String)),
  attr_values Array(String),

  "service.name" LowCardinality(String),
  "host.name" LowCardinality(String),

  "db.system" LowCardinality(String),
  "db.statement" String,
  "db.operation" LowCardinality(String),
  "db.sql.table" LowCardinality(String),

  "log.severity" LowCardinality(String),
  "log.message" String,

  "exception.type" LowCardinality(String),
  "exception.message" String,

  INDEX idx_attr_keys attr_keys TYPE bloom_filter(0.01) GRANULARITY 64
)
ENGINE = MergeTree()
ORDER BY (project_id, "span.system", "span.group_id", "span.time")
PARTITION BY toDate("span.time")
TTL toDate("span.time") + INTERVAL 30 DAY DELETE
