-- Source: ClickHouse/ClickHouse@0467b8a7db5f0a5cc21ba47b532696ce1f5675c7:docs/en/getting-started/example-datasets/nyc-taxi.md (https://github.com/ClickHouse/ClickHouse/blob/0467b8a7db5f0a5cc21ba47b532696ce1f5675c7/docs/en/getting-started/example-datasets/nyc-taxi.md)
-- Changes: none
CREATE TABLE trips (
    trip_id             UInt32,
    pickup_datetime     DateTime,
    dropoff_datetime    DateTime,
    pickup_longitude    Nullable(Float64),
    pickup_latitude     Nullable(Float64),
    dropoff_longitude   Nullable(Float64),
    dropoff_latitude    Nullable(Float64),
    passenger_count     UInt8,
    trip_distance       Float32,
    fare_amount         Float32,
    extra               Float32,
    tip_amount          Float32,
    tolls_amount        Float32,
    total_amount        Float32,
    payment_type        Enum('CSH' = 1, 'CRE' = 2, 'NOC' = 3, 'DIS' = 4),
    pickup_ntaname      LowCardinality(String),
    dropoff_ntaname     LowCardinality(String)
)
ENGINE = MergeTree
PRIMARY KEY (pickup_datetime, dropoff_datetime)
