"""The SPARQL protocol's common case answered straight from WSGI, without Flask's routing, request and response objects.

A query sent as most clients send it (GET with `query` alone, or POST of the query itself as
application/sparql-query) whose Accept names a data format, answered in full, costs a request here about a
third of what it costs through the Flask view: the service, negotiation, ETag and headers are the same ones.
Everything else goes to the Flask view, which answers it the same way: no query, a browser, `format=` or
dataset parameters, a conditional request, a form, a body worth compressing, a query the service refuses.
A query that fails or is stopped is answered here as `endpoint.errors` answers it.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from werkzeug.wsgi import get_current_url

from endpoint.core.errors import QueryError, Refused
from endpoint.core.executor import Deadline
from endpoint.core.negotiation import Format, answer_formats, prefers_html
from endpoint.core.service import Service
from endpoint.errors import error_response, status_of
from endpoint.hooks import COMPRESSIBLE, MIN_GZIP_BYTES, log_access
from endpoint.params import QUERY_TYPE
from endpoint.responses import ANSWER_VARY, EXPOSED_HEADERS, answer_headers

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
CORS_HEADERS = [("Access-Control-Allow-Origin", "*"), ("Access-Control-Expose-Headers", ", ".join(sorted(EXPOSED_HEADERS)))]


class DirectSparql:
    """WSGI middleware answering plain protocol queries at /sparql itself; every other request goes to `app`."""

    def __init__(self, app: WSGIApp, service: Service, max_age: int, max_body: int) -> None:
        self.app = app
        self.service = service
        self.cache_control = f"public, max-age={max_age}"
        self.max_body = max_body

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        query = self._query(environ)
        accept = environ.get("HTTP_ACCEPT")
        if query is None or not accept or prefers_html(accept):
            return self.app(environ, start_response)
        results, graphs = answer_formats(accept)
        try:
            job = self.service.job(
                query,
                result_format=results.serialiser if results else None,
                graph_format=graphs.serialiser if graphs else None,
                base_iri=get_current_url(environ, strip_querystring=True),
            )
            answer = self.service.answer(job, Deadline.after(self.service.limits.timeout, environ.get("gunicorn.socket")))
        except Refused:
            return self.app(environ, start_response)  # the view says why, with the request's own words
        except QueryError as error:
            return self._finish(environ, start_response, error_response(status_of(error), str(error)), started, query)
        fmt: Format | None = results if answer.kind != "graph" else graphs
        compress = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "").lower() and len(answer.body) >= MIN_GZIP_BYTES
        if fmt is None or answer.format is None or (compress and fmt.content_type.startswith(COMPRESSIBLE)):
            return self.app(environ, start_response)  # a 406, or gzip: the view (the answer is in the service's cache)
        headers = [
            ("Content-Type", fmt.content_type),
            ("Content-Length", str(len(answer.body))),
            ("Cache-Control", self.cache_control),
            ("Vary", ANSWER_VARY),
            ("ETag", f'"{self.service.etag(job, fmt.media_type)}"'),
            *answer_headers(answer, self.service.limits.max_rows),
            *CORS_HEADERS,
        ]
        start_response("200 OK", headers)
        self._log(environ, 200, started, len(answer.body), query)
        return [answer.body]

    def _query(self, environ: dict[str, Any]) -> str | None:
        """Return the query of a plain protocol request, None for any other request (its body left for the app)."""
        if environ.get("PATH_INFO") != "/sparql" or environ.get("SCRIPT_NAME") or "HTTP_IF_NONE_MATCH" in environ:
            return None
        method = environ.get("REQUEST_METHOD")
        text: str | None = None
        if method == "GET":
            pairs = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
            if len(pairs) == 1 and pairs[0][0] == "query":
                text = pairs[0][1]
        elif method == "POST" and not environ.get("QUERY_STRING"):
            kind, _, params = environ.get("CONTENT_TYPE", "").partition(";")
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return None
            if kind.strip().lower() != QUERY_TYPE or params.strip() not in ("", "charset=utf-8", "charset=UTF-8"):
                return None
            if not 0 < length <= self.max_body:
                return None
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)  # the app reads it again when it answers
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return None
        if text is None or not text.strip() or len(text) > self.service.limits.max_query_length:
            return None
        return text

    def _finish(
        self, environ: dict[str, Any], start_response: StartResponse, response: Any, started: float, query: str
    ) -> Iterable[bytes]:
        for name, value in CORS_HEADERS:
            response.headers[name] = value
        self._log(environ, response.status_code, started, response.content_length, query)
        result: Iterable[bytes] = response(environ, start_response)
        return result

    def _log(self, environ: dict[str, Any], status: int, started: float, length: int | None, query: str) -> None:
        self.service.metrics.count("requests")
        if status >= 400:
            self.service.metrics.count("errors")
        log_access(environ.get("REQUEST_METHOD", ""), "/sparql", status, (time.perf_counter() - started) * 1000, length, query)
