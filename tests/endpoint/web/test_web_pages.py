"""The HTML pages through the Flask test client: what each shows, read off data/2001_Dakar_Rally.txt by hand.

From the article: Jutta Kleinschmidt (DEU, #205, Mitsubishi) won the cars in 70:42:06 (line 311);
the cars' general classification after stage 10 is led by Hiroshi Masuoka, then Jean-Louis Schlesser
(35:00 behind) and Carlos Sousa (38:29) (line 197); stage 3 was cancelled for the bikes (line 30);
"- 205 Jutta Kleinschmidt" is line 72.
"""

from __future__ import annotations

import itertools
import math
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient

from .support import DEPLOYMENT_BASE

JUTTA = "person/jutta-kleinschmidt"


class Page(HTMLParser):
    """An HTML page read into what the tests look at: text, links, ids, table rows, external references."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.tables: dict[str, list[list[str]]] = {}
        self.external: list[str] = []
        self.chunks: list[str] = []
        self._link: list[str] | None = None
        self._href = ""
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    @property
    def text(self) -> str:
        """Return the page's text, whitespace collapsed."""
        return " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        for key in ("src", "href"):
            if tag in ("script", "link", "img", "iframe") and found.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(found[key])
        if tag == "a":
            self._link, self._href = [], found.get("href", "")
        elif tag == "table":
            self._table = found.get("id", f"table-{len(self.tables)}")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((" ".join("".join(self._link).split()), self._href))
            self._link = None
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._table is not None and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)
        if self._link is not None:
            self._link.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def href(self, text: str) -> str:
        """Return the target of the first link with exactly this text."""
        return next(href for shown, href in self.links if shown == text)


def get_page(client: FlaskClient, url: str, status: int = 200) -> Page:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return Page(response.get_data(as_text=True))


def test_the_home_page_says_what_the_dataset_is_and_where_to_go(client: FlaskClient) -> None:
    home = get_page(client, "/")
    for where in (
        "/editor",
        "/queries",
        "/ontology",
        "/.well-known/void?format=turtle",
        "/sparql?format=turtle",
        "/dump/dataset.nq",
    ):
        assert any(href == where for _, href in home.links), where
    assert home.href("2001 Dakar Rally") == "/page/edition/2001-dakar-rally"
    assert {"Cars", "Motorcycles", "Trucks"} <= {text for text, _ in home.links}
    assert home.href("Stage 20") == "/page/edition/2001-dakar-rally/stage/20"
    assert home.href("Jutta Kleinschmidt") == f"/page/{JUTTA}"
    assert home.href("Tatra") == "/page/manufacturer/tatra"
    assert home.href("Senegal") == "/page/country/SEN"
    assert home.href("The 2001 Dakar Rally in pictures") == "/story/2001-dakar-rally"
    assert any(href.startswith("/saved/") for _, href in home.links)
    assert home.tables["editions-table"][1] == ["2001 Dakar Rally", "1 January 2001 – 21 January 2001", "20"]
    assert "1 edition loaded from its article" in home.text
    assert home.href("2000 Dakar Rally") == "/page/edition/2000-dakar-rally"  # mentioned only (line 4)
    assert "and 2 that the articles only mention" in home.text


def test_a_person_page_shows_country_make_race_number_and_time(client: FlaskClient) -> None:
    person = get_page(client, f"/page/{JUTTA}")
    assert "Jutta Kleinschmidt" in person.text
    assert person.href("Germany") == "/page/country/DEU"
    assert person.href("Mitsubishi") == "/page/manufacturer/mitsubishi"
    entry = person.tables["entries-table"][1]
    assert entry[:6] == ["2001 Dakar Rally", "Cars", "205", "driver or rider", "Mitsubishi", "1"]
    assert entry[6] == "70:42:06"
    assert entry[7] == "1 (9)"  # the cars' stage 9 (line 32)
    assert "Took part in 1 edition of the dataset" in person.text
    assert "- 205 Jutta Kleinschmidt" in person.text


