"""The main job's table and aims lines. Part of bench/main_job/driver.py.
"""
import statistics

from checks import SCENARIOS, reported


def med(values):
    return statistics.median(values) if values else float("nan")


def print_table(results, args, n_feeds, n_pages, tools):
    print()
    job = "CPU-bound job" if args.cpu_bound else "Main job"
    print(f"{job}: {n_feeds} feeds x {n_pages // n_feeds} articles; median of {args.rounds} round(s)"
          + (" (wall min-max in brackets)" if args.rounds > 1 else ""))
    summary = print_rows(results)
    print("wall: elapsed; CPU: user+sys of the tool; RSS: peak resident set; srv CPU: the server's user+sys "
          "during the run;\nnet s: first request received to last response sent, at the server; flight: mean "
          "requests in flight over that span;\nload: 1-minute load average after the run (other work on the machine inflates wall times).")
    if args.cpu_bound:
        # printed in the quick mode too, so that its code runs; four pages say nothing of the aims
        print_cpu_bound(summary, [t.name for t in tools], args.quick)
        print_cpu_per_page(summary, n_pages, getattr(args, "extraction", None))
        return
    if args.quick:
        return  # a dozen pages at light load say nothing about the aims; the quick mode checks only
    print_aims(summary, n_feeds, n_pages)


# The --compare-setting variant whose CPU time the CPU-bound aims divide by: all of tracker's work
# on the run's thread (--compare-setting 1worker='workers = 1').
SINGLE_THREADED = "1worker"
# Scenarios whose work is mostly CPU: an unchanged re-run is 304s.
CPU_SCENARIOS = ("cold", "changed", "rerendered")


def ratio(a, b):
    """a / b, or NaN when b is 0: a quick run can finish under the clock's resolution, and its
    figures then have no ratio (NaN compares false, so an aim reads 'missed', never a crash)."""
    return a / b if b > 0 else float("nan")


def print_cpu_bound(summary, names, quick):
    """Per tool and scenario, medians of wall, CPU and peak RSS; then the aims of issue #16: tracker's
    wall time at most 0.6x the single-threaded variant's CPU time, and urlwatch's wall time at least
    3x tracker's. Figures only: nothing here fails a run."""
    print()
    print("CPU-bound: medians per tool" + (" (quick: a handful of pages, the figures say nothing)" if quick else ""))
    print(f"{'latency':>7}  {'tool':<18} {'scenario':<10} {'wall s':>7} {'CPU s':>7} {'CPU/wall':>8} {'RSS MB':>7}")
    for (lat, tool, scen), row in summary.items():
        par = row["cpu"] / row["wall"] if row["wall"] > 0 else float("nan")
        print(f"{lat:>5}ms  {tool:<18} {scen:<10} {row['wall']:7.2f} {row['cpu']:7.2f} {par:8.2f} {row['rss_mb']:7.1f}")
    print("CPU/wall: cores kept busy on average (1.00 = one thread's worth)")
    print()
    print("Aims: tracker wall <= 0.6x the single-threaded variant's CPU (user+sys); urlwatch wall >= 3x tracker wall")
    single = f"tracker[{SINGLE_THREADED}]"
    trackers = [n for n in names if n.startswith("tracker") and n != single]
    for lat in sorted({k[0] for k in summary}):
        for scen in [s for s in CPU_SCENARIOS if (lat, "tracker", s) in summary]:
            one = summary.get((lat, single, scen))
            url = summary.get((lat, "urlwatch", scen))
            if one is None:
                print(f"  {lat} ms {scen}: no single-threaded figure (add --compare-setting {SINGLE_THREADED}='workers = 1')")
            for name in trackers:
                t = summary.get((lat, name, scen))
                if t is None:
                    continue
                if one is not None and one["cpu"] <= 0:
                    # A quick run can finish under the clock's resolution: no ratio to judge.
                    print(f"  {lat} ms {scen}: {single} CPU rounds to 0 s: no ratio")
                elif one is not None:
                    ratio = round(t["wall"] / one["cpu"], 2)  # the verdict of the figure printed
                    print(f"  {lat} ms {scen}: {name} wall {t['wall']:.2f} s / {single} CPU {one['cpu']:.2f} s = "
                          f"{ratio:.2f}x (aim <= 0.6x): {'met' if ratio <= 0.6 else 'missed'}")
                if url is not None and t["wall"] <= 0:
                    print(f"  {lat} ms {scen}: {name} wall rounds to 0 s: no ratio")
                elif url is not None:
                    speed = round(url["wall"] / t["wall"], 2)
                    print(f"  {lat} ms {scen}: urlwatch wall {url['wall']:.2f} s / {name} wall {t['wall']:.2f} s = "
                          f"{speed:.2f}x faster (aim >= 3x): {'met' if speed >= 3 else 'missed'}")
            if url is None:
                print(f"  {lat} ms {scen}: no urlwatch figure")


