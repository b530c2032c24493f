"""A response cache in front of the Flask app: the data is read-only, so a cacheable answer never changes.

A hit is served straight from WSGI, skipping routing and request parsing; it still honours
If-None-Match, and still counts in the metrics and the access log.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from endpoint.core.metrics import Metrics

access = logging.getLogger("endpoint.access")
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Key = tuple[str, str, str, str, bool, bytes]
_VARYING = ("HTTP_ACCEPT", "HTTP_ORIGIN", "HTTP_HOST", "wsgi.url_scheme", "SCRIPT_NAME")  # documents name their own URL


class ResponseCache:
    """WSGI middleware keeping whole 200 responses marked `Cache-Control: public`, keyed on what varies them."""

    def __init__(self, app: WSGIApp, metrics: Metrics, size: int, max_body: int) -> None:
        self.app = app
        self.metrics = metrics
        self.size = size
        self.max_body = max_body
        self._items: OrderedDict[Key, tuple[str, list[tuple[str, str]], bytes, str | None, bool]] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, environ: dict[str, Any]) -> Key | None:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD", "POST") or self.size <= 0:
            return None
        body = b""
        if method == "POST":
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return None
            if length <= 0 or length > self.max_body:
                return None
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)
            body = environ.get("CONTENT_TYPE", "").encode() + b"\x00" + body
        gzip = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "").lower()
        varying = "\x00".join(environ.get(name, "") for name in _VARYING)
        return (method, environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""), varying, gzip, body)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
        if hit is not None:
            return self._serve(environ, start_response, hit)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], object]:
            captured["status"], captured["headers"] = status, headers
            writer: Callable[[bytes], object] = (
                start_response(status, headers, exc_info) if exc_info else start_response(status, headers)
            )
            return writer

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        status, headers = captured.get("status", ""), captured.get("headers", [])
        names = {name.lower(): value for name, value in headers}
        if status.startswith("200") and "public" in names.get("cache-control", "") and key[0] != "HEAD":
            path = environ.get("PATH_INFO", "")
            is_query = (path == "/sparql" and "query" in (environ.get("QUERY_STRING", "") + str(key[5][:200]))) or (
                path.startswith("/queries/") and len(path) > len("/queries/")
            )
            with self._lock:
                self._items[key] = (status, headers, body, names.get("etag"), is_query)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return [body]

    def _serve(
        self,
        environ: dict[str, Any],
        start_response: StartResponse,
        hit: tuple[str, list[tuple[str, str]], bytes, str | None, bool],
    ) -> Iterable[bytes]:
        started = time.perf_counter()
        status, headers, body, etag, is_query = hit
        matches = etag is not None and etag in [t.strip() for t in environ.get("HTTP_IF_NONE_MATCH", "").split(",")]
        if matches:
            kept = [
                (n, v)
                for n, v in headers
                if n.lower() in ("etag", "cache-control", "vary", "access-control-allow-origin", "access-control-expose-headers")
            ]
            start_response("304 NOT MODIFIED", kept)
            body, status = b"", "304 NOT MODIFIED"
        else:
            start_response(status, headers)
        elapsed = (time.perf_counter() - started) * 1000
        self.metrics.count("requests")
        self.metrics.count("cache_hits")
        if is_query:
            self.metrics.count("queries")
            self.metrics.observe(elapsed)
        access.info(
            "%s %s %s %s %.1fms %dB cached",
            time.strftime("%Y-%m-%dT%H:%M:%S"),
            environ.get("REQUEST_METHOD"),
            environ.get("PATH_INFO", "") + (f"?{environ['QUERY_STRING'][:160]}" if environ.get("QUERY_STRING") else ""),
            status.split(" ", 1)[0],
            elapsed,
            len(body),
        )
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]
