"""The SPARQL 1.1 Protocol at /sparql: query by GET, form POST or direct POST; read-only; negotiated results."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, g, redirect, request
from werkzeug.wrappers import Response as WerkzeugResponse

from endpoint import describe
from endpoint.errors import ProtocolError
from endpoint.executor import QueryTimeout
from endpoint.negotiation import FORMATS, Format, UnknownFormat, graph_fallback, negotiate, prefers_html
from endpoint.responses import cacheable, unknown_format
from endpoint.results import Answer, Failure, Job
from endpoint.safety import Refused, inspect
from endpoint.state import state

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@dataclass(frozen=True)
class SparqlRequest:
    """A protocol request, validated: one query, its dataset, the formats asked for, limits."""

    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    timeout: float
    prefixes: tuple[tuple[str, str], ...] = ()  # known without a PREFIX line (the editor's queries only)


def _values(name: str) -> list[str]:
    """Return every value of a parameter from the URL and, for a form POST, the body."""
    values = request.args.getlist(name)
    if request.method == "POST" and request.mimetype == FORM:
        values += request.form.getlist(name)
    return values


def parse_request() -> SparqlRequest | None:
    """Return the request's query and parameters, None when it asks for the service description."""
    config = current_app.config
    mimetype = request.mimetype
    if request.method == "POST" and mimetype == UPDATE_TYPE or _values("update"):
        raise ProtocolError(403, "this endpoint is read-only: SPARQL Update is not accepted")
    queries = _values("query")
    if request.method == "POST":
        if mimetype == QUERY_TYPE:
            if queries:
                raise ProtocolError(
                    400, "a query in the body (application/sparql-query) and a 'query' parameter: give exactly one"
                )
            charset = request.mimetype_params.get("charset", "utf-8")
            if charset.lower().replace("-", "") != "utf8":
                raise ProtocolError(400, f"Content-Type charset={charset}: the SPARQL protocol takes a query body in UTF-8 only")
            try:
                queries = [request.get_data(cache=False).decode("utf-8")]
            except UnicodeDecodeError:
                raise ProtocolError(400, "the query body is not UTF-8 text") from None
        elif mimetype != FORM:
            raise ProtocolError(
                415, f"POST with Content-Type {mimetype or '(none)'}: use {FORM} (query=...) or {QUERY_TYPE} (the query as body)"
            )
    if not queries:
        if request.method == "POST":
            raise ProtocolError(400, "no 'query' parameter: give exactly one SPARQL query")
        return None
    if len(queries) > 1:
        raise ProtocolError(400, f"{len(queries)} 'query' parameters: give exactly one")
    query = queries[0]
    g.query_text = query  # for the access log
    if not query.strip():
        raise ProtocolError(400, "the 'query' parameter is empty")
    if len(query) > config["MAX_QUERY_LENGTH"]:
        raise ProtocolError(413, f"the query is {len(query)} characters long; the limit is {config['MAX_QUERY_LENGTH']}")
    formats = _values("format")
    timeout = float(config["QUERY_TIMEOUT"])
    for value in _values("timeout"):
        try:
            asked = float(value)
        except ValueError:
            raise ProtocolError(400, f"timeout={value!r}: expected a number of seconds") from None
        if asked <= 0:
            raise ProtocolError(400, f"timeout={value!r}: expected a positive number of seconds")
        timeout = min(timeout, asked)
    return SparqlRequest(
        query, tuple(_values("default-graph-uri")), tuple(_values("named-graph-uri")), ",".join(formats) or None, timeout
    )


def choose(kind: str, requested: str | None) -> Format | None:
    """Return the negotiated format for a kind of answer, or None; an unknown `format` value is a 400."""
    try:
        return negotiate(request.headers.get("Accept"), kind, requested)
    except UnknownFormat:
        raise unknown_format(requested) from None


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> WerkzeugResponse:
    """Answer a SPARQL query, or describe the service when there is none.

    People get the query editor instead: a browser opening /sparql without a query, or `format=html` with
    one (303 See Other to /editor, which runs it and shows a table). A browser's Accept with a query still
    gets SPARQL results, as the protocol's clients expect.
    """
    parsed = parse_request()
    if parsed is None:
        if request.method == "GET" and (request.args.get("format") == "html" or prefers_html(request.headers.get("Accept"))):
            return _see_editor("")
        return describe.service_description()
    if request.method == "GET" and parsed.format == "html":
        return _see_editor(parsed.query)
    return answer_query(parsed)


