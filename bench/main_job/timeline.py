#!/usr/bin/python3
"""Reads serve.py's access log and tells how the client spread its requests over time.

    timeline.py ACCESS_LOG [--from LINE] [--to LINE] [--buckets 0.5]

Prints the span from the first request received to the last response sent, the mean and the
largest number of requests in flight (received, response not yet sent), the gaps between two
requests to one host, and per time bucket how many requests arrived and from how many hosts.
"""
import argparse
import statistics
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("log")
ap.add_argument("--from", dest="first", type=int, default=0, help="first line (0-based)")
ap.add_argument("--to", dest="last", type=int, default=None)
ap.add_argument("--buckets", type=float, default=0.5)
args = ap.parse_args()

rows = []
for line in open(args.log).read().splitlines()[args.first:args.last]:
    p = line.split()
    if len(p) >= 6:
        rows.append((p[0], p[1], p[3], float(p[4]), float(p[5])))
if not rows:
    raise SystemExit("no timed lines")
t0 = min(r[3] for r in rows)
t1 = max(r[4] for r in rows)
busy = sum(r[4] - r[3] for r in rows)
events = sorted([(r[3], 1) for r in rows] + [(r[4], -1) for r in rows])
inflight = peak = 0
for _, d in events:
    inflight += d
    peak = max(peak, inflight)
print(f"{len(rows)} requests, {t1 - t0:.2f} s from first received to last sent; "
      f"in flight: mean {busy / (t1 - t0):.1f}, max {peak}")
by_host = defaultdict(list)
for r in rows:
    by_host[r[0]].append(r[3])
gaps = []
for times in by_host.values():
    times.sort()
    gaps += [b - a for a, b in zip(times, times[1:])]
if gaps:
    q = statistics.quantiles(gaps, n=10)
    print(f"gap between two requests to one host: min {min(gaps) * 1000:.0f} ms, median {statistics.median(gaps) * 1000:.0f} ms, "
          f"p90 {q[-1] * 1000:.0f} ms, max {max(gaps) * 1000:.0f} ms")
spans = sorted((max(t) - min(t), h) for h, t in by_host.items())
print(f"per host, first to last request: min {spans[0][0]:.2f} s, median {spans[len(spans) // 2][0]:.2f} s, "
      f"max {spans[-1][0]:.2f} s ({len(spans)} hosts)")
buckets = defaultdict(list)
for r in rows:
    buckets[int((r[3] - t0) / args.buckets)].append(r[0])
print(f"per {args.buckets:g} s: requests received / hosts")
line = []
for b in range(max(buckets) + 1):
    hs = buckets.get(b, [])
    line.append(f"{b * args.buckets:5.1f}s {len(hs):3d}/{len(set(hs)):2d}")
for i in range(0, len(line), 6):
    print("  " + "   ".join(line[i:i + 6]))
