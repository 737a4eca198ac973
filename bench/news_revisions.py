#!/usr/bin/python3
"""Score `tracker diff OLD NEW --format json` on real revision pairs labelled by annotators.

Data: ../shared/data/news-revisions (IteraTeR-HUMAN, 244 pairs; ids 001-085 Wikinews, 086-244
Wikipedia; its README gives the label format). Every pair is NNN/old.txt, NNN/new.txt and
NNN/expect.json, whose `changes` are the units a claim-aware tracker should report, `minor` the
edited units whose meaning did not change (reporting one is a false alert) and `ignore` the units
that count neither way.

For each source apart (Wikinews, Wikipedia) it prints, at significance >= --min-significance
(medium by default):

- precision, recall and F1 of the expected changes, for `tracker` and, in the same run, for the
  flag-every-edit baseline (a sentence-level difflib diff of old/new that reports every edited
  sentence, as urlwatch or changedetection.io would);
- the share of copy-edit-only pairs (`quiet`, and `quiet_strict`) with at least one change;
- recall per aspect of the expected change (number, attribution, certainty, time, none), and how
  many of the found ones carry that aspect in tracker's output.

The matching rule (see match() and bench/README.md, section "Claim changes on real revisions"):

- Texts are compared as sets of lower-cased `\\w+` tokens. Two texts *overlap* when their token
  Jaccard is >= 0.5, or when the smaller set has >= 4 tokens and >= 0.8 of it is in the larger
  one (containment: the dataset groups sentences into units differently from tracker).
- A detected change is *compatible* with a labelled unit when:
  - both are `modified`: the old texts overlap and the new texts overlap;
  - both are `added` (or both `removed`): the new (old) texts overlap;
  - the detected change is `modified` and the unit `added` (`removed`): the detected new (old)
    text overlaps the unit's new (old) text. The alert shows the added text, with what tracker
    took for its earlier version; the user learns the news. The reverse (a detected
    added/removed for a `modified` unit) does not match: the kind disagrees.
  - `ignore` units: any shared side overlaps, whatever the kinds (some are `moved`).
- One-to-one assignment, greedy: all compatible (detected, unit) pairs over `changes` and `minor`
  units are taken by decreasing similarity (mean Jaccard over the compared sides; same kind
  before cross kind), each detected change and each unit at most once.
- Outcome of a detected change: matched to a `changes` unit: true positive. Matched to a `minor`
  unit: false positive. Not matched, it is judged by the labelled units it overlaps on a shared
  side, whatever the kinds: an `ignore` unit: neutral, counted neither way; a `changes` unit that
  another detected change matched: neutral (`duplicate`: tracker cut the annotators' unit in
  two, a redundant alert, not a false one); a `minor` unit: false positive (`minor`); only a
  `changes` unit left unmatched: false positive (`kind`: the kinds disagree, e.g. a rewritten
  sentence reported as removed + added); nothing labelled: false positive (`unlabelled`: an
  alert on text in which the annotators saw no edit).
- An expected change not matched is a false negative. So tp + fp + neutral = detected and
  tp + fn = expected.

    bench/news_revisions.py [--data DIR] [--tracker PATH] [-j N] [--min-significance medium]
                            [--ids 001-085,090] [--split dev|test | --folds K --fold I]
                            [--json OUT] [--show-errors N] [--quick]

--quick runs 8 fixed pairs and checks the pipeline's invariants (exit 1 if one fails); it never
asserts a score. Exit status: 0, whatever the scores; 1 if --quick found a broken invariant;
2 if the tracker binary or the data is missing.
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "news-revisions"
DEFAULT_TRACKER = REPO_ROOT / "build" / "tracker"

SOURCES = [("iterater-wikinews", "Wikinews"), ("iterater-wikipedia", "Wikipedia")]
SIGNIFICANCE = {"low": 0, "medium": 1, "high": 2}
ASPECTS = ["number", "attribution", "certainty", "time", None]
QUICK_IDS = ["001", "002", "003", "026", "092", "100", "132", "175"]

JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
CONTAINMENT_MIN_TOKENS = 4

TOKEN = re.compile(r"\w+")


# ---------------------------------------------------------------------------------------------
# Matching


def tokens(text):
    return frozenset(TOKEN.findall(text.lower())) if text else frozenset()


def side_overlap(a, b):
    """(overlaps, jaccard) of two token sets."""
    if not a or not b:
        return False, 0.0
    shared = len(a & b)
    jaccard = shared / len(a | b)
    if jaccard >= JACCARD_MIN:
        return True, jaccard
    smaller = min(len(a), len(b))
    if smaller >= CONTAINMENT_MIN_TOKENS and shared / smaller >= CONTAINMENT_MIN:
        return True, jaccard
    return False, jaccard


class Item:
    """A change, detected or labelled: kind, old and new text (None when absent)."""

    __slots__ = ("kind", "old", "new", "old_tokens", "new_tokens", "data")

    def __init__(self, kind, old, new, data=None):
        self.kind = kind
        self.old = old
        self.new = new
        self.old_tokens = tokens(old)
        self.new_tokens = tokens(new)
        self.data = data if data is not None else {}


def compatible(det, unit, any_kind=False):
    """The similarity (> 0) with which the detected change `det` may match the labelled `unit`,
    and whether the kinds agree; (None, False) when it may not. See the module docstring."""
    sides = []
    if any_kind:
        for side in ("old", "new"):
            a, b = getattr(det, side + "_tokens"), getattr(unit, side + "_tokens")
            if a and b:
                ok, sim = side_overlap(a, b)
                if ok:
                    return sim, det.kind == unit.kind
        return None, False
    if unit.kind == "modified":
        if det.kind != "modified":
            return None, False
        sides = ["old", "new"]
    elif unit.kind == "added":
        if det.kind not in ("added", "modified"):
            return None, False
        sides = ["new"]
    elif unit.kind == "removed":
        if det.kind not in ("removed", "modified"):
            return None, False
        sides = ["old"]
    else:
        return None, False
    total = 0.0
    for side in sides:
        ok, sim = side_overlap(getattr(det, side + "_tokens"), getattr(unit, side + "_tokens"))
        if not ok:
            return None, False
        total += sim
    # Keep a similarity > 0 even when only containment let the sides overlap.
    return max(total / len(sides), 1e-6), det.kind == unit.kind


def match(detected, changes, minor, ignore):
    """Match detected Items to labelled units (lists of Items).

    Returns a dict: `detected` (one outcome per detected change: {"outcome": "tp"|"fp"|
    "neutral", "reason": ..., "unit": (category, index) or None}), `expected` (one per expected
    change: index of the detected change that matched it, or None), and the counts tp, fp,
    neutral, fn."""
    labelled = [("changes", i, u) for i, u in enumerate(changes)] + \
               [("minor", i, u) for i, u in enumerate(minor)]
    candidates = []
    for d, det in enumerate(detected):
        for n, (category, index, unit) in enumerate(labelled):
            sim, same_kind = compatible(det, unit)
            if sim is not None:
                # Highest similarity first; same kind before cross kind; then input order.
                candidates.append((-sim, 0 if same_kind else 1, d, n))
    candidates.sort()
    det_unit = [None] * len(detected)
    unit_det = [None] * len(labelled)
    for _, _, d, n in candidates:
        if det_unit[d] is None and unit_det[n] is None:
            det_unit[d] = n
            unit_det[n] = d
    outcomes = []
    for d, det in enumerate(detected):
        n = det_unit[d]
        if n is not None:
            category, index, _ = labelled[n]
            if category == "changes":
                outcomes.append({"outcome": "tp", "reason": "expected", "unit": (category, index)})
            else:
                outcomes.append({"outcome": "fp", "reason": "minor", "unit": (category, index)})
            continue
        if any(compatible(det, unit, any_kind=True)[0] is not None for unit in ignore):
            outcomes.append({"outcome": "neutral", "reason": "ignore", "unit": None})
            continue
        # Not matched: say why, from the labelled units it overlaps (any kind, any side).
        overlapped = [n for n, (_, _, unit) in enumerate(labelled)
                      if compatible(det, unit, any_kind=True)[0] is not None]
        taken_changes = [n for n in overlapped
                         if labelled[n][0] == "changes" and unit_det[n] is not None]
        if taken_changes:
            # Another part of an expected change that a detected change already matched:
            # tracker cut the annotators' unit in two. A redundant alert, not a false one.
            category, index, _ = labelled[taken_changes[0]]
            outcomes.append({"outcome": "neutral", "reason": "duplicate",
                             "unit": (category, index)})
        elif any(labelled[n][0] == "minor" for n in overlapped):
            outcomes.append({"outcome": "fp", "reason": "minor", "unit": None})
        elif overlapped:
            outcomes.append({"outcome": "fp", "reason": "kind", "unit": None})
        else:
            outcomes.append({"outcome": "fp", "reason": "unlabelled", "unit": None})
    expected = [unit_det[n] for n in range(len(changes))]
    tp = sum(1 for o in outcomes if o["outcome"] == "tp")
    fp = sum(1 for o in outcomes if o["outcome"] == "fp")
    neutral = sum(1 for o in outcomes if o["outcome"] == "neutral")
    fn = sum(1 for e in expected if e is None)
    return {"detected": outcomes, "expected": expected, "tp": tp, "fp": fp,
            "neutral": neutral, "fn": fn}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------------------------------------
# Flag-every-edit baseline: a sentence diff with difflib.

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen",
    "rep", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g",
    "i.e", "a.m", "p.m", "approx", "est", "ft", "mt",
}
SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]?\s+(?=[A-Z0-9\"'\u201c\u2018(])")


def split_sentences(text):
    """Sentences of a plain text, in the manner of the dataset's splitter: a break after . ! or ?
    (and a closing quote or bracket) when white space and an upper-case letter, a digit or an
    opening quote follow, except after an abbreviation or a single initial."""
    out = []
    for line in text.split("\n"):
        start = 0
        for m in SENTENCE_BREAK.finditer(line):
            before = line[start:m.start() + 1]
            word = re.search(r"([\w.]+)\.$", before)
            if word:
                w = word.group(1).lower()
                if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
            sentence = line[start:m.end()].strip()
            if sentence:
                out.append(sentence)
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return out


def normalize_sentence(sentence):
    return " ".join(sentence.split())


def baseline_changes(old_text, new_text, pair_ratio=0.2):
    """Every edited sentence of a sentence-level diff, as Items: difflib over the sentence lists;
    inside a replaced block, an old and a new sentence whose word-level ratio is >= pair_ratio
    are paired (best first) as `modified`, the rest are `removed` or `added`. A sentence removed
    and inserted verbatim elsewhere is a move and is not reported. Any textual difference counts,
    punctuation and case included: that is what flag-every-edit does."""
    old = [normalize_sentence(s) for s in split_sentences(old_text)]
    new = [normalize_sentence(s) for s in split_sentences(new_text)]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    removed, added, modified = [], [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        scored = []
        for i in olds:
            for j in news:
                ratio = difflib.SequenceMatcher(None, old[i].split(), new[j].split(),
                                                autojunk=False).ratio()
                if ratio >= pair_ratio:
                    scored.append((-ratio, i, j))
        scored.sort()
        used_old, used_new = set(), set()
        for _, i, j in scored:
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                modified.append((i, j))
        removed += [i for i in olds if i not in used_old]
        added += [j for j in news if j not in used_new]
    moved_old, moved_new = set(), set()
    for i in removed:
        for j in added:
            if j not in moved_new and old[i] == new[j]:
                moved_old.add(i)
                moved_new.add(j)
                break
    items = [Item("modified", old[i], new[j]) for i, j in modified]
    items += [Item("removed", old[i], None) for i in removed if i not in moved_old]
    items += [Item("added", None, new[j]) for j in added if j not in moved_new]
    return items


# ---------------------------------------------------------------------------------------------
# Data and tracker


def load_pairs(data):
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    pairs = []
    for entry in manifest["pairs"]:
        pid = entry["id"]
        expect = json.loads((data / pid / "expect.json").read_text(encoding="utf-8"))
        pairs.append({"id": pid, "source": entry["source"], "doc": entry["doc"],
                      "expect": expect})
    return pairs


def unit_items(units):
    return [Item(u["kind"], u.get("old_sentence"), u.get("new_sentence"), u) for u in units]


def article_key(doc):
    """'Wikinews doc 10050, revision depth 1' -> 'Wikinews doc 10050': the article."""
    return doc.split(",")[0].strip()


def fold_of(doc, folds):
    digest = hashlib.sha256(article_key(doc).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


def parse_ids(spec):
    ids = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo, hi = part.split("-", 1)
            width = max(len(lo), 3)
            for n in range(int(lo), int(hi) + 1):
                ids.add(str(n).zfill(width))
        else:
            ids.add(part.zfill(3))
    return ids


def run_tracker(tracker, data, pid, timeout, topics=None):
    """(changes list or None, error message or None). Exit status 0 (no change) and 1 (changes)
    are answers, as with diff(1). It runs in the data directory, so that a `feeds/topics.toml`
    of the current directory is not picked up: the binary reads the lexicon of its own source
    tree, or $TRACKER_TOPICS, or --topics."""
    cmd = [str(tracker), "diff", str(data / pid / "old.txt"), str(data / pid / "new.txt"),
           "--format", "json", "--min-significance", "low"]
    if topics:
        cmd += ["--topics", str(topics)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=data)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return None, f"exit status {proc.returncode}: {err[-1] if err else ''}"
    try:
        out = json.loads(proc.stdout.decode("utf-8"))
        changes = out["changes"]
        if not isinstance(changes, list):
            raise ValueError("`changes` is not a list")
        for c in changes:
            if c["kind"] not in ("added", "removed", "modified"):
                raise ValueError(f"unknown kind {c['kind']!r}")
            if c["significance"] not in SIGNIFICANCE:
                raise ValueError(f"unknown significance {c['significance']!r}")
            for side in ("old", "new"):
                if c[side] is not None and not isinstance(c[side].get("text"), str):
                    raise ValueError(f"`{side}` has no text")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as e:
        return None, f"invalid JSON output: {e}"
    return changes, None


def claim_text(claim):
    return claim["text"] if claim else None


def carried_aspects(change):
    """Aspects tracker gives a change; for an added or removed claim, which has no aspects, the
    ones its claim holds (numbers, an attribution, a certainty other than asserted, times)."""
    aspects = set(change.get("aspects") or [])
    if change["kind"] != "modified":
        claim = change["new"] or change["old"] or {}
        if claim.get("numbers"):
            aspects.add("number")
        if claim.get("attribution"):
            aspects.add("attribution")
        if claim.get("certainty") not in (None, "asserted"):
            aspects.add("certainty")
        if claim.get("times"):
            aspects.add("time")
    return aspects


# ---------------------------------------------------------------------------------------------
# Scoring


def score_pair(pair, changes, threshold):
    """Per-pair result for tracker (at threshold) and the baseline."""
    expect = pair["expect"]
    exp_changes = unit_items(expect["changes"])
    minor = unit_items(expect["minor"])
    ignore = unit_items(expect["ignore"])
    all_detected = [Item(c["kind"], claim_text(c["old"]), claim_text(c["new"]), c)
                    for c in (changes or [])]
    detected = [d for d in all_detected if SIGNIFICANCE[d.data["significance"]] >= threshold]
    result = match(detected, exp_changes, minor, ignore)
    # Diagnostics: with every detected change, at any significance, which expected changes
    # would be found (so that a miss says "found below the threshold" or "not found").
    loose = match(all_detected, exp_changes, minor, ignore)
    by_level = {}
    for name, level in SIGNIFICANCE.items():
        at = [d for d in all_detected if SIGNIFICANCE[d.data["significance"]] >= level]
        m = match(at, exp_changes, minor, ignore)
        by_level[name] = (m["tp"], m["fp"], m["fn"], 1 if at else 0)
    base_items = baseline_changes(pair["old_text"], pair["new_text"])
    base = match(base_items, exp_changes, minor, ignore)
    return {"detected": detected, "all_detected": all_detected, "result": result,
            "loose": loose, "by_level": by_level, "baseline_items": base_items, "baseline": base,
            "exp_changes": exp_changes, "minor": minor, "ignore": ignore}


class Totals:
    def __init__(self):
        self.tp = self.fp = self.fn = self.neutral = self.detected = self.expected = 0
        self.fp_reasons = {}
        self.quiet = self.quiet_alerted = 0
        self.quiet_strict = self.quiet_strict_alerted = 0
        self.pairs = 0
        self.aspect_total = {a: 0 for a in ASPECTS}
        self.aspect_found = {a: 0 for a in ASPECTS}
        self.aspect_carried = {a: 0 for a in ASPECTS}
        self.below_threshold = 0
        self.by_level = {name: [0, 0, 0, 0] for name in SIGNIFICANCE}

    def add(self, expect, m, detected, loose=None, carried=None):
        self.pairs += 1
        self.tp += m["tp"]
        self.fp += m["fp"]
        self.fn += m["fn"]
        self.neutral += m["neutral"]
        self.detected += len(detected)
        self.expected += len(m["expected"])
        for o in m["detected"]:
            if o["outcome"] == "fp":
                self.fp_reasons[o["reason"]] = self.fp_reasons.get(o["reason"], 0) + 1
        if expect["quiet"]:
            self.quiet += 1
            self.quiet_alerted += 1 if detected else 0
        if expect["quiet_strict"]:
            self.quiet_strict += 1
            self.quiet_strict_alerted += 1 if detected else 0
        for k, unit in enumerate(expect["changes"]):
            aspect = unit.get("aspect")
            self.aspect_total[aspect] += 1
            d = m["expected"][k]
            if d is not None:
                self.aspect_found[aspect] += 1
                if carried is not None and aspect is not None and aspect in carried(detected[d]):
                    self.aspect_carried[aspect] += 1
            elif loose is not None and loose["expected"][k] is not None:
                self.below_threshold += 1

    def consistent(self):
        return (self.tp + self.fp + self.neutral == self.detected
                and self.tp + self.fn == self.expected)


def pct(n, d):
    return f"{n}/{d} ({100 * n / d:.0f}%)" if d else f"{n}/0"


def print_source_report(name, tracker_totals, base_totals, threshold_name, ceiling):
    t, b = tracker_totals, base_totals
    print(f"\n== {name}: {t.pairs} pairs, {t.expected} expected changes "
          f"(significance >= {threshold_name}) ==")
    print(f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'neutral':>9}"
          f"{'detected':>10}   quiet alerted     quiet_strict alerted")
    for label, x in (("tracker", t), ("flag-every-edit", b)):
        p, r, f = prf(x.tp, x.fp, x.fn)
        print(f"{label:22}{p:7.3f}{r:7.3f}{f:7.3f}{x.tp:6}{x.fp:6}{x.fn:6}{x.neutral:9}"
              f"{x.detected:10}   {pct(x.quiet_alerted, x.quiet):17}"
              f"{pct(x.quiet_strict_alerted, x.quiet_strict)}")
    cp, cr, cf = prf(*ceiling)
    print(f"(ceiling of flag-every-edit: each labelled unit reported once: "
          f"P {cp:.3f} R {cr:.3f} F1 {cf:.3f})")
    print("tracker by threshold:")
    for name in SIGNIFICANCE:
        tp, fp, fn, quiet = t.by_level[name]
        p, r, f = prf(tp, fp, fn)
        print(f"  >= {name:<17}{p:7.3f}{r:7.3f}{f:7.3f}{tp:6}{fp:6}{fn:6}"
              f"{'':22}{pct(quiet, t.quiet)}")
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(t.fp_reasons.items(), key=lambda kv: -kv[1]))
    print(f"tracker false positives by reason: {reasons or 'none'}")
    print(f"tracker misses found below the threshold: {t.below_threshold} of {t.fn}")
    print("recall per aspect (expected aspect: tracker found / carries the aspect; baseline found)")
    for a in ASPECTS:
        total = t.aspect_total[a]
        if total == 0:
            continue
        label = a or "none"
        carried = f"carries {t.aspect_carried[a]}" if a else ""
        found = f"{t.aspect_found[a] / total:.2f} ({t.aspect_found[a]})"
        print(f"  {label:12} n={total:<4} tracker {found:10} {carried:12} "
              f"baseline {b.aspect_found[a] / total:.2f}")


def select_pairs(pairs, args):
    desc = []
    if args.quick:
        ids = set(QUICK_IDS)
        pairs = [p for p in pairs if p["id"] in ids]
        desc.append(f"quick ({len(ids)} fixed ids)")
    if args.ids:
        ids = parse_ids(args.ids)
        pairs = [p for p in pairs if p["id"] in ids]
        desc.append(f"ids {args.ids}")
    if args.split:
        want = 0 if args.split == "dev" else 1
        pairs = [p for p in pairs if fold_of(p["doc"], 2) == want]
        desc.append(f"split {args.split} (sha256 of the article id, mod 2 == {want})")
    if args.folds:
        pairs = [p for p in pairs if fold_of(p["doc"], args.folds) == args.fold]
        desc.append(f"fold {args.fold} of {args.folds} (sha256 of the article id, "
                    f"mod {args.folds})")
    return pairs, ", ".join(desc) or "all pairs"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--tracker", type=Path, default=DEFAULT_TRACKER)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--topics", type=Path,
                    help="topic lexicon passed to tracker (default: the binary's own)")
    ap.add_argument("--min-significance", choices=list(SIGNIFICANCE), default="medium")
    ap.add_argument("--ids", help="subset, e.g. 001-085 or 001,004,090-100")
    ap.add_argument("--split", choices=["dev", "test"],
                    help="half of the articles (all revisions of an article on one side)")
    ap.add_argument("--folds", type=int, help="K folds by article (with --fold I)")
    ap.add_argument("--fold", type=int, help="which fold, 0..K-1")
    ap.add_argument("--json", type=Path, help="write per-pair details here")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="print N false positives and N misses per source, worst first")
    ap.add_argument("--quick", action="store_true",
                    help="8 fixed pairs; check the pipeline's invariants, not the scores")
    args = ap.parse_args(argv)
    if (args.folds is None) != (args.fold is None):
        ap.error("--folds and --fold go together")
    if args.folds is not None and not (args.folds >= 2 and 0 <= args.fold < args.folds):
        ap.error("--folds K needs K >= 2 and 0 <= --fold < K")

    data = args.data.resolve()
    if not (data / "manifest.json").is_file():
        print(f"news_revisions.py: no manifest.json in {data}", file=sys.stderr)
        return 2
    tracker = args.tracker.resolve()
    if not (tracker.is_file() and os.access(tracker, os.X_OK)):
        print(f"news_revisions.py: tracker binary not found: {tracker} "
              f"(build it or pass --tracker)", file=sys.stderr)
        return 2

    pairs, selection = select_pairs(load_pairs(data), args)
    if not pairs:
        print("news_revisions.py: no pair selected", file=sys.stderr)
        return 2
    for p in pairs:
        p["old_text"] = (data / p["id"] / "old.txt").read_text(encoding="utf-8")
        p["new_text"] = (data / p["id"] / "new.txt").read_text(encoding="utf-8")
    threshold = SIGNIFICANCE[args.min_significance]

    outputs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_tracker, tracker, data, p["id"], args.timeout,
                               args.topics.resolve() if args.topics else None): p["id"]
                   for p in pairs}
        for fut in concurrent.futures.as_completed(futures):
            outputs[futures[fut]] = fut.result()

    print(f"news-revisions: {len(pairs)} pairs from {data}; selection: {selection}")
    print(f"tracker: {tracker}")

    failures = []
    problems = []
    per_source = {s: (Totals(), Totals()) for s, _ in SOURCES}
    ceiling = {s: [0, 0, 0] for s, _ in SOURCES}
    details = []
    scored = {}
    for p in pairs:
        changes, error = outputs[p["id"]]
        if error:
            failures.append((p["id"], error))
        s = score_pair(p, changes, threshold)
        scored[p["id"]] = s
        t, b = per_source[p["source"]]
        t.add(p["expect"], s["result"], s["detected"], s["loose"], carried_aspects_of)
        for name, counts in s["by_level"].items():
            for k in range(3):
                t.by_level[name][k] += counts[k]
            if p["expect"]["quiet"]:
                t.by_level[name][3] += counts[3]
        b.add(p["expect"], s["baseline"], s["baseline_items"])
        for m, dets, label in ((s["result"], s["detected"], "tracker"),
                               (s["baseline"], s["baseline_items"], "baseline")):
            if m["tp"] + m["fp"] + m["neutral"] != len(dets) or \
               m["tp"] + m["fn"] != len(p["expect"]["changes"]):
                problems.append(f"{p['id']}: {label} counts are inconsistent")
        details.append(pair_details(p, s, error))

    if failures:
        print(f"\nfailures ({len(failures)}, scored as no change):")
        for pid, error in sorted(failures)[:20]:
            print(f"  {pid}: {error}")
        if len(failures) > 20:
            print(f"  ... and {len(failures) - 20} more")

    # Self-check of the matcher: the labelled units scored as detections find every expected
    # change, and every minor unit is a false positive. It is also the ceiling of flag-every-edit.
    for p in pairs:
        s = scored[p["id"]]
        oracle = s["exp_changes"] + s["minor"]
        m = match(oracle, s["exp_changes"], s["minor"], s["ignore"])
        for k, key in enumerate(("tp", "fp", "fn")):
            ceiling[p["source"]][k] += m[key]
        if m["fn"] != 0 or m["tp"] != len(s["exp_changes"]) or m["fp"] != len(s["minor"]):
            problems.append(f"{p['id']}: the labelled units do not match themselves "
                            f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")

    for source, name in SOURCES:
        t, b = per_source[source]
        if t.pairs:
            print_source_report(name, t, b, args.min_significance, ceiling[source])

    if args.show_errors:
        show_errors(pairs, scored, args.show_errors)

    if args.json:
        args.json.write_text(json.dumps({"selection": selection,
                                         "min_significance": args.min_significance,
                                         "pairs": details}, indent=1, ensure_ascii=False)
                             + "\n", encoding="utf-8")
        print(f"\nper-pair details: {args.json}")

    if args.quick:
        for pid, error in failures:
            problems.append(f"{pid}: tracker failed: {error}")
        for source, name in SOURCES:
            t, b = per_source[source]
            if not t.pairs:
                problems.append(f"no {name} pair in the quick set")
                continue
            if not (t.consistent() and b.consistent()):
                problems.append(f"{name}: totals are inconsistent")
            if b.tp == 0:
                problems.append(f"{name}: the flag-every-edit baseline found nothing")
        if problems:
            print("\nquick check FAILED:")
            for problem in problems:
                print(f"  {problem}")
            return 1
        print(f"\nquick check ok: {len(pairs)} pairs, every run gave valid JSON, "
              f"tp+fp+neutral = detected, tp+fn = expected, the labelled units match "
              f"themselves, the baseline finds changes")
    elif problems:
        print("\nscorer problems:")
        for problem in problems:
            print(f"  {problem}")
    return 0


def carried_aspects_of(item):
    return carried_aspects(item.data)


def item_json(item, outcome=None, extra=None):
    obj = {"kind": item.kind, "old": item.old, "new": item.new}
    if "significance" in item.data:
        obj["significance"] = item.data["significance"]
        obj["aspects"] = item.data.get("aspects", [])
        obj["topics"] = item.data.get("topics", [])
        for key in ("score", "evidence"):
            if key in item.data:
                obj[key] = item.data[key]
    if "intents" in item.data:
        obj["aspect"] = item.data.get("aspect")
        obj["intents"] = item.data.get("intents")
    if outcome is not None:
        obj["outcome"] = outcome["outcome"]
        obj["reason"] = outcome["reason"]
        if outcome["unit"] is not None:
            obj["unit"] = list(outcome["unit"])
    if extra:
        obj.update(extra)
    return obj


def pair_details(p, s, error):
    r, loose = s["result"], s["loose"]
    detected = [item_json(d, o) for d, o in zip(s["detected"], r["detected"])]
    misses = []
    for k, unit in enumerate(s["exp_changes"]):
        if r["expected"][k] is None:
            d = loose["expected"][k]
            why = (f"found at {s['all_detected'][d].data['significance']}" if d is not None
                   else "not found")
            misses.append(item_json(unit, extra={"index": k, "why": why}))
    return {
        "id": p["id"], "source": p["source"], "doc": p["doc"],
        "quiet": p["expect"]["quiet"], "quiet_strict": p["expect"]["quiet_strict"],
        "error": error,
        "counts": {k: r[k] for k in ("tp", "fp", "fn", "neutral")},
        "detected": detected,
        "below_threshold": [item_json(d) for d in s["all_detected"] if d not in s["detected"]],
        "misses": misses,
        "false_alarms": [d for d in detected if d["outcome"] == "fp"],
        "baseline": {
            "counts": {k: s["baseline"][k] for k in ("tp", "fp", "fn", "neutral")},
            "detected": [item_json(d, o) for d, o in
                         zip(s["baseline_items"], s["baseline"]["detected"])],
        },
    }


def show_errors(pairs, scored, n):
    def short(text, width=300):
        if text is None:
            return "-"
        return text if len(text) <= width else text[:width - 3] + "..."

    for source, name in SOURCES:
        fps, fns = [], []
        for p in pairs:
            if p["source"] != source:
                continue
            s = scored[p["id"]]
            for d, o in zip(s["detected"], s["result"]["detected"]):
                if o["outcome"] == "fp":
                    rank = (-SIGNIFICANCE[d.data["significance"]],
                            {"minor": 0, "unlabelled": 1, "kind": 2, "duplicate": 3}[o["reason"]])
                    fps.append((rank, p["id"], d, o))
            for k, unit in enumerate(s["exp_changes"]):
                if s["result"]["expected"][k] is None:
                    d = s["loose"]["expected"][k]
                    why = (f"found at {s['all_detected'][d].data['significance']}"
                           if d is not None else "not found")
                    # Misses never detected at all first, then those with an aspect.
                    rank = (0 if d is None else 1, 0 if unit.data.get("aspect") else 1)
                    fns.append((rank, p["id"], unit, why))
        fps.sort(key=lambda x: (x[0], x[1]))
        fns.sort(key=lambda x: (x[0], x[1]))
        if fps:
            print(f"\n-- {name}: worst false positives ({min(n, len(fps))} of {len(fps)}) --")
            for _, pid, d, o in fps[:n]:
                print(f"{pid} {d.kind} {d.data['significance']} [{o['reason']}] aspects="
                      f"{','.join(d.data.get('aspects') or []) or '-'} topics="
                      f"{','.join(d.data.get('topics') or []) or '-'}")
                print(f"    old: {short(d.old)}")
                print(f"    new: {short(d.new)}")
        if fns:
            print(f"\n-- {name}: misses ({min(n, len(fns))} of {len(fns)}) --")
            for _, pid, unit, why in fns[:n]:
                print(f"{pid} {unit.kind} aspect={unit.data.get('aspect') or '-'} "
                      f"intents={','.join(unit.data.get('intents') or [])} ({why})")
                print(f"    old: {short(unit.old)}")
                print(f"    new: {short(unit.new)}")


if __name__ == "__main__":
    sys.exit(main())
