"""The bundled 2001 Dakar Rally article: its IRIs and every expected value, read off the article by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest
from rdflib import Namespace, URIRef

if TYPE_CHECKING:
    pass


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