def print_cpu_per_page(summary, n_pages, extraction):
    """Issue #16's aim for the cold run: CPU per article page at most 1.3x what extracting that
    page costs (bench/extract_speed on the job's own pages, measured before the runs). The CPU
    includes everything a cold run does: feeds, fetching, claims, compressing, storing."""
    print()
    if not extraction or "missing" in extraction:
        reason = extraction["missing"] if extraction else "not measured"
        print(f"Aim: cold CPU per page <= 1.3x its extraction: {reason}")
        return
    per_page = extraction["seconds_per_page"]
    print(f"Aim: cold CPU per page <= 1.3x its extraction ({per_page * 1000:.3f} ms a page, "
          f"extract_speed median over {extraction['pages']} pages)")
    for (lat, tool, scen), row in summary.items():
        if scen != "cold" or not tool.startswith("tracker"):
            continue
        cpu_per_page = row["cpu"] / n_pages
        share = round(ratio(cpu_per_page, per_page), 2)
        print(f"  {lat} ms cold: {tool} CPU {row['cpu']:.2f} s / {n_pages} pages = {cpu_per_page * 1000:.3f} ms "
              f"= {share:.2f}x (aim <= 1.3x): {'met' if share <= 1.3 else 'missed'}")


def print_rows(results):
    """One row per (latency, tool, scenario), medians over the rounds; returns those medians."""
    print(f"{'latency':>7}  {'tool':<18} {'scenario':<10} {'wall s':>21} {'CPU s':>6} {'user':>6} {'sys':>5} "
          f"{'RSS MB':>7} {'srv CPU':>7} {'net s':>6} {'flight':>6} {'load':>5}  {'HTTP 200/304':>12}  check")
    keys = []
    for r in results:
        k = (r["latency_ms"], r["tool"], r["scenario"])
        if k not in keys:
            keys.append(k)
    summary = {}
    for k in keys:
        rs = [r for r in results if (r["latency_ms"], r["tool"], r["scenario"]) == k]
        wall = [r["wall"] for r in rs]
        row = {f: med([r[f] for r in rs]) for f in ("wall", "cpu", "user", "sys", "rss_mb", "server_cpu",
                                                      "net_span", "in_flight", "load")}
        row["docs"] = med([reported(r["tool"], r["scenario"], r["report"]) for r in rs])
        summary[k] = row
        wall_s = f"{row['wall']:.2f}" + (f" [{min(wall):.2f}-{max(wall):.2f}]" if len(rs) > 1 else "")
        n200 = med([r["statuses"].get("page 200", 0) + r["statuses"].get("feed 200", 0) for r in rs])
        n304 = med([r["statuses"].get("page 304", 0) + r["statuses"].get("feed 304", 0) for r in rs])
        checks = sorted(set(r["check"] for r in rs))
        print(f"{k[0]:>5}ms  {k[1]:<18} {k[2]:<10} {wall_s:>21} {row['cpu']:6.2f} {row['user']:6.2f} {row['sys']:5.2f} "
              f"{row['rss_mb']:7.1f} {row['server_cpu']:7.2f} {row['net_span']:6.2f} {row['in_flight']:6.1f} {row['load']:5.1f}  "
              f"{n200:>5.0f}/{n304:<6.0f}  {' | '.join(checks)}")
    return summary


