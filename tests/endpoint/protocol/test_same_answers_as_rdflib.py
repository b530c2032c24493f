"""The endpoint (Oxigraph) answers typical queries exactly as rdflib does over the same built N-Quads.

rdflib's reference: a Dataset holding the N-Quads whose default graph is the union of the asserted and
inferred graphs (queries without GRAPH run on a plain Graph of those triples: same answers, faster).
Rows are compared term by term (lexical forms included), as multisets, and as sequences where ORDER BY
fixes the order. Where the answer can be read off the article by hand, it is checked too.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from tests.reference import Reference, rows

if TYPE_CHECKING:
    from tests.endpoint.support import Fetch

BASE = "http://127.0.0.1:5000/id/"
GRAPHS = {name: URIRef(BASE + f"graph/{name}") for name in ("asserted", "inferred", "ontology", "metadata")}
PREFIXES = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
"""

Row = tuple[Identifier | None, ...]


@dataclass(frozen=True)
class Case:
    """A query; `ordered` when its ORDER BY fixes the order of every row; `expected` rows read by hand, as text."""

    name: str
    query: str
    ordered: bool = False
    expected: list[tuple[str, ...]] | None = None


CASES = [
    Case(
        "stage-winners",
        """SELECT ?stage ?category ?winner WHERE {
  ?c a rally:StageClassification ; rally:classifiedStage/rally:stageNumber ?stage ;
     rally:category/rdfs:label ?category ; rally:stageWinner/rdfs:label ?winner .
} ORDER BY ?stage STR(?category) STR(?winner)""",
        ordered=True,
    ),
    Case(
        "stage-7-winners",
        """SELECT ?category ?winner WHERE {
  ?c a rally:StageClassification ; rally:classifiedStage/rally:stageNumber 7 ;
     rally:category/rdfs:label ?category ; rally:stageWinner/rdfs:label ?winner .
  FILTER (?category != "Motorcycles")
} ORDER BY STR(?category)""",
        ordered=True,
        expected=[("Cars", "Hiroshi Masuoka"), ("Trucks", "Karel Loprais")],
    ),
    Case(
        "general-classification-after-stage-10",
        """SELECT ?position ?driver ?seconds WHERE {
  ?gc a rally:GeneralClassification ; rally:afterStage/rally:stageNumber 10 ;
      rally:category/rdfs:label "Cars" ; rally:hasResult ?r .
  ?r rally:position ?position ; rally:forEntry/rally:driver/rdfs:label ?driver .
  OPTIONAL { ?r rally:timeSeconds ?seconds }
} ORDER BY ?position STR(?driver)""",
        ordered=True,
        # 29:26:16, 30:01:16 and 30:04:45 in seconds
        expected=[("1", "Hiroshi Masuoka", "105976"), ("2", "Jean-Louis Schlesser", "108076"), ("3", "Carlos Sousa", "108285")],
    ),
    Case(
        "truck-stage-wins-per-make",
        """SELECT ?make (COUNT(?win) AS ?wins) WHERE {
  ?c a rally:StageClassification ; rally:category/rdfs:label "Trucks" ; rally:hasResult ?win .
  ?win a rally:StageWin ; rally:forEntry/rally:make/rdfs:label ?make .
} GROUP BY ?make ORDER BY DESC(?wins) STR(?make)""",
        ordered=True,
        expected=[("Tatra", "9"), ("Kamaz", "7"), ("MAN", "3"), ("Mercedes-Benz", "1")],
    ),
    Case(
        "stage-wins-per-make",
        """SELECT ?make (COUNT(?win) AS ?wins) WHERE {
  ?win a rally:StageWin ; rally:forEntry/rally:make ?maker . ?maker rdfs:label ?make .
} GROUP BY ?make""",
    ),
    Case(
        "people-by-nationality",
        """SELECT ?country (COUNT(DISTINCT ?person) AS ?people) WHERE {
  ?person a rally:Person ; rally:countryForSport/rdfs:label ?country .
} GROUP BY ?country ORDER BY DESC(?people) STR(?country)""",
        ordered=True,
    ),
    Case(
        "people-racing-for-germany-by-wikidata-terms",
        "SELECT ?name WHERE { ?person wdt:P1532 wd:Q183 ; rdfs:label ?name } ORDER BY STR(?name)",
        ordered=True,
        expected=[("Andreas Schulz",), ("Holger Hermann Roth",), ("Jutta Kleinschmidt",)],
    ),
    Case(
        "ask-who-won-the-cars",
        """ASK { ?final a rally:FinalClassification ; rally:category/rdfs:label "Cars" ; rally:hasResult ?r .
  ?r a rally:WinningResult ; rally:forEntry/rally:driver/rdfs:label "Jutta Kleinschmidt" }""",
    ),
    Case(
        "ask-who-did-not",
        """ASK { ?final a rally:FinalClassification ; rally:category/rdfs:label "Cars" ; rally:hasResult ?r .
  ?r a rally:WinningResult ; rally:forEntry/rally:driver/rdfs:label "Karel Loprais" }""",
    ),
    Case(
        "construct-the-route",
        """CONSTRUCT { ?stage rally:startPlace ?from ; rally:finishPlace ?to ; rally:distanceKm ?km }
WHERE { ?stage a rally:Stage ; rally:startPlace ?from ; rally:finishPlace ?to ; rally:distanceKm ?km }""",
    ),
    Case(
        "optional-race-numbers",
        """SELECT ?category ?driver ?number WHERE {
  ?entry a rally:Entry ; rally:category/rdfs:label ?category ; rally:driver/rdfs:label ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
}""",
    ),
    Case(
        "filter-on-time-seconds",
        """SELECT ?stage ?driver ?seconds WHERE {
  ?c a rally:StageClassification ; rally:classifiedStage/rally:stageNumber ?stage ; rally:hasResult ?r .
  ?r rally:timeSeconds ?seconds ; rally:forEntry/rally:driver/rdfs:label ?driver .
  FILTER (?seconds >= 30000)
} ORDER BY DESC(?seconds) ?stage STR(?driver)""",
        ordered=True,
    ),
    Case(
        "count-and-sum-of-stages",
        "SELECT (COUNT(?stage) AS ?stages) (SUM(?km) AS ?km) WHERE { ?stage a rally:Stage ; rally:distanceKm ?km }",
        expected=[("20", "10739")],
    ),
    Case(
        "results-per-category-and-kind",
        """SELECT ?category ?kind (COUNT(?r) AS ?results) WHERE {
  ?c rally:category/rdfs:label ?category ; rally:hasResult ?r ; a ?kind .
  FILTER (?kind IN (rally:StageClassification, rally:GeneralClassification, rally:FinalClassification))
} GROUP BY ?category ?kind""",
    ),
    Case(
        "stages-without-a-motorcycle-classification",
        """SELECT ?n WHERE {
  ?stage a rally:Stage ; rally:stageNumber ?n .
  FILTER NOT EXISTS { ?c a rally:StageClassification ; rally:classifiedStage ?stage ;
                         rally:category/rdfs:label "Motorcycles" }
}""",
        expected=[("3",)],
    ),
    Case(
        "triples-per-named-graph",
        "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    ),
]


@pytest.fixture(scope="module")
def reference(built: Path) -> Reference:
    return Reference.of(built)


@pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")  # rdflib's own GRAPH evaluation
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_endpoint_answers_as_rdflib_does(fetch: Fetch, reference: Reference, case: Case) -> None:
    query = PREFIXES + case.query
    expected = reference.query(query)
    accept = "application/n-triples" if expected.type == "CONSTRUCT" else "application/sparql-results+json"
    reply = fetch.sparql(query, accept=accept)
    assert reply.status == 200, reply.text
    if expected.type == "CONSTRUCT":
        assert expected.graph is not None
        answered = set(reply.graph())
        assert answered == set(expected.graph)
        assert answered
        return
    got = Result.parse(io.BytesIO(reply.body), format="json")
    assert got.type == expected.type
    if expected.type == "ASK":
        assert got.askAnswer is expected.askAnswer
        return
    names = [str(v) for v in expected.vars or []]
    assert [str(v) for v in got.vars or []] == names
    got_rows, expected_rows = rows(got, names), rows(expected, names)
    assert got_rows, "a comparison of empty answers proves little"
    if case.ordered:
        assert got_rows == expected_rows
    else:
        assert Counter(got_rows) == Counter(expected_rows)
    if case.expected is not None:
        as_text = [tuple("" if term is None else str(term) for term in row) for row in got_rows]
        assert (as_text if case.ordered else sorted(as_text)) == (case.expected if case.ordered else sorted(case.expected))


def test_the_asks_differ(reference: Reference) -> None:
    """The two ASK cases are not both trivially false (or true)."""
    answers = [reference.query(PREFIXES + case.query).askAnswer for case in CASES if case.name.startswith("ask-")]
    assert answers == [True, False]
