"""Operations: /healthz (is the service up, and with what) and /metrics (counters and latencies)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, request

from endpoint.context import service

bp = Blueprint("ops", __name__)


@bp.route("/healthz")
def healthz() -> Response:
    """Return whether the service is up, with the dataset it serves."""
    current = service()
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
    current = service()
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
