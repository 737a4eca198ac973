#!/usr/bin/python3
"""Run `tracker extract` over the 181 article-extraction-benchmark pages and score it.

Prints the corpus F1/precision/recall/accuracy (same metric as the published
table, via score_extraction.py), the pages the tracker failed on, and the worst
items by per-item F1 with their P and R: low P means boilerplate leaked into the
text, low R means article text was lost.

    extraction_quality.py [--tracker PATH] [-j N] [--save PRED.json]
                          [--min-f1 X] [--min-precision Y]
    extraction_quality.py --item ID_PREFIX     # gold vs predicted paragraphs, as a diff
    extraction_quality.py --quick [--tracker PATH]   # ctest: 5 pages, checks, no score bar
    extraction_quality.py --benchmark-dir ../shared/data/dragnet-extraction-data \
                          --split test --readability   # the hold-out split, baseline beside

--split keeps the pages whose ground truth has that `split` (dragnet: train, test): develop
on train, report test. --readability also scores readability-lxml (Debian's
python3-readability, run by /usr/bin/python3) on the same pages in the same run, and
counts the pages where each extractor is clearly better.

--quick runs the first 5 pages (by id) and checks that each gave valid JSON with text that
shares words with the gold article, and that the scores are well-formed; it never asserts a
score. Exit status: 2 if the tracker binary is missing, 1 if a --min-* threshold is not
met or a --quick check fails, 0 otherwise (a low score alone is not an error).
"""

import argparse
import concurrent.futures
import difflib
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from score_extraction import (  # noqa: E402  (after the bytecode switch on purpose)
    DEFAULT_BENCHMARK_DIR, REPO_ROOT, body, bootstrap_count, evaluate, load_json, print_metrics,
    score_item, tokenize)
from quick_mode import verdict  # noqa: E402

DEFAULT_TRACKER = REPO_ROOT / "build" / "tracker"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-readability loads only under it
READABILITY_SCRIPT = Path(__file__).resolve().parent / "readability_baseline.py"
CLEARLY_BETTER = 0.1  # per-page F1 margin for "tracker better" / "readability better"
DEFAULT_JOBS = os.cpu_count() or 2
QUICK_PAGES = 5


def check_tracker(path):
    """Return the tracker as an absolute path (a bare relative name would otherwise
    be looked up on PATH); exit with status 2 when it cannot be run."""
    if not (path.is_file() and os.access(path, os.X_OK)):
        print(f"error: tracker binary not found or not executable: {path}", file=sys.stderr)
        sys.exit(2)
    return path.resolve()


def run_extract(tracker, gz_path, workdir, name, timeout):
    """Decompress `gz_path` to `workdir/name`, run `tracker extract` on it.

    Returns (text, error): the `text` field of the JSON output and None, or "" and a
    one-line reason (non-zero exit, timeout, unparsable output). Failures become
    empty predictions so that one crash does not hide the score of the other pages.
    """
    page = Path(workdir) / name
    page.write_bytes(gzip.decompress(gz_path.read_bytes()))
    cmd = [str(tracker), "extract", str(page), "--format", "json"]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "", f"timeout after {timeout:g} s"
    finally:
        page.unlink()
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return "", f"exit {proc.returncode}" + (f": {stderr[-1][:120]}" if stderr else "")
    try:
        output = json.loads(proc.stdout)
    except ValueError as e:
        return "", f"output is not JSON ({e})"
    text = output.get("text") if isinstance(output, dict) else None
    if not isinstance(text, str):
        return "", "JSON output has no string `text` field"
    return text, None


def extract_all(tracker, html_paths, jobs, timeout):
    """Run the tracker over {key: gz_path} in parallel; return {key: (text, error)}.

    Threads suffice: the work happens in the subprocesses.
    """
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as workdir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {key: pool.submit(run_extract, tracker, path, workdir, f"{key}.html", timeout)
                             for key, path in html_paths.items()}
        return {key: fut.result() for key, fut in futures.items()}


def start_readability(benchmark_dir, keys, workdir):
    """Start readability-lxml over the same pages in the background (it runs while the
    tracker does); return (process, path of its predictions JSON)."""
    keys_path, out_path = Path(workdir) / "keys.json", Path(workdir) / "readability.json"
    keys_path.write_text(json.dumps(sorted(keys)), encoding="utf-8")
    process = subprocess.Popen([SYSTEM_PYTHON, str(READABILITY_SCRIPT), "--predict", str(out_path),
                                "--keys", str(keys_path), "--benchmark-dir", str(benchmark_dir)],
                               stderr=subprocess.PIPE)
    return process, out_path


def finish_readability(process, out_path):
    """Wait for start_readability's run; return its predictions, or exit 2 naming the cause."""
    _, stderr = process.communicate()
    if process.returncode != 0:
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        sys.exit(f"error: readability-lxml baseline failed (exit {process.returncode})"
                 + (f": {lines[-1]}" if lines else ""))
    return load_json(out_path)


