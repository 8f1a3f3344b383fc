-- Source: uptrace/uptrace@054078e37c08f7e0befd2ee922cfbea83ed89f5b:pkg/bunapp/migrations/20211204231031_initial.up.sql (https://github.com/uptrace/uptrace/blob/054078e37c08f7e0befd2ee922cfbea83ed89f5b/pkg/bunapp/migrations/20211204231031_initial.up.sql)
-- Changes: only the second statement of the file; the bun placeholder ?TTL -> 30 DAY
CREATE TABLE spans_data (
  trace_id UUID,
  id UInt64,
  parent_id UInt64,
  time DateTime Codec(Delta, Default),
  data String
)
ENGINE = MergeTree()
ORDER BY (trace_id, id)
PARTITION BY toDate(time)
TTL toDate(time) + INTERVAL 30 DAY DELETE
SETTINGS index_granularity = 128
