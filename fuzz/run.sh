#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (preset `fuzz`, build-fuzz/) and runs each in
# turn, on one core, for a while:
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Default 300 seconds and every target: extract (HTML extraction), claims (sentences, claims,
# claim diff), feed (RSS/Atom/RDF, OPML), config (tracker.toml, watch and topics files, [smtp]
# and [[alert]] tables), stored (JSON list columns, stored pages, damaged store files read
# back), page (whole pages through extraction and claims, as `tracker run` reads them). E.g. `nice -n 10 fuzz/run.sh 600 config stored 2>&1 | tee fuzz.log`.
# Seeds come from the project's fixtures and ../shared/data; the growing corpus stays in
# fuzz/corpus-work/TARGET (ignored by git). Each target ends with libFuzzer's "DONE cov:
# ft: corp:" line and final stats (executions, exec/s and peak RSS). Every input has a time
# bound (-timeout, 10 s; TIMEOUT=S to change it): an input slower than that is a finding, as
# a quadratic path on a hostile page would be. A crash, leak, timeout or OOM stops that target and leaves its input in fuzz/corpus-work/TARGET-crashes/; minimise it
# (build-fuzz/fuzz/TARGET_fuzz -minimize_crash=1 -runs=10000 FILE) and keep it in
# tests/data/fuzz-regressions/TARGET/, where fuzz_regressions_test replays every file on each
# test run. The script goes on with the other targets and exits 1 if any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract claims feed config stored page)
cmake --preset fuzz >/dev/null
cmake --build build-fuzz -j "${JOBS:-2}" --target "${targets[@]/%/_fuzz}"

# Options every target shares: where crashers go, and the stats to report.
common_options() {
  mkdir -p "fuzz/corpus-work/$1-crashes"
  echo -max_total_time="$seconds" -timeout="${TIMEOUT:-10}" -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="fuzz/corpus-work/$1-crashes/"
}

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
  ./build-fuzz/fuzz/extract_fuzz "$corpus" "$seeds" -max_len=262144 $(common_options extract)
}


run_claims() {
  corpus=fuzz/corpus-work/claims
  seeds=fuzz/corpus-work/claims-seeds
  mkdir -p "$corpus" "$seeds"
  cp snapshots/*/*.txt "$seeds"/
  if [ -d tests/data/fuzz-regressions/claims ]; then
    cp tests/data/fuzz-regressions/claims/* "$seeds"/ 2>/dev/null || true
  fi
  ./build-fuzz/fuzz/claims_fuzz "$corpus" "$seeds" -max_len=16384 $(common_options claims)
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
  ./build-fuzz/fuzz/feed_fuzz "$corpus" "$seeds" -max_len=65536 $(common_options feed)
}

run_config() {
  corpus=fuzz/corpus-work/config
  seeds=fuzz/corpus-work/config-seeds
  mkdir -p "$corpus" "$seeds"
  cp feeds/*.toml "$seeds"/
  cp feeds/demo/demo.toml.in "$seeds"/demo.toml
  if [ -d tests/data/fuzz-regressions/config ]; then
    cp tests/data/fuzz-regressions/config/* "$seeds"/ 2>/dev/null || true
  fi
  # The tests' TOML fixtures are string literals in the test sources: every run of adjacent
  # literals ("..." "..." or R"(...)") that holds a table or key the loaders know.
  /usr/bin/python3 - "$seeds" tests/*_test.cc <<'PY'
import pathlib, re, sys
out = pathlib.Path(sys.argv[1])
literal = re.compile(r'R"\((.*?)\)"|"((?:[^"\\\n]|\\.)*)"', re.S)
markers = ("[smtp]", "[[alert]]", "[[source]]", "[topics.", "watch =", "[limits]")
def value(m):
    if m.group(1) is not None:
        return m.group(1)
    return re.sub(r'\\(.)', lambda e: {"n": "\n", "t": "\t"}.get(e.group(1), e.group(1)), m.group(2))
for path in sys.argv[2:]:
    source = pathlib.Path(path).read_text()
    n, text, end = 0, None, -1
    for m in list(literal.finditer(source)) + [None]:
        if m is not None and text is not None and source[end:m.start()].strip() == "":
            text += value(m)
        else:
            if text is not None and any(marker in text for marker in markers):
                (out / f"{pathlib.Path(path).stem}-{n}.toml").write_text(text)
                n += 1
            if m is None:
                break
            text = value(m)
        end = m.end()
PY
  ./build-fuzz/fuzz/config_fuzz "$corpus" "$seeds" -max_len=8192 $(common_options config)
}

run_stored() {
  corpus=fuzz/corpus-work/stored
  seeds=fuzz/corpus-work/stored-seeds
  mkdir -p "$corpus" "$seeds"
  if [ -d tests/data/fuzz-regressions/stored ]; then
    cp tests/data/fuzz-regressions/stored/* "$seeds"/ 2>/dev/null || true
  fi
  # One seed per mode (see fuzz/stored_check.h): JSON lists, stored pages (zlib of fixture
  # pages with their size), patches to the store file, and new column values.
  /usr/bin/python3 - "$seeds" tests/data/extract/*.html <<'PY'
import pathlib, struct, sys, zlib
seeds = pathlib.Path(sys.argv[1])
def seed(name, data):
    (seeds / name).write_bytes(data)
for i, json in enumerate([b'["casualties","deployment"]', b'[1,2,3]', b'[]', b'["\\u00e9",1]']):
    seed(f"json-{i}", b"\x00" + json)
for i, page in enumerate(sys.argv[2:6]):
    raw = pathlib.Path(page).read_bytes()[:8192]
    seed(f"page-{i}", b"\x01" + struct.pack("<I", len(raw)) + zlib.compress(raw, 3))
seed("patch-header", b"\x02" + struct.pack("<HB", 16, 2) + b"\x00\x01")
seed("patch-page2", b"\x02" + struct.pack("<HB", 4096, 8) + b"\x0d\x00\x00\x00\x01\x0f\xf8\x00")
seed("columns", b"\x03" + bytes([0, 7]) + b'["x",1]' + bytes([11, 4]) + b"[-1]" + bytes([5 + 32, 8])
     + struct.pack(">q", 1 << 40) + bytes([12, 4]) + b"sent")
PY
  ./build-fuzz/fuzz/stored_fuzz "$corpus" "$seeds" -max_len=16384 $(common_options stored)
}

run_page() {
  corpus=fuzz/corpus-work/page
  seeds=fuzz/corpus-work/page-seeds
  mkdir -p "$corpus" "$seeds"
  cp tests/data/extract/*.html feeds/demo/*.html tests/data/fuzz-regressions/page/* "$seeds"/
  # Large enough for a quadratic path to show within the time bound: a page of 256 KB that
  # costs its square (a flood of attributes, a chain of hyphens) takes far longer than -timeout.
  ./build-fuzz/fuzz/page_fuzz "$corpus" "$seeds" -max_len=262144 -len_control=0 $(common_options page)
}

failed=()
for target in "${targets[@]}"; do
  echo "== $target: $seconds seconds"
  "run_$target" || failed+=("$target")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: these targets stopped on a crash, leak, timeout or OOM: ${failed[*]}" >&2
  exit 1
fi
