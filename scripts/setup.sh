#!/usr/bin/env bash
# Set up everything the project needs on a fresh machine: a virtual environment with the project
# installed, and with "test" also the test tools and Debian's Chromium for the browser tests.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if [ "$extra" = "test" ]; then
    .venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
    if ! command -v chromium >/dev/null 2>&1; then
        echo "setup: installing Debian's chromium for the browser tests" >&2
        sudo_cmd=""
        [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
    fi
else
    .venv/bin/pip install -q --disable-pip-version-check -e .
fi
