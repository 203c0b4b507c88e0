#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: its own cluster in a temporary directory, on a loopback
# port, tuned for speed over durability (no fsync), with a database `cairo`.
#
#   scripts/services/postgres.sh start   # prints postgres://USER@127.0.0.1:PORT/cairo
#   scripts/services/postgres.sh url     # the same URL, for a cluster already started
#   scripts/services/postgres.sh status  # exit 0 when it is running
#   scripts/services/postgres.sh stop    # stops it and deletes its directory
#
#   export TEST_DATABASE_URL_PG="$(scripts/services/postgres.sh start)"
#
# PGPORT picks the port (default 55432); one cluster per port. Run as root, the cluster
# belongs to the `postgres` user (PostgreSQL refuses to run as root); otherwise to the
# current user. The URL goes to stdout, everything else to stderr. Needs the server binaries
# (Debian: apt-get install postgresql; scripts/install-test-deps.sh does it).
set -euo pipefail

PORT="${PGPORT:-55432}"
DATABASE="cairo"
DIR="${CAIRO_PG_DIR:-${TMPDIR:-/tmp}/cairo-pg-$PORT}"
DATA="$DIR/data"
LOG="$DIR/postgres.log"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  # The newest installed major version first.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  log "no PostgreSQL server binaries (initdb) found; install postgresql or set PG_BIN"
  exit 1
}

if [ "$(id -u)" -eq 0 ]; then
  OWNER="postgres"
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

url() { echo "postgres://$OWNER@127.0.0.1:$PORT/$DATABASE"; }

running() {
  [ -f "$DATA/postmaster.pid" ] || return 1
  local bin
  bin="$(find_bin)"
  as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  local bin
  bin="$(find_bin)"
  if running; then
    log "already running on port $PORT ($DIR)"
    url
    return
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$OWNER" = "postgres" ] && chown postgres: "$DIR"
  chmod 700 "$DIR"
  log "initdb in $DATA"
  as_owner "$bin/initdb" -D "$DATA" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
  # Tests want speed, not durability: a crash of this cluster loses nothing anyone keeps.
  cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 128MB
log_min_messages = warning
CONF
  log "starting on 127.0.0.1:$PORT"
  if ! as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 120 start >/dev/null; then
    log "did not start; its log:"
    cat "$LOG" >&2 || true
    exit 1
  fi
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$PORT" "$DATABASE"
  url
}

stop() {
  local bin
  if [ ! -d "$DIR" ]; then
    log "nothing to stop on port $PORT"
    return
  fi
  bin="$(find_bin)"
  if running; then
    as_owner "$bin/pg_ctl" -D "$DATA" -m immediate -w -t 60 stop >/dev/null ||
      log "pg_ctl stop failed; removing the directory anyway"
  fi
  rm -rf "$DIR"
  log "stopped; removed $DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) running ;;
  *)
    echo "usage: $0 start|stop|url|status   (PGPORT=$PORT)" >&2
    exit 2
    ;;
esac
