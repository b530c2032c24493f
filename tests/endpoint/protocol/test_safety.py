"""What keeps the endpoint safe and cheap to run: read-only, no outbound requests, limits that say so, HTTP caching,
CORS, compression, health and metrics."""

from __future__ import annotations

import gzip
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import requests

if TYPE_CHECKING:
    from tests.endpoint.conftest import FetchFactory
    from tests.endpoint.support import Fetch

BASE = "http://127.0.0.1:5000/id/"
GRAPH = {name: BASE + f"graph/{name}" for name in ("asserted", "inferred", "ontology", "metadata")}
PREFIXES = """PREFIX rally: <https://w3id.org/rally-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
COUNT_STAGES = PREFIXES + "SELECT (COUNT(?stage) AS ?stages) WHERE { ?stage a rally:Stage }"
STAGE_NUMBERS = PREFIXES + "SELECT ?n WHERE { ?stage a rally:Stage ; rally:stageNumber ?n } ORDER BY ?n"
STAGE_DISTANCES = PREFIXES + "CONSTRUCT { ?stage rally:distanceKm ?km } WHERE { ?stage a rally:Stage ; rally:distanceKm ?km }"
EVERYTHING = "SELECT (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } }"
BIG = PREFIXES + "SELECT ?s ?p ?o WHERE { ?s a rally:Stage ; ?p ?o }"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
INSERTED = "http://example.org/inserted"
INSERT = f"INSERT DATA {{ <{INSERTED}> <http://example.org/p> 1 }}"
DELETE_ALL = "DELETE WHERE { ?s ?p ?o }"
STAGE_IS_A_CLASS = PREFIXES + "ASK {FROM} { rally:Stage a owl:Class }"


def quads(fetch: Fetch, tag: str) -> int:
    """Return how many quads the dataset holds (`tag` makes the query text new, so that no cache answers it)."""
    reply = fetch.sparql(f"{EVERYTHING} # {tag}")
    assert reply.status == 200, reply.text
    ((value,),) = [tuple(row.values()) for row in reply.rows()]
    return int(str(value))


def asked(fetch: Fetch, query: str) -> bool:
    """Return the answer to an ASK query."""
    reply = fetch.sparql(query)
    assert reply.status == 200, reply.text
    answer = reply.results().askAnswer
    assert isinstance(answer, bool)
    return answer


def counters(fetch: Fetch) -> dict[str, int]:
    """Return the counters of /metrics (JSON)."""
    reply = fetch("GET", "/metrics", params={"format": "json"})
    assert reply.status == 200, reply.text
    return {k: v for k, v in reply.json().items() if isinstance(v, int)}


# --- Read-only ----------------------------------------------------------------------------------------------------


def test_updates_are_refused_and_change_nothing(fetch: Fetch) -> None:
    before = quads(fetch, "before")
    attempts = [
        fetch("GET", "/sparql", params={"update": INSERT}),
        fetch("POST", "/sparql", data={"update": INSERT}),
        fetch("POST", "/sparql", data={"update": DELETE_ALL}),
        fetch("POST", "/sparql", data=INSERT, content_type="application/sparql-update"),
        fetch("POST", "/sparql", data=DELETE_ALL, content_type="application/sparql-update"),
        fetch.sparql(INSERT),
        fetch.sparql(DELETE_ALL, how="direct"),
        fetch.sparql(f"CLEAR GRAPH <{GRAPH['asserted']}>", how="form"),
    ]
    assert [reply.status // 100 for reply in attempts] == [4] * len(attempts), [r.text for r in attempts]
    assert quads(fetch, "after") == before
    assert not asked(fetch, f"ASK {{ {{ <{INSERTED}> ?p ?o }} UNION {{ GRAPH ?g {{ <{INSERTED}> ?p ?o }} }} }}")


@pytest.mark.parametrize(
    "query",
    [
        INSERT,
        DELETE_ALL,
        f"DELETE DATA {{ <{INSERTED}> <http://example.org/p> 1 }}",
        f"WITH <{GRAPH['asserted']}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        f"CLEAR GRAPH <{GRAPH['asserted']}>",
        "DROP ALL",
        "CREATE GRAPH <http://example.org/new>",
        f"COPY <{GRAPH['asserted']}> TO <http://example.org/copy>",
        f"MOVE <{GRAPH['asserted']}> TO <http://example.org/moved>",
        f"ADD <{GRAPH['asserted']}> TO <http://example.org/added>",
        "PREFIX ex: <http://example.org/>\ninsert data { ex:a ex:b ex:c }",
    ],
)
def test_an_update_sent_as_a_query_is_a_400(fetch_app: Fetch, query: str) -> None:
    reply = fetch_app.sparql(query)
    assert reply.status == 400, reply.text
    assert "read-only" in reply.text


def test_load_is_a_400_naming_load(fetch: Fetch) -> None:
    reply = fetch.sparql("LOAD <http://example.org/data.ttl>")
    assert reply.status == 400, reply.text
    assert "LOAD" in reply.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o . SERVICE SILENT <http://example.org/sparql> { ?s ?p ?x } } LIMIT 1",
        "# a comment first\nselect * where { service ?where { ?s ?p ?o } values ?where { <http://example.org/sparql> } }",
    ],
)
def test_service_is_a_400_naming_service(fetch: Fetch, query: str) -> None:
    reply = fetch.sparql(query)
    assert reply.status == 400, reply.text
    assert "SERVICE" in reply.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/remote.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/>\nSELECT * FROM ex:remote WHERE { ?s ?p ?o }",
        f"SELECT * FROM <{GRAPH['asserted']}> FROM <http://example.org/remote.ttl> WHERE {{ ?s ?p ?o }}",
    ],
)
def test_from_a_remote_graph_is_a_400_naming_from(fetch: Fetch, query: str) -> None:
    reply = fetch.sparql(query)
    assert reply.status == 400, reply.text
    assert "FROM" in reply.text
    assert "http://example.org/remote" in reply.text


def test_from_one_of_the_datasets_graphs_works(fetch: Fetch) -> None:
    assert not asked(fetch, STAGE_IS_A_CLASS.replace("{FROM}", ""))  # the ontology is not in the default graph
    assert asked(fetch, STAGE_IS_A_CLASS.replace("{FROM}", f"FROM <{GRAPH['ontology']}>"))
    by_prefix = f"PREFIX graph: <{BASE}graph/>\n" + STAGE_IS_A_CLASS.replace("{FROM}", "FROM graph:ontology")
    assert asked(fetch, by_prefix)


def test_from_named_one_of_the_datasets_graphs_restricts_graph(fetch_app: Fetch) -> None:
    reply = fetch_app.sparql(f"SELECT DISTINCT ?g FROM NAMED <{GRAPH['metadata']}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert reply.status == 200, reply.text
    assert [str(row["g"]) for row in reply.rows()] == [GRAPH["metadata"]]


def test_keywords_inside_strings_comments_and_names_are_not_refused(fetch_app: Fetch) -> None:
    query = """PREFIX load: <http://example.org/load#>
