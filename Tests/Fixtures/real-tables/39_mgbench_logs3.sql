-- Source: ClickHouse/ClickHouse@018d002e5c6648f90ad5d286fc71bfb2544e424f:docs/en/getting-started/example-datasets/brown-benchmark.md (https://github.com/ClickHouse/ClickHouse/blob/018d002e5c6648f90ad5d286fc71bfb2544e424f/docs/en/getting-started/example-datasets/brown-benchmark.md)
-- Changes: none
CREATE TABLE mgbench.logs3 (
  log_time     DateTime64,
  device_id    FixedString(15),
  device_name  LowCardinality(String),
  device_type  LowCardinality(String),
  device_floor UInt8,
  event_type   LowCardinality(String),
  event_unit   FixedString(1),
  event_value  Nullable(Float32)
)
ENGINE = MergeTree()
ORDER BY (event_type, log_time);
