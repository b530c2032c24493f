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
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def dataset_quads(graphs: dict[str, Graph], minter: Minter) -> Iterator[ox.Quad]:
    """Yield the quads of a build's named graphs (short name -> graph), graph by graph."""
    cache: dict[Node, OxTerm] = {}

    def convert(node: Node) -> OxTerm:
        found = cache.get(node)
        if found is None:
            found = cache[node] = term(node)
        return found

    for name, triples in graphs.items():
        graph = ox.NamedNode(str(minter.graph(name)))
        for s, p, o in triples:
            yield ox.Quad(convert(s), convert(p), convert(o), graph)  # type: ignore[arg-type]


def default_graph(quads: list[ox.Quad], minter: Minter) -> Iterator[ox.Quad]:
    """Yield the quads of the served default graph (asserted and inferred data), copied into the store's own default graph.

    The default graph a query sees is then one graph of the store, not a union computed per query.
    """
    members = {ox.NamedNode(str(minter.graph(name))) for name in DEFAULT_GRAPH}
    for quad in quads:
        if quad.graph_name in members:
            yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())
