"""The queries the pages run themselves: fixed SPARQL text, values bound (never pasted), on the served store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import pyoxigraph as ox

from endpoint.dataset import ServedDataset
from loader.namespaces import PREFIXES

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row: TypeAlias = dict[str, Term]

RALLY = "https://w3id.org/rally-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DATA_GRAPHS = ("asserted", "inferred", "metadata")  # what a resource's description is made of


def prologue() -> str:
    """Return the PREFIX lines every page query starts with (shown with the query on the pages)."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def graph_names(dataset: ServedDataset, names: Iterable[str]) -> list[ox.NamedNode]:
    """Return the IRIs of some of the dataset's graphs, by short name."""
    return [ox.NamedNode(dataset.graphs[name]) for name in names]


def select(
    dataset: ServedDataset,
    query: str,
    default: Iterable[str] = ("asserted", "inferred"),
    named: Iterable[str] = DATA_GRAPHS,
    **bindings: Term,
) -> list[Row]:
    """Return the rows of a SELECT over the given default and named graphs, values bound.

    A bound variable must be projected by the query (pyoxigraph's rule for substitutions).
    """
    results = dataset.store.query(
        query,
        prefixes=PREFIXES,
        default_graph=graph_names(dataset, default),  # type: ignore[arg-type]
        named_graphs=graph_names(dataset, named),  # type: ignore[arg-type]
        substitutions={ox.Variable(name): value for name, value in bindings.items()},
    )
    if not isinstance(results, ox.QuerySolutions):
        raise TypeError("select() runs SELECT queries only")
    variables = [variable.value for variable in results.variables]
    rows: list[Row] = []
    for solution in results:
        row: Row = {}
        for name in variables:
            value = solution[name]
            if value is not None:
                row[name] = value
        rows.append(row)
    return rows


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
