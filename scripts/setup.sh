#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine: a virtual environment with the project
# installed, and with "test" also the test tools, Debian's Chromium for the browser tests and
# Debian's Virtuoso Open Source for the remote-store tests (the Oxigraph server comes from pip).
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# The query editor's YASGUI, from the npm registry at the version frontend/package-lock.json pins, copied into
# the static files the server serves (nothing is loaded from another site). Again only when the lock changed.
vendor=endpoint/static/vendor/yasgui
lock_sum=$(sha256sum frontend/package-lock.json | cut -d' ' -f1)
if [ ! -f "$vendor/yasgui.min.js" ] || [ "$(cat "$vendor/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "setup: installing Debian's npm for the query editor's YASGUI" >&2
        sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq npm >/dev/null
    fi
    echo "setup: installing YASGUI for the query editor (npm ci in frontend/)" >&2
    npm ci --prefix frontend --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
    mkdir -p "$vendor"
    cp frontend/node_modules/@zazuko/yasgui/build/yasgui.min.js frontend/node_modules/@zazuko/yasgui/build/yasgui.min.css "$vendor/"
    cp frontend/node_modules/@zazuko/yasgui/LICENSE "$vendor/LICENSE" 2>/dev/null || true
    echo "$lock_sum" > "$vendor/.lock-sha256"
fi

if [ "$extra" = "test" ]; then
    .venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
    missing=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource-7-bin)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "setup: installing Debian's ${missing[*]} for the tests" >&2
        sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
else
    .venv/bin/pip install -q --disable-pip-version-check -e .
fi
