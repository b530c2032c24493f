"""The saved queries over datasets that are not the bundled article, served by `rally-kg serve` as a user would.

Two datasets the tests build with `rally-kg build`: the 2006 Atlas Rally alone (tests/data/2006_Test_Rally.txt),
and a folder holding the 2005 and 2006 Atlas Rallies. Neither holds a resource the query files' examples name,
so the examples shown are read off the data. Every expected answer is read off the two articles by hand.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.conftest import ATLAS_2006_DOCUMENT, ATLAS_DOCUMENT, run_cli
from tests.endpoint.support import Get
from tests.replies import Reply, http_request, json_rows
from tests.servers import serving

BASE = "http://127.0.0.1:5000/id/"
EDITIONS_2005_2006 = "2005-atlas-rally (2005 Atlas Rally), 2006-atlas-rally (2006 Atlas Rally)"


def _serve(documents: list[Path], tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """Build the documents (a folder of them) with `rally-kg build` and serve the build; yield the root URL."""
    folder = tmp_path_factory.mktemp(name)
    articles = folder / "articles"
    articles.mkdir()
    for document in documents:
        shutil.copy(document, articles / document.name)
    built = run_cli("build", articles, "--out", folder / "build")
    assert built.returncode == 0, built.stderr
    with serving(folder / "build", folder / "serve.log") as (root, _ready_after):
        yield root


@pytest.fixture(scope="module")
def only_2006(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of the 2006 Atlas Rally alone."""
    yield from _serve([ATLAS_2006_DOCUMENT], tmp_path_factory, "only-2006")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of a folder holding the 2005 and 2006 Atlas Rallies."""
    yield from _serve([ATLAS_DOCUMENT, ATLAS_2006_DOCUMENT], tmp_path_factory, "corpus")


def getter(root: str) -> Get:
    """Return `get(path, **params)` for a server: a GET over HTTP."""

    def get(path: str, headers: dict[str, str] | None = None, **params: Any) -> Reply:
        query = urlencode({key.replace("_", "-"): str(value) for key, value in params.items()})
        return http_request(root + path + (f"?{query}" if query else ""), "GET", None, headers, follow=True)

    return get


def ask(root: str, name: str, **params: Any) -> list[dict[str, Any]]:
    """Return the rows of a saved query's answer (all of them), asserting a 200."""
    reply = getter(root)(f"/queries/{name}", limit=10000, **params)
    assert reply.status == 200, reply.text
    return json_rows(reply.body)


# --- Examples that apply to the data served -----------------------------------------------------------------------


@pytest.mark.parametrize("server", ["only_2006", "corpus"])
def test_every_saved_query_is_served_with_an_example_that_answers(server: str, request: pytest.FixtureRequest) -> None:
    root = request.getfixturevalue(server)
    get = getter(root)
    listed = get("/queries").json()["queries"]
    assert {q["name"] for q in listed} >= {"stage-winners", "describe", "editions", "career", "source-lines"}
    for query in listed:
        reply = http_request(query["example_url"] + ("&" if "?" in query["example_url"] else "?") + "format=json", "GET")
        assert reply.status == 200, (query["name"], reply.text)
        if query["form"] == "SELECT" and any(p["required"] for p in query["parameters"]):  # (2006 has no tie: ties is empty)
            assert json_rows(reply.body), f"{query['name']}: the example {query['example']!r} answers nothing"


def test_examples_that_name_what_the_data_lacks_are_read_off_the_data(only_2006: str) -> None:
    listed = {q["name"]: q for q in getter(only_2006)("/queries").json()["queries"]}
    # the files' examples name Karel Loprais (2001), stage 7 (2006 has six) and Tatra's people: not here
    assert listed["describe"]["example"].startswith("iri=") and "karel-loprais" not in listed["describe"]["example"]
    stage = int(dict(p.split("=") for p in listed["stage-winners"]["example"].split("&"))["stage"])
    assert 2 <= stage <= 6  # the 2006 stages with winners (stage 1 is a liaison only)
    assert listed["standings"]["example"] == "category=bikes"  # the file's own, which applies
    spec = getter(only_2006)("/openapi.json").json()
    [stage_parameter] = [p for p in spec["paths"]["/queries/stage-winners"]["get"]["parameters"] if p["name"] == "stage"]
    assert stage_parameter["example"] == stage


# --- Corpora: editions and career ---------------------------------------------------------------------------------


