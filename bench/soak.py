"""Soak: `rally-kg serve` under steady load for a while, with one client whose queries always run out of time.

Four clients send typical queries (new text each time, so no cache answers them) and saved queries; one client
sends a query that cannot finish within its one-second limit, again and again. At the end: requests, answers by
status, latency percentiles of the typical queries, and the server's memory (all its processes) at start and end.

python bench/soak.py [--seconds 60] [--data build]
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from startup_bench import free_port  # noqa: E402

PREFIXES = "PREFIX rally: <https://w3id.org/rally-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
TYPICAL = [
    PREFIXES + "SELECT ?w WHERE { ?c rally:classifiedStage/rally:stageNumber 7 ; rally:stageWinner/rdfs:label ?w }",
    PREFIXES + "SELECT ?p ?l WHERE { ?p a rally:Person ; rdfs:label ?l ; rally:countryForSport/rally:iso3166Alpha3 'DEU' }",
    PREFIXES + "SELECT ?m (COUNT(?r) AS ?n) WHERE { ?r rally:position 1 ; rally:forEntry/rally:make/rdfs:label ?m } GROUP BY ?m",
]
SAVED = ["/queries/stage-winners?stage=7", "/queries/standings?category=cars", "/queries/editions"]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def resident_mb(pid: int) -> float:
    """Return the resident memory of a process group's processes (the server's master and workers), in MB."""
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc.name)) != pid:
                continue
            total += int((proc / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, ProcessLookupError):
            continue
    return total / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--data", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    if not (args.data / "dataset.nq").is_file():
        subprocess.run([sys.executable, "-m", "cli", "build", "--out", str(args.data), "--quiet"], cwd=ROOT, check=True)
    port = free_port()
    root = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "cli", "serve", "--port", str(port), "--data", str(args.data), "--workers", "2"]
    server = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True)
    statuses: collections.Counter[str] = collections.Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    try:
        while True:
            try:
                urllib.request.urlopen(root + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        start_mb = resident_mb(server.pid)
        stop_at = time.monotonic() + args.seconds

        def get(url: str, typical: bool) -> None:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    status = str(response.status)
            except urllib.error.HTTPError as error:
                status = str(error.code)
            except OSError as error:
                status = f"no answer ({type(error).__name__})"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                statuses[status] += 1
                if typical and status == "200":
                    latencies.append(elapsed)

        def typical_client(number: int) -> None:
            count = 0
            while time.monotonic() < stop_at:
                count += 1
                query = f"{TYPICAL[count % len(TYPICAL)]} # client {number}, request {count}"
                get(f"{root}/sparql?{urllib.parse.urlencode({'query': query})}", True)
                get(root + SAVED[count % len(SAVED)], False)

        def slow_client() -> None:
            count = 0
            while time.monotonic() < stop_at:
                count += 1
                get(f"{root}/sparql?{urllib.parse.urlencode({'query': f'{SLOW} # {count}', 'timeout': '1'})}", False)

        threads = [threading.Thread(target=typical_client, args=(n,)) for n in range(4)]
        threads.append(threading.Thread(target=slow_client))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(1)
        end_mb = resident_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    ordered = sorted(latencies)
    p99 = ordered[int(0.99 * (len(ordered) - 1))] if ordered else float("nan")
    print(f"Soak of {args.seconds:g} s, 4 typical clients and 1 client whose queries time out after 1 s, 2 workers:")
    print(f"  requests: {sum(statuses.values()):,}")
    print(f"  answers by status: {', '.join(f'{status}: {n:,}' for status, n in sorted(statuses.items()))}")
    print(f"  typical queries (uncached): p50 {statistics.median(ordered):.1f} ms, p99 {p99:.1f} ms over {len(ordered):,}")
    print(f"  server memory (master and workers): {start_mb:.0f} MB at start, {end_mb:.0f} MB at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
