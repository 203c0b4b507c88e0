#!/usr/bin/env bash
# A throwaway Redis for tests: redis-server on a loopback port, no persistence, its files in
# a temporary directory.
#
#   scripts/services/redis.sh start   # prints redis://127.0.0.1:PORT
#   scripts/services/redis.sh url     # the same URL, for a server already started
#   scripts/services/redis.sh status  # exit 0 when it answers PING
#   scripts/services/redis.sh stop    # stops it and deletes its directory
#
#   export REDIS_URL="$(scripts/services/redis.sh start)"
#
# REDIS_PORT picks the port (default 56379); one server per port. The URL goes to stdout,
# everything else to stderr. Needs redis-server and redis-cli (Debian: apt-get install
# redis-server; scripts/install-test-deps.sh does it).
set -euo pipefail

PORT="${REDIS_PORT:-56379}"
DIR="${CAIRO_REDIS_DIR:-${TMPDIR:-/tmp}/cairo-redis-$PORT}"

log() { echo "redis.sh: $*" >&2; }

url() { echo "redis://127.0.0.1:$PORT"; }

running() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

start() {
  for bin in redis-server redis-cli; do
    command -v "$bin" >/dev/null || { log "$bin not found; install redis-server"; exit 1; }
  done
  if running; then
    log "already running on port $PORT"
    url
    return
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  log "starting on 127.0.0.1:$PORT"
  redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes \
    --save "" --appendonly no --dir "$DIR" \
    --daemonize yes --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
  for _ in $(seq 1 100); do
    if running; then
      url
      return
    fi
    sleep 0.1
  done
  log "did not answer PING within 10 s; its log:"
  cat "$DIR/redis.log" >&2 || true
  exit 1
}

stop() {
  if running; then
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [ -f "$DIR/redis.pid" ]; then
    pid="$(cat "$DIR/redis.pid")"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
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
    echo "usage: $0 start|stop|url|status   (REDIS_PORT=$PORT)" >&2
    exit 2
    ;;
esac
