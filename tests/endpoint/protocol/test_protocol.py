"""The SPARQL 1.1 Protocol at /sparql, and content negotiation: every answer is parsed back and its values checked.

Answers are read off data/2001_Dakar_Rally.txt by hand: 20 stages; stage 7 (Guelmim to Smara, 489 km)
won by Hiroshi Masuoka in the cars and Karel Loprais in the trucks; the trucks won overall by Karel
Loprais; Jutta Kleinschmidt is German. IRIs follow the scheme of docs/data-model.md (default base).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.term import Identifier

if TYPE_CHECKING:
    from tests.endpoint.support import Fetch

RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
BASE = "http://127.0.0.1:5000/id/"
EDITION = BASE + "edition/2001-dakar-rally"
STAGE_7 = URIRef(EDITION + "/stage/7")
KLEINSCHMIDT = URIRef(BASE + "person/jutta-kleinschmidt")
GERMANY = URIRef(BASE + "country/DEU")
GRAPH = {name: BASE + f"graph/{name}" for name in ("asserted", "inferred", "ontology", "metadata")}

PREFIXES = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
COUNT_STAGES = PREFIXES + "SELECT (COUNT(?stage) AS ?stages) WHERE { ?stage a rally:Stage }"
STAGE_7_WINNERS = (
    PREFIXES
    + """SELECT ?stage ?number ?km ?category ?winner WHERE {
  ?c a rally:StageClassification ; rally:classifiedStage ?stage ;
     rally:category/rdfs:label ?category ; rally:stageWinner/rdfs:label ?winner .
  ?stage rally:stageNumber ?number ; rally:distanceKm ?km .
  FILTER (?number = 7 && ?category IN ("Cars", "Trucks"))
}"""
)
# (stage, number, km, category, winner) as text, as every results format can carry it
STAGE_7_EXPECTED = {
    (str(STAGE_7), "7", "489", "Cars", "Hiroshi Masuoka"),
    (str(STAGE_7), "7", "489", "Trucks", "Karel Loprais"),
}
# The trucks' overall winner, found through a type that only the inferred graph states
TRUCKS_WINNER = (
    PREFIXES
    + """SELECT ?driver WHERE {
  ?final a rally:FinalClassification ; rally:category/rdfs:label "Trucks" ; rally:hasResult ?result .
  ?result a rally:WinningResult ; rally:forEntry/rally:driver/rdfs:label ?driver .
}"""
)
STAGE_DISTANCES = PREFIXES + "CONSTRUCT { ?stage rally:distanceKm ?km } WHERE { ?stage a rally:Stage ; rally:distanceKm ?km }"
GRAPHS_USED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "n-triples": "application/n-triples",
    "json-ld": "application/ld+json",
    "rdf-xml": "application/rdf+xml",
    "trig": "application/trig",
    "n-quads": "application/n-quads",
}
HOW = ["get", "form", "direct"]


def stage_7_rows(rows: list[dict[str, Identifier]]) -> set[tuple[str, ...]]:
    """Return the rows of STAGE_7_WINNERS as text."""
    return {tuple(str(row[v]) for v in ("stage", "number", "km", "category", "winner")) for row in rows}


def count(fetch: Fetch, query: str, **params: str) -> int:
    """Return the single integer a COUNT query answers."""
    reply = fetch.sparql(query, params=params)
    assert reply.status == 200, reply.text
    ((value,),) = [tuple(row.values()) for row in reply.rows()]
    assert isinstance(value, Literal)
    number = value.toPython()
    assert isinstance(number, int)
    return number


def texts(fetch: Fetch, query: str, variable: str, **params: str) -> list[str]:
    """Return the lexical values a SELECT binds to one variable, sorted."""
    reply = fetch.sparql(query, params=params)
    assert reply.status == 200, reply.text
    return sorted(str(row[variable]) for row in reply.rows() if variable in row)


# --- Query by GET, form POST and direct POST --------------------------------------------------------------------


@pytest.mark.parametrize("how", HOW)
def test_every_way_of_asking_counts_twenty_stages(fetch: Fetch, how: str) -> None:
    reply = fetch.sparql(COUNT_STAGES, how=how)
    assert reply.status == 200, reply.text
    assert reply.media_type == "application/sparql-results+json"
    assert reply.json()["results"]["bindings"] == [
        {"stages": {"type": "literal", "value": "20", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
    ]


@pytest.mark.parametrize("how", HOW)
def test_every_way_of_asking_finds_the_stage_7_winners(fetch: Fetch, how: str) -> None:
    reply = fetch.sparql(STAGE_7_WINNERS, how=how)
    assert reply.status == 200, reply.text
    assert stage_7_rows(reply.rows()) == STAGE_7_EXPECTED


def test_a_direct_post_may_name_its_charset(fetch_app: Fetch) -> None:
    query = 'SELECT ?name WHERE { BIND("Tomáš Tomeček" AS ?name) }'
    reply = fetch_app("POST", "/sparql", data=query.encode("utf-8"), content_type="application/sparql-query; charset=utf-8")
    assert reply.status == 200, reply.text
    assert reply.rows() == [{"name": Literal("Tomáš Tomeček")}]


@pytest.mark.parametrize("charset", ["UTF-16", "iso-8859-1", "latin1"])
def test_a_direct_post_in_another_charset_than_utf8_is_a_400(fetch_app: Fetch, charset: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    reply = fetch_app("POST", "/sparql", data=query.encode("utf-8"), content_type=f"application/sparql-query; charset={charset}")
    assert reply.status == 400 and "UTF-8" in reply.text, reply.text


@pytest.mark.parametrize("how", HOW)
def test_a_query_of_non_ascii_text_round_trips(fetch: Fetch, how: str) -> None:
    reply = fetch.sparql(PREFIXES + 'SELECT ?p WHERE { ?p rdfs:label "Castellón de la Plana" }', how=how)
    assert reply.status == 200, reply.text
    assert [str(row["p"]) for row in reply.rows()] == [BASE + "place/castellon-de-la-plana"]


# --- The dataset: default-graph-uri and named-graph-uri --------------------------------------------------------


def test_by_default_the_inferred_facts_are_in_the_default_graph(fetch: Fetch) -> None:
    assert texts(fetch, TRUCKS_WINNER, "driver") == ["Karel Loprais"]


def test_default_graph_uri_of_the_asserted_graph_leaves_out_the_inferred_facts(fetch: Fetch) -> None:
    assert texts(fetch, TRUCKS_WINNER, "driver", **{"default-graph-uri": GRAPH["asserted"]}) == []
    # the same classification is there, asserted, when asked for by position instead of the inferred type
    by_position = TRUCKS_WINNER.replace("?result a rally:WinningResult ;", "?result rally:position 1 ;")
    assert texts(fetch, by_position, "driver", **{"default-graph-uri": GRAPH["asserted"]}) == ["Karel Loprais"]


def test_default_graph_uri_may_be_given_twice(fetch_app: Fetch) -> None:
    params = [("default-graph-uri", GRAPH["asserted"]), ("default-graph-uri", GRAPH["inferred"])]
    reply = fetch_app.sparql(TRUCKS_WINNER, params=params)
    assert reply.status == 200, reply.text
    assert [str(row["driver"]) for row in reply.rows()] == ["Karel Loprais"]
    reply = fetch_app.sparql(TRUCKS_WINNER, params=[("default-graph-uri", GRAPH["inferred"])])
    assert [str(row["driver"]) for row in reply.rows()] == []  # the category and result links are asserted


def test_the_default_graph_holds_neither_the_ontology_nor_the_metadata(fetch_app: Fetch) -> None:
    typed = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { rally:Stage a ?type }"  # the ontology's
    derived = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?line }"  # provenance
    assert count(fetch_app, typed) == 0
    assert count(fetch_app, typed, **{"default-graph-uri": GRAPH["ontology"]}) >= 1
    assert count(fetch_app, derived) == 0
    assert count(fetch_app, derived, **{"default-graph-uri": GRAPH["metadata"]}) >= 1


def test_without_named_graph_uri_graph_ranges_over_the_four_graphs(fetch: Fetch) -> None:
    assert texts(fetch, GRAPHS_USED, "g") == sorted(GRAPH.values())


def test_named_graph_uri_restricts_what_graph_ranges_over(fetch: Fetch) -> None:
    assert texts(fetch, GRAPHS_USED, "g", **{"named-graph-uri": GRAPH["ontology"]}) == [GRAPH["ontology"]]


def test_named_graph_uri_may_be_given_twice(fetch_app: Fetch) -> None:
    params = [("named-graph-uri", GRAPH["ontology"]), ("named-graph-uri", GRAPH["metadata"])]
    reply = fetch_app.sparql(GRAPHS_USED, params=params)
    assert reply.status == 200, reply.text
    assert sorted(str(row["g"]) for row in reply.rows()) == sorted([GRAPH["metadata"], GRAPH["ontology"]])


def test_a_graph_that_is_not_in_the_dataset_is_an_empty_graph_and_said_so(fetch: Fetch) -> None:
    # the protocol's dataset semantics (as Oxigraph answers): a graph the store does not hold is empty; nothing is fetched
    reply = fetch.sparql(COUNT_STAGES, params={"default-graph-uri": "http://example.org/elsewhere"})
    assert reply.status == 200, reply.text
    assert [str(row["stages"]) for row in reply.rows()] == ["0"]
    assert "<http://example.org/elsewhere> is not a graph of this dataset" in reply.headers["Warning"]
    assert reply.headers["X-Unknown-Graphs"] == "<http://example.org/elsewhere>"
    named = fetch.sparql("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", params={"named-graph-uri": "http://example.org/elsewhere"})
    assert named.status == 200 and named.rows() == []


def test_a_known_graph_beside_an_unknown_one_keeps_its_triples(fetch_app: Fetch) -> None:
    params = [("default-graph-uri", GRAPH["asserted"]), ("default-graph-uri", "http://example.org/elsewhere")]
    reply = fetch_app.sparql(COUNT_STAGES, params=params)
    assert [str(row["stages"]) for row in reply.rows()] == ["20"]
    assert "http://example.org/elsewhere" in reply.headers["X-Unknown-Graphs"]


# --- SELECT, ASK, CONSTRUCT, DESCRIBE ----------------------------------------------------------------------------


def test_ask_answers_true_and_false(fetch: Fetch) -> None:
    won = PREFIXES + 'ASK { ?c rally:classifiedStage/rally:stageNumber 7 ; rally:stageWinner/rdfs:label "%s" }'
    for winner, expected in (("Hiroshi Masuoka", True), ("Jutta Kleinschmidt", False)):
        reply = fetch.sparql(won % winner)
        assert reply.status == 200, reply.text
        assert reply.results().askAnswer is expected


def test_construct_answers_a_graph_of_the_twenty_stage_lengths(fetch: Fetch) -> None:
    reply = fetch.sparql(STAGE_DISTANCES, accept="text/turtle")
    assert reply.status == 200, reply.text
    graph = reply.graph()
    assert len(graph) == 20
    distance = graph.value(STAGE_7, RALLY.distanceKm)
    assert isinstance(distance, Literal) and distance.toPython() == 489


def test_describe_answers_what_is_known_of_a_person(fetch: Fetch) -> None:
    reply = fetch.sparql(f"DESCRIBE <{KLEINSCHMIDT}>", accept="application/n-triples")
    assert reply.status == 200, reply.text
    graph = reply.graph()
    assert (KLEINSCHMIDT, RDF.type, RALLY.Person) in graph
    assert (KLEINSCHMIDT, RALLY.countryForSport, GERMANY) in graph
    assert {str(s) for s in graph.subjects()} == {str(KLEINSCHMIDT)}


# --- Requests the protocol does not allow -----------------------------------------------------------------------


def test_a_post_without_a_query_is_a_400(fetch: Fetch) -> None:
    reply = fetch("POST", "/sparql", data={"format": "json"})
    assert reply.status == 400
    assert "query" in reply.text


@pytest.mark.parametrize("how", ["get", "form"])
def test_two_query_parameters_are_a_400(fetch: Fetch, how: str) -> None:
    reply = fetch.sparql(COUNT_STAGES, how=how, params={"query": "ASK {}"})
    assert reply.status == 400
    assert "query" in reply.text


def test_a_query_in_the_body_and_in_the_url_is_a_400(fetch: Fetch) -> None:
    reply = fetch.sparql(COUNT_STAGES, how="direct", params={"query": COUNT_STAGES})
    assert reply.status == 400
    assert "query" in reply.text


def test_an_empty_query_is_a_400(fetch_app: Fetch) -> None:
    for how in HOW:
        assert fetch_app.sparql("  \n", how=how).status == 400


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "application/sparql-results+json"])
def test_a_post_of_another_content_type_is_a_415(fetch: Fetch, content_type: str) -> None:
    reply = fetch("POST", "/sparql", data=COUNT_STAGES, content_type=content_type)
    assert reply.status == 415
    assert "application/sparql-query" in reply.text


def test_a_post_without_a_content_type_is_a_415(fetch_app: Fetch) -> None:
    reply = fetch_app("POST", "/sparql", data=COUNT_STAGES)  # (urllib would add a form Content-Type of its own)
    assert reply.status == 415


def test_an_unknown_path_is_a_404(fetch: Fetch) -> None:
    reply = fetch("GET", "/sparql/nowhere", params={"query": COUNT_STAGES})
    assert reply.status == 404
    assert fetch("GET", "/query", params={"query": COUNT_STAGES}).status == 404


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_writing_methods_on_sparql_are_a_405_with_allow(fetch: Fetch, method: str) -> None:
    reply = fetch(method, "/sparql", data="INSERT DATA { <http://a> <http://b> <http://c> }", content_type="text/plain")
    assert reply.status == 405
    allowed = {m.strip() for m in (reply.headers.get("Allow") or "").split(",")}
    assert {"GET", "POST"} <= allowed
    assert not allowed & {"PUT", "DELETE", "PATCH"}


def test_relative_iris_resolve_against_the_endpoint(fetch: Fetch) -> None:
    # as the W3C protocol tests and Oxigraph do: the query's base is the endpoint's URL
    reply = fetch.sparql("CONSTRUCT { <s> <p> 7 } WHERE {}", accept="application/n-triples")
    assert reply.status == 200, reply.text
    [(subject, predicate, value)] = list(reply.graph())
    assert str(subject).endswith("/s") and str(predicate).endswith("/p") and str(subject).startswith("http")
    assert value == Literal(7)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/rdf+xml"),  # roqet asks so for a CONSTRUCT
        ("application/xml", "application/xml"),  # RDF/XML, as the client names it
        ("application/sparql-results+json", "text/turtle"),
        ("text/csv", "text/turtle"),
    ],
)
def test_a_graph_asked_for_with_result_formats_only_comes_as_rdf(fetch: Fetch, accept: str, media_type: str) -> None:
    reply = fetch.sparql(PREFIXES + "CONSTRUCT { ?s a rally:Stage } WHERE { ?s a rally:Stage }", accept=accept)
    assert reply.status == 200, reply.text
    assert reply.media_type == media_type
    assert len(reply.graph()) == 20


@pytest.mark.parametrize(
    ("query", "says"),
    [
        (
            "SELECT ?s WHERE {\n  ?s a rally:Stage\n}",
            "unknown prefix `rally:` at 2:8; add `PREFIX rally: <https://w3id.org/rally-kg/ontology#>`",
        ),
        ("PREFIX ex: <http://example.org/>\nSELECT ?s WHERE { ?s ex:p nowhere:q }", "unknown prefix `nowhere:` at 2:27"),
        ("SELECT * WHERE { ?s ?p ?o } ORDER ?s", "the query does not parse at 1:37, at the end of the query: expected `BY`"),
        ("SELECT * WHERE { ?s ?p ?o ", "the query does not parse at 1:27, at the end of the query"),
    ],
)
def test_a_malformed_query_is_told_in_a_sentence_first(fetch: Fetch, query: str, says: str) -> None:
    reply = fetch.sparql(query)
    assert reply.status == 400
    assert reply.text.startswith(f"400 Bad Request: malformed query: {says}"), reply.text
    assert "['%']" not in reply.text and "u{00B7}" not in reply.text  # no grammar character classes


def test_the_endpoint_declares_no_prefix_for_a_client(fetch: Fetch) -> None:
    reply = fetch.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s a rally:Stage }")
    assert reply.status == 400 and "unknown prefix `rally:`" in reply.text


@pytest.mark.parametrize("how", HOW)
def test_a_malformed_query_is_a_400_giving_the_parsers_position(fetch: Fetch, how: str) -> None:
    # line 5, column 7: the 'x' where LIMIT wants a number
    reply = fetch.sparql("SELECT ?s\nWHERE {\n  ?s ?p ?o\n}\nLIMIT x", how=how)
    assert reply.status == 400
    assert reply.media_type == "text/plain"
    assert re.search(r"\b5:7\b", reply.text), reply.text
    assert "Traceback" not in reply.text and 'File "' not in reply.text


def test_a_malformed_query_on_one_line_is_placed_on_line_one(fetch_app: Fetch) -> None:
    reply = fetch_app.sparql("SELECT ?s WHERE { ?s ?p }")
    assert reply.status == 400
    found = re.search(r"\b(\d+):(\d+)\b", reply.text)
    assert found is not None, reply.text
    assert int(found.group(1)) == 1 and 1 <= int(found.group(2)) <= len("SELECT ?s WHERE { ?s ?p }") + 1


@pytest.mark.parametrize("value", ["soon", "0", "-1"])
def test_a_timeout_that_is_not_a_positive_number_is_a_400(fetch_app: Fetch, value: str) -> None:
    reply = fetch_app.sparql(COUNT_STAGES, params={"timeout": value})
    assert reply.status == 400
    assert "timeout" in reply.text


# --- Content negotiation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", RESULT_TYPES)
def test_select_results_in_every_format_parse_back_to_the_stage_7_winners(fetch: Fetch, name: str) -> None:
    media_type = RESULT_TYPES[name]
    reply = fetch.sparql(STAGE_7_WINNERS, accept=media_type)
    assert reply.status == 200, reply.text
    assert reply.media_type == media_type
    result = reply.results()
    assert result.type == "SELECT"
    assert [str(v) for v in result.vars or []] == ["stage", "number", "km", "category", "winner"]
    rows = reply.rows()
    assert stage_7_rows(rows) == STAGE_7_EXPECTED
    assert {type(row["stage"]) for row in rows} == {URIRef}
    if name != "csv":  # CSV carries lexical forms only; the others keep datatypes and language tags
        # names are plain strings (docs/data-model.md)
        assert {row["category"] for row in rows} == {Literal("Cars"), Literal("Trucks")}
        assert {row["number"] for row in rows} == {Literal(7)}
        assert {row["km"].toPython() for row in rows if isinstance(row["km"], Literal)} == {489}


@pytest.mark.parametrize("name", RESULT_TYPES)
def test_ask_results_in_every_format_say_true(fetch_app: Fetch, name: str) -> None:
    media_type = RESULT_TYPES[name]
    reply = fetch_app.sparql(PREFIXES + "ASK { ?stage a rally:Stage ; rally:stageNumber 20 }", accept=media_type)
    assert reply.status == 200, reply.text
    assert reply.media_type == media_type
    if name in ("json", "xml"):
        result = reply.results()
        assert result.type == "ASK" and result.askAnswer is True
    else:  # SPARQL 1.1 CSV/TSV define no boolean form: the endpoint sends the word
        assert reply.text.strip() == "true"


@pytest.mark.parametrize("name", GRAPH_TYPES)
@pytest.mark.parametrize("form", ["construct", "describe"])
def test_graphs_in_every_format_parse_back(fetch: Fetch, name: str, form: str) -> None:
    media_type = GRAPH_TYPES[name]
    query = STAGE_DISTANCES if form == "construct" else f"DESCRIBE <{KLEINSCHMIDT}>"
    reply = fetch.sparql(query, accept=media_type)
    assert reply.status == 200, reply.text
    assert reply.media_type == media_type
    graph = reply.graph()
    if form == "construct":
        assert len(graph) == 20
        assert graph.value(STAGE_7, RALLY.distanceKm) == Literal(
            "489", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")
        )
    else:
        assert (KLEINSCHMIDT, RALLY.countryForSport, GERMANY) in graph
        assert (KLEINSCHMIDT, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Jutta Kleinschmidt")) in graph


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("application/sparql-results+xml;q=0.5, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
        ("application/sparql-results+json;q=0.2, application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
        ("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/xml"),
        ("application/json", "application/json"),
        ("image/png, text/tab-separated-values;q=0.3", "text/tab-separated-values"),
        ("Application/SPARQL-Results+XML", "application/sparql-results+xml"),
    ],
)
def test_select_negotiates_the_best_acceptable_type(fetch_app: Fetch, accept: str | None, expected: str) -> None:
    reply = fetch_app.sparql(COUNT_STAGES, accept=accept)
    assert reply.status == 200, reply.text
    assert reply.media_type == expected
    assert [str(row["stages"]) for row in reply.rows()] == ["20"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/*", "text/turtle"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.2", "application/rdf+xml"),
        ("application/sparql-results+json, application/n-quads;q=0.1", "application/n-quads"),
        ("application/json", "application/json"),
    ],
)
def test_construct_negotiates_the_best_acceptable_type(fetch_app: Fetch, accept: str | None, expected: str) -> None:
    reply = fetch_app.sparql(STAGE_DISTANCES, accept=accept)
    assert reply.status == 200, reply.text
    assert reply.media_type == expected
    assert len(reply.graph()) == 20


def test_a_text_type_carries_a_charset(fetch_app: Fetch) -> None:
    reply = fetch_app.sparql(COUNT_STAGES, accept="text/csv")
    assert reply.status == 200
    assert "charset=utf-8" in (reply.headers.get("Content-Type") or "").replace(" ", "").lower()


@pytest.mark.parametrize(
    ("query", "value", "expected"),
    [
        (COUNT_STAGES, "xml", "application/sparql-results+xml"),
        (COUNT_STAGES, "csv", "text/csv"),
        (COUNT_STAGES, "tsv", "text/tab-separated-values"),
        (COUNT_STAGES, "application/sparql-results+xml", "application/sparql-results+xml"),
        (STAGE_DISTANCES, "json", "application/ld+json"),
        (STAGE_DISTANCES, "nt", "application/n-triples"),
        (STAGE_DISTANCES, "xml", "application/rdf+xml"),
        (STAGE_DISTANCES, "trig", "application/trig"),
    ],
)
def test_the_format_parameter_overrides_accept(fetch: Fetch, query: str, value: str, expected: str) -> None:
    reply = fetch.sparql(query, accept="application/sparql-results+json, text/turtle", params={"format": value})
    assert reply.status == 200, reply.text
    assert reply.media_type == expected
    if query == COUNT_STAGES:
        assert [str(row["stages"]) for row in reply.rows()] == ["20"]
    else:
        assert len(reply.graph()) == 20


def test_an_unknown_format_parameter_is_a_400(fetch_app: Fetch) -> None:
    reply = fetch_app.sparql(COUNT_STAGES, params={"format": "spreadsheet"})
    assert reply.status == 400
    assert "spreadsheet" in reply.text


@pytest.mark.parametrize(
    ("query", "accept", "params"),
    [  # (a graph asked for with result formats only comes as RDF: test_a_graph_asked_for_with_result_formats_only...)
        (f"DESCRIBE <{KLEINSCHMIDT}>", "image/png", {}),
        (COUNT_STAGES, "image/png", {}),
        (COUNT_STAGES, "text/turtle", {}),
        (PREFIXES + "ASK { ?s a rally:Stage }", "application/rdf+xml", {}),
        (COUNT_STAGES, None, {"format": "turtle"}),
        (STAGE_DISTANCES, None, {"format": "csv"}),
    ],
)
def test_nothing_acceptable_is_a_406(fetch: Fetch, query: str, accept: str | None, params: dict[str, str]) -> None:
    reply = fetch.sparql(query, accept=accept, params=params)
    assert reply.status == 406, reply.text
    assert "Traceback" not in reply.text


def test_answers_say_they_vary_with_accept(fetch_app: Fetch) -> None:
    reply = fetch_app.sparql(COUNT_STAGES)
    assert "accept" in {v.strip().lower() for v in (reply.headers.get("Vary") or "").split(",")}


def test_json_results_are_the_sparql_json_format(fetch_app: Fetch) -> None:
    reply = fetch_app.sparql(PREFIXES + f"SELECT ?country WHERE {{ <{KLEINSCHMIDT}> rally:countryForSport ?country }}")
    document = reply.json()
    assert document["head"] == {"vars": ["country"]}
    assert document["results"]["bindings"] == [{"country": {"type": "uri", "value": str(GERMANY)}}]
    assert reply.rows() == [{"country": GERMANY}]


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_a_browser_opening_the_endpoint_is_sent_to_the_query_editor(fetch_app: Fetch, fetch_http: Fetch) -> None:
    reply = fetch_app("GET", "/sparql", headers={"Accept": BROWSER})
    assert reply.status == 303 and reply.headers["Location"] == fetch_app.base + "/editor"
    assert fetch_app("GET", "/sparql", headers={"Accept": "*/*"}).media_type == "text/turtle"  # a client: the description
    followed = fetch_http("GET", "/sparql", headers={"Accept": BROWSER})  # urllib follows the redirect
    assert followed.status == 200 and followed.media_type == "text/html" and "<textarea" in followed.text


def test_format_html_sends_a_query_to_the_editor_and_a_browser_accept_alone_does_not(fetch_app: Fetch) -> None:
    reply = fetch_app("GET", "/sparql", params={"query": COUNT_STAGES, "format": "html"})
    assert reply.status == 303
    assert reply.headers["Location"] == fetch_app.base + "/editor?" + urlencode({"query": COUNT_STAGES})
    assert fetch_app.sparql(COUNT_STAGES, accept=BROWSER).media_type == "application/xml"
