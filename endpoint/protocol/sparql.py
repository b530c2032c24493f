"""The SPARQL 1.1 Protocol at /sparql: query by GET, form POST or direct POST; read-only; negotiated results."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, request
from werkzeug.wrappers import Response as WerkzeugResponse

from endpoint.context import deadline, service, session
from endpoint.core.answers import Answer
from endpoint.core.negotiation import Format, UnknownFormat, answer_formats, prefers_html
from endpoint.params import SparqlRequest, sparql_request
from endpoint.protocol.descriptions import serialised, service_graph
from endpoint.responses import answer_headers, cacheable, document, negotiated, not_acceptable, unknown_format

bp = Blueprint("sparql", __name__)
WHAT = {"select": "SELECT results", "ask": "an ASK result", "graph": "a graph"}


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> WerkzeugResponse:
    """Answer a SPARQL query, or describe the service when there is none.

    People get the query editor instead: a browser opening /sparql without a query, or `format=html` with
    one (303 See Other to /editor, which runs it and shows a table). A browser's Accept with a query still
    gets SPARQL results, as the protocol's clients expect.
    """
    parsed = sparql_request()
    if parsed is None:
        if request.method == "GET" and (request.args.get("format") == "html" or prefers_html(request.headers.get("Accept"))):
            return _see_editor("")
        fmt = negotiated("graph", request.args.get("format"), "an RDF graph")
        root = request.url_root
        return document(
            ("service-description", root), fmt, lambda: serialised(service_graph(session(), root), fmt.serialiser), keep=True
        )
    if request.method == "GET" and parsed.format == "html":
        return _see_editor(parsed.query)
    return _answer(parsed)


def _see_editor(query: str) -> WerkzeugResponse:
    moved = redirect(f"{request.url_root}editor" + (f"?{urlencode({'query': query})}" if query else ""), code=303)
    moved.headers["Vary"] = "Accept"
    return moved


def _answer(parsed: SparqlRequest) -> Response:
    """Return the answer of a protocol request in the negotiated format (refusals and failures raise)."""
    current = service()
    try:
        results_format, graph_format = answer_formats(request.headers.get("Accept"), parsed.format)
    except UnknownFormat:
        raise unknown_format(parsed.format) from None
    if results_format is None and graph_format is None:
        raise not_acceptable("this answer", ["results", "graph"])
    job = current.job(
        parsed.query,
        default_graphs=parsed.default_graphs,
        named_graphs=parsed.named_graphs,
        result_format=results_format.serialiser if results_format else None,
        graph_format=graph_format.serialiser if graph_format else None,
        base_iri=request.base_url,
    )
    answer = current.answer(job, deadline(parsed.timeout))
    fmt = results_format if answer.kind in ("select", "ask") else graph_format
    if fmt is None or answer.format is None:
        raise not_acceptable(WHAT[answer.kind], ["results" if answer.kind != "graph" else "graph"])
    response = _respond(answer, fmt, current.etag(job, fmt.media_type))
    unknown = [iri for iri in parsed.default_graphs + parsed.named_graphs if not current.dataset.is_local_graph(iri)]
    if unknown:  # the protocol's dataset semantics: a graph the store does not hold is empty; nothing is fetched
        warnings = [f'199 rally-kg "<{iri}> is not a graph of this dataset: it is empty here"' for iri in unknown]
        response.headers["Warning"] = ", ".join(filter(None, [response.headers.get("Warning"), *warnings]))
        response.headers["X-Unknown-Graphs"] = " ".join(f"<{iri}>" for iri in unknown)
    return response


def _respond(answer: Answer, fmt: Format, etag: str) -> Response:
    response = cacheable(answer.body, fmt.content_type, etag)
    for name, value in answer_headers(answer, service().limits.max_rows):
        response.headers[name] = value
    return response
