"""`rally-kg push --to URL`: load a build's four named graphs into a SPARQL 1.1 Graph Store Protocol endpoint.

Each graph is sent as N-Triples: its first part by PUT (so that a second push replaces the graph rather than
doubling it), the rest by POST (which adds), in parts of at most --chunk triples that any server accepts. Blank
nodes name a node only within one request, so every triple with a blank node goes in the first part. Credentials
(--auth) are answered in whichever scheme the server asks for, Basic or Digest (Virtuoso's graph store wants
Digest). Then, when there is a query endpoint to ask (--query, or the one beside the graph store: Oxigraph's
/query, Virtuoso's /sparql, Fuseki's /query), the triples each graph holds there are counted and compared with
what was sent.
"""

from __future__ import annotations

import argparse
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
MIN_CHUNK = 1000  # triples: the smallest part sent


class PushError(Exception):
    """The server could not be reached, refused the request, or does not speak the protocol; the message says which."""


class TooLarge(PushError):
    """The server cut the connection while a part was sent, or answered 413: the part was more than it takes."""


@dataclass
class Sent:
    """What was sent of one graph."""

    name: str
    iri: str
    triples: int
    parts: int
    seconds: float
    chunk: int  # the triples a part held in the end (smaller than --chunk when the server took no more)


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
    client = Client(opener(args.to, args.query, args.auth))
    mint = Minter(str(read_summary(data)["base"]))
    sent: list[Sent] = []
    chunk: int = args.chunk
    try:
        for name, triples in graph_triples(data / NQUADS, {name: str(mint.graph(name)) for name in GRAPHS}).items():
            sent.append(send_graph(client, args.to, name, str(mint.graph(name)), triples, chunk))
            chunk = sent[-1].chunk
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
        held = {s.name: count(client, query, s.iri) for s in sent}
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


def send_graph(client: Client, store: str, name: str, iri: str, triples: list[ox.Triple], chunk: int) -> Sent:
    """Send one graph: PUT its first part, POST the others; raise PushError when the server does not take them.

    A server that cuts the connection on a part (Virtuoso, past some 10 MB) or answers 413 is sent the whole graph
    again in parts half as large (the first PUT replaces what went before), down to MIN_CHUNK triples.
    """
    started = time.perf_counter()
    url = f"{store}{'&' if '?' in store else '?'}{urllib.parse.urlencode({'graph': iri})}"
    while True:
        parts = split(triples, chunk)
        try:
            for index, part in enumerate(parts):
                body = ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) or b""
                client.request(url, "PUT" if index == 0 else "POST", body, {"Content-Type": "application/n-triples"})
            return Sent(name, iri, len(triples), len(parts), time.perf_counter() - started, chunk)
        except TooLarge as error:
            if chunk <= MIN_CHUNK:
                raise PushError(f"{error} (even with parts of {chunk:,} triples)") from None
            chunk = max(MIN_CHUNK, chunk // 2)
            print(
                f"rally-kg: note: {name}: the server took no part that large; sending parts of {chunk:,} triples", file=sys.stderr
            )


def split(triples: list[ox.Triple], chunk: int) -> list[list[ox.Triple]]:
    """Return a graph's triples in parts of `chunk`, every triple with a blank node in the first (however many)."""
    blank = [t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]
    rest = [t for t in triples if not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))]
    first = blank + rest[: max(0, chunk - len(blank))]
    rest = rest[len(first) - len(blank) :]
    return [first] + [rest[i : i + chunk] for i in range(0, len(rest), chunk)]


def opener(store: str, query: str | None, auth: str | None) -> urllib.request.OpenerDirector:
    """Return the opener that sends requests, answering a server's Basic or Digest challenge with --auth."""
    if not auth:
        return urllib.request.build_opener()
    user, _, password = auth.partition(":")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in (store, query):
        if url:
            passwords.add_password(None, url, user, password)
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)
    )


def count(client: Client, query: str, iri: str) -> int:
    """Return the number of triples a graph holds on a SPARQL query endpoint."""
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    body = urllib.parse.urlencode({"query": text}).encode()
    answer = client.request(
        query, "POST", body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    )
    try:
        return int(json.loads(answer)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError) as error:
        raise PushError(f"{query} did not answer a count as SPARQL JSON results ({error})") from None


def default_query_endpoint(store: str) -> str | None:
    """Return the query endpoint beside a graph store (Oxigraph's /store: /query; Virtuoso's /sparql-graph-crud[-auth]:
    /sparql; Fuseki's /DATASET/data: /DATASET/query), else None.

    >>> default_query_endpoint("http://h:8890/sparql-graph-crud-auth")
    'http://h:8890/sparql'
    """
    parts = urllib.parse.urlsplit(store)
    path = parts.path.rstrip("/")
    for ending, query in (("/store", "/query"), ("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql")):
        if path.endswith(ending):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(ending)] + query, query=""))
    if path.endswith("/data") and path.count("/") >= 2:
        return urllib.parse.urlunsplit(parts._replace(path=path[: -len("/data")] + "/query", query=""))
    return None


@dataclass
class Client:
    """Sends push's requests: its User-Agent, and an opener that answers the server's challenges with --auth."""

    opener: urllib.request.OpenerDirector

    def request(self, url: str, method: str, body: bytes, headers: dict[str, str]) -> bytes:
        """Return the body of the answer to a request; raise PushError, saying what went wrong, when there is none."""
        request = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": "rally-kg push", **headers})
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as error:
            detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
            said = f": {detail[0]}" if detail else ""
            if error.code in (401, 403):
                raise PushError(
                    f"{url}: the server refused the credentials (HTTP {error.code}); give --auth USER:PASSWORD"
                ) from None
            if error.code in (404, 405, 406, 415, 501):
                raise PushError(
                    f"{url}: HTTP {error.code} to {method}{said}; is it a SPARQL 1.1 Graph Store Protocol endpoint "
                    "(Oxigraph: http://host:7878/store)?"
                ) from None
            if error.code == 413:
                raise TooLarge(f"{url}: HTTP 413 to {method}: {len(body):,} bytes are more than the server takes") from None
            raise PushError(f"{url}: HTTP {error.code} to {method}{said}") from None
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)  # urllib wraps what happens while sending; not while reading
            if isinstance(reason, ConnectionResetError | BrokenPipeError):
                raise TooLarge(f"{url}: the server cut the connection while {len(body):,} bytes were sent ({reason})") from None
            raise PushError(f"cannot reach {url}: {reason}") from None
