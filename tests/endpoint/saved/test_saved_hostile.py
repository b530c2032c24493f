"""Hostile parameter values: each is refused (400) or answered honestly, and the query run is always the file's own text."""

from __future__ import annotations

import pytest
from flask import Flask

from endpoint.saved.calls import bind
from endpoint.saved.views import registry
from tests.endpoint.support import Get
from tests.replies import Reply

HOSTILE = [
    ("stage-winners", {"stage": "7 } UNION { ?s ?p ?o"}),
    ("stage-winners", {"stage": "7) } #"}),
    ("stage-winners", {"stage": "7", "category": 'cars" . ?x ?y ?z . #'}),
    ("stage-winners", {"stage": "7", "category": "cars> } UNION { ?s ?p ?o } #"}),
    ("stage-winners", {"stage": "7", "category": "<http://127.0.0.1:5000/id/category/cars>"}),
    ("describe", {"iri": "<http://x> } ; DROP ALL ; #"}),
    ("describe", {"iri": 'Karel Loprais") } UNION { ?s ?p ?o } #'}),
    ("describe", {"iri": "http://127.0.0.1:5000/id/person/karel-loprais> ?p ?o } #"}),
    ("describe", {"iri": "person/karel-loprais\n} LIMIT 1"}),
    ("source-lines", {"iri": "?s"}),
    ("crew", {"number": "425 ; DROP ALL"}),
    ("crew", {"number": "425 || true"}),
    ("standings", {"category": "cars", "after-stage": "9) || (true"}),
    ("people-by-country", {"country": 'DEU" } #'}),
    ("people-by-country", {"country": "DEU> } UNION { ?s ?p ?o"}),
    ("people-by-make", {"make": 'Tatra" || true || "'}),
    ("part-of", {"event": "SELECT * WHERE { ?s ?p ?o }"}),
    ("winners", {"limit": "5 } UNION { ?s ?p ?o"}),
    ("winners", {"offset": "0; DROP ALL"}),
    ("winners", {"format": "json&query=DROP ALL"}),
    ("winners", {"query": "SELECT * WHERE { ?s ?p ?o }"}),
]

HONEST = [  # odd but valid spellings: the honest answer, as for the plain value
    ("stage-winners", {"stage": "+7"}, {"stage": "7"}),
    ("stage-winners", {"stage": " 007 "}, {"stage": "7"}),
    ("stage-winners", {"stage": "7", "category": "  TRUCKS  "}, {"stage": "7", "category": "trucks"}),
    ("crew", {"number": "0425"}, {"number": "425"}),
    ("describe", {"iri": "/person/karel-loprais"}, {"iri": "person/karel-loprais"}),
]


def _honest_or_refused(get: Get, name: str, params: dict[str, str]) -> Reply:
    reply = get(f"/queries/{name}", params)
    assert reply.status in (200, 400, 404), reply.text
    return reply


@pytest.mark.parametrize(("name", "params"), HOSTILE)
def test_a_hostile_value_is_refused_naming_the_parameter(get: Get, name: str, params: dict[str, str]) -> None:
    # 400 for a value that is not of its type, 404 for a resource value that names nothing of the dataset
    reply = _honest_or_refused(get, name, params)
    assert reply.status in (400, 404)
    assert "parameter '" in reply.text


@pytest.mark.parametrize(("name", "params", "plain"), HONEST)
def test_an_odd_but_valid_value_gets_the_honest_answer(
    get: Get, name: str, params: dict[str, str], plain: dict[str, str]
) -> None:
    reply = _honest_or_refused(get, name, params)
    assert reply.values() == get(f"/queries/{name}", plain).values() != []


@pytest.mark.parametrize(("name", "params"), [*HOSTILE, *[(n, p) for n, p, _ in HONEST]])
def test_no_value_reaches_the_query_text(app: Flask, name: str, params: dict[str, str]) -> None:
    with app.app_context():
        found = registry()
        query = found.queries[name]
        try:
            call = bind(query, {k: [v] for k, v in params.items()}, found.vocabulary, 10_000)
        except ValueError:
            return  # refused: nothing runs
    assert call.text.startswith(query.text.rstrip())
    assert call.text[len(query.text.rstrip()) :] == f"\nLIMIT {call.limit + 1} OFFSET {call.offset}\n"  # type: ignore[operator]
    for variable, term in call.terms:
        assert f"?{variable}" in query.text
        assert term.startswith(("<", '"'))


def test_a_label_that_looks_like_sparql_is_just_a_string(get: Get) -> None:
    reply = get("/queries/describe", {"iri": '" } UNION { ?s ?p ?o } #'})
    assert reply.status == 404
    assert "nothing in this dataset is named" in reply.text
