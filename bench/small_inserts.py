"""1,000 INSERTs of 100 rows (bench/bench.py's parts scenario) in one process, SwiftHouse (release binary, argv[1]) then
ClickHouse (chdb) in one run; prints the wall time of each and the ratio. Usage: small_inserts.py SWIFTHOUSE [COUNT]"""
import subprocess, sys, tempfile, time, shutil
STRUCTURE = "key Int, value String, array Array(String)"
CREATE = ("CREATE TABLE test_db.test_table (`key` Int32, `value` String, `array` Array(String)) ENGINE = MergeTree ORDER BY tuple()")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
inserts = [f"INSERT INTO test_db.test_table SELECT * FROM generateRandom('{STRUCTURE}', {i}) LIMIT 100" for i in range(n)]
script = ";\n".join(["CREATE DATABASE test_db", CREATE] + inserts + ["SELECT count() FROM test_db.test_table"]) + ";\n"
d = tempfile.mkdtemp()
t = time.time()
out = subprocess.run([sys.argv[1], "local", "--path", d, "--query", script], capture_output=True, text=True)
sh = time.time() - t
print("SwiftHouse", round(sh, 2), "s", out.stdout.strip(), out.stderr[-300:])
shutil.rmtree(d)
import chdb.session
d = tempfile.mkdtemp()
s = chdb.session.Session(d)
t = time.time()
s.query("CREATE DATABASE test_db"); s.query(CREATE)
for q in inserts: s.query(q)
ch = time.time() - t
print("ClickHouse", round(ch, 2), "s", s.query("SELECT count() FROM test_db.test_table", "TSV").bytes().decode().strip(), "ratio", round(sh / ch, 2))
s.close(); shutil.rmtree(d)
