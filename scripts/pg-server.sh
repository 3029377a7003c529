#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server on loopback for the test suite.
#   source scripts/pg-server.sh start   # exports VNEVENTS_TEST_PG_URL
#   bash scripts/pg-server.sh stop
# Installs Debian's postgresql first when no server binaries are found (needs root, as CI has).
set -euo pipefail
PG_DIR="${VNEVENTS_PG_DIR:-/tmp/vnevents-pg}"
PG_PORT="${VNEVENTS_PG_PORT:-54329}"

pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$found" ] && command -v pg_ctl >/dev/null 2>&1; then
    found="$(dirname "$(command -v pg_ctl)")"
  fi
  echo "$found"
}

as_server_user() {
  # PostgreSQL refuses to run as root: use the postgres account then
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    BIN="$(pg_bin)"
    if [ -z "$BIN" ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      BIN="$(pg_bin)"
    fi
    if [ -f "$PG_DIR/postmaster.pid" ]; then
      as_server_user "$BIN/pg_ctl" -D "$PG_DIR" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
    as_server_user "$BIN/initdb" -D "$PG_DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    as_server_user "$BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    as_server_user "$BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres vnevents_test
    export VNEVENTS_TEST_PG_URL="postgresql+psycopg2://postgres@127.0.0.1:$PG_PORT/vnevents_test"
    echo "PostgreSQL test server on 127.0.0.1:$PG_PORT ($VNEVENTS_TEST_PG_URL)" >&2
    ;;
  stop)
    BIN="$(pg_bin)"
    as_server_user "$BIN/pg_ctl" -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
