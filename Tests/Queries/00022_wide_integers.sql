-- Int128, UInt128, Int256, UInt256 and Decimal256 (Decimal(P, S) with P over 38): storage at their extremes, VALUES read
-- exactly, arithmetic and its result types, sums and averages that wrap in the type as ClickHouse's do, conversions
-- (floats through ClickHouse's inexact wide-integer conversion), hashes, comparisons, IN and text formats.
DROP TABLE IF EXISTS w;
CREATE TABLE w (k UInt32, a Int128, b UInt128, c Int256, d UInt256, e Decimal(50, 5), f Decimal256(20), n Nullable(Int256), arr Array(UInt128)) ENGINE = MergeTree ORDER BY (k, a);
INSERT INTO w VALUES (1, -170141183460469231731687303715884105728, 340282366920938463463374607431768211455, -57896044618658097711785492504343953926634992332820282019728792003956564819968, 115792089237316195423570985008687907853269984665640564039457584007913129639935, -12345678901234567890123456789012345.12345, 1.5, NULL, [1, 2, 340282366920938463463374607431768211455]);
INSERT INTO w VALUES (2, 170141183460469231731687303715884105727, 0, 57896044618658097711785492504343953926634992332820282019728792003956564819967, 0, 0.00001, -99999999999999999999999999999999999999999999999999999.99999999999999999999, 42, []);
INSERT INTO w SELECT number + 3, number * 1000000000000, number, -number, number * number, number / 3, number, number, [number] FROM numbers(5);
SELECT * FROM w ORDER BY k;
SELECT k, a + 1, b + 1, c - 1, d * 2, toTypeName(a + 1), toTypeName(b + 1), toTypeName(d * 2) FROM w ORDER BY k;
SELECT sum(a), sum(b), sum(c), sum(d), sum(e), sum(f), min(d), max(c), avg(b), count() FROM w;
SELECT toTypeName(sum(a)), toTypeName(sum(b)), toTypeName(sum(e)), toTypeName(sum(f)) FROM w;
SELECT k FROM w WHERE d > 100 ORDER BY k;
SELECT k FROM w WHERE a = -170141183460469231731687303715884105728 ORDER BY k;
SELECT k, intDiv(c, 7), c % 7, toTypeName(c % 7), b % 10, -b, abs(a) FROM w ORDER BY k;
SELECT toInt128('123'), toUInt256('115792089237316195423570985008687907853269984665640564039457584007913129639935'), toInt256(-1.9), toUInt128(-1), toInt128(toUInt256(340282366920938463463374607431768211455)), toDecimal256('1.25', 3), toDecimal256(2, 40);
SELECT CAST(d AS String), CAST(e AS Float64), CAST(a AS Int8), toInt64(b) FROM w ORDER BY k;
SELECT k, d FROM w ORDER BY d DESC, k LIMIT 3;
SELECT d, count() FROM w GROUP BY d ORDER BY d;
SELECT * FROM w ORDER BY k FORMAT JSONEachRow;
SELECT * FROM w ORDER BY k FORMAT CSV;
SELECT cityHash64(toInt128(-1)), sipHash64(toUInt256(12345)), cityHash64(toUInt128(7), toInt256(-9)), xxHash64(toInt256(3)), cityHash64(toDecimal256(1.5, 3)), cityHash64([toInt256(1)]), toUInt128(toFloat32(-1e20)), toInt256(toFloat32(-3.5));
SELECT toInt128(5) < toUInt256(6), toInt256(-1) < toUInt64(1), toUInt128(3) = 3, toInt128(-1) = toInt256(-1), if(1, toInt128(1), toInt128(2)), toInt128(1) IN (1, 2), toUInt256(2) BETWEEN 1 AND 3;
SELECT groupArray(x), uniqExact(x), any(x), max(x), min(x), count(x) FROM (SELECT toInt256(number) - 2 AS x FROM numbers(5));
SELECT toString(toInt256(-123)), CAST('-99' AS Int256), CAST(toDecimal256(-1.25, 2) AS Int256), toFloat64(toUInt256(1000)), toDecimal128(toDecimal256(1.5, 3), 2), toDecimal256(toInt128(-7), 5);
SELECT toUInt128(-1.5), toInt128(-1e30), toUInt256(1e300), toUInt128(1e40), toInt256(1e20), toUInt128(toFloat32(1e20));
SELECT toTypeName(toInt128(1) + toUInt128(2)), toTypeName(toUInt256(1) - toInt8(2)), toTypeName(toUInt128(1) % toInt8(3)), toTypeName(intDiv(toUInt256(9), toInt64(2))), toTypeName(toDecimal256(1, 2)), toTypeName(CAST(1 AS Decimal256(10)));
SELECT [toInt128(1), -2], (toUInt256(1), 'x'), map(toUInt128(1), toInt256(-1)), toNullable(toInt128(1)), CAST(NULL AS Nullable(UInt256));
SELECT toUInt128(number) * toUInt128(18446744073709551615) AS p, p % 1000, toTypeName(p) FROM numbers(3);
SELECT toInt128(1) + 1.5; -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT intDiv(toInt256(1), 0); -- { serverError ILLEGAL_DIVISION }
SELECT toUInt128('abc'); -- { serverError CANNOT_PARSE_TEXT }
SELECT toInt128(nan); -- { serverError CANNOT_CONVERT_TYPE }
SELECT CAST(1 AS Decimal(77, 2)); -- { serverError ARGUMENT_OUT_OF_BOUND }
SELECT CAST(1 AS Decimal256(77)); -- { serverError ARGUMENT_OUT_OF_BOUND }
DROP TABLE w;
