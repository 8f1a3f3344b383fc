-- Positional arguments (enable_positional_arguments, on by default): an integer in GROUP BY / ORDER BY names the SELECT
-- list's element at that position (from the end when negative); other expressions stay expressions.
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY 2;
SELECT number % 2, count() FROM numbers(5) GROUP BY 1 ORDER BY 1;
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY -1;
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY 1 + 1;
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY 2 DESC, 1;
SELECT number FROM numbers(3) ORDER BY 1 DESC SETTINGS enable_positional_arguments = 0;
SELECT number % 2 AS p, count() FROM numbers(5) GROUP BY 1 ORDER BY 1 DESC;
SELECT * FROM numbers(3) ORDER BY 1 DESC;
SELECT number % 3 AS a, count() AS c FROM numbers(10) GROUP BY 1 ORDER BY 2 DESC, 1;
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY 5; -- { serverError BAD_ARGUMENTS }
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY 0; -- { serverError BAD_ARGUMENTS }
SELECT number, 10 - number AS r FROM numbers(3) ORDER BY -3; -- { serverError BAD_ARGUMENTS }
SELECT number % 2, count() FROM numbers(5) GROUP BY 3; -- { serverError BAD_ARGUMENTS }
