"""A third article, tests/data/2006_Test_Rally.txt (the fictional 2006 Atlas Rally), as a graph.

What real articles of other editions hold and the first two articles do not: a December start whose first
stage is a liaison only, markers instead of winners ("Liaison only", "Stage cancelled", "Neutralised"), one
category cancelled on two stages and one stage cancelled for two categories, a neutralised stage with an
awarded time, penalty footnotes in three wordings, stage-table columns in another order than the sections,
crews of one to four with the roles their headers give, and four deliberate flaws. Every expected value
is read off the article by hand; tests/data/README.md lists its features with their line numbers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from rdflib import Literal, Namespace, URIRef

from loader.pipeline import load_texts
from tests.conftest import ATLAS_2006_DOCUMENT

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

BASE = "http://127.0.0.1:5000/id/"
RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
E = BASE + "edition/2006-atlas-rally"
PATH = "tests/data/2006_Test_Rally.txt"


def stage(number: int) -> URIRef:
    """Return the IRI of a stage of the 2006 edition."""
    return URIRef(f"{E}/stage/{number}")


def category(slug: str) -> URIRef:
    """Return a category's IRI."""
    return URIRef(f"{BASE}category/{slug}")


def hms(hours: int, minutes: int, seconds: int) -> int:
    """Return a printed time in seconds."""
    return hours * 3600 + minutes * 60 + seconds


STAGE_DATES_QUERY = "SELECT ?number ?date WHERE { ?stage a rally:Stage ; rally:stageNumber ?number ; rally:date ?date }"
REST_DAY_QUERY = "SELECT ?date ?town WHERE { ?day a rally:RestDay ; rally:date ?date ; rally:restPlace/rdfs:label ?town }"
EDITION_DATES_QUERY = "SELECT ?start ?end WHERE { ?edition a rally:CoveredEdition ; rally:startDate ?start ; rally:endDate ?end }"
NO_CONTEST_QUERY = """
SELECT ?node ?type ?number ?category ?marker ?reason ?awarded WHERE {
  ?node a ?type ; rally:noContestStage/rally:stageNumber ?number ; rally:category ?category .
  FILTER (?type IN (rally:Cancellation, rally:Neutralisation))
  OPTIONAL { ?node rally:marker ?marker }
  OPTIONAL { ?node rally:reason ?reason }
  OPTIONAL { ?node rally:awardedTimeSeconds ?awarded }
}"""
CLASSIFIED_QUERY = """
SELECT ?classification ?result WHERE {
  { ?classification rally:classifiedStage ?stage } UNION { ?classification rally:afterStage ?stage }
  ?classification rally:category ?category .
  OPTIONAL { ?classification rally:hasResult ?result }
}"""
STAGE_WINNERS_QUERY = """
SELECT ?category ?winner WHERE {
  ?classification rally:classifiedStage ?stage ; rally:category ?category ; rally:stageWinner/rdfs:label ?winner
}"""
PEOPLE_QUERY = "SELECT ?label WHERE { ?person a rally:Person ; rdfs:label ?label }"
PENALTY_QUERY = """
SELECT ?penalty ?person ?number ?seconds ?reason WHERE {
  ?penalty a rally:Penalty ; rally:penalisedPerson/rdfs:label ?person .
  OPTIONAL { ?penalty rally:penaltyStage/rally:stageNumber ?number }
  OPTIONAL { ?penalty rally:penaltySeconds ?seconds }
  OPTIONAL { ?penalty rally:reason ?reason }
}"""
SOURCE_LINES_QUERY = "SELECT ?line WHERE { ?node prov:wasDerivedFrom/rally:lineNumber ?line }"
NOTES_QUERY = "SELECT ?node ?note WHERE { ?node rally:note ?note }"
CREW_QUERY = """
SELECT ?position ?name ?role WHERE {
  ?entry rally:entryIn ?edition ; rally:category ?category ; rally:driver/rdfs:label ?driver ;
         rally:crewListing ?listing .
  ?listing rally:crewPosition ?position ; rally:listedPerson/rdfs:label ?name ; rally:role ?role .
}"""
GENERAL_QUERY = """
SELECT ?position ?driver WHERE {
  ?classification a rally:GeneralClassification ; rally:afterStage ?stage ; rally:category ?category ;
                  rally:hasResult ?result .
  ?result rally:position ?position ; rally:forEntry/rally:driver/rdfs:label ?driver .
}"""
FINAL_QUERY = """
SELECT ?driver ?seconds ?gap ?derived WHERE {
  ?final a rally:FinalClassification ; rally:category ?category ; rally:hasResult ?result .
  ?result rally:forEntry/rally:driver/rdfs:label ?driver .
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gap }
  BIND (EXISTS { ?result rally:derivedValue rally:timeSeconds } AS ?derived)
}"""


