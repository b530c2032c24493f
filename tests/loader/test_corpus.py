"""A corpus of editions: the bundled 2001 Dakar Rally and the 2005 and 2006 Atlas Rallies loaded together.

One person, maker, place and country is one resource across editions, however each article spells it (the
spelling rules within one article apply across articles); each edition keeps its own stages, entries and
classifications; an edition the articles only mention stays apart from the editions loaded. Every expected
value is read off the three articles by hand (their lines are given in the comments).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Literal, Namespace, URIRef

from tests.conftest import ATLAS_2006_DOCUMENT, ATLAS_DOCUMENT, DOCUMENT

if TYPE_CHECKING:
    from tests.conftest import Build, Cli, Rows

BASE = "http://127.0.0.1:5000/id/"
RALLY = Namespace("https://w3id.org/rally-kg/ontology#")

PERSON_QUERY = """
SELECT DISTINCT ?person WHERE { ?person a rally:Person { ?person rdfs:label ?name } UNION { ?person skos:altLabel ?name } }"""
EDITIONS_OF_QUERY = """
SELECT DISTINCT ?edition WHERE { ?person rally:memberOf/rally:entryIn ?edition }"""
ENTRIES_OF_QUERY = """
SELECT ?edition ?number WHERE { ?entry rally:driver ?person ; rally:entryIn ?edition . OPTIONAL { ?entry rally:raceNumber ?number } }"""
STAGES_QUERY = """
SELECT ?edition ?number ?start ?finish WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:startPlace/rdfs:label ?start ; rally:finishPlace/rdfs:label ?finish .
}"""
TYPED_QUERY = "SELECT DISTINCT ?item WHERE { ?item a ?class }"
LABELLED_QUERY = "SELECT DISTINCT ?item WHERE { ?item a ?class ; rdfs:label ?label }"
FINAL_WINNER_QUERY = """
SELECT ?edition ?driver WHERE {
  ?final a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ; rally:hasResult ?result .
  ?result rally:position 1 ; rally:forEntry/rally:driver/rdfs:label ?driver .
}"""


def edition(slug: str) -> str:
    """Return an edition's IRI."""
    return f"{BASE}edition/{slug}"


def people_named(build: Build, rows: Rows, name: str) -> set[str]:
    """Return the people whose label or alternative label is `name`."""
    return {r["person"] for r in rows(build.dataset, PERSON_QUERY, name=Literal(name))}


@pytest.mark.parametrize(
    ("spellings", "editions"),
    [
        # 2001 line 8 "Jutta Kleinschmidt" (DEU), 2005 line 8 (GER), 2006 line 61
        (("Jutta Kleinschmidt",), {"2001-dakar-rally", "2005-atlas-rally", "2006-atlas-rally"}),
        (("Dean van Wyk", "Dean Van Wyk"), {"2005-atlas-rally", "2006-atlas-rally"}),  # 2005 line 42, 2006 line 46
        (("Marcos Pérez", "Marcos Perez"), {"2005-atlas-rally", "2006-atlas-rally"}),  # 2005 line 48, 2006 line 52
        (("Rafał Nowak", "Rafal Nowak"), {"2005-atlas-rally", "2006-atlas-rally"}),  # 2005 line 52, 2006 line 54
        (("Ignacio Fuentes", "Ignacio Fuentez"), {"2005-atlas-rally", "2006-atlas-rally"}),  # 2005 line 54, 2006 line 56
        (("Ilya Sokolov",), {"2005-atlas-rally", "2006-atlas-rally"}),
    ],
)
def test_a_person_is_one_resource_across_editions_however_spelt(
    three_editions: Build, rows: Rows, spellings: tuple[str, ...], editions: set[str]
) -> None:
    found = set().union(*(people_named(three_editions, rows, name) for name in spellings))
    assert len(found) == 1, found
    taken = {r["edition"] for r in rows(three_editions.dataset, EDITIONS_OF_QUERY, person=URIRef(found.pop()))}
    assert taken == {edition(slug) for slug in editions}


def test_kari_and_kalle_tiainen_stay_two_people_in_three_editions(three_editions: Build, rows: Rows) -> None:
    # Kari (2001, line 54) and Kalle (2005 line 105, 2006 line 48): not one letter apart, never one person
    assert people_named(three_editions, rows, "Kari Tiainen") != people_named(three_editions, rows, "Kalle Tiainen")


def test_a_misspelling_resolved_across_editions_is_reported(three_editions: Build) -> None:
    found = [p for p in three_editions.problems if p.code == "misspelling" and "Fuentez" in p.message]
    assert [(Path(p.path).name, p.line) for p in found] == [("2006_Test_Rally.txt", 56)]
    assert "'Ignacio Fuentes'" in found[0].message


