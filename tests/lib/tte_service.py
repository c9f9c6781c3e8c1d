#!/usr/bin/env python3
"""tests/lib/tte_service.py — a test signing service with the shape of the BSrE Esign
client API (docs/tte.md), for the tests of Loket's remote signer.  Its own process,
started and stopped by PID by the tests (tests/lib/tte.mjs).

It signs PDFs itself, independently of Loket's code: a PAdES incremental update written
here and a detached CAdES signature made by the `openssl cms -sign -cades` command with
the key and certificate of the throwaway CA's signer (tests/lib/test_ca.sh).

  POST /api/v2/sign/get/totp  {"nik"|"email"}               -> {"message"}; the code is
                                                               readable at GET /test/totp?email=
  POST /api/v2/sign/pdf       {"nik"|"email", "passphrase"|"totp", "signatureProperties", "file"}
                                                            -> {"file": [base64]}
  GET  /test/last             which of nik/email identified the last signer, and its value

A signer is found by "nik" when the request has one (users may carry a "nik"), else by
"email", as the BSrE Esign API does.
  POST /test/mode             body: normal | slow | garbage | wrong-signer | tamper
  GET  /healthz

HTTP basic credentials are required on /api/; wrong ones answer 401."""
import argparse
import base64
import json
import re
import secrets
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

STATE = {"mode": "normal", "totp": {}, "last": {}}


def find_user(req):
    """(email, user) of the signer the request names: by NIK when given, else by email."""
    nik = req.get("nik")
    if nik:
        STATE["last"] = {"by": "nik", "value": nik}
        for email, user in USERS.items():
            if user.get("nik") == nik:
                return email, user
        return None, None
    email = req.get("email") or ""
    STATE["last"] = {"by": "email", "value": email}
    return email, USERS.get(email)


def last_int(pattern, data):
    found = re.findall(pattern, data)
    return int(found[-1]) if found else None


def object_dict(pdf, num):
    found = list(re.finditer(rb"(?<![0-9])%d 0 obj\s*(<<.*?>>)\s*endobj" % num, pdf, re.S))
    if not found:
        raise ValueError("object %d not found" % num)
    return found[-1].group(1)


