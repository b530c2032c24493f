"""The bundled article's stage winners, stage results and general classifications."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef

from tests.loader.dakar_2001.expected import (
    EDITION,
    GC_LEADER_CASES,
    GC_RESULTS,
    RALLY,
    STAGE_RESULTS,
    STAGE_WINNER_CASES,
    Line,
    Person,
    category,
    hms,
)
from tests.loader.dakar_2001.queries import RESULTS_QUERY, STAGE_WINNERS_QUERY, TIME_DATATYPES_QUERY

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Stage winners, results, general classification ------------------------------------------


@pytest.mark.parametrize(("number", "slug", "winners"), STAGE_WINNER_CASES)
def test_stage_winners_are_those_of_the_stage_table(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, winners: list[str]
) -> None:
    found = rows(dakar.dataset, STAGE_WINNERS_QUERY, edition=EDITION, number=number, category=category(slug))
    assert {r["winner"] for r in found} == {str(person(name)) for name in winners}


@pytest.mark.parametrize(("number", "slug", "winners"), STAGE_WINNER_CASES)
def test_stage_winners_are_first_in_the_stage_results(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, winners: list[str]
) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=number,
        category=category(slug),
        position=1,
    )
    assert {r["driver"] for r in found} == {str(person(name)) for name in winners}


@pytest.mark.parametrize(
    ("number", "slug", "winners", "seconds"),
    [
        (1, "motorcycles", ["Giovanni Sala", "Nani Roma"], hms(0, 3, 37)),
        (20, "motorcycles", ["Kari Tiainen", "Giovanni Sala"], hms(0, 15, 48)),
        (20, "cars", ["Jean-Louis Schlesser", "Jose Maria Servia"], hms(0, 18, 42)),
    ],
)
def test_tied_stage_winners_are_both_recorded(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, winners: list[str], seconds: int
) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=number,
        category=category(slug),
        position=1,
    )
    assert {r["driver"] for r in found} == {str(person(name)) for name in winners}
    assert all(r["tied"] is True for r in found)
    assert {r["time"] for r in found} - {None} == {seconds}


def check_lines(found: list[dict[str, object]], expected: list[Line], person: Person) -> None:
    """Assert that each expected line is a result of `found` as printed."""
    by_driver = {r["driver"]: r for r in found}
    assert len(by_driver) == len(found), "one result per entry"
    for position, name, time, gap, tied in expected:
        result = by_driver[str(person(name))]
        assert result["position"] == position, name
        if time is not None:
            assert result["time"] == time, name
        if gap is not None:
            assert result["gap"] == gap, name
        assert (result["tied"] is True) == tied, name


@pytest.mark.parametrize(
    ("key", "expected"), [pytest.param(key, lines, id=f"stage{key[0]}-{key[1]}") for key, lines in STAGE_RESULTS.items()]
)
def test_stage_result_lines_keep_positions_times_gaps_and_ties(
    dakar: Build, rows: Rows, person: Person, key: tuple[int, str], expected: list[Line]
) -> None:
    number, slug = key
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=number,
        category=category(slug),
    )
    check_lines(found, expected, person)


@pytest.mark.parametrize(
    ("key", "expected"), [pytest.param(key, lines, id=f"after{key[0]}-{key[1]}") for key, lines in GC_RESULTS.items()]
)
def test_general_classification_top_three_as_printed(
    dakar: Build, rows: Rows, person: Person, key: tuple[int, str], expected: list[Line]
) -> None:
    number, slug = key
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.GeneralClassification,
        link=RALLY.afterStage,
        edition=EDITION,
        number=number,
        category=category(slug),
    )
    check_lines(found, expected, person)
    assert {r["classification"] for r in found} == {f"{EDITION}/stage/{number}/{slug}/general"}


@pytest.mark.parametrize(("number", "slug", "leaders"), GC_LEADER_CASES)
def test_general_classification_leader_after_each_stage(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, leaders: list[str]
) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.GeneralClassification,
        link=RALLY.afterStage,
        edition=EDITION,
        number=number,
        category=category(slug),
        position=1,
    )
    assert {r["driver"] for r in found} == {str(person(name)) for name in leaders}


def test_times_and_gaps_are_xsd_durations(dakar: Build, rows: Rows) -> None:
    result = URIRef(f"{EDITION}/stage/10/trucks/result/gilbert-versino")
    found = rows(dakar.dataset, TIME_DATATYPES_QUERY, result=result)
    xsd_duration = "http://www.w3.org/2001/XMLSchema#duration"
    assert [(r["timeType"], r["gapType"]) for r in found] == [(xsd_duration, xsd_duration)]
