#!/usr/bin/python3
"""Serves a folder over HTTP on loopback for the demo run: serve.py FOLDER PORT_FILE.

Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, answers If-Modified-Since with
304 (Python's file server does), and exits by itself after ten minutes.
"""
import functools
import http.server
import os
import sys
import threading


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    folder, port_file = sys.argv[1], sys.argv[2]
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with open(port_file + ".tmp", "w") as out:
        out.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    threading.Timer(600, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
