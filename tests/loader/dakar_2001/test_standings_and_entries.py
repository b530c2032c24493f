"""The bundled article's final standings and winners, entries, crews, vehicles, entrants and penalties."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef

from tests.loader.dakar_2001.expected import CREWS, EDITION, FINAL_CASES, ROLE_INDIVIDUALS, ROLES, Person, category, hms
from tests.loader.dakar_2001.queries import (
    CREW_LISTING_QUERY,
    CREW_QUERY,
    ENTRANT_QUERY,
    ENTRY_QUERY,
    FINAL_QUERY,
    PENALTY_QUERY,
    VEHICLE_QUERY,
    WINNER_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Final standings and winners -------------------------------------------------------------


@pytest.mark.parametrize(("slug", "size"), [("motorcycles", 10), ("cars", 10), ("trucks", 5)])
def test_final_standings_have_all_rows_of_the_table(dakar: Build, rows: Rows, slug: str, size: int) -> None:
    found = rows(dakar.dataset, FINAL_QUERY, edition=EDITION, category=category(slug))
    assert sorted(r["position"] for r in found) == list(range(1, size + 1))
    assert {r["final"] for r in found} == {f"{EDITION}/final/{slug}"}


@pytest.mark.parametrize(("slug", "position", "number", "name", "time", "gap"), FINAL_CASES)
def test_final_standing_has_position_race_number_and_time_or_gap(
    dakar: Build,
    rows: Rows,
    person: Person,
    slug: str,
    position: int,
    number: int,
    name: str,
    time: int | None,
    gap: int | None,
) -> None:
    found = rows(dakar.dataset, FINAL_QUERY, edition=EDITION, category=category(slug), driver=person(name))
    assert [(r["position"], r["number"]) for r in found] == [(position, number)]
    if time is not None:
        assert found[0]["time"] == time
    if gap is not None:
        assert found[0]["gap"] == gap


@pytest.mark.parametrize(
    ("slug", "crew", "make", "entrant", "time"),
    [
        ("motorcycles", ["Fabrizio Meoni"], "KTM", "KTM Factory Team", hms(70, 1, 8)),
        ("cars", ["Jutta Kleinschmidt", "Andreas Schulz"], "Mitsubishi", "Mitsubishi Ralliart Germany", hms(70, 42, 6)),
        ("trucks", ["Karel Loprais", "Josef Kalina", "Petr Hamerla"], "Tatra", None, hms(93, 40, 37)),
    ],
)
def test_category_winner_has_crew_make_entrant_and_total_time(
    dakar: Build,
    rows: Rows,
    person: Person,
    slug: str,
    crew: list[str],
    make: str,
    entrant: str | None,
    time: int,
) -> None:
    found = rows(dakar.dataset, WINNER_QUERY, edition=EDITION, category=category(slug))
    assert {r["member"] for r in found} == {str(person(name)) for name in crew}
    assert {str(r["make"]) for r in found} == {make}
    assert {None if r["entrant"] is None else str(r["entrant"]) for r in found} == {entrant}
    assert {r["time"] for r in found} == {time}


# --- Entries, crews, vehicles, entrants, penalties -------------------------------------------


@pytest.mark.parametrize(("slug", "driver", "number", "crew"), CREWS)
def test_crew_members_have_roles_in_source_order(
    dakar: Build, rows: Rows, person: Person, slug: str, driver: str, number: int | None, crew: list[tuple[str, int]]
) -> None:
    entries = rows(dakar.dataset, ENTRY_QUERY, edition=EDITION, category=category(slug), driver=person(driver))
    assert len({r["entry"] for r in entries}) == 1
    assert {r["number"] for r in entries} == {number}
    entry = URIRef(entries[0]["entry"])
    roles = {(r["property"], r["person"]) for r in rows(dakar.dataset, CREW_QUERY, entry=entry)}
    expected = {(str(ROLES[role]), str(person(name))) for name, role in crew}
    assert roles == expected
    listings = rows(dakar.dataset, CREW_LISTING_QUERY, entry=entry)
    assert sorted((r["position"], r["person"], r["role"]) for r in listings) == [
        (i + 1, str(person(name)), str(ROLE_INDIVIDUALS[role])) for i, (name, role) in enumerate(crew)
    ]


@pytest.mark.parametrize(
    ("slug", "driver", "make", "model"),
    [
        ("trucks", "Karel Loprais", "Tatra", "815"),  # "Tatra 815" (line 324)
        ("trucks", "André de Azevedo", "Tatra", None),
        ("trucks", "Yoshimasa Sugawara", "Hino", None),
        ("trucks", "Peter Reif", "MAN", None),
        ("motorcycles", "Fabrizio Meoni", "KTM", None),
        ("motorcycles", "Nani Roma", "BMW", None),
        ("cars", "Jutta Kleinschmidt", "Mitsubishi", None),
        ("cars", "Jean-Louis Schlesser", "Schlesser-Renault", None),
        ("cars", "Pierre Lartigue", "Mercedes-Benz", None),  # "Mercedes" (line 85)
        ("cars", "Stephane Henrard", "Volkswagen", None),
    ],
)
def test_entry_vehicle_has_manufacturer_and_model(
    dakar: Build, rows: Rows, person: Person, slug: str, driver: str, make: str, model: str | None
) -> None:
    entries = rows(dakar.dataset, ENTRY_QUERY, edition=EDITION, category=category(slug), driver=person(driver))
    assert len({r["entry"] for r in entries}) == 1
    found = rows(dakar.dataset, VEHICLE_QUERY, entry=URIRef(entries[0]["entry"]))
    assert {str(r["make"]) for r in found} == {make}
    if model is not None:
        assert {str(r["model"]) for r in found} == {model}


@pytest.mark.parametrize(
    ("slug", "driver", "entrant"),
    [
        ("motorcycles", "Fabrizio Meoni", "KTM Factory Team"),
        ("motorcycles", "Carlo de Gavardo", "YPF-Entel-La Tercera"),
        ("motorcycles", "John Deacon", "BMW Motorrad"),
        ("motorcycles", "Bernardo Vilar", "Vitamina R Telecel"),
        ("motorcycles", "Isidre Esteve", None),  # empty cell (line 301)
        ("cars", "Hiroshi Masuoka", "Nisseki Mitsubishi Ralliart"),
        ("cars", "Jean-Louis Schlesser", "Schlesser-Renault-Elf"),
        ("cars", "Carlos Sousa", "Mitsubishi Ralliart Portugal"),
        ("cars", "Jean-Pierre Fontenay", "HP Invent Mitsubishi Ralliart"),
        ("cars", "Stephane Henrard", None),  # empty cell (line 317)
        ("trucks", "Karel Loprais", None),  # no entrant column
    ],
)
def test_entry_has_entrant_of_final_standings(
    dakar: Build, rows: Rows, person: Person, slug: str, driver: str, entrant: str | None
) -> None:
    entries = rows(dakar.dataset, ENTRY_QUERY, edition=EDITION, category=category(slug), driver=person(driver))
    assert len({r["entry"] for r in entries}) == 1
    found = rows(dakar.dataset, ENTRANT_QUERY, entry=URIRef(entries[0]["entry"]))
    assert {str(r["label"]) for r in found} == ({entrant} if entrant else set())


def test_schlesser_and_servia_are_penalised_on_stage_19(dakar: Build, rows: Rows, person: Person) -> None:
    found = rows(dakar.dataset, PENALTY_QUERY, edition=EDITION)
    penalised = {r["person"] for r in found}
    assert {str(person("Jean-Louis Schlesser")), str(person("Jose Maria Servia"))} <= penalised
    assert {r["number"] for r in found} == {19}  # "On stage 19" (line 19)
    # one hour (line 17), 60 minutes (line 19), 1 hour and 6 minutes (line 47)
    assert {r["seconds"] for r in found} - {None} <= {hms(1, 0, 0), hms(1, 6, 0)}
