"""Answers that only the OWL 2 RL closure gives: counts and links read off the 2001 article by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from rdflib import RDF, Namespace, URIRef

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

BASE = "http://127.0.0.1:5000/id/"  # loader.pipeline.DEFAULT_BASE
EDITION = URIRef(BASE + "edition/2001-dakar-rally")
SERIES = URIRef(BASE + "series/dakar-rally")
RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
GRAPHS = ("asserted", "inferred", "ontology", "metadata")

Person = Callable[[str], URIRef]

COUNT_TYPED_QUERY = "SELECT (COUNT(DISTINCT ?resource) AS ?count) WHERE { ?resource a ?type }"

UNTYPED_FIRST_PLACES_QUERY = """
SELECT DISTINCT ?result WHERE {
  ?result rally:position 1 .
  FILTER NOT EXISTS { ?result a rally:WinningResult }
}"""

WINS_OF_DRIVER_QUERY = """
SELECT (COUNT(DISTINCT ?result) AS ?count) WHERE {
  ?result a ?type ; rally:forEntry/rally:driver ?driver .
}"""

STAGE_WINS_OF_MAKER_QUERY = """
SELECT (COUNT(DISTINCT ?result) AS ?count) WHERE {
  ?result a rally:StageWin ; rally:inClassification/rally:category ?category ;
          rally:forEntry/rally:make/rdfs:label ?label .
  FILTER (STR(?label) = ?maker)
}"""

STAGES_PART_OF_QUERY = """
SELECT DISTINCT ?stage WHERE { ?stage a rally:Stage ; ?partOf ?event }"""

SUB_EVENTS_QUERY = """
SELECT DISTINCT ?stage WHERE { ?event ?hasPart ?stage . ?stage a rally:Stage }"""

DAYS_QUERY = """
SELECT DISTINCT ?day ?type WHERE {
  ?edition rally:hasDay ?day .
  ?day a ?type .
  VALUES ?type { rally:Stage rally:RestDay }
}"""

NEXT_STAGE_QUERY = """
SELECT DISTINCT ?number ?nextNumber WHERE {
  ?stage rally:edition ?edition ; rally:stageNumber ?number ; rally:nextStage/rally:stageNumber ?nextNumber .
}"""

MAKES_OF_PERSON_QUERY = """
SELECT DISTINCT ?label WHERE { ?person rally:competedWithMake/rdfs:label ?label }"""

PEOPLE_OF_MAKE_QUERY = """
SELECT DISTINCT ?person WHERE {
  ?person rally:competedWithMake/rdfs:label ?label .
  FILTER (STR(?label) = ?maker)
}"""

EDITIONS_OF_PERSON_QUERY = """
SELECT DISTINCT ?edition ?wikidataEdition WHERE {
  ?person rally:competedIn ?edition .
  OPTIONAL { ?person wdt:P1344 ?wikidataEdition }
}"""

CITIZENSHIP_QUERY = """
SELECT DISTINCT ?person WHERE { { ?person schema:nationality ?country } UNION { ?person wdt:P27 ?country } }"""

WIKIDATA_SPORT_COUNTRY_QUERY = "SELECT DISTINCT ?person WHERE { ?person wdt:P1532 ?country }"

HUMANS_QUERY = """
SELECT (COUNT(DISTINCT ?person) AS ?persons) (COUNT(DISTINCT ?human) AS ?humans) WHERE {
  { ?person a rally:Person } UNION { ?human wdt:P31 wd:Q5 }
}"""

ROUTE_COUNTRIES_QUERY = """
SELECT DISTINCT ?code WHERE { ?edition rally:routeCountry/rally:iso3166Alpha3 ?code }"""

CANCELLED_STAGES_QUERY = """
SELECT DISTINCT ?number WHERE { ?stage a rally:CancelledStage ; rally:stageNumber ?number }"""

PENALISED_QUERY = "SELECT DISTINCT ?person WHERE { ?person a rally:PenalisedPerson }"

TRIPLE_QUERY = "SELECT ?subject WHERE { ?subject ?predicate ?object }"

LITERAL_SUBJECTS_QUERY = """
SELECT ?subject ?predicate WHERE { ?subject ?predicate ?object FILTER (isLiteral(?subject)) } LIMIT 5"""

REFLEXIVE_SAME_AS_QUERY = "SELECT ?resource WHERE { ?resource owl:sameAs ?resource } LIMIT 5"

OWN_SAME_AS_QUERY = """
SELECT ?one ?other WHERE {
  ?one owl:sameAs ?other .
  FILTER (?one != ?other && STRSTARTS(STR(?one), ?base) && STRSTARTS(STR(?other), ?base))
} LIMIT 5"""

# Stage wins read off the Stage Results tables (position 1 of the stage columns; ties count for both).
STAGE_WINS = [
    ("Giovanni Sala", 4),  # 1 (tie), 17, 19, 20 (tie)
    ("Kari Tiainen", 4),  # 13, 14, 15, 20 (tie)
    ("Nani Roma", 3),  # 1 (tie), 6, 8
    ("Richard Sainct", 2),  # 2, 4
    ("Isidre Esteve", 2),  # 7, 9
    ("Alfie Cox", 2),  # 10, 16
    ("Carlo de Gavardo", 1),  # 5
    ("Per-Gunnar Lundmark", 1),  # 11
    ("Jordi Arcarons", 1),  # 12
    ("Cyril Despres", 1),  # 18
    ("Fabrizio Meoni", 0),  # won the category without a stage win
    ("Jean-Louis Schlesser", 7),  # 2, 4, 6, 12, 14, 17, 20 (tie)
    ("Jose Maria Servia", 5),  # 1, 5, 8, 11, 20 (tie)
    ("Hiroshi Masuoka", 5),  # 7, 10, 13, 15, 18
    ("Carlos Sousa", 2),  # 16, 19
    ("Jean-Pierre Fontenay", 1),  # 3
    ("Jutta Kleinschmidt", 1),  # 9
    ("Karel Loprais", 8),  # 7, 9, 10, 13, 14, 15, 17, 20
    ("Vladimir Chagin", 5),  # 2, 4, 5, 6, 12
    ("Peter Reif", 3),  # 11, 18, 19
    ("Firdaus Kabirov", 2),  # 1, 8
    ("André de Azevedo", 1),  # 3
    ("Corrado Pattono", 1),  # 16
]

STAGE_WINS_OF_MAKERS = [
    ("motorcycles", "KTM", 17),
    ("motorcycles", "BMW", 4),  # Roma 3, Despres 1
    ("cars", "Schlesser-Renault", 12),  # Schlesser 7, Servia 5
    ("cars", "Mitsubishi", 9),  # Masuoka 5, Sousa 2, Fontenay 1, Kleinschmidt 1
    ("trucks", "Tatra", 9),  # Loprais 8, de Azevedo 1
    ("trucks", "Kamaz", 7),  # Chagin 5, Kabirov 2
    ("trucks", "MAN", 3),
    ("trucks", "Mercedes-Benz", 1),
]

# Leaders of the general classification (position 1 of the GC columns; the tie after stage 1
# gives Sala and Roma one each).
LEADS = [
    ("Fabrizio Meoni", 11),  # after 10-20
    ("Richard Sainct", 7),  # after 2, 4-9 (no classification after the cancelled stage 3)
    ("Giovanni Sala", 1),
    ("Nani Roma", 1),
    ("Hiroshi Masuoka", 10),  # after 3, 10-18
    ("Jose Maria Servia", 4),  # after 1, 7, 8, 9
    ("Jean-Louis Schlesser", 4),  # after 2, 4, 5, 6
    ("Jutta Kleinschmidt", 2),  # after 19, 20
    ("Karel Loprais", 11),  # after 10-20
    ("Vladimir Chagin", 5),  # after 2-6
    ("Firdaus Kabirov", 3),  # after 1, 7, 8
    ("André de Azevedo", 1),  # after 9
]

PEOPLE_OF_MAKES = {
    "Tatra": ["Karel Loprais", "Josef Kalina", "Petr Hamerla", "André de Azevedo", "Tomáš Tomeček", "Jaromír Martinec"],
    "Hino": [
        "Yoshimasa Sugawara",
        "Seiichi Suzuki",
        "Teruhito Sugawara",
        "Gilbert Versino",
        "Philippe Challoy",
        "Claude Breton",
    ],
    "MAN": ["Peter Reif", "Gunther Pichlbauer", "Holger Hermann Roth"],
}

E = str(EDITION)
LOPRAIS_ENTRY = URIRef(f"{E}/entry/trucks/karel-loprais")
HAMERLA = URIRef(BASE + "person/petr-hamerla")
KLEINSCHMIDT = URIRef(BASE + "person/jutta-kleinschmidt")
TATRA = URIRef(BASE + "manufacturer/tatra")
INFERRED_ONLY = [
    pytest.param(URIRef(f"{E}/stage/7/trucks/result/karel-loprais"), RDF.type, RALLY.StageWin, id="stage-win"),
    pytest.param(URIRef(f"{E}/stage/7/trucks/result/karel-loprais"), RDF.type, RALLY.WinningResult, id="winning"),
    pytest.param(URIRef(f"{E}/stage/10/trucks/general/result/karel-loprais"), RDF.type, RALLY.LeadingResult, id="leading"),
    pytest.param(URIRef(f"{E}/final/trucks/result/karel-loprais"), RDF.type, RALLY.WinningResult, id="final-win"),
    pytest.param(
        URIRef(f"{E}/stage/10/trucks/result/karel-loprais"),
        RALLY.inClassification,
        URIRef(f"{E}/stage/10/trucks"),
        id="in-classification",
    ),
    pytest.param(URIRef(f"{E}/stage/1"), RALLY.partOf, SERIES, id="part-of-series"),
    pytest.param(URIRef(f"{E}/stage/1"), SCHEMA.superEvent, SERIES, id="super-event"),
    pytest.param(SERIES, SCHEMA.subEvent, URIRef(f"{E}/stage/20"), id="sub-event"),
    pytest.param(EDITION, RALLY.hasDay, URIRef(f"{E}/stage/1"), id="has-day"),
    pytest.param(EDITION, RALLY.hasDay, URIRef(f"{E}/rest-day/2001-01-11"), id="has-rest-day"),
    pytest.param(URIRef(f"{E}/stage/19"), RALLY.nextStage, URIRef(f"{E}/stage/20"), id="next-stage"),
    pytest.param(URIRef(f"{E}/stage/3"), RDF.type, RALLY.CancelledStage, id="cancelled-stage"),
    pytest.param(HAMERLA, RALLY.memberOf, LOPRAIS_ENTRY, id="member-of"),
    pytest.param(HAMERLA, RALLY.competedWithMake, TATRA, id="competed-with-make"),
    pytest.param(LOPRAIS_ENTRY, RALLY.make, TATRA, id="make"),
    pytest.param(KLEINSCHMIDT, RALLY.competedIn, EDITION, id="competed-in"),
    pytest.param(KLEINSCHMIDT, RALLY.countryForSportWikidata, WD.Q183, id="country-for-sport-wikidata"),
    pytest.param(KLEINSCHMIDT, WDT.P1532, WD.Q183, id="wdt-P1532"),
    pytest.param(KLEINSCHMIDT, WDT.P31, WD.Q5, id="wdt-P31"),
    pytest.param(KLEINSCHMIDT, RDF.type, SCHEMA.Person, id="schema-person"),
    pytest.param(EDITION, RALLY.routeCountry, URIRef(BASE + "country/ESH"), id="route-country"),
]


def count(dakar: Build, rows: Rows, query: str, **bindings: object) -> int:
    """Return the single count of an aggregate query over the union of the graphs."""
    (row,) = rows(dakar.dataset, query, **bindings)
    return int(next(iter(row.values())))


# --- Winning, stage-win and leading results --------------------------------------------------


def test_winning_results_are_found_without_asking_for_position(dakar: Build, rows: Rows) -> None:
    # 62 stage wins + 60 general-classification leads + 3 category winners
    assert count(dakar, rows, COUNT_TYPED_QUERY, type=RALLY.WinningResult) == 125


def test_every_first_place_is_a_winning_result(dakar: Build, rows: Rows) -> None:
    assert rows(dakar.dataset, UNTYPED_FIRST_PLACES_QUERY) == []


def test_stage_wins_are_all_first_places_of_stages(dakar: Build, rows: Rows) -> None:
    # motorcycles 19 stages + ties on 1 and 20; cars 20 stages + tie on 20; trucks 20 stages
    assert count(dakar, rows, COUNT_TYPED_QUERY, type=RALLY.StageWin) == 21 + 21 + 20


def test_leading_results_are_all_first_places_of_general_classifications(dakar: Build, rows: Rows) -> None:
    # motorcycles 19 classifications + the tie after stage 1; cars 20; trucks 20
    assert count(dakar, rows, COUNT_TYPED_QUERY, type=RALLY.LeadingResult) == 20 + 20 + 20


@pytest.mark.parametrize(("name", "wins"), STAGE_WINS)
def test_stage_wins_of_a_driver_are_counted_through_stage_win(
    dakar: Build, rows: Rows, person: Person, name: str, wins: int
) -> None:
    assert count(dakar, rows, WINS_OF_DRIVER_QUERY, type=RALLY.StageWin, driver=person(name)) == wins


@pytest.mark.parametrize(("category", "maker", "wins"), STAGE_WINS_OF_MAKERS)
def test_stage_wins_of_a_maker_are_counted_through_inferred_make(
    dakar: Build, rows: Rows, category: str, maker: str, wins: int
) -> None:
    found = count(dakar, rows, STAGE_WINS_OF_MAKER_QUERY, category=URIRef(BASE + f"category/{category}"), maker=maker)
    assert found == wins


@pytest.mark.parametrize(("name", "leads"), LEADS)
def test_leads_of_a_driver_are_counted_through_leading_result(
    dakar: Build, rows: Rows, person: Person, name: str, leads: int
) -> None:
    assert count(dakar, rows, WINS_OF_DRIVER_QUERY, type=RALLY.LeadingResult, driver=person(name)) == leads


# --- Events up to the series -----------------------------------------------------------------


@pytest.mark.parametrize("part_of", [RALLY.partOf, SCHEMA.superEvent])
def test_stages_are_part_of_the_series(dakar: Build, rows: Rows, part_of: URIRef) -> None:
    found = rows(dakar.dataset, STAGES_PART_OF_QUERY, partOf=part_of, event=SERIES)
    assert len(found) == 20


@pytest.mark.parametrize("has_part", [RALLY.hasPart, SCHEMA.subEvent])
def test_series_has_the_stages_as_sub_events(dakar: Build, rows: Rows, has_part: URIRef) -> None:
    assert len(rows(dakar.dataset, SUB_EVENTS_QUERY, hasPart=has_part, event=SERIES)) == 20


def test_edition_has_twenty_stages_and_a_rest_day_as_days(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, DAYS_QUERY, edition=EDITION)
    assert sorted(r["type"].rsplit("#", 1)[1] for r in found) == ["RestDay"] + ["Stage"] * 20


def test_next_stage_is_the_inverse_of_previous_stage(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, NEXT_STAGE_QUERY, edition=EDITION)
    assert sorted((r["number"], r["nextNumber"]) for r in found) == [(n, n + 1) for n in range(1, 20)]


def test_stage_3_is_the_only_cancelled_stage(dakar: Build, rows: Rows) -> None:
    assert [r["number"] for r in rows(dakar.dataset, CANCELLED_STAGES_QUERY)] == [3]


# --- People, makes, countries ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "makes"),
    [
        ("Petr Hamerla", {"Tatra"}),  # further crew of entry 425
        ("Jutta Kleinschmidt", {"Mitsubishi"}),
        ("Andreas Schulz", {"Mitsubishi"}),
        ("Henri Magne", {"Schlesser-Renault"}),
        ("Holger Hermann Roth", {"MAN"}),
        ("Daniël Moquet", {"Mercedes-Benz"}),
    ],
)
def test_person_competed_with_the_make_of_the_crews_vehicle(
    dakar: Build, rows: Rows, person: Person, name: str, makes: set[str]
) -> None:
    found = rows(dakar.dataset, MAKES_OF_PERSON_QUERY, person=person(name))
    assert {str(r["label"]) for r in found} == makes


@pytest.mark.parametrize("maker", list(PEOPLE_OF_MAKES))
def test_everyone_whose_crew_drove_a_make(dakar: Build, rows: Rows, person: Person, maker: str) -> None:
    found = rows(dakar.dataset, PEOPLE_OF_MAKE_QUERY, maker=maker)
    assert {r["person"] for r in found} == {str(person(name)) for name in PEOPLE_OF_MAKES[maker]}


def test_person_competed_in_the_edition(dakar: Build, rows: Rows, person: Person) -> None:
    found = rows(dakar.dataset, EDITIONS_OF_PERSON_QUERY, person=person("Petr Hamerla"))
    assert [(r["edition"], r["wikidataEdition"]) for r in found] == [(str(EDITION), str(EDITION))]


def test_flag_before_a_name_is_not_read_as_citizenship(dakar: Build, rows: Rows) -> None:
    # the flag code is the country a person races for (Wikidata's P1532), not their nationality (P27)
    assert rows(dakar.dataset, CITIZENSHIP_QUERY) == []


def test_people_racing_for_germany_are_found_through_wikidata(dakar: Build, rows: Rows, person: Person) -> None:
    found = rows(dakar.dataset, WIKIDATA_SPORT_COUNTRY_QUERY, country=WD.Q183)
    expected = {"Jutta Kleinschmidt", "Andreas Schulz", "Holger Hermann Roth"}
    assert {r["person"] for r in found} == {str(person(name)) for name in expected}


def test_every_person_is_a_human_in_wikidata_terms(dakar: Build, rows: Rows) -> None:
    (found,) = rows(dakar.dataset, HUMANS_QUERY)
    assert found["persons"] == found["humans"] > 0


def test_route_countries_are_inferred_from_stage_places(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.dataset, ROUTE_COUNTRIES_QUERY, edition=EDITION)
    assert {r["code"] for r in found} == {"FRA", "ESP", "MAR", "ESH", "MRT", "MLI", "SEN"}


def test_penalised_people_are_inferred_from_penalties(dakar: Build, rows: Rows, person: Person) -> None:
    found = {r["person"] for r in rows(dakar.dataset, PENALISED_QUERY)}
    assert found >= {str(person("Jean-Louis Schlesser")), str(person("Jose Maria Servia"))}


# --- Where inferred triples live, and what the closure must not contain ------------------------


@pytest.mark.parametrize(("subject", "predicate", "object_"), INFERRED_ONLY)
def test_inferred_triple_is_in_inferred_graph_not_asserted_graph(
    dakar: Build, rows: Rows, subject: URIRef, predicate: URIRef, object_: URIRef
) -> None:
    triple = {"subject": subject, "predicate": predicate, "object": object_}
    assert rows(dakar.graph("inferred"), TRIPLE_QUERY, **triple) != []
    assert rows(dakar.graph("asserted"), TRIPLE_QUERY, **triple) == []


@pytest.mark.parametrize("name", GRAPHS)
def test_no_triple_has_a_literal_subject(dakar: Build, rows: Rows, name: str) -> None:
    assert rows(dakar.graph(name), LITERAL_SUBJECTS_QUERY) == []


def test_no_resource_is_declared_the_same_as_itself(dakar: Build, rows: Rows) -> None:
    assert rows(dakar.dataset, REFLEXIVE_SAME_AS_QUERY) == []


def test_no_two_resources_of_the_base_are_declared_the_same(dakar: Build, rows: Rows) -> None:
    assert rows(dakar.dataset, OWN_SAME_AS_QUERY, base=BASE) == []
