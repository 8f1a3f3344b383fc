#!/usr/bin/env python3
"""Fault-injecting HTTP/1.1 reverse proxy for S3 tests (loopback only, no privileges).

Usage: faultproxy.py --upstream 127.0.0.1:PORT [--port 0]
Prints "READY <port>" once listening. Control over stdin, one JSON object per line, answered by one line on stdout:
  {"rules": [...]}   replace the rules                      -> "OK"
  {"log": true}      the request log since the last reset    -> JSON list
  {"reset": true}    clear the log and rule counters         -> "OK"
A rule: {"method": "GET", "path": "regex", "query": "regex", "action": "...", "every": N, "times": K, "delay_s": S}.
It counts the requests it matches and fires on every N-th one (default 1), at most K times (default unlimited).
Actions: 503 (SlowDown), 500 (InternalError), reset_before (RST before the body is read), reset_mid_body
(read half the request body, then RST), truncate_response (headers and half the upstream body, then RST),
drop_response (forward, then RST instead of the answer: the request took effect but its response was lost),
delay (sleep delay_s, then forward),
trickle (forward, then send the headers and `chunk_bytes` (default 1) body bytes every delay_s, for at most max_s
(default 60) seconds, then RST), stall (headers and half the body, then silence for delay_s (at most 300 s), then RST),
respond (do not forward; answer `status` (default 200) with the text `body` and the extra `headers` ({name: value})),
error (do not forward; answer `status` (default 404) with the error `code` (default NoSuchUpload) and `message`),
huge_body (do not forward; answer `status` (default 200) with `body_bytes` (default 1 GiB) of filler in 64 KiB writes,
with a Content-Length, or chunked without one when `chunked` is true; stops when the client goes away).
Every request is forwarded verbatim (Host included, so SigV4 signatures stay valid).
"""
import argparse
import http.client
import json
import time
import re
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
RULES = []
LOG = []

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "te", "upgrade"}


def error_xml(code, message):
    return (f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
            f'<Message>{message}</Message><RequestId>faultproxy</RequestId></Error>').encode()


