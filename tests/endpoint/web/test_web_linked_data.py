"""Dereferencing on a real server: 303 redirects by Accept, data documents parsed back into RDF, the ontology.

Expected facts are read off data/2001_Dakar_Rally.txt by hand: "- Driver1: DEU Jutta Kleinschmidt"
(line 8) and "- 205 Jutta Kleinschmidt" (line 72, Mitsubishi's cars) make her German, number 205, in
a Mitsubishi.
"""

from __future__ import annotations

import warnings

import pytest
from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef

from .support import Site, http_get

RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
JUTTA = "person/jutta-kleinschmidt"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDF_TYPES = {
    "text/turtle": ("ttl", "turtle"),
    "application/n-triples": ("nt", "nt"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/rdf+xml": ("rdf", "xml"),
}


def parse(body: bytes, fmt: str) -> Graph:
    """Return a document parsed with rdflib (its JSON-LD parser warns about rdflib's own deprecations)."""
    graph = Graph()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        graph.parse(data=body, format=fmt)
    return graph


def test_a_browser_is_sent_from_a_resource_iri_to_its_page(site: Site) -> None:
    reply = http_get(site.iri(JUTTA), accept=BROWSER_ACCEPT)
    assert reply.status == 303
    assert reply.headers["location"] == f"/page/{JUTTA}"
    assert "Accept" in reply.headers["vary"]


@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_an_rdf_client_is_sent_to_the_data_document_it_asked_for(site: Site, media_type: str) -> None:
    suffix, fmt = RDF_TYPES[media_type]
    reply = http_get(site.iri(JUTTA), accept=media_type)
    assert reply.status == 303
    assert reply.headers["location"] == f"/data/{JUTTA}.{suffix}"
    document = http_get(site.root + reply.headers["location"])
    assert document.status == 200 and document.media_type == media_type
    graph = parse(document.body, fmt)
    person = URIRef(site.iri(JUTTA))
    assert (person, RALLY.countryForSport, URIRef(site.iri("country/DEU"))) in graph
    assert (person, RDFS.label, Literal("Jutta Kleinschmidt")) in graph


def test_rdflib_dereferences_a_resource_iri(site: Site) -> None:
    graph = Graph().parse(site.iri(JUTTA))
    person = URIRef(site.iri(JUTTA))
    assert (person, RDF.type, RALLY.Person) in graph
    assert graph.value(URIRef(site.iri("country/DEU")), RDFS.label) == Literal("Germany")
    entry = graph.value(None, RALLY.driver, person)
    assert entry is not None and "#205 " in str(graph.value(entry, RDFS.label))


def test_the_data_document_carries_links_both_ways_labels_and_provenance(site: Site) -> None:
    graph = parse(http_get(site.root + f"/data/{JUTTA}.ttl").body, "turtle")
    person = URIRef(site.iri(JUTTA))
    assert (URIRef(site.iri("edition/2001-dakar-rally/entry/cars/jutta-kleinschmidt")), RALLY.driver, person) in graph
    assert (URIRef(site.iri("manufacturer/mitsubishi")), RDFS.label, Literal("Mitsubishi")) in graph
    line = URIRef(site.iri("source/2001_Dakar_Rally.txt#line=71,72"))
    assert (person, PROV.wasDerivedFrom, line) in graph
    assert graph.value(line, PROV.value) == Literal("- 205 Jutta Kleinschmidt")
    assert graph.value(line, RALLY.lineNumber).toPython() == 72


def test_the_data_document_tells_inferred_statements_from_asserted_ones(site: Site) -> None:
    graph = parse(http_get(site.root + f"/data/{JUTTA}.ttl").body, "turtle")
    inferred = {
        (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
        for node in graph.subjects(DCTERMS.isPartOf, URIRef(site.iri("graph/inferred")))
    }
    person = URIRef(site.iri(JUTTA))
    mitsubishi = URIRef(site.iri("manufacturer/mitsubishi"))
    assert (person, RALLY.competedWithMake, mitsubishi) in graph
    assert (person, RALLY.competedWithMake, mitsubishi) in inferred
    assert (person, RALLY.countryForSport, URIRef(site.iri("country/DEU"))) not in inferred


def test_trig_keeps_the_asserted_inferred_and_metadata_graphs_apart(site: Site) -> None:
    reply = http_get(site.iri(JUTTA), accept="application/trig")
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        dataset.parse(data=http_get(site.root + reply.headers["location"]).body, format="trig")
    person = URIRef(site.iri(JUTTA))
    asserted = dataset.graph(URIRef(site.iri("graph/asserted")))
    inferred = dataset.graph(URIRef(site.iri("graph/inferred")))
    metadata = dataset.graph(URIRef(site.iri("graph/metadata")))
    assert (person, RALLY.countryForSport, URIRef(site.iri("country/DEU"))) in asserted
    assert (person, RALLY.competedWithMake, URIRef(site.iri("manufacturer/mitsubishi"))) in inferred
    assert (person, PROV.wasDerivedFrom, URIRef(site.iri("source/2001_Dakar_Rally.txt#line=71,72"))) in metadata


@pytest.mark.parametrize(("asked", "suffix"), [("?format=nt", "nt"), ("?format=jsonld", "jsonld"), ("?format=html", None)])
def test_the_format_parameter_overrides_accept(site: Site, asked: str, suffix: str | None) -> None:
    reply = http_get(site.iri(JUTTA) + asked, accept="text/turtle")
    assert reply.status == 303
    assert reply.headers["location"] == (f"/data/{JUTTA}.{suffix}" if suffix else f"/page/{JUTTA}")


def test_a_format_suffix_on_the_iri_leads_to_that_document(site: Site) -> None:
    reply = http_get(site.iri(JUTTA) + ".rdf", accept=BROWSER_ACCEPT)
    assert reply.status == 303 and reply.headers["location"] == f"/data/{JUTTA}.rdf"


def test_a_data_document_without_suffix_is_negotiated_and_says_where_it_lives(site: Site) -> None:
    reply = http_get(site.root + f"/data/{JUTTA}", accept="application/n-triples")
    assert reply.status == 200 and reply.media_type == "application/n-triples"
    assert reply.headers["content-location"] == f"/data/{JUTTA}.nt"


def test_the_source_document_dereferences_with_its_lines(site: Site) -> None:
    """Source lines are hash IRIs (…txt#line=71,72): the fragment never reaches the server, the document does."""
    graph = Graph().parse(site.iri("source/2001_Dakar_Rally.txt"))
    line = URIRef(site.iri("source/2001_Dakar_Rally.txt#line=71,72"))
    assert graph.value(line, PROV.value) == Literal("- 205 Jutta Kleinschmidt")
    page = http_get(site.iri("source/2001_Dakar_Rally.txt"), accept=BROWSER_ACCEPT, follow=True)
    assert 'id="line=71,72"' in page.body.decode()


def test_a_graph_name_leads_rdf_clients_to_the_graph_itself(site: Site) -> None:
    reply = http_get(site.iri("graph/asserted"), accept="application/n-triples")
    assert reply.status == 303 and reply.headers["location"].startswith("/rdf-graphs?graph=")
    graph = parse(http_get(site.root + reply.headers["location"]).body, "nt")
    assert (URIRef(site.iri(JUTTA)), RALLY.countryForSport, URIRef(site.iri("country/DEU"))) in graph
    assert (URIRef(site.iri(JUTTA)), RALLY.competedWithMake, URIRef(site.iri("manufacturer/mitsubishi"))) not in graph


def test_a_data_document_can_be_revalidated(site: Site) -> None:
    first = http_get(site.root + f"/data/{JUTTA}.nt")
    again = http_get(site.root + f"/data/{JUTTA}.nt", headers={"If-None-Match": first.headers["etag"]})
    assert first.status == 200 and again.status == 304


def test_an_iri_the_graph_does_not_mint_is_not_found(site: Site) -> None:
    reply = http_get(site.iri("person/nobody-at-all"), accept="text/turtle")
    assert reply.status == 404
    assert "person/nobody-at-all" in reply.body.decode()


def test_a_client_accepting_nothing_offered_gets_406(site: Site) -> None:
    reply = http_get(site.iri(JUTTA), accept="image/png")
    assert reply.status == 406
    assert "text/turtle" in reply.body.decode()


def test_rdflib_reads_the_ontology_from_its_document(site: Site) -> None:
    graph = Graph().parse(site.root + "/ontology")
    assert (RALLY.Edition, RDF.type, OWL.Class) in graph
    assert (RALLY.competedWithMake, RDF.type, OWL.ObjectProperty) in graph


def test_the_ontology_document_answers_browsers_with_its_documentation(site: Site) -> None:
    reply = http_get(site.root + "/ontology", accept=BROWSER_ACCEPT)
    assert reply.status == 200 and reply.media_type == "text/html"
    body = reply.body.decode()
    assert 'id="Edition"' in body and 'id="competedWithMake"' in body
    assert "Accept" in reply.headers["vary"]


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/ontology.ttl", "text/turtle"), ("/ontology.rdf", "application/rdf+xml"), ("/ontology/1.0.0", "text/turtle")],
)
def test_the_ontology_has_a_document_per_format_and_its_version_iri(site: Site, path: str, media_type: str) -> None:
    reply = http_get(site.root + path, accept="text/turtle")
    assert reply.status == 200 and reply.media_type == media_type
    fmt = "xml" if media_type == "application/rdf+xml" else "turtle"
    assert (RALLY.Stage, RDF.type, OWL.Class) in parse(reply.body, fmt)
