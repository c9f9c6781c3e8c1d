#!/usr/bin/env python3
"""tests/lib/tsa_service.py — a test timestamp authority (RFC 3161 over HTTP) for the
tests of Loket's PAdES B-T signatures (docs/tte.md).  Its own process, started and
stopped by PID by the tests (tests/lib/tte.mjs).

Tokens are made by the `openssl ts -reply` command with a throwaway TSA certificate of the
test CA (tests/lib/test_ca.sh tsa), independently of Loket's code.

  POST /                 Content-Type: application/timestamp-query, body: a DER TimeStampReq
                         -> 200 application/timestamp-reply, a DER TimeStampResp
  POST /test/mode        body: normal | slow | garbage | reject | http-error | wrong-imprint | other-tsa
  GET  /test/count       how many queries were answered
  GET  /healthz

other-tsa signs with the configuration given by --other-config (e.g. a TSA certificate
without the timeStamping key usage, or from another CA)."""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STATE = {"mode": "normal", "count": 0}
SHA256_OID = bytes.fromhex("0609608648016503040201")


def der(tag, content):
    n = len(content)
    length = bytes([n]) if n < 128 else bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 255])
    return bytes([tag]) + length + content


def rejection():
    """A TimeStampResp with status rejection (2), a statusString and failInfo badAlg."""
    status = der(0x02, b"\x02") + der(0x30, der(0x0C, "Permintaan ditolak oleh TSA uji".encode())) + der(0x03, b"\x07\x80")
    return der(0x30, der(0x30, status))


def other_imprint(query):
    """The query with the last byte of its SHA-256 imprint changed: a token over other data."""
    at = query.index(SHA256_OID)
    digest = query.index(b"\x04\x20", at) + 2 + 31
    return query[:digest] + bytes([query[digest] ^ 0xFF]) + query[digest + 1:]


def reply(query, config):
    with tempfile.TemporaryDirectory() as d:
        q = os.path.join(d, "q.tsq")
        with open(q, "wb") as f:
            f.write(query)
        out = os.path.join(d, "r.tsr")
        subprocess.run(["openssl", "ts", "-reply", "-config", config, "-queryfile", q, "-out", out],
                       check=True, capture_output=True)
        with open(out, "rb") as f:
            return f.read()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("tsa_service: " + fmt % args + "\n")

    def answer(self, status, data, ctype="application/timestamp-reply"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/healthz":
            return self.answer(200, b"ok", "text/plain")
        if self.path == "/test/count":
            return self.answer(200, str(STATE["count"]).encode(), "text/plain")
        self.answer(404, b"not found", "text/plain")

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/test/mode":
            STATE["mode"] = raw.decode().strip()
            return self.answer(200, STATE["mode"].encode(), "text/plain")
        if self.headers.get("Content-Type") != "application/timestamp-query":
            return self.answer(415, b"expected application/timestamp-query", "text/plain")
        if ARGS.user and self.headers.get("Authorization") != ARGS.auth:
            return self.answer(401, b"unauthorized", "text/plain")
        STATE["count"] += 1
        mode = STATE["mode"]
        if mode == "slow":
            time.sleep(30)
        if mode == "garbage":
            return self.answer(200, b"<html>TSA sedang sibuk</html>", "text/html")
        if mode == "http-error":
            return self.answer(503, b"service unavailable", "text/plain")
        if mode == "reject":
            return self.answer(200, rejection())
        try:
            query = other_imprint(raw) if mode == "wrong-imprint" else raw
            self.answer(200, reply(query, ARGS.other_config if mode == "other-tsa" else ARGS.config))
        except (ValueError, subprocess.CalledProcessError) as e:
            self.answer(400, ("bad query: %s" % e).encode(), "text/plain")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--config", required=True, help="the openssl ts -reply configuration (test_ca.sh tsa)")
    p.add_argument("--other-config", default="")
    p.add_argument("--user", default="")
    p.add_argument("--password", default="")
    ARGS = p.parse_args()
    import base64
    ARGS.auth = "Basic " + base64.b64encode(("%s:%s" % (ARGS.user, ARGS.password)).encode()).decode()
    ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler).serve_forever()
