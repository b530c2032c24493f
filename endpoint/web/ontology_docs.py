"""Documentation of the ontology, generated from its graph (ontology/rally.ttl as served) and the data.

For each class and property: label, comment, hierarchy, alignments to schema.org / Wikidata / others,
the axioms that drive inference and what they infer here (counts of inferred facts), and example
individuals from the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from endpoint.core.answers import Job
from endpoint.core.lookup import ALL, number, select, text
from endpoint.core.service import Session
from endpoint.web.display import TermView, curie, view
from vocabulary.namespaces import RALLY_NS

ONTOLOGY = URIRef(RALLY_NS.rstrip("#"))
KINDS = (
    ("class", OWL.Class, "Classes"),
    ("object-property", OWL.ObjectProperty, "Object properties"),
    ("datatype-property", OWL.DatatypeProperty, "Datatype properties"),
    ("annotation-property", OWL.AnnotationProperty, "Annotation properties"),
)
USAGE = """\
SELECT ?term ?graph (COUNT(*) AS ?n) WHERE {
  { GRAPH ?graph { ?s ?term ?o } } UNION { GRAPH ?graph { ?s a ?term } }
  FILTER (STRSTARTS(STR(?term), STR(rally:)))
} GROUP BY ?term ?graph"""
INSTANCES = """\
SELECT ?term ?s ?label WHERE {
  GRAPH ?graph { ?s a ?term } FILTER (STRSTARTS(STR(?term), STR(rally:)))
  OPTIONAL { ?s rdfs:label ?label }
} ORDER BY ?term ?label ?s"""
STATEMENTS = """\
SELECT ?term ?s ?o ?sl ?ol WHERE {
  GRAPH ?graph { ?s ?term ?o } FILTER (STRSTARTS(STR(?term), STR(rally:)))
  OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?o rdfs:label ?ol }
} ORDER BY ?term ?sl ?s"""
EXAMPLES = 3
VERSION = """\
SELECT ?version WHERE { GRAPH ?graph { ?ontology a owl:Ontology ; owl:versionInfo ?version } }"""


@dataclass(frozen=True)
class Axiom:
    """One axiom about a term, as a sentence, and what it lets the reasoner infer."""

    text: str
    infers: str


@dataclass
class TermDoc:
    """What the documentation says about one class, property or individual."""

    name: str
    iri: str
    kind: str
    label: str
    comment: str
    parents: list[TermView] = field(default_factory=list)
    children: list[TermView] = field(default_factory=list)
    alignments: list[tuple[str, TermView]] = field(default_factory=list)
    domain: list[TermView] = field(default_factory=list)
    range: list[TermView] = field(default_factory=list)
    axioms: list[Axiom] = field(default_factory=list)
    asserted: int = 0
    inferred: int = 0
    examples: list[list[TermView]] = field(default_factory=list)


@dataclass
class OntologyDoc:
    """The whole documentation page."""

    iri: str
    title: str
    comment: str
    version: str
    version_iri: str
    license: str
    sections: list[tuple[str, str, list[TermDoc]]]
    individuals: list[TermDoc]
    alignments: list[tuple[TermView, str, TermView]]
    axioms: list[tuple[TermDoc, Axiom]]


def ontology_graph(lookups: Session) -> Graph:
    """Return the served ontology graph as an rdflib Graph."""
    job = Job(
        "CONSTRUCT WHERE { ?s ?p ?o }", default_graph=(lookups.dataset.graphs["ontology"],), graph_format="ntriples", max_rows=ALL
    )
    graph = Graph()
    graph.parse(data=lookups.answer(job).body, format="nt")
    return graph


def version(lookups: Session) -> str:
    """Return the owl:versionInfo of the served ontology."""
    rows = select(lookups, VERSION, named=("ontology",))
    return text(rows[0], "version") if rows else ""


def _label(graph: Graph, node: Node) -> str:
    found = graph.value(node, RDFS.label)
    return str(found) if found is not None else curie(str(node))


def _link(graph: Graph, node: Node, base: str) -> TermView:
    if isinstance(node, URIRef):
        shown = view(ox.NamedNode(str(node)), base, {str(node): _label(graph, node)} if str(node).startswith(RALLY_NS) else None)
        return shown
    return TermView(expression(graph, node), None, "class expression", "literal")


def expression(graph: Graph, node: Node) -> str:
    """Return a class expression in Manchester-like words: `position value 1`, `A and (p some B)`."""
    if isinstance(node, URIRef):
        return _label(graph, node) if str(node).startswith(RALLY_NS) else curie(str(node))
    if isinstance(node, Literal):
        return str(node)
    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        for keyword, predicate in (("value", OWL.hasValue), ("some", OWL.someValuesFrom), ("only", OWL.allValuesFrom)):
            target = graph.value(node, predicate)
            if target is not None:
                return f"{expression(graph, prop)} {keyword} {expression(graph, target)}"
    for keyword, predicate in (("and", OWL.intersectionOf), ("or", OWL.unionOf)):
        members = graph.value(node, predicate)
        if members is not None:
            parts = [expression(graph, m) for m in Collection(graph, members)]
            return f" {keyword} ".join(p if " " not in p or p.startswith("(") else f"({p})" for p in parts)
    return "(anonymous class)"


def _axioms(graph: Graph, term: URIRef, kind: str) -> list[Axiom]:
    name = _label(graph, term)
    found: list[Axiom] = []
    if kind == "class":
        for equivalent in graph.objects(term, OWL.equivalentClass):
            words = expression(graph, equivalent)
            found.append(Axiom(f"equivalent to {words}", f"anything that is {words} is a {name}, and the other way round"))
        for parent in graph.objects(term, RDFS.subClassOf):
            if isinstance(parent, BNode):
                words = expression(graph, parent)
                found.append(Axiom(f"every {name} is {words}", f"each {name} gets {words}"))
        return found
    for inverse in graph.objects(term, OWL.inverseOf):
        found.append(
            Axiom(f"inverse of {expression(graph, inverse)}", f"x {name} y gives y {expression(graph, inverse)} x, and back")
        )
    for inverse in graph.subjects(OWL.inverseOf, term):
        found.append(
            Axiom(f"inverse of {expression(graph, inverse)}", f"x {expression(graph, inverse)} y gives y {name} x, and back")
        )
    if (term, RDF.type, OWL.TransitiveProperty) in graph:
        found.append(Axiom("transitive", f"x {name} y and y {name} z give x {name} z"))
    for chain in graph.objects(term, OWL.propertyChainAxiom):
        links = [expression(graph, m) for m in Collection(graph, chain)]
        names = [f"x{i}" for i in range(len(links) + 1)]
        steps = ", ".join(f"{names[i]} {link} {names[i + 1]}" for i, link in enumerate(links))
        found.append(Axiom(f"chain {' / '.join(links)}", f"{steps} give {names[0]} {name} {names[-1]}"))
    for parent in graph.objects(term, RDFS.subPropertyOf):
        found.append(Axiom(f"sub-property of {expression(graph, parent)}", f"x {name} y gives x {expression(graph, parent)} y"))
    for domain in graph.objects(term, RDFS.domain):
        found.append(Axiom(f"domain {expression(graph, domain)}", f"x {name} y makes x a {expression(graph, domain)}"))
    if kind == "object-property":
        for range_ in graph.objects(term, RDFS.range):
            found.append(Axiom(f"range {expression(graph, range_)}", f"x {name} y makes y a {expression(graph, range_)}"))
    return found


def build(lookups: Session) -> OntologyDoc:
    """Return the documentation of the served ontology, with counts and examples from the data."""
    graph = ontology_graph(lookups)
    base = lookups.dataset.base
    usage: dict[tuple[str, str], int] = {}
    graph_names = {iri: name for name, iri in lookups.dataset.graphs.items()}
    for row in select(lookups, USAGE, named=("asserted", "inferred", "metadata")):
        usage[(text(row, "term"), graph_names.get(text(row, "graph"), ""))] = number(row, "n") or 0
    examples: dict[str, list[list[TermView]]] = defaultdict(list)
    for row in select(lookups, INSTANCES, named=("asserted", "inferred", "metadata")):
        if len(examples[text(row, "term")]) < EXAMPLES and not any(
            e[0].iri == text(row, "s") for e in examples[text(row, "term")]
        ):
            labels = {text(row, "s"): text(row, "label")} if "label" in row else {}
            examples[text(row, "term")].append([view(row["s"], base, labels)])
    for row in select(lookups, STATEMENTS, named=("asserted", "inferred", "metadata")):
        term = text(row, "term")
        if len(examples[term]) < EXAMPLES:
            labels = {text(row, "s"): text(row, "sl"), text(row, "o"): text(row, "ol")}
            labels = {k: v for k, v in labels.items() if v}
            examples[term].append([view(row["s"], base, labels), view(row["o"], base, labels, term)])
    sections: list[tuple[str, str, list[TermDoc]]] = []
    all_docs: list[TermDoc] = []
    alignments: list[tuple[TermView, str, TermView]] = []
    for kind, owl_type, title in KINDS:
        docs = []
        for term in sorted(
            {t for t in graph.subjects(RDF.type, owl_type) if isinstance(t, URIRef) and str(t).startswith(RALLY_NS)}
        ):
            doc = _term_doc(graph, term, kind, base)
            doc.asserted = usage.get((str(term), "asserted"), 0) + usage.get((str(term), "metadata"), 0)
            doc.inferred = usage.get((str(term), "inferred"), 0)
            doc.examples = examples.get(str(term), [])
            alignments += [(_link(graph, term, base), relation, target) for relation, target in doc.alignments]
            docs.append(doc)
        sections.append((kind, title, docs))
        all_docs += docs
    individuals = [
        _term_doc(graph, subject, "individual", base)
        for subject in sorted(
            {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(RALLY_NS)}
        )
        if not any(doc.iri == str(subject) for doc in all_docs)
    ]
    for subject, inverse in graph.subject_objects(OWL.inverseOf):
        if not str(subject).startswith(RALLY_NS):
            alignments.append((_link(graph, subject, base), "inverse of", _link(graph, inverse, base)))
    return OntologyDoc(
        str(ONTOLOGY),
        str(graph.value(ONTOLOGY, DCTERMS.title) or graph.value(ONTOLOGY, RDFS.label) or "Ontology"),
        str(graph.value(ONTOLOGY, RDFS.comment) or ""),
        str(graph.value(ONTOLOGY, OWL.versionInfo) or ""),
        str(graph.value(ONTOLOGY, OWL.versionIRI) or ""),
        str(graph.value(ONTOLOGY, DCTERMS.license) or ""),
        sections,
        individuals,
        alignments,
        [(doc, axiom) for doc in all_docs for axiom in doc.axioms if not axiom.text.startswith(("domain", "range"))],
    )


def _term_doc(graph: Graph, term: URIRef, kind: str, base: str) -> TermDoc:
    hierarchy = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
    doc = TermDoc(
        str(term)[len(RALLY_NS) :],
        str(term),
        kind,
        _label(graph, term),
        str(graph.value(term, RDFS.comment) or ""),
    )
    for parent in graph.objects(term, hierarchy):
        if isinstance(parent, URIRef) and str(parent).startswith(RALLY_NS):
            doc.parents.append(_link(graph, parent, base))
        elif isinstance(parent, URIRef):
            doc.alignments.append(("sub-class of" if kind == "class" else "sub-property of", _link(graph, parent, base)))
    for equivalent in graph.objects(term, OWL.equivalentClass):
        if isinstance(equivalent, URIRef):
            doc.alignments.append(("equivalent to", _link(graph, equivalent, base)))
    doc.children = [_link(graph, c, base) for c in sorted(graph.subjects(hierarchy, term), key=str) if isinstance(c, URIRef)]
    doc.domain = [_link(graph, d, base) for d in graph.objects(term, RDFS.domain)]
    doc.range = [_link(graph, r, base) for r in graph.objects(term, RDFS.range)]
    if kind != "individual":
        doc.axioms = _axioms(graph, term, kind)
    else:
        doc.parents = [_link(graph, t, base) for t in graph.objects(term, RDF.type)]
        doc.alignments = [
            (_label(graph, p), _link(graph, o, base)) for p, o in graph.predicate_objects(term) if str(p).startswith(RALLY_NS)
        ]
    return doc