def test_a_resource_page_marks_inferred_facts_and_gives_each_fact_its_lines(client: FlaskClient) -> None:
    html = client.get(f"/page/{JUTTA}").get_data(as_text=True)
    made = re.search(r'id="out-rally-competedWithMake".*?</dt>', html, re.S)
    assert made is not None and "inferred" in made.group(0)
    nationality = re.search(r'id="out-rally-countryForSport".*?</dd>', html, re.S)
    assert nationality is not None and "inferred" not in nationality.group(0)
    assert 'href="/page/source/2001_Dakar_Rally.txt#line=71,72"' in html


def test_a_resource_page_shows_its_sparql_and_alternate_formats(client: FlaskClient) -> None:
    person = get_page(client, f"/page/{JUTTA}")
    for suffix in ("ttl", "nt", "jsonld", "rdf"):
        assert person.href(suffix) == f"/data/{JUTTA}.{suffix}"
    assert "GRAPH ?graph { ?resource ?property ?value }" in person.text
    editor_links = [href for text, href in person.links if text == "run it in the query editor"]
    assert editor_links and all(href.startswith("/editor?query=") for href in editor_links)


def test_long_lists_of_links_are_paged(client: FlaskClient) -> None:
    """78 people crewed an entry of the 2001 edition; the page shows them 20 at a time."""
    edition = get_page(client, "/page/edition/2001-dakar-rally")
    assert "competed in (78)" in edition.text
    following = next(href for text, href in edition.links if text == "next" and "competedIn" in href)
    second = get_page(client, "/page/edition/2001-dakar-rally" + following.split("#")[0])
    assert "values 21–40 of 78" in second.text


def test_a_country_page_links_to_wikidata(client: FlaskClient) -> None:
    germany = get_page(client, "/page/country/DEU")
    assert germany.href("Q183") == "https://www.wikidata.org/wiki/Q183"


def test_the_source_document_page_has_an_anchor_per_line(client: FlaskClient) -> None:
    source = get_page(client, "/page/source/2001_Dakar_Rally.txt")
    assert {"line=71,72", "line=196,197"} <= source.ids


def test_the_query_editor_runs_a_query_and_links_the_iris(client: FlaskClient) -> None:
    query = (
        "PREFIX rally: <https://w3id.org/rally-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        'SELECT ?person WHERE { ?c rally:classifiedStage/rally:stageNumber 7 ; rally:category/rdfs:label "Cars" ; '
        "rally:stageWinner ?person }"
    )
    editor = get_page(client, "/editor?" + urlencode({"query": query}))
    assert editor.tables["results"] == [["Person"], ["Hiroshi Masuoka"]]  # the resource by its label, linked
    assert editor.href("Hiroshi Masuoka") == "/page/person/hiroshi-masuoka"
    downloads = {text: href for text, href in editor.links if href.startswith("/sparql?query=")}
    assert set(downloads) == {"json", "xml", "csv", "tsv"}


def test_the_query_editor_shows_a_syntax_error_with_its_position(client: FlaskClient) -> None:
    editor = get_page(client, "/editor?" + urlencode({"query": "SELECT ?x\nWHERE {\n  ?x ?y }"}), status=400)
    assert "malformed query: the query does not parse at 3:" in editor.text
    assert "At line 3, column" in editor.text


def test_the_query_editor_knows_the_datasets_prefixes_and_its_downloads_declare_them(client: FlaskClient) -> None:
    query = "SELECT ?s WHERE { ?s a rally:Stage ; rally:stageNumber 7 ; rdfs:label ?label }"
    editor = get_page(client, "/editor?" + urlencode({"query": query}))
    assert editor.tables["results"] == [["s"], ["2001 Dakar Rally, stage 7"]]
    [download] = [href for text, href in editor.links if text == "csv"]
    assert client.get(download).status_code == 200  # /sparql itself declares no prefix for a client
    unknown = get_page(client, "/editor?" + urlencode({"query": "SELECT ?s WHERE { ?s a nowhere:Stage }"}), status=400)
    assert "unknown prefix `nowhere:` at 1:24" in unknown.text


def test_the_query_editor_refuses_what_the_endpoint_refuses(client: FlaskClient) -> None:
    editor = get_page(
        client, "/editor?" + urlencode({"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"}), status=400
    )
    assert "SERVICE" in editor.text


