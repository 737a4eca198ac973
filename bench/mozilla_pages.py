#!/usr/bin/python3
"""Compare `tracker extract` with Readability.js's expected output on Mozilla's test pages.

For every case directory, the expected text is all text of expected.html.gz (the
cleaned article Readability.js produced) and the actual text is the `text` field of
`tracker extract source.html --format json`. Both are compared as whitespace-split
word sequences: a case matches when the sequences are identical, and a per-case
difflib similarity ratio shows how close the others are.

    mozilla_pages.py [--tracker PATH] [--pages-dir DIR] [-j N] [--worst N]
    mozilla_pages.py --quick [--tracker PATH]    # ctest: 5 fixed cases, checks, no score bar

--quick runs 5 fixed cases and checks that each gave text, that both texts have words and
are at least half alike (a sanity floor far below these cases' 0.98 to 1.0, not a score
bar), and that a text compared with itself is identical.
Exit status: 2 if the tracker binary is missing, 1 if a --quick check fails, 0 otherwise.
"""

import argparse
import concurrent.futures
import difflib
import gzip
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from extraction_quality import (  # noqa: E402  (after the bytecode switch on purpose)
    DEFAULT_JOBS, DEFAULT_TRACKER, REPO_ROOT, check_tracker, run_extract)
from quick_mode import verdict  # noqa: E402

DEFAULT_PAGES_DIR = REPO_ROOT.parent / "shared" / "data" / "mozilla-readability-test-pages"
THRESHOLDS = (0.95, 0.90)
# --quick: short and long pages, a metadata case and a markup-cleaning case.
QUICK_CASES = ("001", "003-metadata-preferred", "basic-tags-cleaning", "bbc-1", "aclu")
# Not a score bar (these cases are at 0.98 to 1.0): below it the text came from the wrong place.
QUICK_SANITY_RATIO = 0.5

# SequenceMatcher.ratio() is quadratic-ish on long word lists that share many common
# words but differ a lot (seconds to minutes). Above this many len(a)*len(b) pairs we
# first take quick_ratio(), a cheap upper bound of ratio(): if the bound is already
# below the lowest threshold, the threshold counts are unaffected, and the bound is
# reported (marked "<=") instead of the exact value.
EXACT_RATIO_MAX_PAIRS = 4_000_000

# Elements whose boundaries separate words. textContent would glue "end.</p><p>Start"
# into one word, while an extractor rightly emits a paragraph break there; inline
# elements (<a>, <em>, ...) are glued as textContent does.
_BLOCK_TAGS = frozenset("""
    address article aside blockquote br caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre
    section summary table tbody td tfoot th thead tr ul
""".split())


class _TextCollector(HTMLParser):
    """All text nodes of a document, with a space at block-element boundaries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def expected_words(case_dir):
    collector = _TextCollector()
    collector.feed(gzip.decompress((case_dir / "expected.html.gz").read_bytes()).decode("utf-8"))
    collector.close()
    return "".join(collector.parts).split()


def similarity(expected, got):
    """Return (ratio, is_upper_bound) of two word lists; see EXACT_RATIO_MAX_PAIRS."""
    if expected == got:
        return 1.0, False
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    if len(expected) * len(got) > EXACT_RATIO_MAX_PAIRS:
        bound = matcher.quick_ratio()
        if bound < min(THRESHOLDS):
            return bound, True
    return matcher.ratio(), False


def compare_case(tracker, case_dir, workdir, timeout):
    """Worker: extract one case and compare it with the expected words."""
    text, error = run_extract(tracker, case_dir / "source.html.gz", workdir,
                              f"{case_dir.name}.html", timeout)
    expected, got = expected_words(case_dir), text.split()
    ratio, is_bound = similarity(expected, got)
    return {"case": case_dir.name, "error": error, "exact": expected == got,
            "ratio": ratio, "is_bound": is_bound,
            "expected_words": len(expected), "got_words": len(got)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tracker", type=Path, default=DEFAULT_TRACKER,
                        help="tracker binary (default: %(default)s)")
    parser.add_argument("--pages-dir", type=Path, default=DEFAULT_PAGES_DIR,
                        help="mozilla-readability-test-pages folder (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=DEFAULT_JOBS,
                        help="parallel workers (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds before one page counts as failed (default: %(default)s)")
    parser.add_argument("--worst", type=int, default=15, metavar="N",
                        help="how many worst cases to list (default: %(default)s)")
    parser.add_argument("--quick", action="store_true",
                        help=f"what ctest runs: {len(QUICK_CASES)} fixed cases, checks, no score bar")
    args = parser.parse_args()
    tracker = check_tracker(args.tracker)

    cases = sorted(d for d in args.pages_dir.iterdir() if (d / "source.html.gz").is_file())
    if args.quick:
        cases = [d for d in cases if d.name in QUICK_CASES]
    started = time.monotonic()
    # Processes, not threads: the word-list comparison is CPU-bound Python.
    with tempfile.TemporaryDirectory(prefix="tracker-mozilla-") as workdir, \
            concurrent.futures.ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(compare_case, [tracker] * len(cases), cases,
                                [workdir] * len(cases), [args.timeout] * len(cases)))
    wall = time.monotonic() - started

    n = len(results)
    print(f"tracker {tracker}: {n} cases in {wall:.1f} s with -j {args.jobs}")
    print(f"identical word sequence  {sum(r['exact'] for r in results):>4}/{n}")
    for threshold in THRESHOLDS:
        count = sum(r["ratio"] >= threshold for r in results)
        print(f"similarity ratio >= {threshold:.2f}  {count:>4}/{n}")

    failures = [r for r in results if r["error"]]
    if failures:
        print(f"\nfailures ({len(failures)}, compared as empty text):")
        for r in failures:
            print(f"  {r['case']:<40} {r['error']}")

    print(f"\nworst {args.worst} cases by similarity ratio (words = expected/got):")
    print(f"  {'ratio':<7}{'words':>13}  case")
    for r in sorted(results, key=lambda r: (r["ratio"], r["case"]))[:args.worst]:
        ratio = ("<=" if r["is_bound"] else "") + f"{r['ratio']:.3f}"
        words = f"{r['expected_words']}/{r['got_words']}"
        print(f"  {ratio:<7}{words:>13}  {r['case']}")
    if args.quick:
        return 0 if quick_check(args.pages_dir, results) else 1
    return 0


def quick_check(pages_dir, results):
    """--quick: the run and the comparison did what the benchmark needs, whatever the ratios."""
    problems = []
    found = {r["case"] for r in results}
    problems += [f"{case}: no such case in {pages_dir}" for case in QUICK_CASES if case not in found]
    for r in results:
        if r["error"]:
            problems.append(f"{r['case']}: {r['error']}")
        elif not r["expected_words"] or not r["got_words"]:
            problems.append(f"{r['case']}: {r['expected_words']} expected / {r['got_words']} words")
        elif r["ratio"] < QUICK_SANITY_RATIO:
            problems.append(f"{r['case']}: similarity {r['ratio']:.3f} < {QUICK_SANITY_RATIO}: "
                            f"the text is not the article Readability found")
    words = expected_words(pages_dir / QUICK_CASES[0])
    if similarity(words, list(words)) != (1.0, False):
        problems.append("a word list compared with itself is not identical")
    return verdict(problems, f"{len(results)} cases, every run gave text at least "
                             f"{QUICK_SANITY_RATIO} alike to Readability's")


if __name__ == "__main__":
    sys.exit(main())
