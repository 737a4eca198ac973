"""The main job's HTTP servers: nginx for 0 ms, serve.py for added latency; what they logged
and the CPU they used. Part of bench/main_job/driver.py.
"""
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = "/usr/bin/python3"
CLK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid):
    """user+sys seconds of a process and its live children (nginx workers)."""
    total = 0.0
    pids = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
            pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLK
        except (OSError, IndexError):
            pass
    return total


class Server:
    def __init__(self, kind, work, site, addresses, port, latency):
        self.kind, self.work, self.site = kind, work, site
        self.addresses, self.port, self.latency = addresses, port, latency
        self.log = work / f"access-{kind}-{int(latency * 1000)}ms.log"
        self.proc = None

    def start(self):
        try:
            socket.create_connection((self.addresses[0], self.port), timeout=1).close()
            raise SystemExit(f"something already listens on {self.addresses[0]}:{self.port}; pass --port")
        except OSError:
            pass
        self.log.write_text("")
        if self.kind == "nginx":
            conf = self.work / "nginx.conf"
            tmp = self.work / "nginx-tmp"
            tmp.mkdir(exist_ok=True)
            listens = "\n".join(f"    listen {a}:{self.port};" for a in self.addresses)
            user = "user root;\n" if os.geteuid() == 0 else ""
            # A listening socket takes one of the worker's connections and a descriptor: the
            # CPU-bound job listens on 500 addresses, and each client may hold two more.
            connections = max(1024, 4 * len(self.addresses) + 256)
            conf.write_text(f"""{user}worker_processes 1;
worker_rlimit_nofile {connections + 64};
daemon off;
pid {self.work}/nginx.pid;
error_log {self.work}/nginx-error.log warn;
events {{ worker_connections {connections}; }}
http {{
  log_format bench '$server_addr $status $body_bytes_sent $request_uri $msec $request_time';
  access_log {self.log} bench;
  types {{ text/html html; application/rss+xml xml; }}
  default_type application/octet-stream;
  charset utf-8;
  sendfile on;
  keepalive_requests 100000;
  keepalive_timeout 65;
  etag on;
  if_modified_since before;
  client_body_temp_path {tmp}/body;
  server {{
{listens}
    root {self.site}/www/$server_addr;
    location / {{ }}
  }}
}}
""")
            cmd = ["nginx", "-c", str(conf), "-e", str(self.work / "nginx-error.log")]
            if self.latency:
                raise SystemExit("nginx cannot add latency; use the python server for it")
        else:
            cmd = [PY, str(HERE / "serve.py"), str(self.site / "www"),
                   "--addresses", ",".join(self.addresses), "--port", str(self.port),
                   "--latency", str(self.latency), "--log", str(self.log)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                                     stderr=open(self.work / f"server-{self.kind}.err", "a"))
        # wait until every address answers
        deadline = time.time() + 20
        for a in self.addresses:
            while True:
                try:
                    socket.create_connection((a, self.port), timeout=1).close()
                    break
                except OSError:
                    if self.proc.poll() is not None or time.time() > deadline:
                        err = (self.work / f"server-{self.kind}.err").read_text()
                        raise SystemExit(f"server {self.kind} did not start: {err}")
                    time.sleep(0.05)

    def cpu(self):
        return proc_cpu(self.proc.pid)

    def log_size(self):
        return self.log.stat().st_size

    def statuses_since(self, offset):
        """HTTP statuses of the requests logged since `offset`, and when the first request
        arrived and the last response left (so the network phase of the run)."""
        counts = {}
        first, last, busy = None, None, 0.0
        with open(self.log, "rb") as f:
            f.seek(offset)
            for line in f:
                parts = line.split()
                if len(parts) < 6:
                    continue
                is_feed = parts[3].endswith(b"feed.xml")
                key = ("feed " if is_feed else "page ") + parts[1].decode()
                counts[key] = counts.get(key, 0) + 1
                if self.kind == "nginx":  # $msec (response logged) and $request_time
                    sent = float(parts[4])
                    received = sent - float(parts[5])
                else:
                    received, sent = float(parts[4]), float(parts[5])
                first = received if first is None else min(first, received)
                last = sent if last is None else max(last, sent)
                busy += sent - received
        span = (last - first) if first is not None else 0.0
        return counts, span, (busy / span if span > 0 else 0.0)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM if self.kind == "python" else signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()



def free_port(address):
    """A port nothing listens on at `address` now (the quick mode must not collide with a full
    run on 18080, or with another test)."""
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]
