#!/usr/bin/python3
"""Simulates the start rule of tracker's fetcher (net/fetcher.cc, Batch::start_ready) on the
main job, to tell how long the network phase must take under its politeness limits.

The rule: waiting jobs are scanned in request order (the feed order: all articles of site 1,
then site 2, ...), and a job starts when fewer than `concurrency` transfers run, its host has
fewer than `per_host` running and `host_delay` has passed since the host's last start.  Every
request takes `latency` seconds.  `--order remaining` instead scans the hosts with the most
requests left first, which keeps the most hosts busy until the end.

    schedule_sim.py [--hosts 50] [--per-host-requests 20] [--latency 0.1] [--concurrency 16]
                    [--per-host 2] [--host-delay 0.25]
"""
import argparse
import heapq


def simulate(hosts, requests, latency, concurrency, per_host, delay, order):
    waiting = [h for h in range(hosts) for _ in range(requests)]
    left = {h: requests for h in range(hosts)}
    running, last, busy = [], {}, {}
    t = 0.0
    while waiting or running:
        if order == "remaining":
            waiting.sort(key=lambda h: -left[h])
        i = 0
        while i < len(waiting) and len(running) < concurrency:
            h = waiting[i]
            if busy.get(h, 0) < per_host and (h not in last or last[h] + delay <= t + 1e-9):
                waiting.pop(i)
                last[h], busy[h], left[h] = t, busy.get(h, 0) + 1, left[h] - 1
                heapq.heappush(running, (t + latency + 1e-4, h))
                if order == "remaining":
                    waiting.sort(key=lambda x: -left[x])
                    i = 0
            else:
                i += 1
        wake = [running[0][0]] if running else []
        wake += [last[h] + delay for h in set(waiting) if h in last and last[h] + delay > t]
        t = max(t, min(wake))
        while running and running[0][0] <= t + 1e-9:
            busy[heapq.heappop(running)[1]] -= 1
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--per-host-requests", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--host-delay", type=float, default=0.25)
    a = ap.parse_args()
    for order in ("request", "remaining"):
        t = simulate(a.hosts, a.per_host_requests, a.latency, a.concurrency, a.per_host, a.host_delay, order)
        print(f"{order + ' order':<16} {t:6.2f} s for {a.hosts * a.per_host_requests} requests")


if __name__ == "__main__":
    main()
