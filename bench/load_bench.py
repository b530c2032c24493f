"""Load benchmark of the SPARQL endpoint (`rally-kg serve`) against `oxigraph serve-read-only`, side by side.

Run it with the project's virtualenv, from any directory (paths follow the script's location);
installing wrk needs root:

    .venv/bin/python bench/load_bench.py [--duration 10] [--rounds 3] [--only ours|oxigraph]
        [--queries-dir queries] [--method post|get] [--mix-only] [--uncached] [--reference-dataset served|union-all]
        [--over-reference]

What it does, every run:
1. makes sure `wrk` (Debian package, `apt-get update && apt-get install -y wrk`) and the `oxigraph`
   CLI (pip package `oxigraph`, into .venv) are installed, and builds build/dataset.nq if missing;
2. loads build/dataset.nq into a temporary Oxigraph store and serves it read-only on a free
   127.0.0.1 port (the reference), and starts `rally-kg serve --data build` on another one (skipped,
   with a message, if it does not start or /healthz does not answer within 15 s);
3. checks once per server that every query returns the same number of rows (or triples) on both;
4. runs wrk (8 connections, 2 threads, --latency) for each query alone and for a rotation of all of
   them (bench/sparql.lua), against both servers in the same run, for --rounds rounds, swapping
   which server goes first every round;
5. prints medians over rounds of req/s, p50 and p99 latency per query and for the mix, with the
   ratio ours/oxigraph, and writes them with every raw run to bench/results/load-<timestamp>.json;
6. stops every process it started and removes its temporary directory.

Over a remote store. With `--over-reference`, ours is `rally-kg serve --store` over the reference Oxigraph
server itself: the front end over a remote SPARQL server against that server alone.

Answer caches. Every wrk run repeats the same few query texts, so a server that caches answers by
query text serves them from its cache after the first request: the figures then measure the cache
and the HTTP layer. `--uncached` ends every request's query with its own comment (`# nonce-thread-n`),
which changes no answer but makes every text new, so that the query engine runs every time.

The reference's default graph. Our server's default graph is the union of the asserted and inferred
graphs; the ontology and metadata graphs are only named graphs. With `--reference-dataset served`
(the default) Oxigraph gets the same dataset: all four named graphs, plus a copy of the asserted and
inferred triples in its own default graph (`ADD ... TO DEFAULT`, so shared triples are merged once).
With `union-all` it is served with `--union-default-graph`, whose default graph is the union of all
four graphs: DESCRIBE then also returns the metadata graph's provenance triples.
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
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
BUILD = ROOT / "build"
DATASET = BUILD / "dataset.nq"
LUA_SCRIPT = ROOT / "bench" / "sparql.lua"
RESULTS = ROOT / "bench" / "results"

CONNECTIONS = 8
THREADS = 2
STARTUP_SECONDS = 15.0
SERVERS = ("oxigraph", "ours")

SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "text/turtle"

PREFIXES = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


@dataclass(frozen=True)
class Query:
    """One benchmarked query; `source` is "built-in" or the .rq file it was read from."""

    name: str
    text: str
    source: str = "built-in"

    @property
    def form(self) -> QueryForm:
        return query_form(self.text)

    @property
    def accept(self) -> str:
        return GRAPH_ACCEPT if self.form in ("CONSTRUCT", "DESCRIBE") else SELECT_ACCEPT


BUILTIN_QUERIES = [
    Query(
        "stage-winners",
        PREFIXES
        + """SELECT ?category ?winner WHERE {
  ?c a rally:StageClassification ;
     rally:classifiedStage/rally:stageNumber 7 ;
     rally:category/rdfs:label ?category ;
     rally:stageWinner/rdfs:label ?winner .
}
ORDER BY ?category ?winner
""",
    ),
    Query(
        "gc-top3-cars",
        PREFIXES
        + """SELECT ?position ?driver ?seconds WHERE {
  ?gc a rally:GeneralClassification ;
      rally:afterStage/rally:stageNumber 9 ;
      rally:category/rdfs:label "Cars"@en ;
      rally:hasResult ?r .
  ?r rally:position ?position ;
     rally:timeSeconds ?seconds ;
     rally:forEntry/rally:driver/rdfs:label ?driver .
}
ORDER BY ?position ?seconds
LIMIT 3
""",
    ),
    Query(
        "wins-per-make",
        PREFIXES
        + """SELECT ?make (COUNT(?r) AS ?wins) WHERE {
  ?r a rally:StageWin ;
     rally:forEntry/rally:vehicle/rally:manufacturer/rdfs:label ?make .
}
GROUP BY ?make
ORDER BY DESC(?wins) ?make
""",
    ),
    Query(
        "people-deu",
        PREFIXES
        + """SELECT ?person ?name WHERE {
  ?person a rally:Person ;
          rdfs:label ?name ;
          rally:nationality/rally:iso3166Alpha3 "DEU" .
}
ORDER BY ?name
""",
    ),
    Query(
        "describe-person",
        PREFIXES + "DESCRIBE <http://127.0.0.1:5000/id/person/jutta-kleinschmidt>\n",
    ),
    Query(
        "podiums-heavy",
        PREFIXES
        + """SELECT ?category ?person (COUNT(?r) AS ?podiums)
       (SUM(IF(?position = 1, 1, 0)) AS ?firsts) (SUM(IF(?position = 2, 1, 0)) AS ?seconds)
       (SUM(IF(?position = 3, 1, 0)) AS ?thirds) (COUNT(DISTINCT ?c) AS ?classifications)