# --- A December start -----------------------------------------------------------------------------------------


def test_december_stages_belong_to_the_year_before_the_editions_name(atlas_2006: Build, rows: Rows) -> None:
    found = {r["number"]: r["date"] for r in rows(atlas_2006.dataset, STAGE_DATES_QUERY)}
    assert found == {  # lines 27-33: 29, 30, 31 December, then 2, 3, 4 January
        1: date(2005, 12, 29),
        2: date(2005, 12, 30),
        3: date(2005, 12, 31),
        4: date(2006, 1, 2),
        5: date(2006, 1, 3),
        6: date(2006, 1, 4),
    }
    assert rows(atlas_2006.dataset, REST_DAY_QUERY) == [{"date": date(2006, 1, 1), "town": "Midelt"}]  # line 30
    assert rows(atlas_2006.dataset, EDITION_DATES_QUERY) == [{"start": date(2005, 12, 29), "end": date(2006, 1, 4)}]


def test_dates_that_go_backwards_are_reported() -> None:
    text = ATLAS_2006_DOCUMENT.read_text(encoding="utf-8").replace("| 4 | 2 January |", "| 4 | 31 December |")
    problems = load_texts([("2006_Test_Rally.txt", text)]).problems
    assert [(p.code, p.line) for p in problems if p.code == "date-order"] == [("date-order", 31)]


# --- Markers instead of names ---------------------------------------------------------------------------------


def test_liaison_only_first_stage_has_no_winners_and_no_results(atlas_2006: Build, rows: Rows) -> None:
    assert rows(atlas_2006.dataset, CLASSIFIED_QUERY, stage=stage(1)) == []  # line 27; no results table has stage 1
    found = rows(atlas_2006.dataset, NO_CONTEST_QUERY, number=1)
    assert {(r["category"], r["type"], r["marker"]) for r in found} == {
        (str(category(slug)), str(RALLY.Neutralisation), "Liaison only")  # one cell spans the four columns
        for slug in ("trucks", "quads", "cars", "motorcycles")
    }
    assert {r["reason"] for r in found} == {None}  # the marker says what, not why


@pytest.mark.parametrize("marker", ["Liaison only", "Stage cancelled", "Neutralised", "Stage neutralised", "Not held"])
def test_no_person_is_ever_minted_from_a_marker(atlas_2006: Build, rows: Rows, marker: str) -> None:
    people = {r["label"] for r in rows(atlas_2006.dataset, PEOPLE_QUERY)}
    assert marker not in people
    # the same article with the marker in the first stage's cells, one per category
    text = ATLAS_2006_DOCUMENT.read_text(encoding="utf-8").replace(
        "| 640 | Liaison only | | | |", f"| 640 | {marker} | {marker} | {marker} | {marker} |"
    )
    build = load_texts([("2006_Test_Rally.txt", text)])
    assert marker not in {r["label"] for r in rows(build.dataset, PEOPLE_QUERY)}
    assert rows(build.dataset, STAGE_WINNERS_QUERY, stage=stage(1)) == []


def test_quads_are_cancelled_on_two_stages_with_the_reasons_the_notes_give(atlas_2006: Build, rows: Rows) -> None:
    found = rows(atlas_2006.dataset, NO_CONTEST_QUERY, category=category("quads"), type=RALLY.Cancellation)
    assert {(r["number"], str(r["reason"])) for r in found} == {
        (3, "the fuel truck of the quad service crews broke down"),  # line 35
        (5, "flooding in the Ziz valley"),  # lines 36 and 103
    }
    assert all(isinstance(r["reason"], str) for r in found)
    assert {r["marker"] for r in found} == {"Stage cancelled", "Stage cancelled because of flooding in the Ziz valley"}


def test_stage_5_is_cancelled_for_two_categories(atlas_2006: Build, rows: Rows) -> None:
    found = rows(atlas_2006.dataset, NO_CONTEST_QUERY, number=5)
    assert {(r["category"], r["type"]) for r in found} == {  # line 32; the note on line 36 names "bikes and quads"
        (str(category("motorcycles")), str(RALLY.Cancellation)),
        (str(category("quads")), str(RALLY.Cancellation)),
    }
    assert {str(r["reason"]) for r in found} == {"flooding in the Ziz valley"}
    assert rows(atlas_2006.dataset, CLASSIFIED_QUERY, stage=stage(5), category=category("motorcycles")) == []


def test_a_marker_is_never_its_own_reason(atlas_2006: Build, rows: Rows) -> None:
    reasons = {str(r["reason"]) for r in rows(atlas_2006.dataset, NO_CONTEST_QUERY) if r["reason"] is not None}
    assert not reasons & {"Stage cancelled", "Liaison only", "Neutralised", "Stage neutralised"}


