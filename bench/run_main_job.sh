#!/bin/bash
# Main-job benchmark: `tracker run` and urlwatch on 50 feeds x 20 articles served from
# 50 loopback addresses (127.0.0.2 ... 127.0.0.51), with 0 ms and 100 ms added latency per
# request; cold run, unchanged re-run (conditional GETs), a run after 10% of the articles
# changed and a run after every article page was re-rendered (new bytes, same article text).
# See bench/README.md, "Main job: 50 feeds x 20 articles".
#
#   bench/run_main_job.sh [--tracker PATH] [--rounds 3] [--latencies 0,100]
#                         [--server-0ms nginx|python] [--compare NAME=PATH] [--no-urlwatch]
#                         [--compare-setting NAME='KEY = VALUE'] [--cpu-bound]
#                         [--sites N] [--articles N] [--keep DIR] [--json FILE] [--port 18080]
#   bench/run_main_job.sh --cpu-bound --compare-setting 1worker='workers = 1'
#   bench/run_main_job.sh --quick --tracker PATH    # what ctest runs (bench_run_main_job_quick)
#
# --tracker PATH   the binary to measure (default: build-bench/tracker, else build/tracker;
#                  if neither exists, build-bench/ is configured and built in Release).
# --rounds N       rounds of cold / unchanged / changed / rerendered per tool and latency
#                  (median shown).
# --compare NAME=PATH  also measure another tracker binary, shown as tracker[NAME].
# --compare-setting NAME='KEY = VALUE'  also measure the same binary as tracker[NAME], with that
#                  line at the top level of its tracker.toml (repeatable; a NAME given twice gets
#                  both lines). tracker must read it (checked before the site is made).
# --cpu-bound      the CPU-bound job (issue #16): 500 sites x 2 articles (--sites/--articles
#                  override) on 500 loopback addresses (127.0.0.2 ... 127.0.1.247) at 0 ms, so
#                  per-host politeness is not the bound. Prints per tool the median wall, CPU
#                  (user+sys) and peak RSS, then the aims: tracker wall / tracker[1worker] CPU
#                  (aim <= 0.6x; needs --compare-setting 1worker='workers = 1', else it says there
#                  is no single-threaded figure) and urlwatch wall / tracker wall (aim >= 3x);
#                  then each tracker's cold CPU per page against extracting those pages
#                  (<build>/bench/extract_speed on the job's pages, before the runs; aim <= 1.3x).
#                  Figures only: a missed aim never fails the run.
# --keep DIR       work in DIR and keep it (site, configs, stores, outputs, server logs).
# --quick          3 feeds x 4 articles, then the CPU-bound job on 4 sites x 1 article (cold and
#                  changed, with tracker[1worker] set to 'workers = 1'), one round at 0 ms, on
#                  a free port; urlwatch and nginx only if installed. Checks as a full run does,
#                  never a time; exit 1 if one fails. With --cpu-bound only the CPU-bound job.
# Everything else lives in a temp dir that is removed at the end; servers are stopped on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

TRACKER=""
ARGS=()
QUICK=0
NO_URLWATCH=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tracker) TRACKER="$2"; shift 2 ;;
    --tracker=*) TRACKER="${1#--tracker=}"; shift ;;
    --quick) QUICK=1; ARGS+=("$1"); shift ;;
    --no-urlwatch) NO_URLWATCH=1; ARGS+=("$1"); shift ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

# The quick mode (the test suite's) needs neither peer: the driver skips urlwatch and serves
# with serve.py when they are missing, and says so.
required=(/usr/bin/python3 /usr/bin/time nginx)
if [ "$QUICK" = 1 ]; then
  required=(/usr/bin/python3 /usr/bin/time)
elif [ "$NO_URLWATCH" = 0 ]; then
  required+=(urlwatch)
fi
for tool in "${required[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    echo "run_main_job.sh: $tool is missing (apt-get install python3 time urlwatch nginx-light)" >&2
    exit 2
  fi
done

if [ -z "$TRACKER" ]; then
  for candidate in "$ROOT/build-bench/tracker" "$ROOT/build/tracker"; do
    if [ -x "$candidate" ]; then TRACKER="$candidate"; break; fi
  done
fi
if [ -z "$TRACKER" ]; then
  echo "run_main_job.sh: building a Release tracker in build-bench/" >&2
  cmake -S "$ROOT" -B "$ROOT/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DTRACKER_TESTS=OFF -DTRACKER_BENCH=OFF >&2
  cmake --build "$ROOT/build-bench" --target tracker >&2
  TRACKER="$ROOT/build-bench/tracker"
fi
if [ ! -x "$TRACKER" ]; then
  echo "run_main_job.sh: no tracker binary at $TRACKER" >&2
  exit 2
fi
TRACKER="$(cd "$(dirname "$TRACKER")" && pwd)/$(basename "$TRACKER")"
echo "tracker: $TRACKER ($("$TRACKER" --version 2>/dev/null | head -1)); $(urlwatch --version 2>/dev/null | head -1 || true); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The driver stops its servers and removes its temp dir itself (also on SIGTERM); the trap
# passes Ctrl-C / termination on to it.
/usr/bin/python3 "$ROOT/bench/main_job/driver.py" --tracker "$TRACKER" ${ARGS[@]+"${ARGS[@]}"} &
DRIVER=$!
trap 'kill -TERM $DRIVER 2>/dev/null; wait $DRIVER' INT TERM
wait $DRIVER
