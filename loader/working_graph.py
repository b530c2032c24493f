"""The graph owlrl works on during a closure: rdflib's Graph interface over three plain dict indexes.

owlrl scans every triple on every cycle and, for each, looks up the property's and the classes' axioms:
hundreds of thousands of `triples()` and `in` calls per article. rdflib's in-memory stores answer them
through several layers (pattern checks by `!=` on terms, context generators, the Graph wrapper); here
each is a dict lookup. The triples and the closure are the same (tests/loader/test_inference_engine.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node | None, Node | None, Node | None]
_Index = dict[Node, dict[Node, set[Node]]]


class FastIRI(URIRef):
    """An IRI compared as a plain string, in C: owlrl's rules compare terms millions of times per closure.

    rdflib compares terms in Python (`type(a) is type(b) and str(a) == str(b)`); a FastIRI equals any term
    with the same text. That is exact as long as no literal or blank node of the same closure has the text
    of an IRI, which `distinct_texts` checks before a closure uses FastIRIs. The hash is rdflib's (the
    text's), so a FastIRI and the URIRef of the same IRI are one key in a dict.
    """

    __slots__ = ()

    def __new__(cls, value: str) -> FastIRI:
        return str.__new__(cls, value)  # an IRI rdflib has already checked: not checked again

    __eq__ = str.__eq__
    __ne__ = str.__ne__
    __hash__ = str.__hash__


def fast(term: Node) -> Node:
    """Return an IRI as a FastIRI; any other term as it is."""
    return FastIRI(term) if type(term) is URIRef else term


def plain(triple: Triple) -> Triple:
    """Return a triple with rdflib's own URIRefs in place of FastIRIs."""
    return tuple(str.__new__(URIRef, term) if type(term) is FastIRI else term for term in triple)  # type: ignore[return-value]


def distinct_texts(triples: Iterable[Triple]) -> bool:
    """Tell whether no literal or blank node among `triples` has the text of one of their IRIs."""
    iris: set[str] = set()
    others: set[str] = set()
    for triple in triples:
        for term in triple:
            (iris if isinstance(term, URIRef) else others).add(str(term))
    return iris.isdisjoint(others)


class WorkingGraph(Graph):
    """A triple set indexed by subject, predicate and object, read and written through rdflib's Graph methods."""

    def __init__(self, triples: Iterable[Triple] = (), fast_iris: bool = False) -> None:
        super().__init__(store="SimpleMemory")  # holds the namespace bindings only
        self._fast = fast_iris
        self._spo: _Index = {}
        self._pos: _Index = {}
        self._osp: _Index = {}
        self._size = 0
        for triple in triples:
            self.add(triple)

    def add(self, triple: Triple) -> WorkingGraph:
        s, p, o = triple
        if self._fast:
            s, p, o = fast(s), fast(p), fast(o)
        objects = self._spo.setdefault(s, {}).setdefault(p, set())
        if o not in objects:
            objects.add(o)
            self._pos.setdefault(p, {}).setdefault(o, set()).add(s)
            self._osp.setdefault(o, {}).setdefault(s, set()).add(p)
            self._size += 1
        return self

    def remove(self, triple: Pattern) -> WorkingGraph:
        for s, p, o in list(self.triples(triple)):
            self._spo[s][p].discard(o)
            self._pos[p][o].discard(s)
            self._osp[o][s].discard(p)
            self._size -= 1
        return self

    def __contains__(self, triple: Any) -> bool:
        s, p, o = triple
        if s is None or p is None or o is None:
            return any(True for _ in self.triples(triple))
        return o in self._spo.get(s, {}).get(p, ())

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Triple]:  # type: ignore[override]
        return self.triples((None, None, None))

    def triples(self, pattern: Any) -> Iterator[Triple]:  # type: ignore[override]
        s, p, o = pattern
        if s is not None:
            by_predicate = self._spo.get(s, {})
            if p is not None:
                objects = by_predicate.get(p, ())
                if o is not None:
                    if o in objects:
                        yield s, p, o
                else:
                    for obj in list(objects):
                        yield s, p, obj
            else:
                for pred, objects in list(by_predicate.items()):
                    if o is not None:
                        if o in objects:
                            yield s, pred, o
                    else:
                        for obj in list(objects):
                            yield s, pred, obj
        elif p is not None:
            by_object = self._pos.get(p, {})
            if o is not None:
                for subj in list(by_object.get(o, ())):
                    yield subj, p, o
            else:
                for obj, subjects in list(by_object.items()):
                    for subj in list(subjects):
                        yield subj, p, obj
        elif o is not None:
            for subj, predicates in list(self._osp.get(o, {}).items()):
                for pred in list(predicates):
                    yield subj, pred, o
        else:
            for subj, by_predicate in list(self._spo.items()):
                for pred, objects in list(by_predicate.items()):
                    for obj in list(objects):
                        yield subj, pred, obj
