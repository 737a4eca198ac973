#!/usr/bin/python3
"""Fit the ledger's grouping model (tracker/report/measure_grouping.cc) and say how well it
generalises: leave-one-story-out, on stories read with the lexicon they were first seen with.

    /usr/bin/python3 bench/train_ledger_grouping.py [--tracker PATH] [--l2 1] [--write]
    /usr/bin/python3 bench/train_ledger_grouping.py --quick      # ctest: 3 stories, checks, no score bar

Each dev story of snapshots/ledger is published as ledger_score.py does and read with
`tracker figures --ledger --grouping rules`: the lexicon's measures alone. A first-sight story
(bench/ledger_first_sight/stories.json) is read with the lexicon of before it was added, as the
ledger reads a story whose words it has not learned; it is also read with today's lexicon, so
the model learns both conditions. Every pair of a story's figures that the gold matched is a
row: its features (as measure_grouping.cc computes them) and whether the gold counts both under
one measure. An L2-regularised logistic regression (Newton's method, the bias not regularised)
weighs them.

It prints, for every first-sight story left out in turn (the model fitted on the other
stories' rows, in both readings), the grouping F1 of the rules' measures and of the model's
average-linkage groups (joined while the mean probability is at least one half, as tracker
joins them), and the totals. With --write it refits on every row and writes
tracker/report/measure_grouping_weights.inc; rebuild, then `--check` compares tracker's own
groups with this script's on every story (they should agree, pair for pair).

Needs numpy (Debian's python3-numpy), hence /usr/bin/python3. Exit status 0; 1 if --quick or
--check found a broken invariant; 2 if the tracker is missing.
"""
import argparse
import itertools
import json
import math
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import ledger_score as L  # noqa: E402

WEIGHTS = L.REPO / "tracker" / "report" / "measure_grouping_weights.inc"
NAMES = ["bias", "same_name", "same_base", "base_word_jaccard", "log_ratio", "near", "same_outlet",
         "same_speaker", "sentence_jaccard", "context_jaccard", "same_qualifier", "part", "period_differs",
         "same_event_name"]
STOP = set("the a an of and or to in on at by for with from have has had been were was are is be about "
           "some more than least nearly almost around roughly over under up its their his her said says "
           "that which who now so far as".split())
CONTEXT = 5
JOIN_AT = 0.5


def ascii_lower(text):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def words_of(text):
    """Runs of ASCII letters and digits, lower-cased, with where they start."""
    return [(m.group(0), m.start()) for m in re.finditer(r"[a-z0-9]+", ascii_lower(text))]


def content(word):
    return not word[0].isdigit() and word not in STOP


def base_of(name):
    at = name.find(" (")
    return name[:at] if at >= 0 and name.endswith(")") else name


def read_figure(figure):
    name = figure["measure"]
    words = words_of(figure["claim"])
    context = set()
    at = figure["claim"].find(figure["text"])
    if at >= 0:
        first = next((i for i, (_, b) in enumerate(words) if b >= at), len(words))
        last = next((i for i, (_, b) in enumerate(words) if b >= at + len(figure["text"])), len(words))
        context = {w for i, (w, _) in enumerate(words)
                   if (max(0, first - CONTEXT) <= i < first or last <= i < last + CONTEXT) and content(w)}
    base_key = L.measure_key(base_of(name))
    return {"key": L.measure_key(name), "base_key": base_key, "base_words": set(base_key.split()),
            "value": figure.get("value"), "outlet": figure["source"],
            "speaker": [w for w, _ in words_of(figure.get("attribution") or "")],
            "sentence": {w for w, _ in words if content(w)}, "context": context,
            "qualifier": figure["qualifier"], "part": "(part)" in name,
            "period": bool(re.search(r" in [0-9]{4}", name)), "event": figure.get("measure_event") or ""}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def speaker_overlap(a, b):
    if not a or not b:
        return 0.0
    rest = list(a)
    shared = 0
    for w in b:
        if w in rest:
            rest.remove(w)
            shared += 1
    if not shared:
        return 0.0
    p, r = shared / len(a), shared / len(b)
    return 2 * p * r / (p + r)


def features(a, b):
    log_ratio, near = 0.0, False
    if a["value"] and b["value"] and a["value"] > 0 and b["value"] > 0:
        log_ratio = abs(math.log(a["value"] / b["value"]))
        near = log_ratio < math.log(1.5)
        log_ratio = min(log_ratio, 5.0)
    return [1.0, float(bool(a["key"]) and a["key"] == b["key"]),
            float(bool(a["base_key"]) and a["base_key"] == b["base_key"]),
            jaccard(a["base_words"], b["base_words"]), log_ratio, float(near),
            float(a["outlet"] == b["outlet"]), float(speaker_overlap(a["speaker"], b["speaker"]) >= 0.5),
            jaccard(a["sentence"], b["sentence"]), jaccard(a["context"], b["context"]),
            float(a["qualifier"] == b["qualifier"]), float(a["part"] or b["part"]),
            float(a["period"] != b["period"]),
            float(bool(a["event"]) and bool(b["event"]) and bool(a["key"]) and a["key"] == b["key"])]


