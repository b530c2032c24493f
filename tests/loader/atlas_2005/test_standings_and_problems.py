"""The 2005 Atlas Rally's final standings, its two deliberate flaws as source problems, its IRIs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import RDF, URIRef

from tests.loader.atlas_2005.expected import ATLAS, ATLAS_FILE, BASE, RALLY, category, hms, ms, results
from tests.loader.atlas_2005.queries import FINAL_STANDINGS_QUERY, SOURCE_PROBLEMS_QUERY

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Final standings -------------------------------------------------------------------------

FINAL_STANDINGS = {
    # position, driver, race number, time, gap (final standings, lines 164-190)
    "cars": [
        (1, "Jutta Kleinschmidt", 200, hms(18, 26, 21), None),
        (2, "Henri Delorme", 205, None, ms(9, 10)),
        (3, "Nuno Carvalho", 202, None, ms(13, 35)),
        (4, "Takeshi Ono", 207, None, ms(23, 48)),
    ],
    "motorcycles": [
        (1, "Luc Marchand", 1, hms(19, 58, 27), None),
        (2, "Dean van Wyk", 7, None, ms(3, 18)),
        (3, "Pablo Ortega", 4, None, ms(8, 3)),
        (4, "Kalle Tiainen", 9, None, ms(13, 36)),
        (5, "Stefan Berger", 11, None, ms(25, 4)),
    ],
    "quads": [  # the time column is headed "Total"
        (1, "Marcos Pérez", 150, hms(23, 34, 6), None),
        (2, "Rafał Nowak", 152, None, ms(27, 22)),
        (3, "Sébastien Lacombe", 158, None, ms(41, 0)),
        (4, "Ignacio Fuentes", 155, None, ms(54, 23)),
    ],
    "trucks": [
        (1, "Ilya Sokolov", 500, hms(16, 41, 41), None),
        (2, "Tomáš Kubiš", 502, None, ms(12, 6)),
        (3, "Gerrit Mulder", 505, None, hms(2, 43, 14)),
    ],
}


@pytest.mark.parametrize("slug", sorted(FINAL_STANDINGS))
def test_final_standings_have_positions_numbers_times_and_gaps_as_printed(atlas: Build, rows: Rows, slug: str) -> None:
    expected = FINAL_STANDINGS[slug]
    leader = expected[0][3]
    assert leader is not None
    found = rows(atlas.dataset, FINAL_STANDINGS_QUERY, edition=ATLAS, category=category(slug))
    assert len({r["result"] for r in found}) == len(expected), found
    by_driver: dict[str, dict[str, Any]] = {str(r["driver"]): r for r in found}
    for position, driver, number, time, gap in expected:
        row = by_driver[driver]
        assert (row["position"], row["number"], row["gapSeconds"]) == (position, number, gap), driver
        if time is not None:
            assert row["seconds"] == time, driver
        else:  # the source prints a gap only: the total is the leader's time plus the gap, marked as derived
            assert row["seconds"] == leader + (gap or 0), driver


def test_final_standings_agree_with_the_general_classification_after_stage_6(atlas: Build, rows: Rows) -> None:
    for slug, expected in FINAL_STANDINGS.items():
        general = results(atlas, rows, "general", 6, slug)
        top = sorted((driver, position) for position, driver, *_ in expected if position <= 3)
        assert sorted((driver, position) for driver, position, *_ in general) == top, slug


# --- Source problems -------------------------------------------------------------------------


def test_only_the_two_deliberate_source_problems_are_reported(atlas: Build) -> None:
    found = sorted((p.code, p.line) for p in atlas.problems)
    assert [code for code, _ in found] == ["gap-mismatch", "race-number-conflict"], [str(p) for p in atlas.problems]
    assert all(Path(p.path).name == ATLAS_FILE for p in atlas.problems)


def test_race_number_7_given_to_two_riders_is_reported_at_one_of_its_lines(atlas: Build) -> None:
    (problem,) = [p for p in atlas.problems if p.code == "race-number-conflict"]
    assert problem.line in (42, 44)
    assert re.search(r"\b7\b", problem.message), problem.message
    assert "van Wyk" in problem.message and "Bakker" in problem.message


def test_misprinted_gap_is_reported_at_its_line(atlas: Build) -> None:
    (problem,) = [p for p in atlas.problems if p.code == "gap-mismatch"]
    assert problem.line == 85
    assert "5:15" in problem.message and "5:51" in problem.message


def test_source_problems_are_in_the_metadata_graph_with_their_lines(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.graph("metadata"), SOURCE_PROBLEMS_QUERY)
    assert len({r["problem"] for r in found}) == 2
    assert all(str(r["problem"]).startswith(BASE + "problem/2005-atlas-rally/") for r in found)
    lines = {str(r["code"]): r["line"] for r in found}
    assert lines["gap-mismatch"] == 85
    assert lines["race-number-conflict"] in (42, 44)


# --- IRIs of the data model ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "cls"),
    [
        ("edition/2005-atlas-rally", RALLY.Edition),
        ("series/atlas-rally", RALLY.RallySeries),
        ("edition/2005-atlas-rally/stage/4", RALLY.LoopStage),
        ("edition/2005-atlas-rally/rest-day/2005-01-02", RALLY.RestDay),
        ("category/quads", RALLY.Category),
        ("edition/2005-atlas-rally/entry/quads/marcos-perez", RALLY.Entry),
        ("edition/2005-atlas-rally/entry/trucks/ilya-sokolov/vehicle", RALLY.Vehicle),
        ("edition/2005-atlas-rally/entry/trucks/ilya-sokolov/crew/4", RALLY.CrewListing),
        ("edition/2005-atlas-rally/stage/5/motorcycles", RALLY.StageClassification),
        ("edition/2005-atlas-rally/stage/4/quads/general", RALLY.GeneralClassification),
        ("edition/2005-atlas-rally/stage/4/quads/general/result/ignacio-fuentes", RALLY.Result),
        ("edition/2005-atlas-rally/final/trucks", RALLY.FinalClassification),
        ("edition/2005-atlas-rally/stage/3/trucks/cancellation", RALLY.Cancellation),
        ("edition/2005-atlas-rally/route/3", RALLY.RouteVisit),
        ("person/dean-van-wyk", RALLY.Person),
        ("person/sebastien-lacombe", RALLY.Person),
        ("manufacturer/bombardier", RALLY.Manufacturer),
        ("entrant/pampa-racing", RALLY.Entrant),
        ("place/portimao", RALLY.Place),
        ("place/el-oued", RALLY.Place),
        ("country/DZA", RALLY.Country),
    ],
)
def test_resource_has_the_iri_of_the_data_model(atlas: Build, path: str, cls: URIRef) -> None:
    assert (URIRef(BASE + path), RDF.type, cls) in atlas.graph("asserted")
