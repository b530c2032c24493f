#!/usr/bin/env bash
# Set up, build the graph from the bundled article and serve it at http://127.0.0.1:${PORT:-5000}.
# The build is made again when the article, the ontology, the loader or the port (the IRIs' base) changed.
# PORT: the port to serve on (default 5000); DATA: the folder of the build (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
port="${PORT:-5000}"
data="${DATA:-build}"
.venv/bin/rally-kg build --if-changed --out "$data" --base "http://127.0.0.1:${port}/id/"
exec .venv/bin/rally-kg serve --host 127.0.0.1 --port "$port" --data "$data"
