"""OWL 2 RL closure with owlrl, kept lean: no reflexive sameAs, no literal typing, no trivial triples."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

import owlrl.Closure
import owlrl.OWLRL
from owlrl import DeductiveClosure
from owlrl.OWLRL import OWLRL_Semantics
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, DefinedNamespace
from rdflib.term import Node

from loader.working_graph import FastIRI, WorkingGraph, distinct_texts, plain

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
# plain names: no namespace lookup per triple
_SAME_AS, _TYPE, _ALL_DIFFERENT, _THING = URIRef(OWL.sameAs), URIRef(RDF.type), URIRef(OWL.AllDifferent), URIRef(OWL.Thing)
_WIDENED = frozenset({URIRef(RDFS.domain), URIRef(RDFS.range)})
_RESTATED = _WIDENED | {URIRef(p) for p in (RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty)}
_RESTATED |= {_SAME_AS}


class InconsistentData(Exception):
    """The closure found a contradiction or merged two different resources."""


class LeanOWLRL(OWLRL_Semantics):  # type: ignore[misc]
    """owlrl's OWL 2 RL rules without eq-ref (x sameAs x for every node) and without literal typing.

    Every other rule runs as owlrl implements it; the inferences the data needs are the same.
    """

    def _equality(self, triple: Triple, cycle_num: int) -> None:
        s, p, o = triple
        if (p == _SAME_AS and s != o) or (p == _TYPE and o == _ALL_DIFFERENT):
            super()._equality(triple, cycle_num)

    def _one_time_rules_datatypes(self) -> None:
        return None

    def store_triple(self, t: Triple) -> None:
        """Keep a new triple unless it only makes the rules redo work whose results are there or are noise.

        Every cycle, each axiom re-scans the data it applies to: `C subClassOf C` and `p subPropertyOf p` re-derive
        what is there, every class `subClassOf owl:Thing` types everything a Thing, a domain or range widened to a
        superclass or a subproperty gives the types that `cax-sco` and `prp-spo1` give anyway, and a literal's types
        lead nowhere. Not storing them leaves the closure as it is less its noise (`is_noise`), a third as slow.
        """
        s, p, o = t
        if p in _RESTATED and (s == o or o == _THING or p in _WIDENED):
            return
        if type(s) is Literal or type(p) is Literal or (p == _TYPE and o == _THING):
            return
        if t not in self.graph:
            self.added_triples.add(t)


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

    def __init__(self, namespace: type[DefinedNamespace], term: Callable[[URIRef], URIRef]) -> None:
        names = [*namespace.__annotations__, *getattr(namespace, "_extras", ())]
        super().__init__(**{name: term(namespace[name]) for name in names if not name.startswith("_")})
        self._namespace = namespace
        self._term = term

    def __getattr__(self, name: str) -> URIRef:
        return self._term(getattr(self._namespace, name))

    def __getitem__(self, name: str) -> URIRef:
        return self._term(self._namespace[name])


@contextmanager
def fast_vocabulary(fast_iris: bool = False) -> Iterator[None]:
    """Let owlrl's rules read OWL, RDF and RDFS terms as plain attributes while a closure runs.

    owlrl names terms as `OWL.sameAs`, `RDF.type` … in every rule; on rdflib's DefinedNamespace
    each access is a metaclass __getattr__ call, millions per closure. The same URIRefs (FastIRIs with
    `fast_iris`) are served from a SimpleNamespace instead; the module globals are restored afterwards.
    """
    term: Callable[[URIRef], URIRef] = FastIRI if fast_iris else URIRef
    saved = (owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS, owlrl.Closure.RDF)
    owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS = (_PlainVocabulary(n, term) for n in (OWL, RDF, RDFS))
    owlrl.Closure.RDF = owlrl.OWLRL.RDF
    try:
        yield
    finally:
        owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS, owlrl.Closure.RDF = saved


ANNOTATIONS = frozenset(
    {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, SKOS.prefLabel, SKOS.altLabel}
    | {SKOS.definition, SKOS.note, SKOS.example, SKOS.scopeNote, DCTERMS.created, DCTERMS.modified, DCTERMS.title}
    | {DCTERMS.description, DCTERMS.license, DCTERMS.creator}
)


@dataclass(frozen=True)
class RuleInput:
    """Ontology + data split by what OWL 2 RL's rules read: the axioms, the data they apply to, and the rest."""

    axioms: list[Triple]
    data: list[Triple]
    unused: list[Triple]

    @property
    def used(self) -> list[Triple]:
        """Return what the rules read: the axioms and the data."""
        return self.axioms + self.data