def print_comparison(metrics, baseline_metrics, per_item, baseline_per_item):
    """Tracker and readability-lxml side by side on the same pages."""
    print(f"\n{'same pages':<18}" + "".join(f"{name:>11}" for name in
                                           ("f1", "precision", "recall", "accuracy")))
    for label, m in (("tracker", metrics), ("readability-lxml", baseline_metrics)):
        print(f"{label:<18}" + "".join(f"{m[name]:>11.3f}"
                                       for name in ("f1", "precision", "recall", "accuracy")))
    better = sum(per_item[k].f1 > baseline_per_item[k].f1 + CLEARLY_BETTER for k in per_item)
    worse = sum(per_item[k].f1 + CLEARLY_BETTER < baseline_per_item[k].f1 for k in per_item)
    print(f"pages with per-page F1 more than {CLEARLY_BETTER} apart: tracker better on {better}, "
          f"readability-lxml better on {worse}, of {len(per_item)}")


def opening_kept(gold, pred):
    """Whether the gold text's first paragraph is in the prediction, word for word (case and
    punctuation aside): the lede, where a story's headline figure sits (issue #14's aim)."""
    opening = next((tokenize(line.lower()) for line in (gold or "").split("\n") if tokenize(line)), [])
    if not opening:
        return True
    return f" {' '.join(opening)} " in f" {' '.join(tokenize((pred or '').lower()))} "


def openings_kept(ground_truth, predictions):
    """Keys of the pages whose gold opening the predictions keep, and of those they miss."""
    kept, missed = [], []
    for key, record in sorted(ground_truth.items()):
        text = predictions.get(key, {}).get("articleBody", "")
        (kept if opening_kept(body(record), text) else missed).append(key)
    return kept, missed


def print_openings(label, ground_truth, predictions, list_missed):
    kept, missed = openings_kept(ground_truth, predictions)
    print(f"{label:<18}first gold paragraph kept on {len(kept)} of {len(kept) + len(missed)} pages"
          + (f"; missed: {' '.join(k[:12] for k in missed[:20])}" + (" ..." if len(missed) > 20 else "")
             if list_missed and missed else ""))


