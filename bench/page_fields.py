#!/usr/bin/python3
"""Scores the page fields tracker keeps with each version (byline, standfirst, published date)
against the metadata Readability.js gives for Mozilla's test pages (expected-metadata.json),
with a simple baseline in the same run: the page's own <meta name="author">, <meta
name="description"> and <meta property="article:published_time">, read as they are.

What is compared, per field, on the pages where the expected metadata has a value:
  byline      names equal once "By"/"Par"/"Por"/"Von" is taken off, "and"/"und"/"et"/"y"
              read as a comma, punctuation and case ignored (the gold keeps "By" on some pages
              and not on others);
  standfirst  equal text (whitespace and case ignored), only on pages that carry a description
              in their metadata: Readability.js falls back to the first paragraph, which
              tracker already tracks as the body;
  published   the same day (YYYY-MM-DD).
Each field prints right / wrong / missing for tracker and for the baseline, and how many pages
had a value that the gold lacks (not scored: the gold is Readability.js's output, not a
person's, and misses metadata it does not read).

    page_fields.py [--tracker PATH] [--pages-dir DIR] [-j N] [--show-errors]
    page_fields.py --quick [--tracker PATH]   # ctest: a few pages, checks, no score bar

--quick runs a few fixed cases and checks that tracker's JSON has the three fields, that a
page with a byline and a description in its metadata gives both, and that the scoring reads
"By Jane Doe" and "jane doe" as the same byline. Exit status: 2 if the tracker binary is
missing, 1 if a --quick check fails, 0 otherwise. Standard library only.
"""

import argparse
import concurrent.futures
import gzip
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.dont_write_bytecode = True

from extraction_quality import DEFAULT_JOBS, DEFAULT_TRACKER, REPO_ROOT, check_tracker  # noqa: E402
from quick_mode import verdict  # noqa: E402

DEFAULT_PAGES_DIR = REPO_ROOT.parent / "shared" / "data" / "mozilla-readability-test-pages"
QUICK_CASES = ("nytimes-3", "wapo-1", "medicalnewstoday", "parsely-metadata", "001")
FIELDS = ("byline", "standfirst", "published")
GOLD_KEY = {"byline": "byline", "standfirst": "excerpt", "published": "publishedTime"}
LEADS = ("by ", "par ", "por ", "von ")


def normal_byline(value):
    text = re.sub(r"\s+", " ", (value or "")).strip().lower()
    for lead in LEADS:
        if text.startswith(lead):
            text = text[len(lead):]
    text = re.sub(r"\b(and|und|et|y)\b", ",", text)
    return " ".join(re.findall(r"\w+", text))


def normal_text(value):
    return re.sub(r"\s+", " ", (value or "")).strip().lower()


def normal_day(value):
    match = re.match(r"\d{4}-\d{2}-\d{2}", (value or "").strip())
    return match.group(0) if match else ""


NORMALISE = {"byline": normal_byline, "standfirst": normal_text, "published": normal_day}


class MetaReader(HTMLParser):
    """The baseline: the first <meta> author, description and published time, as written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = {}

    def handle_starttag(self, tag, attrs):
        if tag != "meta":
            return
        a = {k: (v or "") for k, v in attrs}
        key = (a.get("name") or a.get("property") or "").lower()
        field = {"author": "byline", "description": "standfirst",
                 "article:published_time": "published"}.get(key)
        if field and a.get("content") and field not in self.found:
            self.found[field] = a["content"]


def baseline(html):
    reader = MetaReader()
    try:
        reader.feed(html)
    except Exception:  # noqa: BLE001  a page the stdlib parser gives up on: no baseline fields
        pass
    return reader.found


def has_description(html):
    return re.search(r"""<meta[^>]+(name|property)=["']?(og:description|description|twitter:description)""",
                     html, re.I) is not None


def run_case(tracker, case_dir):
    raw = gzip.decompress((case_dir / "source.html.gz").read_bytes())
    html = raw.decode("utf-8", "replace")
    gold = json.loads((case_dir / "expected-metadata.json").read_text(encoding="utf-8"))
    proc = subprocess.run([str(tracker), "extract", "-", "--format", "json"], input=raw,
                          capture_output=True, timeout=60)
    try:
        got = json.loads(proc.stdout) if proc.returncode == 0 else {}
    except json.JSONDecodeError:
        got = {}
    return {"case": case_dir.name, "gold": gold, "tracker": got, "baseline": baseline(html),
            "described": has_description(html), "error": proc.returncode != 0}