def test_editions_list_each_covered_edition_with_its_winners_and_the_mentioned_ones(corpus: str) -> None:
    rows = ask(corpus, "editions")
    assert {(r["editionLabel"], r["covered"]) for r in rows} == {
        ("2004 Atlas Rally", False),  # 2005 line 4
        ("2005 Atlas Rally", True),
        ("2006 Atlas Rally", True),
        ("2007 Atlas Rally", False),  # 2006 line 5
    }
    winners = {(r["editionLabel"], r["categoryLabel"], r["winner"]) for r in rows if r["covered"]}
    assert winners == {
        ("2005 Atlas Rally", "Cars", "Jutta Kleinschmidt"),  # 2005 line 164
        ("2005 Atlas Rally", "Motorcycles", "Luc Marchand"),
        ("2005 Atlas Rally", "Quads", "Marcos Pérez"),
        ("2005 Atlas Rally", "Trucks", "Ilya Sokolov"),
        ("2006 Atlas Rally", "Cars", "Nuno Carvalho"),  # 2006 line 164
        ("2006 Atlas Rally", "Motorcycles", "Pablo Ortega"),  # line 149
        ("2006 Atlas Rally", "Quads", "Sébastien Lacombe"),  # line 157
        ("2006 Atlas Rally", "Trucks", "Gerrit Mulder"),  # line 171
    }
    dates = {(r["editionLabel"], r["startDate"], r["endDate"], r["stages"]) for r in rows if r["covered"]}
    assert dates == {("2005 Atlas Rally", "2004-12-30", "2005-01-05", 6), ("2006 Atlas Rally", "2005-12-29", "2006-01-04", 6)}


@pytest.mark.parametrize("person", ["Dean van Wyk", "dean van wyk", "Dean Van Wyk", "D. Van Wyk", "person/dean-van-wyk"])
def test_career_spans_both_editions_by_any_spelling(corpus: str, person: str) -> None:
    rows = ask(corpus, "career", person=person)
    assert [
        (r["editionLabel"], r["raceNumber"], r["make"], r["finalPosition"], r["stageWins"], r["stagesWon"]) for r in rows
    ] == [
        ("2005 Atlas Rally", 7, "Yamaha", 2, 2, "4, 5"),  # 2005 lines 31-32 (stage 5 shared), 166
        ("2006 Atlas Rally", 7, "Yamaha", 2, 3, "3, 4, 6"),  # 2006 lines 29, 31, 33, 150
    ]
    # the totals: 19:58:27 + 3:18 (2005 line 166) and 13:27:29 + 0:11 (2006 line 150)
    assert [r["finalTimeSeconds"] for r in rows] == [20 * 3600 + 1 * 60 + 45, 13 * 3600 + 27 * 60 + 40]


# --- Per-edition queries, with and without an edition --------------------------------------------------------------


def test_stage_winners_without_an_edition_name_every_editions_winners_in_edition_order(corpus: str) -> None:
    rows = ask(corpus, "stage-winners", stage=2)
    assert [r["editionLabel"] for r in rows] == sorted(r["editionLabel"] for r in rows)
    assert {(r["editionLabel"], r["categoryLabel"], r["driver"]) for r in rows} == {
        ("2005 Atlas Rally", "Cars", "Jutta Kleinschmidt"),  # 2005 line 28
        ("2005 Atlas Rally", "Motorcycles", "Luc Marchand"),
        ("2005 Atlas Rally", "Quads", "Marcos Pérez"),
        ("2005 Atlas Rally", "Trucks", "Ilya Sokolov"),
        ("2006 Atlas Rally", "Cars", "Jutta Kleinschmidt"),  # 2006 line 28
        ("2006 Atlas Rally", "Motorcycles", "Stefan Berger"),
        ("2006 Atlas Rally", "Quads", "Sébastien Lacombe"),
        ("2006 Atlas Rally", "Trucks", "Gerrit Mulder"),
    }
    assert {r["edition"] for r in rows} == {f"{BASE}edition/2005-atlas-rally", f"{BASE}edition/2006-atlas-rally"}


@pytest.mark.parametrize("edition", ["2006", "2006-atlas-rally", "2006 Atlas Rally", f"{BASE}edition/2006-atlas-rally"])
def test_an_edition_is_named_by_year_slug_name_or_iri(corpus: str, edition: str) -> None:
    rows = ask(corpus, "stage-winners", stage=2, edition=edition)
    assert {(r["categoryLabel"], r["driver"]) for r in rows} == {
        ("Cars", "Jutta Kleinschmidt"),
        ("Motorcycles", "Stefan Berger"),
        ("Quads", "Sébastien Lacombe"),
        ("Trucks", "Gerrit Mulder"),
    }


@pytest.mark.parametrize("edition", ["1999", "2001-dakar-rally", "edition/nothing", "Atlas"])
def test_an_unknown_edition_is_a_400_listing_the_known_ones(corpus: str, edition: str) -> None:
    reply = getter(corpus)("/queries/stage-winners", stage=2, edition=edition)
    assert reply.status == 400
    assert "parameter 'edition'" in reply.text and EDITIONS_2005_2006 in reply.text


def test_a_race_number_is_per_edition(corpus: str) -> None:
    rows = ask(corpus, "crew", number=7)
    assert {(r["editionLabel"], r["person"]) for r in rows} == {
        ("2005 Atlas Rally", "Dean van Wyk"),  # 2005 line 42
        ("2005 Atlas Rally", "Joost Bakker"),  # 2005 line 44: the same number, a reported problem
        ("2006 Atlas Rally", "Dean van Wyk"),  # 2006 line 46
    }
    assert {r["person"] for r in ask(corpus, "crew", number=7, edition=2006)} == {"Dean van Wyk"}


