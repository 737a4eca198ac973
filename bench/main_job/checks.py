"""The main job's scenarios and what each run must show at the server and in the tool's report.
Part of bench/main_job/driver.py.
"""

# Each round runs these in order on one store or cache. rerendered comes last, after changed,
# because a scenario's figures depend on the runs before it: with rerendered before changed,
# urlwatch's changed run took 9.8 s of CPU (4.5 s sys) instead of 5.4 s (2.1 s sys), one round
# each at 0 ms and load 5 to 6, so the changed row would not compare with earlier figures.
# rerendered re-renders what is served then (900 first versions, 100 revised ones): the text
# each tool last saw.
SCENARIOS = ["cold", "unchanged", "changed", "rerendered"]


def expected_statuses(tool, scenario, n_feeds, n_pages, n_changed):
    """What the server must log for the run: urlwatch fetches no feed. The re-rendered pages
    are new bytes with a new ETag and Last-Modified, so all of them are 200s again."""
    feeds = n_feeds if tool.startswith("tracker") else 0
    return {"cold": {"page 200": n_pages, "feed 200": feeds},
            "unchanged": {"page 304": n_pages, "feed 304": feeds},
            "rerendered": {"page 200": n_pages, "feed 304": feeds},
            "changed": {"page 200": n_changed, "page 304": n_pages - n_changed, "feed 304": feeds}}[scenario]


def tracker_problems(scenario, r, n_pages, n_changed):
    """tracker must report every page new after cold, exactly the revised ones after changed,
    and nothing after unchanged or rerendered: a re-rendered page has the same article text."""
    problems = []
    if "summary_error" in r:
        problems.append(r["summary_error"])
    elif scenario == "cold" and r.get("new_docs") != n_pages:
        problems.append(f"new documents {r.get('new_docs')}")
    if scenario == "changed" and r.get("docs_changed") != n_changed:
        problems.append(f"documents with changes {r.get('docs_changed')} (want {n_changed})")
    if scenario in ("unchanged", "rerendered") and r.get("docs_changed"):
        problems.append(f"documents with changes {r.get('docs_changed')}")
    if r.get("page_errors"):
        problems.append(f"page errors {r['page_errors']}")
    return problems


def urlwatch_problems(scenario, r, n_pages, n_changed):
    """urlwatch's CHANGED count after rerendered is not checked: it diffs the page's visible
    text, clock line included, so it is the noise the scenario measures, not a failure."""
    problems = []
    if scenario == "cold" and r["new"] != n_pages:
        problems.append(f"NEW {r['new']}")
    if scenario == "changed" and r["changed"] != n_changed:
        problems.append(f"CHANGED {r['changed']} (want {n_changed})")
    if scenario == "unchanged" and r["changed"]:
        problems.append(f"CHANGED {r['changed']}")
    if r["error"]:
        problems.append(f"ERROR {r['error']}")
    return problems


def reported(tool, scenario, r):
    """The documents the tool reported: new ones after cold, else those with changes."""
    if tool.startswith("tracker"):
        return r.get("new_docs", 0) if scenario == "cold" else r.get("docs_changed", 0)
    return r["new"] if scenario == "cold" else r["changed"]


def expect(tool, scenario, m, statuses, n_feeds, n_pages, n_changed):
    """A short verdict on whether the run did what the scenario needs."""
    problems = []
    want = expected_statuses(tool, scenario, n_feeds, n_pages, n_changed)
    for k, v in want.items():
        if statuses.get(k, 0) != v:
            problems.append(f"server {k}: {statuses.get(k, 0)} (want {v})")
    extra = {k: v for k, v in statuses.items() if k not in want and v}
    if extra:
        problems.append(f"unexpected {extra}")
    if m["rc"] != 0:
        problems.append(f"exit {m['rc']}")
    check = tracker_problems if tool.startswith("tracker") else urlwatch_problems
    problems += check(scenario, m["report"], n_pages, n_changed)
    seen = f"docs {reported(tool, scenario, m['report'])}"
    return ("ok " + seen) if not problems else "CHECK: " + "; ".join(problems)

