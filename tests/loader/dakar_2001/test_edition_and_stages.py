"""The bundled article's edition, series, stages, rest day, cancellation and loops."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from tests.loader.dakar_2001.expected import BASE, EDITION, LOOP_STAGES, RALLY, SERIES, STAGES, TOTAL_KM, category
from tests.loader.dakar_2001.queries import (
    ALT_LABELS_QUERY,
    CANCELLATION_QUERY,
    EDITION_QUERY,
    LOOP_STAGES_QUERY,
    NEIGHBOUR_EDITIONS_QUERY,
    PREVIOUS_STAGE_QUERY,
    REST_DAY_AS_STAGE_QUERY,
    REST_DAY_QUERY,
    RESULTS_QUERY,
    SAME_START_AND_FINISH_QUERY,
    STAGE_QUERY,
    STAGE_WINNERS_QUERY,
    STAGES_QUERY,
    TOTAL_DISTANCE_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Edition and series ----------------------------------------------------------------------


def test_edition_is_the_2001_dakar_rally_of_the_dakar_rally_series(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, EDITION_QUERY, edition=EDITION)
    assert len(found) == 1
    edition = found[0]
    assert str(edition["label"]) == "2001 Dakar Rally"
    assert edition["series"] == str(SERIES)
    assert str(edition["seriesLabel"]) == "Dakar Rally"
    assert edition["year"] == 2001
    assert edition["number"] == 23  # "the 23rd running" (line 17)


def test_edition_runs_from_new_years_day_to_21_january(dakar: Build, rows: Rows) -> None:
    (edition,) = rows(dakar.dataset, EDITION_QUERY, edition=EDITION)
    assert (edition["start"], edition["end"]) == (date(2001, 1, 1), date(2001, 1, 21))


def test_edition_keeps_stated_length_as_worded_and_in_km(dakar: Build, rows: Rows) -> None:
    (edition,) = rows(dakar.dataset, EDITION_QUERY, edition=EDITION)
    assert str(edition["statedLength"]) == "6600 miles"
    assert float(edition["statedKm"]) == pytest.approx(6600 * 1.609344, abs=0.01)  # 10621.67 km


def test_edition_keeps_the_paris_dakar_title_as_alternative_label(dakar: Build, rows: Rows) -> None:
    alternatives = {str(row["alt"]) for row in rows(dakar.dataset, ALT_LABELS_QUERY, resource=EDITION)}
    assert "2001 Paris–Dakar Rally" in alternatives


def test_previous_and_next_editions_are_2000_and_2002(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, NEIGHBOUR_EDITIONS_QUERY, edition=EDITION)
    assert [(r["previous"], str(r["previousLabel"]), r["next"], str(r["nextLabel"])) for r in found] == [
        (BASE + "edition/2000-dakar-rally", "2000 Dakar Rally", BASE + "edition/2002-dakar-rally", "2002 Dakar Rally")
    ]


# --- Stages, rest day, cancellation, loops ---------------------------------------------------


def test_edition_has_twenty_stages_numbered_one_to_twenty(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, STAGES_QUERY, edition=EDITION)
    assert sorted(row["number"] for row in found) == list(range(1, 21))
    assert {row["stage"] for row in found} == {f"{EDITION}/stage/{n}" for n in range(1, 21)}


@pytest.mark.parametrize(("number", "day", "start", "finish", "km"), STAGES)
def test_stage_has_date_towns_and_distance_of_the_stage_table(
    dakar: Build, rows: Rows, number: int, day: date, start: str, finish: str, km: int
) -> None:
    found = rows(dakar.dataset, STAGE_QUERY, edition=EDITION, number=number)
    assert [(r["date"], str(r["start"]), str(r["finish"]), r["km"]) for r in found] == [(day, start, finish, km)]


def test_stage_distances_add_up_to_10739_km(dakar: Build, rows: Rows) -> None:
    (found,) = rows(dakar.dataset, TOTAL_DISTANCE_QUERY, edition=EDITION)
    assert (found["stages"], found["total"]) == (20, TOTAL_KM)


def test_stages_are_chained_by_previous_stage(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, PREVIOUS_STAGE_QUERY, edition=EDITION)
    assert sorted((r["number"], r["previousNumber"]) for r in found) == [(1, None)] + [(n, n - 1) for n in range(2, 21)]


def test_rest_day_is_11_january_at_atar(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, REST_DAY_QUERY, edition=EDITION)
    assert [(r["day"], r["date"], str(r["place"])) for r in found] == [
        (f"{EDITION}/rest-day/2001-01-11", date(2001, 1, 11), "Atar")
    ]


def test_rest_day_is_not_a_stage(dakar: Build, rows: Rows) -> None:
    assert rows(dakar.dataset, REST_DAY_AS_STAGE_QUERY) == []


def test_stage_3_is_cancelled_for_motorcycles_only(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, CANCELLATION_QUERY, edition=EDITION)
    assert {(r["cancellation"], r["number"], r["category"]) for r in found} == {
        (f"{EDITION}/stage/3/motorcycles/cancellation", 3, str(category("motorcycles")))
    }


def test_cancellation_reason_mentions_sanctioning_fees(dakar: Build, rows: Rows) -> None:
    reasons = [str(r["reason"]) for r in rows(dakar.dataset, CANCELLATION_QUERY, edition=EDITION) if r["reason"]]
    assert reasons
    assert all("sanctioning fee" in reason.lower() for reason in reasons)


def test_cancelled_stage_has_no_motorcycle_winner_or_results(dakar: Build, rows: Rows) -> None:
    motorcycles = category("motorcycles")
    assert rows(dakar.dataset, STAGE_WINNERS_QUERY, edition=EDITION, number=3, category=motorcycles) == []
    stage_results = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=3,
        category=motorcycles,
    )
    assert stage_results == []


def test_motorcycles_have_no_general_classification_after_cancelled_stage(dakar: Build, rows: Rows) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.GeneralClassification,
        link=RALLY.afterStage,
        edition=EDITION,
        number=3,
        category=category("motorcycles"),
    )
    assert found == []


@pytest.mark.parametrize("slug", ["cars", "trucks"])
def test_cancelled_stage_still_classifies_other_categories(dakar: Build, rows: Rows, slug: str) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=3,
        category=category(slug),
    )
    assert sorted({r["position"] for r in found}) == [1, 2, 3]


def test_loop_stages_are_9_13_and_20(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, LOOP_STAGES_QUERY, edition=EDITION)
    assert sorted(r["number"] for r in found) == sorted(LOOP_STAGES)


@pytest.mark.parametrize(("number", "town"), sorted(LOOP_STAGES.items()))
def test_loop_stage_starts_and_finishes_in_same_town(dakar: Build, rows: Rows, number: int, town: str) -> None:
    found = rows(dakar.dataset, STAGE_QUERY, edition=EDITION, number=number)
    assert [(str(r["start"]), str(r["finish"])) for r in found] == [(town, town)]


def test_only_loop_stages_start_and_finish_in_same_place(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, SAME_START_AND_FINISH_QUERY, edition=EDITION)
    assert sorted(r["number"] for r in found) == sorted(LOOP_STAGES)
