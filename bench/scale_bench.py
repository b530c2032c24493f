"""Benchmark at scale: builds of generated corpora (1 to 100 editions), serving them, queries on them.

    python bench/scale_bench.py [--editions 1 10 30 100] [--runs 3] [--requests 300]

For each size N, bench/corpus.py writes N editions and `rally-kg build` builds them (a fresh process
each time): seconds, seconds per edition (a linear build keeps it flat) and peak memory. For the
smallest and the largest corpus, `rally-kg serve` is started --runs times (seconds until /healthz
answers) and the typical queries below are sent one at a time, each text new (a comment makes it
so), --requests times: the median latency per query on the largest corpus against the smallest,
side by side. Medians over the runs; everything it starts is stopped and its folder removed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402  (the generator beside this script)
from startup_bench import ROOT, free_port, ready_after  # noqa: E402

RALLY = "PREFIX rally: <https://w3id.org/rally-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
QUERIES = {  # typical small queries, answered the same way on any corpus of the generator
    "stage-winners": RALLY  # stage 3 of the 1990 edition, named by its IRI as pages and saved queries name it
    + """SELECT ?category ?winner WHERE {
  ?s rally:edition <http://127.0.0.1:5000/id/edition/1990-sahara-rally> ; rally:stageNumber 3 .
  ?c rally:classifiedStage ?s ; rally:category/rdfs:label ?category ; rally:stageWinner/rdfs:label ?winner .
} ORDER BY ?category""",
    "stage-winners (year filter)": RALLY  # the same found through the year: the engine starts from every edition's
    + """SELECT ?edition ?category ?winner WHERE {
  ?c a rally:StageClassification ; rally:classifiedStage ?s ; rally:category/rdfs:label ?category ;
     rally:stageWinner/rdfs:label ?winner .
  ?s rally:stageNumber 3 ; rally:partOf ?edition . ?edition a rally:Edition ; rally:year 1990 .
} ORDER BY ?category""",
    "people-by-country": RALLY
    + """SELECT ?person ?name WHERE { ?person a rally:Person ; rdfs:label ?name ; rally:countryForSport/rally:iocCode "FRA" . }
ORDER BY ?name LIMIT 20""",
    "career-of-a-person": RALLY  # the first person of the 1990 edition, in every corpus (the generator's pools)
    + """SELECT ?edition ?year WHERE {
  { SELECT ?person WHERE { ?person rally:competedIn/rally:year 1990 } ORDER BY ?person LIMIT 1 }
  ?person rally:competedIn ?edition . ?edition rally:year ?year .
} ORDER BY ?year""",
    "most-editions (whole corpus)": RALLY  # an aggregate over everyone: grows with the corpus, listed for contrast
    + """SELECT ?name (COUNT(DISTINCT ?edition) AS ?editions) WHERE {
  ?person a rally:Person ; rdfs:label ?name ; rally:competedIn ?edition .
} GROUP BY ?name ORDER BY DESC(?editions) ?name LIMIT 5""",
    "describe-edition": "DESCRIBE ?e WHERE { ?e a <https://w3id.org/rally-kg/ontology#Edition> ; "
    "<https://w3id.org/rally-kg/ontology#year> 1990 }",
}


def build(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    """Build a corpus in a fresh process; return its seconds and its peak memory (MB, the largest of its processes)."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "cli", "build", str(corpus), "--out", str(out), "--quiet", "--jobs", str(jobs)]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"rally-kg build {corpus} failed:\n{errors.read().decode(errors='replace')}")
    phases = json.loads((out / "build.json").read_text(encoding="utf-8"))["seconds"]
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024, **{k: float(v) for k, v in phases.items()}}


def latency(root: str, query: str, count: int) -> float:
    """Return the median seconds of `count` requests of the query, each made new by a comment."""
    times = []
    for index in range(count):
        data = urllib.parse.urlencode({"query": f"{query}\n# {time.time_ns()}-{index}"}).encode()
        request = urllib.request.Request(root + "/sparql", data=data, headers={"Accept": "application/sparql-results+json"})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


PAGES = {  # what a browser and a linked-data client ask, on any corpus of the generator (its first edition is 1990)
    "page-edition": "/page/edition/1990-sahara-rally",
    "page-stage": "/page/edition/1990-sahara-rally/stage/2",
    "data-stage-ttl": "/data/edition/1990-sahara-rally/stage/2.ttl",
}


def page_latency(root: str, path: str, count: int) -> float:
    """Return the median seconds of `count` requests of a page or document, each made new by a query string."""
    times = []
    for index in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(f"{root}{path}?n={time.time_ns()}-{index}", timeout=30) as response:
            response.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def serve_and_query(data: Path, runs: int, requests: int) -> dict[str, float]:
    """Return the median start-up seconds and, from one more server, the median latency of each query."""
    result = {"ready": statistics.median(ready_after(data) for _ in range(runs))}
    port = free_port()
    command = [sys.executable, "-m", "cli", "serve", "--port", str(port), "--data", str(data), "--workers", "2"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True)
    root = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(root + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        for name, query in QUERIES.items():
            latency(root, query, 20)  # warm
            result[name] = statistics.median(latency(root, query, requests // runs) for _ in range(runs))
        for name, path in PAGES.items():
            page_latency(root, path, 5)  # warm
            result[name] = statistics.median(page_latency(root, path, requests // runs) for _ in range(runs))
    finally:
        process.terminate()
        process.wait()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, nargs="+", default=[1, 10, 30, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2, help="the processes of the second build of each corpus (--jobs)")
    args = parser.parse_args()
    sizes = sorted(args.editions)
    builds: dict[tuple[int, int], dict[str, float]] = {}
    served: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="rally-scale-") as scratch:
        for jobs in (1, args.jobs):
            for n in sizes:
                corpus = Path(scratch) / f"corpus-{n}"
                if not corpus.exists():
                    write_corpus(corpus, n)
                builds[n, jobs] = build(corpus, Path(scratch) / f"build-{n}-{jobs}", jobs)
                print(f"built {n} editions with --jobs {jobs} in {builds[n, jobs]['seconds']:.1f} s", file=sys.stderr)
        for n in (sizes[0], sizes[-1]):
            served[n] = serve_and_query(Path(scratch) / f"build-{n}-1", args.runs, args.requests)
    print("rally-kg build of generated corpora (bench/corpus.py), one fresh process each:")
    print(
        f"  {'editions':>8} {'--jobs':>6} {'total s':>8} {'s/edition':>10} {'parse':>7} {'inference':>10} {'SHACL':>7}"
        f" {'write':>7} {'peak MB':>8}"
    )
    for (n, jobs), b in sorted(builds.items()):
        print(
            f"  {n:>8} {jobs:>6} {b['seconds']:>8.1f} {b['seconds'] / n:>10.2f} {b.get('parse', 0):>7.1f}"
            f" {b.get('inference', 0):>10.1f} {b.get('validation', 0):>7.1f} {b.get('write', 0):>7.1f} {b['peak_mb']:>8.0f}"
        )
    small, large = sizes[0], sizes[-1]
    print(f"serving: {small} edition(s) against {large}, medians of {args.runs} runs (latency of single requests, ms)")
    print(f"  {'':<30} {small:>10} {large:>10} {'ratio':>7}")
    for key in served[small]:
        a, b = served[small][key], served[large][key]
        unit = 1 if key == "ready" else 1000
        label = "ready after (s)" if key == "ready" else key
        print(f"  {label:<30} {a * unit:>10.2f} {b * unit:>10.2f} {b / a:>6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