def sign_pdf(pdf, signer, ca_pem, prop):
    """The PDF with a PAdES signature appended (incremental update)."""
    prev = last_int(rb"startxref\s+(\d+)", pdf)
    trailer = pdf[pdf.rfind(b"trailer"):]
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    info = re.search(rb"/Info (\d+) 0 R", trailer)
    catalog = object_dict(pdf, root)
    pages = object_dict(pdf, int(re.search(rb"/Pages (\d+) 0 R", catalog).group(1)))
    kids = [int(k) for k in re.findall(rb"(\d+) 0 R", re.search(rb"/Kids\s*\[(.*?)\]", pages, re.S).group(1))]
    page_num = kids[int(prop.get("page", 1)) - 1]
    page = object_dict(pdf, page_num)
    x, y = float(prop.get("originX", 0)), float(prop.get("originY", 0))
    w, h = float(prop.get("width", 0)), float(prop.get("height", 0))
    sig, widget, ap = size, size + 1, size + 2
    placeholder = 8192
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}

    def add(num, body):
        offsets[num] = len(out)
        out.extend(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    stamp = time.strftime("D:%Y%m%d%H%M%SZ", time.gmtime())
    add(sig, b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0000000000 0000000000 0000000000]"
        b" /Contents <" + b"0" * (2 * placeholder) + b"> /M (" + stamp.encode() + b") /Reason (" +
        prop.get("reason", "").encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]") + b") >>")
    add(widget, b"<< /Type /Annot /Subtype /Widget /FT /Sig /F 132 /T (Signature BSrE) /V %d 0 R /P %d 0 R"
        b" /Rect [%.2f %.2f %.2f %.2f] /AP << /N %d 0 R >> >>" % (sig, page_num, x, y, x + w, y + h, ap))
    add(ap, b"<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Length 0 >>\nstream\n\nendstream" % (w, h))
    add(page_num, page[:-2] + b" /Annots [ %d 0 R ] >>" % widget)
    add(root, catalog[:-2] + b" /AcroForm << /Fields [ %d 0 R ] /SigFlags 3 >> >>" % widget)
    xref_at = len(out)
    out.extend(b"xref\n0 1\n0000000000 65535 f \n")
    for num in sorted(offsets):
        out.extend(b"%d 1\n%010d 00000 n \n" % (num, offsets[num]))
    out.extend(b"trailer\n<< /Size %d /Root %d 0 R" % (size + 3, root))
    if info:
        out.extend(b" /Info %s 0 R" % info.group(1))
    out.extend(b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref_at))
    start = out.index(b"/Contents <", offsets[sig]) + len(b"/Contents ")
    end = start + 2 * placeholder + 2
    ranges = b"[0 %010d %010d %010d]" % (start, end, len(out) - end)
    at = out.index(b"[0 0000000000 0000000000 0000000000]", offsets[sig])
    out[at:at + len(ranges)] = ranges
    content = bytes(out[:start]) + bytes(out[end:])
    der = subprocess.run(["openssl", "cms", "-sign", "-binary", "-cades", "-nosmimecap", "-md", "sha256", "-outform", "DER",
                          "-signer", signer["pem"], "-inkey", signer["key"], "-certfile", ca_pem],
                         input=content, capture_output=True, check=True).stdout
    hexsig = der.hex().encode()
    out[start + 1:start + 1 + len(hexsig)] = hexsig
    return bytes(out)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("tte_service: " + fmt % args + "\n")

    def answer(self, status, body, raw=False):
        data = body if raw else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html" if raw else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/healthz":
            return self.answer(200, {"status": "ok"})
        if url.path == "/test/totp":
            email = parse_qs(url.query).get("email", [""])[0]
            return self.answer(200, {"totp": STATE["totp"].get(email, "")})
        if url.path == "/test/last":
            return self.answer(200, STATE["last"])
        self.answer(404, {"error": "Not found"})

    def do_POST(self):
        url = urlparse(self.path)
        raw = self.body()
        if url.path == "/test/mode":
            STATE["mode"] = raw.decode().strip()
            return self.answer(200, {"mode": STATE["mode"]})
        expected = "Basic " + base64.b64encode(("%s:%s" % (ARGS.user, ARGS.password)).encode()).decode()
        if self.headers.get("Authorization") != expected:
            return self.answer(401, {"status_code": 401, "error": "Unauthorized"})
        try:
            req = json.loads(raw)
        except ValueError:
            return self.answer(400, {"status_code": 400, "error": "Permintaan bukan JSON"})
        email, user = find_user(req)
        if url.path == "/api/v2/sign/get/totp":
            if not user:
                return self.answer(404, {"status_code": 404, "error": "Pengguna tidak terdaftar"})
            STATE["totp"][email] = "%06d" % secrets.randbelow(1000000)
            return self.answer(200, {"message": "TOTP telah dikirim"})
        if url.path != "/api/v2/sign/pdf":
            return self.answer(404, {"status_code": 404, "error": "Not found"})
        if not user:
            return self.answer(404, {"status_code": 404, "error": "Pengguna tidak terdaftar"})
        totp = req.get("totp")
        if totp:
            if STATE["totp"].pop(email, None) != totp:
                return self.answer(400, {"status_code": 400, "error": "TOTP tidak valid"})
        elif req.get("passphrase") != user["passphrase"]:
            return self.answer(400, {"status_code": 400, "error": "Passphrase anda salah"})
        mode = STATE["mode"]
        if mode == "slow":
            time.sleep(30)
        if mode == "garbage":
            return self.answer(200, b"<html>Internal error</html>", raw=True)
        try:
            pdf = base64.b64decode(req["file"][0])
            prop = (req.get("signatureProperties") or [{}])[0]
            if mode == "tamper":
                pdf = pdf.replace(b"Loket", b"Lokot", 1)
            signer = USERS[ARGS.other] if mode == "wrong-signer" else user
            signed = sign_pdf(pdf, signer, ARGS.ca, prop)
        except (KeyError, IndexError, ValueError, AttributeError, subprocess.CalledProcessError) as e:
            return self.answer(400, {"status_code": 400, "error": "Dokumen tidak dapat ditandatangani: %s" % e})
        self.answer(200, {"file": [base64.b64encode(signed).decode()]})


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--users", required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--other", default="")
    p.add_argument("--loket", default="")
    ARGS = p.parse_args()
    with open(ARGS.users) as f:
        USERS = json.load(f)
    ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler).serve_forever()
