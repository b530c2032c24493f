"""The bundled article's IRIs, provenance, and the graph a SPARQL writer meets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef

from tests.loader.dakar_2001.expected import BASE, IRI_CASES, PROVENANCE_CASES
from tests.loader.dakar_2001.queries import OBJECTS_QUERY, SOURCE_LINES_QUERY

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- IRIs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("subject", "predicate", "value"), IRI_CASES)
def test_resources_have_the_iris_of_the_data_model(
    dakar: Build, rows: Rows, subject: str, predicate: URIRef, value: object
) -> None:
    found = rows(dakar.dataset, OBJECTS_QUERY, subject=URIRef(subject), predicate=predicate)
    assert value in {r["object"] for r in found}


@pytest.mark.parametrize(("resource", "lines"), PROVENANCE_CASES)
def test_fact_is_traced_to_the_lines_that_state_it(dakar: Build, rows: Rows, resource: str, lines: set[int]) -> None:
    found = rows(dakar.graph("metadata"), SOURCE_LINES_QUERY, resource=URIRef(resource))
    assert {r["line"] for r in found} >= lines


# --- The graph a SPARQL writer meets ---------------------------------------------------------

UNLABELLED_QUERY = """
SELECT DISTINCT ?item WHERE {
  GRAPH ?graph { ?item ?p ?o }
  FILTER (isIRI(?item) && NOT EXISTS { ?item rdfs:label ?label })
}"""
LABEL_LANGUAGES_QUERY = """
SELECT DISTINCT (LANG(?label) AS ?language) WHERE { ?item rdfs:label|skos:altLabel ?label }"""
SENTENCE_LANGUAGES_QUERY = """
SELECT DISTINCT (LANG(?text) AS ?language) WHERE { ?item rally:reason|rally:note|rally:message|rdfs:comment ?text }"""


@pytest.mark.parametrize("graph", ["asserted", "metadata"])
def test_every_resource_of_the_data_has_a_label(dakar: Build, rows: Rows, graph: str) -> None:
    # results, vehicles, crew listings, name variants and source lines included
    assert rows(dakar.dataset, UNLABELLED_QUERY, graph=URIRef(f"{BASE}graph/{graph}")) == []


def test_names_are_plain_strings_and_sentences_english(dakar: Build, rows: Rows) -> None:
    for graph in ("asserted", "metadata"):
        assert {r["language"] for r in rows(dakar.graph(graph), LABEL_LANGUAGES_QUERY)} == {""}
        assert {r["language"] for r in rows(dakar.graph(graph), SENTENCE_LANGUAGES_QUERY)} == {"en"}
    # so a label written as a plain string finds the category (docs/data-model.md)
    assert rows(dakar.dataset, "SELECT ?c WHERE { ?c a rally:Category ; rdfs:label 'Cars' }") == [{"c": f"{BASE}category/cars"}]


def test_every_table_row_of_the_article_is_loaded(dakar: Build) -> None:
    coverage = dakar.coverage["data/2001_Dakar_Rally.txt"]
    # the stage table (lines 22-44: 23 rows), the results tables (lines 102-161, 166-228, 231-292: 60 + 63 + 62),
    # the final standings (lines 297-307, 310-320, 323-328: 11 + 11 + 6)
    assert (coverage.rows, coverage.loaded, coverage.reported) == (23 + 60 + 63 + 62 + 11 + 11 + 6, 236, ())