def print_aims(summary, n_feeds, n_pages):
    """The aims of the issue, per latency, and what the re-rendered pages cost each tool."""
    print()
    print("Aims")
    for lat in sorted({k[0] for k in summary}):
        t = summary.get((lat, "tracker", "cold"))
        u = summary.get((lat, "urlwatch", "cold"))
        if t is None:
            continue
        if lat > 0:
            print_network_aim(summary, lat, t, u, n_feeds, n_pages)
        elif u:
            print_speed_aim(t, u, n_pages // n_feeds)
        un = summary.get((lat, "tracker", "unchanged"))
        if un:
            share = ratio(un["cpu"], t["cpu"])
            print(f"  {lat} ms: tracker unchanged re-run CPU {un['cpu']:.2f} s = {100 * share:.1f}% of cold "
                  f"{t['cpu']:.2f} s (aim < 10%): {'met' if share < 0.10 else 'missed'}")
        print_rerendered(summary, lat, t, n_pages)
    peak = max((v["rss_mb"], k) for k, v in summary.items() if k[1] == "tracker")
    print(f"  tracker peak RSS, largest median over all rows: {peak[0]:.1f} MB ({peak[1][0]} ms, {peak[1][2]}) "
          f"(aim < 64 MB): {'met' if peak[0] < 64 else 'missed'}")


# tracker's fetcher defaults, as the network bound of the 100 ms aim needs them
PER_HOST, CONCURRENCY, HOST_DELAY = 2, 16, 0.25


def print_network_aim(summary, lat, t, u, n_feeds, n_pages):
    per_site = n_pages // n_feeds
    L = lat / 1000
    reach = min(CONCURRENCY, PER_HOST * n_feeds)
    requests = n_feeds + n_pages
    conc_bound = requests * L / reach
    host_bound = L + (per_site - 1) * HOST_DELAY + L  # feed, then 20 starts 250 ms apart
    bound = max(conc_bound, host_bound)
    verdict = "met" if t["wall"] <= 1.3 * bound else "missed"
    print(f"  {lat} ms: network bound = max(requests x latency / min({CONCURRENCY}, {PER_HOST} x {n_feeds} hosts), "
          f"feed + ({per_site}-1) x {HOST_DELAY * 1000:.0f} ms + latency) = max({requests} x {L:g} / {reach} = "
          f"{conc_bound:.2f} s, {host_bound:.2f} s) = {bound:.2f} s")
    print(f"         tracker cold {t['wall']:.2f} s = {ratio(t['wall'], bound):.2f}x the bound (aim <= 1.3x, "
          f"{1.3 * bound:.2f} s): {verdict}")
    for scen in SCENARIOS:
        x = summary.get((lat, "tracker", scen))
        if x:
            print(f"         tracker {scen:<10}: network phase at the server {x['net_span']:.2f} s = "
                  f"{ratio(x['net_span'], bound):.2f}x the bound, {x['in_flight']:.1f} requests in flight on "
                  f"average (of {reach}); wall - network phase = {x['wall'] - x['net_span']:.2f} s")
    if u:
        ub = n_pages * L / 10
        print(f"         (urlwatch: {n_pages} x {L:g} / 10 workers = {ub:.2f} s; its cold run "
              f"{u['wall']:.2f} s = {ratio(u['wall'], ub):.2f}x)")


def print_speed_aim(t, u, per_site):
    print(f"  0 ms: tracker cold: network phase at the server {t['net_span']:.2f} s, then "
          f"{t['wall'] - t['net_span']:.2f} s more until exit; CPU {t['cpu']:.2f} s")
    speed = ratio(u["wall"], t["wall"])
    print(f"  0 ms: urlwatch cold {u['wall']:.2f} s / tracker cold {t['wall']:.2f} s = {speed:.1f}x faster "
          f"(aim >= 10x): {'met' if speed >= 10 else 'missed'}; politeness alone needs "
          f"({per_site}-1) x {HOST_DELAY * 1000:.0f} ms = {(per_site - 1) * HOST_DELAY:.2f} s per host")


def print_rerendered(summary, lat, t, n_pages):
    """No aim of the issue: what it costs when every page comes back as new bytes with the same
    article, and how many of those pages each tool reports as changed (tracker must report none;
    the check fails otherwise)."""
    rr = summary.get((lat, "tracker", "rerendered"))
    if rr:
        print(f"  {lat} ms: tracker rerendered re-run CPU {rr['cpu']:.2f} s = {100 * ratio(rr['cpu'], t['cpu']):.1f}% of cold "
              f"{t['cpu']:.2f} s; {rr['docs']:.0f} of {n_pages} re-rendered pages reported with changes")
    ur = summary.get((lat, "urlwatch", "rerendered"))
    if ur:
        uc = summary.get((lat, "urlwatch", "cold"))
        print(f"  {lat} ms: urlwatch rerendered: {ur['docs']:.0f} CHANGED of {n_pages} re-rendered pages "
              f"(same article text, new clock line); CPU {ur['cpu']:.2f} s = {100 * ratio(ur['cpu'], uc['cpu']):.1f}% of its cold {uc['cpu']:.2f} s")
