"""The country table and its look-ups: ISO and IOC codes, English names and aliases, names in prose."""

from __future__ import annotations

import csv
import doctest
import io
import re
from importlib import resources

import pytest

import loader.countries
from loader.countries import (
    COLUMNS,
    CodeMatch,
    Country,
    all_countries,
    country_by_code,
    country_by_name,
    find_country_names,
)

REQUIRED = (
    "FRA ESP MAR ESH MRT MLI SEN DEU ITA CZE RUS BRA JPN AUT GBR USA FIN SWE BEL AND PRT ZAF CHL NLD CHE SAU ARG POL"
).split()

ARTICLE_SENTENCE = (
    "The 2001 rally was 6600 miles long and began in Paris, France, on New Year's Day, passing through Spain, "
    "Morocco, Western Sahara, Mauritania, Mali, before finishing at Dakar in Senegal."
)


def _key(name: str) -> str:
    return loader.countries._key(name)


def test_table_has_the_expected_header_and_size() -> None:
    text = resources.files("loader.data").joinpath("countries.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text))
    assert tuple(next(reader)) == COLUMNS
    assert 120 <= len(all_countries()) <= 200
    assert all(isinstance(c, Country) for c in all_countries())


def test_table_is_loaded_once() -> None:
    assert all_countries() is all_countries()


@pytest.mark.parametrize("iso3", REQUIRED)
def test_rally_countries_are_present(iso3: str) -> None:
    match = country_by_code(iso3)
    assert match is not None and match.country.iso3 == iso3
    assert match.scheme in ("iso", "iso+ioc")


def test_every_row_has_valid_codes_and_qids() -> None:
    countries = all_countries()
    for c in countries:
        assert re.fullmatch(r"[A-Z]{3}", c.iso3), c
        assert re.fullmatch(r"[A-Z]{2}", c.iso2), c
        assert c.ioc is None or re.fullmatch(r"[A-Z]{3}", c.ioc), c
        assert c.wikidata is None or re.fullmatch(r"Q[1-9][0-9]*", c.wikidata), c
        assert c.name and c.name == c.name.strip(), c
        assert all(a and a == a.strip() and ";" not in a for a in c.aliases), c
    for field in ("iso3", "iso2", "wikidata"):
        values = [getattr(c, field) for c in countries if getattr(c, field)]
        assert len(values) == len(set(values)), f"duplicate {field}"
    iocs = [c.ioc for c in countries if c.ioc]
    assert len(iocs) == len(set(iocs)), "duplicate ioc"


def test_no_name_or_alias_is_shared_by_two_rows() -> None:
    seen: dict[str, str] = {}
    for c in all_countries():
        for name in c.names:
            key = _key(name)
            assert seen.setdefault(key, c.iso3) == c.iso3, f"{name!r} names both {seen[key]} and {c.iso3}"
    # and within one row no alias repeats the name
    for c in all_countries():
        assert len({_key(n) for n in c.names}) == len(c.names), c


def test_known_wikidata_qids() -> None:
    expected = {
        "DEU": "Q183", "FRA": "Q142", "ESP": "Q29", "MAR": "Q1028", "ESH": "Q6250", "MRT": "Q1025",
        "MLI": "Q912", "SEN": "Q1041", "ITA": "Q38", "CZE": "Q213", "RUS": "Q159", "BRA": "Q155",
        "JPN": "Q17", "AUT": "Q40", "GBR": "Q145", "USA": "Q30", "FIN": "Q33", "SWE": "Q34", "BEL": "Q31",
        "AND": "Q228", "PRT": "Q45", "ZAF": "Q258", "CHL": "Q298", "NLD": "Q55", "CHE": "Q39",
        "SAU": "Q851", "ARG": "Q414", "POL": "Q36",
    }  # fmt: skip
    for iso3, qid in expected.items():
        match = country_by_code(iso3)
        assert match is not None and match.country.wikidata == qid, iso3


@pytest.mark.parametrize(
    ("ioc", "iso3"),
    [("GER", "DEU"), ("POR", "PRT"), ("RSA", "ZAF"), ("CHI", "CHL"), ("MTN", "MRT"), ("NED", "NLD"),
     ("SUI", "CHE"), ("KSA", "SAU"), ("ANT", "ATG"), ("UAE", "ARE"), ("CRO", "HRV"), ("DEN", "DNK")],
)  # fmt: skip
def test_ioc_codes_resolve_to_iso_alpha3(ioc: str, iso3: str) -> None:
    match = country_by_code(ioc)
    assert match is not None
    assert match == CodeMatch(match.country, "ioc")
    assert match.country.iso3 == iso3


def test_code_shared_by_both_schemes_reports_both() -> None:
    match = country_by_code("FRA")
    assert match is not None and match.scheme == "iso+ioc" and match.country.name == "France"


def test_iso_code_wins_over_ioc_clash() -> None:
    match = country_by_code("BRN")
    assert match is not None
    assert (match.country.iso3, match.country.name, match.scheme) == ("BRN", "Brunei", "iso")
    bahrain = country_by_code("BHR")
    assert bahrain is not None and bahrain.country.ioc == "BRN" and bahrain.scheme == "iso"


def test_every_ioc_code_that_is_not_another_countrys_iso_code_resolves_by_ioc() -> None:
    iso3s = {c.iso3 for c in all_countries()}
    for c in all_countries():
        if c.ioc and c.ioc not in iso3s:
            match = country_by_code(c.ioc)
            assert match is not None and match.country is c and match.scheme == "ioc"


def test_codes_are_case_and_space_insensitive() -> None:
    assert country_by_code(" ger ") == country_by_code("GER")
    assert country_by_code("deu") == country_by_code("DEU")


@pytest.mark.parametrize("code", ["XYZ", "", "DE", "GERM"])
def test_unknown_codes_give_none(code: str) -> None:
    assert country_by_code(code) is None


@pytest.mark.parametrize(
    ("name", "iso3"),
    [("Germany", "DEU"), ("czech republic", "CZE"), ("CZECHIA", "CZE"), ("Holland", "NLD"),
     ("the Netherlands", "NLD"), ("UK", "GBR"), ("Great Britain", "GBR"), ("USA", "USA"),
     ("United States of America", "USA"), ("Cote d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"),
     ("Reunion", "REU"), ("Western  Sahara", "ESH"), ("Türkiye", "TUR"), ("Swaziland", "SWZ")],
)  # fmt: skip
def test_names_and_aliases_resolve_ignoring_case_and_accents(name: str, iso3: str) -> None:
    country = country_by_name(name)
    assert country is not None and country.iso3 == iso3


def test_unknown_name_gives_none() -> None:
    assert country_by_name("Atlantis") is None
    assert country_by_name("Congo") is None  # ambiguous: two countries, so no alias


def test_prose_country_names_found_in_order() -> None:
    found = find_country_names(ARTICLE_SENTENCE)
    assert [c.iso3 for _, c in found] == ["FRA", "ESP", "MAR", "ESH", "MRT", "MLI", "SEN"]
    for offset, country in found:
        assert ARTICLE_SENTENCE[offset:].startswith(country.name)


def test_prose_prefers_the_longest_name() -> None:
    text = "Guinea-Bissau, Equatorial Guinea, Papua New Guinea, South Sudan, North Korea and Northern Ireland"
    assert [c.iso3 for _, c in find_country_names(text)] == ["GNB", "GNQ", "PNG", "SSD", "PRK", "GBR"]


def test_prose_matches_whole_words_only() -> None:
    assert [c.iso3 for _, c in find_country_names("Nigeria, Somalia, Omani sand, Malian dunes, Niger")] == [
        "NGA",
        "SOM",
        "NER",
    ]


def test_prose_ignores_common_words_and_lowercase_acronyms() -> None:
    assert find_country_names("let us carve the turkey on fine china") == []
    assert [c.iso3 for _, c in find_country_names("drivers from the US and the UK")] == ["USA", "GBR"]


def test_prose_offsets_survive_accents_and_line_breaks() -> None:
    text = "Départ de Réunion puis Côte d’Ivoire, enfin Western\nSahara"
    found = find_country_names(text)
    assert [(i, c.iso3) for i, c in found] == [(10, "REU"), (23, "CIV"), (44, "ESH")]


def test_prose_without_countries_gives_empty_list() -> None:
    assert find_country_names("") == []
    assert find_country_names("The stage ran from Atar to Tichit.") == []


def test_module_doctests_pass() -> None:
    result = doctest.testmod(loader.countries)
    assert result.attempted > 0
    assert result.failed == 0
