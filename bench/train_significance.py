#!/usr/bin/python3
"""Fits the meaning model that grades claim changes (tracker/diff/significance.cc).

Runs `tracker diff OLD NEW --format json --explain` on every pair of
../shared/data/news-revisions, labels each detected change by the annotators' units it
overlaps (a `changes` unit: 1; a `minor` unit or nothing: 0; an `ignore` unit: left out),
and fits an L2-regularised logistic regression over the change's features. It prints the
cross-validated scores (folds by article, so no article is scored by a model that saw it) for
Wikinews and Wikipedia apart, and with --write, refits on every pair and writes the weights to
tracker/diff/significance_weights.inc.

    bench/train_significance.py [--tracker PATH] [--folds 5] [--l2 1.0] [--write]
    bench/train_significance.py --quick [--tracker PATH]   # ctest: 8 pairs, 2 folds, no --write

--quick fits on the news-revisions benchmark's 8 quick pairs and checks that tracker's
features are the ones the committed weights were written for (by name and order), that
there are labelled changes to fit on, and that the fit gives finite weights; it never
writes the weights and never asserts a score. Exit 1 if a check fails.

Standard library only; Debian's /usr/bin/python3.
"""
import argparse
import json
import math
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.dont_write_bytecode = True  # importing the modules beside it must leave no __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import news_revisions as nr  # the benchmark's data reading and matching  # noqa: E402
from quick_mode import verdict  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHTS = os.path.join(REPO, 'tracker', 'diff', 'significance_weights.inc')


def run_pair(tracker, data, pair):
    """Every change tracker finds in one pair, at any significance, with its model features."""
    out = subprocess.run([str(tracker), 'diff', str(data / pair['id'] / 'old.txt'),
                          str(data / pair['id'] / 'new.txt'), '--format', 'json', '--explain'],
                         capture_output=True, text=True, cwd=data)
    if out.returncode not in (0, 1):
        raise SystemExit(f"tracker diff failed on {pair['id']}: {out.stderr.strip()}")
    return json.loads(out.stdout)['changes']


def items(changes):
    return [nr.Item(c['kind'], nr.claim_text(c['old']), nr.claim_text(c['new']), c) for c in changes]


def evaluate(pairs, outputs, significant):
    """Benchmark counts for the changes that `significant(pair id, index, change)` keeps."""
    tp = fp = fn = quiet = quiet_alerted = 0
    for pair in pairs:
        expect = pair['expect']
        kept = [c for i, c in enumerate(outputs[pair['id']]) if significant(pair['id'], i, c)]
        m = nr.match(items(kept), nr.unit_items(expect['changes']), nr.unit_items(expect['minor']),
                     nr.unit_items(expect['ignore']))
        tp, fp, fn = tp + m['tp'], fp + m['fp'], fn + m['fn']
        if expect['quiet']:
            quiet += 1
            quiet_alerted += 1 if kept else 0
    p, r, f = nr.prf(tp, fp, fn)
    return f'P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})  quiet pairs alerted {quiet_alerted}/{quiet}'


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def solve(matrix, vector):
    """Solves matrix @ x = vector by Gaussian elimination with partial pivoting."""
    n = len(vector)
    m = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(n)]


def fit(rows, names, l2, iterations=25):
    """L2-regularised logistic regression by Newton's method; the bias is not regularised."""
    k = len(names)
    w = [0.0] * k
    for _ in range(iterations):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in rows:
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x)))
            err = p - y
            curv = p * (1 - p)
            for i in range(k):
                if x[i] == 0:
                    continue
                grad[i] += err * x[i]
                for j in range(k):
                    hess[i][j] += curv * x[i] * x[j]
        for i in range(k):
            if names[i] != 'bias':
                grad[i] += l2 * w[i]
                hess[i][i] += l2
            hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step)]
        if max(abs(si) for si in step) < 1e-6:
            break
    return w


def score(w, x):
    return sigmoid(sum(wi * xi for wi, xi in zip(w, x)))


def best_threshold(w, rows):
    """The score threshold that maximises F1 over labelled changes (positives are meaning
    changes), searched on the training rows only."""
    scored = sorted(((score(w, x), y) for x, y in rows), reverse=True)
    positives = sum(y for _, y in scored)
    best, best_f1, tp = 0.5, -1.0, 0.0
    for k, (s, y) in enumerate(scored, start=1):
        tp += y
        f1 = 2 * tp / (k + positives) if positives else 0.0
        if f1 > best_f1:
            best_f1, best = f1, s
    return best


def threshold_rows(samples, threshold_on, in_training):
    """The labelled training changes the threshold is chosen on: those of the Wikinews pairs
    (news is what tracker reads; Wikipedia's three times as many changes would otherwise set
    the cut for another genre), or all."""
    return [(x, y) for p, _, x, y in samples if y is not None and in_training(p) and
            (threshold_on == 'all' or p['source'] == nr.SOURCES[0][0])]


