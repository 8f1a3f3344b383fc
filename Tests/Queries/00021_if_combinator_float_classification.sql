-- The -If aggregate combinator (the condition is the last argument, UInt8 or Nullable(UInt8) with NULL as false) and
-- isNaN / isInfinite / isFinite.
SELECT sumIf(number, number > 2), countIf(number % 2 = 1), avgIf(number, number < 3), uniqIf(number, 1) FROM numbers(10);
SELECT number % 3 AS k, sumIf(number, number > 4), countIf(number > 100), maxIf(number, number < 5), minIf(number, number > 3) FROM numbers(12) GROUP BY k ORDER BY k;
SELECT countIf(toNullable(number) > 1), sumIf(number, toNullable(number > 1)), countIf(number IS NULL), toTypeName(sumIf(number, 1)) FROM numbers(3);
SELECT sumIf(number, 1), countIf(0), avgIf(number, 0) FROM numbers(0);
SELECT anyIf(s, length(s) > 1), groupArrayIf(s, s != '22') FROM (SELECT toString(number * 11) AS s FROM numbers(4));
SELECT sumIf(number, toBool(number % 2)) FROM numbers(6);
SELECT sumIf(number, 'x') FROM numbers(3); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT sumIf(number) FROM numbers(3); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT isNaN(nan), isNaN(1), isNaN(-0.), isInfinite(-inf), isInfinite(1e308 * 10), isFinite(inf), isFinite(3), isFinite(nan);
SELECT isNaN(NULL), isNaN(toNullable(nan)), toTypeName(isNaN(toNullable(1.0))), toTypeName(isNaN(1.5)), isNaN(toFloat32(nan)), isFinite(toInt8(-5));
SELECT count() FROM numbers(10) WHERE isNaN(number / (number - 5) - number / (number - 5));
SELECT isNaN('a'); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT isNaN(toDecimal32(1, 2)); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT isNaN(); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
