#!/usr/bin/env bash
# Installs the Debian packages tracker needs to build and test, skipping those present.
# Runs apt-get only when something is missing (and then needs root).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config      # toolchain
  libxml2-dev                           # HTML parser
  libpugixml-dev                        # feeds and OPML
  libcurl4-openssl-dev                  # HTTP
  libspdlog-dev libcli11-dev            # logging, command line
  nlohmann-json3-dev libexpected-dev    # JSON output, result types
  libutf8proc-dev libdtl-dev            # Unicode normalisation, sequence diff
  libtomlplusplus-dev libstemmer-dev    # configuration, topic lexicons matched by stem
  libsqlite3-dev nettle-dev             # the snapshot store, its SHA-256 hashes
  libzstd-dev                           # stored pages (Zstandard)
  libpq-dev postgresql-15               # the PostgreSQL store (libpq); tests: a private server
  zlib1g-dev                            # pages stored before schema 10; benchmarks read the gzipped corpus
  doctest-dev python3                   # tests, the loopback test servers
  python3-aiosmtpd                      # tests: the loopback SMTP server
  nginx-light                           # tests: conditional GET, gzip, redirects against real nginx
  chromium                              # tests: renders `tracker report --html` headless, checks no script runs
  python3-feedparser libxml2-utils      # tests: independent readers (feedparser, xmllint) of the Atom feed
  time python3-diff-match-patch         # tests: benchmark quick modes (/usr/bin/time, the text diff baseline)
  python3-numpy                         # tests: the ledger grouping model's training script (quick mode)
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
