"""RDF data documents: a resource's description as quads, serialised in any format of the negotiation table.

Graph-aware formats (TriG, N-Quads) keep each statement in its graph (asserted, inferred, metadata).
Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) carry all statements, and tell the inferred ones
apart by also describing each as an `rdf:Statement` that is `dcterms:isPartOf` the inferred graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, XSD

from endpoint.core import serialise as serialised
from endpoint.core.resource import Description
from vocabulary.namespaces import CC_BY_SA, RALLY


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def resource_quads(graph_iris: dict[str, str], description: Description, document: str, page: str, dump: str) -> list[ox.Quad]:
    """Return the quads of a resource's data document: statements, labels of neighbours, provenance, the document itself."""
    graphs = {name: _node(iri) for name, iri in graph_iris.items()}
    quads: dict[ox.Quad, None] = {}
    statements = description.outgoing + description.incoming + description.parts
    for statement in statements:
        if isinstance(statement.subject, (ox.Literal, ox.Triple)) or isinstance(statement.object, ox.Triple):
            continue
        quads[ox.Quad(statement.subject, statement.predicate, statement.object, graphs[statement.graph])] = None
    neighbours = {statement.object for statement in statements} | {statement.subject for statement in statements}
    neighbours |= {statement.predicate for statement in statements}
    for term in neighbours:
        if isinstance(term, ox.NamedNode) and term.value in description.labels:
            graph = graphs[description.label_graphs.get(term.value, "asserted")]
            quads[ox.Quad(term, _node(RDFS.label), description.labels[term.value], graph)] = None
    for line in description.lines:
        node = _node(line.iri)
        quads[
            ox.Quad(node, _node(RALLY.lineNumber), ox.Literal(str(line.number), datatype=_node(XSD.integer)), graphs["metadata"])
        ] = None
        quads[ox.Quad(node, _node(PROV.value), ox.Literal(line.text), graphs["metadata"])] = None
    doc = _node(document)
    for predicate, value in (
        (RDF.type, _node(FOAF.Document)),
        (FOAF.primaryTopic, _node(description.iri)),
        (DCTERMS.isPartOf, _node(dump)),
        (DCTERMS.license, _node(CC_BY_SA)),
        (RDFS.seeAlso, _node(page)),
    ):
        quads[ox.Quad(doc, _node(predicate), value, ox.DefaultGraph())] = None
    return list(quads)


def _reified(quads: Iterable[ox.Quad], inferred: str) -> list[ox.Triple]:
    """Return every quad as a triple, then an rdf:Statement for each inferred one."""
    triples: dict[ox.Triple, None] = {}
    statements: list[ox.Triple] = []
    for quad in quads:
        triples[ox.Triple(quad.subject, quad.predicate, quad.object)] = None
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == inferred:
            node = ox.BlankNode()
            for predicate, value in (
                (RDF.type, _node(RDF.Statement)),
                (RDF.subject, quad.subject),
                (RDF.predicate, quad.predicate),
                (RDF.object, quad.object),
                (DCTERMS.isPartOf, quad.graph_name),
            ):
                statements.append(ox.Triple(node, _node(predicate), value))
    return [*triples, *statements]


def serialise(quads: list[ox.Quad], serialiser: str, inferred_graph: str | None) -> bytes:
    """Return quads in one of the negotiation table's graph serialisers (turtle, ntriples, jsonld, rdfxml, trig, nquads)."""
    if serialiser in serialised.QUAD_FORMATS:
        return serialised.graph(sorted(quads, key=str), serialiser)
    return serialised.graph(_reified(sorted(quads, key=str), inferred_graph or ""), serialiser)
