#!/usr/bin/env python3
"""Issue #16's load check: concurrent clickhouse-connect clients against one `swifthouse server` while BACKUPs run.

8 clients (threads, one connection each) INSERT batches of rows into one MergeTree table and after each batch
SELECT their own row count, for `--seconds`; meanwhile BACKUPs to a local S3 endpoint run one after another through
another client. Checked: no client saw an error; each client reads back exactly the rows it has inserted (no lost
row, no row twice); every backup, restored through the server, holds for each client a prefix of its batches (a
snapshot, never a torn one); a final backup taken after the load restores rows identical to the table's.

Prints JSON: {"checks": [{"check", "ok", "detail"}], "inserted": N, "backups": N}.
Usage: http_load.py --port PORT --s3 http://127.0.0.1:MOTO/bucket/prefix [--seconds 60] [--clients 8]
Test-only, never shipped.
"""
import argparse
import json
import threading
import time
import urllib.request

import clickhouse_connect

CHECKS = []
BATCH = 100


def check(name, ok, detail=""):
    CHECKS.append({"check": name, "ok": bool(ok), "detail": str(detail)[:2000]})


def post(port, sql):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/", data=sql.encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--s3", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    port = args.port
    post(port, "CREATE DATABASE IF NOT EXISTS load")
    post(port, "CREATE TABLE load.t (client UInt8, seq UInt32, payload String) ENGINE = MergeTree ORDER BY (client, seq)")
    deadline = time.time() + args.seconds
    inserted = [0] * args.clients
    errors = []

    def worker(client_number):
        try:
            client = clickhouse_connect.get_client(host="127.0.0.1", port=port)
            while time.time() < deadline:
                start = inserted[client_number]
                rows = [[client_number, seq, f"client {client_number} row {seq}"] for seq in range(start, start + BATCH)]
                client.insert("load.t", rows, column_names=["client", "seq", "payload"])
                inserted[client_number] += BATCH
                seen = client.command(f"SELECT count() FROM load.t WHERE client = {client_number}")
                if int(seen) != inserted[client_number]:
                    errors.append(f"client {client_number} reads {seen} rows after inserting {inserted[client_number]}")
                    return
        except Exception as error:  # any failure of a client is a failed check
            errors.append(f"client {client_number}: {error!r}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    backups = []
    time.sleep(min(2, args.seconds / 4))
    while time.time() < deadline - 1:
        name = f"{args.s3}/during{len(backups)}"
        status, body = post(port, f"BACKUP TABLE load.t TO S3('{name}', 'testing', 'testing')")
        if status != 200 or "BACKUP_CREATED" not in body:
            errors.append(f"BACKUP during the load: {status} {body}")
            break
        backups.append(name)
    for thread in threads:
        thread.join()
    check("no client error", not errors, errors[:5])
    check("BACKUPs ran during the load", len(backups) >= 1, len(backups))
    total = sum(inserted)
    status, count = post(port, "SELECT count(), uniqExact(client, seq) FROM load.t")
    check("every inserted row is there once", count == f"{total}\t{total}\n", (count, total))
    for index, name in enumerate(backups):
        table = f"load.r{index}"
        status, body = post(port, f"RESTORE TABLE load.t AS {table} FROM S3('{name}', 'testing', 'testing')")
        if status != 200 or "RESTORED" not in body:
            check(f"backup {index} restores", False, body)
            continue
        # Per client: the rows are seq 0 … n-1 for a multiple of the batch (a snapshot between two INSERTs).
        status, shape = post(port, f"SELECT client, count(), min(seq), max(seq) FROM {table} GROUP BY client ORDER BY client")
        torn = []
        for line in shape.splitlines():
            client, rows, low, high = map(int, line.split("\t"))
            if rows % BATCH != 0 or low != 0 or high != rows - 1:
                torn.append(line)
        check(f"backup {index} is a snapshot of whole INSERTs", status == 200 and not torn, (shape, torn))
    final = f"{args.s3}/final"
    status, body = post(port, f"BACKUP TABLE load.t TO S3('{final}', 'testing', 'testing')")
    check("final BACKUP", status == 200 and "BACKUP_CREATED" in body, body)
    status, body = post(port, f"RESTORE TABLE load.t AS load.final FROM S3('{final}', 'testing', 'testing')")
    check("final RESTORE", status == 200 and "RESTORED" in body, body)
    rows = [post(port, f"SELECT * FROM load.{name} ORDER BY client, seq FORMAT TabSeparated")[1] for name in ("t", "final")]
    check("the final backup restores identical rows", rows[0] == rows[1] and rows[0].count("\n") == total,
          (rows[0].count("\n"), rows[1].count("\n"), total))
    print(json.dumps({"checks": CHECKS, "inserted": total, "backups": len(backups)}))


if __name__ == "__main__":
    main()
