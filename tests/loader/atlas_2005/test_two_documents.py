"""The 2001 and 2005 articles in one dataset: two editions, shared people and makers."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef

from tests.loader.atlas_2005.expected import ATLAS, BASE, DAKAR, category, person_labels
from tests.loader.atlas_2005.queries import (
    CATEGORY_EDITIONS_QUERY,
    EDITIONS_WITH_STAGES_QUERY,
    ENTRIES_OF_PERSON_QUERY,
    MAKER_EDITIONS_QUERY,
    STAGE_OF_EDITION_QUERY,
    STAGE_WINNERS_QUERY,
    STAGES_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Both documents in one dataset -----------------------------------------------------------


def test_two_documents_give_two_editions_of_two_series(dakar_and_atlas: Build, rows: Rows) -> None:
    found = rows(dakar_and_atlas.dataset, EDITIONS_WITH_STAGES_QUERY)
    assert {(r["edition"], str(r["label"]), r["series"]) for r in found} == {
        (str(DAKAR), "2001 Dakar Rally", BASE + "series/dakar-rally"),
        (str(ATLAS), "2005 Atlas Rally", BASE + "series/atlas-rally"),
    }


def test_each_edition_keeps_its_own_stages(dakar_and_atlas: Build, rows: Rows) -> None:
    found = rows(dakar_and_atlas.dataset, STAGES_QUERY)
    per_edition = Counter(str(r["stage"]).split("/stage/")[0] for r in found)
    assert per_edition == {str(DAKAR): 20, str(ATLAS): 6}
    first = {r["edition"]: r["date"] for r in rows(dakar_and_atlas.dataset, STAGE_OF_EDITION_QUERY, number=1)}
    assert first == {str(DAKAR): date(2001, 1, 1), str(ATLAS): date(2004, 12, 30)}


def test_people_of_both_documents_are_kept_apart_but_for_the_one_in_both(
    dakar: Build, atlas: Build, dakar_and_atlas: Build, rows: Rows
) -> None:
    alone = person_labels(dakar, rows), person_labels(atlas, rows)
    together = person_labels(dakar_and_atlas, rows)
    assert set(together) == set(alone[0]) | set(alone[1])
    assert set(alone[0]) & set(alone[1]) == {"Jutta Kleinschmidt"}
    assert sum(together.values()) == sum(alone[0].values()) + sum(alone[1].values()) - 1


def test_kari_and_kalle_tiainen_stay_two_people(dakar_and_atlas: Build, rows: Rows) -> None:
    for name in ("Kari Tiainen", "Kalle Tiainen"):
        assert len({r["person"] for r in rows(dakar_and_atlas.dataset, ENTRIES_OF_PERSON_QUERY, name=name)}) == 1, name


@pytest.mark.parametrize(
    ("edition", "number", "winner"),
    [(DAKAR, 13, "Kari Tiainen"), (DAKAR, 14, "Kari Tiainen"), (ATLAS, 3, "Kalle Tiainen")],
)
def test_abbreviated_k_tiainen_resolves_within_its_own_document(
    dakar_and_atlas: Build, rows: Rows, edition: URIRef, number: int, winner: str
) -> None:
    found = rows(dakar_and_atlas.dataset, STAGE_WINNERS_QUERY, edition=edition, number=number, category=category("motorcycles"))
    assert {str(r["winner"]) for r in found} == {winner}


def test_driver_of_both_editions_is_one_person_with_an_entry_in_each(dakar_and_atlas: Build, rows: Rows) -> None:
    found = rows(dakar_and_atlas.dataset, ENTRIES_OF_PERSON_QUERY, name="Jutta Kleinschmidt")
    assert len({r["person"] for r in found}) == 1
    assert {r["edition"] for r in found} == {str(DAKAR), str(ATLAS)}
    assert len({r["entry"] for r in found}) == 2
    assert {r["nationality"] for r in found} == {BASE + "country/DEU"}  # DEU in 2001, GER in 2005


@pytest.mark.parametrize("make", ["KTM", "Mitsubishi"])
def test_manufacturer_of_both_editions_is_one_resource(dakar_and_atlas: Build, rows: Rows, make: str) -> None:
    found = rows(dakar_and_atlas.dataset, MAKER_EDITIONS_QUERY, make=make)
    assert len({r["maker"] for r in found}) == 1
    assert {r["edition"] for r in found} == {str(DAKAR), str(ATLAS)}


def test_quads_are_classified_in_the_2005_edition_only(dakar_and_atlas: Build, rows: Rows) -> None:
    found = rows(dakar_and_atlas.dataset, CATEGORY_EDITIONS_QUERY, category=category("quads"))
    assert {r["edition"] for r in found} == {str(ATLAS)}
    found = rows(dakar_and_atlas.dataset, CATEGORY_EDITIONS_QUERY, category=category("motorcycles"))
    assert {r["edition"] for r in found} == {str(DAKAR), str(ATLAS)}


def test_loading_both_documents_reports_each_documents_problems_and_no_new_ones(
    dakar: Build, atlas: Build, dakar_and_atlas: Build
) -> None:
    def keyed(build: Build) -> Counter[tuple[str, int | None, str]]:
        return Counter((Path(p.path).name, p.line, p.code) for p in build.problems)

    assert keyed(dakar_and_atlas) == keyed(dakar) + keyed(atlas)
