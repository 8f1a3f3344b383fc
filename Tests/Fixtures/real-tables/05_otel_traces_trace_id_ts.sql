-- Source: open-telemetry/opentelemetry-collector-contrib@ff7a94656bd04ce95228ff4282554a233ed93434:exporter/clickhouseexporter/internal/sql_templates/traces_id_ts_lookup_table.sql (https://github.com/open-telemetry/opentelemetry-collector-contrib/blob/ff7a94656bd04ce95228ff4282554a233ed93434/exporter/clickhouseexporter/internal/sql_templates/traces_id_ts_lookup_table.sql)
-- Changes: Go fmt placeholders replaced: %s_trace_id_ts -> otel.otel_traces_trace_id_ts, cluster clause %s -> empty, ENGINE %s -> MergeTree(), TTL %s -> empty (the exporter default ttl 0)
CREATE TABLE IF NOT EXISTS otel.otel_traces_trace_id_ts  (
                                                 TraceId String CODEC(ZSTD(1)),
    Start DateTime CODEC(Delta, ZSTD(1)),
    End DateTime CODEC(Delta, ZSTD(1)),
    INDEX idx_trace_id TraceId TYPE bloom_filter(0.01) GRANULARITY 1
    ) ENGINE = MergeTree()
    PARTITION BY toDate(Start)
    ORDER BY (TraceId, Start)
    
    SETTINGS index_granularity=8192, ttl_only_drop_parts = 1
