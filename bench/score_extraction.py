#!/usr/bin/python3
"""Score article-body predictions with the article-extraction-benchmark metric.

The metric is the one restated in ../shared/data/article-extraction-benchmark/README.md
(originally the Zyte/Scrapinghub `evaluate.py`): 4-token shingles compared as
multisets, per-item precision/recall normalised so that every page weighs the same,
corpus P and R as means over the qualifying items, F1 computed from those means,
and accuracy as the share of items whose token sequence matches exactly.

Used as a module by extraction_quality.py, and as a CLI:

    score_extraction.py PREDICTIONS.json[.gz] [--ground-truth PATH] [--bootstrap N]
    score_extraction.py --check-published
    score_extraction.py --quick

`--check-published` scores every published output in the benchmark folder and
compares it with the README's table; it is the proof that this implementation
reproduces the reference numbers. `--quick` (ctest bench_score_extraction_quick) does
that for two outputs only, and checks that the gold text scores 1 against itself and
empty predictions score 0; exit 1 if a check fails.
"""

import argparse
import gzip
import json
import random
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from quick_mode import verdict  # noqa: E402  (after the bytecode switch on purpose)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCHMARK_DIR = REPO_ROOT.parent / "shared" / "data" / "article-extraction-benchmark"

SHINGLE_SIZE = 4
# Python's `re` \w is Unicode-aware for str patterns, as the metric requires.
_TOKEN_RE = re.compile(r"\w+")

METRIC_NAMES = ("f1", "precision", "recall", "accuracy")


def tokenize(text):
    """Word tokens of `text`; a missing/None body counts as empty."""
    return _TOKEN_RE.findall(text or "")


