#!/usr/bin/env bash
# Rewrites the golden claim and diff files under snapshots/*/golden/ with the current build.
# Run it only on purpose, after reading what changed: `git diff snapshots/` is the review.
#   snapshots/update-golden.sh [TRACKER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
tracker=${1:-build/tracker}
topics=feeds/topics.toml
for story in snapshots/*/; do
  [ -f "$story/pairs.txt" ] || continue
  mkdir -p "$story/golden"
  for version in "$story"/*.txt "$story"/*.html; do
    case "$version" in */pairs.txt) continue ;; esac
    name=$(basename "$version")
    "$tracker" claims --topics "$topics" --format json "$version" > "$story/golden/${name%.*}.claims.json"
  done
  grep -v '^#' "$story/pairs.txt" | while read -r old new; do
    [ -n "$old" ] || continue
    out="$story/golden/${old%.*}__${new%.*}.diff.json"
    status=0
    "$tracker" diff --topics "$topics" --format json "$story/$old" "$story/$new" > "$out" || status=$?
    if [ "$status" -gt 1 ]; then
      echo "tracker diff $old $new failed with status $status" >&2
      exit 1
    fi
  done
  echo "updated $story/golden" >&2
done
