"""The one place that turns an error into an HTTP response: plain text saying what and where, never a stack trace."""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from endpoint.core.errors import ParameterError, QueryError, QueryFailed, QueryTimeout, Refused

log = logging.getLogger("endpoint")


class ProtocolError(Exception):
    """A request the endpoint answers with a 4xx or 5xx status and a message saying what and where."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def status_of(error: QueryError) -> int:
    """Return the HTTP status of a query not answered: refused, malformed or with a bad parameter 400, a parameter
    naming nothing of the dataset 404, stopped 503."""
    if isinstance(error, ParameterError):
        return 404 if error.absent else 400
    if isinstance(error, QueryTimeout):
        return 503
    if isinstance(error, (Refused, QueryFailed)):
        return 400
    return 500


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """Return a plain-text error response."""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    response = Response(f"{status} {reason}: {message}\n", status=status, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"  # the message may echo what the request sent
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def register(app: Flask) -> None:
    """Map ProtocolError, query and parameter errors, HTTP errors and anything unexpected to responses."""

    @app.errorhandler(ProtocolError)
    def protocol_error(error: ProtocolError) -> Response:
        return error_response(error.status, error.message, error.headers)

    @app.errorhandler(QueryError)
    def query_error(error: QueryError) -> Response:
        return error_response(status_of(error), str(error))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        messages = {
            404: f"no resource at {request.path}",
            405: f"{request.method} is not allowed on {request.path}",
            413: f"the request is larger than the limit of {app.config.get('MAX_CONTENT_LENGTH')} bytes",
        }
        response = error_response(status, messages.get(status, error.description or ""))
        if status == 405 and error.get_response().headers.get("Allow"):
            response.headers["Allow"] = error.get_response().headers["Allow"]
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_response(500, "an internal error occurred; it has been logged")
