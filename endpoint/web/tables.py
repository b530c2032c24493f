"""An answer as the pages show it: a table of terms (SELECT, or the triples of a graph), a boolean, or an error with
its position; the links to download it. The editor and the saved-query pages build it from the core's Answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib.namespace import XSD

from endpoint.core.answers import Answer
from endpoint.core.syntax import declared
from endpoint.web.display import TermView, curie, literal_text, page_href

SHOWN_ROWS = 1000
RESULT_DOWNLOADS = ("json", "xml", "csv", "tsv")
GRAPH_DOWNLOADS = ("ttl", "nt", "jsonld", "rdf", "trig", "nq")
READABLE = (str(XSD.duration), str(XSD.boolean))  # shown as h:mm:ss and yes or no, the lexical form in the hint
_POSITION = re.compile(r"\bat (\d+):(\d+)")


@dataclass
class Outcome:
    """What a page shows after a run: a table, a boolean, or an error with its position."""

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


def outcome(answer: Answer, base: str, labelled: Callable[[Iterable[str]], dict[str, str]] | None = None) -> Outcome:
    """Return an answer as a table (its first SHOWN_ROWS rows), or as a boolean for an ASK.

    With `labelled` (IRIs to their labels), the dataset's resources are shown by their labels, their paths in the
    hint, in every column but one whose label is a column of its own (?edition beside ?editionLabel: that column
    is the IRI).
    """
    if answer.kind == "ask":
        return Outcome(kind="ask", boolean=answer.boolean, total=1)
    shown = answer.table[:SHOWN_ROWS]
    named = [f"{column}Label" not in answer.columns for column in answer.columns]
    names: dict[str, str] = {}
    if labelled is not None:
        names = labelled(
            term.value
            for row in shown
            for term, wanted in zip(row, named)
            if wanted and isinstance(term, ox.NamedNode) and term.value.startswith(base)
        )
    rows = [
        [cell(term, base, names if wanted else None) if term is not None else None for term, wanted in zip(row, named)]
        for row in shown
    ]
    return Outcome(kind=answer.kind, columns=list(answer.columns), rows=rows, total=answer.rows, truncated=answer.truncated)


def failed(status: int, message: str) -> Outcome:
    """Return an error to show, with the line and column it points at when it names them."""
    found = _POSITION.search(message)
    shown = Outcome(status=status, error=message)
    if found:
        shown.line, shown.column = int(found.group(1)), int(found.group(2))
    return shown


def downloads(query: str, kind: str, default_graphs: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Return (format, URL on /sparql) for every format a query's answer can be downloaded in."""
    names = GRAPH_DOWNLOADS if kind == "graph" else RESULT_DOWNLOADS
    graphs = [("default-graph-uri", graph) for graph in default_graphs]
    whole = declared(query)  # /sparql knows no prefix a query does not declare
    return [(name, "/sparql?" + urlencode([("query", whole), *graphs, ("format", name)])) for name in names]


def cell(term: Any, base: str, names: dict[str, str] | None = None) -> TermView:
    """Return how a table shows a term: IRIs of the dataset by their label (from `names`) or else their path,
    linking to their pages; others compact."""
    if isinstance(term, ox.NamedNode):
        value = term.value
        href = page_href(value, base) or value
        shown = value.removeprefix(base) if value.startswith(base) else curie(value)
        label = (names or {}).get(value)
        hint = f"{shown}: {value}" if label else value
        return TermView(label or shown, href, hint, "local" if href != value else "external", value)
    if isinstance(term, ox.BlankNode):
        return TermView(f"_:{term.value}", None, "blank node", "blank")
    if isinstance(term, ox.Literal):
        if term.language:
            return TermView(term.value, None, f"@{term.language}", "literal")
        datatype = term.datatype.value
        shown = literal_text(term) if datatype in READABLE else term.value
        return TermView(shown, None, curie(datatype) + (f": {term.value}" if shown != term.value else ""), "literal")
    return TermView(str(term), None, "triple", "literal")