def _see_editor(query: str) -> WerkzeugResponse:
    moved = redirect(f"{request.url_root}editor" + (f"?{urlencode({'query': query})}" if query else ""), code=303)
    moved.headers["Vary"] = "Accept"
    return moved


def answer_query(parsed: SparqlRequest) -> Response:
    """Run a validated query (checked, cached, timed) and return the negotiated response."""
    current = state()
    dataset = current.dataset
    try:
        inspection = inspect(parsed.query, dataset.is_local_graph)
    except Refused as refusal:
        raise ProtocolError(400, str(refusal)) from None
    results_format = choose("results", parsed.format)
    graph_format = choose("graph", parsed.format) or (
        graph_fallback(request.headers.get("Accept")) if not parsed.format else None
    )
    if results_format is None and graph_format is None:
        raise _not_acceptable()
    protocol_dataset = bool(parsed.default_graphs or parsed.named_graphs)
    job = Job(
        query=parsed.query,
        default_graph=parsed.default_graphs
        if protocol_dataset
        else (None if not inspection.has_dataset else inspection.from_graphs),
        named_graphs=parsed.named_graphs if protocol_dataset else (None if not inspection.has_dataset else inspection.from_named),
        union_default=False,
        result_format=results_format.serialiser if results_format else None,
        graph_format=graph_format.serialiser if graph_format else None,
        max_rows=int(current_app.config["MAX_ROWS"]),
        base_iri=request.base_url,
        prefixes=parsed.prefixes,
    )
    started = time.perf_counter()
    cached = current.cache.get(_key(job))
    if cached is None:
        try:
            outcome = current.executor.run(job, parsed.timeout, request.environ.get("gunicorn.socket"))
        except QueryTimeout as timeout:
            current.metrics.count("timeouts")
            raise ProtocolError(
                503,
                f"{timeout}; make the query cheaper, or ask for less (the limit is {current_app.config['QUERY_TIMEOUT']:g} s)",
            ) from None
        if isinstance(outcome, Failure):
            if outcome.kind == "syntax":
                raise ProtocolError(400, f"malformed query: {outcome.message}")
            raise ProtocolError(400, f"the query failed: {outcome.message}")
        current.cache.put(_key(job), outcome)
        answer = outcome
    else:
        current.metrics.count("cache_hits")
        answer = cached
    elapsed = (time.perf_counter() - started) * 1000
    current.metrics.count("queries")
    current.metrics.observe(elapsed)
    fmt = results_format if answer.kind in ("select", "ask") else graph_format
    if fmt is None or answer.format is None:
        raise _not_acceptable(answer.kind)
    response = _respond(answer, fmt, current.etag(_key(job), fmt.media_type), elapsed)
    unknown = [iri for iri in parsed.default_graphs + parsed.named_graphs if not dataset.is_local_graph(iri)]
    if unknown:  # the protocol's dataset semantics: a graph the store does not hold is empty; nothing is fetched
        warnings = [f'199 rally-kg "<{iri}> is not a graph of this dataset: it is empty here"' for iri in unknown]
        response.headers["Warning"] = ", ".join(filter(None, [response.headers.get("Warning"), *warnings]))
        response.headers["X-Unknown-Graphs"] = " ".join(f"<{iri}>" for iri in unknown)
    return response


def _key(job: Job) -> tuple[object, ...]:
    return (
        job.query,
        job.default_graph,
        job.named_graphs,
        job.union_default,
        job.result_format,
        job.graph_format,
        job.max_rows,
        job.base_iri,
        job.prefixes,
    )


def _not_acceptable(kind: str | None = None) -> ProtocolError:
    offered = [f.media_type for f in FORMATS if kind is None or f.kind == ("results" if kind in ("select", "ask") else "graph")]
    what = {"select": "SELECT results", "ask": "an ASK result", "graph": "a graph"}.get(kind or "", "this answer")
    return ProtocolError(406, f"none of the accepted media types can carry {what}; offered: {', '.join(dict.fromkeys(offered))}")


def _respond(answer: Answer, fmt: Format, etag: str, elapsed_ms: float) -> Response:
    response = cacheable(answer.body, fmt.content_type, etag)
    response.headers["Server-Timing"] = f"query;dur={elapsed_ms:.2f}"
    response.headers["X-Result-Rows"] = str(answer.rows)
    if answer.truncated:
        limit = current_app.config["MAX_ROWS"]
        response.headers["X-Result-Truncated"] = "true"
        response.headers["Warning"] = f'199 rally-kg "result truncated to the first {limit} rows; add LIMIT/OFFSET to page"'
        state().metrics.count("truncated")
    return response
