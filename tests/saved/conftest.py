"""Fixtures of the saved-query tests: a build of the bundled article, the app serving it, a real server, `ask`."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from endpoint import create_app
from tests.servers import build_into, serving

# --- Answers ---------------------------------------------------------------------------------------------------------


def python_value(term: dict[str, Any]) -> Any:
    """Return a SPARQL JSON term as a Python value: integers and booleans typed, everything else as its text."""
    datatype = term.get("datatype", "")
    if datatype.endswith(("#integer", "#int", "#long")):
        return int(term["value"])
    if datatype.endswith("#boolean"):
        return term["value"] == "true"
    return term["value"]


def json_rows(body: bytes) -> list[dict[str, Any]]:
    """Return the rows of SPARQL JSON results as dicts of Python values (unbound variables left out)."""
    document = json.loads(body)
    return [{name: python_value(term) for name, term in row.items()} for row in document["results"]["bindings"]]


def csv_rows(text: str) -> list[dict[str, str]]:
    """Return the rows of SPARQL CSV results (empty cells left out, like unbound variables)."""
    return [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(io.StringIO(text))]


def hms(seconds: int) -> str:
    """Return seconds as the document prints times: h:mm:ss, or m:ss under an hour.

    >>> hms(254526), hms(1510), hms(159)
    ('70:42:06', '25:10', '2:39')
    """
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class Reply:
    """A response: status, headers and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """Return the body as UTF-8 text."""
        return self.body.decode("utf-8")

    def rows(self) -> list[dict[str, Any]]:
        """Return the SPARQL JSON rows (the status must be 200)."""
        assert self.status == 200, f"{self.status}: {self.text}"
        return json_rows(self.body)


Ask = Callable[..., list[dict[str, Any]]]


# --- The build, the app, the real server ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled 2001 Dakar Rally article (what `rally-kg build` writes), made once for the session."""
    return build_into(tmp_path_factory.mktemp("saved") / "build")


@pytest.fixture(scope="session")
def app(built: Path) -> Iterator[Flask]:
    """The app serving the build with the default configuration, shared by the session."""
    made = create_app({"DATA_DIR": str(built)})
    yield made
    made.extensions["rally"].executor.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """The Flask test client of the shared app."""
    return app.test_client()


@pytest.fixture
def get(client: FlaskClient) -> Callable[..., Reply]:
    """`get(path, params, headers=...)`: a GET through the Flask test client."""

    def send(path: str, params: Any = (), headers: dict[str, str] | None = None) -> Reply:
        response = client.get(path, query_string=params, headers=headers or {})
        return Reply(response.status_code, dict(response.headers.items()), response.get_data())

    return send


@pytest.fixture
def ask(get: Callable[..., Reply]) -> Ask:
    """`ask(name, **params)`: the rows of a saved query run through the API (a 200 JSON answer, all on one page)."""

    def run(name: str, **params: Any) -> list[dict[str, Any]]:
        sent = {key.replace("_", "-"): str(value) for key, value in params.items()}
        sent.setdefault("limit", "10000")
        reply = get(f"/queries/{name}", sent)
        assert reply.headers.get("X-Result-Truncated") == "false", reply.headers
        return reply.rows()

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
        from urllib.parse import urlencode

        query = urlencode(params, doseq=True) if params else ""
        url = server + path + (f"?{query}" if query else "")
        request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Reply(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, dict(error.headers.items()), error.read())

    return send