SELECT ?text ?service ?from WHERE {
  BIND("INSERT DATA { } ; LOAD <http://x> ; SERVICE <http://y> { } FROM <http://z>" AS ?text)  # DROP ALL
  VALUES (?service ?from) { (load:service "from") }
}"""
    reply = fetch_app.sparql(query)
    assert reply.status == 200, reply.text
    (row,) = reply.rows()
    assert str(row["text"]).startswith("INSERT DATA")
    assert str(row["service"]) == "http://example.org/load#service"


# --- Time limit -----------------------------------------------------------------------------------------------------


def test_a_query_past_its_time_limit_is_stopped_and_the_next_one_is_answered(fetch: Fetch) -> None:
    before = counters(fetch)
    reply = fetch.sparql(CARTESIAN, params={"timeout": "1"})
    assert reply.status in (503, 504), reply.text
    assert re.search(r"longer than 1 s|timed? ?out", reply.text), reply.text
    assert counters(fetch)["timeouts"] == before["timeouts"] + 1
    for attempt in ("first", "second"):  # the next queries are answered, whichever process takes them
        answer = fetch.sparql(f"{COUNT_STAGES} # {attempt} after a timeout")
        assert answer.status == 200, answer.text
        assert [str(row["stages"]) for row in answer.rows()] == ["20"]


def _cpu_seconds_of_processes_listening_on(server: str) -> float:
    """Return the CPU time (user + system) used so far by the processes started as the server on this URL's port."""
    port = server.rsplit(":", 1)[1]
    total = 0
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or f"--port\0{port}\0" not in (proc / "cmdline").read_text():
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def test_the_real_server_stops_the_work_of_a_query_past_its_time_limit(fetch_http: Fetch, server: str) -> None:
    reply = fetch_http.sparql(CARTESIAN, params={"timeout": "1"})
    assert reply.status == 503, reply.text
    time.sleep(0.5)  # a worker ended by its watchdog is replaced
    before = _cpu_seconds_of_processes_listening_on(server)
    time.sleep(2)
    assert _cpu_seconds_of_processes_listening_on(server) - before < 0.5  # a query still running would use ~2 s
    assert fetch_http.sparql(COUNT_STAGES + " # after the stopped query").status == 200


