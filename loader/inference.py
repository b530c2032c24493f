"""OWL 2 RL closure with owlrl, kept lean: no reflexive sameAs, no literal typing, no trivial triples."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import owlrl.Closure
import owlrl.OWLRL
from owlrl import DeductiveClosure
from owlrl.OWLRL import OWLRL_Semantics
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DefinedNamespace
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
ERROR_MESSAGE = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
_META_TYPES = {
    OWL.Thing,
    RDFS.Resource,
    OWL.Class,
    RDFS.Class,
    OWL.NamedIndividual,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    RDFS.Datatype,
    OWL.Restriction,
    OWL.TransitiveProperty,
    OWL.Ontology,
}


_XSD = str(XSD)


class InconsistentData(Exception):
    """The closure found a contradiction or merged two different resources."""


class LeanOWLRL(OWLRL_Semantics):  # type: ignore[misc]
    """owlrl's OWL 2 RL rules without eq-ref (x sameAs x for every node) and without literal typing.

    Every other rule runs as owlrl implements it; the inferences the data needs are the same.
    """

    def _equality(self, triple: Triple, cycle_num: int) -> None:
        s, p, o = triple
        if (p == OWL.sameAs and s != o) or (p == RDF.type and o == OWL.AllDifferent):
            super()._equality(triple, cycle_num)

    def _one_time_rules_datatypes(self) -> None:
        return None


def is_noise(triple: Triple) -> bool:
    """Return whether an inferred triple says nothing a user wants: literal subjects, bnodes, reflexive
    or meta-level statements (every class is a class, every resource a Thing, C subClassOf C,
    domains and ranges widened to superclasses)."""
    s, p, o = triple
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode) or isinstance(p, (Literal, BNode)):
        return True
    if str(s).startswith(_XSD):  # datatype axioms (xsd:boolean disjointWith xsd:decimal, …)
        return True
    if s == o and p in (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty):
        return True
    if p == RDF.type and o in _META_TYPES:
        return True
    if p in (RDFS.subClassOf, OWL.equivalentClass) and (o == OWL.Thing or s == OWL.Nothing):
        return True
    # scm-dom/scm-rng: a property's domain or range widened to every superclass; schema-level noise
    return p in (RDFS.domain, RDFS.range)


class _PlainVocabulary(SimpleNamespace):
    """Terms as plain attributes; a term not listed falls back to the DefinedNamespace."""

    def __init__(self, namespace: type[DefinedNamespace]) -> None:
        names = [*namespace.__annotations__, *getattr(namespace, "_extras", ())]
        super().__init__(**{name: namespace[name] for name in names if not name.startswith("_")})
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        return getattr(self._namespace, name)  # type: ignore[no-any-return]

    def __getitem__(self, name: str) -> URIRef:
        return self._namespace[name]


def _plain(namespace: type[DefinedNamespace]) -> _PlainVocabulary:
    """Return the terms of an rdflib DefinedNamespace as plain attributes (a dict lookup instead of a metaclass call)."""
    return _PlainVocabulary(namespace)


@contextmanager
def fast_vocabulary() -> Iterator[None]:
    """Let owlrl's rules read OWL, RDF and RDFS terms as plain attributes while a closure runs.

    owlrl names terms as `OWL.sameAs`, `RDF.type` … in every rule; on rdflib's DefinedNamespace
    each access is a metaclass __getattr__ call, millions per closure. The same URIRefs are served
    from a SimpleNamespace instead; the module globals are restored afterwards.
    """
    saved = (owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS, owlrl.Closure.RDF)
    owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS = _plain(OWL), _plain(RDF), _plain(RDFS)
    owlrl.Closure.RDF = owlrl.OWLRL.RDF
    try:
        yield
    finally:
        owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS, owlrl.Closure.RDF = saved


def close(ontology: Graph, asserted: Graph, base: str) -> Graph:
    """Return the triples OWL 2 RL adds to ontology + asserted data, minus noise; raise on inconsistency."""
    work = Graph(store="SimpleMemory")
    for graph in (ontology, asserted):
        for triple in graph:
            work.add(triple)
    before = set(work)
    with fast_vocabulary():
        DeductiveClosure(LeanOWLRL, improved_datatypes=False).expand(work)
    errors = [str(o) for s in work.subjects(RDF.type, ERROR_MESSAGE) for o in work.objects(s, ERROR_TEXT)]
    if errors:
        raise InconsistentData("the OWL 2 RL closure found contradictions: " + "; ".join(sorted(errors)))
    inferred = Graph()
    for prefix, namespace in asserted.namespaces():
        inferred.bind(prefix, namespace)
    for triple in work:
        if triple not in before and not is_noise(triple):
            inferred.add(triple)
    check_no_merges(inferred, base)
    return inferred


def check_no_merges(inferred: Iterable[Triple] | Graph, base: str) -> None:
    """Raise when the closure says two different minted resources are the same."""
    triples = inferred.triples((None, OWL.sameAs, None)) if isinstance(inferred, Graph) else inferred
    merged = sorted(
        {
            tuple(sorted((str(s), str(o))))
            for s, p, o in triples
            if p == OWL.sameAs and s != o and str(s).startswith(base) and str(o).startswith(base)
        }
    )
    if merged:
        pairs = "; ".join(f"{a} = {b}" for a, b in merged[:10])
        raise InconsistentData(f"the OWL 2 RL closure merged {len(merged)} pairs of different resources: {pairs}")
