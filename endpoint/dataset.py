"""The served dataset: the built N-Quads loaded once into an in-memory Oxigraph store."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loader.store import NQUADS, SUMMARY

GRAPH_NAMES = ("asserted", "inferred", "ontology", "metadata")


@dataclass
class ServedDataset:
    """A built dataset as served: store, graph IRIs, content tag, counts."""

    store: ox.Store
    base: str
    etag: str
    graphs: dict[str, str]  # short name -> graph IRI
    triples: dict[str, int]
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def default_graphs(self) -> list[ox.NamedNode]:
        """Return the graphs that make the default graph: asserted and inferred data."""
        return [ox.NamedNode(self.graphs["asserted"]), ox.NamedNode(self.graphs["inferred"])]

    @property
    def named_graphs(self) -> list[ox.NamedNode]:
        """Return every named graph of the dataset."""
        return [ox.NamedNode(iri) for iri in self.graphs.values()]

    def is_local_graph(self, iri: str) -> bool:
        """Return whether an IRI names one of the dataset's graphs."""
        return iri in self.graphs.values()


def open_dataset(directory: Path) -> ServedDataset:
    """Return the dataset built in `directory` (by `rally-kg build`), loaded into memory."""
    data = directory / NQUADS
    summary = json.loads((directory / SUMMARY).read_text(encoding="utf-8"))
    digest = hashlib.sha256()
    with data.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    store = ox.Store()
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    base = str(summary["base"])
    graphs = {name: f"{base}graph/{name}" for name in GRAPH_NAMES}
    triples = {name: int(summary["triples"][name]) for name in GRAPH_NAMES}
    return ServedDataset(store, base, digest.hexdigest()[:20], graphs, triples, summary)