def test_a_timeout_parameter_cannot_raise_the_limit(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(QUERY_TIMEOUT=0.5)
    reply = fetch.sparql(CARTESIAN, params={"timeout": "60"})
    assert reply.status in (503, 504), reply.text
    assert "0.5 s" in reply.text


# --- Row cap and request size cap -----------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_an_answer_past_the_row_cap_is_cut_and_says_so(make_fetch: FetchFactory, accept: str) -> None:
    fetch = make_fetch(MAX_ROWS=5)
    reply = fetch.sparql(STAGE_NUMBERS + " LIMIT 10", accept=accept)
    assert reply.status == 200, reply.text
    assert [int(str(row["n"])) for row in reply.rows()] == [1, 2, 3, 4, 5]
    assert reply.headers.get("X-Result-Truncated") == "true"
    assert reply.headers.get("X-Result-Rows") == "5"
    assert "truncated" in (reply.headers.get("Warning") or "")


def test_an_answer_within_the_row_cap_is_whole_and_not_flagged(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(MAX_ROWS=5)
    reply = fetch.sparql(STAGE_NUMBERS + " LIMIT 5")
    assert reply.status == 200, reply.text
    assert [int(str(row["n"])) for row in reply.rows()] == [1, 2, 3, 4, 5]
    assert reply.headers.get("X-Result-Truncated") in (None, "false")
    assert reply.headers.get("X-Result-Rows") == "5"


def test_a_graph_past_the_row_cap_is_cut_and_says_so(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(MAX_ROWS=5)
    reply = fetch.sparql(STAGE_DISTANCES, accept="application/n-triples")
    assert reply.status == 200, reply.text
    assert len(reply.graph()) == 5  # of the 20 stages
    assert reply.headers.get("X-Result-Truncated") == "true"


def padded(size: int) -> str:
    """Return a valid query of about `size` characters (a long comment)."""
    return COUNT_STAGES + "\n#" + "x" * size


def test_a_direct_post_larger_than_the_body_limit_is_a_413(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(MAX_CONTENT_LENGTH=4096)
    assert fetch.sparql(padded(1000), how="direct").status == 200
    reply = fetch.sparql(padded(5000), how="direct")
    assert reply.status == 413, reply.text
    assert "4096" in reply.text


def test_a_form_post_larger_than_the_body_limit_is_a_413(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(MAX_CONTENT_LENGTH=4096)
    assert fetch.sparql(padded(1000), how="form").status == 200
    reply = fetch.sparql(padded(5000), how="form")
    assert reply.status == 413, reply.text


def test_a_query_longer_than_the_query_limit_is_a_413(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(MAX_QUERY_LENGTH=500)
    assert fetch.sparql(padded(100)).status == 200
    reply = fetch.sparql(padded(600))
    assert reply.status == 413, reply.text
    assert "500" in reply.text


# --- CORS -----------------------------------------------------------------------------------------------------------


def test_answers_and_errors_allow_other_origins(fetch: Fetch) -> None:
    origin = {"Origin": "https://example.org"}
    for reply in (
        fetch("GET", "/sparql", params={"query": COUNT_STAGES}, headers=origin),
        fetch("GET", "/sparql", params={"query": "SELECT"}, headers=origin),
    ):
        assert reply.headers.get("Access-Control-Allow-Origin") in ("*", "https://example.org"), reply.headers
    exposed = {h.strip().lower() for h in (reply.headers.get("Access-Control-Expose-Headers") or "").split(",")}
    assert {"x-result-truncated", "etag"} <= exposed


def test_a_cors_preflight_is_answered(fetch: Fetch) -> None:
    reply = fetch(
        "OPTIONS",
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert reply.status in (200, 204), reply.text
    assert reply.headers.get("Access-Control-Allow-Origin") in ("*", "https://example.org")
    methods = {m.strip() for m in (reply.headers.get("Access-Control-Allow-Methods") or "").split(",")}
    assert {"GET", "POST"} <= methods
    assert "content-type" in (reply.headers.get("Access-Control-Allow-Headers") or "").lower()


# --- Compression and HTTP caching -----------------------------------------------------------------------------------


def test_a_big_answer_is_gzipped_for_who_accepts_it(fetch: Fetch) -> None:
    plain = fetch.sparql(BIG)
    zipped = fetch("GET", "/sparql", params={"query": BIG}, headers={"Accept-Encoding": "gzip"})
    assert plain.status == zipped.status == 200
    assert plain.headers.get("Content-Encoding") is None
    assert zipped.headers.get("Content-Encoding") == "gzip"
    assert len(zipped.body) < len(plain.body)
    assert gzip.decompress(zipped.body) == plain.body
    assert len(plain.rows()) == int(plain.headers["X-Result-Rows"]) > 100


def test_requests_decompresses_a_gzipped_answer(server: str) -> None:
    response = requests.get(f"{server}/sparql", params={"query": BIG}, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"  # requests asks for gzip by default
    assert len(response.json()["results"]["bindings"]) == int(response.headers["X-Result-Rows"])


def test_an_unchanged_answer_is_a_304_to_if_none_match(fetch: Fetch) -> None:
    first = fetch.sparql(STAGE_NUMBERS)
    etag = first.headers.get("ETag")
    assert first.status == 200 and etag
    again = fetch("GET", "/sparql", params={"query": STAGE_NUMBERS}, headers={"If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""
    assert again.headers.get("ETag") == etag
    other = fetch("GET", "/sparql", params={"query": STAGE_NUMBERS}, headers={"If-None-Match": '"something-else"'})
    assert other.status == 200 and other.body == first.body


def test_each_format_of_an_answer_has_its_own_etag(fetch_app: Fetch) -> None:
    tags = {
        fetch_app.sparql(STAGE_NUMBERS, accept=accept).headers.get("ETag") for accept in ("text/csv", "text/tab-separated-values")
    }
    assert len(tags) == 2 and None not in tags


def test_without_the_response_cache_an_unchanged_answer_is_a_304(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(CACHE_SIZE=0)
    etag = fetch.sparql(STAGE_NUMBERS).headers["ETag"]
    again = fetch("GET", "/sparql", params={"query": STAGE_NUMBERS}, headers={"If-None-Match": etag})
    assert again.status == 304


def test_without_the_response_cache_an_unchanged_gzipped_answer_is_a_304(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(CACHE_SIZE=0)
    zipped = {"Accept-Encoding": "gzip"}
    first = fetch("GET", "/sparql", params={"query": BIG}, headers=zipped)
    assert first.headers.get("Content-Encoding") == "gzip"
    again = fetch("GET", "/sparql", params={"query": BIG}, headers={**zipped, "If-None-Match": first.headers["ETag"]})
    assert again.status == 304


def test_answers_may_be_cached_and_errors_may_not(fetch: Fetch) -> None:
    answer = fetch.sparql(COUNT_STAGES)
    control = answer.headers.get("Cache-Control") or ""
    assert "public" in control and re.search(r"max-age=\d+", control), control
    error = fetch.sparql("SELECT nonsense")
    assert error.status == 400
    assert "no-store" in (error.headers.get("Cache-Control") or "")


def test_answers_carry_server_timing(fetch: Fetch) -> None:
    reply = fetch.sparql(f"{COUNT_STAGES} # server timing")
    assert re.fullmatch(r"query;dur=\d+(\.\d+)?", reply.headers.get("Server-Timing") or ""), reply.headers


# --- Health and metrics ---------------------------------------------------------------------------------------------


def test_healthz_says_ok_and_what_it_serves(fetch: Fetch) -> None:
    reply = fetch("GET", "/healthz")
    assert reply.status == 200
    assert reply.media_type == "application/json"
    health = reply.json()
    assert health["status"] == "ok"
    triples = health["dataset"]["triples"]
    assert set(triples) == set(GRAPH)
    for name, iri in GRAPH.items():
        counted = fetch.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}").rows()
        assert int(str(counted[0]["n"])) == triples[name]


def test_metrics_count_queries_errors_and_timeouts(make_fetch: FetchFactory) -> None:
    fetch = make_fetch()
    before = counters(fetch)
    assert fetch.sparql(COUNT_STAGES).status == 200
    assert fetch.sparql(COUNT_STAGES).status == 200  # the same again: answered from a cache, still a query
    assert fetch.sparql("SELECT ?s WHERE { ?s ?p }").status == 400
    assert fetch.sparql(CARTESIAN, params={"timeout": "0.5"}).status in (503, 504)
    after = counters(fetch)
    assert after["queries"] - before["queries"] == 2
    assert after["errors"] - before["errors"] == 2
    assert after["timeouts"] - before["timeouts"] == 1
    assert after["cache_hits"] - before["cache_hits"] >= 1
    prometheus = fetch("GET", "/metrics")
    assert prometheus.status == 200 and prometheus.media_type == "text/plain"
    exposed = {m.group(1): int(m.group(2)) for m in re.finditer(r"^rally_(\w+)_total (\d+)$", prometheus.text, re.M)}
    for name in ("queries", "errors", "timeouts", "cache_hits"):
        assert f"# TYPE rally_{name}_total counter" in prometheus.text
        assert exposed[name] == after[name]
    assert re.search(r'^rally_query_latency_ms_bucket\{le="\+Inf"\} \d+$', prometheus.text, re.M)


def test_metrics_in_json_when_accepted(fetch: Fetch) -> None:
    reply = fetch("GET", "/metrics", headers={"Accept": "application/json"})
    assert reply.status == 200 and reply.media_type == "application/json"
    assert {"queries", "errors", "timeouts"} <= set(reply.json())


def test_metrics_count_saved_query_answers_from_the_response_cache(fetch_http: Fetch) -> None:
    path = "/queries/stage-winners?stage=7&category=cars&probe=metrics"  # an unknown parameter: a 400, not cached
    assert fetch_http("GET", path).status == 400
    before = counters(fetch_http)
    for _ in range(3):  # the same request three times: the second and third come from the response cache
        assert fetch_http("GET", "/queries/stage-winners", params={"stage": "7", "category": "cars"}).status == 200
    after = counters(fetch_http)
    served = after["queries"] - before["queries"]
    assert served >= 3, (before, after)  # gunicorn's two workers each count their own; at least three in all


# --- Hostile requests ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    ],
    ids=["3000-braces", "5000-parentheses"],
)
def test_a_query_nested_too_deep_is_a_400_before_the_engine_sees_it(fetch: Fetch, query: str) -> None:
    reply = fetch.sparql(query, how="form")
    assert reply.status == 400, reply.text
    assert "nests brackets" in reply.text and "at most 100" in reply.text
    assert fetch.sparql(COUNT_STAGES + " # after the deep one").status == 200  # the worker is alive


def test_a_query_nested_too_deep_from_the_editor_form_is_refused(fetch: Fetch) -> None:
    query = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
    reply = fetch("POST", "/editor", data=[("query", query)], headers={"Accept": "text/html"})
    assert reply.status == 400 and "nests brackets" in reply.text


DOUBLINGS = (
    'SELECT (STRLEN(?x30) AS ?n) WHERE { BIND("xxxxxxxx" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(30))
    + " }"
)


def test_a_query_past_its_memory_limit_is_stopped_like_a_timeout(make_fetch: FetchFactory) -> None:
    fetch = make_fetch(QUERY_MEMORY_MB=200)
    started = time.monotonic()
    reply = fetch.sparql(DOUBLINGS)
    assert reply.status == 503, reply.text
    assert "more than 200 MB of memory" in reply.text
    assert time.monotonic() - started < 10
    assert fetch.sparql(COUNT_STAGES).status == 200


def test_the_real_server_stops_a_query_past_its_memory_limit(built: Path, tmp_path: Path) -> None:
    from tests.servers import serving

    with serving(built, tmp_path / "serve.log", options=["--query-memory", "200"]) as (root, _):
        reply = requests.get(root + "/sparql", params={"query": DOUBLINGS}, timeout=60)
        assert reply.status_code == 503, reply.text
        assert "more than 200 MB of memory" in reply.text
        after = requests.get(root + "/sparql", params={"query": COUNT_STAGES}, timeout=30)
        assert after.status_code == 200


@pytest.mark.parametrize("escape", [r"\u0066", r"\U00000066"])
def test_from_a_file_written_with_code_point_escapes_is_refused(fetch: Fetch, escape: str) -> None:
    reply = fetch.sparql(f"SELECT * FROM <{escape}ile:///etc/passwd> WHERE {{ ?s ?p ?o }}")
    assert reply.status == 400 and "file:///etc/passwd" in reply.text, reply.text


def test_a_url_too_long_for_the_server_says_to_post(fetch_http: Fetch, server: str) -> None:
    query = COUNT_STAGES + " #" + "x" * 9000
    reply = requests.get(server + "/sparql", params={"query": query}, timeout=30)
    assert reply.status_code == 414
    assert reply.headers["Content-Type"].startswith("text/plain")
    assert "POST" in reply.text and "<html" not in reply.text.lower()
    assert reply.headers.get("X-Content-Type-Options") == "nosniff"
    posted = requests.post(server + "/sparql", data={"query": query}, timeout=30)
    assert posted.status_code == 200


def test_a_plain_text_error_is_not_sniffed(fetch: Fetch) -> None:
    reply = fetch.sparql("SELECT <script>alert(1)</script>")
    assert reply.status == 400 and reply.headers["X-Content-Type-Options"] == "nosniff"


def test_the_saved_queries_page_carries_the_headers_of_every_page(fetch: Fetch) -> None:
    reply = fetch("GET", "/queries", headers={"Accept": "text/html", "Host": "evil.example"})
    assert reply.status == 200 and reply.media_type == "text/html"
    assert "default-src 'self'" in reply.headers["Content-Security-Policy"]
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Referrer-Policy"] == "same-origin"
    assert "evil.example" not in reply.text  # its links are relative, whatever Host the request names
