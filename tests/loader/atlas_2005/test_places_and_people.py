"""The 2005 Atlas Rally's places and countries (ISO and IOC codes mixed), people, crews and entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rdflib import RDF, URIRef

from tests.loader.atlas_2005.expected import ATLAS, BASE, RALLY, category, person_labels
from tests.loader.atlas_2005.queries import (
    COUNTRY_CODES_QUERY,
    COUNTRY_IRIS_QUERY,
    CREW_PROPERTIES_QUERY,
    CREW_QUERY,
    ENTRY_QUERY,
    NATIONALITY_QUERY,
    PLACE_COUNTRIES_QUERY,
    ROUTE_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Places and countries (ISO and IOC codes mixed) ------------------------------------------


@pytest.mark.parametrize(
    ("town", "code"),
    [
        ("Lisbon", "PRT"),  # printed "POR Lisbon" (IOC)
        ("Portimão", "PRT"),
        ("Tunis", "TUN"),
        ("Kairouan", "TUN"),
        ("Tozeur", "TUN"),
        ("El Oued", "DZA"),  # printed "ALG El Oued" (IOC)
        ("Ghadames", "LBY"),  # printed "LBA Ghadames" (IOC)
    ],
)
def test_town_lies_in_the_iso_country_of_its_printed_code(atlas: Build, rows: Rows, town: str, code: str) -> None:
    assert {str(r["code"]) for r in rows(atlas.dataset, PLACE_COUNTRIES_QUERY, town=town)} == {code}


def test_route_is_portugal_tunisia_algeria_libya_in_order(atlas: Build, rows: Rows) -> None:
    found = sorted((r["order"], str(r["code"])) for r in rows(atlas.dataset, ROUTE_QUERY, edition=ATLAS))
    assert found == [(1, "PRT"), (2, "TUN"), (3, "DZA"), (4, "LBY")]


@pytest.mark.parametrize(
    ("alpha3", "alpha2", "ioc"),
    [
        ("PRT", "PT", "POR"),
        ("DZA", "DZ", "ALG"),
        ("LBY", "LY", "LBA"),
        ("DEU", "DE", "GER"),
        ("NLD", "NL", "NED"),
        ("ZAF", "ZA", "RSA"),
        ("CHL", "CL", "CHI"),
        ("CHE", "CH", "SUI"),
        ("TUN", "TN", "TUN"),
    ],
)
def test_country_is_keyed_by_iso_code_and_keeps_its_ioc_code(
    atlas: Build, rows: Rows, alpha3: str, alpha2: str, ioc: str
) -> None:
    found = rows(atlas.dataset, COUNTRY_CODES_QUERY, code=alpha3)
    assert [(r["country"], str(r["alpha2"]), str(r["ioc"])) for r in found] == [(BASE + f"country/{alpha3}", alpha2, ioc)]


def test_no_country_is_keyed_by_an_ioc_code(atlas: Build, rows: Rows) -> None:
    found = {str(r["country"]).rsplit("/", 1)[-1] for r in rows(atlas.dataset, COUNTRY_IRIS_QUERY)}
    assert found.isdisjoint({"POR", "ALG", "LBA", "GER", "NED", "RSA", "CHI", "SUI"}), found


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Jutta Kleinschmidt", "DEU"),  # GER
        ("Marieke de Boer", "NLD"),  # NLD in the results, NED in the infobox and the final standings
        ("Gerrit Mulder", "NLD"),  # NED
        ("Dean van Wyk", "ZAF"),  # RSA
        ("Ignacio Fuentes", "CHL"),  # CHI
        ("Marc Aebischer", "CHE"),  # SUI
        ("Nuno Carvalho", "PRT"),  # POR
        ("Peter Horák", "SVK"),  # a Slovak in a Czech crew
        ("Rafał Nowak", "POL"),
    ],
)
def test_person_races_for_one_country_whatever_scheme_its_code_is_printed_in(
    atlas: Build, rows: Rows, name: str, code: str
) -> None:
    assert {str(r["code"]) for r in rows(atlas.dataset, NATIONALITY_QUERY, name=name)} == {code}


# --- People, crews and entries ---------------------------------------------------------------

PEOPLE = {
    "Luc Marchand", "Pablo Ortega", "Dean van Wyk", "Kalle Tiainen", "Stefan Berger", "Joost Bakker",
    "Marcos Pérez", "Rafał Nowak", "Ignacio Fuentes", "Sébastien Lacombe",
    "Jutta Kleinschmidt", "Marieke de Boer", "Nuno Carvalho", "Rui Tavares", "Henri Delorme", "Marc Aebischer",
    "Takeshi Ono", "Kenji Mori",
    "Ilya Sokolov", "Dmitri Orlov", "Pavel Gusev", "Oleg Fedin", "Tomáš Kubiš", "Jiří Veselý", "Peter Horák",
    "Gerrit Mulder", "Hans Visser",
}  # fmt: skip


def test_article_names_27_people_each_once(atlas: Build, rows: Rows) -> None:
    labels = person_labels(atlas, rows)
    assert set(labels) == PEOPLE
    assert all(count == 1 for count in labels.values()), labels


def test_abbreviated_stage_winners_are_not_extra_people(atlas: Build, rows: Rows) -> None:
    labels = set(person_labels(atlas, rows))
    assert not {label for label in labels if "." in label}, labels


def test_person_slug_folds_letters_without_decomposition_to_ascii(atlas: Build) -> None:
    # "ł" has no NFKD decomposition: dropping it would make "rafa-nowak"
    assert (URIRef(BASE + "person/rafal-nowak"), RDF.type, RALLY.Person) in atlas.graph("asserted")


DRIVER, CO_DRIVER, FURTHER = RALLY.DriverRole, RALLY.CoDriverRole, RALLY.FurtherCrewRole


@pytest.mark.parametrize(
    ("slug", "driver", "crew"),
    [
        ("motorcycles", "Luc Marchand", [("Luc Marchand", DRIVER)]),
        ("quads", "Marcos Pérez", [("Marcos Pérez", DRIVER)]),
        ("quads", "Rafał Nowak", [("Rafał Nowak", DRIVER)]),
        ("quads", "Ignacio Fuentes", [("Ignacio Fuentes", DRIVER)]),
        ("quads", "Sébastien Lacombe", [("Sébastien Lacombe", DRIVER)]),
        ("cars", "Jutta Kleinschmidt", [("Jutta Kleinschmidt", DRIVER), ("Marieke de Boer", CO_DRIVER)]),
        ("trucks", "Gerrit Mulder", [("Gerrit Mulder", DRIVER), ("Hans Visser", CO_DRIVER)]),
        # the truck standings head every member after the driver "Co-Drivers" (line 187)
        ("trucks", "Tomáš Kubiš", [("Tomáš Kubiš", DRIVER), ("Jiří Veselý", CO_DRIVER), ("Peter Horák", CO_DRIVER)]),
        (
            "trucks",
            "Ilya Sokolov",
            [("Ilya Sokolov", DRIVER), ("Dmitri Orlov", CO_DRIVER), ("Pavel Gusev", CO_DRIVER), ("Oleg Fedin", CO_DRIVER)],
        ),
    ],
)
def test_crew_of_one_to_four_is_listed_in_source_order_with_roles(
    atlas: Build, rows: Rows, slug: str, driver: str, crew: list[tuple[str, URIRef]]
) -> None:
    found = rows(atlas.dataset, CREW_QUERY, edition=ATLAS, category=category(slug), driver=driver)
    assert len({r["entry"] for r in found}) == 1, found
    listed = sorted((r["position"], str(r["name"]), r["role"]) for r in found)
    assert listed == [(position, name, str(role)) for position, (name, role) in enumerate(crew, 1)]


@pytest.mark.parametrize("rider", ["Marcos Pérez", "Rafał Nowak", "Ignacio Fuentes", "Sébastien Lacombe"])
def test_quad_rider_rides_alone(atlas: Build, rows: Rows, rider: str) -> None:
    found = rows(atlas.dataset, CREW_PROPERTIES_QUERY, edition=ATLAS, category=category("quads"), driver=rider)
    assert {(str(r["property"]), str(r["name"])) for r in found} == {(str(RALLY.driver), rider)}


def test_truck_crew_of_four_has_the_roles_the_standings_header_gives(atlas: Build, rows: Rows) -> None:
    found = rows(atlas.dataset, CREW_PROPERTIES_QUERY, edition=ATLAS, category=category("trucks"), driver="Ilya Sokolov")
    by_property: dict[str, set[str]] = {}
    for r in found:
        by_property.setdefault(str(r["property"]), set()).add(str(r["name"]))
    assert by_property == {  # "Driver | Co-Drivers" (line 187): three co-drivers
        str(RALLY.driver): {"Ilya Sokolov"},
        str(RALLY.coDriver): {"Dmitri Orlov", "Pavel Gusev", "Oleg Fedin"},
    }


@pytest.mark.parametrize(
    ("slug", "driver", "number", "make", "model", "entrant"),
    [
        ("motorcycles", "Luc Marchand", 1, "KTM", None, "KTM Factory Team"),
        ("motorcycles", "Dean van Wyk", 7, "Yamaha", None, "Cape Dune Racing"),
        ("motorcycles", "Joost Bakker", 7, "Husqvarna", None, None),  # entry list only; the duplicate number
        ("quads", "Marcos Pérez", 150, "Yamaha", None, "Pampa Racing"),  # entrant from the "Team" column
        ("quads", "Rafał Nowak", 152, "Bombardier", None, None),
        ("cars", "Henri Delorme", 205, "Toyota", None, "Équipe Delorme"),
        ("cars", "Nuno Carvalho", 202, "Nissan", None, None),
        ("trucks", "Ilya Sokolov", 500, "Kamaz", "4911", None),
        ("trucks", "Tomáš Kubiš", 502, "Tatra", "815", None),
        ("trucks", "Gerrit Mulder", 505, "DAF", None, None),
    ],
)
def test_entry_has_race_number_vehicle_and_entrant_of_the_source(
    atlas: Build, rows: Rows, slug: str, driver: str, number: int, make: str, model: str | None, entrant: str | None
) -> None:
    found = rows(atlas.dataset, ENTRY_QUERY, edition=ATLAS, category=category(slug), driver=driver)
    assert len({r["entry"] for r in found}) == 1, found
    assert {r["number"] for r in found} == {number}
    assert {str(r["make"]) for r in found} == {make}
    assert {None if r["model"] is None else str(r["model"]) for r in found} == {model}
    assert {None if r["entrant"] is None else str(r["entrant"]) for r in found} == {entrant}


def test_race_number_given_twice_is_kept_on_both_entries(atlas: Build, rows: Rows) -> None:
    holders = set()
    for rider in ("Dean van Wyk", "Joost Bakker"):
        found = rows(atlas.dataset, ENTRY_QUERY, edition=ATLAS, category=category("motorcycles"), driver=rider)
        assert {r["number"] for r in found} == {7}
        holders |= {r["entry"] for r in found}
    assert len(holders) == 2