def read_story(tracker, story_dir, measures, grouping="rules"):
    """(gold, predicted figures, {gold index: predicted index})."""
    with tempfile.TemporaryDirectory(prefix="ledger-grouping-") as folder:
        gold, store = L.publish_story(tracker, story_dir, Path(folder))
        ledger = json.loads(L.run_tracker(
            tracker, ["figures", "--store", str(store), "--ledger", "--across-stories", "--grouping", grouping,
                      "--format", "json"]
            + (["--measures", str(measures)] if measures else [])))
    predicted = [entry for measure in ledger["measures"] for entry in measure["timeline"]]
    return gold, predicted, L.match(gold, predicted)


def weighed(figure):
    """Whether tracker weighs a figure: a vague one ("several", "many") keeps the rules' name."""
    return bool(figure["measure"]) and figure.get("value") is not None and figure["qualifier"] != "vague"


def story_rows(gold, predicted, pairs):
    """The matched figures' pairs: (gold a, gold b, features, label)."""
    read = {g: read_figure(predicted[p]) for g, p in pairs.items()}
    rows = []
    for a, b in itertools.combinations(sorted(pairs), 2):
        # A vague figure (no value) keeps the rules' name: tracker does not weigh it.
        if weighed(predicted[pairs[a]]) and weighed(predicted[pairs[b]]):
            rows.append((a, b, features(read[a], read[b]),
                         int(gold["figures"][a]["measure"] == gold["figures"][b]["measure"])))
    return rows


def fit(X, y, l2):
    w = np.zeros(X.shape[1])
    penalty = np.full(X.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(X @ w, -30, 30)))
        gradient = X.T @ (p - y) + penalty * w
        hessian = (X * (p * (1 - p))[:, None]).T @ X + np.diag(penalty) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def linked(nodes, probability):
    """Average linkage while the mean probability between two groups is at least JOIN_AT."""
    groups = [[n] for n in nodes]
    mean = {(i, j): probability(nodes[i], nodes[j]) for i in range(len(nodes)) for j in range(i + 1, len(nodes))}
    alive = set(range(len(nodes)))
    while True:
        best = None
        for (i, j), m in mean.items():
            if i in alive and j in alive and m >= JOIN_AT and (best is None or m > best[0]):
                best = (m, i, j)
        if best is None:
            return [groups[i] for i in sorted(alive)]
        _, a, b = best
        for k in alive - {a, b}:
            ka, kb = (min(a, k), max(a, k)), (min(b, k), max(b, k))
            mean[ka] = (len(groups[a]) * mean[ka] + len(groups[b]) * mean[kb]) / (len(groups[a]) + len(groups[b]))
        groups[a] += groups[b]
        alive.discard(b)


def grouping_counts(gold, same):
    """(tp, same predicted, same gold) over all pairs of the gold figures; `same(a, b)` says
    whether the grouping puts two gold figures together."""
    tp = sp = sg = 0
    for a, b in itertools.combinations(range(len(gold["figures"])), 2):
        g = gold["figures"][a]["measure"] == gold["figures"][b]["measure"]
        s = same(a, b)
        tp += g and s
        sp += s
        sg += g
    return tp, sp, sg


def model_groups(weights, rows, pairs, predicted):
    """{gold index: measure key} as tracker names the groups: a group takes the name most of its
    figures have from the rules (the first at a tie); where groups share one, the largest keeps it
    and the others are told apart; a vague figure keeps its name."""
    probability = {(a, b): 1 / (1 + math.exp(-max(-30, min(30, float(np.dot(weights, x)))))) for a, b, x, _ in rows}
    names = {g: predicted[p]["measure"] for g, p in pairs.items() if predicted[p]["measure"]}
    # Figures in the order tracker reads them (the ledger's order stands in for it).
    order = {g: pairs[g] for g in names}
    nodes = sorted((g for g in names if weighed(predicted[pairs[g]])), key=order.get)
    groups = linked(nodes, lambda i, j: probability.get((min(i, j), max(i, j)), 0.0))
    groups.sort(key=lambda group: (-len(group), min(order[g] for g in group)))
    named = {g: L.measure_key(name) for g, name in names.items()}
    taken = set()
    for k, group in enumerate(groups):
        counts = {}
        for g in sorted(group, key=order.get):
            counts.setdefault(names[g], [0, order[g]])[0] += 1
        name = L.measure_key(max(counts.items(), key=lambda item: (item[1][0], -item[1][1]))[0])
        if name in taken:
            name = f"{name} #{k}"
        taken.add(name)
        for g in group:
            named[g] = name
    return named


def f1(tp, sp, sg):
    return 2 * tp / (sp + sg) if sp + sg else 0.0


def stories(first_sight_only=False):
    listed = json.loads((L.FIRST_SIGHT / "stories.json").read_text(encoding="utf-8"))["stories"]
    for story_dir in sorted(p for p in (L.REPO / "snapshots" / "ledger").iterdir() if (p / "gold.json").exists()):
        gold = json.loads((story_dir / "gold.json").read_text(encoding="utf-8"))
        if gold["split"] != "dev" or (first_sight_only and story_dir.name not in listed):
            continue
        yield story_dir, (L.FIRST_SIGHT / listed[story_dir.name]) if story_dir.name in listed else None


