"""What happens around every request: timing, one access-log line, metrics, gzip."""

from __future__ import annotations

import gzip
import logging
import time

from flask import Flask, Response, g, request

from endpoint.context import service

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


def install(app: Flask) -> None:
    """Register timing, logging and compression around every request."""

    @app.before_request
    def start_clock() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        _compress(response)
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        current = service()
        current.metrics.count("requests")
        if response.status_code >= 400:
            current.metrics.count("errors")
        query = g.get("query_text", "")
        path = request.full_path.rstrip("?") if not query else request.path
        log_access(request.method, path, response.status_code, elapsed, response.content_length, query)
        return response


def log_access(method: str, path: str, status: int, milliseconds: float, length: int | None, query: str = "") -> None:
    """Write one access-log line (a query in one line, cut at 120 characters)."""
    access.info(
        "%s %s %s %d %.1fms %sB%s",
        time.strftime("%Y-%m-%dT%H:%M:%S"),
        method,
        path,
        status,
        milliseconds,
        length if length is not None else "-",
        f' query="{" ".join(query.split())[:120]}"' if query else "",
    )


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
