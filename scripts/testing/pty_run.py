#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal and types the given keystrokes, as a user at a terminal would.

Usage: pty_run.py COMMAND [ARG ...] < keystrokes.json
The JSON list holds one string per keystroke batch; each batch is typed once the program has been quiet for
a moment (it is waiting at its prompt). Prints everything the program wrote to the terminal.
"""
import json
import os
import pty
import select
import sys
import time


def read_until_quiet(fd, quiet=0.3, limit=20.0):
    output = b""
    deadline = time.time() + limit
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    return output


def main():
    batches = json.load(sys.stdin)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    transcript = read_until_quiet(fd)
    for batch in batches:
        os.write(fd, batch.encode())
        transcript += read_until_quiet(fd)
    # The rest, until the program ends (it closes the terminal) or has been silent for 10 s: a progress line
    # redrawn every 300 ms must not end the transcript early.
    transcript += read_until_quiet(fd, quiet=10.0, limit=120.0)
    os.waitpid(pid, 0)
    sys.stdout.buffer.write(transcript)


if __name__ == "__main__":
    main()
