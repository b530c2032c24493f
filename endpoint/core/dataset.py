"""The served dataset: the store a build wrote, opened read-only by each process that queries it, with its graphs' IRIs."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from endpoint.core.answers import StoreGraphs
from endpoint.core.remote import RemoteStore
from loader.layout import NQUADS, SHAPES, STORE, has_store, read_summary, sha256
from vocabulary.iris import DEFAULT_GRAPH, GRAPHS, Minter


class StoreOpener:
    """The dataset's store as this process sees it.

    A build's store is opened read-only, once per process, when first asked for: every gunicorn worker (and every
    child that runs queries) opens its own handle on the same files, none is inherited across a fork, and opening
    takes milliseconds whatever the size. A store given in memory (a dataset without a store folder, a test's) is
    shared as it is.
    """

    def __init__(self, path: Path | None = None, memory: ox.Store | None = None, remote: RemoteStore | None = None) -> None:
        if sum(given is not None for given in (path, memory, remote)) != 1:
            raise ValueError("a store opener takes a store folder, a store in memory or a remote store")
        self.path = path
        self._memory: ox.Store | RemoteStore | None = memory if memory is not None else remote
        self.remote = remote is not None
        self._store: ox.Store | None = None
        self._pid = 0
        self._inherited: list[ox.Store] = []  # a parent's handles: kept, never closed in a child
        self._lock = threading.Lock()

    def store(self) -> Any:
        """Return the store (an ox.Store, or a RemoteStore that answers the same calls), opening a build's read-only
        when this process has not yet."""
        if self._memory is not None:
            return self._memory
        pid = os.getpid()
        store = self._store
        if store is not None and self._pid == pid:
            return store
        with self._lock:
            if self._store is None or self._pid != pid:
                if self._store is not None:
                    self._inherited.append(self._store)
                self._store = ox.Store.read_only(str(self.path))
                self._pid = pid
            return self._store

    def release(self) -> None:
        """Close this process's handle (before forking workers that open their own); the next query opens it again."""
        with self._lock:
            if self._pid == os.getpid():
                self._store = None


@dataclass
class ServedDataset:
    """A built dataset as served: store, base IRI, graph IRIs, content tag, counts, the build's summary."""

    opener: StoreOpener  # its store is read by the executor only: every other reader asks the service for an answer
    base: str
    etag: str
    graphs: dict[str, str]  # short name (vocabulary.iris.GRAPHS) -> graph IRI
    triples: dict[str, int]
    summary: dict[str, Any] = field(default_factory=dict)
    materialised: bool = False  # the store's own default graph holds the served default graph (asserted + inferred)
    shapes: str = ""  # the SHACL shapes (Turtle) the build was checked against ("" for a build made before them)

    @property
    def store(self) -> Any:
        """Return the store (this process's handle)."""
        return self.opener.store()

    @property
    def mint(self) -> Minter:
        """Return the IRI scheme of the dataset's base."""
        return Minter(self.base)

    @property
    def store_graphs(self) -> StoreGraphs:
        """Return the graphs a query runs over unless it names its own."""
        return StoreGraphs(tuple(self.graphs[name] for name in DEFAULT_GRAPH), tuple(self.graphs.values()), self.materialised)

    @property
    def default_graphs(self) -> list[ox.NamedNode]:
        """Return the graphs that make the default graph: asserted and inferred data."""
        return [ox.NamedNode(self.graphs[name]) for name in DEFAULT_GRAPH]

    def is_local_graph(self, iri: str) -> bool:
        """Return whether an IRI names one of the dataset's graphs."""
        return iri in self.graphs.values()


def open_dataset(directory: Path, store_url: str | None = None) -> ServedDataset:
    """Return the dataset built in `directory` (by `rally-kg build`): its store opened read-only, or, for a build
    without one, its N-Quads loaded into memory; with `store_url`, the SPARQL endpoint it was pushed to instead (the
    build's summary still says what it holds)."""
    summary = read_summary(directory)
    mint = Minter(str(summary["base"]))
    graphs = {name: str(mint.graph(name)) for name in GRAPHS}
    triples = {name: int(summary["triples"][name]) for name in GRAPHS}
    digest = str(summary.get("dataset_sha256") or sha256(directory / NQUADS))
    shapes_file = directory / SHAPES
    shapes = shapes_file.read_text(encoding="utf-8") if shapes_file.is_file() else ""
    if store_url:
        remote = StoreOpener(remote=RemoteStore(store_url))
        return ServedDataset(remote, mint.base, digest[:20], graphs, triples, summary, materialised=False, shapes=shapes)
    if has_store(directory):
        opener = StoreOpener(path=directory / STORE)
    else:
        opener = StoreOpener(memory=_memory_store(directory / NQUADS, [graphs[name] for name in DEFAULT_GRAPH]))
    return ServedDataset(opener, mint.base, digest[:20], graphs, triples, summary, materialised=True, shapes=shapes)


def _memory_store(data: Path, default: list[str]) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.update("".join(f"ADD <{graph}> TO DEFAULT ;\n" for graph in default))
    return store
