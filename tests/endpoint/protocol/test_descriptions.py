"""Documents about the service: the SPARQL Service Description, VoID, the read-only graph store, the data dumps.

Hand-read from the article: 20 stages (each with a number and a length), 3 categories (motorcycles,
cars, trucks), 1 rest day (11 January at Atar).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import OWL, RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

if TYPE_CHECKING:
    from tests.endpoint.conftest import FetchFactory
    from tests.endpoint.support import Fetch

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
OWL_RDF_BASED = URIRef("http://www.w3.org/ns/entailment/OWL-RDF-Based")
OWL_RL = URIRef("http://www.w3.org/ns/owl-profile/RL")
CC_BY_SA = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
BASE = "http://127.0.0.1:5000/id/"
GRAPH = {name: BASE + f"graph/{name}" for name in ("asserted", "inferred", "ontology", "metadata")}
LOPRAIS_FINAL = URIRef(BASE + "edition/2001-dakar-rally/final/trucks/result/karel-loprais")

GRAPH_TYPES = [
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
]


def document(fetch: Fetch, path: str, accept: str | None = "text/turtle", **params: str) -> Graph:
    reply = fetch("GET", path, params=params, headers={"Accept": accept} if accept else {})
    assert reply.status == 200, reply.text
    if accept:
        assert reply.media_type == accept
    return reply.graph()


def only(graph: Graph, subject: Node | None, predicate: URIRef) -> Node:
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, f"{subject} {predicate}: {values}"
    return values[0]


@pytest.fixture(scope="module")
def dump(built: Path) -> Dataset:
    """The built N-Quads, read with rdflib: what the endpoint serves."""
    dataset = Dataset()
    dataset.parse(data=(built / "dataset.nq").read_bytes(), format="nquads")
    return dataset


# --- SPARQL Service Description -------------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", GRAPH_TYPES)
def test_the_service_description_parses_back_in_every_format(fetch: Fetch, accept: str) -> None:
    graph = document(fetch, "/sparql", accept)
    service = URIRef(fetch.base + "/sparql")
    assert (service, RDF.type, SD.Service) in graph
    assert (service, SD.endpoint, service) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.defaultEntailmentRegime, OWL_RDF_BASED) in graph
    assert (service, SD.defaultSupportedEntailmentProfile, OWL_RL) in graph
    results = {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV, FORMATS.SPARQL_Results_TSV}
    assert results <= set(graph.objects(service, SD.resultFormat))


def test_the_service_description_names_the_four_graphs(fetch: Fetch) -> None:
    graph = document(fetch, "/sparql")
    service = URIRef(fetch.base + "/sparql")
    dataset = only(graph, service, SD.defaultDataset)
    named = {only(graph, node, SD.name) for node in graph.objects(dataset, SD.namedGraph)}
    assert named == {URIRef(iri) for iri in GRAPH.values()}
    default = only(graph, dataset, SD.defaultGraph)
    assert (default, RDF.type, SD.Graph) in graph


def test_the_service_description_is_the_default_answer_without_accept(fetch_app: Fetch) -> None:
    reply = fetch_app("GET", "/sparql")
    assert reply.status == 200
    assert reply.media_type == "text/turtle"
    assert (URIRef(fetch_app.base + "/sparql"), RDF.type, SD.Service) in reply.graph()


def test_the_service_description_in_an_unacceptable_type_is_a_406(fetch_app: Fetch) -> None:
    assert fetch_app("GET", "/sparql", headers={"Accept": "text/csv"}).status == 406


@pytest.mark.parametrize(("path", "link"), [("/sparql", SD.endpoint), ("/.well-known/void", VOID.sparqlEndpoint)])
def test_the_documents_name_the_host_they_were_asked_at(make_fetch: FetchFactory, path: str, link: URIRef) -> None:
    fetch = make_fetch()
    for host in ("localhost", "rally.example.org"):
        reply = fetch("GET", path, headers={"Accept": "text/turtle", "Host": host})
        assert reply.status == 200
        assert set(reply.graph().objects(None, link)) == {URIRef(f"http://{host}/sparql")}


# --- VoID ----------------------------------------------------------------------------------------------------------


def void_dataset(fetch: Fetch, accept: str = "text/turtle") -> tuple[Graph, URIRef]:
    """Return the VoID document and its dataset node (the one whose SPARQL endpoint is this service)."""
    graph = document(fetch, "/.well-known/void", accept)
    (node,) = graph.subjects(VOID.sparqlEndpoint, URIRef(fetch.base + "/sparql"))
    assert isinstance(node, URIRef)
    return graph, node


def partitions(graph: Graph, node: URIRef, kind: URIRef, key: URIRef, size: URIRef) -> dict[URIRef, int]:
    """Return a VoID dataset's class or property partitions: class or property -> entities or triples."""
    found: dict[URIRef, int] = {}
    for partition in graph.objects(node, kind):
        name, count = only(graph, partition, key), only(graph, partition, size)
        assert isinstance(name, URIRef) and isinstance(count, Literal)
        assert name not in found, f"two partitions for {name}"
        found[name] = int(count)
    return found