def test_standings_of_one_edition_give_derived_totals_with_the_awarded_time(corpus: str) -> None:
    rows = ask(corpus, "standings", category="trucks", edition=2006)
    assert [(r["position"], r["driver"], r["timeSeconds"], r["timeDerived"]) for r in rows] == [
        (1, "Gerrit Mulder", 13 * 3600 + 22 * 60 + 56, False),  # line 171
        (2, "Tomáš Kubiš", 13 * 3600 + 54 * 60 + 34, True),  # +31:38
        (3, "Ilya Sokolov", 13 * 3600 + 56 * 60 + 58, True),  # +34:02
    ]
    assert [r["coDriver"] for r in rows] == ["Hans Visser", "Jiří Veselý", "Dmitri Orlov"]
    assert [r.get("furtherCrew") for r in rows] == [None, "Peter Horák, Martin Král", "Pavel Gusev"]  # "Mechanics"


def test_stages_of_one_edition_say_why_a_stage_had_no_contest(corpus: str) -> None:
    rows = {r.get("stage"): r for r in ask(corpus, "stages", edition=2006)}
    assert len(rows) == 7 and rows[None]["kind"] == "rest day"  # six stages and the rest day of 1 January
    assert set(rows[1]["noContestFor"].split(", ")) == {"Cars", "Motorcycles", "Quads", "Trucks"}  # "Liaison only"
    assert set(rows[5]["cancelledFor"].split(", ")) == {"Motorcycles", "Quads"}
    assert rows[5]["reasons"] == "flooding in the Ziz valley"
    assert (rows[3]["cancelledFor"], rows[6]["noContestFor"]) == ("Quads", "Trucks")
    assert rows[6]["reasons"] == "a stranded lorry blocked the pass"
    assert [r["date"] for r in rows.values()][:3] == ["2005-12-29", "2005-12-30", "2005-12-31"]


def test_leaders_of_one_edition(corpus: str) -> None:
    rows = ask(corpus, "leaders", category="cars", edition=2006)
    # stage 1 was a liaison only; Kleinschmidt after stage 2 (line 112), Carvalho after 3 to 6
    assert [(r["stage"], r["leader"]) for r in rows] == [(2, "Jutta Kleinschmidt")] + [(n, "Nuno Carvalho") for n in range(3, 7)]
    assert [r["stage"] for r in rows if r["leadChange"]] == [3]


PER_EDITION = [
    "crew",
    "distance",
    "edition",
    "entries",
    "inferred-only",
    "leaders",
    "manufacturer-wins",
    "people-by-country",
    "route-countries",
    "source-problems",
    "stage-winners",
    "stage-wins",
    "stages",
    "standings",
    "ties",
    "winners",
]


@pytest.mark.parametrize("name", PER_EDITION)
def test_without_an_edition_a_query_answers_what_it_answers_for_each_edition(corpus: str, name: str) -> None:
    listed = {q["name"]: q for q in getter(corpus)("/queries").json()["queries"]}
    query = listed[name]
    assert "edition" in [p["name"] for p in query["parameters"]]
    example = dict(part.split("=", 1) for part in query["example"].split("&") if part)
    every = ask(corpus, name, **example)
    each = [row for year in (2005, 2006) for row in ask(corpus, name, **example, edition=year)]
    assert every, f"{name} answers nothing for {example}"

    def key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k, str(v)) for k, v in row.items()))

    assert Counter(map(key, every)) == Counter(map(key, each))
    labels = [r["editionLabel"] for r in every if "editionLabel" in r]
    assert labels == sorted(labels), f"{name}: rows not in edition order"


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_the_home_page_lists_the_editions_loaded_and_those_mentioned(corpus: str) -> None:
    html = getter(corpus)("/", headers={"Accept": "text/html"}).text
    assert "2 editions loaded from their articles" in html and "and 2 that the articles only mention" in html
    assert html.count('href="/page/edition/2005-atlas-rally"') >= 1 and 'href="/page/edition/2007-atlas-rally"' in html
    assert 'id="stages"' not in html  # a corpus lists its editions; each edition's page lists its stages


def test_a_person_page_shows_every_edition_of_the_person(corpus: str) -> None:
    html = getter(corpus)("/page/person/dean-van-wyk", headers={"Accept": "text/html"}).text
    assert "Took part in 2 editions of the dataset" in html
    assert 'href="/page/edition/2005-atlas-rally"' in html and 'href="/page/edition/2006-atlas-rally"' in html


def test_the_story_of_an_edition_with_stages_without_contest(corpus: str) -> None:
    html = getter(corpus)("/story/2006-atlas-rally", headers={"Accept": "text/html"}).text
    assert "Stage 5 cancelled for Motorcycles." in html  # line 32
    assert "Stage 1 not raced by Cars." in html  # line 27: a liaison only
    route = html.split('id="route"')[1]
    assert "not raced by Trucks" in route  # stage 6, "Neutralised" (line 33)
