-- Source: ClickHouse/ClickHouse@018d002e5c6648f90ad5d286fc71bfb2544e424f:docs/en/getting-started/example-datasets/brown-benchmark.md (https://github.com/ClickHouse/ClickHouse/blob/018d002e5c6648f90ad5d286fc71bfb2544e424f/docs/en/getting-started/example-datasets/brown-benchmark.md)
-- Changes: none
CREATE TABLE mgbench.logs2 (
  log_time    DateTime,
  client_ip   IPv4,
  request     String,
  status_code UInt16,
  object_size UInt64
)
ENGINE = MergeTree()
ORDER BY log_time;
