"""The 2005 Atlas Rally's edition, four categories, stages, rest day and loop stage."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from tests.loader.atlas_2005.expected import ATLAS, BASE, category
from tests.loader.atlas_2005.queries import (
    ALT_LABEL_QUERY,
    CATEGORY_LABELS_QUERY,
    EDITION_QUERY,
    ENTRY_CATEGORIES_QUERY,
    LOOP_STAGES_QUERY,
    NEIGHBOURS_QUERY,
    PREVIOUS_STAGE_QUERY,
    REST_DAY_AS_STAGE_QUERY,
    REST_DAYS_QUERY,
    SAME_START_AND_FINISH_QUERY,
    STAGES_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- The edition -----------------------------------------------------------------------------


def test_edition_is_the_3rd_running_of_the_atlas_rally_series(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, EDITION_QUERY, edition=ATLAS)
    assert len(found) == 1, found
    edition = found[0]
    assert str(edition["label"]) == "2005 Atlas Rally"
    assert str(edition["seriesLabel"]) == "Atlas Rally"
    assert edition["year"] == 2005
    assert edition["number"] == 3


def test_edition_keeps_stated_length_in_kilometres_as_worded(atlas: Build, rows: Rows) -> None:
    (edition,) = rows(atlas.dataset, EDITION_QUERY, edition=ATLAS)
    assert str(edition["statedLength"]) == "2,214 kilometres"
    assert edition["statedKm"] == 2214


def test_edition_starts_in_december_of_the_year_before_its_name(atlas: Build, rows: Rows) -> None:
    (edition,) = rows(atlas.dataset, EDITION_QUERY, edition=ATLAS)
    assert edition["start"] == date(2004, 12, 30)
    assert edition["end"] == date(2005, 1, 5)


def test_edition_keeps_the_title_line_as_alternative_label(atlas: Build, rows: Rows) -> None:
    alternatives = {str(r["alt"]) for r in rows(atlas.dataset, ALT_LABEL_QUERY, edition=ATLAS)}
    assert "2005 Lisbon–Atlas Rally" in alternatives


def test_previous_and_next_editions_are_2004_and_2006(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, NEIGHBOURS_QUERY, edition=ATLAS)
    assert [(str(r["previousLabel"]), str(r["nextLabel"])) for r in found] == [("2004 Atlas Rally", "2006 Atlas Rally")]


# --- Categories ------------------------------------------------------------------------------


def test_edition_has_four_categories_including_quads(atlas: Build, rows: Rows) -> None:
    found = {r["category"] for r in rows(atlas.dataset, ENTRY_CATEGORIES_QUERY, edition=ATLAS)}
    assert found == {str(category(slug)) for slug in ("cars", "motorcycles", "quads", "trucks")}


def test_quads_category_is_labelled_quads(atlas: Build, rows: Rows) -> None:
    labels = {str(r["label"]) for r in rows(atlas.dataset, CATEGORY_LABELS_QUERY, category=category("quads"))}
    assert labels == {"Quads"}


def test_bikes_column_is_the_motorcycles_category(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, CATEGORY_LABELS_QUERY, category=category("motorcycles"))
    assert {str(r["label"]) for r in found} == {"Motorcycles"}
    assert "Bikes" in {str(r["alt"]) for r in found if r["alt"] is not None}


# --- Stages, the rest day, the loop stage ----------------------------------------------------

STAGES = [
    # number, date, from, to, km (stage table, lines 27-33)
    (1, date(2004, 12, 30), "Lisbon", "Portimão", 312),
    (2, date(2004, 12, 31), "Tunis", "Kairouan", 268),
    (3, date(2005, 1, 1), "Kairouan", "Tozeur", 455),
    (4, date(2005, 1, 3), "Tozeur", "Tozeur", 386),
    (5, date(2005, 1, 4), "Tozeur", "El Oued", 402),
    (6, date(2005, 1, 5), "El Oued", "Ghadames", 391),
]


def test_edition_has_six_stages_numbered_one_to_six(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, STAGES_QUERY, edition=ATLAS)
    assert sorted(r["number"] for r in found) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(("number", "day", "start", "finish", "km"), STAGES)
def test_stage_has_date_towns_and_distance_of_the_stage_table(
    atlas: Build, rows: Rows, number: int, day: date, start: str, finish: str, km: int
) -> None:
    found = rows(atlas.dataset, STAGES_QUERY, edition=ATLAS, number=number)
    assert [(r["date"], str(r["start"]), str(r["finish"]), r["km"]) for r in found] == [(day, start, finish, km)]


@pytest.mark.parametrize(("number", "year"), [(1, 2004), (2, 2004), (3, 2005), (4, 2005), (5, 2005), (6, 2005)])
def test_december_dates_belong_to_the_year_before_the_editions_year(atlas: Build, rows: Rows, number: int, year: int) -> None:
    (stage,) = rows(atlas.dataset, STAGES_QUERY, edition=ATLAS, number=number)
    assert stage["date"].year == year


def test_stage_distances_add_up_to_the_stated_2214_km(atlas: Build, rows: Rows) -> None:
    found = {r["number"]: r["km"] for r in rows(atlas.dataset, STAGES_QUERY, edition=ATLAS)}
    assert sum(found.values()) == 2214


def test_stages_are_chained_across_the_rest_day(atlas: Build, rows: Rows) -> None:
    found = {(r["number"], r["previousNumber"]) for r in rows(atlas.dataset, PREVIOUS_STAGE_QUERY, edition=ATLAS)}
    assert found == {(1, None), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5)}


def test_rest_day_is_2_january_at_tozeur(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, REST_DAYS_QUERY, edition=ATLAS)
    assert [(r["day"], r["date"], str(r["place"])) for r in found] == [
        (BASE + "edition/2005-atlas-rally/rest-day/2005-01-02", date(2005, 1, 2), "Tozeur")
    ]


def test_rest_day_is_not_a_stage(atlas: Build, rows: Rows) -> None:
    assert rows(atlas.dataset, REST_DAY_AS_STAGE_QUERY, edition=ATLAS) == []


def test_only_stage_4_is_a_loop_stage(atlas: Build, rows: Rows) -> None:
    assert [r["number"] for r in rows(atlas.dataset, LOOP_STAGES_QUERY, edition=ATLAS)] == [4]


def test_loop_stage_starts_and_finishes_at_tozeur(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, SAME_START_AND_FINISH_QUERY, edition=ATLAS)
    assert [(r["number"], str(r["town"])) for r in found] == [(4, "Tozeur")]