def paragraphs(text):
    """Paragraphs with whitespace collapsed: the metric ignores whitespace, so the
    diff should too."""
    return [p for p in (" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text)) if p]


def show_item(args, ground_truth, key):
    """--item: score one page and diff its gold and predicted paragraphs."""
    gold = body(ground_truth[key])
    (pred, error), = extract_all(args.tracker, {key: args.benchmark_dir / "html" / f"{key}.html.gz"},
                                 1, args.timeout).values()
    score = score_item(gold, pred)
    print(f"item       {key}\nurl        {ground_truth[key].get('url', '')}")
    if error:
        print(f"FAILED     {error}")
    print(f"F1 {score.f1:.3f}  P {score.precision:.3f}  R {score.recall:.3f}  "
          f"words gold {len(tokenize(gold))} / predicted {len(tokenize(pred))}  "
          f"exact {score.exact}\n")
    diff = difflib.unified_diff(paragraphs(gold), paragraphs(pred),
                                "gold", "tracker", n=1, lineterm="")
    print("\n".join(diff) or "(paragraphs identical)")


def quick_check(ground_truth, predictions, results, metrics, per_item):
    """--quick: the run did what the benchmark needs, whatever the score. True if it did."""
    problems = [f"{key[:12]}: {error}" for key, (_, error) in sorted(results.items()) if error]
    if len(results) != len(ground_truth):
        problems.append(f"{len(results)} results for {len(ground_truth)} pages")
    for key, score in sorted(per_item.items()):
        # Any extraction of a real article shares 4-word runs with it; none at all means the
        # text came from the wrong place (or the scorer is broken).
        if predictions[key]["articleBody"].strip() and score.tp == 0:
            problems.append(f"{key[:12]}: the text shares no 4-word run with the gold article")
        elif not predictions[key]["articleBody"].strip():
            problems.append(f"{key[:12]}: empty text")
    if not all(0.0 <= metrics[m] <= 1.0 for m in ("f1", "precision", "recall", "accuracy")):
        problems.append(f"metrics out of [0, 1]: {metrics}")
    return verdict(problems, f"{len(results)} pages, every run gave JSON with text that "
                             f"overlaps the gold article")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tracker", type=Path, default=DEFAULT_TRACKER,
                        help="tracker binary (default: %(default)s)")
    parser.add_argument("--benchmark-dir", type=Path, default=DEFAULT_BENCHMARK_DIR,
                        help="article-extraction-benchmark folder (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=DEFAULT_JOBS,
                        help="parallel tracker processes (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds before one page counts as failed (default: %(default)s)")
    parser.add_argument("--worst", type=int, default=15, metavar="N",
                        help="how many worst items to list (default: %(default)s)")
    parser.add_argument("--bootstrap", type=bootstrap_count, default=0, metavar="N",
                        help="add ± std-dev over N bootstrap resamples")
    parser.add_argument("--save", type=Path, metavar="PATH",
                        help="write predictions as {item_id: {\"articleBody\": text}} JSON")
    parser.add_argument("--min-f1", type=float, metavar="X", help="exit 1 if F1 < X")
    parser.add_argument("--min-precision", type=float, metavar="Y",
                        help="exit 1 if precision < Y")
    parser.add_argument("--item", metavar="ID",
                        help="debug one item (unique id prefix): scores and paragraph diff")
    parser.add_argument("--quick", action="store_true",
                        help=f"what ctest runs: the first {QUICK_PAGES} pages, checks, no score bar")
    parser.add_argument("--split", metavar="NAME",
                        help="only the pages whose ground truth has this split "
                             "(dragnet: train or test)")
    parser.add_argument("--readability", action="store_true",
                        help="also score readability-lxml on the same pages, in the same run "
                             f"(needs python3-readability under {SYSTEM_PYTHON})")
    args = parser.parse_args()
    if args.item and (args.save or args.min_f1 is not None or args.min_precision is not None):
        parser.error("--item cannot be combined with --save or --min-*")
    if args.quick and (args.item or args.readability):
        parser.error("--quick cannot be combined with --item or --readability")

    args.tracker = check_tracker(args.tracker)
    ground_truth = load_json(args.benchmark_dir / "ground-truth.json")
    if args.split:
        ground_truth = {key: record for key, record in ground_truth.items()
                        if record.get("split") == args.split}
        if not ground_truth:
            parser.error(f"no page of {args.benchmark_dir / 'ground-truth.json'} "
                         f"has split {args.split!r}")
    if args.quick:
        ground_truth = dict(sorted(ground_truth.items())[:QUICK_PAGES])
    if args.item:
        matches = [key for key in ground_truth if key.startswith(args.item)]
        if len(matches) != 1:
            parser.error(f"{len(matches)} items match --item {args.item!r}; "
                         "give a unique id prefix")
        show_item(args, ground_truth, matches[0])
        return 0

    with tempfile.TemporaryDirectory(prefix="tracker-bench-baseline-") as baseline_dir:
        baseline = (start_readability(args.benchmark_dir, ground_truth.keys(), baseline_dir)
                    if args.readability else None)
        started = time.monotonic()
        results = extract_all(args.tracker,
                              {key: args.benchmark_dir / "html" / f"{key}.html.gz"
                               for key in ground_truth},
                              args.jobs, args.timeout)
        wall = time.monotonic() - started
        baseline_predictions = finish_readability(*baseline) if baseline else None
    predictions = {key: {"articleBody": text} for key, (text, _) in results.items()}
    if args.save:
        args.save.write_text(json.dumps(predictions, ensure_ascii=False, indent=1),
                             encoding="utf-8")

    metrics, per_item = evaluate(ground_truth, predictions, args.bootstrap)
    print(f"tracker {args.tracker}: {len(results)} pages in {wall:.1f} s with -j {args.jobs}"
          + (f", split {args.split}" if args.split else ""))
    print_metrics(metrics)
    print()
    print_openings("tracker", ground_truth, predictions, list_missed=True)
    if baseline_predictions is not None:
        print_openings("readability-lxml", ground_truth, baseline_predictions, list_missed=False)
        baseline_metrics, baseline_per_item = evaluate(ground_truth, baseline_predictions)
        print_comparison(metrics, baseline_metrics, per_item, baseline_per_item)

    failures = {key: error for key, (_, error) in results.items() if error}
    if failures:
        print(f"\nfailures ({len(failures)}, scored as empty predictions):")
        for key, error in sorted(failures.items()):
            print(f"  {key[:12]}  {error}")

    print(f"\nworst {args.worst} items by per-item F1 (low P: boilerplate kept, "
          f"low R: text lost; words = gold/predicted tokens):")
    print(f"  {'F1':<6}{'P':<6}{'R':<6}{'words':>12}  {'item':<13}url")
    worst = sorted(per_item.items(), key=lambda kv: (kv[1].f1, kv[0]))[:args.worst]
    for key, s in worst:
        words = f"{len(tokenize(body(ground_truth[key])))}/{len(tokenize(predictions[key]['articleBody']))}"
        print(f"  {s.f1:<6.3f}{s.precision:<6.3f}{s.recall:<6.3f}{words:>12}  {key[:12]} "
              f"{ground_truth[key].get('url', '')}")

    if args.quick and not quick_check(ground_truth, predictions, results, metrics, per_item):
        return 1

    below = [f"{name} {metrics[name]:.3f} < {limit}"
             for name, limit in (("f1", args.min_f1), ("precision", args.min_precision))
             if limit is not None and metrics[name] < limit]
    if below:
        print("\nBELOW THRESHOLD: " + "; ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
