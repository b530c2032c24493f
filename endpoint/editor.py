"""The query editor's runs: a user's query goes through the SPARQL protocol's own checks and killable executor.

The editor asks `endpoint.sparql` for the answer as SPARQL JSON (SELECT, ASK) or JSON-LD (CONSTRUCT,
DESCRIBE) and turns it into a table; a refused or malformed query comes back with its message and,
for a syntax error, the line and column it points at.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from endpoint import sparql
from endpoint.display import XSD, TermView, curie, literal_text, page_href
from endpoint.errors import ProtocolError
from endpoint.results import json_term
from endpoint.syntax import declared
from loader.namespaces import PREFIXES

SHOWN_ROWS = 1000
RESULT_DOWNLOADS = ("json", "xml", "csv", "tsv")
GRAPH_DOWNLOADS = ("ttl", "nt", "jsonld", "rdf", "trig", "nq")
_POSITION = re.compile(r"\bat (\d+):(\d+)")
XSD_STRING = XSD + "string"
READABLE = (XSD + "duration",)  # shown as h:mm:ss, the lexical form in the hint


@dataclass
class Outcome:
    """What the editor shows after a run: a table, a boolean, or an error with its position."""

    kind: str = ""  # "select", "ask", "graph", or "" when there was an error
    columns: list[str] = field(default_factory=list)
    rows: list[list[TermView | None]] = field(default_factory=list)
    boolean: bool | None = None
    total: int = 0
    truncated: bool = False
    status: int = 200
    error: str = ""
    line: int | None = None
    column: int | None = None
    downloads: list[tuple[str, str]] = field(default_factory=list)


def downloads(query: str, kind: str, default_graphs: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Return (format, URL on /sparql) for every format a query's answer can be downloaded in."""
    names = GRAPH_DOWNLOADS if kind == "graph" else RESULT_DOWNLOADS
    graphs = [("default-graph-uri", graph) for graph in default_graphs]
    whole = declared(query)  # /sparql knows no prefix a query does not declare
    return [(name, "/sparql?" + urlencode([("query", whole), *graphs, ("format", name)])) for name in names]


def run(base: str) -> Outcome | None:
    """Return the outcome of the query in the current request, None when there is none to run."""
    try:
        parsed = sparql.parse_request()
        if parsed is None:
            return None
        response = sparql.answer_query(dataclasses.replace(parsed, format="json", prefixes=tuple(PREFIXES.items())))
    except ProtocolError as error:
        return _failed(error)
    outcome = table(response.get_data(), response.mimetype or "", base)
    outcome.total = int(response.headers.get("X-Result-Rows", "0"))
    outcome.truncated = response.headers.get("X-Result-Truncated") == "true"
    outcome.downloads = downloads(parsed.query, outcome.kind, parsed.default_graphs)
    return outcome


def table(body: bytes, mimetype: str, base: str) -> Outcome:
    """Return an answer as a table: SPARQL JSON results (SELECT, ASK) or JSON-LD triples (CONSTRUCT, DESCRIBE)."""
    if mimetype == "application/ld+json":
        return _graph(body, base)
    return _results(json.loads(body or b"{}"), base)


def _failed(error: ProtocolError) -> Outcome:
    outcome = Outcome(status=error.status, error=error.message)
    found = _POSITION.search(error.message)
    if found:
        outcome.line, outcome.column = int(found.group(1)), int(found.group(2))
    return outcome


def _cell(term: dict[str, Any], base: str) -> TermView:
    value = str(term.get("value", ""))
    if term.get("type") == "uri":
        href = page_href(value, base) or value
        return TermView(
            curie(value) if href == value else value.removeprefix(base),
            href,
            value,
            "local" if href != value else "external",
            value,
        )
    if term.get("type") == "bnode":
        return TermView(f"_:{value}", None, "blank node", "blank")
    datatype = str(term.get("datatype", XSD_STRING))
    if "xml:lang" in term:
        return TermView(value, None, f"@{term['xml:lang']}", "literal")
    shown = literal_text(ox.Literal(value, datatype=ox.NamedNode(datatype))) if datatype in READABLE else value
    return TermView(shown, None, curie(datatype) + (f": {value}" if shown != value else ""), "literal")


def _results(document: dict[str, Any], base: str) -> Outcome:
    if "boolean" in document:
        return Outcome(kind="ask", boolean=bool(document["boolean"]))
    columns = [str(v) for v in document.get("head", {}).get("vars", [])]
    bindings = document.get("results", {}).get("bindings", [])[:SHOWN_ROWS]
    rows = [[_cell(b[c], base) if c in b else None for c in columns] for b in bindings]
    return Outcome(kind="select", columns=columns, rows=rows)


def _graph(body: bytes, base: str) -> Outcome:
    rows: list[list[TermView | None]] = []
    for quad in ox.parse(body, format=ox.RdfFormat.JSON_LD):
        if len(rows) >= SHOWN_ROWS:
            break
        rows.append([_cell(json_term(term), base) for term in (quad.subject, quad.predicate, quad.object)])
    return Outcome(kind="graph", columns=["subject", "predicate", "object"], rows=rows)
