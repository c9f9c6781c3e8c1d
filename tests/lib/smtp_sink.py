#!/usr/bin/python3
# tests/lib/smtp_sink.py — a real SMTP server for tests (Debian's python3-aiosmtpd).
#
#   python3 tests/lib/smtp_sink.py --port N --dir DIR [--fail-first K]
#
# Listens on 127.0.0.1:N (N = 0: a free port the kernel picks) and accepts every message,
# writing it byte for byte as DIR/<n>.eml (n = 1, 2, ...), atomically: a temporary name
# first, then a rename, so a reader never sees half a file.  Prints "ready PORT" on
# stdout once listening.  --fail-first K answers the DATA of the first K messages with
# 451 (a temporary error: the client should try again later) and writes nothing for them;
# --reject-first K answers them with 550 (a permanent refusal) instead.
# Runs until killed (SIGTERM/SIGINT).
import argparse
import asyncio
import os
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, directory, fail_first, reject_first=0):
        self.directory = directory
        self.fail_left = fail_first
        self.reject_left = reject_first
        self.stored = 0

    async def handle_DATA(self, server, session, envelope):
        if self.reject_left > 0:
            self.reject_left -= 1
            return "550 5.1.1 Mailbox unavailable (smtp_sink --reject-first)"
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 Temporary failure, try again later (smtp_sink --fail-first)"
        self.stored += 1
        final = os.path.join(self.directory, f"{self.stored}.eml")
        tmp = os.path.join(self.directory, f".{self.stored}.eml.tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.replace(tmp, final)
        return "250 2.0.0 OK"


async def serve(args):
    sink = Sink(args.dir, args.fail_first, args.reject_first)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="smtp-sink.test", enable_SMTPUTF8=True),
        host="127.0.0.1", port=args.port)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set_result, None)
    port = server.sockets[0].getsockname()[1]
    print(f"ready {port}", flush=True)
    await stop
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description="SMTP server that stores every message")
    parser.add_argument("--port", type=int, required=True, help="0 picks a free port")
    parser.add_argument("--dir", required=True, help="where <n>.eml files are written")
    parser.add_argument("--fail-first", type=int, default=0, metavar="K",
                        help="answer the first K messages with 451")
    parser.add_argument("--reject-first", type=int, default=0, metavar="K",
                        help="answer the first K messages with 550 (permanent)")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
