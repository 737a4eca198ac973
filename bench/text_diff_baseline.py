#!/usr/bin/python3
"""Plain text diff baselines over the pairs that `diff_speed --dump-pairs FILE` wrote.

Times, per pair, with the rounds x reps scheme of diff_speed:

- difflib word diff: SequenceMatcher(None, old.split(), new.split()).get_opcodes()
  (standard library; the split is timed too; default autojunk);
- diff-match-patch: diff_match_patch().diff_main(old, new) with the library defaults
  (Diff_Timeout 1 s, checklines on): the bare character diff;
- diff-match-patch + cleanup: the same diff_main result followed by diff_cleanupSemantic, the
  readable form a UI would show (the cleanup is timed separately and added).

A pair whose warm-up call of a method takes --slow-ms or more keeps that one call as its time
and is left out of the timed rounds: diff-match-patch needs up to its 1 s timeout on heavily
rewritten pairs, and a whole run would otherwise take hours (at 20 ms, a cold cache is noise).
Each pair also gets its word similarity, difflib's ratio() on the word lists with autojunk off
(untimed), which run_diff_speed.sh uses to group the pairs by how much was edited.

diff-match-patch is Debian's python3-diff-match-patch (apt-get install python3-diff-match-patch).

    bench/text_diff_baseline.py PAIRS.jsonl [--rounds 5] [--reps 3] [--slow-ms 20] [--json]
    bench/text_diff_baseline.py --quick [PAIRS.jsonl]    # ctest: one round, checks, no timing

--quick times one round of one repetition, over PAIRS.jsonl or, without it, the plain-text
pairs of snapshots/kursk/pairs.txt, and checks that every diff rebuilds both texts and that
every repetition did the same work (exit 1 if not). Without diff-match-patch it exits with
status 77, which ctest reports as skipped.

See bench/README.md, section "Claims and diff speed".
"""

import argparse
import difflib
import json
import statistics
import sys
import time
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from quick_mode import verdict  # noqa: E402  (after the bytecode switch on purpose)

try:
    from diff_match_patch import diff_match_patch
except ImportError:
    # --quick reports a skip, a timed run an error; main() decides.
    diff_match_patch = None

EXIT_SKIPPED = 77  # ctest's SKIP_RETURN_CODE for the quick test
FIXTURES = Path(__file__).resolve().parent.parent / "snapshots" / "kursk"

METHODS = [
    ("difflib", "difflib word diff"),
    ("dmp", "diff-match-patch diff_main"),
    ("dmp_cleanup", "diff-match-patch + cleanupSemantic"),
]