@pytest.mark.parametrize("accept", GRAPH_TYPES)
def test_void_counts_every_triple_served(fetch: Fetch, dump: Dataset, accept: str) -> None:
    graph, node = void_dataset(fetch, accept)
    served = sum(len(g) for g in dump.graphs() if str(g.identifier) in GRAPH.values())
    assert only(graph, node, VOID.triples) == Literal(served)
    subsets = {only(graph, s, SD.name): only(graph, s, VOID.triples) for s in graph.objects(node, VOID.subset)}
    assert subsets == {URIRef(iri): Literal(len(dump.graph(URIRef(iri)))) for iri in GRAPH.values()}


def test_void_class_partitions_count_the_entities_read_by_hand(fetch: Fetch) -> None:
    graph, node = void_dataset(fetch)
    classes = partitions(graph, node, VOID.classPartition, VOID["class"], VOID.entities)
    assert classes[RALLY.Stage] == 20
    assert classes[RALLY.Category] == 3
    assert classes[RALLY.RestDay] == 1
    assert RALLY.StageWin in classes  # an inferred class: the partitions cover the default graph, inferences included


def test_void_property_partitions_count_the_triples_read_by_hand(fetch: Fetch) -> None:
    graph, node = void_dataset(fetch)
    properties = partitions(graph, node, VOID.propertyPartition, VOID.property, VOID.triples)
    assert properties[RALLY.stageNumber] == 20
    assert properties[RALLY.distanceKm] == 20
    assert only(graph, node, VOID.properties) == Literal(len(properties))


def test_void_gives_the_licence_and_the_vocabularies(fetch_app: Fetch) -> None:
    graph, node = void_dataset(fetch_app)
    assert (node, RDF.type, VOID.Dataset) in graph
    assert (node, DCTERMS.license, CC_BY_SA) in graph
    assert (node, VOID.vocabulary, URIRef(str(RALLY))) in graph
    assert (node, VOID.uriSpace, Literal(BASE)) in graph


def test_void_example_resources_are_described_here(fetch: Fetch) -> None:
    graph, node = void_dataset(fetch)
    examples = list(graph.objects(node, VOID.exampleResource))
    assert examples
    for example in examples:
        assert str(example).startswith(BASE)
        reply = fetch.sparql(f"ASK {{ <{example}> ?p ?o }}")
        assert reply.results().askAnswer is True, example


def test_void_data_dumps_answer_with_the_whole_dataset(fetch: Fetch, dump: Dataset) -> None:
    graph, node = void_dataset(fetch)
    dumps = {str(d) for d in graph.objects(node, VOID.dataDump)}
    assert fetch.base + "/dump/dataset.nq" in dumps
    reply = fetch("GET", "/dump/dataset.nq")
    assert reply.status == 200
    assert reply.media_type == "application/n-quads"
    served = reply.dataset()
    assert {str(g.identifier) for g in served.graphs() if len(g)} == set(GRAPH.values())
    assert {name: len(served.graph(URIRef(iri))) for name, iri in GRAPH.items()} == {
        name: len(dump.graph(URIRef(iri))) for name, iri in GRAPH.items()
    }


