"""A second article, tests/data/2005_Test_Rally.txt (the fictional 2005 Atlas Rally), as a graph.

The article is written in the format of the 2001 one but differs from it wherever a loader written for
one file could go wrong: four categories with Quads, crews of one to four, ties in a stage result and in
a general classification, a stage cancelled for trucks, a loop stage, a rest day, December dates before
the January ones, mm:ss and h:mm:ss times and gaps over an hour. Every expected value below is read off
the article by hand (tests/data/README.md lists its features with their line numbers). Its only flaws are
two deliberate ones: race number 7 given to two riders (lines 42 and 44) and a misprinted gap (line 85).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import RDF, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery

from tests.conftest import PREFIXES

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

BASE = "http://127.0.0.1:5000/id/"  # loader.pipeline.DEFAULT_BASE
RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
ATLAS = URIRef(BASE + "edition/2005-atlas-rally")
DAKAR = URIRef(BASE + "edition/2001-dakar-rally")
ATLAS_FILE = "2005_Test_Rally.txt"
DAKAR_FILE = "2001_Dakar_Rally.txt"


def category(slug: str) -> URIRef:
    """Return the IRI of a category by its slug."""
    return URIRef(BASE + f"category/{slug}")


def hms(hours: int, minutes: int, seconds: int) -> int:
    """Return a printed time as seconds."""
    return hours * 3600 + minutes * 60 + seconds


def ms(minutes: int, seconds: int) -> int:
    """Return a time printed as mm:ss as seconds."""
    return minutes * 60 + seconds


# --- Queries (the standard prefixes of conftest.PREFIXES are prepended) ----------------------

EDITION_QUERY = """
SELECT DISTINCT ?label ?seriesLabel ?year ?number ?start ?end ?statedLength ?statedKm WHERE {
  ?edition a rally:Edition ; rdfs:label ?label ; rally:series/rdfs:label ?seriesLabel ;
           rally:year ?year ; rally:editionNumber ?number ;
           rally:startDate ?start ; rally:endDate ?end ;
           rally:statedLength ?statedLength ; rally:statedLengthKm ?statedKm .
}"""

ALT_LABEL_QUERY = "SELECT DISTINCT ?alt WHERE { ?edition skos:altLabel ?alt }"

NEIGHBOURS_QUERY = """
SELECT DISTINCT ?previousLabel ?nextLabel WHERE {
  ?edition rally:previousEdition ?previous ; rally:nextEdition ?next .
  ?previous a rally:Edition ; rdfs:label ?previousLabel .
  ?next a rally:Edition ; rdfs:label ?nextLabel .
}"""

ENTRY_CATEGORIES_QUERY = """
SELECT DISTINCT ?category WHERE { ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category }"""

CATEGORY_LABELS_QUERY = """
SELECT DISTINCT ?label ?alt WHERE {
  ?category a rally:Category ; rdfs:label ?label .
  OPTIONAL { ?category skos:altLabel ?alt }
}"""

STAGES_QUERY = """
SELECT DISTINCT ?stage ?number ?date ?start ?finish ?km WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ; rally:date ?date ;
         rally:distanceKm ?km ; rally:startPlace/rdfs:label ?start ; rally:finishPlace/rdfs:label ?finish .
}"""

PREVIOUS_STAGE_QUERY = """
SELECT DISTINCT ?number ?previousNumber WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number .
  OPTIONAL { ?stage rally:previousStage/rally:stageNumber ?previousNumber }
}"""

LOOP_STAGES_QUERY = """
SELECT DISTINCT ?number WHERE { ?stage a rally:LoopStage ; rally:edition ?edition ; rally:stageNumber ?number }"""

SAME_START_AND_FINISH_QUERY = """
SELECT DISTINCT ?number ?town WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:startPlace ?place ; rally:finishPlace ?place .
  ?place rdfs:label ?town .
}"""

REST_DAYS_QUERY = """
SELECT DISTINCT ?day ?date ?place WHERE {
  ?day a rally:RestDay ; rally:edition ?edition ; rally:date ?date ; rally:restPlace/rdfs:label ?place .
}"""

REST_DAY_AS_STAGE_QUERY = """
SELECT DISTINCT ?day WHERE {
  ?day a rally:RestDay ; rally:edition ?edition .
  { ?day a rally:Stage } UNION { ?day rally:stageNumber ?number }
}"""

PLACE_COUNTRIES_QUERY = """
SELECT DISTINCT ?code WHERE {
  ?place a rally:Place ; rdfs:label ?label ; rally:inCountry/rally:iso3166Alpha3 ?code .
  FILTER (STR(?label) = ?town)
}"""

ROUTE_QUERY = """
SELECT DISTINCT ?order ?code WHERE {
  ?edition rally:routeVisit ?visit .
  ?visit rally:firstVisitOrder ?order ; rally:visitedCountry/rally:iso3166Alpha3 ?code .
}"""

COUNTRY_CODES_QUERY = """
SELECT DISTINCT ?country ?alpha2 ?ioc WHERE {
  ?country a rally:Country ; rally:iso3166Alpha3 ?alpha3 ; rally:iso3166Alpha2 ?alpha2 ; rally:iocCode ?ioc .
  FILTER (STR(?alpha3) = ?code)
}"""

COUNTRY_IRIS_QUERY = "SELECT DISTINCT ?country WHERE { ?country a rally:Country }"

NATIONALITY_QUERY = """
SELECT DISTINCT ?code WHERE {
  ?person a rally:Person ; rdfs:label ?label ; rally:countryForSport/rally:iso3166Alpha3 ?code .
  FILTER (STR(?label) = ?name)
}"""

PERSONS_QUERY = "SELECT DISTINCT ?person ?label WHERE { ?person a rally:Person ; rdfs:label ?label }"

CREW_QUERY = """
SELECT DISTINCT ?entry ?position ?role ?name WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ;
         rally:driver/rdfs:label ?driverLabel ; rally:crewListing ?listing .
  ?listing rally:crewPosition ?position ; rally:role ?role ; rally:listedPerson/rdfs:label ?name .
  FILTER (STR(?driverLabel) = ?driver)
}"""

CREW_PROPERTIES_QUERY = """
SELECT DISTINCT ?property ?name WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ;
         rally:driver/rdfs:label ?driverLabel ; ?property ?person .
  ?person a rally:Person ; rdfs:label ?name .
  FILTER (STR(?driverLabel) = ?driver)
  FILTER (?property IN (rally:driver, rally:coDriver, rally:furtherCrew))
}"""

ENTRY_QUERY = """
SELECT DISTINCT ?entry ?number ?make ?model ?entrant WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ; rally:driver/rdfs:label ?driverLabel .
  FILTER (STR(?driverLabel) = ?driver)
  OPTIONAL { ?entry rally:raceNumber ?number }
  OPTIONAL { ?entry rally:vehicle/rally:manufacturer/rdfs:label ?make }
  OPTIONAL { ?entry rally:vehicle/rally:model ?model }
  OPTIONAL { ?entry rally:entrant/rdfs:label ?entrant }
}"""

STAGE_RESULTS_QUERY = """
SELECT DISTINCT ?result ?driver ?position ?tied ?seconds ?gapSeconds WHERE {
  ?classification a rally:StageClassification ; rally:classifiedStage ?stage ; rally:category ?category ;
                  rally:hasResult ?result .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  ?result rally:position ?position ; rally:forEntry/rally:driver/rdfs:label ?driver .
  OPTIONAL { ?result rally:tied ?tied }
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
}"""

GENERAL_RESULTS_QUERY = """
SELECT DISTINCT ?result ?driver ?position ?tied ?seconds ?gapSeconds WHERE {
  ?classification a rally:GeneralClassification ; rally:afterStage ?stage ; rally:category ?category ;
                  rally:hasResult ?result .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  ?result rally:position ?position ; rally:forEntry/rally:driver/rdfs:label ?driver .
  OPTIONAL { ?result rally:tied ?tied }
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
}"""

RESULT_DURATIONS_QUERY = """
SELECT DISTINCT ?time ?gap WHERE {
  ?classification rally:hasResult ?result ; rally:category ?category ;
                  (rally:classifiedStage|rally:afterStage) ?stage .
  ?classification a ?kind .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  ?result rally:forEntry/rally:driver/rdfs:label ?driverLabel ; rally:time ?time .
  OPTIONAL { ?result rally:gap ?gap }
  FILTER (STR(?driverLabel) = ?driver)
}"""

CLASSIFICATIONS_OF_STAGE_QUERY = """
SELECT DISTINCT ?classification WHERE {
  ?classification rally:category ?category ; (rally:classifiedStage|rally:afterStage) ?stage ; rally:hasResult ?result .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
}"""

STAGE_WINNERS_QUERY = """
SELECT DISTINCT ?winner WHERE {
  ?classification a rally:StageClassification ; rally:classifiedStage ?stage ; rally:category ?category ;
                  rally:stageWinner/rdfs:label ?winner .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
}"""

CANCELLATIONS_QUERY = """
SELECT DISTINCT ?cancellation ?number ?category ?reason WHERE {
  ?cancellation a rally:Cancellation ; rally:cancelledStage ?stage ; rally:category ?category .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  OPTIONAL { ?cancellation rally:reason ?reason }
}"""

FINAL_STANDINGS_QUERY = """
SELECT DISTINCT ?result ?position ?driver ?number ?seconds ?gapSeconds WHERE {
  ?standings a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ;
             rally:hasResult ?result .
  ?result rally:position ?position ; rally:forEntry ?entry .
  ?entry rally:driver/rdfs:label ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
}"""

SOURCE_PROBLEMS_QUERY = """
SELECT DISTINCT ?problem ?code ?line WHERE {
  ?problem a rally:SourceProblem ; rally:problemCode ?code ; prov:wasDerivedFrom ?source .
  ?source rally:lineNumber ?line .
}"""

EDITIONS_WITH_STAGES_QUERY = """
SELECT DISTINCT ?edition ?label ?series WHERE {
  ?stage a rally:Stage ; rally:edition ?edition .
  ?edition rdfs:label ?label ; rally:series ?series .
}"""

STAGE_OF_EDITION_QUERY = """
SELECT DISTINCT ?stage ?edition ?date WHERE { ?stage a rally:Stage ; rally:stageNumber ?number ; rally:edition ?edition ; rally:date ?date }"""

ENTRIES_OF_PERSON_QUERY = """
SELECT DISTINCT ?person ?entry ?edition ?nationality WHERE {
  ?person a rally:Person ; rdfs:label ?label .
  FILTER (STR(?label) = ?name)
  OPTIONAL { ?entry rally:driver ?person ; rally:entryIn ?edition }
  OPTIONAL { ?person rally:countryForSport ?nationality }
}"""

MAKER_EDITIONS_QUERY = """
SELECT DISTINCT ?maker ?edition WHERE {
  ?entry rally:vehicle/rally:manufacturer ?maker ; rally:entryIn ?edition .
  ?maker rdfs:label ?label .
  FILTER (STR(?label) = ?make)
}"""

CATEGORY_EDITIONS_QUERY = """
SELECT DISTINCT ?edition WHERE {
  ?classification a rally:StageClassification ; rally:category ?category ; rally:classifiedStage/rally:edition ?edition .
}"""

QUERIES = {name: value for name, value in globals().items() if name.endswith("_QUERY") and isinstance(value, str)}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_of_this_module_parses(name: str) -> None:
    prepareQuery(PREFIXES + QUERIES[name])


# --- Helpers ---------------------------------------------------------------------------------


def person_labels(build: Build, rows: Rows) -> Counter[str]:
    """Return how many person resources carry each preferred label."""
    return Counter(str(r["label"]) for r in rows(build.dataset, PERSONS_QUERY))


def results(build: Build, rows: Rows, kind: str, number: int, slug: str) -> list[tuple[str, int, bool, int | None, int | None]]:
    """Return (driver, position, tied, seconds, gap seconds) of a stage result or general classification, sorted."""
    query = STAGE_RESULTS_QUERY if kind == "stage" else GENERAL_RESULTS_QUERY
    found = rows(build.dataset, query, edition=ATLAS, number=number, category=category(slug))
    return sorted((str(r["driver"]), int(r["position"]), bool(r["tied"]), r["seconds"], r["gapSeconds"]) for r in found)


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
