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

--cpu-bound is the CPU-bound job of issue #16: 500 sites x 2 articles at 0 ms (sites past 253
take addresses past 127.0.0.254), so per-host politeness is not the bound. After the table it
prints per tool the median wall, CPU and peak RSS, and the aims: tracker's wall / the CPU of
tracker[1worker] (--compare-setting 1worker='workers = 1'; aim <= 0.6x) and urlwatch's wall /
tracker's (aim >= 3x); then each tracker's cold CPU per article page against what extracting
those pages costs (extraction_cost.py: bench/extract_speed of tracker's build on the job's own
pages, timed before the runs; aim <= 1.3x). --compare-setting NAME='KEY = VALUE' measures the same binary again as
tracker[NAME] with that line at the top level of its tracker.toml.

--quick is what the test suite runs (ctest bench_run_main_job_quick): 3 feeds x 4 articles,
one round at 0 ms, cold + unchanged + changed + rerendered once, then the CPU-bound job on
4 sites x 1 article, cold + changed, with a --compare-setting variant; on a free port, urlwatch
only if it is installed. It checks what the full run checks and never a time; exit 1 if a
check fails.

The modules beside it: servers.py (nginx, serve.py), served_site.py (reset, change, rerender),
tools.py (tracker, urlwatch), checks.py (what a run must show), report.py (table and aims),
extraction_cost.py (the CPU-per-page aim's yardstick).
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # importing the modules beside it must leave no __pycache__

from checks import SCENARIOS, expect  # noqa: E402
from extraction_cost import extraction_cost  # noqa: E402
from report import SINGLE_THREADED, print_table  # noqa: E402
from served_site import Site  # noqa: E402
from servers import Server, free_port  # noqa: E402
from tools import Tracker, Urlwatch, config_problem  # noqa: E402

HERE = Path(__file__).resolve().parent
PY = "/usr/bin/python3"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracker", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--latencies", help="added ms per request, comma-separated (default 0,100; --cpu-bound: 0)")
    ap.add_argument("--server-0ms", default="nginx", choices=["nginx", "python"],
                    help="server for the 0 ms case (100 ms always uses the python server)")
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--sites", type=int, help="default 50; --cpu-bound: 500")
    ap.add_argument("--articles", type=int, help="articles per site; default 20; --cpu-bound: 2")
    ap.add_argument("--cpu-bound", action="store_true",
                    help="many sites of one or two articles at 0 ms, so per-host politeness is not the bound: "
                         "tracker's wall time, CPU and RSS against urlwatch's and a single-threaded variant's")
    ap.add_argument("--no-urlwatch", action="store_true")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=PATH",
                    help="also measure another tracker binary (e.g. an experimental build) as tracker[NAME]")
    ap.add_argument("--compare-setting", action="append", default=[], metavar="NAME='KEY = VALUE'",
                    help="also measure the same binary as tracker[NAME] with that line at the top level of its "
                         "tracker.toml (repeat a NAME to add more lines); 1worker='workers = 1' is the "
                         "single-threaded variant the --cpu-bound aims use")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir, removed)")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument("--quick", action="store_true",
                    help="what ctest runs: 3 feeds x 4 articles, then a CPU-bound job of 4 sites x 1 article "
                         "(cold and changed, with a --compare-setting variant), one round at 0 ms on a free "
                         "port, urlwatch only if installed; the checks of a full run, no timing assertion. "
                         "With --cpu-bound only the second job")
    args = ap.parse_args()
    if not Path("/usr/bin/time").is_file():
        log("driver.py: /usr/bin/time is missing (apt-get install time)")
        return 2
    try:
        args.variants = compare_settings(args.compare_setting)
    except ValueError as e:
        ap.error(str(e))
    jobs = job_settings(args)

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
        problem = preflight(jobs, work)
        if problem:
            log(f"driver.py: {problem}")
            return 2
        results, names = [], set()
        for job in jobs:
            job_work = work / job.subdir if job.subdir else work
            job_work.mkdir(exist_ok=True)
            job_results, tools = run(job, job_work, servers)
            results += job_results
            names |= {t.name for t in tools}
    finally:
        cleanup()
    failed = [r for r in results if not r["check"].startswith("ok")]
    if args.quick:
        # Say it in one line: ctest shows the end of the output of a failed test.
        print(f"\nquick check {'FAILED' if failed else 'ok'}: {len(results) - len(failed)}/{len(results)} runs "
              f"passed their checks ({', '.join(sorted(names))}; {', '.join(j.title for j in jobs)})")
    return 1 if failed else 0


def compare_settings(specs):
    """{NAME: [line, ...]} from the NAME='KEY = VALUE' of --compare-setting, in order given."""
    variants = {}
    for spec in specs:
        name, _, line = spec.partition("=")
        name, line = name.strip(), line.strip()
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*\s*=\s*\S.*", line):
            raise ValueError(f"--compare-setting {spec!r}: want NAME='KEY = VALUE', e.g. 1worker='workers = 1'")
        variants.setdefault(name, []).append(line)
    return variants



