"""The bundled 2001 Dakar Rally article as a graph: every expected value is read off the article by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest
from rdflib import Namespace, URIRef

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

BASE = "http://127.0.0.1:5000/id/"  # loader.pipeline.DEFAULT_BASE
EDITION = URIRef(BASE + "edition/2001-dakar-rally")
SERIES = URIRef(BASE + "series/dakar-rally")
RALLY = Namespace("https://w3id.org/rally-kg/ontology#")
CATEGORIES = ("motorcycles", "cars", "trucks")

Person = Callable[[str], URIRef]


def category(slug: str) -> URIRef:
    """Return the IRI of a category by its slug."""
    return URIRef(BASE + f"category/{slug}")


def hms(hours: int, minutes: int, seconds: int) -> int:
    """Return a printed time as seconds."""
    return hours * 3600 + minutes * 60 + seconds


# --- Queries ---------------------------------------------------------------------------------

EDITION_QUERY = """
SELECT DISTINCT ?label ?series ?seriesLabel ?year ?number ?start ?end ?statedLength ?statedKm
WHERE {
  ?edition a rally:Edition ; rdfs:label ?label ; rally:series ?series ;
           rally:year ?year ; rally:editionNumber ?number ;
           rally:startDate ?start ; rally:endDate ?end ;
           rally:statedLength ?statedLength ; rally:statedLengthKm ?statedKm .
  ?series a rally:RallySeries ; rdfs:label ?seriesLabel .
}"""

ALT_LABELS_QUERY = "SELECT DISTINCT ?alt WHERE { ?resource skos:altLabel ?alt }"

NEIGHBOUR_EDITIONS_QUERY = """
SELECT DISTINCT ?previous ?previousLabel ?next ?nextLabel WHERE {
  ?edition rally:previousEdition ?previous ; rally:nextEdition ?next .
  ?previous rdfs:label ?previousLabel .
  ?next rdfs:label ?nextLabel .
}"""

STAGES_QUERY = """
SELECT DISTINCT ?stage ?number WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number .
}"""

STAGE_QUERY = """
SELECT DISTINCT ?stage ?date ?start ?finish ?km WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:date ?date ; rally:distanceKm ?km ;
         rally:startPlace/rdfs:label ?start ; rally:finishPlace/rdfs:label ?finish .
}"""

TOTAL_DISTANCE_QUERY = """
SELECT (SUM(?km) AS ?total) (COUNT(?stage) AS ?stages) WHERE {
  SELECT DISTINCT ?stage ?km WHERE {
    ?stage a rally:Stage ; rally:edition ?edition ; rally:distanceKm ?km .
  }
}"""

REST_DAY_QUERY = """
SELECT DISTINCT ?day ?date ?place WHERE {
  ?day a rally:RestDay ; rally:edition ?edition ; rally:date ?date ;
       rally:restPlace/rdfs:label ?place .
}"""

REST_DAY_AS_STAGE_QUERY = """
SELECT DISTINCT ?day WHERE {
  ?day a rally:RestDay .
  { ?day a rally:Stage } UNION { ?day rally:stageNumber ?number }
}"""

CANCELLATION_QUERY = """
SELECT DISTINCT ?cancellation ?number ?category ?reason WHERE {
  ?cancellation a rally:Cancellation ; rally:cancelledStage ?stage ; rally:category ?category .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
  OPTIONAL { ?cancellation rally:reason ?reason }
}"""

LOOP_STAGES_QUERY = """
SELECT DISTINCT ?number WHERE {
  ?stage a rally:LoopStage ; rally:edition ?edition ; rally:stageNumber ?number .
}"""

SAME_START_AND_FINISH_QUERY = """
SELECT DISTINCT ?number WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:startPlace ?place ; rally:finishPlace ?place .
}"""

PREVIOUS_STAGE_QUERY = """
SELECT DISTINCT ?number ?previousNumber WHERE {
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  OPTIONAL { ?stage rally:previousStage/rally:stageNumber ?previousNumber }
}"""

PLACE_COUNTRY_QUERY = """
SELECT DISTINCT ?place ?code WHERE {
  ?place a rally:Place ; rdfs:label ?label ; rally:inCountry/rally:iso3166Alpha3 ?code .
  FILTER (STR(?label) = ?name)
}"""

ROUTE_QUERY = """
SELECT DISTINCT ?visit ?order ?code WHERE {
  ?edition rally:routeVisit ?visit .
  ?visit a rally:RouteVisit ; rally:firstVisitOrder ?order ;
         rally:visitedCountry/rally:iso3166Alpha3 ?code .
} ORDER BY ?order"""

COUNTRY_QUERY = """
SELECT DISTINCT ?country ?label ?alpha2 ?wikidata ?page WHERE {
  ?country a rally:Country ; rally:iso3166Alpha3 ?alpha3 ; rdfs:label ?label ;
           rally:iso3166Alpha2 ?alpha2 ; rally:wikidata ?wikidata ; schema:sameAs ?page .
  FILTER (STR(?alpha3) = ?code)
}"""

COUNTRY_CODES_QUERY = """
SELECT DISTINCT ?country ?alpha3 ?ioc WHERE {
  ?country a rally:Country ; rally:iso3166Alpha3 ?alpha3 .
  OPTIONAL { ?country rally:iocCode ?ioc }
  FILTER (!BOUND(?code) || STR(?alpha3) = ?code)
}"""

NATIONALITY_QUERY = """
SELECT DISTINCT ?country ?alpha3 ?label WHERE {
  ?person rally:countryForSport ?country .
  ?country rally:iso3166Alpha3 ?alpha3 ; rdfs:label ?label .
}"""

CATEGORY_QUERY = """
SELECT DISTINCT ?label ?alt WHERE {
  ?category a rally:Category ; rdfs:label ?label .
  OPTIONAL { ?category skos:altLabel ?alt }
}"""

STAGE_WINNERS_QUERY = """
SELECT DISTINCT ?winner WHERE {
  ?classification a rally:StageClassification ; rally:classifiedStage ?stage ;
                  rally:category ?category ; rally:stageWinner ?winner .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
}"""

# ?kind/?link: rally:StageClassification/rally:classifiedStage or rally:GeneralClassification/rally:afterStage
RESULTS_QUERY = """
SELECT DISTINCT ?classification ?result ?position ?driver ?tied ?time ?gap WHERE {
  ?classification a ?kind ; ?link ?stage ; rally:category ?category ; rally:hasResult ?result .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
  ?result rally:position ?position ; rally:forEntry/rally:driver ?driver .
  OPTIONAL { ?result rally:tied ?tied }
  OPTIONAL { ?result rally:timeSeconds ?time }
  OPTIONAL { ?result rally:gapSeconds ?gap }
}"""

TIME_DATATYPES_QUERY = """
SELECT DISTINCT (DATATYPE(?time) AS ?timeType) (DATATYPE(?gap) AS ?gapType) WHERE {
  ?result rally:time ?time .
  OPTIONAL { ?result rally:gap ?gap }
}"""

FINAL_QUERY = """
SELECT DISTINCT ?final ?result ?position ?driver ?number ?time ?gap WHERE {
  ?final a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ;
         rally:hasResult ?result .
  ?result rally:position ?position ; rally:forEntry ?entry .
  ?entry rally:driver ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
  OPTIONAL { ?result rally:timeSeconds ?time }
  OPTIONAL { ?result rally:gapSeconds ?gap }
}"""

WINNER_QUERY = """
SELECT DISTINCT ?entry ?member ?make ?entrant ?time WHERE {
  ?final a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ;
         rally:hasResult ?result .
  ?result rally:position 1 ; rally:forEntry ?entry ; rally:timeSeconds ?time .
  ?entry rally:crewMember ?member ; rally:vehicle/rally:manufacturer/rdfs:label ?make .
  OPTIONAL { ?entry rally:entrant/rdfs:label ?entrant }
}"""

ENTRY_QUERY = """
SELECT DISTINCT ?entry ?number WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ; rally:driver ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
}"""

CREW_QUERY = """
SELECT DISTINCT ?property ?person WHERE {
  VALUES ?property { rally:driver rally:coDriver rally:furtherCrew }
  ?entry ?property ?person .
}"""

CREW_LISTING_QUERY = """
SELECT DISTINCT ?listing ?position ?person ?role WHERE {
  ?entry rally:crewListing ?listing .
  ?listing a rally:CrewListing ; rally:crewPosition ?position ; rally:listedPerson ?person ;
           rally:role ?role .
}"""

VEHICLE_QUERY = """
SELECT DISTINCT ?vehicle ?make ?model WHERE {
  ?entry rally:vehicle ?vehicle .
  ?vehicle a rally:Vehicle ; rally:manufacturer ?manufacturer .
  ?manufacturer a rally:Manufacturer ; rdfs:label ?make .
  OPTIONAL { ?vehicle rally:model ?model }
}"""

ENTRANT_QUERY = """
SELECT DISTINCT ?entrant ?label WHERE {
  ?entry rally:entrant ?entrant .
  ?entrant a rally:Entrant ; rdfs:label ?label .
}"""

PENALTY_QUERY = """
SELECT DISTINCT ?penalty ?person ?number ?seconds WHERE {
  ?penalty a rally:Penalty ; rally:penalisedPerson ?person ; rally:penaltyStage ?stage .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
  OPTIONAL { ?penalty rally:penaltySeconds ?seconds }
}"""

OBJECTS_QUERY = "SELECT DISTINCT ?object WHERE { ?subject ?predicate ?object }"

SOURCE_LINES_QUERY = """
SELECT DISTINCT ?line WHERE { ?resource prov:wasDerivedFrom/rally:lineNumber ?line }"""


# --- Expected values, read off the article ---------------------------------------------------

# Stages table, lines 24-44: number, date, from, to, total (km).
STAGES = [
    (1, date(2001, 1, 1), "Paris", "Narbonne", 916),
    (2, date(2001, 1, 2), "Narbonne", "Castellón de la Plana", 560),
    (3, date(2001, 1, 3), "Castellón de la Plana", "Almería", 445),
    (4, date(2001, 1, 4), "Nador", "Er-Rachidia", 602),
    (5, date(2001, 1, 5), "Er-Rachidia", "Ouarzazate", 572),
    (6, date(2001, 1, 6), "Ouarzazate", "Guelmim", 608),
    (7, date(2001, 1, 7), "Guelmim", "Smara", 489),
    (8, date(2001, 1, 8), "Smara", "El Ghallaouiya", 628),
    (9, date(2001, 1, 9), "El Ghallaouiya", "El Ghallaouiya", 518),
    (10, date(2001, 1, 10), "El Ghallaouiya", "Atar", 440),
    (11, date(2001, 1, 12), "Atar", "Nouakchott", 508),
    (12, date(2001, 1, 13), "Nouakchott", "Tidjikdja", 654),
    (13, date(2001, 1, 14), "Tidjikdja", "Tidjikdja", 535),
    (14, date(2001, 1, 15), "Tidjikdja", "Tichit", 234),
    (15, date(2001, 1, 16), "Tichit", "Néma", 499),
    (16, date(2001, 1, 17), "Néma", "Bamako", 776),
    (17, date(2001, 1, 18), "Bamako", "Bakel", 804),
    (18, date(2001, 1, 19), "Bakel", "Tambacounda", 292),
    (19, date(2001, 1, 20), "Tambacounda", "Dakar", 564),
    (20, date(2001, 1, 21), "Dakar", "Dakar", 95),
]
# 916+560+445+602+572+608+489+628+518+440+508+654+535+234+499+776+804+292+564+95
TOTAL_KM = 10739
LOOP_STAGES = {9: "El Ghallaouiya", 13: "Tidjikdja", 20: "Dakar"}

# Stage table (lines 24-44), winners by category, in full as the result tables spell them.
STAGE_WINNERS: dict[int, tuple[list[str], list[str], list[str]]] = {
    1: (["Giovanni Sala", "Nani Roma"], ["Jose Maria Servia"], ["Firdaus Kabirov"]),
    2: (["Richard Sainct"], ["Jean-Louis Schlesser"], ["Vladimir Chagin"]),
    3: ([], ["Jean-Pierre Fontenay"], ["André de Azevedo"]),
    4: (["Richard Sainct"], ["Jean-Louis Schlesser"], ["Vladimir Chagin"]),
    5: (["Carlo de Gavardo"], ["Jose Maria Servia"], ["Vladimir Chagin"]),
    6: (["Nani Roma"], ["Jean-Louis Schlesser"], ["Vladimir Chagin"]),
    7: (["Isidre Esteve"], ["Hiroshi Masuoka"], ["Karel Loprais"]),
    8: (["Nani Roma"], ["Jose Maria Servia"], ["Firdaus Kabirov"]),
    9: (["Isidre Esteve"], ["Jutta Kleinschmidt"], ["Karel Loprais"]),
    10: (["Alfie Cox"], ["Hiroshi Masuoka"], ["Karel Loprais"]),
    11: (["Per-Gunnar Lundmark"], ["Jose Maria Servia"], ["Peter Reif"]),
    12: (["Jordi Arcarons"], ["Jean-Louis Schlesser"], ["Vladimir Chagin"]),
    13: (["Kari Tiainen"], ["Hiroshi Masuoka"], ["Karel Loprais"]),
    14: (["Kari Tiainen"], ["Jean-Louis Schlesser"], ["Karel Loprais"]),
    15: (["Kari Tiainen"], ["Hiroshi Masuoka"], ["Karel Loprais"]),
    16: (["Alfie Cox"], ["Carlos Sousa"], ["Corrado Pattono"]),
    17: (["Giovanni Sala"], ["Jean-Louis Schlesser"], ["Karel Loprais"]),
    18: (["Cyril Despres"], ["Hiroshi Masuoka"], ["Peter Reif"]),
    19: (["Giovanni Sala"], ["Carlos Sousa"], ["Peter Reif"]),
    20: (["Kari Tiainen", "Giovanni Sala"], ["Jose Maria Servia", "Jean-Louis Schlesser"], ["Karel Loprais"]),
}
STAGE_WINNER_CASES = [
    pytest.param(number, slug, winners[index], id=f"stage{number}-{slug}")
    for number, winners in STAGE_WINNERS.items()
    for index, slug in enumerate(CATEGORIES)
]

# Position 1 of each general classification (Stage Results tables, GC columns).
GC_LEADERS: dict[str, dict[int, list[str]]] = {
    "motorcycles": {
        1: ["Giovanni Sala", "Nani Roma"],  # tied on 3:37 (lines 104-105)
        **{n: ["Richard Sainct"] for n in (2, 4, 5, 6, 7, 8, 9)},
        **{n: ["Fabrizio Meoni"] for n in range(10, 21)},
    },
    "cars": {
        1: ["Jose Maria Servia"],
        2: ["Jean-Louis Schlesser"],
        3: ["Hiroshi Masuoka"],  # line 175, behind a stray "'|" cell
        **{n: ["Jean-Louis Schlesser"] for n in (4, 5, 6)},
        **{n: ["Jose Maria Servia"] for n in (7, 8, 9)},
        **{n: ["Hiroshi Masuoka"] for n in range(10, 19)},
        19: ["Jutta Kleinschmidt"],
        20: ["Jutta Kleinschmidt"],
    },
    "trucks": {
        1: ["Firdaus Kabirov"],
        **{n: ["Vladimir Chagin"] for n in (2, 3, 4, 5, 6)},
        7: ["Firdaus Kabirov"],
        8: ["Firdaus Kabirov"],
        9: ["André de Azevedo"],
        **{n: ["Karel Loprais"] for n in range(10, 21)},
    },
}
GC_LEADER_CASES = [
    pytest.param(number, slug, leaders, id=f"after{number}-{slug}")
    for slug, by_stage in GC_LEADERS.items()
    for number, leaders in sorted(by_stage.items())
]

# (position, driver, time in s or None, gap in s or None, tied) as printed; None where a tie row
# prints no cell of its own.
Line = tuple[int, str, int | None, int | None, bool]
STAGE_RESULTS: dict[tuple[int, str], list[Line]] = {
    (1, "motorcycles"): [  # lines 104-106
        (1, "Giovanni Sala", hms(0, 3, 37), None, True),
        (1, "Nani Roma", None, None, True),
        (3, "Alfie Cox", hms(0, 3, 38), hms(0, 0, 1), False),
    ],
    (6, "motorcycles"): [  # lines 117-119
        (1, "Nani Roma", hms(3, 13, 39), None, False),
        (2, "Kari Tiainen", hms(3, 14, 1), hms(0, 0, 22), True),
        (2, "Richard Sainct", None, None, True),
    ],
    (20, "motorcycles"): [  # lines 159-161
        (1, "Kari Tiainen", hms(0, 15, 48), None, True),
        (1, "Giovanni Sala", None, None, True),
        (3, "Éric Aubijoux", hms(0, 15, 51), hms(0, 0, 3), False),
    ],
    (1, "cars"): [  # lines 168-171
        (1, "Jose Maria Servia", hms(0, 3, 43), None, False),
        (2, "Jean-Louis Schlesser", hms(0, 3, 45), hms(0, 0, 2), False),
        (3, "Kenjiro Shinozuka", hms(0, 3, 48), hms(0, 0, 5), True),
        (3, "Hiroshi Masuoka", None, None, True),
    ],
    (20, "cars"): [  # lines 226-228
        (1, "Jean-Louis Schlesser", hms(0, 18, 42), None, True),
        (1, "Jose Maria Servia", None, None, True),
        (3, "Carlos Sousa", hms(0, 18, 54), hms(0, 0, 12), False),
    ],
    (1, "trucks"): [  # lines 233-235: mm:ss
        (1, "Firdaus Kabirov", hms(0, 5, 0), None, False),
        (2, "André de Azevedo", hms(0, 5, 2), hms(0, 0, 2), False),
        (3, "Guido Toni", hms(0, 5, 13), hms(0, 0, 13), False),
    ],
    (10, "trucks"): [  # lines 260-262
        (1, "Karel Loprais", hms(7, 8, 1), None, False),
        (2, "Gilbert Versino", hms(7, 56, 11), hms(0, 48, 10), False),
        (3, "Yoshimasa Sugawara", hms(8, 27, 41), hms(1, 19, 40), False),
    ],
}
GC_RESULTS: dict[tuple[int, str], list[Line]] = {
    (1, "motorcycles"): [  # lines 104-106
        (1, "Giovanni Sala", hms(0, 3, 37), None, True),
        (1, "Nani Roma", None, None, True),
        (3, "Alfie Cox", hms(0, 3, 38), hms(0, 0, 1), False),
    ],
    (6, "motorcycles"): [  # lines 117-119
        (1, "Richard Sainct", hms(8, 19, 44), None, False),
        (2, "Kari Tiainen", hms(8, 25, 10), hms(0, 5, 26), False),
        (3, "Nani Roma", hms(8, 25, 21), hms(0, 5, 37), False),
    ],
    (12, "motorcycles"): [  # lines 135-137, de Gavardo's time kept as printed (a copy)
        (1, "Fabrizio Meoni", hms(40, 9, 49), None, False),
        (2, "Jordi Arcarons", hms(40, 30, 5), hms(0, 20, 16), False),
        (3, "Carlo de Gavardo", hms(33, 34, 47), hms(0, 38, 8), False),
    ],
    (20, "motorcycles"): [  # lines 159-161
        (1, "Fabrizio Meoni", hms(70, 1, 8), None, False),
        (2, "Jordi Arcarons", hms(70, 26, 18), hms(0, 25, 10), False),
        (3, "Carlo de Gavardo", hms(70, 45, 19), hms(0, 44, 11), False),
    ],
    (3, "cars"): [  # lines 175-177
        (1, "Hiroshi Masuoka", hms(0, 42, 58), None, False),
        (2, "Jean-Louis Schlesser", hms(0, 43, 44), hms(0, 0, 46), False),
        (3, "Jean-Pierre Fontenay", hms(0, 43, 58), hms(0, 1, 0), False),
    ],
    (20, "cars"): [  # lines 226-228, Schlesser's gap kept as printed
        (1, "Jutta Kleinschmidt", hms(70, 42, 6), None, False),
        (2, "Hiroshi Masuoka", hms(70, 44, 45), hms(0, 2, 39), False),
        (3, "Jean-Louis Schlesser", hms(71, 5, 35), hms(0, 23, 39), False),
    ],
    (3, "trucks"): [  # lines 239-241, as printed
        (1, "Vladimir Chagin", hms(0, 53, 47), None, False),
        (2, "Firdaus Kabirov", hms(0, 53, 47), hms(0, 0, 25), False),
        (3, "Karel Loprais", hms(0, 54, 14), hms(0, 0, 52), False),
    ],
    (10, "trucks"): [  # lines 260-262
        (1, "Karel Loprais", hms(38, 2, 36), None, False),
        (2, "Vladimir Chagin", hms(39, 17, 29), hms(1, 14, 53), False),
        (3, "Yoshimasa Sugawara", hms(41, 30, 30), hms(3, 27, 54), False),
    ],
    (20, "trucks"): [  # lines 290-292
        (1, "Karel Loprais", hms(93, 40, 37), None, False),
        (2, "Yoshimasa Sugawara", hms(101, 49, 52), hms(8, 9, 15), False),
        (3, "Peter Reif", hms(110, 14, 45), hms(16, 34, 8), False),
    ],
}

# Final standings, lines 298-307, 311-320, 324-328: (position, race number, driver, time, gap).
FINAL_STANDINGS: dict[str, list[tuple[int, int, str, int | None, int | None]]] = {
    "motorcycles": [
        (1, 3, "Fabrizio Meoni", hms(70, 1, 8), None),
        (2, 8, "Jordi Arcarons", None, hms(0, 25, 10)),
        (3, 12, "Carlo de Gavardo", None, hms(0, 44, 11)),
        (4, 20, "Isidre Esteve", None, hms(1, 2, 44)),
        (5, 9, "Alfie Cox", None, hms(1, 19, 9)),
        (6, 6, "John Deacon", None, hms(3, 45, 51)),
        (7, 4, "Jimmy Lewis", None, hms(3, 49, 12)),
        (8, 14, "Johnny Campbell", None, hms(7, 45, 5)),
        (9, 10, "Jean Brucy", None, hms(7, 56, 15)),
        (10, 18, "Bernardo Vilar", None, hms(10, 12, 12)),
    ],
    "cars": [
        (1, 205, "Jutta Kleinschmidt", hms(70, 42, 6), None),
        (2, 203, "Hiroshi Masuoka", None, hms(0, 2, 39)),
        (3, 200, "Jean-Louis Schlesser", None, hms(0, 23, 29)),
        (4, 202, "Jose Maria Servia", None, hms(2, 6, 24)),
        (5, 208, "Carlos Sousa", None, hms(2, 8, 30)),
        (6, 201, "Jean-Pierre Fontenay", None, hms(3, 52, 5)),
        (7, 238, "Stephane Henrard", None, hms(5, 5, 19)),
        (8, 209, "Gregoire De Mevius", None, hms(6, 29, 59)),
        (9, 204, "Thierry Delavergne", None, hms(7, 31, 37)),
        (10, 231, "Laurent Bourgnon", None, hms(13, 58, 8)),
    ],
    "trucks": [
        (1, 425, "Karel Loprais", hms(93, 40, 37), None),
        (2, 400, "Yoshimasa Sugawara", None, hms(8, 9, 15)),
        (3, 406, "Peter Reif", None, hms(16, 34, 8)),
        (4, 414, "François Marcheix", None, hms(18, 43, 22)),
        (5, 434, "Corrado Pattono", None, hms(19, 32, 12)),
    ],
}
FINAL_CASES = [pytest.param(slug, *row, id=f"{slug}-{row[0]}") for slug, table in FINAL_STANDINGS.items() for row in table]

# (category, driver, race number or None, crew in the order the source names it)
# (category, driver, race number, crew with each member's role: 0 driver, 1 co-driver, 2 further crew).
# The truck standings head every member after the driver "Co-Drivers" (line 323): both are co-drivers, in the
# standings and in the results tables alike, where no header says more.
CREWS = [
    ("trucks", "Karel Loprais", 425, [("Karel Loprais", 0), ("Josef Kalina", 1), ("Petr Hamerla", 1)]),
    ("cars", "Jutta Kleinschmidt", 205, [("Jutta Kleinschmidt", 0), ("Andreas Schulz", 1)]),
    ("cars", "Jean-Louis Schlesser", 200, [("Jean-Louis Schlesser", 0), ("Henri Magne", 1)]),
    ("cars", "Jose Maria Servia", 202, [("Jose Maria Servia", 0), ("Jean-Marie Lurquin", 1)]),
    ("cars", "Kenjiro Shinozuka", 203, [("Kenjiro Shinozuka", 0), ("Fred Gallagher", 1)]),
    ("trucks", "Yoshimasa Sugawara", 400, [("Yoshimasa Sugawara", 0), ("Seiichi Suzuki", 1), ("Teruhito Sugawara", 1)]),
    ("trucks", "Peter Reif", 406, [("Peter Reif", 0), ("Gunther Pichlbauer", 1), ("Holger Hermann Roth", 1)]),
    ("trucks", "Sergey Guiria", None, [("Sergey Guiria", 0), ("Sergey Savostin", 1), ("Sergey Rechentnikov", 1)]),
    ("motorcycles", "Fabrizio Meoni", 3, [("Fabrizio Meoni", 0)]),
]
ROLES = [RALLY.driver, RALLY.coDriver, RALLY.furtherCrew]
ROLE_INDIVIDUALS = [RALLY.DriverRole, RALLY.CoDriverRole, RALLY.FurtherCrewRole]

# (person, ISO alpha-3, country label) from the code before each name.
NATIONALITIES = [
    ("Henri Magne", "AND", "Andorra"),
    ("Holger Hermann Roth", "DEU", "Germany"),  # German in an Austrian crew
    ("Jutta Kleinschmidt", "DEU", "Germany"),
    ("Carlos Sousa", "PRT", "Portugal"),  # printed POR (IOC)
    ("Bernardo Vilar", "PRT", "Portugal"),
    ("Alfie Cox", "ZAF", "South Africa"),  # printed RSA (IOC)
    ("Carlo de Gavardo", "CHL", "Chile"),
    ("Jean-Marie Lurquin", "BEL", "Belgium"),  # printed "BELJean-Marie Lurquin" on line 314
    ("André de Azevedo", "BRA", "Brazil"),
    ("Tomáš Tomeček", "CZE", None),
    ("Fred Gallagher", "GBR", None),
    ("Gunther Pichlbauer", "AUT", "Austria"),
    ("Kenjiro Shinozuka", "JPN", "Japan"),
]

# (ISO alpha-3, alpha-2, label, Wikidata)
COUNTRIES = [
    ("PRT", "PT", "Portugal", "Q45"),
    ("ZAF", "ZA", "South Africa", "Q258"),
    ("DEU", "DE", "Germany", "Q183"),
    ("AND", "AD", "Andorra", "Q228"),
    ("FRA", "FR", "France", "Q142"),
    ("ESP", "ES", "Spain", "Q29"),
    ("MAR", "MA", "Morocco", "Q1028"),
    ("ESH", "EH", "Western Sahara", "Q6250"),
    ("MRT", "MR", "Mauritania", "Q1025"),
    ("MLI", "ML", "Mali", "Q912"),
    ("SEN", "SN", "Senegal", "Q1041"),
]

PLACE_COUNTRIES = [
    ("Paris", {"FRA"}),
    ("Narbonne", {"FRA"}),
    ("Castellón de la Plana", {"ESP"}),
    ("Almería", {"ESP"}),
    ("Nador", {"MAR"}),
    ("Guelmim", {"MAR"}),
    ("Smara", {"MAR", "ESH"}),  # "MAR/ Smara": Moroccan-held Western Sahara
    ("El Ghallaouiya", {"MRT"}),  # no code in the table
    ("Atar", {"MRT"}),
    ("Nouakchott", {"MRT"}),
    ("Néma", {"MRT"}),
    ("Bamako", {"MLI"}),
    ("Bakel", {"SEN"}),
    ("Dakar", {"SEN"}),
]

E = f"{EDITION}"

# (resource, lines of the article that state it)
PROVENANCE_CASES = [
    pytest.param(f"{E}/stage/9", {32}, id="loop-stage-9"),
    pytest.param(f"{E}/rest-day/2001-01-11", {34}, id="rest-day"),
    pytest.param(f"{E}/stage/3/motorcycles/cancellation", {26, 46, 110}, id="cancellation"),
    pytest.param(f"{E}/stage/7/trucks/result/karel-loprais", {251}, id="stage-result"),
    pytest.param(f"{E}/stage/12/motorcycles/general/result/carlo-de-gavardo", {137}, id="copied-gc-time"),
    pytest.param(f"{E}/final/trucks/result/karel-loprais", {324}, id="final-result"),
    pytest.param(f"{BASE}person/carlos-sousa", {40, 74, 315}, id="person-of-three-spellings"),
]

IRI_CASES = [
    (f"{E}/stage/7", RALLY.stageNumber, 7),
    (f"{E}/rest-day/2001-01-11", RALLY.date, date(2001, 1, 11)),
    (f"{E}/stage/10/trucks", RALLY.classifiedStage, f"{E}/stage/10"),
    (f"{E}/stage/10/trucks/general", RALLY.afterStage, f"{E}/stage/10"),
    (f"{E}/stage/10/trucks", RALLY.hasResult, f"{E}/stage/10/trucks/result/karel-loprais"),
    (f"{E}/final/trucks", RALLY.hasResult, f"{E}/final/trucks/result/karel-loprais"),
    (f"{E}/final/trucks/result/karel-loprais", RALLY.forEntry, f"{E}/entry/trucks/karel-loprais"),
    (f"{E}/entry/trucks/karel-loprais", RALLY.vehicle, f"{E}/entry/trucks/karel-loprais/vehicle"),
    (f"{E}/entry/trucks/karel-loprais/crew/3", RALLY.listedPerson, f"{BASE}person/petr-hamerla"),
    (f"{E}/entry/cars/jutta-kleinschmidt", RALLY.driver, f"{BASE}person/jutta-kleinschmidt"),
    (f"{E}/stage/3/motorcycles/cancellation", RALLY.cancelledStage, f"{E}/stage/3"),
    (f"{E}/route/1", RALLY.visitedCountry, f"{BASE}country/FRA"),
    (f"{E}/stage/2", RALLY.finishPlace, f"{BASE}place/castellon-de-la-plana"),
    (f"{BASE}person/jutta-kleinschmidt", RALLY.countryForSport, f"{BASE}country/DEU"),
    (E, RALLY.series, f"{BASE}series/dakar-rally"),
]


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


# --- Stage winners, results, general classification ------------------------------------------


@pytest.mark.parametrize(("number", "slug", "winners"), STAGE_WINNER_CASES)
def test_stage_winners_are_those_of_the_stage_table(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, winners: list[str]
) -> None:
    found = rows(dakar.dataset, STAGE_WINNERS_QUERY, edition=EDITION, number=number, category=category(slug))
    assert {r["winner"] for r in found} == {str(person(name)) for name in winners}


@pytest.mark.parametrize(("number", "slug", "winners"), STAGE_WINNER_CASES)
def test_stage_winners_are_first_in_the_stage_results(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, winners: list[str]
) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=number,
        category=category(slug),
        position=1,
    )
    assert {r["driver"] for r in found} == {str(person(name)) for name in winners}


@pytest.mark.parametrize(
    ("number", "slug", "winners", "seconds"),
    [
        (1, "motorcycles", ["Giovanni Sala", "Nani Roma"], hms(0, 3, 37)),
        (20, "motorcycles", ["Kari Tiainen", "Giovanni Sala"], hms(0, 15, 48)),
        (20, "cars", ["Jean-Louis Schlesser", "Jose Maria Servia"], hms(0, 18, 42)),
    ],
)
def test_tied_stage_winners_are_both_recorded(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, winners: list[str], seconds: int
) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=number,
        category=category(slug),
        position=1,
    )
    assert {r["driver"] for r in found} == {str(person(name)) for name in winners}
    assert all(r["tied"] is True for r in found)
    assert {r["time"] for r in found} - {None} == {seconds}


def check_lines(found: list[dict[str, object]], expected: list[Line], person: Person) -> None:
    """Assert that each expected line is a result of `found` as printed."""
    by_driver = {r["driver"]: r for r in found}
    assert len(by_driver) == len(found), "one result per entry"
    for position, name, time, gap, tied in expected:
        result = by_driver[str(person(name))]
        assert result["position"] == position, name
        if time is not None:
            assert result["time"] == time, name
        if gap is not None:
            assert result["gap"] == gap, name
        assert (result["tied"] is True) == tied, name


@pytest.mark.parametrize(
    ("key", "expected"), [pytest.param(key, lines, id=f"stage{key[0]}-{key[1]}") for key, lines in STAGE_RESULTS.items()]
)
def test_stage_result_lines_keep_positions_times_gaps_and_ties(
    dakar: Build, rows: Rows, person: Person, key: tuple[int, str], expected: list[Line]
) -> None:
    number, slug = key
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.StageClassification,
        link=RALLY.classifiedStage,
        edition=EDITION,
        number=number,
        category=category(slug),
    )
    check_lines(found, expected, person)


@pytest.mark.parametrize(
    ("key", "expected"), [pytest.param(key, lines, id=f"after{key[0]}-{key[1]}") for key, lines in GC_RESULTS.items()]
)
def test_general_classification_top_three_as_printed(
    dakar: Build, rows: Rows, person: Person, key: tuple[int, str], expected: list[Line]
) -> None:
    number, slug = key
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.GeneralClassification,
        link=RALLY.afterStage,
        edition=EDITION,
        number=number,
        category=category(slug),
    )
    check_lines(found, expected, person)
    assert {r["classification"] for r in found} == {f"{EDITION}/stage/{number}/{slug}/general"}


@pytest.mark.parametrize(("number", "slug", "leaders"), GC_LEADER_CASES)
def test_general_classification_leader_after_each_stage(
    dakar: Build, rows: Rows, person: Person, number: int, slug: str, leaders: list[str]
) -> None:
    found = rows(
        dakar.dataset,
        RESULTS_QUERY,
        kind=RALLY.GeneralClassification,
        link=RALLY.afterStage,
        edition=EDITION,
        number=number,
        category=category(slug),
        position=1,
    )
    assert {r["driver"] for r in found} == {str(person(name)) for name in leaders}


def test_times_and_gaps_are_xsd_durations(dakar: Build, rows: Rows) -> None:
    result = URIRef(f"{EDITION}/stage/10/trucks/result/gilbert-versino")
    found = rows(dakar.dataset, TIME_DATATYPES_QUERY, result=result)
    xsd_duration = "http://www.w3.org/2001/XMLSchema#duration"
    assert [(r["timeType"], r["gapType"]) for r in found] == [(xsd_duration, xsd_duration)]


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


# --- IRIs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("subject", "predicate", "value"), IRI_CASES)
def test_resources_have_the_iris_of_the_data_model(
    dakar: Build, rows: Rows, subject: str, predicate: URIRef, value: object
) -> None:
    found = rows(dakar.dataset, OBJECTS_QUERY, subject=URIRef(subject), predicate=predicate)
    assert value in {r["object"] for r in found}


@pytest.mark.parametrize(("resource", "lines"), PROVENANCE_CASES)
def test_fact_is_traced_to_the_lines_that_state_it(dakar: Build, rows: Rows, resource: str, lines: set[int]) -> None:
    found = rows(dakar.graph("metadata"), SOURCE_LINES_QUERY, resource=URIRef(resource))
    assert {r["line"] for r in found} >= lines


# --- The graph a SPARQL writer meets ---------------------------------------------------------

UNLABELLED_QUERY = """
SELECT DISTINCT ?item WHERE {
  GRAPH ?graph { ?item ?p ?o }
  FILTER (isIRI(?item) && NOT EXISTS { ?item rdfs:label ?label })
}"""
LABEL_LANGUAGES_QUERY = """
SELECT DISTINCT (LANG(?label) AS ?language) WHERE { ?item rdfs:label|skos:altLabel ?label }"""
SENTENCE_LANGUAGES_QUERY = """
SELECT DISTINCT (LANG(?text) AS ?language) WHERE { ?item rally:reason|rally:note|rally:message|rdfs:comment ?text }"""


@pytest.mark.parametrize("graph", ["asserted", "metadata"])
def test_every_resource_of_the_data_has_a_label(dakar: Build, rows: Rows, graph: str) -> None:
    # results, vehicles, crew listings, name variants and source lines included
    assert rows(dakar.dataset, UNLABELLED_QUERY, graph=URIRef(f"{BASE}graph/{graph}")) == []


def test_names_are_plain_strings_and_sentences_english(dakar: Build, rows: Rows) -> None:
    for graph in ("asserted", "metadata"):
        assert {r["language"] for r in rows(dakar.graph(graph), LABEL_LANGUAGES_QUERY)} == {""}
        assert {r["language"] for r in rows(dakar.graph(graph), SENTENCE_LANGUAGES_QUERY)} == {"en"}
    # so a label written as a plain string finds the category (docs/data-model.md)
    assert rows(dakar.dataset, "SELECT ?c WHERE { ?c a rally:Category ; rdfs:label 'Cars' }") == [{"c": f"{BASE}category/cars"}]


def test_every_table_row_of_the_article_is_loaded(dakar: Build) -> None:
    coverage = dakar.coverage["data/2001_Dakar_Rally.txt"]
    # the stage table (lines 22-44: 23 rows), the results tables (lines 102-161, 166-228, 231-292: 60 + 63 + 62),
    # the final standings (lines 297-307, 310-320, 323-328: 11 + 11 + 6)
    assert (coverage.rows, coverage.loaded, coverage.reported) == (23 + 60 + 63 + 62 + 11 + 11 + 6, 236, ())
