#!/usr/bin/python3
"""Speed baseline: readability-lxml over the 181 article-extraction-benchmark pages.

All pages are decompressed and decoded into memory first, so the timed loop is only
`readability.Document(html).summary()`. The pages are passed as str (they are all
UTF-8): given bytes, readability sniffs the charset and may fall back to the
pure-Python chardet, which would measure chardet rather than readability. This is the
favourable case for the baseline.

    readability_baseline.py [--runs N] [--json] [--benchmark-dir DIR]
    readability_baseline.py --quick     # ctest: 3 pages, one run, checks, no timing
    readability_baseline.py --predict OUT.json [--keys KEYS.json] [--benchmark-dir DIR]

--predict writes readability-lxml's text of each page (all pages, or the ids listed in
KEYS.json) as {id: {"articleBody": text}}, the predictions format of score_extraction.py;
extraction_quality.py --readability uses it to score the baseline on the same pages as the
tracker, in the same run. Pages are given as raw bytes, so readability decodes them as it
would a fetched page (the dragnet pages are not all UTF-8).

Needs Debian's python3-readability, which is only importable by /usr/bin/python3.
--quick checks that every page gives a non-empty summary (exit 1 if not); without
python3-readability it exits with status 77, which ctest reports as skipped: the package
is an optional peer that CI does not install.
"""

import argparse
import gzip
import importlib.metadata
import json
import statistics
import sys
import time
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from quick_mode import verdict  # noqa: E402  (after the bytecode switch on purpose)

try:
    import readability
except ImportError:
    readability = None  # main() says so; --quick reports a skip

MISSING_READABILITY = ("module `readability` not found; it is Debian's python3-readability, "
                       "run this script with /usr/bin/python3")
EXIT_SKIPPED = 77  # ctest's SKIP_RETURN_CODE for this test
QUICK_PAGES = 3

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCHMARK_DIR = REPO_ROOT.parent / "shared" / "data" / "article-extraction-benchmark"


def load_pages(benchmark_dir, limit=None):
    """Return [(item_id, html_str)] and the total decompressed size in bytes (of the first
    `limit` pages by name, if given)."""
    pages, total_bytes = [], 0
    for path in sorted((benchmark_dir / "html").glob("*.html.gz"))[:limit]:
        raw = gzip.decompress(path.read_bytes())
        total_bytes += len(raw)
        pages.append((path.name.removesuffix(".html.gz"), raw.decode("utf-8")))
    return pages, total_bytes


def timed_run(pages):
    """Extract every page once; return (seconds, ids of pages that raised)."""
    failed = []
    started = time.perf_counter()
    for item_id, html in pages:
        try:
            readability.Document(html).summary()
        except Exception:  # a baseline page failure is counted, not fatal
            failed.append(item_id)
    return time.perf_counter() - started, failed


def quick_check(benchmark_dir):
    """--quick: readability reads a few pages into non-empty summaries. 0 if it does, else 1."""
    pages, _ = load_pages(benchmark_dir, QUICK_PAGES)
    problems = [] if len(pages) == QUICK_PAGES else [f"{len(pages)} pages under {benchmark_dir}"]
    for item_id, html in pages:
        try:
            if not readability.Document(html).summary().strip():
                problems.append(f"{item_id}: empty summary")
        except Exception as e:  # the check reports what the timed runs would only count
            problems.append(f"{item_id}: {type(e).__name__}: {e}")
    version = importlib.metadata.version("readability-lxml")
    return 0 if verdict(problems, f"readability-lxml {version} summarised {len(pages)} pages") else 1


# Block elements end a line in the text, so that words of adjacent paragraphs or cells are not
# glued into one token ("end</p><p>Next" must not score as "endNext").
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
              "tr", "td", "th", "dd", "dt", "figcaption", "section", "article", "table", "ul",
              "ol"}


def summary_text(raw_html):
    """readability-lxml's article as plain text, one block per line ("" if it fails)."""
    import lxml.html  # readability depends on lxml, so it is there when readability is
    try:
        root = lxml.html.fromstring(readability.Document(raw_html).summary(html_partial=True))
    except Exception:  # a baseline page failure scores as an empty prediction
        return ""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def write_predictions(benchmark_dir, keys_path, out_path):
    """--predict: readability's text of every page (or of the ids in keys_path) as JSON."""
    if keys_path:
        keys = json.loads(keys_path.read_text(encoding="utf-8"))
    else:
        keys = sorted(path.name.removesuffix(".html.gz")
                      for path in (benchmark_dir / "html").glob("*.html.gz"))
    predictions = {key: {"articleBody": summary_text(
                       gzip.decompress((benchmark_dir / "html" / f"{key}.html.gz").read_bytes()))}
                   for key in keys}
    out_path.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    return 0


def _positive_int(value):
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--benchmark-dir", type=Path, default=DEFAULT_BENCHMARK_DIR,
                        help="article-extraction-benchmark folder (default: %(default)s)")
    parser.add_argument("--runs", type=_positive_int, default=5,
                        help="timed passes over all pages; the median is reported "
                             "(default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--quick", action="store_true",
                        help=f"what ctest runs: {QUICK_PAGES} pages, one run, checks the summaries")
    parser.add_argument("--predict", type=Path, metavar="OUT",
                        help="write readability's text of each page to OUT as predictions JSON")
    parser.add_argument("--keys", type=Path, metavar="KEYS",
                        help="with --predict: a JSON list of the page ids to read")
    args = parser.parse_args()
    if args.keys and not args.predict:
        parser.error("--keys needs --predict")
    if readability is None:
        if args.quick:
            print(f"skipped: {MISSING_READABILITY}")
            return EXIT_SKIPPED
        sys.exit(f"error: {MISSING_READABILITY}")
    if args.quick:
        return quick_check(args.benchmark_dir)
    if args.predict:
        return write_predictions(args.benchmark_dir, args.keys, args.predict)

    pages, total_bytes = load_pages(args.benchmark_dir)
    if not pages:
        sys.exit(f"error: no html/*.html.gz pages under {args.benchmark_dir}")
    runs, failed = [], set()
    for _ in range(args.runs):
        seconds, run_failed = timed_run(pages)
        runs.append(seconds)
        failed.update(run_failed)
    median = statistics.median(runs)
    result = {
        "extractor": "readability-lxml",
        "version": importlib.metadata.version("readability-lxml"),
        "pages": len(pages),
        "bytes": total_bytes,
        "runs": args.runs,
        "run_seconds": [round(s, 4) for s in runs],
        "median_seconds": round(median, 4),
        "pages_per_s": round(len(pages) / median, 2),
        "mb_per_s": round(total_bytes / 1e6 / median, 3),
        "failed_pages": sorted(failed),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"readability-lxml  pages/s={len(pages) / median:.1f}  "
          f"MB/s={total_bytes / 1e6 / median:.2f}  (median of {args.runs} runs)")
    print(f"  version {result['version']}, {len(pages)} pages, {total_bytes / 1e6:.2f} MB, "
          f"runs (s): {' '.join(f'{s:.2f}' for s in runs)}, failed pages: {len(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
