#!/bin/bash
# Claims and diff speed in one command: builds diff_speed if needed, runs it (claim extraction +
# claim diff per pair of article versions), which also dumps the pairs it used, then runs the
# plain text diff baselines (difflib word diff, diff-match-patch) over exactly those pairs, and
# prints one comparison table.
#
#     bench/run_diff_speed.sh [--rounds N] [--reps N] [--baseline-rounds N] [--chunk-chars N]
#                             [--max-pairs N] [--keep DIR] [--diff-speed PATH] [--quick]
#
# --rounds/--reps: timed rounds and repetitions per round of diff_speed (default 5 and 3);
# --baseline-rounds: timed rounds of text_diff_baseline.py (default 3, 3 reps per round);
# --chunk-chars: Wikipedia versions cut to ~N characters (default 2000, 0: whole versions);
# --max-pairs N: only the first N pairs (the fixtures come first; default all);
# --keep DIR: keep the pairs and both JSON results in DIR; --diff-speed PATH: the binary to
# run (default: build it in build/). --quick is what ctest runs (bench_run_diff_speed_quick):
# 30 pairs, one round of one repetition, the baselines only if python3-diff-match-patch is
# installed; the checks become errors (exit 1), and no time is judged. See bench/README.md,
# section "Claims and diff speed".
set -euo pipefail

usage() { sed -n '7,8p' "$0" | sed 's/^#     //'; }

rounds=5
reps=3
baseline_rounds=3
chunk_chars=2000
max_pairs=0
keep=""
diff_speed=""
quick=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
    --reps) reps="${2:?--reps needs a value}"; shift 2 ;;
    --baseline-rounds) baseline_rounds="${2:?--baseline-rounds needs a value}"; shift 2 ;;
    --chunk-chars) chunk_chars="${2:?--chunk-chars needs a value}"; shift 2 ;;
    --max-pairs) max_pairs="${2:?--max-pairs needs a value}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a directory}"; shift 2 ;;
    --diff-speed) diff_speed="${2:?--diff-speed needs a path}"; shift 2 ;;
    --quick) quick=1; rounds=1; reps=1; baseline_rounds=1; max_pairs=30; shift ;;
    -h|--help) echo "usage: $(usage)"; sed -n '10,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_diff_speed.sh: unknown argument '$1'" >&2; echo "usage: $(usage)" >&2; exit 2 ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

baseline=1
if ! /usr/bin/python3 -c 'import diff_match_patch' 2>/dev/null; then
  if [[ "$quick" = 0 ]]; then
    echo "run_diff_speed.sh: diff_match_patch is missing; install the Debian package" \
         "'python3-diff-match-patch'" >&2
    exit 2
  fi
  # An optional peer: the quick mode still checks tracker's side.
  echo "run_diff_speed.sh: python3-diff-match-patch is not installed; skipping the baselines" >&2
  baseline=0
fi

if [[ -z "$diff_speed" ]]; then
  if [[ ! -f build/build.ninja && ! -f build/Makefile ]]; then
    cmake --preset default >&2
  fi
  cmake --build build --target diff_speed >&2
  diff_speed=build/bench/diff_speed
fi

if [[ -n "$keep" ]]; then
  mkdir -p "$keep"
  out="$(cd "$keep" && pwd)"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

echo "running $diff_speed --rounds $rounds --reps $reps" \
     "--chunk-chars $chunk_chars --max-pairs $max_pairs ..." >&2
"$diff_speed" --rounds "$rounds" --reps "$reps" --chunk-chars "$chunk_chars" \
  --max-pairs "$max_pairs" --dump-pairs "$out/pairs.jsonl" --json >"$out/tracker.json"
if [[ "$baseline" = 1 ]]; then
  baseline_reps=3
  if [[ "$quick" = 1 ]]; then baseline_reps=1; fi
  echo "running bench/text_diff_baseline.py --rounds $baseline_rounds --reps $baseline_reps" \
       "(several minutes on all pairs: diff-match-patch is slow on rewritten pairs) ..." >&2
  /usr/bin/python3 bench/text_diff_baseline.py "$out/pairs.jsonl" --rounds "$baseline_rounds" \
    --reps "$baseline_reps" --json >"$out/baseline.json"
else
  echo '{}' >"$out/baseline.json"
fi

/usr/bin/python3 - "$out/pairs.jsonl" "$out/tracker.json" "$out/baseline.json" "$quick" <<'EOF'
import json
import statistics
import sys

pairs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
tracker = json.load(open(sys.argv[2]))
base = json.load(open(sys.argv[3])) or None  # {}: the quick mode skipped the baselines
quick = sys.argv[4] == "1"

n = len(pairs)
if len(tracker["pair_us"]) != n or (base and base["pairs"] != n):
    sys.exit(f"run_diff_speed.sh: pair counts differ: dump {n}, diff_speed "
             f"{len(tracker['pair_us'])}, baseline {base['pairs'] if base else '-'}")
chars = [len(p["old"]) + len(p["new"]) for p in pairs]
if sum(chars) != tracker["all"]["chars"] or (base and sum(chars) != base["chars"]):
    sys.exit("run_diff_speed.sh: the programs did not see the same characters")


# The memo only saves work: every pair must give the same claims and changes without it.
reuse_problems = [] if tracker["same_without_reuse"] else [
    "a pair gives other claims or changes without the memo"]


