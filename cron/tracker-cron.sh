#!/bin/sh
# tracker-cron.sh: runs `tracker run` unattended, from cron or from the systemd timer
# (cron/README.md). One run at a time, in a fixed environment, with a log file; tracker's
# exit status is passed on.
#
# Settings, from the environment (cron: lines above the schedule; systemd: Environment=):
#   TRACKER_DIR    the working folder, the one holding tracker.toml (required)
#   TRACKER        the tracker program (default: tracker, looked up on TRACKER_PATH)
#   TRACKER_PATH   PATH for the run (default: /usr/local/bin:/usr/bin:/bin)
#   TRACKER_STORE  the store, for the lock beside it (default: the one tracker.toml names, as
#                  `tracker status --print-store` says; snapshots/tracker.db without one)
#   TRACKER_LOCK   the wrapper's lock file (default: $TRACKER_STORE.cron-lock)
#   TRACKER_LOG    the log file, rotated by tracker at 5 MB x 5 (default: log/tracker.log)
# Relative paths are relative to TRACKER_DIR. Arguments are passed to `tracker run`.
#
# Exit status: tracker's own (0 ok, 6 some sources failed, 7 alerts unsent, ...), or
#   75  a run is already in progress: nothing done, nothing printed (EX_TEMPFAIL)
#   78  the wrapper cannot start: a setting is wrong, flock or tracker is missing (EX_CONFIG)
set -u

readonly already_running=75
readonly cannot_start=78

fail() {
  echo "tracker-cron: $*" >&2
  exit "$cannot_start"
}

PATH=${TRACKER_PATH:-/usr/local/bin:/usr/bin:/bin}
export PATH
umask 027
LC_ALL=C.UTF-8
export LC_ALL

[ -n "${TRACKER_DIR:-}" ] || fail "set TRACKER_DIR to the working folder (the one holding tracker.toml)"
cd "$TRACKER_DIR" || fail "cannot enter the working folder $TRACKER_DIR"

tracker=${TRACKER:-tracker}
log=${TRACKER_LOG:-log/tracker.log}

command -v flock >/dev/null 2>&1 || fail "flock (util-linux) is not on PATH ($PATH)"
command -v "$tracker" >/dev/null 2>&1 || fail "$tracker: no such program on PATH ($PATH)"
# The lock goes beside the store the runs write, so that two working folders sharing a store
# share the lock too; tracker reads tracker.toml for it. A configuration tracker refuses
# leaves the default, and the run itself then says what is wrong.
store=${TRACKER_STORE:-$("$tracker" status --print-store 2>/dev/null || true)}
store=${store:-snapshots/tracker.db}
case $store in
  # A PostgreSQL store is no file to put a lock beside: the lock is this machine's, in the
  # working folder (tracker's own run lock is then held in the database).
  postgresql://* | postgres://*) lock=${TRACKER_LOCK:-tracker-postgresql.cron-lock} ;;
  *) lock=${TRACKER_LOCK:-$store.cron-lock} ;;
esac
mkdir -p "$(dirname "$lock")" "$(dirname "$log")" || fail "cannot create the folders of $lock and $log"

# A line in tracker's own log format: 2026-11-27T04:13:41.000Z [PID] LEVEL: message
log_line() {
  printf '%s [%s] %s: tracker-cron: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" "$$" "$1" "$2" \
    >>"$log" 2>/dev/null
}

# tracker takes its own lock on the store (STORE.lock) and refuses loudly when another run
# holds it. This lock is only about cron: a job that finds the previous one still running
# gives up at once and quietly, instead of waiting behind it (jobs piling up) or mailing
# tracker's "another tracker run" error every five minutes. The lock is on fd 9, which
# tracker inherits, so it is held for as long as either process lives.
exec 9>>"$lock" || fail "cannot open the lock file $lock"
if ! flock -n 9; then
  log_line info "a run is already in progress (lock $lock); skipped"
  exit "$already_running"
fi

log_line info "start: $tracker run $*"
"$tracker" --log-file "$log" run "$@"
status=$?
if [ "$status" -eq 0 ]; then
  log_line info "done: exit status 0"
else
  log_line warning "done: exit status $status"
fi
exit "$status"
