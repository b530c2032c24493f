"""The web app: `create_app(config)` serves a built dataset through the core, one blueprint per family of views."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_cors import CORS

from endpoint import errors, hooks
from endpoint.core.dataset import open_dataset
from endpoint.core.service import Limits, Service
from endpoint.protocol import documents, ops, sparql
from endpoint.protocol.direct import DirectSparql
from endpoint.response_cache import ResponseCache
from endpoint.responses import EXPOSED_HEADERS
from endpoint.saved import views as saved
from endpoint.web import editor, linked, pages, saved_page

DEFAULTS: dict[str, Any] = {
    "DATA_DIR": "build",
    "QUERY_TIMEOUT": Limits.timeout,  # seconds; a request may ask for less with ?timeout=
    "MAX_ROWS": Limits.max_rows,  # rows (or triples) of one answer; more is cut and signalled
    "MAX_CONTENT_LENGTH": 1 << 20,  # bytes of a request body
    "MAX_QUERY_LENGTH": Limits.max_query_length,  # characters of a query
    "QUERY_MEMORY_MB": Limits.query_memory_mb,  # memory one query may take on top of the server's; more stops it
    "CACHE_SIZE": Limits.cache_size,  # answers kept in memory per server process
    "CACHE_MAX_AGE": 300,  # seconds clients and proxies may reuse an answer
    # Queries run in the server process under a watchdog that ends the process on a timeout; only for a server
    # that gives each request a process of its own and replaces a process that ends (gunicorn's sync workers).
    "QUERY_WATCHDOG": False,
    # A SPARQL 1.1 query endpoint holding the build (pushed there by `rally-kg push`) to answer through, instead of
    # the build's own store; DATA_DIR still gives the build's summary.
    "STORE_URL": None,
}


def limits(config: Mapping[str, Any]) -> Limits:
    """Return the limits a configuration sets (see DEFAULTS)."""
    return Limits(
        timeout=float(config["QUERY_TIMEOUT"]),
        max_rows=int(config["MAX_ROWS"]),
        max_query_length=int(config["MAX_QUERY_LENGTH"]),
        query_memory_mb=int(config["QUERY_MEMORY_MB"]),
        cache_size=int(config["CACHE_SIZE"]),
    )


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Return the web app serving the dataset built in config['DATA_DIR'] (see DEFAULTS for the other keys)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    data = Path(os.path.abspath(app.config["DATA_DIR"]))  # a relative folder means the working directory's, always
    app.config["DATA_DIR"] = str(data)
    service = Service.open(
        open_dataset(data, app.config["STORE_URL"]), limits(app.config), watchdog=bool(app.config["QUERY_WATCHDOG"])
    )
    app.extensions["rally"] = service
    app.wsgi_app = DirectSparql(app.wsgi_app, service, int(app.config["CACHE_MAX_AGE"]), int(app.config["MAX_CONTENT_LENGTH"]))  # type: ignore[method-assign]
    app.wsgi_app = ResponseCache(app.wsgi_app, service.metrics, service.limits.cache_size, int(app.config["MAX_CONTENT_LENGTH"]))  # type: ignore[method-assign]
    CORS(
        app,
        methods=["GET", "HEAD", "POST", "OPTIONS"],  # read-only: nothing else is allowed
        expose_headers=list(EXPOSED_HEADERS),
        max_age=86400,
    )
    for blueprint in (sparql.bp, documents.bp, ops.bp, saved.bp, linked.bp, pages.bp, editor.bp, saved_page.bp):
        app.register_blueprint(blueprint)
    hooks.install(app)
    errors.register(app)
    logging.getLogger("endpoint").setLevel(logging.INFO)
    return app
