"""Talking to the service in tests: `Fetch` sends the same requests through the Flask test client (`AppFetch`) or
over HTTP to a real server (`HttpFetch`) and returns the same `Reply`; and how the article prints times."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from flask.testing import FlaskClient

from tests.replies import Reply, from_flask, http_request

Params = Mapping[str, str] | Sequence[tuple[str, str]]
FORM = "application/x-www-form-urlencoded"


class Fetch:
    """Send requests to the service and return `Reply`s; `base` is the URL the service is reached at."""

    base = ""

    def send(self, method: str, path: str, query_string: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        """Send one request (implemented for the Flask client and for HTTP)."""
        raise NotImplementedError

    def __call__(
        self,
        method: str,
        path: str,
        *,
        params: Params = (),
        data: bytes | str | Params | None = None,
        content_type: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        """Send a request; `params` go in the URL, `data` (a form when given as pairs) in the body."""
        sent = dict(headers or {})
        body: bytes | None
        if data is None or isinstance(data, bytes):
            body = data
        elif isinstance(data, str):
            body = data.encode("utf-8")
        else:
            body = urlencode(list(data.items()) if isinstance(data, Mapping) else list(data)).encode("ascii")
            content_type = content_type or FORM
        if content_type is not None:
            sent["Content-Type"] = content_type
        pairs = list(params.items()) if isinstance(params, Mapping) else list(params)
        return self.send(method, path, urlencode(pairs), body, sent)

    def sparql(self, query: str, *, how: str = "get", accept: str | None = None, params: Params = ()) -> Reply:
        """Ask a query the way the protocol allows: `get`, `form` (POST form-encoded) or `direct` (POST body)."""
        headers = {"Accept": accept} if accept else {}
        extra = list(params.items()) if isinstance(params, Mapping) else list(params)
        if how == "get":
            return self("GET", "/sparql", params=[("query", query), *extra], headers=headers)
        if how == "form":
            return self("POST", "/sparql", data=[("query", query), *extra], headers=headers)
        if how == "direct":
            return self("POST", "/sparql", params=extra, data=query, content_type="application/sparql-query", headers=headers)
        raise ValueError(f"how={how!r}: expected get, form or direct")


class AppFetch(Fetch):
    """Requests through the Flask test client (no network)."""

    base = "http://localhost"

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def send(self, method: str, path: str, query_string: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        content_type = headers.pop("Content-Type", None)
        return from_flask(
            self.client.open(
                path, method=method, query_string=query_string, data=body, content_type=content_type, headers=headers
            )
        )


class HttpFetch(Fetch):
    """Requests over HTTP with urllib, sending exactly the headers given (no Accept-Encoding unless asked)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def send(self, method: str, path: str, query_string: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        url = self.base + path + (f"?{query_string}" if query_string else "")
        return http_request(url, method, body, headers, follow=True)


def hms(seconds: int) -> str:
    """Return seconds as the document prints times: h:mm:ss, or m:ss under an hour.

    >>> hms(254526), hms(1510), hms(159)
    ('70:42:06', '25:10', '2:39')
    """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


Ask = Callable[..., list[dict[str, Any]]]

Get = Callable[..., Reply]
