"""Operations: /healthz, /metrics, one log line per request, gzip, and the headers every response carries."""

from __future__ import annotations

import gzip
import json
import logging
import time

from flask import Blueprint, Flask, Response, g, request

from endpoint.state import state

bp = Blueprint("ops", __name__)
access = logging.getLogger("endpoint.access")
COMPRESSIBLE = (
    "text/",
    "application/sparql-results",
    "application/json",
    "application/ld+json",
    "application/n-",
    "application/rdf+xml",
    "application/trig",
    "application/xml",
)
MIN_GZIP_BYTES = 1024


@bp.route("/healthz")
def healthz() -> Response:
    """Return whether the service is up, with the dataset it serves."""
    current = state()
    body = {
        "status": "ok",
        "dataset": {"etag": current.dataset.etag, "triples": current.dataset.triples, "base": current.dataset.base},
        "uptime_seconds": current.metrics.snapshot()["uptime_seconds"],
    }
    response = Response(json.dumps(body) + "\n", content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/metrics")
def metrics() -> Response:
    """Return the counters and latency percentiles: Prometheus text, or JSON when asked."""
    current = state()
    wants_json = (
        request.args.get("format") == "json"
        or request.accept_mimetypes.best_match(["text/plain", "application/json"]) == "application/json"
    )
    if wants_json:
        response = Response(json.dumps(current.metrics.snapshot()) + "\n", content_type="application/json")
    else:
        response = Response(current.metrics.prometheus(), content_type="text/plain; version=0.0.4; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def install(app: Flask) -> None:
    """Register timing, logging and compression around every request."""

    @app.before_request
    def start_clock() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        _compress(response)
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        current = state()
        current.metrics.count("requests")
        if response.status_code >= 400:
            current.metrics.count("errors")
        query = g.get("query_text", "")
        access.info(
            "%s %s %s %d %.1fms %sB%s",
            time.strftime("%Y-%m-%dT%H:%M:%S"),
            request.method,
            request.full_path.rstrip("?") if not query else request.path,
            response.status_code,
            elapsed,
            response.content_length if response.content_length is not None else "-",
            f' query="{" ".join(query.split())[:120]}"' if query else "",
        )
        return response


def _compress(response: Response) -> None:
    """gzip the body when the client accepts it and it is worth it."""
    if (
        response.direct_passthrough
        or response.status_code not in (200, 203)
        or "Content-Encoding" in response.headers
        or "gzip" not in request.headers.get("Accept-Encoding", "").lower()
        or not (response.mimetype or "").startswith(COMPRESSIBLE)
    ):
        return
    data = response.get_data()
    if len(data) < MIN_GZIP_BYTES:
        return
    response.set_data(gzip.compress(data, compresslevel=5, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    vary = response.headers.get("Vary")
    if not vary or "accept-encoding" not in vary.lower():
        response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
    if response.get_etag()[0]:
        etag, weak = response.get_etag()
        response.set_etag(f"{etag}-gz", weak=bool(weak))
        response.make_conditional(request)  # If-None-Match names the gzipped tag: compare it now
