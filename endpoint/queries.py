"""Saved queries over HTTP: the list at /queries, one query at /queries/<name>, and /openapi.json.

The query files are read and checked once, when the blueprint is registered (a bad file stops the
app from starting); the views are thin: endpoint.saved does the parsing, typing and binding.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, redirect, render_template, request
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response as WerkzeugResponse

from endpoint import openapi
from endpoint.errors import ProtocolError
from endpoint.executor import QueryTimeout
from endpoint.negotiation import Format, prefers_html
from endpoint.responses import cacheable, negotiated, secure
from endpoint.results import Answer, Failure
from endpoint.saved import (
    QUERIES_DIR,
    Call,
    ParameterError,
    Registry,
    SavedQuery,
    Vocabulary,
    bind,
    load_queries,
    page_links,
)
from endpoint.state import state

bp = Blueprint("queries", __name__)
FORM = "application/x-www-form-urlencoded"


@bp.record_once
def _load(setup: BlueprintSetupState) -> None:
    """Read and check every query file (a file that cannot be served stops the app, with its file and line)."""
    app = setup.app
    dataset = app.extensions["rally"].dataset
    queries = load_queries(Path(app.config.get("QUERIES_DIR") or QUERIES_DIR))
    app.extensions["saved-queries"] = Registry(queries, Vocabulary.of(dataset))


def registry() -> Registry:
    """Return the saved queries of the running app."""
    found: Registry = current_app.extensions["saved-queries"]
    return found


@bp.route("/queries")
@bp.route("/queries/")
def index() -> Response:
    """Return the list of saved queries: HTML for browsers, JSON for code."""
    queries = registry().queries
    wanted = request.args.get("format") or request.accept_mimetypes.best_match(["application/json", "text/html"])
    found = registry()
    listed = [
        {**q.describe(found.example(q)), "url": _url(q), "example_url": _url(q, found.example(q))} for q in queries.values()
    ]
    if wanted in ("html", "text/html"):
        body = render_template(
            "queries.html",
            queries=queries.values(),
            examples={q.name: dict(found.example(q)) for q in queries.values()},
            example_urls={q.name: _url(q, found.example(q), root="/") for q in queries.values()},
            categories=found.vocabulary.category_names,
            editions=found.vocabulary.editions,
            input_type=_input_type,
        )
        return secure(cacheable(body, "text/html; charset=utf-8", None))
    document = {"queries": listed, "openapi": f"{request.url_root}openapi.json"}
    return cacheable(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "application/json", None)


@bp.route("/openapi.json")
def openapi_json() -> Response:
    """Return the OpenAPI description of the saved queries, generated from the query files."""
    current = state()
    key = ("openapi", request.url_root)
    body = current.documents.get(key)
    if body is None:
        found = registry()
        spec = openapi.document(found, request.url_root, int(current_app.config["MAX_ROWS"]))
        body = json.dumps(spec, ensure_ascii=False, indent=1).encode("utf-8")
        current.documents[key] = body
    return cacheable(body, "application/json", current.etag(key), vary=None)


def _request_values() -> dict[str, list[str]]:
    """Return the request's parameters: the URL's, and a form body's for POST."""
    values = {key: request.args.getlist(key) for key in request.args}
    if request.method == "POST":
        if request.mimetype == FORM:
            for key in request.form:
                values.setdefault(key, []).extend(request.form.getlist(key))
        elif request.mimetype or request.content_length:
            raise ProtocolError(415, f"POST with Content-Type {request.mimetype or '(none)'}: send the parameters as {FORM}")
    return values


def _format(query: SavedQuery, requested: str | None) -> Format:
    kind = "results" if query.form in ("SELECT", "ASK") else "graph"
    return negotiated(kind, requested, f"the answer of {query.name}")


@bp.route("/queries/<name>", methods=["GET", "POST"])
def run(name: str) -> WerkzeugResponse:
    """Run a saved query with the request's parameters; answer in the negotiated format, a page at a time."""
    query = registry().queries.get(name)
    if query is None:
        raise ProtocolError(
            404, f"no saved query {name!r}; the saved queries are listed at /queries: {', '.join(registry().queries)}"
        )
    if _wants_page():
        kept = [(key, value) for key, value in request.values.items(multi=True) if key != "format"]
        page = f"{request.url_root}saved/{name}" + (f"?{urlencode(kept)}" if kept else "")
        moved = redirect(page, code=303)  # the same query as a page: a form, a table, the share link
        moved.headers["Vary"] = "Accept"
        return moved
    max_rows = int(current_app.config["MAX_ROWS"])
    try:
        call = bind(query, _request_values(), registry().vocabulary, max_rows)
    except ParameterError as error:
        raise ProtocolError(error.status, str(error)) from None
    fmt = _format(query, call.format)
    answer, elapsed = _answer(call, fmt, max_rows)
    return _respond(call, answer, fmt, elapsed)


def _wants_page() -> bool:
    """Tell whether a browser asks: `format=html`, or no `format` and an Accept that prefers HTML to every answer format."""
    asked = request.values.getlist("format")
    if asked:
        return asked == ["html"]
    return prefers_html(request.headers.get("Accept"), "results")


def _answer(call: Call, fmt: Format, max_rows: int) -> tuple[Answer, float]:
    """Return the answer of a call (from the cache, or run by the killable executor) and the milliseconds it took."""
    current = state()
    job = call.job(fmt.serialiser if fmt.kind == "results" else None, fmt.serialiser if fmt.kind == "graph" else None, max_rows)
    key = ("saved", job.query, job.substitutions, job.result_format, job.graph_format, job.max_rows)
    started = time.perf_counter()
    answer = current.cache.get(key)
    if answer is None:
        try:
            outcome = current.executor.run(
                job, float(current_app.config["QUERY_TIMEOUT"]), request.environ.get("gunicorn.socket")
            )
        except QueryTimeout as timeout:
            current.metrics.count("timeouts")
            raise ProtocolError(503, f"{timeout}; ask for a smaller page (limit=)") from None
        if isinstance(outcome, Failure):
            raise RuntimeError(f"saved query {call.query.name} failed: {outcome.message}")
        current.cache.put(key, outcome)
        answer = outcome
    else:
        current.metrics.count("cache_hits")
    elapsed = (time.perf_counter() - started) * 1000
    current.metrics.count("queries")
    current.metrics.observe(elapsed)
    return answer, elapsed


def _respond(call: Call, answer: Answer, fmt: Format, elapsed_ms: float) -> Response:
    current = state()
    response = cacheable(answer.body, fmt.content_type, current.etag("saved", call.text, call.terms, fmt.media_type))
    response.headers["Server-Timing"] = f"query;dur={elapsed_ms:.2f}"
    response.headers["X-Result-Rows"] = str(answer.rows)
    response.headers["X-Result-Truncated"] = "true" if answer.truncated else "false"
    links = page_links(call, answer.rows, answer.truncated, request.base_url)
    if links:
        response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
        response.headers["Access-Control-Expose-Headers"] = "Link"
    if answer.truncated:
        current.metrics.count("truncated")
    return response


def _url(query: SavedQuery, example: tuple[tuple[str, str], ...] = (), root: str | None = None) -> str:
    """Return the URL of a saved query (under `root`, default the request's), with an example's parameters when given."""
    url = f"{request.url_root if root is None else root}queries/{query.name}"
    return f"{url}?{urlencode(example)}" if example else url


def _input_type(kind: str) -> str:
    return "number" if kind == "integer" else "text"
