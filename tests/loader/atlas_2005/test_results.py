"""The 2005 Atlas Rally's results, ties and times, stage winners, the cancellation."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from tests.loader.atlas_2005.expected import ATLAS, BASE, RALLY, category, hms, ms, results
from tests.loader.atlas_2005.queries import (
    CANCELLATIONS_QUERY,
    CLASSIFICATIONS_OF_STAGE_QUERY,
    RESULT_DURATIONS_QUERY,
    STAGE_WINNERS_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Results, ties, times --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "number", "slug", "expected"),
    [
        pytest.param(
            "general", 4, "quads",
            [("Ignacio Fuentes", 2, True, hms(13, 46, 7), ms(3, 14)),
             ("Marcos Pérez", 1, False, hms(13, 42, 53), None),
             ("Rafał Nowak", 2, True, hms(13, 46, 7), ms(3, 14))],
            id="general-4-quads-tie-for-2nd-line-134",
        ),
        pytest.param(
            "stage", 4, "quads",
            [("Ignacio Fuentes", 1, False, hms(4, 40, 10), None),
             ("Marcos Pérez", 3, False, hms(4, 48, 6), ms(7, 56)),
             ("Rafał Nowak", 2, False, hms(4, 40, 31), ms(0, 21))],
            id="stage-4-quads-row-of-the-general-tie",
        ),
        pytest.param(
            "stage", 5, "motorcycles",
            [("Dean van Wyk", 1, True, hms(4, 20, 15), None),
             ("Luc Marchand", 1, True, hms(4, 20, 15), None),
             ("Stefan Berger", 3, False, hms(4, 22, 8), ms(1, 53))],
            id="stage-5-motorcycles-tie-for-1st-line-112",
        ),
        pytest.param(
            "general", 5, "motorcycles",
            [("Dean van Wyk", 1, False, hms(15, 52, 28), None),
             ("Luc Marchand", 2, False, hms(15, 52, 48), ms(0, 20)),
             ("Pablo Ortega", 3, False, hms(16, 2, 38), ms(10, 10))],
            id="general-5-motorcycles-beside-the-stage-tie",
        ),
        pytest.param(
            "stage", 1, "cars",
            [("Jutta Kleinschmidt", 3, False, ms(9, 31), ms(0, 19)),
             ("Nuno Carvalho", 1, False, ms(9, 12), None),
             ("Takeshi Ono", 2, False, ms(9, 25), ms(0, 13))],
            id="stage-1-cars-mm-ss",
        ),
        pytest.param(
            "stage", 3, "cars",
            [("Henri Delorme", 1, False, hms(4, 6, 42), None),
             ("Jutta Kleinschmidt", 3, False, hms(4, 12, 33), ms(5, 15)),  # misprinted gap kept as printed
             ("Nuno Carvalho", 2, False, hms(4, 10, 57), ms(4, 15))],
            id="stage-3-cars-misprinted-gap-line-85",
        ),
        pytest.param(
            "general", 2, "trucks",
            [("Gerrit Mulder", 3, False, hms(4, 11, 49), ms(37, 53)),
             ("Ilya Sokolov", 1, False, hms(3, 33, 56), None),
             ("Tomáš Kubiš", 2, False, hms(3, 37, 25), ms(3, 29))],
            id="general-2-trucks",
        ),
        pytest.param(
            "general", 4, "trucks",
            [("Gerrit Mulder", 3, False, hms(9, 14, 30), hms(1, 25, 2)),
             ("Ilya Sokolov", 1, False, hms(7, 49, 28), None),
             ("Tomáš Kubiš", 2, False, hms(7, 56, 32), ms(7, 4))],
            id="general-4-trucks-after-the-cancelled-stage-gap-over-an-hour",
        ),
        pytest.param(
            "general", 6, "trucks",
            [("Gerrit Mulder", 3, False, hms(19, 24, 55), hms(2, 43, 14)),
             ("Ilya Sokolov", 1, False, hms(16, 41, 41), None),
             ("Tomáš Kubiš", 2, False, hms(16, 53, 47), ms(12, 6))],
            id="general-6-trucks",
        ),
        pytest.param(
            "general", 6, "quads",
            [("Marcos Pérez", 1, False, hms(23, 34, 6), None),
             ("Rafał Nowak", 2, False, hms(24, 1, 28), ms(27, 22)),
             ("Sébastien Lacombe", 3, False, hms(24, 15, 6), ms(41, 0))],
            id="general-6-quads",
        ),
    ],
)  # fmt: skip
def test_classification_has_the_printed_positions_ties_times_and_gaps(
    atlas: Build,
    rows: Rows,
    kind: str,
    number: int,
    slug: str,
    expected: list[tuple[str, int, bool, int | None, int | None]],
) -> None:
    assert results(atlas, rows, kind, number, slug) == sorted(expected)


@pytest.mark.parametrize(
    ("kind", "number", "slug", "driver", "time", "gap"),
    [
        ("StageClassification", 1, "trucks", "Tomáš Kubiš", timedelta(minutes=12, seconds=37), None),
        ("StageClassification", 1, "motorcycles", "Stefan Berger", timedelta(minutes=10, seconds=2), timedelta(seconds=15)),
        ("StageClassification", 2, "quads", "Marcos Pérez", timedelta(hours=3, minutes=30, seconds=17), None),
        ("GeneralClassification", 4, "trucks", "Gerrit Mulder", timedelta(hours=9, minutes=14, seconds=30),
         timedelta(hours=1, minutes=25, seconds=2)),
    ],
)  # fmt: skip
def test_times_and_gaps_are_xsd_durations(
    atlas: Build, rows: Rows, kind: str, number: int, slug: str, driver: str, time: timedelta, gap: timedelta | None
) -> None:
    found = rows(
        atlas.dataset,
        RESULT_DURATIONS_QUERY,
        edition=ATLAS,
        number=number,
        category=category(slug),
        driver=driver,
        kind=RALLY[kind],
    )
    assert [(r["time"], r["gap"]) for r in found] == [(time, gap)]


# --- Stage winners ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "slug", "winners"),
    [
        (1, "cars", {"Nuno Carvalho"}),
        (1, "motorcycles", {"Pablo Ortega"}),
        (1, "quads", {"Rafał Nowak"}),
        (1, "trucks", {"Tomáš Kubiš"}),  # the trucks column gives full names
        (2, "cars", {"Jutta Kleinschmidt"}),
        (2, "trucks", {"Ilya Sokolov"}),
        (3, "cars", {"Henri Delorme"}),
        (3, "motorcycles", {"Kalle Tiainen"}),  # "FIN K. Tiainen"
        (3, "quads", {"Marcos Pérez"}),
        (3, "trucks", set()),  # cancelled
        (4, "motorcycles", {"Dean van Wyk"}),  # "RSA D. van Wyk"
        (4, "quads", {"Ignacio Fuentes"}),
        (5, "cars", {"Takeshi Ono"}),
        (5, "motorcycles", {"Luc Marchand", "Dean van Wyk"}),  # tie
        (5, "trucks", {"Tomáš Kubiš"}),
        (6, "quads", {"Marcos Pérez"}),
    ],
)
def test_stage_winners_are_those_of_the_stage_table(atlas: Build, rows: Rows, number: int, slug: str, winners: set[str]) -> None:
    found = rows(atlas.dataset, STAGE_WINNERS_QUERY, edition=ATLAS, number=number, category=category(slug))
    assert {str(r["winner"]) for r in found} == winners


@pytest.mark.parametrize("slug", ["cars", "motorcycles", "quads", "trucks"])
@pytest.mark.parametrize("number", [1, 2, 4, 5, 6])
def test_stage_winners_are_first_in_the_stage_results(atlas: Build, rows: Rows, number: int, slug: str) -> None:
    winners = {
        str(r["winner"]) for r in rows(atlas.dataset, STAGE_WINNERS_QUERY, edition=ATLAS, number=number, category=category(slug))
    }
    first = {driver for driver, position, *_ in results(atlas, rows, "stage", number, slug) if position == 1}
    assert winners == first != set()


# --- The cancellation ------------------------------------------------------------------------


def test_stage_3_is_cancelled_for_trucks_only_because_of_a_sandstorm(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, CANCELLATIONS_QUERY, edition=ATLAS)
    assert {(r["number"], r["category"]) for r in found} == {(3, str(category("trucks")))}
    assert {r["cancellation"] for r in found} == {BASE + "edition/2005-atlas-rally/stage/3/trucks/cancellation"}
    reasons = [str(r["reason"]) for r in found if r["reason"] is not None]
    assert reasons and all("sandstorm" in reason for reason in reasons), reasons


def test_cancelled_stage_has_no_truck_results_and_no_truck_general_classification(atlas: Build, rows: Rows) -> None:
    assert rows(atlas.dataset, CLASSIFICATIONS_OF_STAGE_QUERY, edition=ATLAS, number=3, category=category("trucks")) == []


@pytest.mark.parametrize("slug", ["cars", "motorcycles", "quads"])
def test_cancelled_stage_still_classifies_the_other_categories(atlas: Build, rows: Rows, slug: str) -> None:
    found = rows(atlas.dataset, CLASSIFICATIONS_OF_STAGE_QUERY, edition=ATLAS, number=3, category=category(slug))
    assert len({r["classification"] for r in found}) == 2  # the stage result and the general classification