WHERE {
  ?c a rally:Classification ;
     rally:category/rdfs:label ?category ;
     rally:hasResult ?r .
  ?r rally:position ?position ;
     rally:forEntry/rally:crewMember ?p .
  FILTER(?position <= 3)
  ?p rdfs:label ?person .
}
GROUP BY ?category ?person
ORDER BY ?category DESC(?podiums) ?person
""",
    ),
]


def query_form(text: str) -> QueryForm:
    """The query form of a SPARQL query, read past comments, PREFIX/BASE and IRIs.

    >>> query_form("#+ summary: x\\nPREFIX a: <http://e/#SELECT>\\ndescribe <http://e/x>")
    'DESCRIBE'
    """
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    body = re.sub(r"<[^<>\s]*>", " ", "\n".join(lines))
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    if match is None:
        raise ValueError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    form = match.group(1).upper()
    assert form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    return form  # type: ignore[return-value]


def load_queries_dir(directory: Path, taken: set[str]) -> list[Query]:
    """Every *.rq file of `directory`, as is (`#+ ` front-matter lines are SPARQL comments)."""
    queries = []
    for path in sorted(directory.glob("*.rq")):
        name = path.stem
        while name in taken:
            name += "'"
        taken.add(name)
        text = path.read_text(encoding="utf-8")
        try:
            query_form(text)
        except ValueError as error:
            sys.exit(f"{path}: {error}")
        queries.append(Query(name, text, str(path)))
    return queries


# ---------------------------------------------------------------------------------------------
# Tools and data


def run_logged(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a command after printing it; raise on failure."""
    print(f"$ {' '.join(command)}", flush=True)
    return subprocess.run(command, check=True, text=True, **kwargs)