def test_the_query_editor_shows_construct_answers_as_triples(client: FlaskClient) -> None:
    query = "CONSTRUCT { ?p ?label ?name } WHERE { BIND(<http://www.w3.org/2000/01/rdf-schema#label> AS ?label) ?p ?label ?name } LIMIT 3"
    editor = get_page(client, "/editor?" + urlencode({"query": query}))
    assert editor.tables["results"][0] == ["Subject", "Predicate", "Object"]
    assert len(editor.tables["results"]) == 4
    assert {text for text, _ in editor.links} >= {"ttl", "jsonld"}


def test_the_query_editor_offers_the_saved_queries_as_examples(client: FlaskClient) -> None:
    editor = get_page(client, "/editor")
    assert any(href.startswith("/editor?query=") for _, href in editor.links)


def test_a_saved_query_page_has_a_form_a_table_a_share_link_and_curl(client: FlaskClient) -> None:
    response = client.get("/saved/standings?category=cars&after-stage=10")
    html = response.get_data(as_text=True)
    saved = Page(html)
    assert re.search(r'<select id="param-category" name="category"', html)
    assert re.search(r'<option value="cars" selected>', html)
    rows = saved.tables["results"]
    assert rows[0][:5] == ["Edition IRI", "Edition", "Category IRI", "Category", "After stage"]  # ?edition ?editionLabel ...
    assert 'data-variable="categoryLabel" title="?categoryLabel">Category</th>' in html
    assert '<span class="term literal" title="xsd:boolean: false">no</span>' in html  # ?tied: booleans read as words
    driver = rows[0].index("Driver")
    assert [row[driver] for row in rows[1:4]] == ["Hiroshi Masuoka", "Jean-Louis Schlesser", "Carlos Sousa"]
    assert "curl -H 'Accept: text/csv' 'http://localhost/queries/standings?category=cars&after-stage=10'" in saved.text
    assert "http://localhost/saved/standings?category=cars&after-stage=10" in saved.text


def test_a_saved_query_page_reports_a_bad_value_next_to_the_form(client: FlaskClient) -> None:
    saved = get_page(client, "/saved/standings?category=boats", status=400)
    assert "boats" in saved.text and "param-category" in saved.ids


def test_the_story_draws_the_general_classification_and_the_route(client: FlaskClient) -> None:
    html = client.get("/story/2001-dakar-rally").get_data(as_text=True)
    story = Page(html)
    cars = story.tables["leaders-cars"]
    assert cars[10] == ["10", "Hiroshi Masuoka", "0:35:00"]
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart gc"') == 3
    assert "After stage 10: Hiroshi Masuoka, 1st, leader" in html
    assert "Stage 3 cancelled for Motorcycles" in story.text
    assert "cancelled for Motorcycles" in html.split('id="route"')[1]


def test_every_line_of_a_chart_is_told_apart_by_colour_dash_and_marker(client: FlaskClient) -> None:
    """The motorcycles' chart once had two purples: in each chart's legend, no two crews share a colour, and none
    shares both its dash and its marker's shape with the crew before it."""
    html = client.get("/story/2001-dakar-rally").get_data(as_text=True)
    charts = html.split('class="chart gc"')[1:]
    assert len(charts) == 3
    legend = re.compile(
        r'<a href="[^"]*"><line [^>]*stroke="(#[0-9a-f]{6})"(?: [^>]*stroke-dasharray="([^"]*)")?[^>]*/><(circle|rect|polygon) ([^>]*)>'
    )
    for chart in charts:
        entries = legend.findall(chart.split("</svg>")[0])
        assert len(entries) >= 5
        colours = [tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) for colour, _, _, _ in entries]
        nearest = min(math.dist(a, b) for a, b in itertools.combinations(colours, 2))
        assert nearest > 60, nearest  # the two purples were 47 apart in RGB; the old blue and teal 41
        looks = [(dash, shape, "points" in attributes and attributes.count(",")) for _, dash, shape, attributes in entries]
        assert all(a != b for a, b in zip(looks, looks[1:]))