def load_pairs(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                pairs.append((row["source"], row["old"], row["new"]))
    return pairs


def fixture_pairs():
    """--quick without PAIRS: the plain-text pairs of the regression fixtures, as diff_speed
    reads them (its .html pairs need the extractor, so they are left out here)."""
    pairs = []
    for line in (FIXTURES / "pairs.txt").read_text(encoding="utf-8").splitlines():
        names = line.split()
        if len(names) == 2 and not line.startswith("#") and all(n.endswith(".txt") for n in names):
            old, new = ((FIXTURES / n).read_text(encoding="utf-8") for n in names)
            pairs.append(("fixtures", old, new))
    return pairs


def quick_check(pairs, dmp, deterministic):
    """--quick: every diff describes its pair, whatever it cost. True if all do."""
    problems = [] if deterministic else ["a repetition's edit count differs from the warm-up's"]
    for i, (_, old, new) in enumerate(pairs):
        diffs = dmp.diff_main(old, new)
        if dmp.diff_text1(diffs) != old or dmp.diff_text2(diffs) != new:
            problems.append(f"pair {i}: diff-match-patch's diff does not rebuild both texts")
        a, b = old.split(), new.split()
        ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
        if not ops or (ops[-1][2], ops[-1][4]) != (len(a), len(b)):
            problems.append(f"pair {i}: difflib's opcodes do not cover both word lists")
    return verdict(problems, f"{len(pairs)} pairs; every diff rebuilds both texts, every "
                             f"repetition did the same work")


def time_difflib(old, new, reps, clock):
    """Seconds per call, and the number of opcodes."""
    started = clock()
    for _ in range(reps):
        count = len(difflib.SequenceMatcher(None, old.split(), new.split()).get_opcodes())
    return (clock() - started) / reps, count


def time_dmp(dmp, old, new, reps, clock):
    """Seconds per diff_main call, seconds per diff_cleanupSemantic call, and the numbers of
    edits before and after the cleanup."""
    bare = 0.0
    cleanup = 0.0
    for _ in range(reps):
        started = clock()
        diffs = dmp.diff_main(old, new)
        middle = clock()
        count = len(diffs)
        dmp.diff_cleanupSemantic(diffs)
        bare += middle - started
        cleanup += clock() - middle
    return bare / reps, cleanup / reps, (count, len(diffs))


def summarize(chars, seconds, chosen):
    if not chosen:
        return {"pairs": 0}
    total_chars = sum(chars[i] for i in chosen)
    total = sum(seconds[i] for i in chosen)
    return {
        "pairs": len(chosen),
        "chars": total_chars,
        "median_us": round(statistics.median(seconds[i] * 1e6 for i in chosen), 2),
        "total_seconds": round(total, 6),
        "pairs_per_s": round(len(chosen) / total, 1),
        "us_per_1000_chars": round(total * 1e9 / total_chars, 2),
        "median_us_per_1000_chars": round(
            statistics.median(seconds[i] * 1e9 / chars[i] for i in chosen), 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="?", help="JSON lines from diff_speed --dump-pairs")
    parser.add_argument("--rounds", type=int, default=5,
                        help="timed rounds over all pairs; a pair's time is its median")
    parser.add_argument("--reps", type=int, default=3,
                        help="repetitions of a pair per round, timed together")
    parser.add_argument("--slow-ms", type=float, default=20.0,
                        help="a pair whose warm-up call took this long keeps that call as its time")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object, with every pair's times and similarity")
    parser.add_argument("--quick", action="store_true",
                        help="what ctest runs: one round of one repetition (over the fixtures' "
                             "text pairs if no PAIRS), checks, no timing")
    args = parser.parse_args()
    if args.rounds < 1 or args.reps < 1:
        parser.error("--rounds and --reps must be at least 1")
    if args.pairs is None and not args.quick:
        parser.error("PAIRS is needed (or --quick)")
    if diff_match_patch is None:
        print("text_diff_baseline.py: diff_match_patch is missing; install the Debian package "
              "python3-diff-match-patch", file=sys.stderr)
        return EXIT_SKIPPED if args.quick else 2
    if args.quick:
        args.rounds, args.reps = 1, 1

    pairs = load_pairs(args.pairs) if args.pairs else fixture_pairs()
    if not pairs:
        print(f"text_diff_baseline.py: no pairs in {args.pairs}", file=sys.stderr)
        return 2
    dmp = diff_match_patch()
    clock = time.perf_counter
    slow = args.slow_ms / 1e3
    chars = [len(old) + len(new) for _, old, new in pairs]
    similarity = [difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()
                  for _, old, new in pairs]

    # Warm-up round: finds the slow pairs (whose one call is their time), and fixes the edit
    # counts that every timed repetition must reproduce. diff-match-patch's result depends on
    # the clock once its timeout cuts the search short, so its counts are checked only on pairs
    # far from it.
    warm_difflib = [time_difflib(old, new, 1, clock) for _, old, new in pairs]
    warm_dmp = [time_dmp(dmp, old, new, 1, clock) for _, old, new in pairs]
    slow_difflib = [w[0] >= slow for w in warm_difflib]
    slow_dmp = [w[0] + w[1] >= slow for w in warm_dmp]
    checkable_dmp = [w[0] < 0.1 * dmp.Diff_Timeout for w in warm_dmp]

    times = {key: [[] for _ in pairs] for key, _ in METHODS}
    for i in range(len(pairs)):
        if slow_difflib[i]:
            times["difflib"][i].append(warm_difflib[i][0])
        if slow_dmp[i]:
            times["dmp"][i].append(warm_dmp[i][0])
            times["dmp_cleanup"][i].append(warm_dmp[i][0] + warm_dmp[i][1])
    deterministic = True
    for _ in range(args.rounds):
        for i, (_, old, new) in enumerate(pairs):
            if not slow_difflib[i]:
                seconds, count = time_difflib(old, new, args.reps, clock)
                times["difflib"][i].append(seconds)
                deterministic = deterministic and count == warm_difflib[i][1]
            if not slow_dmp[i]:
                bare, cleanup, counts = time_dmp(dmp, old, new, args.reps, clock)
                times["dmp"][i].append(bare)
                times["dmp_cleanup"][i].append(bare + cleanup)
                deterministic = deterministic and (not checkable_dmp[i] or
                                                   counts == warm_dmp[i][2])

    timed_out = sum(1 for t in times["dmp"] if max(t) >= 0.9 * dmp.Diff_Timeout)
    out = {
        "benchmark": "text_diff_baseline",
        "python": sys.version.split()[0],
        "pairs": len(pairs),
        "chars": sum(chars),
        "rounds": args.rounds,
        "reps": args.reps,
        "slow_ms": args.slow_ms,
        "slow_pairs": {"difflib": sum(slow_difflib), "dmp": sum(slow_dmp)},
        "dmp_diff_timeout": dmp.Diff_Timeout,
        "dmp_pairs_near_timeout": timed_out,
        "methods": {},
        "deterministic": deterministic,
    }
    sources = sorted({source for source, _, _ in pairs})
    groups = [("all", list(range(len(pairs))))]
    groups += [(s, [i for i, p in enumerate(pairs) if p[0] == s]) for s in sources]
    for key, label in METHODS:
        seconds = [statistics.median(t) for t in times[key]]
        entry = {"label": label}
        for name, chosen in groups:
            entry[name] = summarize(chars, seconds, chosen)
        if args.json:
            entry["pair_us"] = [round(s * 1e6, 2) for s in seconds]
        out["methods"][key] = entry
    if args.json:
        out["similarity"] = [round(s, 4) for s in similarity]
        print(json.dumps(out, indent=2))
    else:
        print(f"text_diff_baseline: {len(pairs)} pairs, pair time = median of {args.rounds} "
              f"rounds x {args.reps} reps (the warm-up call alone if it took >= "
              f"{args.slow_ms:g} ms: {sum(slow_difflib)} difflib, {sum(slow_dmp)} "
              f"diff-match-patch pairs), Python {out['python']}")
        print(f"  {'method':<36} {'pairs':<10} {'median us':>10} {'pairs/s':>9} "
              f"{'us/1k chars':>11} {'(median)':>9}")
        for key, label in METHODS:
            for name, _ in groups:
                s = out["methods"][key][name]
                print(f"  {label:<36} {name:<10} {s['median_us']:>10.1f} "
                      f"{s['pairs_per_s']:>9.1f} {s['us_per_1000_chars']:>11.2f} "
                      f"{s['median_us_per_1000_chars']:>9.2f}")
        print(f"  diff-match-patch reached 90% of its {dmp.Diff_Timeout:g} s timeout on "
              f"{timed_out} pairs")
        if not deterministic:
            print("  error: a repetition's edit count differs from the warm-up round's")
    if args.quick:
        return 0 if quick_check(pairs, dmp, deterministic) else 1
    return 0 if deterministic else 1


if __name__ == "__main__":
    sys.exit(main())