def test_neutralised_truck_stage_keeps_its_awarded_time_and_its_note(atlas_2006: Build, rows: Rows) -> None:
    found = rows(atlas_2006.dataset, NO_CONTEST_QUERY, number=6)
    assert {(r["category"], r["type"], r["awarded"]) for r in found} == {
        (str(category("trucks")), str(RALLY.Neutralisation), 50 * 60)  # line 37: "awarded a stage time of 50:00"
    }
    assert {str(r["reason"]) for r in found} == {"a stranded lorry blocked the pass"}
    assert {r["marker"] for r in found} == {"Neutralised", "Stage neutralised"}  # lines 33 and 143
    notes = {str(r["note"]) for r in rows(atlas_2006.dataset, NOTES_QUERY, node=stage(6))}
    assert (
        "Truck stage neutralised after a stranded lorry blocked the pass; all competitors awarded a stage time of 50:00." in notes
    )


def test_each_note_is_kept_on_the_stage_it_concerns(atlas_2006: Build, rows: Rows) -> None:
    found = rows(atlas_2006.dataset, NOTES_QUERY)
    expected = [
        (stage(3), "Stage 3 cancelled for quads only"),  # line 35
        (stage(5), "Stage 5 cancelled for bikes and quads"),  # line 36
        (stage(6), "Truck stage neutralised after"),  # line 37
        (stage(2), "Henri Delorme had a 14-minute penalty"),  # line 38
        (stage(6), "Takeshi Ono was penalised one hour"),  # line 39: the stage the prose gives his penalty (line 22)
    ]
    assert len(found) == len(expected)
    for node, start in expected:
        assert any(r["node"] == str(node) and str(r["note"]).startswith(start) for r in found), start
    assert rows(atlas_2006.dataset, "SELECT ?note WHERE { ?node rally:note ?note FILTER (LANG(?note) != 'en') }") == []


# --- Penalties in three wordings ------------------------------------------------------------------------------


def test_penalties_in_each_wording_are_one_resource_per_person_and_stage(atlas_2006: Build, rows: Rows) -> None:
    found = rows(atlas_2006.dataset, PENALTY_QUERY)
    assert {(r["person"], r["number"], r["seconds"], str(r["reason"])) for r in found} == {
        ("Pablo Ortega", 4, 3600, "missing a waypoint on stage 4"),  # line 22: "penalised 1 hour for"
        ("Henri Delorme", 2, 14 * 60, "speeding in the liaison section of stage 2"),  # line 38: "had a 14-minute penalty added"
        ("Takeshi Ono", 6, 3600, "receiving outside assistance"),  # line 22 "given a 60-minute penalty", line 39 "one hour"
    }
    assert len({r["penalty"] for r in found}) == 3


def test_a_penalty_stated_twice_is_traced_to_both_sentences(atlas_2006: Build, rows: Rows) -> None:
    [ono] = {r["penalty"] for r in rows(atlas_2006.dataset, PENALTY_QUERY, person="Takeshi Ono")}
    lines = {r["line"] for r in rows(atlas_2006.graph("metadata"), SOURCE_LINES_QUERY, node=URIRef(ono))}
    assert lines == {22, 39}
    assert not [p for p in atlas_2006.problems if p.code == "penalty-mismatch"]  # 60 minutes and one hour agree


# --- Columns in another order, crews and roles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "winners"),
    [
        (
            2,
            {
                "trucks": "Gerrit Mulder",
                "quads": "Sébastien Lacombe",
                "cars": "Jutta Kleinschmidt",
                "motorcycles": "Stefan Berger",
            },
        ),
        (4, {"trucks": "Tomáš Kubiš", "quads": "Sébastien Lacombe", "cars": "Nuno Carvalho", "motorcycles": "Dean Van Wyk"}),
        (6, {"quads": "Marcos Perez", "cars": "Takeshi Ono", "motorcycles": "Dean Van Wyk"}),
    ],
)
def test_stage_table_columns_are_read_in_their_own_order(
    atlas_2006: Build, rows: Rows, number: int, winners: dict[str, str]
) -> None:
    # the stage table's columns are Trucks | Quads | Cars | Bikes (line 26); the sections below are
    # Motorcycles, Quads, Cars, Trucks
    found = {r["category"]: r["winner"] for r in rows(atlas_2006.dataset, STAGE_WINNERS_QUERY, stage=stage(number))}
    assert found == {str(category(slug)): name for slug, name in winners.items()}
    assert [p for p in atlas_2006.problems if p.code == "winner-mismatch"] == []


DRIVER, CO_DRIVER, FURTHER = RALLY.DriverRole, RALLY.CoDriverRole, RALLY.FurtherCrewRole


