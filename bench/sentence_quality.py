#!/usr/bin/python3
"""Score the sentences of `tracker claims` against GUM's hand-checked sentence boundaries.

Data: ../shared/data/gum-sentences-other-genres (214 English documents of GUM's 14 non-news
genres, 12604 gold sentences; its README gives the format and the licences, CC BY-NC-SA 4.0 for
the annotations). Each document's text is written to a temporary file and run through
`tracker claims FILE --format json`; the `text` of each claim is one predicted sentence.

Metric: per document, the gold sentences and the tracker's sentences are compared as multisets
of keys, a key being the sentence lower-cased with everything but letters and digits removed
(so quotes, dashes and spacing, which tracker normalises, do not count; empty keys are
dropped). A predicted key that matches a gold key is a true positive, an unmatched predicted
key a false positive, an unmatched gold key a false negative. tp, fp and fn are summed over all
documents, and precision, recall and F1 are computed from the sums (so long documents weigh
more). A sentence split wrongly costs its whole sentence on both sides: a merge of two gold
sentences is one fp and two fn.

The same run prints a baseline on the same documents: one sentence per paragraph (the text
split on blank lines). It gets every one-sentence paragraph right (headings, salutations, short
turns of speech) and every longer paragraph wrong.

    sentence_quality.py [--tracker PATH] [--data-dir DIR] [-j N] [--genre NAME]
                        [--per-genre] [--show-errors N]
    sentence_quality.py --quick [--tracker PATH]   # ctest: 3 documents, checks, no score bar

--quick runs the first 3 documents and checks that every run gave JSON with claims, that the
counts add up and that the scores are in [0, 1]; it never asserts a score. Exit status: 2 if
the tracker binary or the data file is missing (or an option is wrong), 1 if a --quick check
fails, 0 otherwise (a low score or a failed tracker run alone is not an error; a failed run is
listed and scored as no sentences).
"""

import argparse
import collections
import concurrent.futures
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

from quick_mode import verdict  # noqa: E402  (after the bytecode switch on purpose)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRACKER = REPO_ROOT / "build" / "tracker"
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "gum-sentences-other-genres"
DATA_FILE = "gum_other_sentences.json"
DEFAULT_JOBS = 2
QUICK_DOCUMENTS = 3
ERRORS_PER_DOCUMENT = 5  # --show-errors: sentences listed per side of one document
SHORTEN = 120            # --show-errors: characters shown of one sentence

Score = collections.namedtuple("Score", "precision recall f1 tp fp fn")


def check_tracker(path):
    """Return the tracker as an absolute path (a bare relative name would otherwise
    be looked up on PATH); exit with status 2 when it cannot be run."""
    if not (path.is_file() and os.access(path, os.X_OK)):
        print(f"error: tracker binary not found or not executable: {path}", file=sys.stderr)
        sys.exit(2)
    return path.resolve()


def load_documents(data_dir):
    """The `documents` list of the data file; exit with status 2 when it cannot be read."""
    path = data_dir / DATA_FILE
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["documents"]
    except (OSError, ValueError, KeyError) as error:
        print(f"error: cannot read the GUM sentences file {path}: {error}", file=sys.stderr)
        sys.exit(2)


def key(sentence):
    """What two sentences must share to match: letters and digits, lower-cased."""
    return re.sub(r"[\W_]+", "", sentence.lower())


def gold_sentences(doc):
    return [doc["text"][s["start"]:s["end"]] for s in doc["sentences"]]


def baseline_sentences(doc):
    """One sentence per paragraph: the text split on blank lines."""
    return doc["text"].split("\n\n")


def keys(sentences):
    counts = collections.Counter(map(key, sentences))
    counts.pop("", None)
    return counts


def counts(gold, predicted):
    """(tp, fp, fn) of one document's sentence lists, compared as multisets of keys."""
    g, p = keys(gold), keys(predicted)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def score(pairs):
    """Score over [(gold sentences, predicted sentences)], one pair per document."""
    tp = fp = fn = 0
    for gold, predicted in pairs:
        t, f, n = counts(gold, predicted)
        tp, fp, fn = tp + t, fp + f, fn + n
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, tp, fp, fn)


