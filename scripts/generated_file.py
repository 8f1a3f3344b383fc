"""Writes a generated source file, or with --check fails when the committed one differs (the generators' one main)."""
import sys
from pathlib import Path


def write_or_check(target: Path, text: str, generator: str):
    if "--check" in sys.argv:
        if target.read_text() != text:
            sys.exit(f"{target} is stale: run {generator}")
        return
    target.write_text(text)
    print(f"wrote {target}")
