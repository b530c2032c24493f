"""Load benchmark of the saved queries: p50/p99 per saved query over HTTP, and the engine's time without any cache.

    .venv/bin/python bench/saved_bench.py [--duration 5] [--connections 8] [--runs 200]

1. builds build/ if it is missing, starts `rally-kg serve --data build` on a free 127.0.0.1 port;
2. for every saved query, GETs its example (`#+ example:`) once to check it answers 200, then runs
   wrk (2 threads, --connections, --duration s, --latency) on that URL alone: the figures are what a
   client gets, with the server's answer caches warm as in steady use;
3. runs each example's job --runs times in this process straight through the engine
   (endpoint.results.execute, no cache at all): what a first request costs the query engine;
4. prints p50/p99 per query, flags every p50 over the 10 ms target, writes the figures to
   bench/results/saved-<timestamp>.json, and stops the server it started (by its process id).

wrk is Debian's package (`apt-get install -y wrk`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from endpoint.core.answers import execute
from endpoint.core.dataset import open_dataset
from endpoint.core.service import Limits, Service, Session
from endpoint.saved.calls import bind
from endpoint.saved.files import load_queries
from endpoint.saved.values import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
RESULTS = ROOT / "bench" / "results"
TARGET_P50_MS = 10.0
_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)


def wrk_figures(output: str) -> dict[str, float]:
    """Return p50, p99 (ms) and requests per second from wrk's --latency output.

    >>> wrk_figures("  Latency Distribution\\n     50%  812.00us\\n     99%    2.10ms\\nRequests/sec:  9000.5\\n")
    {'p50_ms': 0.812, 'p99_ms': 2.1, 'rps': 9000.5}
    """
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    found = {f"p{p}_ms": round(float(v) * scale[unit], 3) for p, v, unit in _LATENCY.findall(output)}
    rate = _RATE.search(output)
    return {**found, "rps": float(rate.group(1)) if rate else 0.0}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_server(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cli", "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(BUILD)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    _stop(process)
    sys.exit("rally-kg serve did not start")


def _stop(process: subprocess.Popen[bytes]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=10)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def engine_times(runs: int) -> dict[str, dict[str, float]]:
    """Return p50/p99 (ms) per saved query of its example's job run straight through the engine, uncached."""
    dataset = open_dataset(BUILD)
    vocabulary = Vocabulary.of(Session(Service.open(dataset, Limits()), None))
    figures = {}
    for name, query in load_queries().items():
        values: dict[str, list[str]] = {}
        for key, value in query.example:
            values.setdefault(key, []).append(value)
        job = bind(query, values, vocabulary, 10_000).job("json", "turtle", 10_000)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            execute(dataset.store, job, dataset.store_graphs)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        figures[name] = {
            "p50_ms": round(statistics.median(times), 3),
            "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 3),
        }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per query (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--runs", type=int, default=200, help="engine runs per query, uncached (default 200)")
    args = parser.parse_args(argv)
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    if not (BUILD / "dataset.nq").exists():
        subprocess.run([sys.executable, "-m", "cli", "build", "--out", str(BUILD), "--quiet"], cwd=ROOT, check=True)
    queries = load_queries()
    port = _free_port()
    process = _start_server(port)
    http: dict[str, dict[str, Any]] = {}
    try:
        for name, query in queries.items():
            url = f"http://127.0.0.1:{port}/queries/{name}" + (f"?{urlencode(query.example)}" if query.example else "")
            with urllib.request.urlopen(url, timeout=30) as response:
                assert response.status == 200, f"{name}: {response.status}"
            done = subprocess.run(
                [wrk, "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency", url],
                capture_output=True,
                text=True,
                timeout=args.duration + 60,
                check=False,
            )
            http[name] = {"url": url, **wrk_figures(done.stdout)}
            non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
            if non_2xx:
                http[name]["errors"] = int(non_2xx.group(1))
    finally:
        _stop(process)
    engine = engine_times(args.runs)
    width = max(len(name) for name in queries)
    print(f"\nSaved queries: HTTP (wrk, {args.connections} connections, {args.duration} s) and engine only (uncached), ms")
    print(f"  {'query':<{width}} | {'req/s':>8} {'p50':>7} {'p99':>7} | {'engine p50':>10} {'p99':>7}")
    over = []
    for name in queries:
        h, e = http[name], engine[name]
        flag = " !" if h.get("p50_ms", 0) >= TARGET_P50_MS else ""
        if flag:
            over.append(name)
        print(
            f"  {name:<{width}} | {h.get('rps', 0):>8,.0f} {h.get('p50_ms', 0):>7.2f} {h.get('p99_ms', 0):>7.2f} | "
            f"{e['p50_ms']:>10.2f} {e['p99_ms']:>7.2f}{flag}"
        )
    print(
        f"\nTarget: p50 under {TARGET_P50_MS:g} ms over HTTP for every saved query: {'met' if not over else 'missed by ' + ', '.join(over)}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"saved-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    settings = {"duration_s": args.duration, "connections": args.connections, "runs": args.runs, "cpus": os.cpu_count()}
    out.write_text(json.dumps({"settings": settings, "http": http, "engine": engine}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0 if not over else 1


if __name__ == "__main__":
    sys.exit(main())
