"""The saved-query API through the Flask test client: the list, formats, errors that name the parameter, paging."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from rdflib import Variable
from rdflib.query import Result

from endpoint.core.dataset import ServedDataset, StoreOpener
from endpoint.core.errors import ParameterError
from endpoint.core.service import Limits, Service, Session
from endpoint.saved.files import load_queries
from endpoint.saved.model import Param
from endpoint.saved.values import Vocabulary
from tests.endpoint.support import Get
from tests.replies import Reply, csv_rows, json_rows
from vocabulary.iris import GRAPHS

QUERY_NAMES = sorted(load_queries())


class _Sections(HTMLParser):
    """The ids of <section>s, the actions of <form>s and the names of their fields in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.forms: list[str] = []
        self.fields: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            self.sections.append(found.get("id") or "")
        elif tag == "form":
            self.forms.append(found.get("action") or "")
        elif tag in ("input", "select"):
            self.fields.append(found.get("name") or "")


def _links(reply: Reply) -> dict[str, dict[str, str]]:
    """Return the Link header's URLs by rel, each as its query parameters."""
    links: dict[str, dict[str, str]] = {}
    for part in reply.headers.get("Link", "").split(","):
        if not part.strip():
            continue
        url, _, rel = part.partition(";")
        links[rel.split("=")[1].strip('" ')] = dict(parse_qsl(urlsplit(url.strip(" <>")).query))
    return links


# --- The list ---------------------------------------------------------------------------------------------------------


def test_the_list_is_json_for_code_with_titles_descriptions_and_typed_parameters(get: Get) -> None:
    reply = get("/queries")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("application/json")
    listed = {q["name"]: q for q in json.loads(reply.body)["queries"]}
    assert sorted(listed) == QUERY_NAMES
    assert all(q["title"] and q["summary"] for q in listed.values())
    stage_winners = listed["stage-winners"]
    assert [(p["name"], p["type"], p["required"]) for p in stage_winners["parameters"]] == [
        ("stage", "integer", True),
        ("category", "category", False),
        ("edition", "edition", False),
    ]
    assert stage_winners["url"] == "http://localhost/queries/stage-winners"
    assert stage_winners["example"] == "stage=7&category=cars"
    assert listed["part-of"]["parameters"][0]["type"] == "iri(rally:RallyEvent)"


def test_the_list_is_html_for_browsers_with_a_form_per_query(get: Get) -> None:
    reply = get("/queries", headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/html")
    page = _Sections()
    page.feed(reply.text)
    assert sorted(page.sections) == QUERY_NAMES
    query_forms = [action for action in page.forms if action != "/search"]  # every page's header has the search box
    # relative: a page never builds its links from the Host header a request sends
    assert sorted(query_forms) == sorted(f"/queries/{name}" for name in QUERY_NAMES)
    assert {"stage", "category", "after-stage", "number", "country", "iri", "format"} <= set(page.fields)


def test_the_list_escapes_what_it_shows(get: Get) -> None:
    reply = get("/queries", {"format": "html"})
    assert "<pre><code>#+ title: Stage winners" in reply.text
    assert 'separator=", "' not in reply.text and "separator=&#34;, &#34;" in reply.text


# --- Formats ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "media_type", "parser"),
    [
        ({"format": "json"}, "application/sparql-results+json", "json"),
        ({"format": "xml"}, "application/sparql-results+xml", "xml"),
        ({"format": "csv"}, "text/csv", "csv"),
        ({"format": "tsv"}, "text/tab-separated-values", "tsv"),
        ({"accept": "text/csv"}, "text/csv", "csv"),
        ({"accept": "application/sparql-results+xml"}, "application/sparql-results+xml", "xml"),
        ({"accept": "text/tab-separated-values;q=0.9, text/csv;q=0.5"}, "text/tab-separated-values", "tsv"),
        ({}, "application/sparql-results+json", "json"),
    ],
)
def test_every_result_format_carries_the_same_answer(get: Get, asked: dict[str, str], media_type: str, parser: str) -> None:
    params = {"stage": "20", **({"format": asked["format"]} if "format" in asked else {})}
    headers = {"Accept": asked["accept"]} if "accept" in asked else {}
    reply = get("/queries/stage-winners", params, headers=headers)
    assert reply.status == 200, reply.text
    assert reply.headers["Content-Type"].split(";")[0] == media_type
    result = Result.parse(io.BytesIO(reply.body), format=parser)
    drivers = sorted(str(row[Variable("driver")]) for row in result.bindings)
    assert drivers == ["Giovanni Sala", "Jean-Louis Schlesser", "Jose Maria Servia", "Karel Loprais", "Kari Tiainen"]


