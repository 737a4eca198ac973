"""The measured tools: tracker (and variants) and urlwatch, each run under /usr/bin/time with
what its own report says. Part of bench/main_job/driver.py.
"""
import json
import os
import re
import subprocess
from pathlib import Path


def timed(cmd, out, err, env=None, cwd=None):
    tfile = str(out) + ".time"
    full = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tfile, "--"] + cmd
    with open(out, "wb") as o, open(err, "wb") as e:
        rc = subprocess.run(full, stdout=o, stderr=e, env=env, cwd=cwd).returncode
    wall, user, sys_, rss = Path(tfile).read_text().strip().splitlines()[-1].split()
    return {"rc": rc, "wall": float(wall), "user": float(user), "sys": float(sys_),
            "cpu": float(user) + float(sys_), "rss_mb": int(rss) / 1024}


class SummaryError(Exception):
    """The run's summary line is missing or lacks a count the checks need."""


# The counts the checks read from the summary line, by the label `tracker run` prints after
# each number. The line is read as "N label, N label, ..." so that a count added later (as
# "not due" was) does not break it; a renamed or missing one is an error naming the line.
SUMMARY_COUNTS = {"sources": "sources", "pages fetched": "fetched", "not modified": "not_modified",
                  "new documents": "new_docs", "claim changes": "claim_changes"}


def parse_summary(stderr_text):
    """The counts of the last summary line of `tracker -v run` ('50 sources, 1000 pages
    fetched, ...'). Raises SummaryError with the line it could not read."""
    lines = [line for line in stderr_text.splitlines() if re.search(r"\d+ sources, \d+ pages fetched", line)]
    if not lines:
        tail = " | ".join(stderr_text.strip().splitlines()[-3:])
        raise SummaryError(f"no summary line ('N sources, N pages fetched, ...') in stderr; it ends: {tail!r}")
    line = lines[-1]
    body = line[re.search(r"\d+ sources, ", line).start():]
    counts = {}
    for part in body.split(", "):
        m = re.fullmatch(r"(\d+) ([a-z][a-z ]*[a-z])", part.strip())
        if not m:
            raise SummaryError(f"cannot read {part.strip()!r} of the summary line {line!r}")
        counts[m.group(2)] = int(m.group(1))
    missing = [label for label in SUMMARY_COUNTS if label not in counts]
    if missing:
        raise SummaryError(f"the summary line {line!r} has no {', '.join(repr(m) for m in missing)}")
    return {key: counts[label] for label, key in SUMMARY_COUNTS.items()}


def config_text(settings, limits=""):
    """tracker.toml: the --compare-setting lines first (top-level keys must precede a table)."""
    return "".join(f"{line}\n" for line in settings) + 'watch = ["sites.toml"]\nstore = "store.db"\n' + (
        f"[limits]\n{limits}\n" if limits else "")


def config_problem(binary, settings, work):
    """What `tracker status` says of a tracker.toml with these settings and one source, or None if
    it reads it: an unknown key (a build without `workers`) fails here, before the site is made."""
    work.mkdir(parents=True, exist_ok=True)
    (work / "sites.toml").write_text('[[source]]\nname = "check"\nurl = "http://127.0.0.2/feed.xml"\n'
                                     'kind = "feed"\ninterval = "1m"\n')
    (work / "tracker.toml").write_text(config_text(settings))
    out = subprocess.run([binary, "status", "--config", str(work / "tracker.toml"), "--store",
                          str(work / "store.db")], capture_output=True, text=True)
    return None if out.returncode == 0 else (out.stderr.strip() or f"exit {out.returncode}")