def score(results):
    """{field: {"tracker": [right, wrong, missing, unjudged], "baseline": [...], "pages": n}}"""
    table = {}
    errors = []
    for field in FIELDS:
        norm = NORMALISE[field]
        row = {"tracker": [0, 0, 0, 0], "baseline": [0, 0, 0, 0], "pages": 0}
        for r in results:
            expected = norm(r["gold"].get(GOLD_KEY[field]))
            if field == "standfirst" and not r["described"]:
                continue
            if expected:
                row["pages"] += 1
            for who, values in (("tracker", r["tracker"]), ("baseline", r["baseline"])):
                value = norm(values.get(field))
                counts = row[who]
                if not expected:
                    counts[3] += 1 if value else 0
                elif not value:
                    counts[2] += 1
                elif value == expected:
                    counts[0] += 1
                else:
                    counts[1] += 1
                if who == "tracker" and expected and value != expected:
                    errors.append((field, r["case"], expected, value))
        table[field] = row
    return table, errors


def print_table(table):
    print(f"{'field':<11} {'pages':>5}  {'':<9} {'right':>5} {'wrong':>5} {'missing':>7} {'accuracy':>8}"
          f"   (a value where the gold has none)")
    for field, row in table.items():
        for who in ("tracker", "baseline"):
            right, wrong, missing, unjudged = row[who]
            accuracy = right / row["pages"] if row["pages"] else 0.0
            label = field if who == "tracker" else ""
            print(f"{label:<11} {row['pages']:>5}  {who:<9} {right:>5} {wrong:>5} {missing:>7} {accuracy:>8.3f}"
                  f"   ({unjudged})")


def quick_checks(results):
    problems = []
    for r in results:
        if r["error"]:
            problems.append(f"{r['case']}: tracker extract failed")
        missing = [f for f in FIELDS if f not in r["tracker"]]
        if missing and not r["error"]:
            problems.append(f"{r['case']}: tracker's JSON lacks {', '.join(missing)}")
    by_case = {r["case"]: r for r in results}
    nytimes = by_case.get("nytimes-3", {}).get("tracker", {})
    if not nytimes.get("byline") or not nytimes.get("standfirst"):
        problems.append("nytimes-3: a page with an author and a description in its metadata gave no byline "
                        "or no standfirst")
    if normal_byline("By Jane  Doe") != normal_byline("jane doe"):
        problems.append("the scoring does not read 'By Jane Doe' and 'jane doe' as one byline")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tracker", type=Path, default=DEFAULT_TRACKER)
    parser.add_argument("--pages-dir", type=Path, default=DEFAULT_PAGES_DIR)
    parser.add_argument("-j", type=int, default=DEFAULT_JOBS)
    parser.add_argument("--show-errors", action="store_true", help="list tracker's wrong and missing values")
    parser.add_argument("--quick", action="store_true", help="what ctest runs: a few cases, checks")
    args = parser.parse_args()
    tracker = check_tracker(args.tracker)
    cases = sorted(p for p in args.pages_dir.iterdir() if (p / "expected-metadata.json").is_file()
                   and (p / "source.html.gz").is_file())
    if args.quick:
        cases = [c for c in cases if c.name in QUICK_CASES]
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        results = list(pool.map(lambda c: run_case(tracker, c), cases))
    table, errors = score(results)
    print(f"page fields: {len(results)} Mozilla test pages from {args.pages_dir}; tracker: {tracker}")
    print("baseline: the page's own <meta name=author>, <meta name=description>, "
          "<meta property=article:published_time> as written")
    print_table(table)
    if args.show_errors:
        for field, case, expected, value in errors:
            print(f"  {field:<10} {case:<40} expected {expected!r:<45} tracker {value!r}")
    if args.quick:
        return 0 if verdict(quick_checks(results), f"{len(results)} pages, fields present") else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
