"""A build's quads as pyoxigraph's: written by Oxigraph's serialisers and loaded into its store, not rdflib's."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from vocabulary.iris import DEFAULT_GRAPH, Minter

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


def dataset_quads(graphs: dict[str, Graph], minter: Minter) -> list[ox.Quad]:
    """Return the quads of a build's named graphs (short name -> graph), graph by graph."""
    quads: list[ox.Quad] = []
    for name, triples in graphs.items():
        graph = ox.NamedNode(str(minter.graph(name)))
        quads += (ox.Quad(term(s), term(p), term(o), graph) for s, p, o in triples)  # type: ignore[arg-type]
    return quads


def default_graph(quads: list[ox.Quad], minter: Minter) -> Iterator[ox.Quad]:
    """Yield the quads of the served default graph (asserted and inferred data) as quads of the store's own default graph.

    A query then reads one graph of the store, not a union of two computed per query.
    """
    served = {str(minter.graph(name)) for name in DEFAULT_GRAPH}
    default = ox.DefaultGraph()
    for quad in quads:
        if quad.graph_name.value in served:  # type: ignore[union-attr]
            yield ox.Quad(quad.subject, quad.predicate, quad.object, default)
