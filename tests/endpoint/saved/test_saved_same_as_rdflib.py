"""Every saved query answers through the API exactly as rdflib answers the same text with the same values bound.

The values are the query file's example, bound by rdflib's initBindings on one side and by the API's
substitution on the other. Rows are compared term by term as multisets. GROUP_CONCAT's order is not
fixed by SPARQL 1.1, so a concatenation is compared as the set of its parts.

Where rdflib itself is wrong, the query is listed with the reason, and a test checks the reason still holds.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal
from rdflib.query import Result
from rdflib.term import Identifier
from rdflib.util import from_n3

from endpoint.saved.calls import bind
from endpoint.saved.examples import Registry
from endpoint.saved.model import SavedQuery
from tests.reference import Reference, rows

# rdflib 7.6 raises "Variable ... is not bound" when GROUP_CONCAT (or an expression in the SELECT) meets an unbound
# variable in some group; SPARQL 1.1 leaves that value out (section 18.5.1.7), as Oxigraph does.
RDFLIB_RAISES_ON_UNBOUND_AGGREGATES = ("source-problems",)
# rdflib evaluates the OPTIONAL's sub-select without the outer ?stage and so finds "previous leaders" before
# stage 1, and takes over a minute; the leaders are checked against the article in test_saved_answers.
RDFLIB_WRONG_AND_SLOW = ("leaders",)


@pytest.fixture(scope="module")
def reference(built: Path) -> Reference:
    return Reference.of(built)


@pytest.fixture(scope="module")
def registry(app: Any) -> Registry:
    found: Registry = app.extensions["saved-queries"]
    return found


def example_call(registry: Registry, query: SavedQuery) -> tuple[str, dict[str, Identifier], dict[str, list[str]]]:
    """Return the text run for the query's example, its bound values, and the request parameters."""
    params: dict[str, list[str]] = {}
    for key, value in registry.example(query):
        params.setdefault(key, []).append(value)
    if query.form == "SELECT":
        params["limit"] = ["10000"]
    call = bind(query, params, registry.vocabulary, 10_000)
    bound: dict[str, Identifier] = {variable: from_n3(term) for variable, term in call.terms}  # type: ignore[misc]
    return call.text, bound, params


def _concatenations_as_sets(found: list[tuple[Identifier | None, ...]]) -> Counter[tuple[object, ...]]:
    def part(term: Identifier | None) -> object:
        if isinstance(term, Literal) and SEPARATORS.search(str(term)):
            return frozenset(SEPARATORS.split(str(term)))
        return term

    return Counter(tuple(part(term) for term in row) for row in found)


SEPARATORS = re.compile(r", | \| ")  # of the GROUP_CONCATs in queries/*.rq
NAMES = sorted(p.stem for p in (Path(__file__).resolve().parents[3] / "queries").glob("*.rq"))
COMPARED = [name for name in NAMES if name not in RDFLIB_RAISES_ON_UNBOUND_AGGREGATES + RDFLIB_WRONG_AND_SLOW]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset/ConjunctiveGraph code paths
@pytest.mark.parametrize("name", COMPARED)
def test_a_saved_query_answers_as_rdflib_does(client: FlaskClient, registry: Registry, reference: Reference, name: str) -> None:
    query = registry.queries[name]
    text, bound, params = example_call(registry, query)
    expected = reference.query(text, bound)
    graph_form = query.form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph_form else "application/sparql-results+json"
    response = client.get(f"/queries/{name}", query_string=params, headers={"Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    if graph_form:
        assert expected.graph is not None
        answered = set(Graph().parse(data=response.get_data(), format="nt"))
        assert answered == set(expected.graph) and answered
        return
    got = Result.parse(io.BytesIO(response.get_data()), format="json")
    if query.form == "ASK":
        assert got.askAnswer is expected.askAnswer
        return
    names = [str(v) for v in expected.vars or []]
    got_rows, expected_rows = rows(got, names), rows(expected, names)
    assert got_rows, "a comparison of empty answers proves little"
    assert _concatenations_as_sets(got_rows) == _concatenations_as_sets(expected_rows)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("name", RDFLIB_RAISES_ON_UNBOUND_AGGREGATES)
def test_rdflib_still_cannot_answer_what_is_left_out(registry: Registry, reference: Reference, name: str) -> None:
    """When rdflib answers these, they belong in the comparison above."""
    text, bound, _ = example_call(registry, registry.queries[name])
    with warnings.catch_warnings(), pytest.raises(Exception, match="is not bound"):
        warnings.simplefilter("ignore")
        reference.query(text, bound)
