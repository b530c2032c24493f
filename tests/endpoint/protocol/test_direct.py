"""Plain protocol queries are answered straight from WSGI (endpoint.protocol.direct); every answer, header and error is
the one the Flask view gives for the same query. The view is reached by adding a parameter that changes nothing
(`timeout` above the server's limit), so each case is asked both ways of the same real server."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import pytest

PREFIXES = "PREFIX rally: <https://w3id.org/rally-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
STAGE_7 = (
    PREFIXES
    + "SELECT ?category ?winner WHERE { ?c rally:classifiedStage/rally:stageNumber 7 ; "
    + ("rally:category/rdfs:label ?category ; rally:stageWinner/rdfs:label ?winner } ORDER BY ?category")
)
KLEINSCHMIDT = "DESCRIBE <http://127.0.0.1:5000/id/person/jutta-kleinschmidt>"
SAME_EVERY_TIME = ("Date", "Server-Timing", "Connection", "Server")


def send(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def both_ways(server: str, query: str, accept: str) -> tuple[tuple[int, dict[str, str], bytes], ...]:
    direct = send(f"{server}/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    view = send(f"{server}/sparql?" + urllib.parse.urlencode({"query": query, "timeout": "3600"}), headers={"Accept": accept})
    return direct, view


def comparable(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k not in SAME_EVERY_TIME}


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (STAGE_7, "application/sparql-results+json"),
        (STAGE_7, "application/sparql-results+xml"),
        (STAGE_7, "text/csv"),
        (STAGE_7, "text/tab-separated-values"),
        (STAGE_7, "*/*"),
        (PREFIXES + "ASK { ?s rally:stageNumber 7 }", "application/sparql-results+json"),
        (KLEINSCHMIDT, "text/turtle"),
        (KLEINSCHMIDT, "application/n-triples"),
        (KLEINSCHMIDT, "application/sparql-results+json"),  # a graph for a client that takes results only: Turtle
    ],
)
def test_a_plain_query_gets_the_views_answer_and_headers(server: str, query: str, accept: str) -> None:
    (status, headers, body), (view_status, view_headers, view_body) = both_ways(server, query, accept)
    assert status == view_status == 200
    assert body == view_body
    assert comparable(headers) == comparable(view_headers)
    assert "Server-Timing" in headers and headers["Access-Control-Allow-Origin"] == "*"


def test_the_stage_7_winners_come_back_as_the_article_gives_them(server: str) -> None:
    status, _, body = both_ways(server, STAGE_7, "text/csv")[0]
    assert status == 200
    assert body.decode().splitlines()[1:] == ["Cars,Hiroshi Masuoka", "Motorcycles,Isidre Esteve", "Trucks,Karel Loprais"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * WHERE { ?s ?p }", 400),  # malformed
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400),  # refused before running
        ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", 400),
    ],
)
def test_a_query_that_fails_or_is_refused_is_the_views_error(server: str, query: str, status: int) -> None:
    (got, headers, body), (view_status, view_headers, view_body) = both_ways(server, query, "application/sparql-results+json")
    assert got == view_status == status
    assert body == view_body and body.startswith(f"{status} ".encode())
    assert headers["Content-Type"].startswith("text/plain") and headers["Cache-Control"] == "no-store"


def test_a_direct_post_of_the_query_gets_the_forms_answer(server: str) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    direct = send(f"{server}/sparql", STAGE_7.encode(), {**accept, "Content-Type": "application/sparql-query"})
    form = send(
        f"{server}/sparql",
        urllib.parse.urlencode({"query": STAGE_7}).encode(),
        {**accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert direct[0] == form[0] == 200 and direct[2] == form[2]
    assert comparable(direct[1]) == comparable(form[1])


def test_a_conditional_request_still_gets_its_304(server: str) -> None:
    url = f"{server}/sparql?" + urllib.parse.urlencode({"query": STAGE_7})
    status, headers, _ = send(url, headers={"Accept": "text/csv"})
    again = send(url, headers={"Accept": "text/csv", "If-None-Match": headers["ETag"]})
    assert status == 200 and again[0] == 304


def test_a_browser_without_a_query_still_gets_the_editor(server: str) -> None:
    request = urllib.request.Request(f"{server}/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.url == f"{server}/editor"


def test_a_browser_with_a_query_gets_the_views_results(server: str) -> None:
    (status, headers, body), (view_status, view_headers, view_body) = both_ways(
        server, STAGE_7, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    )
    assert status == view_status == 200 and body == view_body
    assert comparable(headers) == comparable(view_headers)
