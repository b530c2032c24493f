"""The served dataset: the built N-Quads loaded once into an in-memory Oxigraph store, with its graphs' IRIs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from loader.layout import NQUADS, read_summary
from vocabulary.iris import DEFAULT_GRAPH, GRAPHS, Minter


@dataclass
class ServedDataset:
    """A built dataset as served: store, base IRI, graph IRIs, content tag, counts, the build's summary."""

    store: ox.Store  # read by the executor only: every other reader asks the service for an answer
    base: str
    etag: str
    graphs: dict[str, str]  # short name (vocabulary.iris.GRAPHS) -> graph IRI
    triples: dict[str, int]
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def mint(self) -> Minter:
        """Return the IRI scheme of the dataset's base."""
        return Minter(self.base)

    @property
    def default_graphs(self) -> list[ox.NamedNode]:
        """Return the graphs that make the default graph: asserted and inferred data."""
        return [ox.NamedNode(self.graphs[name]) for name in DEFAULT_GRAPH]

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
    summary = read_summary(directory)
    digest = hashlib.sha256()
    with data.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    store = ox.Store()
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    mint = Minter(str(summary["base"]))
    graphs = {name: str(mint.graph(name)) for name in GRAPHS}
    triples = {name: int(summary["triples"][name]) for name in GRAPHS}
    return ServedDataset(store, mint.base, digest.hexdigest()[:20], graphs, triples, summary)