def ensure_wrk() -> str:
    """The path of wrk, installed from Debian's packages first if it is not on PATH."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is not on PATH: installing Debian's package (apt-get update; apt-get install -y wrk)")
    if os.geteuid() != 0:
        sys.exit("cannot install wrk: not root; run `sudo apt-get install -y wrk` and retry")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run_logged(["apt-get", "update"], env=env, stdout=subprocess.DEVNULL)
    run_logged(["apt-get", "install", "-y", "wrk"], env=env, stdout=subprocess.DEVNULL)
    found = shutil.which("wrk")
    if not found:
        sys.exit("apt-get installed wrk but it is not on PATH")
    return found


def ensure_oxigraph() -> Path:
    """The oxigraph CLI of the virtualenv, pip-installed (package `oxigraph`) if missing."""
    binary = VENV_BIN / "oxigraph"
    if not binary.exists():
        print("the oxigraph CLI is not in .venv: installing the pip package `oxigraph`")
        run_logged([str(VENV_BIN / "pip"), "install", "-q", "oxigraph"])
    if not binary.exists():
        sys.exit(f"pip installed oxigraph but {binary} does not exist")
    return binary


def ensure_dataset() -> None:
    if DATASET.exists():
        return
    print(f"{DATASET.relative_to(ROOT)} is missing: building it")
    run_logged([str(VENV_BIN / "rally-kg"), "build", "--out", str(BUILD)], cwd=ROOT, stdout=subprocess.DEVNULL)


def tool_version(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout + result.stderr).strip().splitlines()[0] if (result.stdout + result.stderr).strip() else "?"


def served_graphs(dataset: Path) -> list[str]:
    """The IRIs of the asserted and inferred graphs of an N-Quads file (whatever base it was built with)."""
    pattern = re.compile(r"<([^<>]*/graph/(?:asserted|inferred))>\s*\.\s*$")
    graphs: set[str] = set()
    with dataset.open(encoding="utf-8") as lines:
        for line in lines:
            match = pattern.search(line)
            if match:
                graphs.add(match.group(1))
    return sorted(graphs)


# ---------------------------------------------------------------------------------------------
# Servers


@dataclass
class Server:
    name: str
    endpoint: str  # full URL of the SPARQL endpoint
    process: subprocess.Popen[bytes]
    log: Path
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> str:
        parts = urllib.parse.urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.endpoint).path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    """Start a server in its own process group (so that its workers stop with it), output to `log`."""
    print(f"$ {' '.join(command)}  (log: {log})", flush=True)
    with log.open("wb") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started by `start`, and its process group, by its id: TERM, then KILL after 5 s."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_until(check: Callable[[], bool], process: subprocess.Popen[bytes], seconds: float) -> bool:
    """Poll `check` until it holds, the process exits, or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if check():
                return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.1)
    return False


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:
        return 200 <= int(response.status) < 300


def tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").rstrip().splitlines()
    return "\n".join("    " + line for line in text[-lines:])


