"""Why an inferred triple holds: the OWL 2 RL rule that yields it, and the premises it was drawn from.

owlrl does not record how it derived a triple, so the explanation is found afterwards: each rule is a
SPARQL pattern over the closed data and the ontology with the triple's subject, predicate and object
bound; the first rules that match are one derivation step each. A premise may itself be inferred, and
is then explained the same way (one step at a time, as GraphDB's proof plugin does).

Rule names are those of the OWL 2 RL/RDF rules (OWL 2 Profiles, section 4.3); where the ontology
defines a class by an anonymous restriction, the two rules that pass through it are named together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS

from endpoint.core.lookup import DATA_GRAPHS, Term, select, text
from endpoint.core.service import Session
from endpoint.web.display import TermView, view
from vocabulary.iris import GRAPHS as ALL_GRAPHS
from vocabulary.namespaces import PREFIXES

OWL_2_RL_RULES = "https://www.w3.org/TR/owl2-profiles/#Reasoning_in_OWL_2_RL_and_RDF_Graphs_using_Rules"


@dataclass(frozen=True)
class Rule:
    """One OWL 2 RL rule (or two chained through an anonymous class), as a pattern with ?s ?p ?o bound."""

    name: str
    says: str  # what the rule says, in words
    concludes: str | None  # the predicate of what it concludes (None: any)
    where: str  # SPARQL group pattern over ?s ?p ?o and the premises' variables
    facts: tuple[tuple[str, str, str], ...]  # the premises, as patterns of variables and IRIs
    axiom: str  # the axiom used, shown with the premises; {name} are the query's variables


RULES: tuple[Rule, ...] = (
    Rule(
        "prp-spo1",
        "a statement with a sub-property is also a statement with its super-property",
        None,
        "?sub rdfs:subPropertyOf ?p . FILTER(?sub != ?p) ?s ?sub ?o .",
        (("?s", "?sub", "?o"),),
        "{sub} is a sub-property of {p}",
    ),
    Rule(
        "prp-inv",
        "a statement gives the inverse statement with the inverse property",
        None,
        "{ ?p owl:inverseOf ?inverse } UNION { ?inverse owl:inverseOf ?p } ?o ?inverse ?s .",
        (("?o", "?inverse", "?s"),),
        "{p} is the inverse of {inverse}",
    ),
    Rule(
        "prp-spo2",
        "a chain of statements along a property chain gives a statement with the chained property",
        None,
        "?p owl:propertyChainAxiom (?first ?second) . ?s ?first ?x . ?x ?second ?o .",
        (("?s", "?first", "?x"), ("?x", "?second", "?o")),
        "{p} is the chain {first} / {second}",
    ),
    Rule(
        "prp-spo2",
        "a chain of statements along a property chain gives a statement with the chained property",
        None,
        "?p owl:propertyChainAxiom (?first ?second ?third) . ?s ?first ?x . ?x ?second ?y . ?y ?third ?o .",
        (("?s", "?first", "?x"), ("?x", "?second", "?y"), ("?y", "?third", "?o")),
        "{p} is the chain {first} / {second} / {third}",
    ),
    Rule(
        "prp-trp",
        "a transitive property carries over through a middle term",
        None,
        "?p a owl:TransitiveProperty . ?s ?p ?x . ?x ?p ?o . FILTER(?x != ?s && ?x != ?o)",
        (("?s", "?p", "?x"), ("?x", "?p", "?o")),
        "{p} is transitive",
    ),
    Rule(
        "cls-hv2 + cax-eqc",
        "having the value a class is defined by makes a member of the class",
        str(RDF.type),
        "?o owl:equivalentClass ?restriction . ?restriction owl:onProperty ?property ; owl:hasValue ?value . ?s ?property ?value .",
        (("?s", "?property", "?value"),),
        "{o} is defined as: {property} value {value}",
    ),
    Rule(
        "cls-svf1 + cax-eqc",
        "a statement whose object is of the required class makes a member of the class defined by it",
        str(RDF.type),
        "?o owl:equivalentClass ?restriction . ?restriction owl:onProperty ?property ; owl:someValuesFrom ?filler ."
        " ?s ?property ?value . ?value a ?filler .",
        (("?s", "?property", "?value"), ("?value", "rdf:type", "?filler")),
        "{o} is defined as: {property} some {filler}",
    ),
    Rule(
        "cls-int1 + cls-svf1 + cax-eqc",
        "a member of every part of an intersection is a member of the class defined by it",
        str(RDF.type),
        "?o owl:equivalentClass ?intersection . ?intersection owl:intersectionOf (?class ?restriction) ."
        " ?restriction owl:onProperty ?property ; owl:someValuesFrom ?filler ."
        " ?s a ?class ; ?property ?value . ?value a ?filler .",
        (("?s", "rdf:type", "?class"), ("?s", "?property", "?value"), ("?value", "rdf:type", "?filler")),
        "{o} is defined as: {class} and ({property} some {filler})",
    ),
    Rule(
        "cax-sco + cls-hv1",
        "a member of a class that is a subclass of a value restriction has that value",
        None,
        "?class rdfs:subClassOf ?restriction . ?restriction owl:onProperty ?p ; owl:hasValue ?o . ?s a ?class .",
        (("?s", "rdf:type", "?class"),),
        "{class} is a subclass of: {p} value {o}",
    ),
    Rule(
        "cax-sco",
        "a member of a class is a member of its super-classes",
        str(RDF.type),
        "?class rdfs:subClassOf ?o . FILTER(?class != ?o && isIRI(?class)) ?s a ?class .",
        (("?s", "rdf:type", "?class"),),
        "{class} is a subclass of {o}",
    ),
    Rule(
        "cax-eqc",
        "a member of a class is a member of the classes equivalent to it",
        str(RDF.type),
        "{ ?class owl:equivalentClass ?o } UNION { ?o owl:equivalentClass ?class } FILTER(?class != ?o && isIRI(?class)) ?s a ?class .",
        (("?s", "rdf:type", "?class"),),
        "{class} is equivalent to {o}",
    ),
    Rule(
        "prp-dom",
        "the subject of a statement belongs to the domain of its property",
        str(RDF.type),
        "?property rdfs:domain ?o . ?s ?property ?value .",
        (("?s", "?property", "?value"),),
        "the domain of {property} is {o}",
    ),
    Rule(
        "prp-rng",
        "the object of a statement belongs to the range of its property",
        str(RDF.type),
        "?property rdfs:range ?o . ?value ?property ?s .",
        (("?value", "?property", "?s"),),
        "the range of {property} is {o}",
    ),
    Rule(
        "scm-sco",
        "subclass is transitive",
        str(RDFS.subClassOf),
        "?s rdfs:subClassOf ?middle . ?middle rdfs:subClassOf ?o . FILTER(?middle != ?s && ?middle != ?o && isIRI(?middle))",
        (("?s", "rdfs:subClassOf", "?middle"), ("?middle", "rdfs:subClassOf", "?o")),
        "subclass of a subclass",
    ),
    Rule(
        "scm-spo",
        "sub-property is transitive",
        str(RDFS.subPropertyOf),
        "?s rdfs:subPropertyOf ?middle . ?middle rdfs:subPropertyOf ?o . FILTER(?middle != ?s && ?middle != ?o)",
        (("?s", "rdfs:subPropertyOf", "?middle"), ("?middle", "rdfs:subPropertyOf", "?o")),
        "sub-property of a sub-property",
    ),
    Rule(
        "scm-eqc1",
        "equivalent classes are subclasses of each other",
        str(RDFS.subClassOf),
        "{ ?s owl:equivalentClass ?o } UNION { ?o owl:equivalentClass ?s }",
        (),
        "{s} is equivalent to {o}",
    ),
    Rule(
        "scm-int + scm-eqc1",
        "a class defined as an intersection is a subclass of each of its parts",
        str(RDFS.subClassOf),
        "?s owl:equivalentClass ?intersection . ?intersection owl:intersectionOf ?parts . ?parts rdf:rest*/rdf:first ?o .",
        (),
        "{s} is defined as an intersection that includes {o}",
    ),
    Rule(
        "eq-sym + scm-eqc",
        "class equivalence goes both ways",
        str(OWL.equivalentClass),
        "{ ?o owl:equivalentClass ?s } UNION { ?s rdfs:subClassOf ?o . ?o rdfs:subClassOf ?s }",
        (),
        "{o} is equivalent to {s}",
    ),
)

GRAPHS = ("asserted", "inferred", "ontology")
GRAPH_OF = "SELECT ?graph ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } }"


@dataclass(frozen=True)
class Premise:
    """A triple an explanation rests on, and the graph it is in (asserted, inferred or ontology)."""

    subject: Term
    predicate: ox.NamedNode
    object: Term
    graph: str


@dataclass(frozen=True)
class Explanation:
    """One derivation step: the rule, the axiom it used (with its terms), the premises."""

    rule: Rule
    axiom: str
    terms: dict[str, Term]
    premises: tuple[Premise, ...]


def _term(name: str, row: dict[str, Term]) -> Term:
    if name.startswith("?"):
        return row[name[1:]]
    prefix, _, local = name.partition(":")
    return ox.NamedNode(PREFIXES[prefix] + local)


def graph_of(lookups: Session, subject: Term, predicate: ox.NamedNode, value: Term) -> str | None:
    """Return the name of the graph a triple is in (asserted before inferred), None when it is in none."""
    found = {text(row, "graph") for row in select(lookups, GRAPH_OF, (), ALL_GRAPHS, s=subject, p=predicate, o=value)}
    return next((name for name in (*GRAPHS, "metadata") if lookups.dataset.graphs[name] in found), None)


def explain(lookups: Session, subject: Term, predicate: ox.NamedNode, value: Term, most: int = 3) -> list[Explanation]:
    """Return up to `most` one-step derivations of a triple: those resting on asserted premises first, then in rule order."""
    found: list[Explanation] = []
    for rule in RULES:
        if rule.concludes is not None and rule.concludes != predicate.value:
            continue
        query = f"SELECT DISTINCT * WHERE {{ {rule.where} }} LIMIT {most}"
        given = {"s": subject, "p": predicate, "o": value}
        bound = {name: term for name, term in given.items() if re.search(rf"\?{name}\b", rule.where)}
        for row in select(lookups, query, GRAPHS, DATA_GRAPHS, **bound):
            row = {**row, "s": subject, "p": predicate, "o": value}
            premises = []
            for s, p, o in rule.facts:
                triple = (_term(s, row), _term(p, row), _term(o, row))
                graph = graph_of(lookups, *triple)  # type: ignore[arg-type]
                premises.append(Premise(triple[0], triple[1], triple[2], graph or "?"))  # type: ignore[arg-type]
            found.append(Explanation(rule, rule.axiom, row, tuple(premises)))
    # steps from stated facts first: a step through an inferred premise may lead back to the triple itself
    return sorted(found, key=lambda e: sum(p.graph == "inferred" for p in e.premises))[:most]


# --- The page and its JSON twin ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PremiseView:
    """A premise as shown: its three terms, its graph, and the link explaining it when it was inferred."""

    terms: tuple[TermView, TermView, TermView]
    graph: str
    why: str | None


@dataclass(frozen=True)
class StepView:
    """One explanation as shown."""

    rule: str
    says: str
    axiom: str
    premises: tuple[PremiseView, ...]


@dataclass(frozen=True)
class ExplainPage:
    """What /explain shows for one triple."""

    triple: tuple[TermView, TermView, TermView]
    graph: str | None  # None: the graph does not hold the triple
    steps: tuple[StepView, ...]
    spec: str = OWL_2_RL_RULES


def link(subject: Term, predicate: ox.NamedNode, value: Term) -> str:
    """Return the URL of the explanation of a triple (its terms in N-Triples syntax)."""
    return "/explain?" + urlencode({"s": str(subject), "p": str(predicate), "o": str(value)})


def page(lookups: Session, subject: Term, predicate: ox.NamedNode, value: Term) -> ExplainPage:
    """Return the explanation page of a triple: where it is, and for an inferred one, the steps that yield it."""
    base = lookups.dataset.base
    graph = graph_of(lookups, subject, predicate, value)
    found_steps = explain(lookups, subject, predicate, value) if graph == "inferred" else []
    named = {subject, predicate, value}
    for step in found_steps:
        named |= set(step.terms.values())
        named |= {term for p in step.premises for term in (p.subject, p.predicate, p.object)}
    labels = _labels(lookups, [term for term in named if isinstance(term, ox.NamedNode) and term.value.startswith(base)])

    def shown(term: Term) -> TermView:
        return view(term, base, labels)

    steps = []
    if graph == "inferred":
        for found in found_steps:
            premises = tuple(
                PremiseView(
                    (shown(p.subject), shown(p.predicate), shown(p.object)),
                    p.graph,
                    link(p.subject, p.predicate, p.object) if p.graph == "inferred" else None,
                )
                for p in found.premises
            )
            axiom = found.axiom.format(**{name: shown(term).text for name, term in found.terms.items()})
            steps.append(StepView(found.rule.name, found.rule.says, axiom, premises))
    return ExplainPage((shown(subject), shown(predicate), shown(value)), graph, tuple(steps))


LABEL = "SELECT ?item ?label WHERE { ?item rdfs:label ?label } LIMIT 1"


def _labels(lookups: Session, items: list[ox.NamedNode]) -> dict[str, str]:
    """Return the labels of the dataset's own resources (ontology terms keep their compact names)."""
    labels = {}
    for item in items:
        rows = select(lookups, LABEL, item=item)
        if rows:
            labels[item.value] = rows[0]["label"].value  # type: ignore[union-attr]
    return labels


def as_json(found: ExplainPage) -> dict[str, Any]:
    """Return the explanation page's content as a JSON document (IRIs and literal texts)."""

    def term(shown: TermView) -> str:
        return shown.iri or shown.text

    return {
        "triple": [term(t) for t in found.triple],
        "graph": found.graph,
        "steps": [
            {
                "rule": step.rule,
                "says": step.says,
                "axiom": step.axiom,
                "premises": [{"triple": [term(t) for t in p.terms], "graph": p.graph, "explain": p.why} for p in step.premises],
            }
            for step in found.steps
        ],
        "rules": found.spec,
    }
