#!/usr/bin/python3
"""A fault-injecting HTTP server on loopback for tracker's fetch tests.

Serves the demo page and pathological answers: redirect loops, errors, slow responses,
truncated and huge bodies, gzip bombs. Writes the port it bound to --port-file, and exits
by itself after --lifetime seconds so that a crashed test never leaves it running.
"""
import argparse
import gzip
import http.server
import os
import re
import threading
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
DEMO = (REPO / "feeds/demo/kursk-afp.html").read_bytes()
LATIN1_NO_META = re.sub(rb"<meta[^>]*charset[^>]*>", b"",
                        (REPO / "tests/data/extract/latin1-meta.html").read_bytes(), flags=re.I)


# State for the fetcher's routes: answers that change with repetition, and concurrency seen.
LOCK = threading.Lock()
HITS = {}          # path -> requests so far
IN_FLIGHT = {}     # path without query -> requests being answered now
MAX_IN_FLIGHT = {}  # path without query -> the most seen at once
CONDITIONAL_ETAG = '"v1"'
CONDITIONAL_DATE = "Sat, 01 Feb 2025 10:00:00 GMT"


def count_hit(path):
    with LOCK:
        HITS[path] = HITS.get(path, 0) + 1
        return HITS[path]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path
        if path == "/article":
            self.send_body(200, DEMO)
        elif path == "/latin1-header":
            self.send_body(200, LATIN1_NO_META, "text/html; charset=iso-8859-1")
        elif path == "/gzip":
            self.send_body(200, gzip.compress(DEMO), headers=[("Content-Encoding", "gzip")])
        elif path == "/redirect":
            self.redirect("/article")
        elif path.startswith("/loop"):
            self.redirect("/loop%d" % (int(path[5:] or 0) + 1))
        elif path.startswith("/status/"):
            self.send_body(int(path[8:]), b"<html><body>error page</body></html>")
        elif path == "/slow":
            time.sleep(5)
            self.send_body(200, DEMO)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the client must stop reading on its own
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(400):  # about 26 MB
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/gzip-bomb":
            body = gzip.compress(b"<p>" + b" " * (30 << 20) + b"</p>", compresslevel=9)
            self.send_body(200, body, headers=[("Content-Encoding", "gzip")])
        elif path == "/truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(DEMO)))
            self.end_headers()
            self.wfile.write(DEMO[:1000])
            self.close_connection = True
        elif path == "/huge-header":
            self.send_response(200)
            self.send_header("X-Padding", "a" * (2 << 20))  # 2 MB: libcurl stops at 100 KB
            self.send_header("Content-Length", "0")
            try:
                self.end_headers()
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/pdf":
            self.send_body(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
        elif path == "/user-agent":
            agent = self.headers.get("User-Agent", "")
            page = "<html><body><article>" + "".join(
                "<p>Paragraph %d of the echo page, long enough to be article text: %s.</p>" % (i, agent)
                for i in range(5)) + "</article></body></html>"
            self.send_body(200, page.encode())
        elif path.startswith("/stall-once/"):
            # For tests/limits_test.cc: the first request for each path stalls for a minute,
            # far past any deadline a test sets; later ones get the article at once.
            if count_hit(path) == 1:
                time.sleep(60)
            try:
                self.send_body(200, DEMO)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif not self.fetcher_route(path):
            self.send_body(404, b"not found")

    def fetcher_route(self, path):
        """Routes for tests/fetcher_test.cc; False if `path` is none of them."""
        route, _, query = path.partition("?")
        params = dict(p.partition("=")[::2] for p in query.split("&") if p)
        if route == "/conditional":
            # 304 when If-None-Match matches, or without one, when If-Modified-Since does.
            tag = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            if tag == CONDITIONAL_ETAG or (tag is None and since == CONDITIONAL_DATE):
                self.send_response(304)
                self.send_header("ETag", CONDITIONAL_ETAG)
                self.end_headers()
            else:
                self.send_body(200, DEMO, headers=[("ETag", CONDITIONAL_ETAG),
                                                   ("Last-Modified", CONDITIONAL_DATE)])
        elif route.startswith("/retry-after/"):
            # 429 with Retry-After: ?seconds= (default 1) on the first request, then 200.
            if count_hit(route) == 1:
                self.send_body(429, b"slow down", "text/plain",
                               headers=[("Retry-After", params.get("seconds", "1"))])
            else:
                self.send_body(200, DEMO)
        elif route.startswith("/flaky/"):
            # 503 on the first ?failures= (default 2) requests, then 200.
            if count_hit(route) <= int(params.get("failures", "2")):
                self.send_body(503, b"try again", "text/plain")
            else:
                self.send_body(200, DEMO)
        elif route == "/slowish":
            # Sleeps ?ms= (default 300) and answers with its start and end on the wall clock.
            with LOCK:
                IN_FLIGHT[route] = IN_FLIGHT.get(route, 0) + 1
                MAX_IN_FLIGHT[route] = max(MAX_IN_FLIGHT.get(route, 0), IN_FLIGHT[route])
            start = time.time()
            time.sleep(int(params.get("ms", "300")) / 1000)
            end = time.time()
            with LOCK:
                IN_FLIGHT[route] -= 1
            self.send_body(200, ("%.6f %.6f\n" % (start, end)).encode(), "text/plain")
        elif route.startswith("/counted/"):
            # Counted per route: /hits/ROUTE answers how many requests ROUTE has had.
            count_hit(route)
            self.send_body(200, DEMO)
        elif route.startswith("/hits/"):
            with LOCK:
                self.send_body(200, str(HITS.get(route[5:], 0)).encode(), "text/plain")
        elif route == "/max-inflight":
            with LOCK:
                self.send_body(200, str(MAX_IN_FLIGHT.get("/slowish", 0)).encode(), "text/plain")
        elif route == "/deflate":
            self.send_body(200, zlib.compress(DEMO), headers=[("Content-Encoding", "deflate")])
        elif route == "/hostile-status":
            # For tests/server_text_test.cc: a status line, reason phrase and header carrying a
            # terminal escape (clear screen), a bare CR and C1 / bidi controls, written raw.
            self.wfile.write(b"HTTP/1.1 403 Forbidden \x1b[2J\rFAKE LINE \xc2\x9b31m"
                             b"\xe2\x80\xaeevil\x07\r\n"
                             b"X-Note: \x1b[2J\rheader\r\n"
                             b"Content-Type: text/html\r\nContent-Length: 0\r\n\r\n")
            self.close_connection = True
        elif route == "/hostile-validators":
            # The article, with validators that carry a terminal escape and a bare CR.
            self.send_body(200, DEMO, headers=[("ETag", '"v1\x1b[2J\rx"'),
                                               ("Last-Modified", "Sat, 01 Feb 2025 \x1b[2J")])
        elif route == "/redirect-to-file":
            self.redirect("file:///etc/passwd")
        elif route.startswith("http://"):
            # An absolute URL in the request line: the client took this server for its proxy.
            self.send_body(200, ("via proxy: %s" % path).encode(), "text/plain")
        else:
            return False
        return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address to bind")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer((args.host, 0), Handler)
    server.daemon_threads = True
    tmp = args.port_file + ".tmp"
    Path(tmp).write_text(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
