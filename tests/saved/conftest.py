"""Fixtures of the saved-query tests: a build of the bundled article, the app serving it, a real server, `ask`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.replies import Reply, from_flask, http_request
from tests.servers import app_on, build_into, serving

# --- Answers ---------------------------------------------------------------------------------------------------------


def hms(seconds: int) -> str:
    """Return seconds as the document prints times: h:mm:ss, or m:ss under an hour.

    >>> hms(254526), hms(1510), hms(159)
    ('70:42:06', '25:10', '2:39')
    """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


Ask = Callable[..., list[dict[str, Any]]]


# --- The build, the app, the real server ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled 2001 Dakar Rally article (what `rally-kg build` writes), made once for the session."""
    return build_into(tmp_path_factory.mktemp("saved") / "build")


@pytest.fixture(scope="session")
def app(built: Path) -> Iterator[Flask]:
    """The app serving the build with the default configuration, shared by the session."""
    with app_on(built) as made:
        yield made


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The Flask test client of the shared app."""
    return app.test_client()


@pytest.fixture
def get(client: FlaskClient) -> Callable[..., Reply]:
    """`get(path, params, headers=...)`: a GET through the Flask test client."""

    def send(path: str, params: Any = (), headers: dict[str, str] | None = None) -> Reply:
        return from_flask(client.get(path, query_string=params, headers=headers or {}))

    return send


@pytest.fixture
def ask(get: Callable[..., Reply]) -> Ask:
    """`ask(name, **params)`: the rows of a saved query run through the API (a 200 JSON answer, all on one page)."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        sent = {key.replace("_", "-"): str(value) for key, value in params.items()}
        sent.setdefault("limit", "10000")
        reply = get(f"/queries/{name}", sent)
        assert reply.headers.get("X-Result-Truncated") == "false", reply.headers
        return reply.values()

    return run


@pytest.fixture(scope="session")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `rally-kg serve` (gunicorn, 2 workers) on a free loopback port; yields its base URL."""
    with serving(built, tmp_path_factory.mktemp("saved-server") / "serve.log") as (root, _ready_after):
        yield root


@pytest.fixture(scope="session")
def http(server: str) -> Callable[..., Reply]:
    """`http(method, path, params=..., data=..., headers=...)`: a request to the real server over HTTP."""

    def send(method: str, path: str, params: Any = (), data: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
        query = urlencode(params, doseq=True) if params else ""
        return http_request(server + path + (f"?{query}" if query else ""), method, data, headers, follow=True)

    return send
