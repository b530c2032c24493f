"""Fixtures of the SPARQL endpoint's tests: one build of the bundled article, the app serving it, one real server.

`fetch_app` (the Flask test client) and `fetch_http` (the real `rally-kg serve`, through urllib) send the
same requests and return the same `Reply`, so that a test written once runs both ways (fixture `fetch`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.replies import Reply, from_flask, http_request
from tests.servers import app_on, build_into, serving

# --- Replies: what a request got back, the same whether it went through Flask or HTTP ----------------------------

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


# --- The build, the app, the real server ------------------------------------------------------------------------

AppFactory = Callable[..., Flask]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled 2001 Dakar Rally article (what `rally-kg build` writes), made once for the session."""
    return build_into(tmp_path_factory.mktemp("endpoint") / "build")


@pytest.fixture(scope="session")
def app(built: Path) -> Iterator[Flask]:
    """The app serving the build with the default configuration, shared by the session (its caches too)."""
    with app_on(built) as made:
        yield made


@pytest.fixture
def make_app(built: Path) -> Iterator[AppFactory]:
    """`make_app(KEY=value, ...)`: an app of its own on the build, with these settings (see endpoint.DEFAULTS)."""
    with ExitStack() as apps:
        yield lambda **config: apps.enter_context(app_on(built, **config))


FetchFactory = Callable[..., Fetch]


@pytest.fixture
def make_fetch(make_app: AppFactory) -> FetchFactory:
    """`make_fetch(KEY=value, ...)`: requests, through the Flask test client, to an app of its own with these settings."""

    def make(**config: Any) -> Fetch:
        return AppFetch(make_app(**config).test_client())

    return make


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The Flask test client of the shared app."""
    return app.test_client()


@pytest.fixture
def fetch_app(client: FlaskClient) -> Fetch:
    """Requests to the shared app through the Flask test client."""
    return AppFetch(client)


SERVER_READY_AFTER: list[float] = []


@pytest.fixture(scope="session")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `rally-kg serve` (gunicorn, 2 workers, 3 s query limit) on a free port; yields its base URL."""
    with serving(built, tmp_path_factory.mktemp("server") / "serve.log", options=["--timeout", "3"]) as (root, ready_after):
        SERVER_READY_AFTER.append(ready_after)  # recorded, not asserted: benchmarks measure speed
        yield root


@pytest.fixture(scope="session")
def fetch_http(server: str) -> Fetch:
    """Requests to the real server over HTTP."""
    return HttpFetch(server)


@pytest.fixture(params=["app", "http"])
def fetch(request: pytest.FixtureRequest) -> Fetch:
    """Both ways in turn: the Flask test client, then the real server over HTTP."""
    chosen: Fetch = request.getfixturevalue(f"fetch_{request.param}")
    return chosen


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Report how long the real server took to answer /healthz (a record, never a test)."""
    if SERVER_READY_AFTER:
        terminalreporter.write_line(f"rally-kg serve answered /healthz {SERVER_READY_AFTER[0]:.2f} s after it was started")
