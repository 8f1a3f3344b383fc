-- Source: ClickHouse/ClickHouse@022a8859d1c12abc888f0139bebce3293437fd9f:docs/en/getting-started/example-datasets/tpch.md (https://github.com/ClickHouse/ClickHouse/blob/022a8859d1c12abc888f0139bebce3293437fd9f/docs/en/getting-started/example-datasets/tpch.md)
-- Changes: none (no ENGINE clause as written: the default_table_engine setting, MergeTree, applies)
CREATE TABLE orders  (
    o_orderkey       Int32,
    o_custkey        Int32,
    o_orderstatus    String,
    o_totalprice     Decimal(15,2),
    o_orderdate      Date,
    o_orderpriority  String,
    o_clerk          String,
    o_shippriority   Int32,
    o_comment        String)
ORDER BY (o_orderkey);