def run_claims(tracker, text_path, timeout):
    """(sentences, error): the claims' `text` of `tracker claims --format json`, or [] and a
    one-line reason (exit status with the last stderr line, timeout, unreadable JSON)."""
    cmd = [str(tracker), "claims", str(text_path), "--format", "json"]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return [], f"timed out after {timeout:g} s"
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return [], f"exit status {done.returncode}: {last[0][:SHORTEN]}"
    try:
        claims = json.loads(done.stdout)["claims"]
        sentences = [claim["text"] for claim in claims]
    except (ValueError, KeyError, TypeError) as error:
        return [], f"unreadable JSON: {error!r}"
    if not all(isinstance(s, str) for s in sentences):
        return [], "a claim's `text` is not a string"
    return sentences, None


def run_all(tracker, docs, jobs, timeout):
    """Run the tracker over every document in parallel; [(sentences, error)] in doc order.

    Threads suffice: the work happens in the subprocesses."""
    with tempfile.TemporaryDirectory(prefix="tracker-bench-sentences-") as workdir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        paths = []
        for i, doc in enumerate(docs):
            path = Path(workdir) / f"{i:03d}-{doc['doc_id']}.txt"
            path.write_text(doc["text"] + "\n", encoding="utf-8")
            paths.append(path)
        return list(pool.map(lambda path: run_claims(tracker, path, timeout), paths))


def line(label, s):
    return (f"{label:<40} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}"
            f"   (tp {s.tp}, fp {s.fp}, fn {s.fn})")


def print_per_genre(docs, predictions):
    genres = collections.defaultdict(list)
    for i, doc in enumerate(docs):
        genres[doc.get("genre", "?")].append(i)
    print(f"\n  {'genre':<12} {'docs':>4} {'gold':>5}  {'tracker P / R / F1':<21}  baseline P / R / F1")
    for genre, indices in sorted(genres.items()):
        tracker = score((gold_sentences(docs[i]), predictions[i]) for i in indices)
        baseline = score((gold_sentences(docs[i]), baseline_sentences(docs[i])) for i in indices)
        sentences = sum(len(docs[i]["sentences"]) for i in indices)
        print(f"  {genre:<12} {len(indices):>4} {sentences:>5}  "
              f"{tracker.precision:.3f} {tracker.recall:.3f} {tracker.f1:.3f}    "
              f"{baseline.precision:.3f} {baseline.recall:.3f} {baseline.f1:.3f}")


def shorten(sentence):
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= SHORTEN else sentence[:SHORTEN - 3] + "..."


def unmatched(sentences, other):
    """The sentences whose key is not matched by `other` (a Counter of keys), in order."""
    left, out = collections.Counter(other), []
    for sentence in sentences:
        k = key(sentence)
        if not k:
            continue
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(sentence)
    return out


def show_errors(docs, predictions, limit):
    """--show-errors: the `limit` documents of lowest F1, each with the gold sentences tracker
    did not produce and the sentences it produced that are not in the gold."""
    ranked = []
    for i, doc in enumerate(docs):
        s = score([(gold_sentences(doc), predictions[i])])
        ranked.append((s.f1, -(s.fp + s.fn), doc["doc_id"], i, s))
    ranked.sort()
    shown = min(limit, len(ranked))
    print(f"\nworst {shown} document{'' if shown == 1 else 's'} by F1 "
          f"(-: gold sentence not produced, +: produced sentence not in gold):")
    for _, _, doc_id, i, s in ranked[:limit]:
        gold = gold_sentences(docs[i])
        print(f"\n{doc_id}  F1 {s.f1:.3f} P {s.precision:.3f} R {s.recall:.3f}  "
              f"(gold {s.tp + s.fn}, produced {s.tp + s.fp}, matched {s.tp})")
        for sign, group in (("-", unmatched(gold, keys(predictions[i]))),
                            ("+", unmatched(predictions[i], keys(gold)))):
            for sentence in group[:ERRORS_PER_DOCUMENT]:
                print(f"  {sign} {shorten(sentence)}")
            if len(group) > ERRORS_PER_DOCUMENT:
                print(f"  {sign} ... and {len(group) - ERRORS_PER_DOCUMENT} more")


