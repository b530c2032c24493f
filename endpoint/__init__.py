"""The rally knowledge graph's web service: SPARQL endpoint, service descriptions, operations."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_cors import CORS

from endpoint import describe, errors, linked, ops, pages, queries, sparql
from endpoint.cache import ResponseCache
from endpoint.dataset import open_dataset
from endpoint.executor import Executor, Watchdog
from endpoint.metrics import Metrics
from endpoint.state import AnswerCache, State

DEFAULTS: dict[str, Any] = {
    "DATA_DIR": "build",
    "QUERY_TIMEOUT": 10.0,  # seconds; a request may ask for less with ?timeout=
    "MAX_ROWS": 10_000,  # rows (or triples) of one answer; more is cut and signalled
    "MAX_CONTENT_LENGTH": 1 << 20,  # bytes of a request body
    "MAX_QUERY_LENGTH": 100_000,  # characters of a query
    "QUERY_MEMORY_MB": 1024,  # memory one query may take on top of the server's; more stops it, like a timeout
    "CACHE_SIZE": 2048,  # answers kept in memory per server process
    "CACHE_MAX_AGE": 300,  # seconds clients and proxies may reuse an answer
    # Queries run in the server process under a watchdog that ends the process on a timeout; only for a server
    # that gives each request a process of its own and replaces a process that ends (gunicorn's sync workers).
    "QUERY_WATCHDOG": False,
}


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Return the web app serving the dataset built in config['DATA_DIR'] (see DEFAULTS for the other keys)."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    data = Path(os.path.abspath(app.config["DATA_DIR"]))  # a relative folder means the working directory's, always
    app.config["DATA_DIR"] = str(data)
    dataset = open_dataset(data)
    metrics = Metrics()
    megabytes = int(app.config["QUERY_MEMORY_MB"])
    watchdog = Watchdog(metrics.count_timeout, megabytes) if app.config["QUERY_WATCHDOG"] else None
    executor = Executor(dataset.store, dataset.default_graphs, dataset.named_graphs, watchdog, megabytes)
    app.extensions["rally"] = State(dataset, executor, metrics, AnswerCache(int(app.config["CACHE_SIZE"])))
    app.wsgi_app = ResponseCache(app.wsgi_app, metrics, int(app.config["CACHE_SIZE"]), int(app.config["MAX_CONTENT_LENGTH"]))  # type: ignore[method-assign]
    CORS(
        app,
        methods=["GET", "HEAD", "POST", "OPTIONS"],  # read-only: nothing else is allowed
        expose_headers=["ETag", "Link", "Server-Timing", "X-Result-Rows", "X-Result-Truncated", "Warning"],
        max_age=86400,
    )
    app.register_blueprint(sparql.bp)
    app.register_blueprint(describe.bp)
    app.register_blueprint(ops.bp)
    app.register_blueprint(queries.bp)
    app.register_blueprint(linked.bp)  # dereferencing: {base path}…, /data/…, /ontology
    app.register_blueprint(pages.bp)  # HTML: /, /page/…, /browse/…, /editor, /saved/…, /story/…
    ops.install(app)
    errors.register(app)
    logging.getLogger("endpoint").setLevel(logging.INFO)
    return app
