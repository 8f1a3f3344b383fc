-- Source: ClickHouse/ClickHouse@022a8859d1c12abc888f0139bebce3293437fd9f:docs/en/getting-started/example-datasets/tpch.md (https://github.com/ClickHouse/ClickHouse/blob/022a8859d1c12abc888f0139bebce3293437fd9f/docs/en/getting-started/example-datasets/tpch.md)
-- Changes: none (no ENGINE clause as written: the default_table_engine setting, MergeTree, applies)
CREATE TABLE region (
    r_regionkey  Int32,
    r_name       String,
    r_comment    String)
ORDER BY (r_regionkey);
