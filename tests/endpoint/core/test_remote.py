"""`rally-kg serve --store URL` answers through a real Oxigraph server the bundled article was pushed to: saved
queries, pages, linked-data documents and /sparql say what the embedded store says (the server's own address and
blank-node labels aside), and the deadline, the row cap and the refusals still hold."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.servers import oxigraph_server, serving

PAGES = [
    "/",
    "/story/2001-dakar-rally",
    "/page/person/jutta-kleinschmidt",
    "/page/edition/2001-dakar-rally/stage/7",
    "/search?q=kleinschmidt",
    "/void",
]
DOCUMENTS = ["/id/person/jutta-kleinschmidt", "/id/edition/2001-dakar-rally/stage/7", "/id/manufacturer/mitsubishi"]


@pytest.fixture(scope="module")
def servers(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(remote, embedded): `rally-kg serve --store` over an Oxigraph server holding the pushed build, and plain serve."""
    scratch = tmp_path_factory.mktemp("remote")
    with oxigraph_server(scratch / "store", scratch / "oxigraph.log") as oxigraph:
        pushed = run_cli("push", "--to", oxigraph + "/store", "--data", built, "--quiet")
        assert pushed.returncode == 0, pushed.stderr
        remote_options = ["--store", oxigraph + "/query", "--timeout", "3", "--max-rows", "500"]
        with serving(built, scratch / "remote.log", options=remote_options) as (remote, _):
            with serving(built, scratch / "embedded.log", options=["--timeout", "3", "--max-rows", "500"]) as (embedded, _):
                yield remote, embedded


def get(root: str, path: str, accept: str) -> tuple[int, str]:
    request = urllib.request.Request(root + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def same(remote: tuple[int, str], embedded: tuple[int, str], roots: tuple[str, str]) -> bool:
    """Tell whether two answers are alike once the servers' addresses and blank-node labels are set aside."""

    def norm(text: str, root: str) -> list[str]:
        return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", text.replace(root, "ROOT")).splitlines())

    return remote[0] == embedded[0] and norm(remote[1], roots[0]) == norm(embedded[1], roots[1])


def saved_query_names(root: str) -> list[str]:
    return [q["name"] for q in json.loads(get(root, "/queries", "application/json")[1])["queries"]]


def test_every_saved_query_answers_as_with_the_embedded_store(servers: tuple[str, str]) -> None:
    remote, embedded = servers
    names = saved_query_names(embedded)
    assert len(names) >= 20
    for name in names:
        for accept in ("application/sparql-results+json", "text/html"):
            assert same(get(remote, f"/queries/{name}", accept), get(embedded, f"/queries/{name}", accept), servers), name


@pytest.mark.parametrize("path", PAGES)
def test_pages_read_as_with_the_embedded_store(servers: tuple[str, str], path: str) -> None:
    remote, embedded = servers
    assert same(get(remote, path, "text/html"), get(embedded, path, "text/html"), servers)


@pytest.mark.parametrize("path", DOCUMENTS)
@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples"])
def test_linked_data_documents_are_those_of_the_embedded_store(servers: tuple[str, str], path: str, accept: str) -> None:
    remote, embedded = servers
    answer = get(remote, path, accept)
    assert answer[0] == 200 and answer[1].count("\n") > 20
    assert same(answer, get(embedded, path, accept), servers)


def test_the_default_graph_is_asserted_and_inferred_on_the_remote_server_too(servers: tuple[str, str]) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    counts = [get(root, "/sparql?" + urllib.parse.urlencode({"query": query}), "text/csv") for root in servers]
    assert counts[0] == counts[1] == (200, "n\r\n10842\r\n")


def test_the_row_cap_holds_over_the_remote_server(servers: tuple[str, str]) -> None:
    request = urllib.request.Request(
        servers[0] + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}), headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["X-Result-Truncated"] == "true" and response.headers["X-Result-Rows"] == "500"
        assert len(response.read().decode().splitlines()) == 501


def test_a_query_past_the_deadline_is_abandoned_with_a_503(servers: tuple[str, str]) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, text = get(servers[0], "/sparql?" + urllib.parse.urlencode({"query": heavy}), "text/csv")
    assert status == 503 and "3" in text


def test_a_refused_query_is_refused_before_anything_is_sent(servers: tuple[str, str]) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    remote = get(servers[0], "/sparql?" + urllib.parse.urlencode({"query": query}), "text/csv")
    assert remote == get(servers[1], "/sparql?" + urllib.parse.urlencode({"query": query}), "text/csv")
    assert remote[0] == 400


def test_a_malformed_query_is_the_same_400_whichever_store(servers: tuple[str, str]) -> None:
    query = "SELECT * WHERE { ?s ?p }"
    remote, embedded = (get(root, "/sparql?" + urllib.parse.urlencode({"query": query}), "text/csv") for root in servers)
    assert remote[0] == embedded[0] == 400
