"""The lookups the service makes itself (pages, linked data, parameter values): fixed SPARQL text, values bound
(never pasted), answered through the service like any query, under the request's deadline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import pyoxigraph as ox

from endpoint.core.answers import Job
from endpoint.core.service import Session
from vocabulary.iris import DEFAULT_GRAPH
from vocabulary.namespaces import PREFIX_ITEMS, PREFIXES

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row: TypeAlias = dict[str, Term]

DATA_GRAPHS = ("asserted", "inferred", "metadata")  # what a resource's description is made of
ALL = 2**62  # rows: a lookup is never cut (its queries are fixed and bounded by the data)


def prologue() -> str:
    """Return the PREFIX lines every page query starts with (shown with the query on the pages)."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def select(
    session: Session,
    query: str,
    default: Iterable[str] = DEFAULT_GRAPH,
    named: Iterable[str] = DATA_GRAPHS,
    **bindings: Term,
) -> list[Row]:
    """Return the rows of a SELECT over the given default and named graphs (by short name), values bound.

    A bound variable must be projected by the query (pyoxigraph's rule for substitutions).
    """
    graphs = session.dataset.graphs
    job = Job(
        query,
        default_graph=tuple(graphs[name] for name in default),
        named_graphs=tuple(graphs[name] for name in named),
        max_rows=ALL,
        substitutions=tuple((name, str(value)) for name, value in bindings.items()),
        prefixes=PREFIX_ITEMS,
        table_rows=ALL,
    )
    answer = session.answer(job)
    if answer.kind != "select":
        raise TypeError("select() runs SELECT queries only")
    return [{name: value for name, value in zip(answer.columns, row) if value is not None} for row in answer.table]


def ask(session: Session, query: str, default: Iterable[str] = DEFAULT_GRAPH, **bindings: Term) -> bool:
    """Return the answer of an ASK over the given default graph (by short name), values bound."""
    graphs = session.dataset.graphs
    job = Job(
        query,
        default_graph=tuple(graphs[name] for name in default),
        substitutions=tuple((name, str(value)) for name, value in bindings.items()),
        prefixes=PREFIX_ITEMS,
    )
    return bool(session.answer(job).boolean)


def graph_document(session: Session, graphs: Iterable[str], serialiser: str) -> bytes:
    """Return the triples of some of the dataset's graphs (by IRI), together, in an RDF format."""
    job = Job("CONSTRUCT WHERE { ?s ?p ?o }", default_graph=tuple(graphs), graph_format=serialiser, max_rows=ALL)
    return session.answer(job).body


def text(row: Row, name: str, default: str = "") -> str:
    """Return the lexical value of a binding, or a default when unbound."""
    value = row.get(name)
    return default if value is None or isinstance(value, ox.Triple) else value.value


def number(row: Row, name: str) -> int | None:
    """Return an integer binding, None when unbound or not a number."""
    value = row.get(name)
    if not isinstance(value, ox.Literal):
        return None
    try:
        return int(float(value.value))
    except (ValueError, OverflowError):  # not a number, or one no float holds
        return None


LABELS_OF = """\
SELECT ?item ?label WHERE {
  VALUES ?item { %s }
  { ?item rdfs:label ?label } UNION { GRAPH ?metadata { ?item rdfs:label ?label } }
}"""
MAX_LABELLED = 500  # IRIs labelled at once (a table shows at most some hundreds of rows)


def labels(session: Session, iris: Iterable[str]) -> dict[str, str]:
    """Return the labels of some IRIs (those without one left out), from the data and the metadata graph."""
    wanted = sorted(set(iris))[:MAX_LABELLED]
    if not wanted:
        return {}
    values = " ".join(str(ox.NamedNode(iri)) for iri in wanted)
    found: dict[str, str] = {}
    for row in select(session, LABELS_OF % values, named=("metadata",)):
        found.setdefault(text(row, "item"), text(row, "label"))
    return found
