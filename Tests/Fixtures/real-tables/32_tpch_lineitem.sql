-- Source: ClickHouse/ClickHouse@022a8859d1c12abc888f0139bebce3293437fd9f:docs/en/getting-started/example-datasets/tpch.md (https://github.com/ClickHouse/ClickHouse/blob/022a8859d1c12abc888f0139bebce3293437fd9f/docs/en/getting-started/example-datasets/tpch.md)
-- Changes: none (no ENGINE clause as written: the default_table_engine setting, MergeTree, applies)
CREATE TABLE lineitem (
    l_orderkey       Int32,
    l_partkey        Int32,
    l_suppkey        Int32,
    l_linenumber     Int32,
    l_quantity       Decimal(15,2),
    l_extendedprice  Decimal(15,2),
    l_discount       Decimal(15,2),
    l_tax            Decimal(15,2),
    l_returnflag     String,
    l_linestatus     String,
    l_shipdate       Date,
    l_commitdate     Date,
    l_receiptdate    Date,
    l_shipinstruct   String,
    l_shipmode       String,
    l_comment        String)
ORDER BY (l_orderkey, l_linenumber);
