#!/usr/bin/env bash
# Sets everything up and runs the main job on the bundled demo: installs missing Debian
# packages, builds tracker, serves a copy of the demo news site on loopback (no network), and
# runs `tracker run` twice: once on the seed report as first published, once after the outlet
# updated it, which prints the claim changes and mails an alert to a loopback SMTP server
# (tests/servers/smtp_server.py), whose message is shown at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build build --target tracker

work=$(mktemp -d)
server_pid=
smtp_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/site"
/usr/bin/python3 feeds/demo/render_version.py snapshots/kursk/v3-full.txt "$work/site/kursk.html"
/usr/bin/python3 feeds/demo/serve.py "$work/site" "$work/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$work/port")"
mkdir -p "$work/mail"
/usr/bin/python3 tests/servers/smtp_server.py --port-file "$work/smtp-port" --maildir "$work/mail" \
  --lifetime 600 &
smtp_pid=$!
for _ in $(seq 100); do [ -s "$work/smtp-port" ] && break; sleep 0.1; done
sed "s|@BASE@|$base|g" feeds/demo/feed.xml.in > "$work/site/feed.xml"
sed "s|@BASE@|$base|g" feeds/demo/demo.toml.in > "$work/demo.toml"
cat > "$work/tracker.toml" <<TOML
watch = ["demo.toml"]
store = "store/tracker.db"
topics = "$PWD/feeds/topics.toml"

[smtp]
url = "smtp://127.0.0.1:$(cat "$work/smtp-port")"
from = "tracker@example.org"

[[alert]]
to = ["desk@example.org"]
topics = ["casualties", "deployment"]
min_significance = "high"
TOML

echo "--- tracker run: the report as first published is stored (nothing to report yet)" >&2
build/tracker --verbose run --config "$work/tracker.toml"

echo "--- the outlet updates the report: troops rotated, a casualty estimate, a revised troop number" >&2
/usr/bin/python3 feeds/demo/render_version.py snapshots/kursk/v4-rotation.txt "$work/site/kursk.html"
touch -d '+1 minute' "$work/site/kursk.html"  # HTTP dates have whole seconds

echo "--- tracker run --all: the claim changes" >&2
build/tracker --verbose run --config "$work/tracker.toml" --all

echo "--- the alert mailed to desk@example.org (as a mail reader decodes it)" >&2
/usr/bin/python3 - "$work/mail" <<'PY'
import email, email.policy, pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    for name in ("From", "To", "Subject", "Message-ID", "References"):
        print(f"{name}: {message[name]}")
    print()
    print(message.get_body(preferencelist=("plain",)).get_content())
PY
