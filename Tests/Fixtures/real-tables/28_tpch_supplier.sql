-- Source: ClickHouse/ClickHouse@022a8859d1c12abc888f0139bebce3293437fd9f:docs/en/getting-started/example-datasets/tpch.md (https://github.com/ClickHouse/ClickHouse/blob/022a8859d1c12abc888f0139bebce3293437fd9f/docs/en/getting-started/example-datasets/tpch.md)
-- Changes: none (no ENGINE clause as written: the default_table_engine setting, MergeTree, applies)
CREATE TABLE supplier (
    s_suppkey     Int32,
    s_name        String,
    s_address     String,
    s_nationkey   Int32,
    s_phone       String,
    s_acctbal     Decimal(15,2),
    s_comment     String)
ORDER BY (s_suppkey);
