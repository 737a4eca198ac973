#!/bin/bash
# Speed comparison in one command: builds extract_speed if needed, runs it (libxml2 alone,
# HtmlDocument::parse, extract_article) under /usr/bin/time -v for its peak RSS, then runs the
# readability-lxml baseline over the same pages, and prints one comparison table.
#
#     bench/run_speed.sh [--runs N] [--baseline-runs N]
#
# --runs: timed rounds of extract_speed (default 7); --baseline-runs: timed runs of
# readability_baseline.py (default 5). See bench/README.md, section "Speed".
set -euo pipefail

usage() { sed -n '6p' "$0" | sed 's/^#  *//'; }

runs=7
baseline_runs=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --baseline-runs) baseline_runs="${2:?--baseline-runs needs a value}"; shift 2 ;;
    -h|--help) echo "usage: $(usage)"; exit 0 ;;
    *) echo "run_speed.sh: unknown argument '$1'" >&2; echo "usage: $(usage)" >&2; exit 2 ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ ! -x /usr/bin/time ]]; then
  echo "run_speed.sh: /usr/bin/time is missing; install the Debian package 'time'" >&2
  exit 2
fi

if [[ ! -f build/build.ninja && ! -f build/Makefile ]]; then
  cmake --preset default >&2
fi
cmake --build build --target extract_speed tracker >&2

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "running build/bench/extract_speed --runs $runs ..." >&2
/usr/bin/time -v -o "$tmp/time.txt" build/bench/extract_speed --runs "$runs" --json >"$tmp/speed.json"
echo "running bench/readability_baseline.py --runs $baseline_runs ..." >&2
/usr/bin/python3 bench/readability_baseline.py --runs "$baseline_runs" --json >"$tmp/baseline.json"

/usr/bin/python3 - "$tmp/speed.json" "$tmp/baseline.json" "$tmp/time.txt" <<'EOF'
import json
import re
import sys

speed = json.load(open(sys.argv[1]))
base = json.load(open(sys.argv[2]))
time_text = open(sys.argv[3]).read()
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_text)

passes = speed["passes"]
rows = [
    ("libxml2 only", passes["libxml2"], speed["runs"]),
    ("bare parse", passes["parse"], speed["runs"]),
    ("tracker extract", passes["extract"], speed["runs"]),
    ("readability-lxml", base, base["runs"]),
]
print(f"{speed['pages']} pages, {speed['bytes'] / 1e6:.2f} MB of HTML (MB = 1e6 bytes); "
      f"medians of {speed['runs']} rounds / {base['runs']} runs")
print(f"{'':<18} {'pages/s':>9} {'MB/s':>8} {'median s':>9}")
for name, row, _ in rows:
    print(f"{name:<18} {row['pages_per_s']:>9.1f} {row['mb_per_s']:>8.2f} "
          f"{row['median_seconds']:>9.3f}")
ratios = speed["ratios"]
speedup = base["median_seconds"] / passes["extract"]["median_seconds"]
print()
print(f"extract vs bare parse:   {ratios['extract_over_parse']['of_medians']:.2f}x the time "
      f"(per round {ratios['extract_over_parse']['per_round_min']:.2f}-"
      f"{ratios['extract_over_parse']['per_round_max']:.2f}; aim <= 1.3x)")
print(f"extract vs libxml2 only: {ratios['extract_over_libxml2']['of_medians']:.2f}x the time "
      f"(per round {ratios['extract_over_libxml2']['per_round_min']:.2f}-"
      f"{ratios['extract_over_libxml2']['per_round_max']:.2f})")
print(f"extract speedup vs readability-lxml: {speedup:.1f}x "
      f"(readability-lxml {base['version']})")
if rss:
    print(f"peak RSS of extract_speed: {int(rss.group(1)) / 1024:.1f} MiB "
          f"(includes the {speed['bytes'] / 1e6:.1f} MB of decompressed pages)")
problems = []
if speed["pages"] != base["pages"] or speed["bytes"] != base["bytes"]:
    problems.append(f"page sets differ: {speed['pages']} pages/{speed['bytes']} bytes vs "
                    f"{base['pages']} pages/{base['bytes']} bytes")
if speed["failed_pages"]:
    problems.append(f"tracker found no article in {len(speed['failed_pages'])} page(s): "
                    + " ".join(name[:8] for name in speed["failed_pages"]))
if base["failed_pages"]:
    problems.append(f"readability-lxml failed on {len(base['failed_pages'])} page(s): "
                    + " ".join(name[:8] for name in base["failed_pages"]))
if not speed["deterministic"]:
    problems.append("extract_speed rounds did not all do the same work")
for problem in problems:
    print(f"warning: {problem}")
EOF
