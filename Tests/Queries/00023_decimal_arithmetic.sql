-- Arithmetic with Decimal operands as ClickHouse computes it: result types and scales (plus/minus keep the larger
-- scale, multiply adds scales, divide/modulo keep the left one), integers wrapped to the Decimal's storage, floats
-- giving Float64, DECIMAL_OVERFLOW beyond the storage integer, ClickHouse's raw-unit modulo, intDiv's integer
-- result, and optimize_arithmetic_operations_in_aggregate_functions (sum(x / 3) is sum(x) / 3).
DROP TABLE IF EXISTS prices;
CREATE TABLE prices (k UInt32, p Decimal(9, 2), q Decimal(18, 4), r Decimal(38, 3), w Decimal(50, 5), n Nullable(Decimal(9, 2)), qty UInt32) ENGINE = MergeTree ORDER BY k;
INSERT INTO prices VALUES (1, 7.25, 2.5, -1.125, 12345678901234567890.12345, NULL, 3), (2, -0.01, 0.0001, 99999.999, -0.00001, 1.5, 7), (3, 9999999.99, -100, 0, 1, -2.25, 0);
SELECT k, p + q, p - r, p * q, q / p, w + p, r * w, toTypeName(p + q), toTypeName(p * q), toTypeName(q / p), toTypeName(w + p), toTypeName(r * w) FROM prices ORDER BY k;
SELECT k, p * qty, p + qty, p - 1, 2 * p, p / 3, n * 2, n + p, toTypeName(p * qty), toTypeName(n * 2) FROM prices ORDER BY k;
SELECT k, p * 1.5, q / 0.5, toTypeName(p * 1.5) FROM prices ORDER BY k;
SELECT k, p % 2, q % p, toTypeName(q % p), 7 % p, p % -3.5 FROM prices WHERE k < 3 ORDER BY k;
SELECT k, intDiv(p, 2), intDiv(q, toDecimal32(0.3, 2)), intDiv(toInt64(100), q), toTypeName(intDiv(p, 2)), toTypeName(intDiv(q, toDecimal32(0.3, 2))) FROM prices WHERE k < 3 ORDER BY k;
SELECT -p, abs(r), toTypeName(-p) FROM prices ORDER BY k;
SELECT sum(p / 3), sum(p * qty), avg(p / 3), max(p * -2), min(1 - p), avg(p + 1), sum(DISTINCT p / 3), sumIf(p / 3, 1) FROM prices;
SELECT sum(p / 3), avg(q / 7 + 0.3) FROM prices SETTINGS optimize_arithmetic_operations_in_aggregate_functions = 0;
SELECT toDecimal32(5, 2) + toUInt64(18446744073709551615), toDecimal32(7.25, 2) % toUInt64(18446744073709551615), toDecimal64(1, 5) * toDecimal64(1, 9), toDecimal256('12345678901234567890123456789.123', 3) * toDecimal256('2.5', 1);
SELECT toDecimal32(99999.99, 2) * toDecimal32(99999.99, 2); -- { serverError DECIMAL_OVERFLOW }
SELECT toDecimal32(9999999.99, 2) + toDecimal32(9999999.99, 2), toDecimal32(9999999.99, 2) * toInt8(2);
SELECT toDecimal32(9999999.99, 2) * 1000; -- { serverError DECIMAL_OVERFLOW }
SELECT toDecimal64(1, 10) * toDecimal64(1, 10); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDecimal32(1, 2) / toDecimal32(3, 4); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDecimal32(1, 2) % toDecimal32(3, 4); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT toDecimal32(10, 2) / 0; -- { serverError ILLEGAL_DIVISION }
SELECT toDecimal32(1, 2) % 0; -- { serverError ILLEGAL_DIVISION }
SELECT intDiv(toDecimal32(1, 2), 0); -- { serverError ILLEGAL_DIVISION }
SELECT p * 'a' FROM prices; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT intDiv(100, q) FROM prices; -- { serverError DECIMAL_OVERFLOW }
SELECT intDiv(toDecimal32(9999999.99, 2), 0.000001); -- { serverError ILLEGAL_DIVISION }
DROP TABLE prices;
