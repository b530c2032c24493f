"""The lean closure is owlrl's closure: same useful triples, no noise, no merges."""

from __future__ import annotations

from pathlib import Path

import pytest
from owlrl import DeductiveClosure
from owlrl.OWLRL import OWLRL_Semantics
from rdflib import OWL, RDF, Graph, Literal, URIRef

from bench.corpus import write_corpus
from loader.editions_closure import close_by_edition
from loader.inference import InconsistentData, check_no_merges, close, is_noise
from loader.pipeline import Build, load_ontology, load_paths
from vocabulary.iris import DEFAULT_BASE, Minter


@pytest.fixture(scope="module")
def plain_closure(dakar: Build) -> set[tuple[object, object, object]]:
    """What plain owlrl (OWLRL_Semantics, defaults) adds to ontology + asserted data."""
    graph = Graph()
    for source in (load_ontology(), dakar.graph("asserted")):
        for triple in source:
            graph.add(triple)
    before = set(graph)
    DeductiveClosure(OWLRL_Semantics).expand(graph)
    return set(graph) - before


def test_lean_closure_equals_plain_owlrl_minus_noise(dakar: Build, plain_closure: set[tuple[object, object, object]]) -> None:
    ours = set(dakar.graph("inferred"))
    reference = {t for t in plain_closure if not is_noise(t)}  # type: ignore[arg-type]
    assert ours == reference, (sorted(ours - reference)[:5], sorted(reference - ours)[:5])


def test_what_the_lean_closure_leaves_out_is_only_noise(dakar: Build, plain_closure: set[tuple[object, object, object]]) -> None:
    left_out = plain_closure - set(dakar.graph("inferred"))
    assert left_out, "plain owlrl adds noise (reflexive sameAs, literal typing) that we expect to drop"
    assert all(is_noise(t) for t in left_out)  # type: ignore[arg-type]


def test_inferred_graph_has_no_literal_subjects_or_reflexive_sameas(dakar: Build) -> None:
    for s, p, o in dakar.graph("inferred"):
        assert not isinstance(s, Literal)
        assert not (p == OWL.sameAs and s == o)


def test_inferred_graph_repeats_nothing_asserted(dakar: Build) -> None:
    asserted = set(dakar.graph("asserted")) | set(dakar.graph("ontology"))
    assert not asserted & set(dakar.graph("inferred"))


def test_closure_is_idempotent(dakar: Build) -> None:
    everything = Graph()
    for triple in dakar.graph("asserted"):
        everything.add(triple)
    for triple in dakar.graph("inferred"):
        everything.add(triple)
    assert len(close(load_ontology(), everything, DEFAULT_BASE)) == 0


def test_sameas_between_two_minted_resources_fails_the_build() -> None:
    a, b = URIRef(DEFAULT_BASE + "person/a"), URIRef(DEFAULT_BASE + "person/b")
    with pytest.raises(InconsistentData, match="person/a = .*person/b"):
        check_no_merges([(a, OWL.sameAs, b)], DEFAULT_BASE)


def test_functional_property_on_dirty_data_would_be_caught() -> None:
    """If someone adds a functional property, two values for one subject merge two resources: the build fails."""
    ontology = load_ontology()
    prop = URIRef("https://w3id.org/rally-kg/ontology#entrant")
    ontology.add((prop, RDF.type, OWL.FunctionalProperty))
    data = Graph()
    entry = URIRef(DEFAULT_BASE + "edition/x/entry/cars/a")
    data.add((entry, prop, URIRef(DEFAULT_BASE + "entrant/one")))
    data.add((entry, prop, URIRef(DEFAULT_BASE + "entrant/two")))
    with pytest.raises(InconsistentData, match="entrant/one = .*entrant/two"):
        close(ontology, data, DEFAULT_BASE)


