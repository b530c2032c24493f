"""`rally-kg push --to URL`: load a build's four named graphs into a SPARQL 1.1 Graph Store Protocol endpoint.

Each graph is sent as N-Triples: its first part by PUT (so that a second push replaces the graph rather than
doubling it), the rest by POST (which adds), in parts of at most --chunk triples that any server accepts. Then,
when there is a query endpoint to ask (--query, or the Oxigraph server's /query beside its /store), the triples
each graph holds there are counted and compared with what was sent.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from loader.layout import NQUADS, has_build, read_summary
from vocabulary.iris import GRAPHS, Minter

TIMEOUT = 300.0  # seconds one request may take


class PushError(Exception):
    """The server could not be reached, refused the request, or does not speak the protocol; the message says which."""


@dataclass
class Sent:
    """What was sent of one graph."""

    name: str
    iri: str
    triples: int
    parts: int
    seconds: float


def push(args: argparse.Namespace) -> int:
    """Push the build in --data to the Graph Store Protocol endpoint --to; return the exit status."""
    data: Path = args.data
    for option, url in (("--to", args.to), ("--query", args.query)):
        parts = urllib.parse.urlsplit(url or "http://x")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            print(f"rally-kg: error: {option} {url}: expected an http(s) URL (Oxigraph: http://host:7878/store)", file=sys.stderr)
            return 2
    if not has_build(data):
        print(f"rally-kg: error: --data {data}: no build there (run `rally-kg build --out {data}` first)", file=sys.stderr)
        return 2
    headers = {"User-Agent": "rally-kg push"}
    if args.auth:
        user, _, password = args.auth.partition(":")
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    mint = Minter(str(read_summary(data)["base"]))
    sent: list[Sent] = []
    try:
        for name, triples in graph_triples(data / NQUADS, {name: str(mint.graph(name)) for name in GRAPHS}).items():
            sent.append(send_graph(args.to, name, str(mint.graph(name)), triples, args.chunk, headers))
            if not args.quiet:
                last = sent[-1]
                print(
                    f"rally-kg: {name}: {last.triples:,} triples in {last.parts} part(s), {last.seconds:.1f} s", file=sys.stderr
                )
    except PushError as error:
        done = ", ".join(s.name for s in sent) or "none"
        print(f"rally-kg: error: {error} (graphs written before it: {done}; push again to replace them)", file=sys.stderr)
        return 2
    query = args.query or default_query_endpoint(args.to)
    if query is None:
        print("rally-kg: note: no query endpoint to count the graphs on; give --query URL to check them", file=sys.stderr)
        return 0
    try:
        held = {s.name: count(query, s.iri, headers) for s in sent}
    except PushError as error:
        print(f"rally-kg: error: the graphs were sent, but counting them failed: {error}", file=sys.stderr)
        return 2
    wrong = [s for s in sent if held[s.name] != s.triples]
    for s in sent:
        print(f"{s.name:<10} sent {s.triples:>9,}  held {held[s.name]:>9,}  <{s.iri}>")
    if wrong:
        print(
            f"rally-kg: error: the server holds other counts than were sent for {', '.join(s.name for s in wrong)}",
            file=sys.stderr,
        )
        return 1
    return 0


def graph_triples(nquads: Path, graphs: dict[str, str]) -> dict[str, list[ox.Triple]]:
    """Return the triples of each named graph of a build's N-Quads, by the graph's short name."""
    names = {iri: name for name, iri in graphs.items()}
    found: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        name = names.get(getattr(quad.graph_name, "value", ""))
        if name is not None:
            found[name].append(quad.triple)
    return {name: found.get(name, []) for name in graphs}


def send_graph(store: str, name: str, iri: str, triples: list[ox.Triple], chunk: int, headers: dict[str, str]) -> Sent:
    """Send one graph: PUT its first part, POST the others; raise PushError when the server does not take them."""
    started = time.perf_counter()
    url = f"{store}{'&' if '?' in store else '?'}{urllib.parse.urlencode({'graph': iri})}"
    parts = [triples[i : i + chunk] for i in range(0, len(triples), chunk)] or [[]]
    for index, part in enumerate(parts):
        body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b""
        _request(url, "PUT" if index == 0 else "POST", body, {**headers, "Content-Type": "application/n-triples"})
    return Sent(name, iri, len(triples), len(parts), time.perf_counter() - started)


def count(query: str, iri: str, headers: dict[str, str]) -> int:
    """Return the number of triples a graph holds on a SPARQL query endpoint."""
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    body = urllib.parse.urlencode({"query": text}).encode()
    answer = _request(
        query,
        "POST",
        body,
        {**headers, "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
    )
    try:
        return int(json.loads(answer)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError) as error:
        raise PushError(f"{query} did not answer a count as SPARQL JSON results ({error})") from None


def default_query_endpoint(store: str) -> str | None:
    """Return the query endpoint beside a graph store: an Oxigraph server's /query for its /store, else None."""
    parts = urllib.parse.urlsplit(store)
    if parts.path.endswith("/store"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("store")] + "query", query=""))
    return None


def _request(url: str, method: str, body: bytes, headers: dict[str, str]) -> bytes:
    try:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
        said = f": {detail[0]}" if detail else ""
        if error.code in (401, 403):
            raise PushError(f"{url}: the server refused the credentials (HTTP {error.code}); give --auth USER:PASSWORD") from None
        if error.code in (404, 405, 406, 415, 501):
            raise PushError(
                f"{url}: HTTP {error.code} to {method}{said}; is it a SPARQL 1.1 Graph Store Protocol endpoint "
                "(Oxigraph: http://host:7878/store)?"
            ) from None
        raise PushError(f"{url}: HTTP {error.code} to {method}{said}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise PushError(f"cannot reach {url}: {reason}") from None
