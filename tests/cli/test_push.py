"""`rally-kg push --to URL` loads a build's four graphs into a real Oxigraph server (the `oxigraph` package's own
server, started on a loopback port) and a real Virtuoso (its Digest-protected graph store): the counts each holds
are the build's, a second push replaces rather than doubles, and a server that is not there, not a graph store or
refusing the credentials is a one-line error."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.corpus import write_corpus
from cli.push import split
from tests.conftest import run_cli
from tests.servers import free_port, oxigraph_server, virtuoso_server

BASE = "http://127.0.0.1:5000/id/"


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server (read-write, on disk) on a free loopback port; yields its root URL."""
    with oxigraph_server(tmp_path / "store", tmp_path / "oxigraph.log") as root:
        yield root


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso Open Source (a new database) on free loopback ports; yields its root URL."""
    scratch = tmp_path_factory.mktemp("virtuoso")
    with virtuoso_server(scratch / "db", scratch / "virtuoso.log") as root:
        yield root


def held(root: str, graph: str, path: str = "/query") -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        root + path + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_the_four_graphs_arrive_whole_and_are_counted(built: Path, oxigraph: str) -> None:
    summary = json.loads((built / "build.json").read_text(encoding="utf-8"))
    process = run_cli("push", "--to", oxigraph + "/store", "--data", built, "--quiet")
    assert process.returncode == 0, process.stderr
    for name in ("asserted", "inferred", "ontology", "metadata"):
        assert held(oxigraph, BASE + f"graph/{name}") == summary["triples"][name]
        assert f"{summary['triples'][name]:,}" in process.stdout


def test_a_second_push_replaces_the_graphs_and_parts_add_up(built: Path, oxigraph: str) -> None:
    summary = json.loads((built / "build.json").read_text(encoding="utf-8"))
    assert run_cli("push", "--to", oxigraph + "/store", "--data", built, "--quiet").returncode == 0
    again = run_cli("push", "--to", oxigraph + "/store", "--data", built, "--chunk", "1000")
    assert again.returncode == 0, again.stderr
    assert "asserted: 5,592 triples in 6 part(s)" in again.stderr  # 5,592 asserted triples, a thousand a request
    assert held(oxigraph, BASE + "graph/asserted") == summary["triples"]["asserted"] == 5592


def test_the_dataset_served_by_oxigraph_answers_as_the_article_says(built: Path, oxigraph: str) -> None:
    assert run_cli("push", "--to", oxigraph + "/store", "--data", built, "--quiet").returncode == 0
    query = f"""SELECT ?winner WHERE {{ GRAPH <{BASE}graph/asserted> {{
        ?c <https://w3id.org/rally-kg/ontology#classifiedStage>/<https://w3id.org/rally-kg/ontology#stageNumber> 7 ;
           <https://w3id.org/rally-kg/ontology#category> <{BASE}category/trucks> ;
           <https://w3id.org/rally-kg/ontology#stageWinner>/<http://www.w3.org/2000/01/rdf-schema#label> ?winner }} }}"""
    request = urllib.request.Request(
        oxigraph + "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.read().decode().splitlines()[1:] == ["Karel Loprais"]  # stage 7, trucks (line 30)


def test_a_server_that_is_not_there_is_one_line_saying_so(built: Path) -> None:
    process = run_cli("push", "--to", f"http://127.0.0.1:{free_port()}/store", "--data", built)
    assert process.returncode == 2
    assert "cannot reach" in process.stderr and "graphs written before it: none" in process.stderr
    assert "Traceback" not in process.stderr


def test_an_endpoint_that_is_not_a_graph_store_is_named_as_such(built: Path, oxigraph: str) -> None:
    process = run_cli("push", "--to", oxigraph + "/query", "--data", built)
    assert process.returncode == 2
    assert "HTTP 404 to PUT" in process.stderr and "Graph Store Protocol" in process.stderr


@pytest.mark.parametrize("url", ["not-a-url", "ftp://127.0.0.1/store", "http://"])
def test_a_url_that_is_not_http_is_refused_before_anything_is_sent(built: Path, url: str) -> None:
    process = run_cli("push", "--to", url, "--data", built)
    assert process.returncode == 2
    assert f"--to {url}: expected an http(s) URL" in process.stderr


def test_virtuoso_takes_the_graphs_through_its_digest_protected_graph_store(built: Path, virtuoso: str) -> None:
    summary = json.loads((built / "build.json").read_text(encoding="utf-8"))
    store = virtuoso + "/sparql-graph-crud-auth"
    assert run_cli("push", "--to", store, "--auth", "dba:dba", "--data", built, "--quiet").returncode == 0
    again = run_cli("push", "--to", store, "--auth", "dba:dba", "--data", built, "--chunk", "1000")
    assert again.returncode == 0, again.stderr
    assert "asserted: 5,592 triples in 6 part(s)" in again.stderr
    for name in ("asserted", "inferred", "ontology", "metadata"):  # counted by push on /sparql, and here
        assert held(virtuoso, BASE + f"graph/{name}", "/sparql") == summary["triples"][name]
        assert f"{summary['triples'][name]:>9,}  held {summary['triples'][name]:>9,}" in again.stdout


def test_parts_larger_than_the_server_takes_are_sent_again_smaller(tmp_path: Path, virtuoso: str) -> None:
    """Virtuoso cuts the connection on a request body past some megabytes; ten editions' asserted graph is more."""
    corpus = write_corpus(tmp_path / "corpus", 10)[0].parent
    assert run_cli("build", str(corpus), "--out", str(tmp_path / "build")).returncode == 0
    summary = json.loads((tmp_path / "build" / "build.json").read_text(encoding="utf-8"))
    assert summary["triples"]["asserted"] > 25_000
    process = run_cli("push", "--to", virtuoso + "/sparql-graph-crud-auth", "--auth", "dba:dba", "--data", tmp_path / "build")
    assert process.returncode == 0, process.stderr
    assert "the server took no part that large; sending parts of 100,000 triples" in process.stderr
    for name in ("asserted", "inferred", "ontology", "metadata"):
        assert held(virtuoso, BASE + f"graph/{name}", "/sparql") == summary["triples"][name]


def test_credentials_the_server_refuses_are_one_line_saying_so(built: Path, virtuoso: str) -> None:
    process = run_cli("push", "--to", virtuoso + "/sparql-graph-crud-auth", "--auth", "dba:wrong", "--data", built)
    assert process.returncode == 2
    assert "refused the credentials (HTTP 401)" in process.stderr and "Traceback" not in process.stderr


def test_every_triple_with_a_blank_node_is_sent_in_the_first_part() -> None:
    """A blank node names one node only within one request: its triples must not be split across two."""
    node = ox.BlankNode()
    named = [
        ox.Triple(ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(str(i)))
        for i in range(2500)
    ]
    blank = [ox.Triple(ox.NamedNode("http://example.org/list"), ox.NamedNode("http://example.org/q"), node)]
    blank += [ox.Triple(node, ox.NamedNode("http://example.org/p"), ox.Literal(str(i))) for i in range(1200)]
    parts = split(named + blank, 1000)
    assert all(triple in parts[0] for triple in blank)
    assert sorted(map(str, (t for part in parts for t in part))) == sorted(map(str, named + blank))
    assert [len(part) for part in parts] == [1201, 1000, 1000, 500]