def test_owlrl_vocabulary_is_restored_after_a_closure() -> None:
    import owlrl.OWLRL
    from rdflib.namespace import OWL as RDFLIB_OWL

    close(load_ontology(), Graph(), DEFAULT_BASE)
    assert owlrl.OWLRL.OWL is RDFLIB_OWL


def plain_owlrl(ontology: Graph, data: Graph) -> set[tuple[object, object, object]]:
    """What plain owlrl adds to ontology + data, less noise."""
    graph = Graph()
    for source in (ontology, data):
        for triple in source:
            graph.add(triple)
    before = set(graph)
    DeductiveClosure(OWLRL_Semantics).expand(graph)
    return {t for t in set(graph) - before if not is_noise(t)}  # type: ignore[arg-type]


RALLY_NS = "https://w3id.org/rally-kg/ontology#"


def test_an_outside_resource_declared_the_same_gets_every_triple_labels_included() -> None:
    """owl:sameAs copies triples the rules otherwise never read (labels): the closure then runs on everything."""
    person, outside = URIRef(DEFAULT_BASE + "person/x"), URIRef("http://www.wikidata.org/entity/Q1")
    data = Graph()
    data.add((person, RDF.type, URIRef(RALLY_NS + "Person")))
    data.add((person, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Xavier Example")))
    data.add((person, OWL.sameAs, outside))
    ours = set(close(load_ontology(), data, DEFAULT_BASE))
    assert (outside, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Xavier Example")) in ours
    assert ours == plain_owlrl(load_ontology(), data)


def test_a_literal_spelled_like_an_iri_is_not_taken_for_it() -> None:
    """IRIs are compared as text during a closure only when no literal has the text of an IRI."""
    person = URIRef(DEFAULT_BASE + "person/y")
    data = Graph()
    data.add((person, RDF.type, URIRef(RALLY_NS + "Person")))
    data.add((person, URIRef(RALLY_NS + "wikipediaTitle"), Literal(RALLY_NS + "Person")))
    data.add((person, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(str(OWL.Thing))))
    ours = set(close(load_ontology(), data, DEFAULT_BASE))
    assert ours == plain_owlrl(load_ontology(), data)
    assert all(not isinstance(s, Literal) for s, _, _ in ours)


def test_on_a_generated_corpus_the_closure_is_plain_owlrls_less_noise(tmp_path: Path) -> None:
    """Two editions sharing people (bench/corpus.py): the same closure as owlrl's own on the whole input."""
    built = load_paths([write_corpus(tmp_path, 2, seed=3)[0].parent])
    ours = set(built.graph("inferred"))
    reference = plain_owlrl(load_ontology(), built.graph("asserted"))
    assert ours == reference, (sorted(ours - reference)[:5], sorted(reference - ours)[:5])


def test_closing_a_corpus_edition_by_edition_gives_owlrls_closure_of_the_whole(tmp_path: Path) -> None:
    """`rally-kg build --jobs N`: groups of editions closed apart, in N processes, add what the whole closure adds."""
    corpus = write_corpus(tmp_path, 3, seed=5)[0].parent
    whole = load_paths([corpus])
    by_edition = load_paths([corpus], jobs=2)
    assert set(by_edition.graph("inferred")) == set(whole.graph("inferred"))
    reference = plain_owlrl(load_ontology(), whole.graph("asserted"))
    assert set(by_edition.graph("inferred")) == reference


def test_a_corpus_whose_closure_joins_resources_is_closed_whole(tmp_path: Path) -> None:
    """owl:sameAs copies triples from one group of editions to another: the build then closes everything at once."""
    corpus = write_corpus(tmp_path, 2, seed=5)[0].parent
    whole = load_paths([corpus])
    person = next(iter(whole.graph("asserted").subjects(RDF.type, URIRef(RALLY_NS + "Person"))))
    ontology, data = load_ontology(), Graph()
    for triple in whole.graph("asserted"):
        data.add(triple)
    data.add((person, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")))
    assert close_by_edition(ontology, data, Minter(DEFAULT_BASE), 2) is None
