"""Builds and real servers shared by the endpoint, saved-query and web tests.

`build_into` writes what `rally-kg build` writes; `serving` starts a real `rally-kg serve` (gunicorn)
on a loopback port, waits for /healthz and stops the process group it started when done.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from cli.build import build_summary
from endpoint.app import create_app
from loader.pipeline import BUNDLED_DOCUMENT, DEFAULT_BASE, load_paths
from loader.store import write_build

ROOT = Path(__file__).resolve().parents[1]


def build_into(out: Path, base: str = DEFAULT_BASE) -> Path:
    """Build the bundled article (under `base` when given) into `out`, as `rally-kg build [--base]` does."""
    build = load_paths([BUNDLED_DOCUMENT], base=base)
    write_build(build, out, lambda done: build_summary(done, [BUNDLED_DOCUMENT]))
    return out


def free_port() -> int:
    """Return a loopback port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def healthy(root: str) -> bool:
    """Tell whether the server at `root` answers /healthz with status ok."""
    try:
        with urllib.request.urlopen(root + "/healthz", timeout=1) as response:
            return bool(response.status == 200 and json.loads(response.read())["status"] == "ok")
    except (OSError, ValueError, KeyError):
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started here: its own process group (gunicorn's master, workers, query processes)."""
    for sig, wait in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def serving(data: Path, log: Path, *, port: int | None = None, options: Sequence[str] = ()) -> Iterator[tuple[str, float]]:
    """Run `rally-kg serve --data DATA` (2 workers, more `options`) on 127.0.0.1; yield its root URL and start-up time."""
    port = port or free_port()
    root = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--data", str(data), "--workers", "2", *options]
    started = time.monotonic()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        while not healthy(root):
            if process.poll() is not None:
                pytest.fail(f"rally-kg serve exited with status {process.returncode}:\n{log.read_text(errors='replace')}")
            if time.monotonic() - started > 20:
                pytest.fail(f"rally-kg serve did not answer /healthz within 20 s:\n{log.read_text(errors='replace')}")
            time.sleep(0.05)
        yield root, time.monotonic() - started
    finally:
        stop(process)


@contextmanager
def app_on(data: Path, **config: Any) -> Iterator[Flask]:
    """The app serving a build with these settings (see endpoint.DEFAULTS); its query process is stopped afterwards."""
    made = create_app({"DATA_DIR": str(data), **config})
    try:
        yield made
    finally:
        made.extensions["rally"].close()


OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # the `oxigraph` package's server (a test tool, pyproject.toml)


@contextmanager
def oxigraph_server(location: Path, log: Path) -> Iterator[str]:
    """Run `oxigraph serve` (read-write, on disk at `location`) on a free loopback port; yield its root URL."""
    port = free_port()
    root = f"http://127.0.0.1:{port}"
    with log.open("wb") as sink:
        command = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(root + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited with {process.returncode}: {log.read_text()[-500:]}") from None
                time.sleep(0.05)
        yield root
    finally:
        stop(process)


VIRTUOSO = shutil.which("virtuoso-t")  # Debian's virtuoso-opensource-7-bin, installed by `scripts/setup.sh test`


@contextmanager
def virtuoso_server(folder: Path, log: Path) -> Iterator[str]:
    """Run Virtuoso Open Source (`virtuoso-t`, a new database in `folder`) on free loopback ports; yield its HTTP
    root URL (SPARQL at /sparql, the graph store at /sparql-graph-crud-auth, user dba, password dba)."""
    if VIRTUOSO is None:
        pytest.fail("virtuoso-t is not installed: run scripts/setup.sh test (Debian's virtuoso-opensource-7-bin)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    template = (ROOT / "tests" / "sparql_servers" / "virtuoso.ini").read_text()
    (folder / "virtuoso.ini").write_text(template.format(http_port=http_port, sql_port=sql_port))
    root = f"http://127.0.0.1:{http_port}"
    with log.open("wb") as sink:
        command = [VIRTUOSO, "+foreground", "+configfile", "virtuoso.ini"]
        process = subprocess.Popen(command, cwd=folder, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        started = time.monotonic()
        while True:
            try:
                urllib.request.urlopen(root + "/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() - started > 60:
                    pytest.fail(f"virtuoso-t did not start ({process.poll()}): {log.read_text(errors='replace')[-800:]}")
                time.sleep(0.2)
        yield root
    finally:
        stop(process)
