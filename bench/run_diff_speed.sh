#!/bin/bash
# Claims and diff speed in one command: builds diff_speed if needed, runs it (claim extraction +
# claim diff per pair of article versions), which also dumps the pairs it used, then runs the
# plain text diff baselines (difflib word diff, diff-match-patch) over exactly those pairs, and
# prints one comparison table.
#
#     bench/run_diff_speed.sh [--rounds N] [--reps N] [--baseline-rounds N] [--chunk-chars N]
#                             [--keep DIR]
#
# --rounds/--reps: timed rounds and repetitions per round of diff_speed (default 5 and 3);
# --baseline-rounds: timed rounds of text_diff_baseline.py (default 3, 3 reps per round);
# --chunk-chars: Wikipedia versions cut to ~N characters (default 2000, 0: whole versions);
# --keep DIR: keep the pairs and both JSON results in DIR. See bench/README.md, section
# "Claims and diff speed".
set -euo pipefail

usage() { sed -n '7,8p' "$0" | sed 's/^#     //'; }

rounds=5
reps=3
baseline_rounds=3
chunk_chars=2000
keep=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
    --reps) reps="${2:?--reps needs a value}"; shift 2 ;;
    --baseline-rounds) baseline_rounds="${2:?--baseline-rounds needs a value}"; shift 2 ;;
    --chunk-chars) chunk_chars="${2:?--chunk-chars needs a value}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a directory}"; shift 2 ;;
    -h|--help) echo "usage: $(usage)"; exit 0 ;;
    *) echo "run_diff_speed.sh: unknown argument '$1'" >&2; echo "usage: $(usage)" >&2; exit 2 ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if ! /usr/bin/python3 -c 'import diff_match_patch' 2>/dev/null; then
  echo "run_diff_speed.sh: diff_match_patch is missing; install the Debian package" \
       "'python3-diff-match-patch'" >&2
  exit 2
fi

if [[ ! -f build/build.ninja && ! -f build/Makefile ]]; then
  cmake --preset default >&2
fi
cmake --build build --target diff_speed >&2

if [[ -n "$keep" ]]; then
  mkdir -p "$keep"
  out="$(cd "$keep" && pwd)"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

echo "running build/bench/diff_speed --rounds $rounds --reps $reps" \
     "--chunk-chars $chunk_chars ..." >&2
build/bench/diff_speed --rounds "$rounds" --reps "$reps" --chunk-chars "$chunk_chars" \
  --dump-pairs "$out/pairs.jsonl" --json >"$out/tracker.json"
echo "running bench/text_diff_baseline.py --rounds $baseline_rounds --reps 3 (several minutes:" \
     "diff-match-patch is slow on rewritten pairs) ..." >&2
/usr/bin/python3 bench/text_diff_baseline.py "$out/pairs.jsonl" --rounds "$baseline_rounds" \
  --reps 3 --json >"$out/baseline.json"

/usr/bin/python3 - "$out/pairs.jsonl" "$out/tracker.json" "$out/baseline.json" <<'EOF'
import json
import statistics
import sys

pairs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
tracker = json.load(open(sys.argv[2]))
base = json.load(open(sys.argv[3]))

n = len(pairs)
if len(tracker["pair_us"]) != n or base["pairs"] != n:
    sys.exit(f"run_diff_speed.sh: pair counts differ: dump {n}, diff_speed "
             f"{len(tracker['pair_us'])}, baseline {base['pairs']}")
chars = [len(p["old"]) + len(p["new"]) for p in pairs]
if sum(chars) != tracker["all"]["chars"] or sum(chars) != base["chars"]:
    sys.exit("run_diff_speed.sh: the programs did not see the same characters")

columns = [
    ("tracker", tracker["pair_us"]),
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
tracker_us, dmp_us = columns[0][1], columns[2][1]

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
    row += f" {medians[0] / medians[2]:>11.2f}x {faster:>7.0%}"
    print(row)

print()
print(f"{'all pairs, totals':<21} {'pairs/s':>9} {'us/1k chars':>12}")
for name, values in columns:
    total = sum(values) / 1e6
    print(f"{name:<21} {n / total:>9.1f} {sum(values) * 1e3 / sum(chars):>12.2f}")
print()
print("tracker = claims of both versions + diff_claims; difflib = word diff; dmp = "
      "diff-match-patch diff_main, +cleanup = then diff_cleanupSemantic")
print("chars = median Unicode code points of both versions; similarity = difflib ratio of the "
      "word lists; tracker/dmp = ratio of the medians (below 1: tracker faster); faster = share "
      "of pairs where tracker beat dmp")
print(f"tracker split: median {tracker['all']['median_claims_us']:.1f} us claims (both versions) "
      f"+ {tracker['all']['median_diff_us']:.1f} us diff_claims; "
      f"{tracker['claims']} claims, {tracker['changes']} changes")
print(f"diff-match-patch reached 90% of its {base['dmp_diff_timeout']:g} s timeout on "
      f"{base['dmp_pairs_near_timeout']} pairs")
problems = []
if not tracker["deterministic"]:
    problems.append("diff_speed repetitions did not all do the same work")
if not base["deterministic"]:
    problems.append("text_diff_baseline.py repetitions did not all do the same work")
for problem in problems:
    print(f"warning: {problem}")
EOF