def pick_fault(method, path, query):
    with LOCK:
        for rule in RULES:
            if rule.get("method") and rule["method"] != method:
                continue
            if rule.get("path") and not re.search(rule["path"], path):
                continue
            if "query" in rule and rule["query"] is not None and not re.search(rule["query"], query):
                continue
            rule["_seen"] = rule.get("_seen", 0) + 1
            every = max(1, int(rule.get("every", 1)))
            if rule["_seen"] % every != 0:
                continue
            times = rule.get("times")
            if times is not None and rule.get("_fired", 0) >= int(times):
                continue
            rule["_fired"] = rule.get("_fired", 0) + 1
            return rule
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = ("127.0.0.1", 0)

    def log_message(self, *args):
        pass

    def finish(self):
        try:
            super().finish()
        except Exception:
            pass

    def _reset(self):
        """Closes the connection with RST (SO_LINGER 0)."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        for closer in (self.rfile.close, self.wfile.close, self.connection.close):
            try:
                closer()
            except Exception:
                pass
        self.close_connection = True

    def _record(self, status, fault, size):
        path, _, query = self.path.partition("?")
        with LOCK:
            LOG.append({"method": self.command, "path": path, "query": query, "status": status,
                        "fault": fault, "bytes": size})

    def _send(self, status, headers, body, head=False):
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if body and not head:
            self.wfile.write(body)
        self.wfile.flush()

    def _handle(self):
        path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        rule = pick_fault(self.command, path, query)
        action = rule["action"] if rule else None
        if action == "reset_before":
            self._record(None, action, 0)
            return self._reset()
        if action == "reset_mid_body":
            self.rfile.read(length // 2)
            self._record(None, action, length // 2)
            return self._reset()
        body = self.rfile.read(length) if length else b""
        if action in ("503", "500"):
            code, text = ("SlowDown", "Please reduce your request rate.") if action == "503" else \
                ("InternalError", "We encountered an internal error. Please try again.")
            payload = error_xml(code, text)
            self._record(int(action), action, len(body))
            return self._send(int(action), [("Content-Type", "application/xml"),
                                            ("Content-Length", str(len(payload)))], payload,
                              head=self.command == "HEAD")
        if action == "respond":
            status = int(rule.get("status", 200))
            payload = rule.get("body", "").encode()
            self._record(status, action, len(body))
            extra = list((rule.get("headers") or {}).items())
            return self._send(status, [("Content-Type", "application/xml"),
                                       ("Content-Length", str(len(payload)))] + extra, payload,
                              head=self.command == "HEAD")
        if action == "error":
            status = int(rule.get("status", 404))
            payload = error_xml(rule.get("code", "NoSuchUpload"), rule.get(
                "message", "The specified upload does not exist. The upload ID may be invalid, or the upload may "
                           "have been aborted or completed."))
            self._record(status, action, len(body))
            return self._send(status, [("Content-Type", "application/xml"),
                                       ("Content-Length", str(len(payload)))], payload, head=self.command == "HEAD")
        if action == "delay":
            time.sleep(float(rule.get("delay_s", 1)))
        if action == "huge_body":
            return self._huge_body(rule, len(body))

        conn = http.client.HTTPConnection(*self.upstream, timeout=120)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            conn.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.endheaders(body if body else None)
            response = conn.getresponse()
            data = response.read()
            out_headers = [(k, v) for k, v in response.getheaders()
                           if k.lower() not in HOP_HEADERS and k.lower() != "content-length"]
        finally:
            conn.close()
        if self.command == "HEAD":
            out_headers.append(("Content-Length", response.getheader("Content-Length") or "0"))
        else:
            out_headers.append(("Content-Length", str(len(data))))
        if action == "drop_response":
            self._record(response.status, action, 0)
            return self._reset()
        if action == "truncate_response" and len(data) > 1 and self.command != "HEAD":
            self.send_response_only(response.status)
            for name, value in out_headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self._record(response.status, action, len(data) // 2)
            return self._reset()
        if action in ("trickle", "stall") and len(data) > 1 and self.command != "HEAD":
            return self._slow(rule, action, response.status, out_headers, data)
        self._record(response.status, action, len(data))
        self._send(response.status, out_headers, data, head=self.command == "HEAD")

    def _slow(self, rule, action, status, headers, data):
        """Sends the answer's bytes slowly (trickle) or half of them and then nothing (stall); then RST."""
        self._record(status, action, len(data))
        self.send_response_only(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        delay = float(rule.get("delay_s", 1))
        try:
            if action == "stall":
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                time.sleep(min(delay, 300.0))
            else:
                step = max(1, int(rule.get("chunk_bytes", 1)))
                end = time.monotonic() + min(float(rule.get("max_s", 60)), 600.0)
                sent = 0
                while sent < len(data) and time.monotonic() < end:
                    self.wfile.write(data[sent: sent + step])
                    self.wfile.flush()
                    sent += step
                    time.sleep(delay)
        except OSError:
            pass  # the client gave up
        self._reset()

    def _huge_body(self, rule, received):
        """Answers with a body far larger than any sane S3 answer, without asking the upstream."""
        status = int(rule.get("status", 200))
        size = int(rule.get("body_bytes", 1 << 30))
        chunked = bool(rule.get("chunked", False))
        self._record(status, "huge_body", received)
        self.send_response_only(status)
        self.send_header("Content-Type", "application/xml")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        block = b"<Error><Code>Filler</Code></Error>".ljust(65536, b" ")
        sent = 0
        try:
            while sent < size:
                piece = block[: min(len(block), size - sent)]
                if chunked:
                    self.wfile.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
                else:
                    self.wfile.write(piece)
                sent += len(piece)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:
            pass  # the client gave up, as it should
        self._reset()

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle


def control_loop():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            command = json.loads(line)
            with LOCK:
                if "rules" in command:
                    RULES[:] = command["rules"]
                    answer = "OK"
                elif command.get("log"):
                    answer = json.dumps(LOG)
                elif command.get("reset"):
                    LOG.clear()
                    for rule in RULES:
                        rule.pop("_seen", None)
                        rule.pop("_fired", None)
                    answer = "OK"
                else:
                    answer = "ERROR unknown command"
        except Exception as error:  # noqa: BLE001
            answer = f"ERROR {error}"
        print(answer, flush=True)
    # stdin closed: the test process is gone.
    import os
    os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    host, port = args.upstream.rsplit(":", 1)
    Handler.upstream = (host, int(port))
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 128
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"READY {server.server_address[1]}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    control_loop()


if __name__ == "__main__":
    main()
