"""What a request got back, the same whether it went through the Flask test client or over HTTP, and how to read it."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from typing import Any

from rdflib import Dataset, Graph
from rdflib.query import Result
from rdflib.term import Identifier
from werkzeug.datastructures import Headers
from werkzeug.test import TestResponse


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

    def values(self) -> list[dict[str, Any]]:
        """Return the SPARQL JSON rows as dicts of Python values (the status must be 200)."""
        assert self.status == 200, f"{self.status}: {self.text}"
        return json_rows(self.body)

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


def from_flask(response: TestResponse) -> Reply:
    """Return the Reply of a Flask test-client response (and close it)."""
    try:
        return Reply(response.status_code, Headers(list(response.headers.items())), response.get_data())
    finally:
        response.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A urllib handler that hands redirects back instead of following them."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def http_request(
    url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None, follow: bool = False
) -> Reply:
    """Send one request over HTTP with exactly these headers; redirects are returned, not followed, unless asked."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with opener.open(request, timeout=30) as response:
            return Reply(response.status, Headers(list(response.headers.items())), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, Headers(list(error.headers.items())), error.read())
