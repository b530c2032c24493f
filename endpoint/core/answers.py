"""Run one query on the Oxigraph store: the answer capped at a number of rows, serialised, its first rows kept as terms."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from endpoint.core import serialise
from endpoint.core.errors import QueryFailed
from endpoint.core.syntax import explain

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Job:
    """A query to run: its text and dataset, the formats to serialise each kind of answer in, the row cap.

    Frozen and hashable: the job is its own key in the answer cache.
    """

    query: str
    default_graph: tuple[str, ...] | None = None  # None: the dataset's default graph (asserted + inferred)
    named_graphs: tuple[str, ...] | None = None  # None: every named graph of the dataset
    result_format: str | None = None  # serialiser of SELECT and ASK answers (None: no body)
    graph_format: str | None = None  # serialiser of CONSTRUCT and DESCRIBE answers (None: no body)
    max_rows: int = 10_000  # rows (or triples) past which the answer is cut, and says so
    substitutions: tuple[tuple[str, str], ...] = ()  # (variable, N-Triples term): values bound, never pasted
    base_iri: str | None = None  # what relative IRIs in the query resolve against (the endpoint's URL)
    prefixes: tuple[tuple[str, str], ...] = ()  # prefixes the query may use without declaring them (editor, saved)
    table_rows: int = 0  # rows (or triples) kept as terms in Answer.table, for tables and lookups


@dataclass(frozen=True)
class Answer:
    """An answer: its kind, the body in the format asked for (None: no format, no body), the rows, the first as terms."""

    kind: str  # "select", "ask" or "graph"
    format: str | None
    body: bytes
    rows: int
    truncated: bool
    columns: tuple[str, ...] = ()  # a SELECT's variables; (subject, predicate, object) for a graph
    table: tuple[tuple[Any, ...], ...] = ()  # the first Job.table_rows rows as terms (None where unbound)
    boolean: bool | None = None  # an ASK's answer
    milliseconds: float = 0.0  # how long the answer took (from the cache: looking it up)
    cached: bool = False


@dataclass(frozen=True)
class StoreGraphs:
    """The graphs of the store a query runs over unless it names its own."""

    default: tuple[str, ...]  # the graphs whose union is the default graph
    named: tuple[str, ...]  # every named graph
    materialised: bool = False  # the store's own default graph holds that union (a build's store does)

    def arguments(self, job: Job) -> tuple[Any, Any]:
        """Return pyoxigraph's default_graph and named_graphs for a job (None: the store's own default graph)."""
        default: list[ox.NamedNode] | None
        if job.default_graph is None or (self.materialised and frozenset(job.default_graph) == frozenset(self.default)):
            default = None if self.materialised else [ox.NamedNode(g) for g in self.default]
        else:
            default = [ox.NamedNode(g) for g in job.default_graph]
        return default, [ox.NamedNode(g) for g in (self.named if job.named_graphs is None else job.named_graphs)]


def execute(store: Any, job: Job, graphs: StoreGraphs, timeout: float | None = None) -> Answer:
    """Return the answer of a job over the store (the dataset's default and named graphs unless the job names its own).

    `store` is an ox.Store or a RemoteStore (which alone takes a `timeout`). Raises QueryFailed for a query that does
    not parse or cannot be evaluated, QueryTimeout when a remote store does not answer in time.
    """
    default_graph, named_graphs = graphs.arguments(job)
    extra = {"timeout": timeout} if timeout is not None else {}
    try:
        results = store.query(
            job.query,
            default_graph=default_graph,
            named_graphs=named_graphs,
            substitutions={ox.Variable(v): serialise.parse_term(term) for v, term in job.substitutions} or None,
            base_iri=job.base_iri,
            prefixes=dict(job.prefixes) or None,
            **extra,
        )
        if isinstance(results, ox.QueryBoolean):
            body = b""
            if job.result_format:
                body = results.serialize(format=serialise.RESULT_FORMATS[job.result_format]) or b""
            return Answer("ask", job.result_format, body, 1, False, boolean=bool(results))
        if isinstance(results, ox.QuerySolutions):
            return _solutions(results, job)
        return _triples(results, job)
    except SyntaxError as error:
        raise QueryFailed("syntax", explain(job.query, str(error))) from None
    except (OSError, ValueError, RuntimeError, TypeError) as error:
        raise QueryFailed("evaluation", str(error)) from None


def _solutions(results: ox.QuerySolutions, job: Job) -> Answer:
    variables = tuple(v.value for v in results.variables)
    rows = [tuple(solution[name] for name in variables) for solution in islice(results, job.max_rows + 1)]
    truncated = len(rows) > job.max_rows
    rows = rows[: job.max_rows]
    body = serialise.solutions(variables, rows, job.result_format) if job.result_format else b""
    return Answer("select", job.result_format, body, len(rows), truncated, variables, tuple(rows[: job.table_rows]))


def _triples(results: ox.QueryTriples, job: Job) -> Answer:
    triples = list(islice(results, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    triples = triples[: job.max_rows]
    body = serialise.graph(triples, job.graph_format) if job.graph_format else b""
    table = tuple((t.subject, t.predicate, t.object) for t in triples[: job.table_rows])
    return Answer("graph", job.graph_format, body, len(triples), truncated, ("subject", "predicate", "object"), table)
