"""Saved queries over HTTP: the list at /queries, one query at /queries/<name>, and /openapi.json.

The query files are read and checked once, when the blueprint is registered (a bad file stops the app from
starting, with its file and line); the views are thin: the saved-query modules read, type and bind, the core
answers.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response as WerkzeugResponse

from endpoint.context import deadline, service
from endpoint.core.negotiation import prefers_html
from endpoint.core.service import Session
from endpoint.errors import ProtocolError
from endpoint.params import all_values
from endpoint.responses import cacheable, negotiated, secure
from endpoint.saved import current, openapi
from endpoint.saved.calls import bind, page_links
from endpoint.saved.examples import Registry
from endpoint.saved.files import load_queries
from endpoint.saved.model import QUERIES_DIR, SavedQuery
from endpoint.saved.values import Vocabulary

bp = Blueprint("queries", __name__)


@bp.record_once
def _load(setup: BlueprintSetupState) -> None:
    """Read and check every query file (a file that cannot be served stops the app, with its file and line)."""
    app = setup.app
    queries = load_queries(Path(app.config.get("QUERIES_DIR") or QUERIES_DIR))
    current.keep(app, Registry(queries, Vocabulary.of(Session(app.extensions["rally"], None))))


def registry() -> Registry:
    """Return the saved queries of the running app."""
    found = current.registry()
    assert found is not None  # this blueprint registered them
    return found


@bp.route("/queries")
@bp.route("/queries/")
def index() -> Response:
    """Return the list of saved queries: HTML for browsers, JSON for code."""
    found = registry()
    queries = found.queries
    wanted = request.args.get("format") or request.accept_mimetypes.best_match(["application/json", "text/html"])
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
    listed = [
        {**q.describe(found.example(q)), "url": _url(q), "example_url": _url(q, found.example(q))} for q in queries.values()
    ]
    document = {"queries": listed, "openapi": f"{request.url_root}openapi.json"}
    return cacheable(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "application/json", None)


@bp.route("/openapi.json")
def openapi_json() -> Response:
    """Return the OpenAPI description of the saved queries, generated from the query files."""
    current = service()
    key = ("openapi", request.url_root)
    body = current.documents.get(key)
    if body is None:
        spec = openapi.document(registry(), request.url_root, current.limits.max_rows)
        body = json.dumps(spec, ensure_ascii=False, indent=1).encode("utf-8")
        current.documents[key] = body
    return cacheable(body, "application/json", current.etag(key), vary=None)


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
    current = service()
    call = bind(query, all_values(), registry().vocabulary, current.limits.max_rows)
    fmt = negotiated("results" if query.form in ("SELECT", "ASK") else "graph", call.format, f"the answer of {query.name}")
    job = call.job(
        fmt.serialiser if fmt.kind == "results" else None,
        fmt.serialiser if fmt.kind == "graph" else None,
        current.limits.max_rows,
    )
    answer = current.answer(job, deadline())
    response = cacheable(answer.body, fmt.content_type, current.etag("saved", job, fmt.media_type))
    response.headers["Server-Timing"] = f"query;dur={answer.milliseconds:.2f}"
    response.headers["X-Result-Rows"] = str(answer.rows)
    response.headers["X-Result-Truncated"] = "true" if answer.truncated else "false"
    links = page_links(call, answer.rows, answer.truncated, request.base_url)
    if links:
        response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
        response.headers["Access-Control-Expose-Headers"] = "Link"
    return response


def _wants_page() -> bool:
    """Tell whether a browser asks: `format=html`, or no `format` and an Accept that prefers HTML to every answer format."""
    asked = request.values.getlist("format")
    if asked:
        return asked == ["html"]
    return prefers_html(request.headers.get("Accept"), "results")


def _url(query: SavedQuery, example: tuple[tuple[str, str], ...] = (), root: str | None = None) -> str:
    """Return the URL of a saved query (under `root`, default the request's), with an example's parameters when given."""
    url = f"{request.url_root if root is None else root}queries/{query.name}"
    return f"{url}?{urlencode(example)}" if example else url


def _input_type(kind: str) -> str:
    return "number" if kind == "integer" else "text"
