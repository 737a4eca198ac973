#!/bin/bash
# Speed comparison in one command: builds extract_speed if needed, runs it (libxml2 alone,
# HtmlDocument::parse, extract_article) under /usr/bin/time -v for its peak RSS, then runs the
# readability-lxml baseline over the same pages, and prints one comparison table.
#
#     bench/run_speed.sh [--runs N] [--baseline-runs N] [--extract-speed PATH] [--quick]
#
# --runs: timed rounds of extract_speed (default 7); --baseline-runs: timed runs of
# readability_baseline.py (default 5); --extract-speed: the binary to run (default: build it in
# build/). --quick is what ctest runs (bench_run_speed_quick): 5 pages, one round each, the
# readability-lxml side only if python3-readability is installed; the checks below become
# errors (exit 1), and no time is judged. See bench/README.md, section "Speed".
set -euo pipefail

usage() { sed -n '6p' "$0" | sed 's/^#  *//'; }

runs=7
baseline_runs=5
extract_speed=""
quick=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --baseline-runs) baseline_runs="${2:?--baseline-runs needs a value}"; shift 2 ;;
    --extract-speed) extract_speed="${2:?--extract-speed needs a path}"; shift 2 ;;
    --quick) quick=1; runs=1; baseline_runs=1; shift ;;
    -h|--help) echo "usage: $(usage)"; sed -n '8,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_speed.sh: unknown argument '$1'" >&2; echo "usage: $(usage)" >&2; exit 2 ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ ! -x /usr/bin/time ]]; then
  echo "run_speed.sh: /usr/bin/time is missing; install the Debian package 'time'" >&2
  exit 2
fi

if [[ -z "$extract_speed" ]]; then
  if [[ ! -f build/build.ninja && ! -f build/Makefile ]]; then
    cmake --preset default >&2
  fi
  cmake --build build --target extract_speed tracker >&2
  extract_speed=build/bench/extract_speed
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The quick mode's pages: the first 5 of the corpus, linked into a folder of the same shape,
# which both programs read.
pages_args=()
if [[ "$quick" = 1 ]]; then
  mkdir -p "$tmp/pages/html"
  all_pages=("$repo_root"/../shared/data/article-extraction-benchmark/html/*.html.gz)
  ln -s "${all_pages[@]:0:5}" "$tmp/pages/html/"
  pages_args=("$tmp/pages/html")
fi

echo "running $extract_speed --runs $runs ..." >&2
/usr/bin/time -v -o "$tmp/time.txt" "$extract_speed" ${pages_args[@]+"${pages_args[@]}"} \
  --runs "$runs" --json >"$tmp/speed.json"
if [[ "$quick" = 1 ]] && ! /usr/bin/python3 -c 'import readability' 2>/dev/null; then
  echo "run_speed.sh: python3-readability is not installed; skipping the readability-lxml side" >&2
  echo '{}' >"$tmp/baseline.json"
else
  baseline_args=()
  if [[ "$quick" = 1 ]]; then baseline_args=(--benchmark-dir "$tmp/pages"); fi
  echo "running bench/readability_baseline.py --runs $baseline_runs ..." >&2
  /usr/bin/python3 bench/readability_baseline.py --runs "$baseline_runs" \
    ${baseline_args[@]+"${baseline_args[@]}"} --json >"$tmp/baseline.json"
fi

/usr/bin/python3 - "$tmp/speed.json" "$tmp/baseline.json" "$tmp/time.txt" "$quick" <<'EOF'
import json
import re
import sys

speed = json.load(open(sys.argv[1]))
base = json.load(open(sys.argv[2])) or None  # {}: the quick mode skipped readability-lxml
time_text = open(sys.argv[3]).read()
quick = sys.argv[4] == "1"
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_text)

passes = speed["passes"]
rows = [
    ("libxml2 only", passes["libxml2"], speed["runs"]),
    ("bare parse", passes["parse"], speed["runs"]),
    ("tracker extract", passes["extract"], speed["runs"]),
] + ([("readability-lxml", base, base["runs"])] if base else [])
print(f"{speed['pages']} pages, {speed['bytes'] / 1e6:.2f} MB of HTML (MB = 1e6 bytes); "
      f"medians of {speed['runs']} rounds" + (f" / {base['runs']} runs" if base else ""))
print(f"{'':<18} {'pages/s':>9} {'MB/s':>8} {'median s':>9}")
for name, row, _ in rows:
    print(f"{name:<18} {row['pages_per_s']:>9.1f} {row['mb_per_s']:>8.2f} "
          f"{row['median_seconds']:>9.3f}")
ratios = speed["ratios"]
print()
print(f"extract vs bare parse:   {ratios['extract_over_parse']['of_medians']:.2f}x the time "
      f"(per round {ratios['extract_over_parse']['per_round_min']:.2f}-"
      f"{ratios['extract_over_parse']['per_round_max']:.2f}; aim <= 1.3x)")
print(f"extract vs libxml2 only: {ratios['extract_over_libxml2']['of_medians']:.2f}x the time "
      f"(per round {ratios['extract_over_libxml2']['per_round_min']:.2f}-"
      f"{ratios['extract_over_libxml2']['per_round_max']:.2f})")
if base:
    speedup = base["median_seconds"] / passes["extract"]["median_seconds"]
    print(f"extract speedup vs readability-lxml: {speedup:.1f}x "
          f"(readability-lxml {base['version']})")
if rss:
    print(f"peak RSS of extract_speed: {int(rss.group(1)) / 1024:.1f} MiB "
          f"(includes the {speed['bytes'] / 1e6:.1f} MB of decompressed pages)")
problems = []
if base and (speed["pages"] != base["pages"] or speed["bytes"] != base["bytes"]):
    problems.append(f"page sets differ: {speed['pages']} pages/{speed['bytes']} bytes vs "
                    f"{base['pages']} pages/{base['bytes']} bytes")
if speed["failed_pages"]:
    problems.append(f"tracker found no article in {len(speed['failed_pages'])} page(s): "
                    + " ".join(name[:8] for name in speed["failed_pages"]))
if base and base["failed_pages"]:
    problems.append(f"readability-lxml failed on {len(base['failed_pages'])} page(s): "
                    + " ".join(name[:8] for name in base["failed_pages"]))
if not speed["deterministic"]:
    problems.append("extract_speed rounds did not all do the same work")
if quick and speed["pages"] != 5:
    problems.append(f"extract_speed read {speed['pages']} pages, not the 5 it was given")
# A full run reports these and goes on; the quick mode is a check, so they fail it.
for problem in problems:
    print(f"{'quick check FAILED' if quick else 'warning'}: {problem}")
if quick:
    print("" if problems else "quick check ok: every pass read every page, the rounds did the same work"
          + ("" if base else " (readability-lxml skipped)"))
    sys.exit(1 if problems else 0)
EOF
