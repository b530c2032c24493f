"""Fixtures of the endpoint's tests: the app serving the session's one build of the bundled article, and one real
server (`rally-kg serve`, gunicorn) on a loopback port.

`fetch_app` (the Flask test client) and `fetch_http` (the real server, through urllib) send the same requests and
return the same `Reply`, so that a test written once runs both ways (fixture `fetch`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.endpoint.support import AppFetch, Ask, Fetch, Get, HttpFetch
from tests.replies import Reply, http_request
from tests.servers import app_on

AppFactory = Callable[..., Flask]
FetchFactory = Callable[..., Fetch]


@pytest.fixture
def make_app(built: Path) -> Iterator[AppFactory]:
    """`make_app(KEY=value, ...)`: an app of its own on the build, with these settings (see endpoint.app.DEFAULTS)."""
    with ExitStack() as apps:
        yield lambda **config: apps.enter_context(app_on(built, **config))


@pytest.fixture
def make_fetch(make_app: AppFactory) -> FetchFactory:
    """`make_fetch(KEY=value, ...)`: requests, through the Flask test client, to an app of its own with these settings."""

    def make(**config: Any) -> Fetch:
        return AppFetch(make_app(**config).test_client())

    return make


@pytest.fixture
def fetch_app(client: FlaskClient) -> Fetch:
    """Requests to the shared app through the Flask test client."""
    return AppFetch(client)


@pytest.fixture
def ask(get: Get) -> Ask:
    """`ask(name, **params)`: the rows of a saved query run through the API (a 200 JSON answer, all on one page)."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        sent = {key.replace("_", "-"): str(value) for key, value in params.items()}
        sent.setdefault("limit", "10000")
        reply = get(f"/queries/{name}", sent)
        assert reply.headers.get("X-Result-Truncated") == "false", reply.headers
        return reply.values()

    return run


@pytest.fixture(scope="session")
def fetch_http(server: str) -> Fetch:
    """Requests to the real server over HTTP."""
    return HttpFetch(server)


@pytest.fixture(params=["app", "http"])
def fetch(request: pytest.FixtureRequest) -> Fetch:
    """Both ways in turn: the Flask test client, then the real server over HTTP."""
    chosen: Fetch = request.getfixturevalue(f"fetch_{request.param}")
    return chosen


@pytest.fixture(scope="session")
def http(server: str) -> Callable[..., Reply]:
    """`http(method, path, params=..., data=..., headers=...)`: a request to the real server over HTTP."""

    def send(method: str, path: str, params: Any = (), data: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
        query = urlencode(params, doseq=True) if params else ""
        return http_request(server + path + (f"?{query}" if query else ""), method, data, headers, follow=True)

    return send
