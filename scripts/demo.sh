#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled demo: installs missing Debian
# packages, builds tracker, and extracts the article from the bundled page of the seed story.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build build --target tracker
echo "--- tracker extract feeds/demo/kursk-afp.html" >&2
build/tracker extract feeds/demo/kursk-afp.html
