"""A build's quads as pyoxigraph's: written by Oxigraph's serialisers and loaded into its store, not rdflib's."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def term(node: Node) -> OxTerm:
    """Return an rdflib term as the same pyoxigraph term."""
    kind = type(node)
    if kind is URIRef:
        return ox.NamedNode(node)  # type: ignore[arg-type]  # a URIRef is its IRI as a str
    if kind is Literal:
        literal: Literal = node  # type: ignore[assignment]
        if literal.language:
            return ox.Literal(literal, language=literal.language)
        if literal.datatype is not None:
            return ox.Literal(literal, datatype=ox.NamedNode(literal.datatype))
        return ox.Literal(literal)
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def graph_quads(triples: Graph, graph: str) -> list[ox.Quad]:
    """Return the triples of one of a build's graphs as quads of the named graph `graph`."""
    name = ox.NamedNode(graph)
    return [ox.Quad(term(s), term(p), term(o), name) for s, p, o in triples]  # type: ignore[arg-type]


def in_default_graph(quads: list[ox.Quad]) -> Iterator[ox.Quad]:
    """Yield quads again as quads of the store's own default graph.

    The served default graph (asserted and inferred data) is copied there once, so that a query reads one graph of
    the store, not a union of two computed per query.
    """
    default = ox.DefaultGraph()
    for quad in quads:
        yield ox.Quad(quad.subject, quad.predicate, quad.object, default)
