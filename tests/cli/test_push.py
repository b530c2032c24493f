"""`rally-kg push --to URL` loads a build's four graphs into a real Oxigraph server (the `oxigraph` package's own
server, started on a loopback port): the counts it holds are the build's, a second push replaces rather than
doubles, and a server that is not there or not a graph store is a one-line error."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.servers import free_port, oxigraph_server

BASE = "http://127.0.0.1:5000/id/"


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server (read-write, on disk) on a free loopback port; yields its root URL."""
    with oxigraph_server(tmp_path / "store", tmp_path / "oxigraph.log") as root:
        yield root


def held(root: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        root + "/query?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/sparql-results+json"}
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
