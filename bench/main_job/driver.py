#!/usr/bin/python3
"""Main-job benchmark: `tracker run` against urlwatch on 50 feeds x 20 articles.

Called by bench/run_main_job.sh (see bench/README.md, "Main job: 50 feeds x 20 articles").
Standard library only; runs under /usr/bin/python3.

For each latency (0 ms and 100 ms added per request by default) and each round, for tracker
and then urlwatch, on a freshly reset site:
  cold       empty store / cache: every feed and page is fetched and processed;
  unchanged  the same store, nothing changed: conditional GETs, the server answers 304;
  changed    10% of the articles (2 per site) get a revised number in a body sentence and a
             new ETag / Last-Modified; the feeds stay byte-identical (so they answer 304);
  rerendered every article page gets new bytes and the same article text: a line
             'Updated HH:MM:SS UTC' right after <body>, as a page whose chrome carries a clock,
             and a new ETag / Last-Modified (all pages 200, feeds 304). tracker must report no
             change; urlwatch's CHANGED count is recorded, not checked: it is the noise.
Each run is measured with /usr/bin/time (wall, user+sys CPU, peak RSS) and checked: the
server's access log must show the expected 200s and 304s, and the tool's own report must show
the expected new / changed documents.

--quick is what the test suite runs (ctest bench_run_main_job_quick): 3 feeds x 4 articles,
one round at 0 ms, cold + unchanged + changed + rerendered once, on a free port; urlwatch
only if it is installed. It checks what the full run checks and never a time; exit 1 if a
check fails.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # importing the modules beside it must leave no __pycache__

from checks import SCENARIOS, expect  # noqa: E402
from report import print_table  # noqa: E402
from served_site import Site  # noqa: E402
from servers import Server, free_port  # noqa: E402
from tools import Tracker, Urlwatch  # noqa: E402

HERE = Path(__file__).resolve().parent
PY = "/usr/bin/python3"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracker", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--latencies", default="0,100", help="added ms per request, comma-separated")
    ap.add_argument("--server-0ms", default="nginx", choices=["nginx", "python"],
                    help="server for the 0 ms case (100 ms always uses the python server)")
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--no-urlwatch", action="store_true")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=PATH",
                    help="also measure another tracker binary (e.g. an experimental build) as tracker[NAME]")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir, removed)")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument("--quick", action="store_true",
                    help="what ctest runs: 3 feeds x 4 articles, one round at 0 ms on a free port, "
                         "urlwatch only if installed; the checks of a full run, no timing assertion")
    args = ap.parse_args()
    if not Path("/usr/bin/time").is_file():
        log("driver.py: /usr/bin/time is missing (apt-get install time)")
        return 2
    if args.quick:
        quick_settings(args)

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work = args.keep.resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix="main_job."))
    servers = []

    def cleanup(*_):
        for s in servers:
            s.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *_: (cleanup(), sys.exit(143)))
    try:
        return run(args, work, servers)
    finally:
        cleanup()


def quick_settings(args):
    """The small job of --quick; urlwatch and nginx are optional peers there, so a machine
    without them still checks tracker (CI installs nginx, not urlwatch)."""
    args.sites, args.articles, args.changed, args.max_templates = 3, 4, 0.25, 4
    args.rounds, args.latencies = 1, "0"
    args.port = free_port("127.0.0.2")
    if not args.no_urlwatch and shutil.which("urlwatch") is None:
        log("quick: urlwatch is not installed; skipping its side (tracker is still checked)")
        args.no_urlwatch = True
    if args.server_0ms == "nginx" and shutil.which("nginx") is None:
        log("quick: nginx is not installed; serving 0 ms with serve.py")
        args.server_0ms = "python"


def make_site(args, work):
    """Generates the site under work/site and keeps a copy of its first version for resets."""
    site_dir = work / "site"
    t0 = time.time()
    gen = [PY, str(HERE / "gen_site.py"), str(site_dir), "--sites", str(args.sites),
           "--articles", str(args.articles), "--port", str(args.port), "--tracker", args.tracker]
    if args.quick:
        gen += ["--changed", str(args.changed), "--max-templates", str(args.max_templates)]
    subprocess.run(gen, check=True)
    site = Site(site_dir)
    site.keep_base_copies()
    man = site.manifest
    log(f"site ready in {time.time() - t0:.1f} s: {len(man['sites'])} feeds, {man['articles']} pages "
        f"({man['page_bytes'] / man['articles'] / 1000:.0f} KB average, {man['templates']} templates), "
        f"all re-rendered in the 'rerendered' scenario, {len(man['changed'])} change in the 'changed' "
        f"scenario; work dir {work}")
    return site


def make_tools(args, work, site):
    tools = [Tracker(args.tracker, work, site)]
    for spec in args.compare:
        name, _, path = spec.partition("=")
        tools.append(Tracker(os.path.abspath(path), work, site, label=f"[{name}]"))
    if not args.no_urlwatch:
        tools.append(Urlwatch(work, site))
    return tools


def prepare(site, scenario):
    """Serves the site as the scenario needs; cold and unchanged serve it as reset."""
    if scenario == "rerendered":
        site.rerender()
    elif scenario == "changed":
        site.change()


def measure(tool, server, run_tag):
    """One run of the tool, with what the server logged and the CPU it used meanwhile."""
    time.sleep(0.2)
    offset, cpu0 = server.log_size(), server.cpu()
    m = tool.run(run_tag)
    time.sleep(0.1)  # let the server log its last lines
    m["server_cpu"] = server.cpu() - cpu0
    m["statuses"], m["net_span"], m["in_flight"] = server.statuses_since(offset)
    with open(server.log, "rb") as f:  # this run's requests, for timeline.py
        f.seek(offset)
        (tool.dir / f"{run_tag}.access.log").write_bytes(f.read())
    m["load"] = float(Path("/proc/loadavg").read_text().split()[0])
    return m


def run_latency(args, work, site, tools, latency_ms, servers):
    """Every round of every tool at one added latency, each on a freshly reset site."""
    man = site.manifest
    counts = (len(man["sites"]), man["articles"], len(man["changed"]))  # feeds, pages, changed
    kind = args.server_0ms if latency_ms == 0 else "python"
    server = Server(kind, work, site.root, [s["addr"] for s in man["sites"]], args.port, latency_ms / 1000)
    servers.append(server)
    server.start()
    log(f"--- {latency_ms} ms added latency, {kind} server")
    results = []
    for rnd in range(1, args.rounds + 1):
        for tool in tools:
            site.reset()
            tag = f"{latency_ms}ms-r{rnd}"
            tool.fresh(tag)
            for scenario in SCENARIOS:
                prepare(site, scenario)
                m = measure(tool, server, f"{tag}-{scenario}")
                m["check"] = expect(tool.name, scenario, m, m["statuses"], *counts)
                m.update(tool=tool.name, scenario=scenario, latency_ms=latency_ms, round=rnd, server=kind)
                results.append(m)
                log(f"  r{rnd} {tool.name:<18} {scenario:<10} wall {m['wall']:6.2f} s  cpu {m['cpu']:6.2f} s  "
                    f"rss {m['rss_mb']:6.1f} MB  server cpu {m['server_cpu']:5.2f} s  "
                    f"net {m['net_span']:5.2f} s ({m['in_flight']:4.1f} in flight)  load {m['load']:.1f}  {m['check']}")
    server.stop()
    servers.remove(server)
    return results


def run(args, work, servers):
    site = make_site(args, work)
    tools = make_tools(args, work, site)
    results = []
    for latency_ms in [int(x) for x in args.latencies.split(",")]:
        results += run_latency(args, work, site, tools, latency_ms, servers)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print_table(results, args, len(site.manifest["sites"]), site.manifest["articles"], tools)
    failed = [r for r in results if not r["check"].startswith("ok")]
    if args.quick:
        # Say it in one line: ctest shows the end of the output of a failed test.
        print(f"\nquick check {'FAILED' if failed else 'ok'}: {len(results) - len(failed)}/{len(results)} runs "
              f"passed their checks ({', '.join(sorted({t.name for t in tools}))})")
    return 1 if failed else 0



if __name__ == "__main__":
    sys.exit(main())