def write_weights(weights, rows, l2):
    WEIGHTS.write_text(
        "// Weights of the ledger's grouping model (measure_grouping.cc), one per feature in\n"
        "// k_pair_feature_names order. Written by bench/train_ledger_grouping.py --write from the dev\n"
        f"// stories of snapshots/ledger ({rows} pairs of figures, l2 {l2}); bench/README.md gives its scores.\n"
        "// " + ", ".join(NAMES) + "\n" + ", ".join(f"{w:.4f}" for w in weights) + ",\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tracker", type=Path, default=L.REPO / "build" / "tracker")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--write", action="store_true", help="refit on every story and write the weights")
    ap.add_argument("--check", action="store_true",
                    help="compare tracker's groups (--grouping model) with this script's, story by story")
    ap.add_argument("--quick", action="store_true", help="three stories, checks only (ctest)")
    args = ap.parse_args()
    tracker = args.tracker.resolve()
    if not tracker.is_file():
        print(f"error: tracker binary not found: {tracker}", file=sys.stderr)
        return 2
    chosen = list(stories())
    if args.quick:
        chosen = [s for s in chosen if s[1] is not None][:3]
    # Each story in each reading: (story, reading, gold, predicted, pairs, rows).
    readings = []
    for story_dir, measures in chosen:
        for reading, lexicon in (("first sight", measures), ("today", None)):
            if reading == "first sight" and measures is None:
                continue
            gold, predicted, pairs = read_story(tracker, story_dir, lexicon)
            readings.append((story_dir.name, reading, gold, predicted, pairs, story_rows(gold, predicted, pairs)))
    broken = []
    if args.check or args.quick:
        weights = np.array([float(w) for w in re.findall(r"-?\d+\.\d+", WEIGHTS.read_text().split("\n", 4)[4])])
        for story_dir, measures in chosen:
            gold, predicted, pairs = read_story(tracker, story_dir, None, grouping="model")
            rules = next(r for r in readings if r[0] == story_dir.name and r[1] == "today")
            mine = model_groups(weights, rules[5], rules[4], rules[3])
            theirs = {g: L.measure_key(predicted[p]["measure"]) for g, p in pairs.items()}
            common = sorted(set(mine) & set(theirs))
            agree = sum((mine[a] == mine[b]) == (theirs[a] == theirs[b]) for a, b in itertools.combinations(common, 2))
            total = len(common) * (len(common) - 1) // 2
            print(f"check {story_dir.name:22s} tracker and this script agree on {agree}/{total} pairs")
            if total and agree < 0.98 * total:
                broken.append(f"{story_dir.name}: tracker's groups differ from the script's ({agree}/{total})")
    if not args.quick:
        totals = {"rules": [0, 0, 0], "model": [0, 0, 0]}
        print(f"leave-one-story-out, first-sight readings, l2 {args.l2}:")
        for story, reading, gold, predicted, pairs, rows in readings:
            if reading != "first sight":
                continue
            train = [r for other in readings if other[0] != story for r in other[5]]
            weights = fit(np.array([r[2] for r in train]), np.array([r[3] for r in train], dtype=float), args.l2)
            groups = model_groups(weights, rows, pairs, predicted)
            ru = grouping_counts(gold, lambda a, b: a in pairs and b in pairs and bool(predicted[pairs[a]]["measure"])
                                 and L.measure_key(predicted[pairs[a]]["measure"]) == L.measure_key(predicted[pairs[b]]["measure"]))
            mo = grouping_counts(gold, lambda a, b: a in groups and b in groups and groups[a] == groups[b])
            for name, counts in (("rules", ru), ("model", mo)):
                totals[name] = [t + c for t, c in zip(totals[name], counts)]
            print(f"  {story:22s} rules {f1(*ru):.3f}  model {f1(*mo):.3f}")
        for name, (tp, sp, sg) in totals.items():
            print(f"all: {name:6s} grouping P {tp / sp:.3f} R {tp / sg:.3f} F1 {f1(tp, sp, sg):.3f} (pairs {tp}/{sp}/{sg})")
    if args.write:
        rows = [r for reading in readings for r in reading[5]]
        weights = fit(np.array([r[2] for r in rows]), np.array([r[3] for r in rows], dtype=float), args.l2)
        write_weights(weights, len(rows), args.l2)
        print("weights: " + " ".join(f"{n}={w:+.3f}" for n, w in zip(NAMES, weights)))
        print(f"wrote {WEIGHTS}; rebuild tracker, then run --check")
    if args.quick:
        if not readings or not any(r[5] for r in readings):
            broken.append("no pairs of figures were read")
        for _, _, _, _, _, rows in readings:
            if any(not all(math.isfinite(v) for v in r[2]) or len(r[2]) != len(NAMES) for r in rows):
                broken.append("a feature that is not a finite number")
    for problem in broken:
        print(f"CHECK FAILED: {problem}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
