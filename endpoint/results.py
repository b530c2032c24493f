"""Run one query on an Oxigraph store and serialise the answer, capped at a number of rows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from endpoint.syntax import explain
from loader.namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

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


@dataclass(frozen=True)
class Job:
    """A query to run: text, dataset, the formats negotiated for each kind of answer, the row cap."""

    query: str
    default_graph: tuple[str, ...] | None  # None: the dataset's default (asserted + inferred)
    named_graphs: tuple[str, ...] | None  # None: all named graphs
    union_default: bool
    result_format: str | None  # for SELECT and ASK
    graph_format: str | None  # for CONSTRUCT and DESCRIBE
    max_rows: int
    substitutions: tuple[tuple[str, str], ...] = ()  # (variable, N-Triples term): values bound, never pasted
    base_iri: str | None = None  # what relative IRIs in the query resolve against (the endpoint's URL)
    prefixes: tuple[tuple[str, str], ...] = ()  # prefixes the query may use without declaring them (editor, saved)


@dataclass(frozen=True)
class Answer:
    """A serialised answer: the kind of query, the format used (None: no acceptable format), body, rows."""

    kind: str  # "select", "ask" or "graph"
    format: str | None
    body: bytes
    rows: int
    truncated: bool


@dataclass(frozen=True)
class Failure:
    """A query that could not run: a syntax error (with position) or an evaluation error."""

    kind: str  # "syntax" or "evaluation"
    message: str


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
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = {"subject": json_term(term.subject), "predicate": json_term(term.predicate), "object": json_term(term.object)}
        return {"type": "triple", "value": parts}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(variables: list[str], rows: list[ox.QuerySolution]) -> bytes:
    """Return solutions in the SPARQL 1.1 JSON results format."""
    bindings = []
    for row in rows:
        binding = {}
        for name in variables:
            value = row[name]
            if value is not None:
                binding[name] = json_term(value)
        bindings.append(binding)
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def parse_term(text: str) -> Any:
    """Return the RDF term written in N-Triples syntax (`<iri>`, `"text"@en`, `"1"^^<...#integer>`); ValueError if it is none.

    >>> parse_term('<http://example.org/a>').value, parse_term('"1"^^<http://www.w3.org/2001/XMLSchema#integer>').value
    ('http://example.org/a', '1')
    """
    try:
        return next(ox.parse(f"<x:s> <x:p> {text} .", ox.RdfFormat.N_TRIPLES)).object
    except (SyntaxError, ValueError, StopIteration) as error:
        raise ValueError(f"not an RDF term in N-Triples syntax: {text!r}") from error


def _substitutions(job: Job) -> dict[ox.Variable, Any] | None:
    """Return the job's bound values as terms (SEP-0007 substitution: they cannot change the query's structure)."""
    return {ox.Variable(v): parse_term(term) for v, term in job.substitutions} or None


def execute(store: ox.Store, job: Job, default: list[ox.NamedNode], named: list[ox.NamedNode]) -> Answer | Failure:
    """Return the serialised answer of a job, or why it failed; never raises for a bad query."""
    default_graph: Any = None
    named_graphs: Any = None
    if not job.union_default:
        default_graph = [ox.NamedNode(g) for g in job.default_graph] if job.default_graph is not None else default
        named_graphs = [ox.NamedNode(g) for g in job.named_graphs] if job.named_graphs is not None else named
    try:
        results = store.query(
            job.query,
            use_default_graph_as_union=job.union_default,
            default_graph=default_graph,
            named_graphs=named_graphs,
            substitutions=_substitutions(job),
            base_iri=job.base_iri,
            prefixes=dict(job.prefixes) or None,
        )
        if isinstance(results, ox.QueryBoolean):
            if job.result_format is None:
                return Answer("ask", None, b"", 1, False)
            return Answer("ask", job.result_format, results.serialize(format=RESULT_FORMATS[job.result_format]) or b"", 1, False)
        if isinstance(results, ox.QuerySolutions):
            return _solutions(results, job)
        return _triples(results, job)
    except SyntaxError as error:
        return Failure("syntax", explain(job.query, str(error)))
    except (OSError, ValueError, RuntimeError, TypeError) as error:
        return Failure("evaluation", str(error))


def _solutions(results: ox.QuerySolutions, job: Job) -> Answer:
    variables = [v.value for v in results.variables]
    rows = list(islice(results, job.max_rows + 1))
    truncated = len(rows) > job.max_rows
    rows = rows[: job.max_rows]
    if job.result_format is None:
        return Answer("select", None, b"", len(rows), truncated)
    body = solutions_json(variables, rows)
    if job.result_format != "json":
        parsed: Any = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=RESULT_FORMATS[job.result_format]) or b""
    return Answer("select", job.result_format, body, len(rows), truncated)


def _triples(results: ox.QueryTriples, job: Job) -> Answer:
    triples = list(islice(results, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    triples = triples[: job.max_rows]
    if job.graph_format is None:
        return Answer("graph", None, b"", len(triples), truncated)
    fmt = GRAPH_FORMATS[job.graph_format]
    if job.graph_format in ("trig", "nquads"):
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        body = ox.serialize(quads, format=fmt) or b""
    else:
        prefixes = PREFIXES if job.graph_format == "turtle" else None
        body = ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    return Answer("graph", job.graph_format, body, len(triples), truncated)