def test_every_data_dump_listed_answers(fetch_app: Fetch) -> None:
    graph, node = void_dataset(fetch_app)
    for url in sorted(str(d) for d in graph.objects(node, VOID.dataDump)):
        reply = fetch_app("GET", url.removeprefix(fetch_app.base))
        assert reply.status == 200, url
        assert reply.media_type in ("application/n-quads", "application/trig"), url
        assert {str(g.identifier) for g in reply.dataset().graphs() if len(g)} == set(GRAPH.values())


def test_a_data_dump_is_a_304_to_if_none_match(fetch: Fetch) -> None:
    first = fetch("GET", "/dump/dataset.nq")
    etag = first.headers.get("ETag")
    assert first.status == 200 and etag
    assert fetch("GET", "/dump/dataset.nq", headers={"If-None-Match": etag}).status == 304


def test_an_unknown_dump_is_a_404(fetch_app: Fetch) -> None:
    assert fetch_app("GET", "/dump/secrets.txt").status == 404
    assert fetch_app("GET", "/dump/..%2fbuild.json").status == 404


# --- Graph store (read-only) ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["application/n-triples", "text/turtle"])
def test_the_graph_store_returns_the_ontology(fetch: Fetch, dump: Dataset, accept: str) -> None:
    graph = document(fetch, "/rdf-graphs", accept, graph=GRAPH["ontology"])
    assert (RALLY.Stage, RDF.type, OWL.Class) in graph
    assert (RALLY.StageWin, RDF.type, OWL.Class) in graph
    assert len(graph) == len(dump.graph(URIRef(GRAPH["ontology"])))
    assert not set(graph.subjects(RDF.type, RALLY.Stage))  # no data in the ontology


def test_the_graph_store_default_is_asserted_and_inferred(fetch: Fetch, dump: Dataset) -> None:
    graph = document(fetch, "/rdf-graphs", "application/n-triples", default="")
    expected = set(dump.graph(URIRef(GRAPH["asserted"]))) | set(dump.graph(URIRef(GRAPH["inferred"])))
    assert set(graph) == expected
    assert (LOPRAIS_FINAL, RALLY.position, Literal(1)) in graph  # asserted
    assert (LOPRAIS_FINAL, RDF.type, RALLY.WinningResult) in graph  # inferred
    assert (RALLY.Stage, RDF.type, OWL.Class) not in graph  # the ontology is a graph of its own


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"graph": "http://example.org/no-such-graph"}, 404),
        ({}, 400),
        ({"graph": GRAPH["ontology"], "default": ""}, 400),
        ([("graph", GRAPH["ontology"]), ("graph", GRAPH["metadata"])], 400),
    ],
)
def test_the_graph_store_refuses_what_names_no_one_graph(
    fetch: Fetch, params: dict[str, str] | list[tuple[str, str]], status: int
) -> None:
    reply = fetch("GET", "/rdf-graphs", params=params, headers={"Accept": "text/turtle"})
    assert reply.status == status, reply.text


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_the_graph_store_is_read_only(fetch: Fetch, method: str) -> None:
    reply = fetch(
        method,
        "/rdf-graphs",
        params={"graph": GRAPH["asserted"]},
        data="<http://example.org/a> <http://example.org/b> <http://example.org/c> .",
        content_type="application/n-triples",
    )
    assert reply.status == 405
    assert "GET" in (reply.headers.get("Allow") or "")
    still = fetch("GET", "/rdf-graphs", params={"graph": GRAPH["asserted"]}, headers={"Accept": "application/n-triples"})
    assert (URIRef("http://example.org/a"), None, None) not in still.graph()


def test_the_graph_store_in_an_unacceptable_type_is_a_406(fetch_app: Fetch) -> None:
    reply = fetch_app("GET", "/rdf-graphs", params={"graph": GRAPH["ontology"]}, headers={"Accept": "text/csv"})
    assert reply.status == 406
