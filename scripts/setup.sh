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
