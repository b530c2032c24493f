"""`rally-kg query` answers a query as the real server's /sparql does: the same default graph (asserted and inferred
data), the same rows, the same refusals and the same messages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.replies import Reply, http_request, json_rows

if TYPE_CHECKING:
    from tests.conftest import Cli

RALLY = "PREFIX rally: <https://w3id.org/rally-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
ASSERTED = "http://127.0.0.1:5000/id/graph/asserted"
QUERIES = {
    "every-triple": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "per-graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "from-asserted": f"SELECT (COUNT(*) AS ?n) FROM <{ASSERTED}> WHERE {{ ?s ?p ?o }}",
    "inferred-types": RALLY + "SELECT ?type (COUNT(?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type ORDER BY ?type",
    "people": RALLY + "SELECT ?name WHERE { ?p a rally:Person ; rdfs:label ?name } ORDER BY ?name",
    "ask": RALLY + "ASK { ?stage a rally:LoopStage }",
}
STAGE_7_CARS = (
    RALLY
    + """SELECT ?winner WHERE {
  ?c a rally:StageClassification ; rally:classifiedStage/rally:stageNumber 7 ; rally:category/rdfs:label "Cars" ;
     rally:stageWinner/rdfs:label ?winner }"""
)


def sparql(server: str, query: str, accept: str = "application/sparql-results+json") -> Reply:
    """Return the real server's answer to a query sent by GET."""
    return http_request(f"{server}/sparql?{urlencode({'query': query})}", headers={"Accept": accept})


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_command_line_answers_a_query_with_the_rows_of_the_endpoint(cli: Cli, built: Path, server: str, name: str) -> None:
    done = cli("query", QUERIES[name], "--data", built, "--format", "json")
    assert done.returncode == 0, done.stderr
    answer = sparql(server, QUERIES[name])
    assert answer.status == 200, answer.text
    if name == "ask":
        assert done.stdout.strip() == answer.text.strip()
    else:
        assert json_rows(done.stdout.encode()) == answer.values() != []


def test_the_default_graph_is_the_data_and_its_closure_not_the_ontology_or_the_metadata(cli: Cli, built: Path) -> None:
    every = cli("query", QUERIES["every-triple"], "--data", built, "--format", "csv")
    per_graph = cli("query", QUERIES["per-graph"], "--data", built, "--format", "csv")
    counts = {row.split(",")[0].rsplit("/", 1)[-1]: int(row.split(",")[1]) for row in per_graph.stdout.splitlines()[1:]}
    assert set(counts) == {"asserted", "inferred", "ontology", "metadata"}
    assert int(every.stdout.splitlines()[1]) == counts["asserted"] + counts["inferred"]


def test_the_command_line_and_the_endpoint_name_the_same_stage_winner(cli: Cli, built: Path, server: str) -> None:
    done = cli("query", STAGE_7_CARS, "--data", built, "--format", "json")
    assert json_rows(done.stdout.encode()) == sparql(server, STAGE_7_CARS).values() == [{"winner": "Hiroshi Masuoka"}]


def test_a_construct_gives_the_same_graph(cli: Cli, built: Path, server: str) -> None:
    query = RALLY + "CONSTRUCT { ?s rally:stageNumber ?n } WHERE { ?s rally:stageNumber ?n }"
    done = cli("query", query, "--data", built)
    mine, theirs = Graph(), Graph()
    mine.parse(data=done.stdout, format="turtle")
    theirs.parse(data=sparql(server, query, "text/turtle").text, format="turtle")
    assert len(mine) == 20 and isomorphic(mine, theirs)  # the stage table of the article: stages 1 to 20


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?stage WHERE { ?stage a }",
        "SELECT * WHERE { ?s rally:stageNumber ?n }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
        "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }",
    ],
    ids=["malformed", "undeclared-prefix", "service", "update", "remote-from"],
)
def test_a_query_refused_or_malformed_gets_the_endpoints_message_and_status_2(
    cli: Cli, built: Path, server: str, query: str
) -> None:
    done = cli("query", query, "--data", built)
    answer = sparql(server, query)
    assert done.returncode == 2 and done.stdout == ""
    assert answer.status == 400, answer.text
    message = answer.text.removeprefix("400 Bad Request: ").strip()
    assert done.stderr.strip() == f"rally-kg: error: query: {message}"
