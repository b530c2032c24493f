"""Real SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore.

Hand-read from the article: 20 stages; stage 7's car stage won by Hiroshi Masuoka; Jutta Kleinschmidt
German; the final standings' winners Fabrizio Meoni (motorcycles), Jutta Kleinschmidt (cars) and Karel
Loprais (trucks).
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.dom.minidom import Document, Element, Text

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, JSONLD, N3, POST, RDFXML, TURTLE, XML, SPARQLWrapper

RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
BASE = "http://127.0.0.1:5000/id/"
KLEINSCHMIDT = URIRef(BASE + "person/jutta-kleinschmidt")
GERMANY = URIRef(BASE + "country/DEU")
PREFIXES = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
COUNT_STAGES = PREFIXES + "SELECT (COUNT(?stage) AS ?stages) WHERE { ?stage a rally:Stage }"
FINAL_WINNERS = (
    PREFIXES
    + """SELECT ?category ?winner WHERE {
  ?final a rally:FinalClassification ; rally:category/rdfs:label ?category ; rally:hasResult ?result .
  ?result rally:position 1 ; rally:forEntry/rally:driver/rdfs:label ?winner .
}"""
)
FINAL_WINNERS_EXPECTED = {("Motorcycles", "Fabrizio Meoni"), ("Cars", "Jutta Kleinschmidt"), ("Trucks", "Karel Loprais")}
STAGE_7_CARS = (
    PREFIXES
    + """ASK { ?c a rally:StageClassification ; rally:classifiedStage/rally:stageNumber 7 ;
  rally:category/rdfs:label "Cars" ; rally:stageWinner/rdfs:label "Hiroshi Masuoka" }"""
)
PEOPLE = (
    PREFIXES
    + "CONSTRUCT { ?p a rally:Person ; rdfs:label ?l ; rally:countryForSport ?c } WHERE { ?p a rally:Person ; rdfs:label ?l ; rally:countryForSport ?c }"
)
CONJUNCTIVE_GRAPH = "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"  # SPARQLWrapper converts RDF with it


@pytest.fixture
def wrapper(server: str) -> SPARQLWrapper:
    return SPARQLWrapper(f"{server}/sparql")


def literal_text(binding: Element) -> str:
    """Return the text of the literal in a <binding> of SPARQL XML results."""
    (literal,) = binding.getElementsByTagName("literal")
    text = literal.firstChild
    assert isinstance(text, Text)
    return text.data


def text_rows(bindings: list[dict[str, dict[str, str]]], *names: str) -> set[tuple[str, ...]]:
    return {tuple(binding[name]["value"] for name in names) for binding in bindings}


# --- SPARQLWrapper ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_in_json(wrapper: SPARQLWrapper, method: str) -> None:
    wrapper.setMethod(method)
    wrapper.setQuery(COUNT_STAGES)
    wrapper.setReturnFormat(JSON)
    answer = wrapper.query().convert()
    assert isinstance(answer, dict)
    assert answer["results"]["bindings"][0]["stages"]["value"] == "20"
    wrapper.setQuery(FINAL_WINNERS)
    answer = wrapper.query().convert()
    assert isinstance(answer, dict)
    assert text_rows(answer["results"]["bindings"], "category", "winner") == FINAL_WINNERS_EXPECTED


def test_sparqlwrapper_select_in_xml(wrapper: SPARQLWrapper) -> None:
    wrapper.setQuery(FINAL_WINNERS)
    wrapper.setReturnFormat(XML)
    result = wrapper.query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    dom = result.convert()
    assert isinstance(dom, Document)
    rows = set()
    for element in dom.getElementsByTagName("result"):
        values = {binding.getAttribute("name"): literal_text(binding) for binding in element.getElementsByTagName("binding")}
        rows.add((values["category"], values["winner"]))
    assert rows == FINAL_WINNERS_EXPECTED


def test_sparqlwrapper_ask(wrapper: SPARQLWrapper) -> None:
    wrapper.setReturnFormat(JSON)
    wrapper.setQuery(STAGE_7_CARS)
    assert wrapper.query().convert() == {"head": {}, "boolean": True}
    wrapper.setQuery(STAGE_7_CARS.replace("Hiroshi Masuoka", "Karel Loprais"))
    answer = wrapper.query().convert()
    assert isinstance(answer, dict) and answer["boolean"] is False


@pytest.mark.filterwarnings(CONJUNCTIVE_GRAPH)
@pytest.mark.parametrize("return_format", [RDFXML, XML])
def test_sparqlwrapper_construct_converts_to_an_rdflib_graph(wrapper: SPARQLWrapper, return_format: str) -> None:
    wrapper.setQuery(PEOPLE)
    wrapper.setReturnFormat(return_format)
    graph = wrapper.query().convert()
    assert isinstance(graph, Graph)
    assert (KLEINSCHMIDT, RALLY.countryForSport, GERMANY) in graph
    assert (KLEINSCHMIDT, RDFS.label, Literal("Jutta Kleinschmidt")) in graph


def test_sparqlwrapper_construct_in_turtle(wrapper: SPARQLWrapper) -> None:
    wrapper.setQuery(PEOPLE)
    wrapper.setReturnFormat(TURTLE)
    body = wrapper.query().convert()
    assert isinstance(body, bytes)
    graph = Graph().parse(data=body, format="turtle")
    assert (KLEINSCHMIDT, RALLY.countryForSport, GERMANY) in graph


@pytest.mark.filterwarnings(CONJUNCTIVE_GRAPH)
@pytest.mark.parametrize("return_format", [JSONLD, N3])
def test_sparqlwrapper_construct_in_json_ld_and_n3(wrapper: SPARQLWrapper, return_format: str) -> None:
    wrapper.setQuery(PEOPLE)
    wrapper.setReturnFormat(return_format)
    converted = wrapper.query().convert()
    if isinstance(converted, Graph):
        graph = converted
    else:
        assert isinstance(converted, bytes)
        graph = Graph().parse(data=converted, format="n3")
    assert (KLEINSCHMIDT, RALLY.countryForSport, GERMANY) in graph


# --- rdflib's SPARQLStore -----------------------------------------------------------------------------------------


@pytest.fixture(params=["GET", "POST"])
def remote(server: str, request: pytest.FixtureRequest) -> Iterator[Graph]:
    store = SPARQLStore(query_endpoint=f"{server}/sparql", method=request.param)
    yield Graph(store=store)
    store.close()


def test_sparqlstore_select(remote: Graph) -> None:
    assert [row[0] for row in remote.query(COUNT_STAGES)] == [Literal(20)]  # type: ignore[index]
    rows = {(str(row[0]), str(row[1])) for row in remote.query(FINAL_WINNERS)}  # type: ignore[index]
    assert rows == FINAL_WINNERS_EXPECTED


def test_sparqlstore_ask_and_construct(remote: Graph) -> None:
    assert remote.query(STAGE_7_CARS).askAnswer is True
    constructed = remote.query(PEOPLE).graph
    assert constructed is not None
    assert (KLEINSCHMIDT, RALLY.countryForSport, GERMANY) in constructed


def test_sparqlstore_triple_patterns(remote: Graph) -> None:
    assert list(remote.objects(KLEINSCHMIDT, RALLY.countryForSport)) == [GERMANY]
    assert remote.value(GERMANY, RDFS.label) == Literal("Germany")
    stages = set(remote.subjects(RDF.type, RALLY.Stage))
    assert len(stages) == 20
    assert URIRef(BASE + "edition/2001-dakar-rally/stage/7") in stages
    assert (KLEINSCHMIDT, RDF.type, RALLY.Person) in remote