def with_threshold(w, names, threshold):
    """Folds a threshold into the bias, so that C++ can keep its cut at one half."""
    t = min(max(threshold, 1e-6), 1 - 1e-6)
    shifted = list(w)
    shifted[names.index('bias')] -= math.log(t / (1 - t))
    return shifted


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--tracker', type=Path, default=nr.DEFAULT_TRACKER)
    ap.add_argument('--data', type=Path, default=nr.DEFAULT_DATA)
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--l2', type=float, default=1.0)
    ap.add_argument('--write', action='store_true', help='refit on all pairs and write the weights')
    ap.add_argument('--threshold-on', choices=['news', 'all'], default='news',
                    help="whose training changes pick the score threshold (default: the news pairs, "
                         "the product's domain; the weights are fitted on all)")
    ap.add_argument('-j', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--quick', action='store_true',
                    help="what ctest runs: the news-revisions quick pairs, 2 folds, checks, never writes")
    args = ap.parse_args()
    if args.quick and args.write:
        ap.error('--quick never writes the weights; drop --write')
    if args.quick:
        args.folds = 2
    data = args.data.resolve()
    # tracker runs with the data folder as its working directory: a relative path must not
    # be read from there.
    args.tracker = args.tracker.resolve()
    if not os.access(args.tracker, os.X_OK):
        print(f'train_significance.py: no tracker binary at {args.tracker}', file=sys.stderr)
        return 2

    pairs = nr.load_pairs(data)
    if args.quick:
        pairs = [p for p in pairs if p['id'] in set(nr.QUICK_IDS)]
    with ThreadPoolExecutor(args.j) as pool:
        outputs = dict(zip([p['id'] for p in pairs],
                           pool.map(lambda p: run_pair(args.tracker, data, p), pairs)))
    names = None
    samples = []  # (pair, change index, features, label: 1, 0 or None to leave out)
    for pair in pairs:
        expect = pair['expect']
        changes = outputs[pair['id']]
        m = nr.match(items(changes), nr.unit_items(expect['changes']), nr.unit_items(expect['minor']),
                     nr.unit_items(expect['ignore']))
        for index, (change, outcome) in enumerate(zip(changes, m['detected'])):
            names = names or list(change['features'])
            # Changes the rules grade (wording only: low; a figure, hedge, negation or speaker
            # changed: significant) teach the model nothing it is asked.
            label = None if rule_graded(change) else {'tp': 1.0, 'fp': 0.0}.get(outcome['outcome'])
            samples.append((pair, index, [change['features'][k] for k in names], label))
    if names is None:
        raise SystemExit('no changes detected at all')

    # Folds by article (the benchmark's own hash): every revision of an article in one fold.
    fold = {p['id']: nr.fold_of(p['doc'], args.folds) for p in pairs}
    predicted = {}
    for k in range(args.folds):
        train = [(x, y) for p, _, x, y in samples if fold[p['id']] != k and y is not None]
        w = fit(train, names, args.l2)
        w = with_threshold(w, names, best_threshold(w, threshold_rows(samples, args.threshold_on,
                                                                   lambda p: fold[p['id']] != k)))
        for p, i, x, _ in samples:
            if fold[p['id']] == k:
                predicted[(p['id'], i)] = score(w, x) >= 0.5
    print(f'{args.folds}-fold cross-validation by article, l2 {args.l2}; significance >= medium')
    for source, label in nr.SOURCES:
        chosen = [p for p in pairs if p['source'] == source]
        model = evaluate(chosen, outputs, lambda pid, i, c: factual(c) or
                         (predicted[(pid, i)] and not wording_only(c)))
        build = evaluate(chosen, outputs, lambda pid, i, c: c['significance'] != 'low')
        print(f'  {label:10s} model (CV)   {model}')
        print(f'  {label:10s} this build   {build}')

    if args.quick:
        return 0 if quick_check(pairs, names, samples, args.l2) else 1

    if args.write:
        train = [(x, y) for _, _, x, y in samples if y is not None]
        w = fit(train, names, args.l2)
        w = with_threshold(w, names, best_threshold(w, threshold_rows(samples, args.threshold_on, lambda p: True)))
        with open(WEIGHTS, 'w') as out:
            out.write('// Weights of the meaning model (significance.cc), one per feature in k_feature_names\n')
            out.write('// order. Written by bench/train_significance.py from ../shared/data/news-revisions\n')
            out.write(f'// ({len(train)} labelled changes, l2 {args.l2}); bench/README.md gives its scores.\n')
            out.write('// ' + ', '.join(names) + '\n')
            out.write(', '.join(f'{v:.4f}' for v in w) + ',\n')
        print('wrote', os.path.relpath(WEIGHTS, REPO))
        for name, value in zip(names, w):
            print(f'  {name:14s} {value:+.3f}')


def committed_feature_names():
    """The feature names of the committed weights: the comment line that --write puts
    before them."""
    with open(WEIGHTS) as f:
        lines = [line.strip() for line in f]
    return [n.strip() for n in lines[-2].removeprefix('//').split(',')] if len(lines) >= 2 else []


def quick_check(pairs, names, samples, l2):
    """--quick: what a real fit needs holds on a few pairs. True if it does."""
    problems = []
    if len(pairs) != len(nr.QUICK_IDS):
        problems.append(f'{len(pairs)} of the {len(nr.QUICK_IDS)} quick pairs found')
    committed = committed_feature_names()
    if names != committed:
        # tracker's features and the weights it was built with disagree: refit with --write.
        problems.append(f'tracker reports the features {names}, the committed weights are for {committed}')
    if any(len(x) != len(names) for _, _, x, _ in samples):
        problems.append('a change lacks some of the features')
    train = [(x, y) for _, _, x, y in samples if y is not None]
    if not train:
        problems.append('no labelled change to fit on')
    else:
        w = fit(train, names, l2)
        if len(w) != len(names) or not all(math.isfinite(v) for v in w):
            problems.append(f'the fit gave {w}')
    return verdict(problems, f'{len(pairs)} pairs, {len(samples)} changes ({len(train)} labelled), '
                             f'{len(names)} features as in {os.path.relpath(WEIGHTS, REPO)}, finite weights')


def factual(change):
    """significance.cc's `fact` rule (the binary says which rule graded it): always matters."""
    return change['graded_by'] == 'fact'


def rule_graded(change):
    return change['graded_by'] != 'model'


def wording_only(change):
    """significance.cc's `wording` and `figures_only` rules: the model does not decide."""
    return change['graded_by'] in ('wording', 'figures_only')


if __name__ == '__main__':
    sys.exit(main())
