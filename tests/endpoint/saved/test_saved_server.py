"""The saved queries over a real `rally-kg serve` on a loopback port, the OpenAPI description, and schemathesis fuzzing it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from endpoint.saved.files import load_queries
from tests.replies import Reply, csv_rows

Http = Callable[..., Reply]
QUERIES = load_queries()


def test_a_saved_query_over_http(http: Http) -> None:
    reply = http("GET", "/queries/stage-winners", {"stage": "7", "category": "cars"})
    assert reply.status == 200
    [row] = reply.values()
    assert (row["driver"], row["coDriver"], row["make"]) == ("Hiroshi Masuoka", "Pascal Maimon", "Mitsubishi")


def test_csv_and_paging_over_http(http: Http) -> None:
    reply = http("GET", "/queries/standings", {"category": "bikes", "limit": "2", "format": "csv"})
    assert reply.status == 200 and reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert [r["driver"] for r in csv_rows(reply.text)] == ["Fabrizio Meoni", "Jordi Arcarons"]
    assert reply.headers["X-Result-Truncated"] == "true"
    assert 'rel="next"' in reply.headers["Link"] and "offset=2" in reply.headers["Link"]
    assert "Link" in reply.headers.get("Access-Control-Expose-Headers", "") or "Origin" not in reply.headers


def test_post_form_over_http(http: Http) -> None:
    body = urlencode({"number": "425"}).encode()
    reply = http("POST", "/queries/crew", data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert [r["person"] for r in reply.values()] == ["Karel Loprais", "Josef Kalina", "Petr Hamerla"]


def test_an_ill_typed_parameter_over_http_is_400_naming_it(http: Http) -> None:
    reply = http("GET", "/queries/crew", {"number": "four hundred"})
    assert reply.status == 400
    assert "parameter 'number': expected an integer" in reply.text


def test_the_list_over_http_for_browsers_and_code(http: Http) -> None:
    html = http("GET", "/queries", headers={"Accept": "text/html"})
    assert html.status == 200 and html.headers["Content-Type"].startswith("text/html")
    listed = json.loads(http("GET", "/queries", headers={"Accept": "application/json"}).body)
    assert {q["name"] for q in listed["queries"]} == set(QUERIES)


def test_the_openapi_description_is_valid_with_one_operation_per_query(http: Http) -> None:
    reply = http("GET", "/openapi.json")
    assert reply.status == 200
    spec = json.loads(reply.body)
    validate(spec)
    operations = {path: methods for path, methods in spec["paths"].items() if path.startswith("/queries/")}
    assert set(operations) == {f"/queries/{name}" for name in QUERIES}
    stage = operations["/queries/stage-winners"]["get"]["parameters"][0]
    assert (stage["name"], stage["required"], stage["schema"]["type"], stage["example"]) == ("stage", True, "integer", 7)
    body = operations["/queries/standings"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    after_stage = body["properties"]["after-stage"]["anyOf"]  # optional: an integer, or empty as a form sends it
    assert body["required"] == ["category"] and [a["type"] for a in after_stage] == ["integer", "string"]
    assert spec["servers"] == [{"url": reply_root(http)}]


def reply_root(http: Http) -> str:
    """Return the server's base URL as the app sees it."""
    listed = json.loads(http("GET", "/queries").body)
    return str(listed["openapi"]).removesuffix("/openapi.json")


# --- schemathesis against the running server --------------------------------------------------------------------------

OPERATIONS = [("GET", "/queries")] + [(method, f"/queries/{name}") for name in sorted(QUERIES) for method in ("GET", "POST")]


@pytest.fixture(scope="module")
def saved_api(server: str) -> Any:
    """The OpenAPI description of the running server, loaded by schemathesis."""
    return schemathesis.openapi.from_url(f"{server}/openapi.json")


# What the server answers agrees with its OpenAPI description: no server error, every status, content type, header
# and body as described, what the description allows is accepted and what it forbids is refused.
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    positive_data_acceptance,
    negative_data_rejection,
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_fuzzing_an_operation_finds_the_server_as_its_description_says(
    saved_api: Any, server: str, method: str, path: str
) -> None:
    operation = saved_api[path][method]
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        response = case.call(base_url=server, timeout=30)
        case.validate_response(response, checks=CONFORMANCE)
        assert response.status_code < 500, response.text

    check()