def test_csv_is_ready_for_a_spreadsheet(get: Get) -> None:
    reply = get("/queries/standings", {"category": "trucks", "format": "csv"})
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(reply.text)
    assert [(r["position"], r["raceNumber"], r["driver"]) for r in rows][:2] == [
        ("1", "425", "Karel Loprais"),
        ("2", "400", "Yoshimasa Sugawara"),
    ]


@pytest.mark.parametrize("accept", ["text/turtle", "image/png"])
def test_a_format_that_cannot_carry_rows_is_406(get: Get, accept: str) -> None:
    reply = get("/queries/winners", headers={"Accept": accept})
    assert reply.status == 406
    assert "text/csv" in reply.text


def test_an_unknown_format_is_400_naming_the_parameter(get: Get) -> None:
    reply = get("/queries/winners", {"format": "pdf"})
    assert reply.status == 400
    assert "parameter 'format'" in reply.text and "csv" in reply.text


# --- Errors that name the parameter ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "says"),
    [
        ("stage-winners", {}, ["parameter 'stage'", "missing", "an integer"]),
        ("stage-winners", {"stage": "seven"}, ["parameter 'stage'", "expected an integer", "'seven'"]),
        ("stage-winners", {"stage": "7.5"}, ["parameter 'stage'", "expected an integer"]),
        ("stage-winners", {"stage": "99999999999"}, ["parameter 'stage'", "expected an integer"]),
        (
            "stage-winners",
            {"stage": "7", "category": "quads"},
            ["parameter 'category'", "'quads'", "motorcycles (or bikes)", "cars", "trucks"],
        ),
        ("standings", {"category": "cars", "after-stage": "last"}, ["parameter 'after-stage'", "expected an integer"]),
        ("standings", {"after-stage": "3"}, ["parameter 'category'", "missing"]),
        ("people-by-country", {"country": "Atlantis"}, ["parameter 'country'", "ISO 3166 alpha-3", "IOC", "English name"]),
        ("people-by-country", {"country": "XYZ"}, ["parameter 'country'", "'XYZ'"]),
        ("crew", {"number": ""}, ["parameter 'number'", "expected an integer"]),
        ("winners", {"stage": "7"}, ["parameter 'stage'", "winners has no such parameter", "format, limit, offset"]),
        ("stage-winners", {"stag": "7"}, ["parameter 'stag'", "it takes: stage, category"]),
        ("stage-winners", [("stage", "7"), ("stage", "8")], ["parameter 'stage'", "given 2 times"]),
        ("standings", {"category": "cars", "limit": "0"}, ["parameter 'limit'", "from 1 to 10000"]),
        ("standings", {"category": "cars", "limit": "10001"}, ["parameter 'limit'", "from 1 to 10000"]),
        ("standings", {"category": "cars", "offset": "-1"}, ["parameter 'offset'", "from 0 to"]),
    ],
)
def test_a_missing_or_ill_typed_parameter_is_400_naming_it_and_what_it_expects(
    get: Get, name: str, params: object, says: list[str]
) -> None:
    reply = get(f"/queries/{name}", params)
    assert reply.status == 400, reply.text
    for words in says:
        assert words in reply.text, reply.text


NAMING_NOTHING = [  # a value of the right kind that names nothing this dataset has: 404, naming the parameter
    ("describe", {"iri": "http://example.org/nothing"}, ["parameter 'iri'", "no resource <http://example.org/nothing>"]),
    ("describe", {"iri": "Nobody Atall"}, ["parameter 'iri'", "nothing in this dataset is named 'Nobody Atall'"]),
    ("describe", {"iri": "person/nobody"}, ["parameter 'iri'", "no resource"]),
    ("part-of", {"event": "person/karel-loprais"}, ["parameter 'event'", "is not a rally:RallyEvent"]),
    ("people-by-make", {"make": "Karel Loprais"}, ["parameter 'make'", "nothing in this dataset is named"]),
]


@pytest.mark.parametrize(("name", "params", "says"), NAMING_NOTHING)
def test_a_parameter_naming_what_the_dataset_lacks_is_404_naming_it(get: Get, name: str, params: object, says: list[str]) -> None:
    reply = get(f"/queries/{name}", params)
    assert reply.status == 404, reply.text
    for words in says:
        assert words in reply.text, reply.text


def test_an_unknown_query_is_404_listing_the_queries(get: Get) -> None:
    reply = get("/queries/who-won")
    assert reply.status == 404
    assert "'who-won'" in reply.text and "stage-winners" in reply.text


def test_an_empty_optional_field_means_the_parameter_is_left_out(get: Get) -> None:
    assert (
        get("/queries/stage-winners", {"stage": "7", "category": ""}).values()
        == get("/queries/stage-winners", {"stage": "7"}).values()
    )


