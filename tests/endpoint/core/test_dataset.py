"""A build is served from the store it wrote, opened read-only; the default graph is the union, whichever way it is asked."""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

from endpoint.core.dataset import StoreOpener, open_dataset
from tests.servers import app_on

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def count(root: str, query: str, *graphs: str) -> int:
    params = [("query", query), *(("default-graph-uri", g) for g in graphs)]
    request = urllib.request.Request(
        root + "/sparql?" + urllib.parse.urlencode(params), headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_the_build_writes_a_store_that_serving_never_changes(built: Path, server: str) -> None:
    before = files(built / "store")
    summary = json.loads((built / "build.json").read_text(encoding="utf-8"))
    assert count(server, COUNT) == summary["triples"]["asserted"] + summary["triples"]["inferred"]
    assert files(built / "store") == before


def test_the_default_graph_is_asserted_and_inferred_whether_named_or_not(built: Path, server: str) -> None:
    summary = json.loads((built / "build.json").read_text(encoding="utf-8"))
    graph = summary["base"] + "graph/{}"
    asserted, inferred = graph.format("asserted"), graph.format("inferred")
    assert count(server, COUNT, asserted, inferred) == count(server, COUNT)
    assert count(server, COUNT, asserted) == summary["triples"]["asserted"]
    assert count(server, COUNT, graph.format("ontology")) == summary["triples"]["ontology"]


def test_a_build_without_a_store_is_served_from_its_nquads(built: Path, tmp_path: Path) -> None:
    old = tmp_path / "old-build"
    shutil.copytree(built, old, ignore=shutil.ignore_patterns("store"))
    with app_on(built) as app, app_on(old) as older:
        new_reply = app.test_client().get("/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"})
        old_reply = older.test_client().get("/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"})
    assert old_reply.status_code == 200
    assert old_reply.get_data() == new_reply.get_data()


def test_a_process_forked_after_opening_opens_its_own_handle(built: Path) -> None:
    dataset = open_dataset(built)
    parent = dataset.store
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        store = dataset.store
        os.write(write, b"own" if store is not parent and len(store) == len(parent) else b"shared")
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    assert os.read(read, 10) == b"own"
    assert dataset.store is parent


def test_a_released_store_is_opened_again_when_next_asked_for(built: Path) -> None:
    opener = StoreOpener(path=built / "store")
    first = opener.store()
    opener.release()
    assert opener.store() is not first
    assert len(opener.store()) == len(first)


def test_a_store_in_memory_is_shared_as_it_is() -> None:
    memory = ox.Store()
    assert StoreOpener(memory=memory).store() is memory
