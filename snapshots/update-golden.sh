#!/usr/bin/env bash
# Rewrites the golden claim, diff and ledger files under snapshots/*/golden/ and
# snapshots/ledger/*/golden/ with the current build:
# `tracker verify --update` on the baselines. Run it only on purpose, after reading what
# changed: `git diff snapshots/` is the review.
#   snapshots/update-golden.sh [TRACKER_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
tracker=${1:-build/tracker}
"$tracker" verify --baselines snapshots --topics feeds/topics.toml --update
