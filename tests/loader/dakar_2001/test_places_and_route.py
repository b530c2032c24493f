"""The bundled article's places, countries and route."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.loader.dakar_2001.expected import (
    BASE,
    CATEGORIES,
    COUNTRIES,
    EDITION,
    NATIONALITIES,
    PLACE_COUNTRIES,
    Person,
    category,
)
from tests.loader.dakar_2001.queries import (
    CATEGORY_QUERY,
    COUNTRY_CODES_QUERY,
    COUNTRY_QUERY,
    NATIONALITY_QUERY,
    PLACE_COUNTRY_QUERY,
    ROUTE_QUERY,
)

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

# --- Places, countries, route ----------------------------------------------------------------


@pytest.mark.parametrize(("town", "codes"), PLACE_COUNTRIES)
def test_town_lies_in_its_country(dakar: Build, rows: Rows, town: str, codes: set[str]) -> None:
    found = rows(dakar.dataset, PLACE_COUNTRY_QUERY, name=town)
    assert len({r["place"] for r in found}) == 1
    assert {r["code"] for r in found} == codes


def test_route_countries_in_order_of_first_visit(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, ROUTE_QUERY, edition=EDITION)
    assert [(r["order"], r["code"]) for r in found] == list(enumerate(["FRA", "ESP", "MAR", "ESH", "MRT", "MLI", "SEN"], start=1))


@pytest.mark.parametrize(("alpha3", "alpha2", "label", "qid"), COUNTRIES)
def test_country_has_iso_codes_and_wikidata_links(
    dakar: Build, rows: Rows, alpha3: str, alpha2: str, label: str, qid: str
) -> None:
    found = rows(dakar.dataset, COUNTRY_QUERY, code=alpha3)
    assert [(r["country"], str(r["label"]), r["alpha2"], r["wikidata"], r["page"]) for r in found] == [
        (
            f"{BASE}country/{alpha3}",
            label,
            alpha2,
            f"http://www.wikidata.org/entity/{qid}",
            f"https://www.wikidata.org/wiki/{qid}",
        )
    ]


@pytest.mark.parametrize(("alpha3", "ioc"), [("PRT", "POR"), ("ZAF", "RSA")])
def test_ioc_code_printed_in_source_is_kept_on_iso_country(dakar: Build, rows: Rows, alpha3: str, ioc: str) -> None:
    found = rows(dakar.dataset, COUNTRY_CODES_QUERY, code=alpha3)
    assert {r["ioc"] for r in found} == {ioc}


def test_countries_are_keyed_by_iso_code_never_by_ioc_code_or_make(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, COUNTRY_CODES_QUERY)
    codes = [r["alpha3"] for r in found]
    assert len(codes) == len(set(codes)), "one country resource per ISO code"
    assert set(codes) >= {"AND", "AUT", "BEL", "BRA", "CHL", "CZE", "DEU", "ESP", "ESH", "FIN", "FRA", "GBR"}
    assert set(codes) >= {"ITA", "JPN", "MAR", "MLI", "MRT", "PRT", "RUS", "SEN", "SWE", "USA", "ZAF"}
    assert not set(codes) & {"POR", "RSA", "KTM", "BMW"}  # IOC codes and makes that look like codes


@pytest.mark.parametrize(("name", "alpha3", "label"), NATIONALITIES)
def test_person_races_for_the_country_of_the_code_before_the_name(
    dakar: Build, rows: Rows, person: Person, name: str, alpha3: str, label: str | None
) -> None:
    found = rows(dakar.dataset, NATIONALITY_QUERY, person=person(name))
    assert {r["alpha3"] for r in found} == {alpha3}
    if label is not None:
        assert label in {str(r["label"]) for r in found}


def test_bikes_is_an_alternative_label_of_motorcycles(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, CATEGORY_QUERY, category=category("motorcycles"))
    assert {str(r["label"]).lower() for r in found} == {"motorcycles"}
    assert "Bikes" in {str(r["alt"]) for r in found}


@pytest.mark.parametrize("slug", CATEGORIES)
def test_category_of_the_article_exists(dakar: Build, rows: Rows, slug: str) -> None:
    found = rows(dakar.dataset, CATEGORY_QUERY, category=category(slug))
    assert {str(r["label"]).lower() for r in found} == {slug}
