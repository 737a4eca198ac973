#!/usr/bin/python3
"""A static HTTP/1.1 server for the main-job benchmark, one listening socket per site address.

Serves ROOT/<local address>/<path> on every address given (e.g. 127.0.0.2 ... 127.0.0.51),
all on one port, from one asyncio event loop.  Before each response it waits --latency
seconds, the added latency per request of a distant web server.  It answers conditional
GETs as RFC 9110 says: If-None-Match first (a weak comparison with the ETag), else
If-Modified-Since; 304 when the page has not changed.  ETag and Last-Modified come from the
file's mtime and size, as nginx makes them.  Keep-alive, no compression.

Every request is logged to --log as "addr status bytes path received sent" (Unix times), one
line each (flushed), so the driver can count 200s and 304s per scenario and see how many
requests were in flight at once.
"""
import argparse
import asyncio
import os
import resource
import signal
import sys
import time
from email.utils import formatdate, parsedate_to_datetime


def etag_of(st):
    return '"%x-%x"' % (int(st.st_mtime), st.st_size)


class Server:
    def __init__(self, root, latency, log):
        self.root = os.path.realpath(root)
        self.latency = latency
        self.log = log

    def respond(self, addr, method, target, headers):
        path = target.split("?", 1)[0]
        if path.endswith("/"):
            path += "index.html"
        full = os.path.realpath(os.path.join(self.root, addr, path.lstrip("/")))
        if not full.startswith(os.path.join(self.root, addr) + os.sep):
            return 404, {}, b""
        try:
            st = os.stat(full)
        except OSError:
            return 404, {}, b""
        etag = etag_of(st)
        last_modified = formatdate(int(st.st_mtime), usegmt=True)
        meta = {"ETag": etag, "Last-Modified": last_modified}
        inm = headers.get("if-none-match")
        ims = headers.get("if-modified-since")
        not_modified = False
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            not_modified = "*" in tags or etag in tags
        elif ims is not None:
            try:
                not_modified = int(st.st_mtime) <= parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                pass
        if not_modified:
            return 304, meta, b""
        with open(full, "rb") as f:
            body = f.read()
        kind = "application/rss+xml" if full.endswith(".xml") else "text/html; charset=utf-8"
        meta["Content-Type"] = kind
        return 200, meta, body

    async def handle(self, reader, writer):
        addr = writer.get_extra_info("sockname")[0]
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    break
                lines = head.decode("latin-1").split("\r\n")
                try:
                    method, target, version = lines[0].split(" ", 2)
                except ValueError:
                    break
                headers = {}
                for line in lines[1:]:
                    if ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                received = time.time()
                if self.latency > 0:
                    await asyncio.sleep(self.latency)
                status, meta, body = self.respond(addr, method, target, headers)
                keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
                out = [f"HTTP/1.1 {status} {reason}", "Server: main-job-bench",
                       f"Date: {formatdate(usegmt=True)}"]
                out += [f"{k}: {v}" for k, v in meta.items()]
                if status != 304:
                    out.append(f"Content-Length: {len(body)}")
                out.append("Connection: keep-alive" if keep else "Connection: close")
                if method == "HEAD":
                    body = b""
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + body)
                await writer.drain()
                if self.log:
                    self.log.write(f"{addr} {status} {len(body)} {target} {received:.4f} {time.time():.4f}\n")
                    self.log.flush()
                if not keep:
                    break
        except ConnectionError:
            pass
        finally:
            writer.close()


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--addresses", required=True, help="e.g. 127.0.0.2-51 or a comma-separated list")
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--latency", type=float, default=0.0, help="seconds added before each response")
    ap.add_argument("--log")
    args = ap.parse_args()
    if "-" in args.addresses:
        prefix, rng = args.addresses.rsplit(".", 1)
        lo, hi = map(int, rng.split("-"))
        addresses = [f"{prefix}.{i}" for i in range(lo, hi + 1)]
    else:
        addresses = args.addresses.split(",")
    # A socket per address, and the clients' connections: the CPU-bound job has 500 addresses.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 65536 if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    log = open(args.log, "a", buffering=1) if args.log else None
    server = Server(args.root, args.latency, log)
    servers = [await asyncio.start_server(server.handle, a, args.port, backlog=128) for a in addresses]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"serve: {len(servers)} addresses on port {args.port}, latency {args.latency * 1000:.0f} ms",
          file=sys.stderr, flush=True)
    await stop.wait()
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
