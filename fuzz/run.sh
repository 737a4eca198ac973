#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 and runs each for a while.
#   fuzz/run.sh [SECONDS_PER_TARGET]     (default 300)
# Seeds come from the project's fixtures and ../shared/data; the growing corpus stays in
# fuzz/corpus-work/ (ignored by git). A crash leaves crash-* in the current directory:
# copy it into tests/data/fuzz-regressions/<target>/ so the test suite replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
cmake --preset fuzz >/dev/null
cmake --build build-fuzz --target extract_fuzz

corpus=fuzz/corpus-work/extract
seeds=fuzz/corpus-work/extract-seeds
mkdir -p "$corpus" "$seeds"
cp tests/data/extract/*.html feeds/demo/*.html "$seeds"/
if [ -d tests/data/fuzz-regressions/extract ]; then
  cp tests/data/fuzz-regressions/extract/* "$seeds"/ 2>/dev/null || true
fi
if [ -d ../shared/data/mozilla-readability-test-pages ]; then
  for page in ../shared/data/mozilla-readability-test-pages/*/source.html.gz; do
    name=$(basename "$(dirname "$page")")
    # Keep seeds small: libFuzzer mutates short inputs far faster.
    { zcat "$page" || true; } | head -c 65536 > "$seeds/mozilla-$name.html" || true
  done
fi
./build-fuzz/fuzz/extract_fuzz "$corpus" "$seeds" -max_total_time="$seconds" -max_len=262144 \
  -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
