-- URL functions of real tables' MATERIALIZED columns: domain and domainWithoutWWW on URLs with and without schemes,
-- user info, ports, invalid characters, hosts without a dot, and non-String arguments.
SELECT domain('https://www.clickhouse.com/docs?x=1#f'), domainWithoutWWW('https://www.clickhouse.com/docs');
SELECT domain('//cdn.example.org:8080/a'), domainWithoutWWW('www.example.com'), domainWithoutWWW('www.');
SELECT domain('user:pw@mail.example.com/x'), domain('http://user@host.example.net:80'), domain('localhost/x');
SELECT domain('http://a b.com/'), domain('ftp://files.example.com.'), domain('a.:'), domain(''), domain('/');
SELECT domain('svn+ssh://repo.example.io/trunk'), domain('verylongschemename1://x.y/'), domain('ab.cd'), domain('x.y#z');
SELECT domainWithoutWWW('http://www.www.example.com'), domainWithoutWWW('wwww.example.com'), domain('mailto:a@b.c');
SELECT domain(toNullable('http://n.example.com')), domain(NULL), toTypeName(domain(toNullable('a.b')));
SELECT domain(CAST('https://lc.example.com/' AS LowCardinality(String))), domainWithoutWWW(materialize('https://www.m.example.com'));
SELECT domain(number) FROM numbers(1); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT domain(); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
CREATE TABLE u (url String, d String MATERIALIZED domainWithoutWWW(url)) ENGINE = MergeTree ORDER BY d;
INSERT INTO u VALUES ('https://www.a.example/'), ('b.example.org/path'), ('not a url');
SELECT d, url FROM u ORDER BY d, url;
