#!/usr/bin/env bash
# The test stages, as `npm test`, `npm run test:ci` and `.ci/run` run them:
#
#   bash scripts/ci/stages.sh             # npm test: every check on an installed checkout
#   bash scripts/ci/stages.sh --install   # npm run test:ci: install first (apt, npm ci)
#
# Order, sized for two cores (stages on one line run at the same time):
#
#   install                                 (--install only)
#   services                                a throwaway PostgreSQL -> TEST_DATABASE_URL_PG
#   lint, typecheck, build  |  unit               two lanes, each in order
#   e2e, cluster  |  reliability                  all against the one production build
#
# typecheck and build share a lane because `next build` rewrites .next/types, which tsc
# reads. The vitest suites (unit, reliability) run a second time on PostgreSQL when
# TEST_DATABASE_URL_PG is set (their configs read it). cluster (several servers behind
# nginx, with PostgreSQL and Redis of its own) runs when package.json has a `test:cluster`
# script; it follows e2e so that no more than two suites load the two cores. Each stage's
# output goes to a log file; a failing stage fails the run and its log is printed at the
# end, followed by a table of every stage's result and wall time. e2e and reliability are
# skipped when the build failed. Every stage has a generous time limit (a hang guard, not
# a speed check).
#
# Environment: TEST_DATABASE_URL_PG (use this PostgreSQL instead of starting one),
# E2E_PORT (else the first free port from 3510), PGPORT (else the first free port from
# 55432), CI_LOG_DIR (where the logs go).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
SELF="$ROOT/scripts/ci/stages.sh"

# The first port from $1 on which nothing listens (IPv4 or IPv6 loopback) and no
# throwaway PostgreSQL of ours keeps its directory.
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null ||
    (exec 3<>"/dev/tcp/::1/$port") 2>/dev/null ||
    [ -e "${TMPDIR:-/tmp}/cairo-pg-$port" ]; do
    port=$((port + 1))
  done
  echo "$port"
}

# --- the stages ------------------------------------------------------------------------

stage_install() { bash scripts/install-test-deps.sh; }
stage_lint() { npm run --silent lint; }
stage_typecheck() { npm run --silent typecheck; }
stage_unit() { npm run --silent test:unit; }
stage_build() { npm run --silent build; }
# Its own port, picked as it starts and away from the 3210 of anyone's `npm run test:e2e`
# on the same machine; E2E_PORT overrides.
stage_e2e() { E2E_PORT="${E2E_PORT:-$(free_port 3510)}" npm run --silent test:e2e; }
stage_reliability() { npm run --silent test:reliability; }
stage_cluster() { npm run --silent test:cluster; }

# Seconds before a stage is killed as hung: far above any loaded-machine run.
budget() {
  case "$1" in
    install | build | unit) echo 1800 ;;
    reliability | cluster) echo 2700 ;;
    e2e) echo 3600 ;;
    *) echo 900 ;;
  esac
}

# --- the runner --------------------------------------------------------------------------
# Only definitions until the last line, which calls main: bash has read the whole file
# before anything runs, so editing or checking out this file mid-run cannot break the run.

now() { date -u +%H:%M:%S; }
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# record NAME RESULT START_OFFSET SECONDS
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RESULTS"; }

# Runs one stage in the foreground of the caller (a lane or the main shell).
run_stage() {
  local name="$1" start offset rc elapsed
  start=$EPOCHREALTIME
  offset=$(awk -v a="$RUN_START" -v b="$start" 'BEGIN { printf "%.0f", b - a }')
  if [ -e "$LOG_DIR/interrupted" ]; then
    record "$name" "skipped: interrupted" "-" "-"
    return 1
  fi
  echo "[$(now)] start  $name"
  # In the background and waited for, so that a signal reaches the runner at once;
  # timeout leads the stage's process group, whose id goes to pids/ for on_signal.
  timeout --kill-after=30 "$(budget "$name")" bash "$SELF" --stage "$name" \
    >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$LOG_DIR/pids/$name"
  wait "$pid"
  rc=$?
  rm -f "$LOG_DIR/pids/$name"
  elapsed=$(seconds_since "$start")
  if [ -e "$LOG_DIR/interrupted" ]; then
    record "$name" "interrupted" "$offset" "$elapsed"
  elif [ "$rc" -eq 0 ]; then
    echo "[$(now)] passed $name (${elapsed} s)"
    record "$name" passed "$offset" "$elapsed"
  else
    local why="exit $rc"
    [ "$rc" -eq 124 ] && why="killed after its $(budget "$name") s limit"
    echo "[$(now)] FAILED $name (${elapsed} s, $why); log: $LOG_DIR/$name.log"
    record "$name" "FAILED" "$offset" "$elapsed"
  fi
  return "$rc"
}

skip_stage() {
  echo "[$(now)] skip   $1 ($2)"
  record "$1" "skipped: $2" "-" "-"
}

# Runs its arguments (stage names) one after the other; returns non-zero if any failed.
lane() {
  local failed=0 name
  for name in "$@"; do run_stage "$name" || failed=1; done
  return "$failed"
}