def test_the_ontology_documentation_shows_terms_alignments_axioms_and_examples(client: FlaskClient) -> None:
    docs = get_page(client, "/ontology")
    assert {"Edition", "Stage", "competedWithMake", "WinningResult", "DriverRole"} <= docs.ids
    assert "schema:SportsEvent" in docs.text
    assert "chain member of / vehicle / manufacturer" in docs.text
    assert "x0 member of x1, x1 vehicle x2, x2 manufacturer x3 give x0 competed with make x3" in docs.text
    assert "2001 Dakar Rally" in docs.text


def test_pages_load_nothing_from_other_sites(client: FlaskClient) -> None:
    for url in ("/", f"/page/{JUTTA}", "/editor", "/story/2001-dakar-rally", "/ontology", "/saved/standings"):
        response = client.get(url, headers={"Accept": "text/html"})
        assert Page(response.get_data(as_text=True)).external == [], url
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_deployment_base_is_served_under_its_own_path(deployment_client: FlaskClient) -> None:
    reply = deployment_client.get(f"/resource/{JUTTA}", headers={"Accept": "text/turtle"})
    assert reply.status_code == 303 and reply.headers["Location"] == f"/data/{JUTTA}.ttl"
    assert deployment_client.get(f"/id/{JUTTA}").status_code == 404
    person = get_page(deployment_client, f"/page/{JUTTA}")
    assert person.href("Germany") == "/page/country/DEU"
    assert DEPLOYMENT_BASE + JUTTA in person.text


@pytest.mark.parametrize(
    "path",
    [
        "/page/%00",
        "/page/person/%ff",
        "/page/a%20b",
        "/story/%00",
        "/story/1999-paris-dakar",
        "/browse/%00",
        "/browse/Spaceship",
        "/id/a%20b",
        "/data/%00.ttl",
        "/id/person/nobody",
    ],
)
def test_a_path_naming_nothing_in_the_graph_is_not_found(client: FlaskClient, path: str) -> None:
    for accept in ("text/html", "text/turtle", "*/*"):
        response = client.get(path, headers={"Accept": accept})
        assert response.status_code == 404, (path, accept, response.status_code)
        assert "500" not in response.get_data(as_text=True)


def test_a_class_listing_names_only_classes_of_the_ontology(client: FlaskClient) -> None:
    page = get_page(client, "/browse/Person")
    assert "Jutta Kleinschmidt" in page.text


def test_the_query_editor_can_leave_out_what_reasoning_inferred(client: FlaskClient) -> None:
    query = 'ASK { ?jutta <http://www.w3.org/2000/01/rdf-schema#label> "Jutta Kleinschmidt" ; a <https://schema.org/Person> }'
    with_inference = get_page(client, "/editor?" + urlencode({"query": query}))
    assert "yes (true)" in with_inference.text  # rally:Person is a subclass of schema:Person
    asserted = client.application.extensions["rally"].dataset.graphs["asserted"]
    asserted_only = get_page(client, "/editor?" + urlencode({"query": query, "default-graph-uri": asserted}))
    assert "no (false)" in asserted_only.text
    assert "checked" in client.get("/editor?" + urlencode({"query": query, "default-graph-uri": asserted})).get_data(as_text=True)
    downloads = [href for text, href in asserted_only.links if text == "json"]
    assert downloads and all(urlencode({"default-graph-uri": asserted}) in href for href in downloads)


def test_answers_show_the_datasets_resources_by_their_labels(client: FlaskClient) -> None:
    """Entries and people read as what they are, not as the tails of their IRIs (…/entry/cars/jutta-kleinschmidt);
    an IRI column beside its own label column keeps the path. Race number 205: Jutta Kleinschmidt and Andreas
    Schulz in a Mitsubishi (lines 72 and 311 of the article)."""
    saved = get_page(client, "/saved/crew?" + urlencode({"number": "205"}))
    rows = saved.tables["results"]
    header, first = rows[0], rows[1]
    assert first[header.index("Entry")] == "#205 Jutta Kleinschmidt / Andreas Schulz (Cars, 2001 Dakar Rally)"
    assert [row[header.index("Member")] for row in rows[1:]] == ["Jutta Kleinschmidt", "Andreas Schulz"]
    assert first[header.index("Edition IRI")] == "edition/2001-dakar-rally"
    assert not any(cell.startswith(("edition/2001-dakar-rally/", "person/")) for row in rows[1:] for cell in row)