@pytest.mark.parametrize(
    ("slug", "driver", "crew"),
    [
        ("motorcycles", "Pablo Ortega", [("Pablo Ortega", DRIVER)]),
        ("cars", "Nuno Carvalho", [("Nuno Carvalho", DRIVER), ("Rui Tavares", CO_DRIVER)]),  # "Navigator", line 163
        ("trucks", "Gerrit Mulder", [("Gerrit Mulder", DRIVER), ("Hans Visser", CO_DRIVER)]),
        # "Driver | Co-Driver | Mechanics" (line 170); two mechanics on line 172
        ("trucks", "Ilya Sokolov", [("Ilya Sokolov", DRIVER), ("Dmitri Orlov", CO_DRIVER), ("Pavel Gusev", FURTHER)]),
        (
            "trucks",
            "Tomáš Kubiš",
            [("Tomáš Kubiš", DRIVER), ("Jiří Veselý", CO_DRIVER), ("Peter Horák", FURTHER), ("Martin Král", FURTHER)],
        ),
    ],
)
def test_crews_of_one_to_four_have_the_roles_their_header_gives(
    atlas_2006: Build, rows: Rows, slug: str, driver: str, crew: list[tuple[str, URIRef]]
) -> None:
    found = rows(atlas_2006.dataset, CREW_QUERY, edition=URIRef(E), category=category(slug), driver=Literal(driver))
    assert sorted((r["position"], r["name"], r["role"]) for r in found) == [
        (position, name, str(role)) for position, (name, role) in enumerate(crew, 1)
    ]


# --- Nothing lost without a word ------------------------------------------------------------------------------


def test_every_table_row_is_loaded_or_reported(atlas_2006: Build) -> None:
    coverage = atlas_2006.coverage[PATH]
    # 9 rows of the stage table, 15 + 13 + 18 + 15 of the results tables, 6 + 5 + 5 + 4 of the standings
    assert (coverage.rows, coverage.loaded, coverage.reported) == (90, 88, (86, 160))


def test_a_results_row_without_its_general_classification_half_is_reported(atlas_2006: Build, rows: Rows) -> None:
    [problem] = [p for p in atlas_2006.problems if p.line == 86]
    assert problem.code == "missing-general" and "Pablo Ortega" in problem.message
    general = rows(atlas_2006.dataset, GENERAL_QUERY, stage=stage(4), category=category("motorcycles"))
    assert sorted((r["position"], r["driver"]) for r in general) == [(1, "Pablo Ortega"), (3, "Stefan Berger")]


def test_a_standings_row_with_fewer_cells_than_its_header_is_reported_and_loaded(atlas_2006: Build, rows: Rows) -> None:
    [problem] = [p for p in atlas_2006.problems if p.line == 160]
    assert problem.code == "short-row" and "no Team, no Total" in problem.message
    found = {r["driver"]: r for r in rows(atlas_2006.dataset, FINAL_QUERY, category=category("quads"))}
    assert set(found) == {"Sébastien Lacombe", "Rafal Nowak", "Ignacio Fuentez", "Marcos Perez"}
    assert (found["Marcos Perez"]["seconds"], found["Marcos Perez"]["gap"]) == (None, None)


def test_the_one_wrong_cell_behind_four_mismatches_is_named_as_their_likely_cause(atlas_2006: Build) -> None:
    [cause] = [p for p in atlas_2006.problems if p.code == "likely-cause"]
    # line 115 prints Carvalho's total after stage 3 as 5:49:55; 2:42:43 + 3:06:47 = 5:49:30, which the gaps of
    # lines 116-117 and the total 9:21:30 - 3:32:00 of line 118 all imply
    assert cause.line == 115
    assert "5:49:30" in cause.message and "lines 115, 116, 117, 118" in cause.message


def test_exactly_the_deliberate_flaws_are_reported(atlas_2006: Build) -> None:
    assert sorted((p.line, p.code) for p in atlas_2006.problems) == [
        (86, "missing-general"),
        (115, "general-time-mismatch"),
        (115, "likely-cause"),
        (116, "gap-mismatch"),
        (117, "gap-mismatch"),
        (118, "general-time-mismatch"),
        (160, "short-row"),
    ]


# --- Derived totals -------------------------------------------------------------------------------------------


def test_final_totals_printed_as_gaps_are_derived_with_the_awarded_time(atlas_2006: Build, rows: Rows) -> None:
    found = {
        r["driver"]: (r["seconds"], r["derived"]) for r in rows(atlas_2006.dataset, FINAL_QUERY, category=category("trucks"))
    }
    assert found == {  # lines 171-173: 13:22:56, +31:38, +34:02 (the GC after stage 5 plus the 50:00 awarded)
        "Gerrit Mulder": (hms(13, 22, 56), False),
        "Tomáš Kubiš": (hms(13, 54, 34), True),
        "Ilya Sokolov": (hms(13, 56, 58), True),
    }