def rule_input(ontology: Graph, asserted: Graph) -> RuleInput:
    """Split ontology + data into what OWL 2 RL's rules can use and what they cannot.

    The rules read the ontology's axioms (not its labels and comments) and the data's triples whose property
    the axioms mention or is RDF's, RDFS's or OWL's own (`rdf:type`, `owl:sameAs` …). A triple with any other
    property (a label, an alternative name, a link to Wikipedia) starts no rule: only owl:sameAs would copy it,
    and `close` runs again on everything when the closure holds one.
    """
    axioms = [t for t in ontology if t[1] not in ANNOTATIONS]
    mentioned = {term for s, _, o in axioms for term in (s, o)}
    data: list[Triple] = []
    unused: list[Triple] = [t for t in ontology if t[1] in ANNOTATIONS]
    for triple in asserted:
        (data if triple[1] in mentioned or _is_logical(triple[1]) else unused).append(triple)
    return RuleInput(axioms, data, unused)


def _is_logical(predicate: Node) -> bool:
    """Tell whether a predicate is one of RDF's, RDFS's or OWL's own, other than an annotation (rdf:type, owl:sameAs …)."""
    return predicate not in ANNOTATIONS and str(predicate).startswith(_LOGICAL)


_LOGICAL = (str(RDF), str(RDFS), str(OWL))


def closure(triples: list[Triple]) -> Graph:
    """Return the working graph of owlrl's closure of these triples (IRIs compared as text when that is exact)."""
    fast_iris = distinct_texts(triples)
    work = WorkingGraph(triples, fast_iris=fast_iris)
    with fast_vocabulary(fast_iris):
        DeductiveClosure(LeanOWLRL, improved_datatypes=False).expand(work)
    return work


def joins_resources(work: Graph) -> bool:
    """Tell whether a closure states owl:sameAs between two different terms."""
    return any(s != o for s, o in work.subject_objects(OWL.sameAs))


def close(ontology: Graph, asserted: Graph, base: str) -> Graph:
    """Return the triples OWL 2 RL adds to ontology + asserted data, minus noise; raise on inconsistency."""
    split = rule_input(ontology, asserted)
    work = closure(split.used)
    if joins_resources(work):  # owl:sameAs copies every triple of the resources it joins: give the rules all of them
        work = closure([*split.used, *split.unused])
    return inferred_graph(new_triples(work, [*split.used, *split.unused]), asserted, base)


def new_triples(work: Graph, given: Iterable[Triple]) -> list[Triple]:
    """Return what a closure added to what it was given, minus noise, in rdflib's own terms; raise on contradictions."""
    errors = [str(o) for s in work.subjects(RDF.type, ERROR_MESSAGE) for o in work.objects(s, ERROR_TEXT)]
    if errors:
        raise InconsistentData("the OWL 2 RL closure found contradictions: " + "; ".join(sorted(errors)))
    before = set(given)
    return [plain(t) for t in work if t not in before and not is_noise(t)]


def inferred_graph(triples: Iterable[Triple], asserted: Graph, base: str) -> Graph:
    """Return the inferred graph of these triples (with the asserted graph's prefixes); raise when it merges resources."""
    inferred = Graph(store="SimpleMemory")
    for prefix, namespace in asserted.namespaces():
        inferred.bind(prefix, namespace)
    for triple in triples:
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
