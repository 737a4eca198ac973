#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled demo: installs missing Debian
# packages, builds tracker, extracts the article from the bundled page of the seed story, and
# shows the claim changes between two of its bundled versions.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build build --target tracker
echo "--- tracker extract feeds/demo/kursk-afp.html" >&2
build/tracker extract feeds/demo/kursk-afp.html
echo >&2
echo "--- tracker diff snapshots/kursk/v3-full.txt snapshots/kursk/v4-rotation.txt" >&2
# Exit status 1 means "changes found", which is what the demo is about.
build/tracker diff snapshots/kursk/v3-full.txt snapshots/kursk/v4-rotation.txt || [ $? -eq 1 ]
