"""Benchmark: seconds from `rally-kg serve` starting to /healthz answering, with the dataset already built.

python bench/startup_bench.py [--runs 5] [--data build]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ready_after(data: Path) -> float:
    """Return the seconds one server start takes until /healthz answers."""
    port = free_port()
    started = time.perf_counter()
    command = [sys.executable, "-m", "cli", "serve", "--port", str(port), "--data", str(data)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                return time.perf_counter() - started
            except OSError:
                if process.poll() is not None:
                    raise SystemExit(f"the server exited with status {process.returncode}") from None
                time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    if not (args.data / "dataset.nq").is_file():
        subprocess.run([sys.executable, "-m", "cli", "build", "--out", str(args.data), "--quiet"], cwd=ROOT, check=True)
    times = [ready_after(args.data) for _ in range(args.runs)]
    print(
        f"rally-kg serve ready after {statistics.median(times):.2f} s (median of {args.runs}; min {min(times):.2f}, max {max(times):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
