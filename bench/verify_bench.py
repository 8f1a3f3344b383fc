#!/usr/bin/env python3
"""`swifthouse backup verify --level data` vs ClickHouse's RESTORE of the same backup (issue #15's benchmark).

ClickHouse (chdb) writes one backup of the seed page's table to a local moto endpoint; then, alternating, `--repeat`
times: chdb RESTOREs it into a fresh directory (timed inside its session), and SwiftHouse's release binary verifies
every byte of it (`verify --level data`: each file read back and its CityHash128 checked, the check ClickHouse's
RESTORE does not make). Same bytes, same endpoint, one run. Prints medians, the ratio and each process's peak RSS.
Usage: bench/verify_bench.py --swifthouse PATH [--rows N ...] [--repeat N]
"""
import argparse
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import CREATE, CREATE_DB, Moto, Probe, Systems  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swifthouse", required=True)
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    systems = Systems(args.swifthouse, python)
    print("| rows | backup MiB | ClickHouse RESTORE s | SwiftHouse verify s | ratio | peak RSS CH / SH MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for rows in args.rows:
        moto = Moto(python)
        try:
            with tempfile.TemporaryDirectory() as scratch:
                backup = moto.engine(f"verify{rows}")
                _, _, _, failure = systems.run("ClickHouse", os.path.join(scratch, "source"), [
                    CREATE_DB, CREATE,
                    f"INSERT INTO test_db.test_table SELECT number, toString(number), "
                    f"[toString(number), 'x'] FROM numbers({rows})",
                    f"BACKUP TABLE test_db.test_table TO {backup}"])
                if failure:
                    sys.exit(f"backup failed: {failure}")
                mebibytes = moto.stored_bytes(f"verify{rows}/") / (1 << 20)
                restore, verify = [], []
                for attempt in range(args.repeat):
                    elapsed, ch_rss, _, failure = systems.run("ClickHouse", os.path.join(scratch, f"r{attempt}"), [
                        CREATE_DB, f"RESTORE TABLE test_db.test_table FROM {backup}"])
                    if failure:
                        sys.exit(f"restore failed: {failure}")
                    restore.append((elapsed, ch_rss))
                    elapsed, sh_rss, out, failure = Probe.run(
                        [args.swifthouse, "backup", "verify", backup, "--level", "data"])
                    if failure or out.strip():
                        sys.exit(f"verify failed: {failure or out}")
                    verify.append((elapsed, sh_rss))
                ch = statistics.median(t for t, _ in restore)
                sh = statistics.median(t for t, _ in verify)
                print(f"| {rows:,} | {mebibytes:.1f} | {ch:.3f} | {sh:.3f} | {sh / ch:.2f} | "
                      f"{max(r for _, r in restore):.0f} / {max(r for _, r in verify):.0f} |")
        finally:
            moto.close()


if __name__ == "__main__":
    main()