# Runs each argument (a space-separated list of stages) as a lane, all lanes at once.
parallel_lanes() {
  local pids=() spec pid failed=0
  for spec in "$@"; do
    # shellcheck disable=SC2086 # the lane spec is a word list on purpose
    lane $spec &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
  return "$failed"
}

passed() { grep -q "^$1	passed	" "$RESULTS"; }


# PostgreSQL for the suites that use it: TEST_DATABASE_URL_PG, stopped when the run ends.
start_postgres() {
  local start offset port url
  start=$EPOCHREALTIME
  offset=$(awk -v a="$RUN_START" -v b="$start" 'BEGIN { printf "%.0f", b - a }')
  if [ -n "${TEST_DATABASE_URL_PG:-}" ]; then
    skip_stage services "TEST_DATABASE_URL_PG given"
    return 0
  fi
  echo "[$(now)] start  services"
  port="${PGPORT:-$(free_port 55432)}"
  # Set first, so that an interrupted start is stopped (and its directory removed) too.
  PG_STARTED="$port"
  if url="$(PGPORT="$port" bash scripts/services/postgres.sh start 2>"$LOG_DIR/services.log")"; then
    export TEST_DATABASE_URL_PG="$url"
    echo "[$(now)] passed services (PostgreSQL at $url, $(seconds_since "$start") s)"
    record services passed "$offset" "$(seconds_since "$start")"
  elif [ -n "${CI:-}" ]; then
    echo "[$(now)] FAILED services (PostgreSQL did not start); log: $LOG_DIR/services.log"
    record services FAILED "$offset" "$(seconds_since "$start")"
    return 1
  else
    echo "[$(now)] skip   services: PostgreSQL did not start (not installed?); the PostgreSQL suite will not run. Log: $LOG_DIR/services.log"
    record services "skipped: no PostgreSQL" "$offset" "$(seconds_since "$start")"
  fi
}

stop_postgres() {
  if [ -n "$PG_STARTED" ]; then
    PGPORT="$PG_STARTED" bash scripts/services/postgres.sh stop >>"$LOG_DIR/services.log" 2>&1
    PG_STARTED=""
  fi
}

summary() {
  local status="$1" name result offset secs
  # The logs of failed stages, in full up to their last 400 lines.
  while IFS=$'\t' read -r name result offset secs; do
    if [ "$result" = FAILED ] && [ -f "$LOG_DIR/$name.log" ]; then
      echo
      echo "================ log of the failed stage: $name (last 400 lines of $LOG_DIR/$name.log)"
      tail -n 400 "$LOG_DIR/$name.log"
    fi
  done <"$RESULTS"
  echo
  echo "Stages (start: seconds into the run; stages whose spans overlap ran side by side on $(nproc) cores):"
  printf '  %-14s %-30s %9s %10s\n' stage result "start (s)" "wall (s)"
  while IFS=$'\t' read -r name result offset secs; do
    printf '  %-14s %-30s %9s %10s\n' "$name" "$result" "+$offset" "$secs"
  done <"$RESULTS"
  printf '  %-14s %-30s %9s %10s\n' total "$([ "$status" -eq 0 ] && echo passed || echo FAILED)" "" "$(seconds_since "$RUN_START")"
  echo "  load average at the start: $LOAD_START; at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs: $LOG_DIR"
}

on_signal() {
  echo "[$(now)] interrupted: stopping the running stages" >&2
  touch "$LOG_DIR/interrupted"
  local file
  for file in "$LOG_DIR"/pids/*; do
    [ -e "$file" ] && kill -TERM -- "-$(cat "$file")" 2>/dev/null
  done
  wait
  exit 130
}

finish() {
  local status=$?
  stop_postgres
  summary "$status"
  exit "$status"
}
main() {
  # A stage runs as its own process (`stages.sh --stage NAME`) under `timeout`, which owns
  # the process group: on a hang, or when the run is interrupted, the whole tree goes.
  if [ "${1:-}" = "--stage" ]; then
    "stage_$2"
    return
  fi

  local install=0 failed=0 servers_lane="e2e" name
  [ "${1:-}" = "--install" ] && install=1

  LOG_DIR="${CI_LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cairo-ci-XXXXXX")}"
  mkdir -p "$LOG_DIR/pids"
  rm -f "$LOG_DIR/interrupted" "$LOG_DIR"/pids/*
  RESULTS="$LOG_DIR/results.tsv"
  : >"$RESULTS"
  RUN_START=$EPOCHREALTIME
  LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
  PG_STARTED=""
  trap finish EXIT
  trap on_signal INT TERM

  echo "[$(now)] stages on $(nproc) cores, load average $LOAD_START; logs in $LOG_DIR"

  if [ "$install" -eq 1 ]; then
    # Nothing else can run without the packages.
    run_stage install || return 1
  fi

  start_postgres || failed=1

  if node -e 'process.exit(require("./package.json").scripts?.["test:cluster"] ? 0 : 1)'; then
    servers_lane="e2e cluster"
  fi

  parallel_lanes "lint typecheck build" "unit" || failed=1

  if passed build; then
    parallel_lanes "$servers_lane" "reliability" || failed=1
  else
    for name in $servers_lane reliability; do skip_stage "$name" "no build"; done
  fi

  return "$failed"
}

main "$@"; exit $?
