"""Answers and graphs in the formats of the negotiation table: SPARQL results (JSON, XML, CSV, TSV) and RDF."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import RDF, XSD

from vocabulary.namespaces import PREFIXES

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
QUAD_FORMATS = ("trig", "nquads")
_PREFIXED = ("turtle", "trig", "rdfxml")  # formats that write IRIs short with the dataset's prefixes
_PLAIN = (str(XSD.string), str(RDF.langString))


def json_term(term: Any) -> dict[str, Any]:
    """Return a term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in _PLAIN:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = {"subject": json_term(term.subject), "predicate": json_term(term.predicate), "object": json_term(term.object)}
        return {"type": "triple", "value": parts}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions(variables: Sequence[str], rows: Sequence[Sequence[Any]], serialiser: str) -> bytes:
    """Return solutions (rows of terms, None where unbound, in the variables' order) in a results format."""
    bindings = [{name: json_term(value) for name, value in zip(variables, row) if value is not None} for row in rows]
    document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if serialiser == "json":
        return body
    parsed: Any = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_FORMATS[serialiser]) or b""


def graph(statements: Sequence[ox.Triple | ox.Quad], serialiser: str) -> bytes:
    """Return triples (or quads, for TriG and N-Quads) in an RDF format; triples go in the default graph of a quad format."""
    fmt = GRAPH_FORMATS[serialiser]
    prefixes = PREFIXES if serialiser in _PREFIXED else None
    if serialiser in QUAD_FORMATS:
        quads = [
            s if isinstance(s, ox.Quad) else ox.Quad(s.subject, s.predicate, s.object, ox.DefaultGraph()) for s in statements
        ]
        return ox.serialize(quads, format=fmt, prefixes=prefixes) or b""
    triples = [ox.Triple(s.subject, s.predicate, s.object) if isinstance(s, ox.Quad) else s for s in statements]
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


def parse_term(text: str) -> Any:
    """Return the RDF term written in N-Triples syntax (`<iri>`, `"text"@en`, `"1"^^<...#integer>`); ValueError if it is none.

    >>> parse_term('<http://example.org/a>').value, parse_term('"1"^^<http://www.w3.org/2001/XMLSchema#integer>').value
    ('http://example.org/a', '1')
    """
    try:
        return next(ox.parse(f"<x:s> <x:p> {text} .", ox.RdfFormat.N_TRIPLES)).object
    except (SyntaxError, ValueError, StopIteration) as error:
        raise ValueError(f"not an RDF term in N-Triples syntax: {text!r}") from error
