#!/usr/bin/env bash
# Set everything up from nothing and code the events of the bundled example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/vnevents analyze examples/ "$@"
