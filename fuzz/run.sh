#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 and runs each for a while.
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 300 seconds; targets: extract claims feed)
# Seeds come from the project's fixtures and ../shared/data; the growing corpus stays in
# fuzz/corpus-work/ (ignored by git). A crash leaves crash-* in the current directory:
# copy it into tests/data/fuzz-regressions/<target>/, where fuzz_regressions_test replays
# every file on each test run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract claims feed)
cmake --preset fuzz >/dev/null
cmake --build build-fuzz --target extract_fuzz claims_fuzz feed_fuzz

run_extract() {
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
}


run_claims() {
  corpus=fuzz/corpus-work/claims
  seeds=fuzz/corpus-work/claims-seeds
  mkdir -p "$corpus" "$seeds"
  cp snapshots/*/*.txt "$seeds"/
  if [ -d tests/data/fuzz-regressions/claims ]; then
    cp tests/data/fuzz-regressions/claims/* "$seeds"/ 2>/dev/null || true
  fi
  ./build-fuzz/fuzz/claims_fuzz "$corpus" "$seeds" -max_total_time="$seconds" -max_len=16384 \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
}

run_feed() {
  corpus=fuzz/corpus-work/feed
  seeds=fuzz/corpus-work/feed-seeds
  mkdir -p "$corpus" "$seeds"
  find tests/data/syndication -type f -exec cp {} "$seeds"/ \;
  if [ -d tests/data/fuzz-regressions/feed ]; then
    cp tests/data/fuzz-regressions/feed/* "$seeds"/ 2>/dev/null || true
  fi
  # A sample of the feed test suites in ../shared/data (small files mutate fastest).
  for suite in feedparser-tests w3c-feedvalidator-testcases real-world-feeds; do
    [ -d "../shared/data/$suite" ] || continue
    # `head` closes the pipe early: that SIGPIPE is expected, not a failure.
    files=$(find "../shared/data/$suite" -type f \( -name '*.xml' -o -name '*.rss' -o -name '*.atom' \
      -o -name '*.rdf' \) -size -64k | head -400 || true)
    while read -r file; do
      [ -n "$file" ] && cp "$file" "$seeds/$(echo "$file" | md5sum | cut -c1-12).xml"
    done <<< "$files"
  done
  ./build-fuzz/fuzz/feed_fuzz "$corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
}

for target in "${targets[@]}"; do
  "run_$target"
done