def start_oxigraph(oxigraph: Path, scratch: Path, mode: str) -> Server:
    store = scratch / "oxigraph-store"
    run_logged([str(oxigraph), "load", "--location", str(store), "--file", str(DATASET)], capture_output=True)
    help_text = subprocess.run([str(oxigraph), "serve-read-only", "--help"], capture_output=True, text=True).stdout
    info: dict[str, Any] = {"version": tool_version([str(oxigraph), "--version"]), "reference_dataset": mode}
    extra: list[str] = []
    if mode == "served":
        graphs = served_graphs(DATASET)
        update = "; ".join(f"ADD <{graph}> TO DEFAULT" for graph in graphs)
        run_logged([str(oxigraph), "update", "--location", str(store), "--update", update], capture_output=True)
        info["default_graph"] = f"a copy of {', '.join(graphs)}; all graphs also named"
    else:
        if "--union-default-graph" not in help_text:
            sys.exit("this oxigraph has no --union-default-graph: use --reference-dataset served")
        extra = ["--union-default-graph"]
        info["default_graph"] = "--union-default-graph: union of all named graphs"
    run_logged([str(oxigraph), "optimize", "--location", str(store)], capture_output=True)
    port = free_port()
    log = scratch / "oxigraph.log"
    process = start([str(oxigraph), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}", *extra], log)
    server = Server("oxigraph", f"http://127.0.0.1:{port}/query", process, log, info)
    ask = server.endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    if not wait_until(lambda: http_ok(ask), process, STARTUP_SECONDS):
        stop(process)
        sys.exit(f"oxigraph serve-read-only did not answer within {STARTUP_SECONDS:.0f} s:\n{tail(log)}")
    return server


def start_ours(scratch: Path, store: str | None = None) -> Server | None:
    """Start `rally-kg serve` (over `store`, a SPARQL query endpoint, when given), or return None (after saying why)
    if it is not there or not healthy."""
    port = free_port()
    log = scratch / "ours.log"
    command = [str(VENV_BIN / "rally-kg"), "serve", "--host", "127.0.0.1", "--port", str(port), "--data", str(BUILD)]
    command += ["--store", store] if store else []
    process = start(command, log)
    server = Server("ours", f"http://127.0.0.1:{port}/sparql", process, log)
    if wait_until(lambda: http_ok(server.base + "/healthz"), process, STARTUP_SECONDS):
        return server
    status = process.poll()
    stop(process)
    why = f"exited with status {status}" if status is not None else f"/healthz did not answer within {STARTUP_SECONDS:.0f} s"
    print(f"SKIPPING our server: `rally-kg serve` {why}. Its output:\n{tail(log)}\n", flush=True)
    return None


# ---------------------------------------------------------------------------------------------
# Requests


def http_request(server: Server, query: Query, method: str) -> tuple[str, dict[str, str], bytes | None]:
    """The path, headers and body of one SPARQL protocol request."""
    headers = {"Accept": query.accept}
    if method == "get":
        return server.path + "?" + urllib.parse.urlencode({"query": query.text}), headers, None
    headers["Content-Type"] = "application/sparql-query; charset=utf-8"
    return server.path, headers, query.text.encode("utf-8")


def count_answers(server: Server, query: Query, method: str) -> int:
    """Rows of a SELECT, 1 for an ASK, triples of a CONSTRUCT or DESCRIBE; raises on an HTTP error."""
    path, headers, body = http_request(server, query, method)
    request = urllib.request.Request(server.base + path, data=body, headers=headers, method=method.upper())
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = response.read()
        content_type = response.headers.get("Content-Type", "")
    if query.form == "SELECT":
        return len(json.loads(payload)["results"]["bindings"])
    if query.form == "ASK":
        return 1 if isinstance(json.loads(payload)["boolean"], bool) else 0
    from rdflib import Graph  # the project's dependency; only needed for graph results

    graph = Graph()
    graph.parse(data=payload.decode("utf-8"), format="nt" if "n-triples" in content_type else "turtle")
    return len(graph)


def check_answers(servers: list[Server], queries: list[Query], method: str) -> list[dict[str, Any]]:
    """Count each query's answers once per server; print them, with a warning when they differ."""
    rows = []
    for query in queries:
        counts: dict[str, int | str] = {}
        for server in servers:
            try:
                counts[server.name] = count_answers(server, query, method)
            except (OSError, ValueError, KeyError) as error:
                counts[server.name] = f"error: {error}"[:60]
        values = list(counts.values())
        rows.append({"query": query.name, "form": query.form, **counts, "same": all(v == values[0] for v in values)})
    width = max(len("query"), *(len(q.name) for q in queries))
    print("\nAnswers per query (rows; triples for DESCRIBE/CONSTRUCT), once per server:")
    print(f"  {'query':<{width}}  " + "  ".join(f"{s.name:>10}" for s in servers))
    for row in rows:
        cells = "  ".join(f"{str(row[s.name]):>10}" for s in servers)
        print(f"  {row['query']:<{width}}  {cells}" + ("" if row["same"] else "   <-- DIFFERENT"))
    if len(servers) > 1 and not all(row["same"] for row in rows):
        print("WARNING: the servers do not answer every query alike; their figures are not comparable for those.")
    return rows


def lua_string(text: str) -> str:
    """A Lua string literal for any text: printable ASCII as is, every other byte as \\ddd."""
    out = []
    for byte in text.encode("utf-8"):
        out.append(chr(byte) if 32 <= byte < 127 and byte not in (34, 92) else f"\\{byte:03d}")
    return '"' + "".join(out) + '"'


def write_requests(path: Path, server: Server, queries: list[Query], method: str) -> Path:
    """Write the Lua table of requests that bench/sparql.lua replays."""
    entries = []
    for query in queries:
        request_path, headers, body = http_request(server, query, method)
        header_table = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        body_lua = lua_string(body.decode("utf-8")) if body is not None else "nil"
        entries.append(
            f"  {{ method = {lua_string(method.upper())}, path = {lua_string(request_path)}, "
            f"headers = {{ {header_table} }}, body = {body_lua} }}, -- {query.name}"
        )
    path.write_text("return {\n" + "\n".join(entries) + "\n}\n", encoding="utf-8")
    return path


def run_wrk(wrk: str, server: Server, requests_file: Path, duration: int, uncached: bool) -> dict[str, Any]:
    """One wrk run; with `uncached`, every request's query text is made unique by a trailing comment."""
    nonce = f"{time.time_ns():x}" if uncached else ""
    command = [
        wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "10s",
        "-s", str(LUA_SCRIPT), server.base, "--", str(requests_file), nonce,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    match = re.search(r"^WRK_RESULT (\{.*\})$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or match is None:
        return {"failed": f"wrk exited {result.returncode}: {result.stderr.strip() or result.stdout.strip()}"[:500]}
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw["errors"].values())
    return {
        "rps": raw["requests"] / seconds if seconds else 0.0,
        "p50_ms": raw["latency_us"]["p50"] / 1000,
        "p99_ms": raw["latency_us"]["p99"] / 1000,
        "requests": raw["requests"],
        "errors": errors,
        "wrk": raw,
        "output": result.stdout,
    }


# ---------------------------------------------------------------------------------------------
# Report


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [run for run in runs if "failed" not in run]
    if not ok:
        return {"failed": runs[-1]["failed"] if runs else "no run"}
    return {
        "rps": statistics.median(run["rps"] for run in ok),
        "p50_ms": statistics.median(run["p50_ms"] for run in ok),
        "p99_ms": statistics.median(run["p99_ms"] for run in ok),
        "errors": sum(run["errors"] for run in ok),
        "rounds": len(ok),
    }


def ratios(ours: dict[str, Any], reference: dict[str, Any]) -> dict[str, float] | None:
    if "failed" in ours or "failed" in reference:
        return None
    return {key: ours[key] / reference[key] for key in ("rps", "p50_ms", "p99_ms") if reference[key]}


def print_table(summary: dict[str, dict[str, Any]], names: list[str], rounds: int) -> None:
    width = max(len("workload"), *(len(name) for name in summary))
    print(f"\nMedians over {rounds} round(s), {CONNECTIONS} connections, {THREADS} threads (latency in ms):")
    header = f"  {'workload':<{width}}"
    for name in names:
        header += f" | {name + ' req/s':>15} {'p50':>7} {'p99':>7}"
    if len(names) == 2:
        header += f" | {'ours/oxigraph: req/s':>20} {'p50':>6} {'p99':>6}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for workload, entry in summary.items():
        line = f"  {workload:<{width}}"
        for name in names:
            figures = entry[name]
            if "failed" in figures:
                line += f" | {'failed':>15} {'':>7} {'':>7}"
            else:
                flag = "!" if figures["errors"] else " "
                line += f" | {figures['rps']:>14,.0f}{flag} {figures['p50_ms']:>7.2f} {figures['p99_ms']:>7.2f}"
        if len(names) == 2:
            ratio = entry.get("ratio") or {}
            cells = [f"{ratio[key]:.2f}x" if key in ratio else "-" for key in ("rps", "p50_ms", "p99_ms")]
            line += f" | {cells[0]:>20} {cells[1]:>6} {cells[2]:>6}"
        print(line)
    if any(entry[name].get("errors") for entry in summary.values() for name in names):
        print("  ! some requests failed (non-2xx, socket errors or timeouts): see the JSON file")
    for workload, entry in summary.items():
        for name in names:
            if "failed" in entry[name]:
                print(f"  {workload} on {name} failed: {entry[name]['failed']}")


# ---------------------------------------------------------------------------------------------


@contextmanager
def started_servers(args: argparse.Namespace, oxigraph: Path | None, scratch: Path) -> Iterator[list[Server]]:
    servers: list[Server] = []
    try:
        if args.only in (None, "oxigraph"):
            assert oxigraph is not None
            servers.append(start_oxigraph(oxigraph, scratch, args.reference_dataset))
        if args.only in (None, "ours"):
            reference = servers[0].endpoint if args.over_reference and servers else None
            ours = start_ours(scratch, reference)
            if ours is not None:
                servers.append(ours)
            elif args.only == "ours":
                sys.exit("nothing to benchmark: our server did not start")
        yield servers
    finally:
        for server in servers:
            print(f"stopping {server.name} (pid {server.process.pid})", flush=True)
            stop(server.process)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every workload and server (default 3)")
    parser.add_argument("--only", choices=("ours", "oxigraph"), help="benchmark one server only")
    parser.add_argument("--queries-dir", type=Path, action="append", default=[], help="add every *.rq file of DIR (repeatable)")
    parser.add_argument("--method", choices=("post", "get"), default="post", help="POST application/sparql-query or GET ?query=")
    parser.add_argument("--mix-only", action="store_true", help="run the rotation of all queries only, not each query alone")
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="end every request's query with its own comment, so that answer caches keyed on the query text never hit",
    )
    parser.add_argument(
        "--over-reference",
        action="store_true",
        help="serve ours with --store pointing at the reference Oxigraph server (front end over a remote store)",
    )
    parser.add_argument(
        "--reference-dataset",
        choices=("served", "union-all"),
        default="served",
        help="Oxigraph's default graph: asserted+inferred like ours (default), or the union of all four graphs",
    )
    args = parser.parse_args(argv)
    if args.duration < 1 or args.rounds < 1:
        parser.error("--duration and --rounds must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    queries = list(BUILTIN_QUERIES)
    taken = {query.name for query in queries}
    for directory in args.queries_dir:
        if not directory.is_dir():
            sys.exit(f"--queries-dir {directory}: not a directory")
        added = load_queries_dir(directory, taken)
        print(f"added {len(added)} queries from {directory}: {', '.join(q.name for q in added) or '-'}")
        queries += added

    wrk = ensure_wrk()
    oxigraph = ensure_oxigraph() if args.only in (None, "oxigraph") else None
    ensure_dataset()

    workloads: list[tuple[str, list[Query]]] = [] if args.mix_only else [(q.name, [q]) for q in queries]
    workloads.append(("mix", queries))
    started = datetime.now(UTC)
    scratch = Path(tempfile.mkdtemp(prefix="rally-load-bench-"))
    try:
        with started_servers(args, oxigraph, scratch) as servers:
            names = [server.name for server in servers]
            check = check_answers(servers, queries, args.method)
            runs_per_server = len(workloads) * args.rounds
            print(
                f"\n{len(workloads)} workloads x {len(servers)} server(s) x {args.rounds} round(s) x {args.duration} s"
                f" = about {runs_per_server * len(servers) * args.duration} s of load"
            )
            runs: dict[str, dict[str, list[dict[str, Any]]]] = {w: {n: [] for n in names} for w, _ in workloads}
            files = {
                (workload, server.name): write_requests(scratch / f"{index}-{server.name}.lua", server, chosen, args.method)
                for index, (workload, chosen) in enumerate(workloads)
                for server in servers
            }
            for round_index in range(args.rounds):
                order = servers if round_index % 2 == 0 else list(reversed(servers))
                for workload, _ in workloads:
                    for server in order:
                        result = run_wrk(wrk, server, files[(workload, server.name)], args.duration, args.uncached)
                        result["round"] = round_index + 1
                        runs[workload][server.name].append(result)
                        shown = (
                            f"{result['rps']:,.0f} req/s, p50 {result['p50_ms']:.2f} ms, p99 {result['p99_ms']:.2f} ms"
                            + (f", {result['errors']} errors" if result["errors"] else "")
                            if "failed" not in result
                            else result["failed"]
                        )
                        print(f"  round {round_index + 1} {workload:<20} {server.name:<9} {shown}", flush=True)
            server_info = {s.name: {"endpoint": s.endpoint, **s.info} for s in servers}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    summary: dict[str, dict[str, Any]] = {}
    for workload, per_server in runs.items():
        entry: dict[str, Any] = {name: summarise(per_server[name]) for name in names}
        if len(names) == 2:
            entry["ratio"] = ratios(entry["ours"], entry["oxigraph"])
        summary[workload] = entry
    print_table(summary, names, args.rounds)

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"load-{started.strftime('%Y%m%dT%H%M%SZ')}.json"
    report = {
        "started": started.isoformat(),
        "settings": {
            "duration_s": args.duration,
            "rounds": args.rounds,
            "connections": CONNECTIONS,
            "threads": THREADS,
            "method": args.method,
            "only": args.only,
            "mix_only": args.mix_only,
            "uncached": args.uncached,
            "reference_dataset": args.reference_dataset,
            "wrk": tool_version([wrk, "--version"]),
            "cpus": os.cpu_count(),
            "dataset": str(DATASET),
        },
        "servers": server_info,
        "skipped": [name for name in SERVERS if name not in names and args.only in (None, name)],
        "queries": [{"name": q.name, "source": q.source, "form": q.form, "text": q.text} for q in queries],
        "answer_check": check,
        "summary": summary,
        "runs": runs,
    }
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