def shingles(tokens, n=SHINGLE_SIZE):
    """Multiset of n-token windows.

    `max(1, ...)` makes a 1..n-1 token text yield a single short shingle holding all
    its tokens, so short texts are still comparable; an empty text yields an empty
    window, which is dropped.
    """
    windows = (tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(w for w in windows if w)


def _mean(values):
    # The reference crashes on an empty mean (e.g. an extractor that returned nothing
    # for every page); report 0.0 instead so a broken build still gets a score.
    return statistics.mean(values) if values else 0.0


def _f1(precision, recall):
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class ItemScore:
    """Normalised shingle counts of one item, plus exact token-sequence equality."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self):
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self):
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self):
        """Per-item F1; not part of the corpus metric, used to rank bad items."""
        return _f1(self.precision, self.recall)


def score_item(gold, pred):
    gold_tokens, pred_tokens = tokenize(gold), tokenize(pred)
    gold_sh, pred_sh = shingles(gold_tokens), shingles(pred_tokens)
    tp = fp = fn = 0
    for key in gold_sh.keys() | pred_sh.keys():
        g, p = gold_sh[key], pred_sh[key]
        tp += min(g, p)
        fp += max(0, p - g)
        fn += max(0, g - p)
    # Normalising keeps the reference's arithmetic (and thus its last-bit rounding);
    # the P/R ratios themselves are unchanged by it.
    s = tp + fp + fn
    if s > 0:
        tp, fp, fn = tp / s, fp / s, fn / s
    return ItemScore(tp, fp, fn, gold_tokens == pred_tokens)


def corpus_metrics(items):
    """Corpus P/R/F1/accuracy over a list of ItemScore.

    Items with an empty prediction drop out of the precision mean, and items with
    empty gold out of the recall mean; F1 is taken from the averaged P and R.
    """
    precision = _mean([it.precision for it in items if it.tp + it.fp > 0])
    recall = _mean([it.recall for it in items if it.tp + it.fn > 0])
    return {
        "f1": _f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "accuracy": _mean([float(it.exact) for it in items]),
    }


def bootstrap_std(items, n_resamples):
    """Std-dev of each metric over `n_resamples` resamples of the items (with
    replacement, unseeded, like the reference, so the last digit wanders)."""
    rng = random.Random()
    samples = [corpus_metrics(rng.choices(items, k=len(items))) for _ in range(n_resamples)]
    return {name: statistics.stdev(s[name] for s in samples) for name in METRIC_NAMES}


def body(record):
    """The articleBody of a record; missing or null counts as empty text."""
    return (record or {}).get("articleBody") or ""


def evaluate(ground_truth, predictions, bootstrap=0):
    """Return (metrics, {item_id: ItemScore}).

    `metrics` holds f1/precision/recall/accuracy, plus `<name>_std` entries when
    `bootstrap` resamples are requested.
    """
    if ground_truth.keys() != predictions.keys():
        missing = len(ground_truth.keys() - predictions.keys())
        extra = len(predictions.keys() - ground_truth.keys())
        raise ValueError(f"prediction keys do not match ground truth "
                         f"({missing} missing, {extra} unexpected)")
    per_item = {key: score_item(body(ground_truth[key]), body(predictions[key]))
                for key in ground_truth}
    items = list(per_item.values())
    metrics = corpus_metrics(items)
    if bootstrap:
        metrics.update({f"{k}_std": v for k, v in bootstrap_std(items, bootstrap).items()})
    return metrics, per_item


def load_json(path):
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def load_predictions(path):
    """Return (predictions, version); accepts the bare `{id: {...}}` form and the
    wrapped `{"version": ..., "output": {id: {...}}}` form of newer outputs."""
    data = load_json(path)
    if isinstance(data.get("output"), dict):
        return data["output"], data.get("version")
    return data, None


def print_metrics(metrics):
    """One line per metric, with `± std` when bootstrap figures are present."""
    for name in METRIC_NAMES:
        spread = f" ± {metrics[name + '_std']:.3f}" if name + "_std" in metrics else ""
        print(f"{name:<10} {metrics[name]:.3f}{spread}")


# A result row of the README's published tables, e.g.
# "readability_js       0.6.0        0.947 ± 0.005  0.914 ± 0.008  0.982 ± 0.003  0.166 ± 0.028"
# The version column may contain a space ("Nov 2019").
_PUBLISHED_ROW_RE = re.compile(
    r"^(?P<name>\S+)\s+(?P<version>\S.*?)\s+"
    + r"\s+".join(rf"(?P<{m}>\d\.\d{{3}}) ± \d\.\d{{3}}" for m in METRIC_NAMES)
    + r"\s*$")

# Output files whose stem differs from their row name in the published tables.
_PUBLISHED_NAME_ALIASES = {"newspaper": "newspaper4k"}


def parse_published(readme_text):
    """Rows of every fenced table in the README, in README order (newest table first)."""
    rows, in_fence = [], False
    for line in readme_text.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        elif in_fence and (m := _PUBLISHED_ROW_RE.match(line)):
            rows.append(m.groupdict())
    return rows


def find_published_row(rows, stem, version):
    """The published row for an output file.

    A file with a version field must match that exact (name, version) row, since
    names recur across evaluation rounds with different versions. Unversioned
    files take the first (most recent) row of that name, as the README prescribes.
    """
    name = _PUBLISHED_NAME_ALIASES.get(stem, stem)
    candidates = [r for r in rows if r["name"] == name]
    if version is not None:
        candidates = [r for r in candidates if r["version"] == version]
    return candidates[0] if candidates else None


# --quick reproduces these two published rows only (a browser-based and a Python extractor).
QUICK_PUBLISHED = ("readability_js", "trafilatura")


def check_published(benchmark_dir, ground_truth, only=None):
    """Score all output/*.json.gz (or those whose stem is in `only`) and compare with the
    README; return True if all match."""
    rows = parse_published((benchmark_dir / "README.md").read_text(encoding="utf-8"))
    header = "F1    P     R     acc  "
    print(f"{'extractor':<21}{'version':<11}ours: {header}   published: {header}")
    n_ok = n_files = 0
    paths = sorted(benchmark_dir.glob("output/*.json.gz"))
    if only is not None:
        paths = [p for p in paths if p.name.removesuffix(".json.gz") in only]
        if len(paths) != len(only):
            print(f"missing published outputs: want {', '.join(only)}, found {len(paths)}")
            return False
    for path in paths:
        n_files += 1
        stem = path.name.removesuffix(".json.gz")
        predictions, version = load_predictions(path)
        metrics, _ = evaluate(ground_truth, predictions)
        ours = [f"{metrics[m]:.3f}" for m in METRIC_NAMES]
        row = find_published_row(rows, stem, version)
        published = [row[m] for m in METRIC_NAMES] if row else ["  -  "] * len(METRIC_NAMES)
        status = "ok" if ours == published else ("NO ROW" if row is None else "MISMATCH")
        n_ok += status == "ok"
        shown_version = version or (row["version"] if row else "?")
        print(f"{stem:<21}{shown_version:<11}      {' '.join(ours)}              "
              f"{' '.join(published)}  {status}")
    print(f"{n_ok}/{n_files} published outputs reproduce the README figures to 3 decimals")
    return n_files > 0 and n_ok == n_files


def quick_check(benchmark_dir, ground_truth):
    """The checks ctest runs: the metric's fixed points, then two published rows. True if all
    hold."""
    problems = []
    perfect, _ = evaluate(ground_truth, ground_truth)
    if any(perfect[m] != 1.0 for m in METRIC_NAMES):
        problems.append(f"the gold text scored against itself gives {perfect}, not 1.0 everywhere")
    empty, _ = evaluate(ground_truth, {key: {"articleBody": ""} for key in ground_truth})
    if any(empty[m] != 0.0 for m in METRIC_NAMES):
        problems.append(f"empty predictions give {empty}, not 0.0 everywhere")
    try:
        evaluate(ground_truth, dict(list(ground_truth.items())[1:]))
        problems.append("predictions missing an item were accepted")
    except ValueError:
        pass
    published_ok = check_published(benchmark_dir, ground_truth, QUICK_PUBLISHED)
    if not published_ok:
        problems.append(f"{', '.join(QUICK_PUBLISHED)}: not the README's published figures")
    return verdict(problems, f"{len(ground_truth)} items; gold scores 1, empty scores 0, a missing "
                             f"item is refused, {len(QUICK_PUBLISHED)} published rows reproduce")


def bootstrap_count(value):
    n = int(value)
    if n != 0 and n < 2:
        raise argparse.ArgumentTypeError("need 0 (off) or at least 2 resamples")
    return n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("predictions", nargs="?", type=Path,
                        help="JSON (or .json.gz) of {item_id: {\"articleBody\": str}}")
    parser.add_argument("--benchmark-dir", type=Path, default=DEFAULT_BENCHMARK_DIR,
                        help="article-extraction-benchmark folder (default: %(default)s)")
    parser.add_argument("--ground-truth", type=Path,
                        help="ground-truth JSON (default: BENCHMARK_DIR/ground-truth.json)")
    parser.add_argument("--bootstrap", type=bootstrap_count, default=0, metavar="N",
                        help="add ± std-dev over N bootstrap resamples (reference uses 1000)")
    parser.add_argument("--check-published", action="store_true",
                        help="score every BENCHMARK_DIR/output/*.json.gz against the README table")
    parser.add_argument("--quick", action="store_true",
                        help="what ctest runs: the metric's fixed points and two published rows")
    args = parser.parse_args()
    if (args.predictions is not None) + args.check_published + args.quick != 1:
        parser.error("give one of PREDICTIONS, --check-published or --quick")

    ground_truth = load_json(args.ground_truth or args.benchmark_dir / "ground-truth.json")
    if args.quick:
        return 0 if quick_check(args.benchmark_dir, ground_truth) else 1
    if args.check_published:
        return 0 if check_published(args.benchmark_dir, ground_truth) else 1

    predictions, _ = load_predictions(args.predictions)
    try:
        metrics, _ = evaluate(ground_truth, predictions, args.bootstrap)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print_metrics(metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