def quick_check(docs, results, tracker_score, baseline_score):
    """--quick: the run did what the benchmark needs, whatever the score. True if it did."""
    problems = []
    if len(results) != len(docs):
        problems.append(f"{len(results)} results for {len(docs)} documents")
    for doc, (sentences, error) in zip(docs, results):
        if error:
            problems.append(f"{doc['doc_id']}: {error}")
        elif not sentences:
            problems.append(f"{doc['doc_id']}: JSON with no claims")
    gold_keys = sum(sum(keys(gold_sentences(doc)).values()) for doc in docs)
    for name, s in (("tracker", tracker_score), ("baseline", baseline_score)):
        if s.tp + s.fn != gold_keys:
            problems.append(f"{name}: tp + fn = {s.tp + s.fn} != {gold_keys} gold sentences")
        if not all(0.0 <= x <= 1.0 for x in (s.precision, s.recall, s.f1)):
            problems.append(f"{name}: scores out of [0, 1]: {s}")
    return verdict(problems, f"{len(docs)} documents, every run gave JSON with claims, "
                             f"counts add up, scores in [0, 1]")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tracker", type=Path, default=DEFAULT_TRACKER,
                        help="tracker binary (default: %(default)s)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR,
                        help=f"folder of {DATA_FILE} (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=DEFAULT_JOBS,
                        help="parallel tracker processes (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds before one document counts as failed (default: %(default)s)")
    parser.add_argument("--genre", metavar="NAME",
                        help="only the documents of this genre (academic, bio, conversation, ...)")
    parser.add_argument("--split", choices=["train", "dev", "test"],
                        help="only the documents of this UD split (GUM's own: train 158, dev 28, "
                             "test 28 documents)")
    parser.add_argument("--per-genre", action="store_true",
                        help="also print P/R/F1 per genre, tracker and baseline")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="list the mismatched sentences of the N documents of lowest F1")
    parser.add_argument("--quick", action="store_true",
                        help=f"what ctest runs: the first {QUICK_DOCUMENTS} documents, "
                             "checks, no score bar")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    tracker = check_tracker(args.tracker)
    docs = load_documents(args.data_dir)
    if args.genre:
        genres = sorted({doc.get("genre", "?") for doc in docs})
        docs = [doc for doc in docs if doc.get("genre") == args.genre]
        if not docs:
            parser.error(f"no document has genre {args.genre!r}; genres: {', '.join(genres)}")
    if args.split:
        docs = [doc for doc in docs if doc.get("ud_split", "").split(" ")[0] == args.split]
    if args.quick:
        docs = docs[:QUICK_DOCUMENTS]

    started = time.monotonic()
    results = run_all(tracker, docs, args.jobs, args.timeout)
    wall = time.monotonic() - started
    predictions = [sentences for sentences, _ in results]
    tracker_score = score((gold_sentences(doc), p) for doc, p in zip(docs, predictions))
    baseline_score = score((gold_sentences(doc), baseline_sentences(doc)) for doc in docs)

    print(f"GUM other genres{f', genre {args.genre}' if args.genre else ''}"
          f"{f', {args.split} split' if args.split else ''}: {len(docs)} "
          f"documents, {sum(len(doc['sentences']) for doc in docs)} gold sentences; "
          f"tracker {tracker}: {wall:.1f} s with -j {args.jobs}")
    print("sentence match, multisets of alphanumeric keys per document:")
    print(line("tracker claims", tracker_score))
    print(line("baseline (one sentence per paragraph)", baseline_score))

    failures = [(doc["doc_id"], error) for doc, (_, error) in zip(docs, results) if error]
    if failures:
        print(f"\nfailures ({len(failures)}, scored as no sentences):")
        for doc_id, error in failures:
            print(f"  {doc_id}  {error}")
    if args.per_genre:
        print_per_genre(docs, predictions)
    if args.show_errors > 0:
        show_errors(docs, predictions, args.show_errors)

    if args.quick and not quick_check(docs, results, tracker_score, baseline_score):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