@pytest.mark.parametrize("value", ["CARS", " cars ", "Cars", "car", "automobiles", "http://127.0.0.1:5000/id/category/cars"])
def test_a_category_is_its_name_in_any_case_an_alias_or_its_iri(get: Get, value: str) -> None:
    rows = get("/queries/stage-winners", {"stage": "7", "category": value}).values()
    assert [r["driver"] for r in rows] == ["Hiroshi Masuoka"]


def test_a_name_that_several_resources_carry_is_refused_as_ambiguous() -> None:
    store, graphs = ox.Store(), {name: f"http://x/graph/{name}" for name in GRAPHS}
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for slug in ("a", "b"):
        store.add(ox.Quad(ox.NamedNode(f"http://x/{slug}"), label, ox.Literal("Same Name"), ox.NamedNode(graphs["asserted"])))
    service = Service.open(
        ServedDataset(StoreOpener(memory=store), "http://x/", "ambiguous", graphs, dict.fromkeys(GRAPHS, 0)), Limits()
    )
    vocabulary = Vocabulary(Session(service, None))
    with pytest.raises(ParameterError, match=r"'same name' names 2 resources \(<http://x/a>, <http://x/b>\)"):
        vocabulary.resource(Param("iri", "iri", True), "same name")


# --- POST -------------------------------------------------------------------------------------------------------------


def test_post_with_a_form_answers_like_get(client: FlaskClient, get: Get) -> None:
    response = client.post("/queries/stage-winners", data={"stage": "7", "category": "trucks"})
    assert response.status_code == 200
    assert json_rows(response.get_data()) == get("/queries/stage-winners", {"stage": "7", "category": "trucks"}).values()


def test_post_of_something_else_than_a_form_is_415(client: FlaskClient) -> None:
    response = client.post("/queries/stage-winners", data='{"stage": 7}', content_type="application/json")
    assert response.status_code == 415


# --- Paging -----------------------------------------------------------------------------------------------------------


def test_pages_follow_the_link_header_to_the_whole_answer(get: Get) -> None:
    whole = get("/queries/standings", {"category": "bikes"}).values()
    assert len(whole) == 10
    collected: list[dict[str, object]] = []
    params: dict[str, str] = {"category": "bikes", "limit": "4"}
    pages = 0
    while True:
        reply = get("/queries/standings", params)
        pages += 1
        collected += reply.values()
        links = _links(reply)
        assert links["first"]["offset"] == "0"
        if pages > 1:
            assert "prev" in links
        if reply.headers["X-Result-Truncated"] == "false":
            assert "next" not in links
            break
        assert reply.headers["X-Result-Rows"] == "4"
        params = links["next"]
    assert pages == 3
    assert collected == whole


def test_a_page_is_cut_at_the_files_pagination_and_says_so(get: Get) -> None:
    reply = get("/queries/inferred-only")  # "#+ pagination: 50"; 125 winning results in all
    assert len(reply.values()) == 50
    assert reply.headers["X-Result-Truncated"] == "true"
    assert _links(reply)["next"] == {"limit": "50", "offset": "50"}
    last = get("/queries/inferred-only", {"offset": "100"})
    assert len(last.values()) == 25 and last.headers["X-Result-Truncated"] == "false"
    assert _links(last)["prev"] == {"limit": "50", "offset": "50"}


def test_an_answer_that_fits_one_page_is_not_cut(get: Get) -> None:
    reply = get("/queries/name-variants")  # "#+ pagination: 200"
    assert reply.headers["X-Result-Truncated"] == "false"
    assert int(reply.headers["X-Result-Rows"]) == len(reply.values()) > 50


def test_links_keep_the_parameters_and_format(get: Get) -> None:
    reply = get("/queries/leaders", {"category": "cars", "limit": "5", "format": "csv"})
    assert _links(reply)["next"] == {"category": "cars", "format": "csv", "limit": "5", "offset": "5"}
    assert len(csv_rows(reply.text)) == 5


# --- Caching ----------------------------------------------------------------------------------------------------------


def test_an_unchanged_answer_is_304_with_its_etag(get: Get) -> None:
    first = get("/queries/crew", {"number": "425"})
    etag = first.headers["ETag"]
    again = get("/queries/crew", {"number": "425"}, headers={"If-None-Match": etag})
    assert again.status == 304
    other = get("/queries/crew", {"number": "205"})
    assert other.headers["ETag"] != etag


def test_a_browser_asking_for_a_saved_query_is_sent_to_its_page(get: Get) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    reply = get("/queries/standings", {"category": "cars", "after-stage": "10"}, headers=browser)
    assert reply.status == 303
    assert reply.headers["Location"] == "http://localhost/saved/standings?category=cars&after-stage=10"
    chosen = get("/queries/standings", {"category": "cars", "format": "html"})
    assert (chosen.status, chosen.headers["Location"]) == (303, "http://localhost/saved/standings?category=cars")
    assert get("/queries/standings", {"category": "cars"}, headers={"Accept": "*/*"}).status == 200