def job_settings(args):
    """The jobs to run, each an argparse namespace: the main job (50 x 20 at 0 and 100 ms) or the
    CPU-bound one (500 x 2 at 0 ms); --quick runs a tiny one of each (only the CPU-bound one with
    --cpu-bound)."""
    if not args.quick:
        job = argparse.Namespace(**vars(args), subdir="", scenarios=SCENARIOS, changed=None, max_templates=0)
        job.sites = job.sites or (500 if args.cpu_bound else 50)
        job.articles = job.articles or (2 if args.cpu_bound else 20)
        job.latencies = job.latencies or ("0" if args.cpu_bound else "0,100")
        job.title = "CPU-bound job" if args.cpu_bound else "main job"
        return [job]
    quick_peers(args)
    port = free_port("127.0.0.2")
    base = dict(vars(args), rounds=1, latencies="0", port=port, changed=0.25)
    main_job = argparse.Namespace(**dict(base, subdir="main-job", title="main job", cpu_bound=False,
                                         sites=3, articles=4, max_templates=4, scenarios=SCENARIOS))
    # 4 sites x 1 article: the CPU-bound code paths (addresses from the manifest, changes spread over
    # sites, a --compare-setting variant, the CPU-bound summary) at the cost of a few runs. The variant
    # is the single-threaded run the aims divide by.
    variants = args.variants or {SINGLE_THREADED: ["workers = 1"]}
    cpu_job = argparse.Namespace(**dict(base, subdir="cpu-bound", title="CPU-bound job", cpu_bound=True,
                                        sites=4, articles=1, max_templates=2, variants=variants,
                                        scenarios=["cold", "changed"]))
    return [cpu_job] if args.cpu_bound else [main_job, cpu_job]


def quick_peers(args):
    """urlwatch and nginx are optional peers of --quick, so a machine without them still checks
    tracker (CI installs nginx, not urlwatch)."""
    if not args.no_urlwatch and shutil.which("urlwatch") is None:
        log("quick: urlwatch is not installed; skipping its side (tracker is still checked)")
        args.no_urlwatch = True
    if args.server_0ms == "nginx" and shutil.which("nginx") is None:
        log("quick: nginx is not installed; serving 0 ms with serve.py")
        args.server_0ms = "python"


def preflight(jobs, work):
    """Every --compare-setting variant's tracker.toml must read, before minutes of site making:
    a build without the key fails here, with tracker's own message."""
    variants = {name: lines for job in jobs for name, lines in job.variants.items()}
    for name, lines in variants.items():
        problem = config_problem(jobs[0].tracker, lines, work / f"preflight-{name}")
        if problem:
            return f"--compare-setting {name}: tracker rejects {' / '.join(lines)!r}: {problem}"
    return None


def make_site(args, work):
    """Generates the site under work/site and keeps a copy of its first version for resets."""
    site_dir = work / "site"
    t0 = time.time()
    gen = [PY, str(HERE / "gen_site.py"), str(site_dir), "--sites", str(args.sites),
           "--articles", str(args.articles), "--port", str(args.port), "--tracker", args.tracker]
    if args.changed is not None:
        gen += ["--changed", str(args.changed)]
    if args.max_templates:
        gen += ["--max-templates", str(args.max_templates)]
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
    for name, lines in args.variants.items():
        tools.append(Tracker(args.tracker, work, site, label=f"[{name}]", settings=lines))
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
            for scenario in args.scenarios:
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
    """One job: its site, every latency, round, tool and scenario, and its table; returns the
    measurements and the tools."""
    site = make_site(args, work)
    tools = make_tools(args, work, site)
    args.extraction = None
    if args.cpu_bound:
        # Before any run, on the quiet machine the runs get: the yardstick of the CPU-per-page aim.
        args.extraction = extraction_cost(args.tracker, site)
        if "missing" in args.extraction:
            log(f"extraction cost: {args.extraction['missing']}: no CPU-per-page aim")
        else:
            log(f"extraction cost: {args.extraction['seconds_per_page'] * 1000:.3f} ms per page over "
                f"{args.extraction['pages']} pages ({args.extraction['binary']})")
    for tool in tools:
        if getattr(tool, "settings", None):
            log(f"{tool.name}: {tool.binary} with {' / '.join(tool.settings)!r} in its tracker.toml")
    results = []
    for latency_ms in [int(x) for x in args.latencies.split(",")]:
        results += run_latency(args, work, site, tools, latency_ms, servers)
    if args.json:
        path = args.json if not args.subdir else args.json.with_name(f"{args.json.stem}-{args.subdir}{args.json.suffix}")
        path.write_text(json.dumps(results, indent=1))
    print_table(results, args, len(site.manifest["sites"]), site.manifest["articles"], tools)
    return results, tools


if __name__ == "__main__":
    sys.exit(main())
