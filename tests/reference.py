"""rdflib's answers over a build, the reference the endpoint's engine (Oxigraph) must agree with.

The dataset holds the build's N-Quads; its default graph is the union of the asserted and inferred
graphs, as the endpoint's is. Queries without GRAPH run on a plain Graph of those triples (same
answers, much faster in rdflib).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from loader.pipeline import DEFAULT_BASE

Row = tuple[Identifier | None, ...]


@dataclass(frozen=True)
class Reference:
    """rdflib's side: the dataset, and one graph of the default graph's triples for queries without GRAPH."""

    dataset: Dataset
    default: Graph

    @classmethod
    def of(cls, built: Path, base: str = DEFAULT_BASE) -> Reference:
        """Return the reference over a build (what `rally-kg build` wrote)."""
        dataset = Dataset()
        dataset.parse(data=(built / "dataset.nq").read_bytes(), format="nquads")
        default = Graph()
        for name in ("asserted", "inferred"):
            for triple in dataset.graph(URIRef(f"{base}graph/{name}")):
                default.add(triple)
        for triple in default:
            dataset.default_graph.add(triple)
        return cls(dataset, default)

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> Result:
        """Return rdflib's answer, with these values bound to variables."""
        source = self.dataset if "GRAPH" in text else self.default
        return source.query(text, initBindings=dict(bindings or {}))


def rows(result: Result, names: list[str]) -> list[Row]:
    """Return a result's rows as tuples of terms in the order of `names` (None: unbound)."""
    found = []
    for binding in result.bindings:
        by_name = {str(name): term for name, term in binding.items()}
        found.append(tuple(by_name.get(name) for name in names))
    return found