class Tracker:
    name = "tracker"

    def __init__(self, binary, work, site, label="", limits="", settings=()):
        """`settings`: lines added at the top level of its tracker.toml (--compare-setting)."""
        self.binary = binary
        safe = re.sub(r"[^A-Za-z0-9_.-]", "", label)  # no glob characters in the watch path
        self.dir = work / (f"tracker-{safe}" if safe else "tracker")
        self.dir.mkdir(exist_ok=True)
        self.name = "tracker" + label
        self.settings = list(settings)
        lines = []
        for n, s in enumerate(site.manifest["sites"], start=1):
            lines += ["[[source]]", f'name = "site-{n}"', f'url = "{s["feed"]}"', 'kind = "feed"',
                      'interval = "1m"', ""]
        (self.dir / "sites.toml").write_text("\n".join(lines))
        (self.dir / "tracker.toml").write_text(config_text(self.settings, limits))
        self.store = None

    def fresh(self, tag):
        self.store = self.dir / f"store-{tag}.db"
        for suffix in ("", "-wal", "-shm", ".lock"):
            p = Path(str(self.store) + suffix)
            if p.exists():
                p.unlink()

    def run(self, tag):
        out, err = self.dir / f"{tag}.json", self.dir / f"{tag}.err"
        m = timed([self.binary, "-v", "run", "--config", str(self.dir / "tracker.toml"),
                   "--store", str(self.store), "--all", "--format", "json", "--color", "never"], out, err)
        m["report"] = self.check(out, err)
        return m

    def check(self, out, err):
        text = err.read_text(errors="replace")
        try:
            r = parse_summary(text)
        except SummaryError as e:
            r = {"summary_error": str(e)}
        try:
            data = json.loads(out.read_text() or "{}")
        except json.JSONDecodeError:
            data = {}
        docs = data.get("documents", [])
        r["docs_changed"] = sum(1 for d in docs if not d.get("first_version") and d.get("changes"))
        r["changed_urls"] = sorted(d.get("url") for d in docs if not d.get("first_version") and d.get("changes"))
        r["page_errors"] = len(data.get("page_errors", []))
        r["warnings"] = len(re.findall(r"\bwarn|\berror", text))
        return r


class Urlwatch:
    name = "urlwatch"

    def __init__(self, work, site):
        self.dir = work / "urlwatch"
        self.home = work / "home"
        self.dir.mkdir(exist_ok=True)
        self.home.mkdir(exist_ok=True)
        jobs = []
        for s in site.manifest["sites"]:
            for url in s["articles"]:
                jobs.append(f'name: "{url.split("//", 1)[1]}"\nurl: "{url}"\nfilter:\n  - html2text\n')
        (self.dir / "urls.yaml").write_text("---\n".join(jobs))
        (self.dir / "urlwatch.yaml").write_text(
            "display:\n  new: true\n  error: true\n  unchanged: false\n  empty-diff: true\n"
            "report:\n  text:\n    line_length: 75\n    details: true\n    footer: true\n    minimal: false\n"
            "  stdout:\n    enabled: true\n    color: false\n  email:\n    enabled: false\n")
        self.env = dict(os.environ, HOME=str(self.home), XDG_CONFIG_HOME=str(self.home / ".config"),
                        XDG_CACHE_HOME=str(self.home / ".cache"), http_proxy="", https_proxy="",
                        HTTP_PROXY="", HTTPS_PROXY="", PYTHONDONTWRITEBYTECODE="1")
        self.cache = None

    def fresh(self, tag):
        self.cache = self.dir / f"cache-{tag}.db"
        if self.cache.exists():
            self.cache.unlink()

    def run(self, tag):
        out, err = self.dir / f"{tag}.out", self.dir / f"{tag}.err"
        m = timed(["urlwatch", "--urls", str(self.dir / "urls.yaml"), "--config", str(self.dir / "urlwatch.yaml"),
                   "--hooks", str(self.dir / "hooks.py"), "--cache", str(self.cache)],
                  out, err, env=self.env, cwd=str(self.dir))
        text = out.read_text(errors="replace")
        m["report"] = {k: len(re.findall(rf"^\d+\. {k.upper()}: ", text, re.M)) for k in ("new", "changed", "error")}
        return m