def test_a_person_keeps_a_race_number_per_edition(three_editions: Build, rows: Rows) -> None:
    [jutta] = people_named(three_editions, rows, "Jutta Kleinschmidt")
    found = {(r["edition"], r["number"]) for r in rows(three_editions.dataset, ENTRIES_OF_QUERY, person=URIRef(jutta))}
    assert found == {  # 2001 line 70, 2005 line 56, 2006 line 61
        (edition("2001-dakar-rally"), 205),
        (edition("2005-atlas-rally"), 200),
        (edition("2006-atlas-rally"), 201),
    }


def test_each_edition_keeps_its_own_stages_over_shared_places(three_editions: Build, rows: Rows) -> None:
    found = {(r["edition"], r["number"]): (r["start"], r["finish"]) for r in rows(three_editions.dataset, STAGES_QUERY)}
    assert len(found) == 20 + 6 + 6
    assert found[(edition("2005-atlas-rally"), 1)] == ("Lisbon", "Portimão")  # 2005 line 27
    assert found[(edition("2006-atlas-rally"), 1)] == ("Lisbon", "Algeciras")  # 2006 line 27
    assert found[(edition("2001-dakar-rally"), 1)] == ("Paris", "Narbonne")  # 2001 line 24
    lisbon = {r["item"] for r in rows(three_editions.dataset, LABELLED_QUERY, label=Literal("Lisbon"))}
    assert lisbon == {f"{BASE}place/lisbon"}


@pytest.mark.parametrize("make", ["KTM", "Yamaha", "Kamaz", "Tatra", "Mitsubishi", "Volkswagen", "DAF"])
def test_a_maker_is_one_resource_across_editions(three_editions: Build, rows: Rows, make: str) -> None:
    makers = {r["item"] for r in rows(three_editions.dataset, LABELLED_QUERY, label=Literal(make))}
    assert makers == {f"{BASE}manufacturer/{make.lower()}"}


def test_each_edition_has_its_own_winners(three_editions: Build, rows: Rows) -> None:
    found = {(r["edition"], r["driver"]) for r in rows(three_editions.dataset, FINAL_WINNER_QUERY)}
    assert {driver for e, driver in found if e == edition("2006-atlas-rally")} == {
        "Pablo Ortega",  # line 149
        "Sébastien Lacombe",  # line 157
        "Nuno Carvalho",  # line 164
        "Gerrit Mulder",  # line 171
    }
    assert {driver for e, driver in found if e == edition("2005-atlas-rally")} == {
        "Luc Marchand",
        "Marcos Pérez",
        "Jutta Kleinschmidt",
        "Ilya Sokolov",
    }


def test_editions_only_mentioned_are_told_apart_from_those_loaded(three_editions: Build, rows: Rows) -> None:
    covered = {r["item"] for r in rows(three_editions.dataset, TYPED_QUERY, **{"class": RALLY.CoveredEdition})}
    editions = {r["item"] for r in rows(three_editions.dataset, TYPED_QUERY, **{"class": RALLY.Edition})}
    assert covered == {edition(s) for s in ("2001-dakar-rally", "2005-atlas-rally", "2006-atlas-rally")}
    # the previous and next rounds the infoboxes name (2001 lines 4-5, 2005 lines 4-5, 2006 lines 4-5)
    assert editions - covered == {
        edition(s) for s in ("2000-dakar-rally", "2002-dakar-rally", "2004-atlas-rally", "2007-atlas-rally")
    }


def test_a_corpus_reports_each_articles_problems_and_no_new_ones_but_the_misspelling(
    three_editions: Build, dakar: Build, atlas: Build, atlas_2006: Build
) -> None:
    alone = {(Path(p.path).name, p.line, p.code) for build in (dakar, atlas, atlas_2006) for p in build.problems}
    together = {(Path(p.path).name, p.line, p.code) for p in three_editions.problems}
    assert together - alone == {("2006_Test_Rally.txt", 56, "misspelling")}
    assert alone - together == set()


def test_build_takes_a_folder_of_articles(tmp_path: Path, cli: Cli) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for document in (DOCUMENT, ATLAS_DOCUMENT, ATLAS_2006_DOCUMENT):
        (articles / document.name).write_bytes(document.read_bytes())
    (articles / "README.md").write_text("not an article\n", encoding="utf-8")
    done = cli("build", articles, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "build.json").read_text(encoding="utf-8"))
    assert [Path(s).name for s in summary["sources"]] == ["2001_Dakar_Rally.txt", "2005_Test_Rally.txt", "2006_Test_Rally.txt"]
    rows = summary["coverage"]
    assert rows["rows reported"] == 2 and rows["rows read"] == rows["rows loaded"] + 2  # the two of the 2006 article
    assert "Table rows:" in done.stdout


def test_build_of_a_folder_without_articles_is_a_clear_error(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "empty").mkdir()
    done = cli("build", tmp_path / "empty", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert "a folder without articles" in done.stderr and "Traceback" not in done.stderr
