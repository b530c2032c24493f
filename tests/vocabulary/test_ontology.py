"""The ontology is well formed, documented, OWL 2 RL-safe, and matches the loader's namespace class."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from loader.pipeline import load_ontology
from vocabulary.namespaces import ONTOLOGY_IRI, RALLY

NS = str(RALLY._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_every_term_has_an_english_label_and_comment(ontology: Graph) -> None:
    for term in _terms(ontology):
        assert any(getattr(label, "language", None) == "en" for label in ontology.objects(term, RDFS.label)), term
        assert any(getattr(c, "language", None) == "en" for c in ontology.objects(term, RDFS.comment)), term


def test_every_property_has_domain_and_range(ontology: Graph) -> None:
    properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty)) | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    missing_domain = {p for p in properties if str(p).startswith(NS) and ontology.value(p, RDFS.domain) is None}
    missing_range = {p for p in properties if str(p).startswith(NS) and ontology.value(p, RDFS.range) is None}
    # rally:category is shared by entries, classifications and cancellations; rally:wikidata points outside;
    # rally:reason, rally:note and rally:concerns apply to several classes: no single domain would be true;
    # rally:wikidata, rally:countryForSportWikidata, rally:concerns and rally:variantOf point at anything
    assert missing_domain <= {RALLY.category, RALLY.wikidata, RALLY.reason, RALLY.note, RALLY.concerns}
    assert missing_range <= {RALLY.wikidata, RALLY.countryForSportWikidata, RALLY.concerns, RALLY.variantOf}


def test_namespace_class_lists_exactly_the_ontology_terms(ontology: Graph) -> None:
    declared = {URIRef(NS + name) for name in RALLY.__annotations__}
    assert declared == _terms(ontology)


def test_ontology_has_version_and_licence(ontology: Graph) -> None:
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/license")) is not None


@pytest.mark.parametrize(
    "construct",
    [
        OWL.hasKey,
        OWL.FunctionalProperty,
        OWL.InverseFunctionalProperty,
        OWL.maxCardinality,
        OWL.cardinality,
        OWL.maxQualifiedCardinality,
        OWL.sameAs,
    ],
)
def test_no_constructs_that_make_owlrl_merge_nodes_on_dirty_data(ontology: Graph, construct: URIRef) -> None:
    assert not any(construct in triple for triple in ontology)


def test_alignments_point_one_way_only(ontology: Graph) -> None:
    """Our terms are sub-terms of schema.org/Wikidata ones, never the other way round (bar two safe equivalences)."""
    for s, _p, o in ontology.triples((None, RDFS.subClassOf, None)):
        assert str(s).startswith(NS), (s, o)
    for s, _p, o in ontology.triples((None, RDFS.subPropertyOf, None)):
        assert str(s).startswith(NS), (s, o)
    equivalences = {(s, o) for s, o in ontology.subject_objects(OWL.equivalentClass) if isinstance(o, URIRef)}
    assert equivalences == {
        (RALLY.Person, URIRef("https://schema.org/Person")),
        (RALLY.Country, URIRef("https://schema.org/Country")),
    }