def quick_verdict(problems):
    """The quick mode's end: the checks, which a full run only warns about, decide the exit."""
    sources = {p["source"] for p in pairs}
    if sources != {"fixtures", "wikipedia"}:
        problems.append(f"the pairs come from {sorted(sources)}, not fixtures and wikipedia")
    if tracker["claims"] == 0 or tracker["changes"] == 0:
        problems.append(f"diff_speed found {tracker['claims']} claims, {tracker['changes']} changes")
    for problem in problems:
        print(f"quick check FAILED: {problem}")
    if not problems:
        print(f"quick check ok: {n} pairs, the same pairs and characters in every program, "
              f"{tracker['claims']} claims and {tracker['changes']} changes, the same work in "
              f"every repetition" + ("" if base else " (baselines skipped)"))
    sys.exit(1 if problems else 0)


if base is None:
    print(f"{n} pairs; diff_speed: median {statistics.median(tracker['pair_us']):.1f} us per pair "
          f"(claims of both versions + diff_claims), "
          f"{statistics.median(tracker['pair_no_reuse_us']):.1f} us without reuse")
    quick_verdict(reuse_problems + ([] if tracker["deterministic"] else
                                    ["diff_speed repetitions did not all do the same work"]))

columns = [
    ("tracker", tracker["pair_us"]),
    ("no reuse", tracker["pair_no_reuse_us"]),
    ("difflib", base["methods"]["difflib"]["pair_us"]),
    ("dmp", base["methods"]["dmp"]["pair_us"]),
    ("dmp+cleanup", base["methods"]["dmp_cleanup"]["pair_us"]),
]
sim = base["similarity"]
wiki = [i for i in range(n) if pairs[i]["source"] == "wikipedia"]
groups = [  # the Wikipedia pairs also by how much was edited
    ("all pairs", range(n)),
    ("fixtures", [i for i in range(n) if pairs[i]["source"] == "fixtures"]),
    ("wikipedia", wiki),
    ("  similarity >= 0.9", [i for i in wiki if sim[i] >= 0.9]),
    ("  0.5 <= sim. < 0.9", [i for i in wiki if 0.5 <= sim[i] < 0.9]),
    ("  similarity < 0.5", [i for i in wiki if sim[i] < 0.5]),
]
tracker_us, dmp_us = columns[0][1], columns[3][1]

cut = (f"cut at ~{tracker['chunk_chars']} chars" if tracker["chunk_chars"] else "whole")
print(f"{n} pairs ({tracker['fixtures']['pairs']} fixtures whole, {tracker['wikipedia']['pairs']} "
      f"Wikipedia consecutive versions {cut}; "
      f"{tracker['identical_pairs_skipped']} identical pairs left out); "
      f"{sum(chars) / 1e6:.2f} M chars in all")
print(f"median us per pair; pair time = median of {tracker['rounds']} rounds x {tracker['reps']} "
      f"reps (tracker), {base['rounds']} x {base['reps']} (Python {base['python']}; "
      f"the warm-up call alone for pairs over {base['slow_ms']:g} ms)")
header = f"{'pairs':<21} {'n':>5} {'chars':>6}" + "".join(f" {c[0]:>11}" for c in columns)
print(header + f" {'tracker/dmp':>12} {'faster':>7}")
for name, chosen in groups:
    chosen = list(chosen)
    if not chosen:
        continue
    row = f"{name:<21} {len(chosen):>5} {statistics.median(chars[i] for i in chosen):>6.0f}"
    medians = [statistics.median(values[i] for i in chosen) for _, values in columns]
    row += "".join(f" {m:>11.1f}" for m in medians)
    faster = sum(1 for i in chosen if tracker_us[i] < dmp_us[i]) / len(chosen)
    row += f" {medians[0] / medians[3]:>11.2f}x {faster:>7.0%}"
    print(row)

print()
print(f"{'all pairs, totals':<21} {'pairs/s':>9} {'us/1k chars':>12}")
for name, values in columns:
    total = sum(values) / 1e6
    print(f"{name:<21} {n / total:>9.1f} {sum(values) * 1e3 / sum(chars):>12.2f}")
print()
print("tracker = claims of both versions + diff_claims, the new version reusing the old one's "
      "claims for unchanged paragraphs, as `tracker diff` and `tracker run` do; no reuse = the "
      "same with both versions read from scratch, timed right after each repetition (the cost before the memo)")
print("difflib = word diff; dmp = "
      "diff-match-patch diff_main, +cleanup = then diff_cleanupSemantic")
print("chars = median Unicode code points of both versions; similarity = difflib ratio of the "
      "word lists; tracker/dmp = ratio of the medians (below 1: tracker faster); faster = share "
      "of pairs where tracker beat dmp")
print(f"tracker split: median {tracker['all']['median_claims_us']:.1f} us claims (both versions) "
      f"+ {tracker['all']['median_diff_us']:.1f} us diff_claims; "
      f"{tracker['claims']} claims, {tracker['changes']} changes, the same without reuse: "
      f"{tracker['same_without_reuse']}")
print(f"diff-match-patch reached 90% of its {base['dmp_diff_timeout']:g} s timeout on "
      f"{base['dmp_pairs_near_timeout']} pairs")
problems = list(reuse_problems)
if not tracker["deterministic"]:
    problems.append("diff_speed repetitions did not all do the same work")
if not base["deterministic"]:
    problems.append("text_diff_baseline.py repetitions did not all do the same work")
if quick:
    quick_verdict(problems)
for problem in problems:
    print(f"warning: {problem}")
EOF
