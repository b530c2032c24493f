#!/usr/bin/env bash
# Set up, build the graph from the bundled article (if not built yet) and serve it at http://127.0.0.1:5000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/rally-kg serve --host 127.0.0.1 --port "${PORT:-5000}" --data build
