#!/usr/bin/env bash
# Set everything up from nothing and run the whole test suite, PostgreSQL server included.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
# The web UI tests drive Debian's headless chromium through Playwright (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# The storage tests run against SQLite and a real PostgreSQL server: start a throwaway one.
source scripts/pg-server.sh start
trap 'bash scripts/pg-server.sh stop' EXIT
set +e
.venv/bin/python -m pytest -q "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
