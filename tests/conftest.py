"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from loader.errors import Problem
from tests.replies import Reply, from_flask
from tests.servers import app_on, serving

# --- The bundled document and SPARQL rows (tests of the 2001 article) -----------------------

DOCUMENT = Path(__file__).parents[1] / "data" / "2001_Dakar_Rally.txt"

PREFIXES = """\
PREFIX rally:  <https://w3id.org/rally-kg/ontology#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd:    <http://www.w3.org/2001/XMLSchema#>
PREFIX skos:   <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX wd:     <http://www.wikidata.org/entity/>
PREFIX wdt:    <http://www.wikidata.org/prop/direct/>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX owl:    <http://www.w3.org/2002/07/owl#>
"""


class Build(Protocol):
    """What `loader.pipeline.load_paths` returns."""

    dataset: Dataset
    problems: list[Problem]

    def graph(self, name: str) -> Graph: ...


Rows = Callable[..., list[dict[str, Any]]]


def _term(value: object) -> Identifier:
    """Return an RDF term for a binding: terms stay as they are, other values become literals."""
    return value if isinstance(value, Identifier) else Literal(value)


def _python(term: Identifier | None) -> Any:
    """Return a result term as a Python value: IRIs and blank nodes as str, literals via toPython."""
    if term is None:
        return None
    return term.toPython() if isinstance(term, Literal) else str(term)


_MERGED: dict[int, Graph] = {}


def _merged(dataset: Dataset) -> Graph:
    """Return one graph holding every quad's triple of a dataset (kept per dataset for the session).

    rdflib evaluates a query over a Dataset's union default graph about ten times slower than over a
    plain graph; for a query without GRAPH clauses the answers are the same.
    """
    key = id(dataset)
    if key not in _MERGED:
        merged = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        _MERGED[key] = merged
    return _MERGED[key]


def select_rows(source: Graph, query: str, **bindings: object) -> list[dict[str, Any]]:
    """Return the rows of a SPARQL SELECT (standard prefixes prepended, values bound, never pasted)."""
    if isinstance(source, Dataset) and source.default_union and "GRAPH" not in query.upper():
        source = _merged(source)
    result = source.query(PREFIXES + query, initBindings={k: _term(v) for k, v in bindings.items()})
    return [{str(var): _python(row[var]) for var in result.vars or []} for row in result]


@pytest.fixture(scope="session")
def dakar() -> Build:
    """The bundled 2001 Dakar Rally article, loaded once for the session."""
    from loader.pipeline import load_paths  # imported here so that collection works without it

    return load_paths([DOCUMENT])


@pytest.fixture(scope="session")
def rows() -> Rows:
    """`rows(dataset_or_graph, query, **bindings)`: the rows of a SELECT as dicts of Python values."""
    return select_rows


@pytest.fixture(scope="session")
def person(dakar: Build) -> Callable[[str], URIRef]:
    """`person(name)`: the one person whose preferred or alternative label is `name`."""
    query = """
        SELECT DISTINCT ?person WHERE {
          ?person a rally:Person .
          { ?person rdfs:label ?label } UNION { ?person skos:altLabel ?label }
          FILTER (STR(?label) = ?name)
        }"""

    def find(name: str) -> URIRef:
        found = {row["person"] for row in select_rows(dakar.dataset, query, name=name)}
        assert len(found) == 1, f"{name!r} names {len(found)} persons: {sorted(found)}"
        return URIRef(found.pop())

    return find


# --- The second document, bad input and the command line -------------------------------------
# (fixtures of the loader's and the command line's tests)

ROOT = Path(__file__).parents[1]
TEST_DATA = Path(__file__).parent / "data"
ATLAS_DOCUMENT = TEST_DATA / "2005_Test_Rally.txt"
ATLAS_2006_DOCUMENT = TEST_DATA / "2006_Test_Rally.txt"
BAD_DATA = TEST_DATA / "bad"

Cli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def atlas() -> Build:
    """The fictional 2005 Atlas Rally article (tests/data/2005_Test_Rally.txt), loaded once for the session."""
    from loader.pipeline import load_paths

    return load_paths([ATLAS_DOCUMENT])


@pytest.fixture(scope="session")
def atlas_2006() -> Build:
    """The fictional 2006 Atlas Rally article (tests/data/2006_Test_Rally.txt), loaded once for the session."""
    from loader.pipeline import load_paths

    return load_paths([ATLAS_2006_DOCUMENT])


@pytest.fixture(scope="session")
def three_editions() -> Build:
    """The bundled 2001 article and the 2005 and 2006 test articles loaded together: a corpus of three editions."""
    from loader.pipeline import load_paths

    return load_paths([DOCUMENT, ATLAS_DOCUMENT, ATLAS_2006_DOCUMENT])


@pytest.fixture(scope="session")
def dakar_and_atlas() -> Build:
    """The bundled 2001 article and the 2005 test article loaded together: one dataset, two editions."""
    from loader.pipeline import load_paths

    return load_paths([DOCUMENT, ATLAS_DOCUMENT])


def run_cli(*args: str | Path, cwd: Path = ROOT, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run `python -m cli ARGS` in a process of its own; return its exit code, stdout and stderr."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "cli", *(str(a) for a in args)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def cli() -> Cli:
    """`cli(*args)`: run the rally-kg command line as a separate process (see `run_cli`)."""
    return run_cli


@dataclass(frozen=True)
class CliBuild:
    """A `rally-kg build` run: the output directory and the finished process."""

    out: Path
    process: subprocess.CompletedProcess[str]


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> CliBuild:
    """`rally-kg build --out DIR` of the bundled document (no DOC given), run once for the session.

    Tests must not write into `out`: copy it first (tests/loader/test_bad_input.py does).
    """
    out = tmp_path_factory.mktemp("bundled-build") / "build"
    return CliBuild(out, run_cli("build", "--out", out))


@pytest.fixture(scope="session")
def built(bundled_build: CliBuild) -> Path:
    """The session's one build of the bundled article, made by `rally-kg build` as the README's command makes it.

    The endpoint's tests serve it and the command line's query it; none writes into it.
    """
    process = bundled_build.process
    assert process.returncode == 0, f"rally-kg build failed ({process.returncode}):\n{process.stderr}"
    return bundled_build.out


@pytest.fixture(scope="session")
def app(built: Path) -> Iterator[Flask]:
    """The app serving the session's build with the default configuration, shared by the session (its caches too)."""
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


SERVER_READY_AFTER: list[float] = []


@pytest.fixture(scope="session")
def server(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `rally-kg serve` (gunicorn, 2 workers, 3 s query limit) on a free port; yields its base URL."""
    with serving(built, tmp_path_factory.mktemp("server") / "serve.log", options=["--timeout", "3"]) as (root, ready_after):
        SERVER_READY_AFTER.append(ready_after)  # recorded, not asserted: benchmarks measure speed
        yield root


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Report how long the real server took to answer /healthz (a record, never a test)."""
    if SERVER_READY_AFTER:
        terminalreporter.write_line(f"rally-kg serve answered /healthz {SERVER_READY_AFTER[0]:.2f} s after it was started")
