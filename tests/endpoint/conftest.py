"""Fixtures of the SPARQL endpoint's tests: one build of the bundled article, the app serving it, one real server.

`fetch_app` (the Flask test client) and `fetch_http` (the real `rally-kg serve`, through urllib) send the
same requests and return the same `Reply`, so that a test written once runs both ways (fixture `fetch`).
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Identifier
from werkzeug.datastructures import Headers

from endpoint import create_app
from tests.servers import build_into, serving

# --- Replies: what a request got back, the same whether it went through Flask or HTTP ----------------------------

RESULT_PARSERS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_PARSERS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}
QUAD_FORMATS = ("trig", "nquads")


@dataclass(frozen=True)
class Reply:
    """A response: status, headers (case-insensitive) and body as sent, and parsers for what it carries."""

    status: int
    headers: Headers
    body: bytes

    @property
    def media_type(self) -> str:
        """Return the media type of the Content-Type header, parameters (charset) left out."""
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        """Return the body as UTF-8 text."""
        return self.body.decode("utf-8")

    def json(self) -> Any:
        """Return the body parsed as JSON."""
        return json.loads(self.body)

    def results(self, media_type: str | None = None) -> Result:
        """Return the SELECT or ASK results parsed back with rdflib's parser for the media type."""
        return Result.parse(io.BytesIO(self.body), format=RESULT_PARSERS[media_type or self.media_type])

    def rows(self) -> list[dict[str, Identifier]]:
        """Return the SELECT rows, each a dict from variable name to RDF term (unbound variables left out)."""
        return [{str(name): term for name, term in binding.items()} for binding in self.results().bindings]

    def graph(self, media_type: str | None = None) -> Graph:
        """Return the RDF carried by the body parsed back with rdflib (quads: the triples of all their graphs)."""
        fmt = GRAPH_PARSERS[media_type or self.media_type]
        graph = Graph()
        if fmt in QUAD_FORMATS:
            for s, p, o, _ in self.dataset(media_type).quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        with warnings.catch_warnings():  # rdflib 7.6's JSON-LD parser uses its deprecated ConjunctiveGraph
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            graph.parse(data=self.body, format=fmt)
        return graph

    def dataset(self, media_type: str | None = None) -> Dataset:
        """Return the quads carried by the body (TriG or N-Quads) parsed back with rdflib."""
        fmt = GRAPH_PARSERS[media_type or self.media_type]
        assert fmt in QUAD_FORMATS, f"{self.media_type} carries no quads"
        dataset = Dataset()
        with warnings.catch_warnings():  # rdflib 7.6's TriG parser uses its deprecated ConjunctiveGraph
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            dataset.parse(data=self.body, format=fmt)
        return dataset


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
        response = self.client.open(
            path, method=method, query_string=query_string, data=body, content_type=content_type, headers=headers
        )
        try:
            return Reply(response.status_code, Headers(list(response.headers.items())), response.get_data())
        finally:
            response.close()


class HttpFetch(Fetch):
    """Requests over HTTP with urllib, sending exactly the headers given (no Accept-Encoding unless asked)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def send(self, method: str, path: str, query_string: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        url = self.base + path + (f"?{query_string}" if query_string else "")
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Reply(response.status, Headers(list(response.headers.items())), response.read())
        except urllib.error.HTTPError as error:
            with error:
                return Reply(error.code, Headers(list(error.headers.items())), error.read())


# --- The build, the app, the real server ------------------------------------------------------------------------

AppFactory = Callable[..., Flask]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the bundled 2001 Dakar Rally article (what `rally-kg build` writes), made once for the session."""
    return build_into(tmp_path_factory.mktemp("endpoint") / "build")


@pytest.fixture(scope="session")
def app(built: Path) -> Iterator[Flask]:
    """The app serving the build with the default configuration, shared by the session (its caches too)."""
    made = create_app({"DATA_DIR": str(built)})
    yield made
    made.extensions["rally"].executor.close()


@pytest.fixture
def make_app(built: Path) -> Iterator[AppFactory]:
    """`make_app(KEY=value, ...)`: an app of its own on the build, with these settings (see endpoint.DEFAULTS)."""
    made: list[Flask] = []

    def make(**config: Any) -> Flask:
        new = create_app({"DATA_DIR": str(built), **config})
        made.append(new)
        return new

    yield make
    for each in made:
        each.extensions["rally"].executor.close()


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
