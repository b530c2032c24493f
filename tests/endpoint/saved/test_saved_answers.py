"""Every saved query, run through the API, against answers read off data/2001_Dakar_Rally.txt by hand.

The line numbers in the comments are those of the article; no expected value comes from the loader.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest

from tests.endpoint.support import hms

if TYPE_CHECKING:
    from tests.endpoint.support import Ask

BASE = "http://127.0.0.1:5000/id/"


def _column(rows: list[dict[str, object]], name: str) -> list[object]:
    return [row.get(name) for row in rows]


# --- winners (lines 8-15, 298, 311-312, 324-325) ----------------------------------------------------------------------


def test_winners_give_each_category_its_crew_make_entrant_time_and_margin(ask: Ask) -> None:
    rows = ask("winners")
    by_category: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_category.setdefault(str(row["categoryLabel"]), []).append(row)
    assert set(by_category) == {"Cars", "Motorcycles", "Trucks"}
    cars = by_category["Cars"]
    assert [(r["person"], r["role"], r["countryCode"]) for r in cars] == [
        ("Jutta Kleinschmidt", "driver or rider", "DEU"),
        ("Andreas Schulz", "co-driver", "DEU"),
    ]
    assert {(r["raceNumber"], r["make"], r["entrant"], hms(int(str(r["timeSeconds"])))) for r in cars} == {
        (205, "Mitsubishi", "Mitsubishi Ralliart Germany", "70:42:06")
    }
    assert {hms(int(str(r["marginSeconds"]))) for r in cars} == {"2:39"}
    [bike] = by_category["Motorcycles"]
    assert (bike["person"], bike["country"], bike["make"], bike["entrant"]) == (
        "Fabrizio Meoni",
        "Italy",
        "KTM",
        "KTM Factory Team",
    )
    assert (hms(int(str(bike["timeSeconds"]))), hms(int(str(bike["marginSeconds"])))) == ("70:01:08", "25:10")
    trucks = by_category["Trucks"]
    assert [r["person"] for r in trucks] == ["Karel Loprais", "Josef Kalina", "Petr Hamerla"]
    assert [r["role"] for r in trucks] == ["driver or rider", "co-driver", "co-driver"]  # "Co-Drivers", line 323
    assert {(r["make"], r["countryCode"], r["raceNumber"]) for r in trucks} == {("Tatra", "CZE", 425)}
    assert all("entrant" not in r for r in trucks)  # the trucks' final table has no entrant column
    assert {hms(int(str(r["timeSeconds"]))) for r in trucks} == {"93:40:37"}
    assert {hms(int(str(r["marginSeconds"]))) for r in trucks} == {"8:09:15"}


# --- stages (lines 22-47) ---------------------------------------------------------------------------------------------


def test_stages_list_twenty_stages_in_order_with_the_rest_day_in_its_place(ask: Ask) -> None:
    rows = ask("stages")
    assert len(rows) == 21
    assert [r.get("stage") for r in rows] == [*range(1, 11), None, *range(11, 21)]
    rest = rows[10]
    assert (rest["kind"], rest["date"], rest["start"], rest["finish"]) == ("rest day", "2001-01-11", "Atar", "Atar")
    assert [r["date"] for r in rows] == [f"2001-01-{day:02d}" for day in range(1, 22)]


def test_stages_give_towns_countries_and_distances(ask: Ask) -> None:
    rows = {r.get("stage"): r for r in ask("stages")}
    assert (rows[1]["start"], rows[1]["startCountry"], rows[1]["finish"], rows[1]["finishCountry"], rows[1]["distanceKm"]) == (
        "Paris",
        "FRA",
        "Narbonne",
        "FRA",
        "916",
    )
    assert (rows[7]["start"], rows[7]["finish"], rows[7]["finishCountry"], rows[7]["distanceKm"]) == (
        "Guelmim",
        "Smara",
        "ESH/MAR",
        "489",
    )
    assert (rows[16]["start"], rows[16]["finish"], rows[16]["finishCountry"]) == ("Néma", "Bamako", "MLI")
    assert (rows[19]["finish"], rows[19]["finishCountry"], rows[20]["distanceKm"]) == ("Dakar", "SEN", "95")


def test_stages_mark_the_loop_stages(ask: Ask) -> None:
    loops = [r["stage"] for r in ask("stages") if r.get("loop") is True]
    assert loops == [9, 13, 20]  # the rows that give one town: lines 32, 37, 44


def test_stages_give_the_cancellation_for_bikes_with_its_reasons(ask: Ask) -> None:
    cancelled = [r for r in ask("stages") if r.get("cancelledFor")]
    assert [(r["stage"], r["cancelledFor"]) for r in cancelled] == [(3, "Motorcycles")]
    reasons = set(str(cancelled[0]["reasons"]).split(" | "))
    assert reasons == {
        "a sanctioning fee dispute between the race organisers and the Spanish Motorcycle Federation",  # line 46
        "a dispute over sanctioning fees",  # line 110
    }
    assert not any(r.get("noContestFor") for r in ask("stages"))  # nothing neutralised in 2001


# --- stage-winners (lines 24-44 and the stage results) ----------------------------------------------------------------


def test_stage_7_cars_was_won_by_masuoka_and_maimon_in_a_mitsubishi(ask: Ask) -> None:
    [row] = ask("stage-winners", stage=7, category="cars")
    assert (row["driver"], row["coDriver"], row["make"], row["tied"]) == ("Hiroshi Masuoka", "Pascal Maimon", "Mitsubishi", False)
    assert row["time"] == "PT4H1M31S"  # 4:01:31, line 187


def test_stage_winners_without_a_category_give_every_category(ask: Ask) -> None:
    rows = ask("stage-winners", stage=7)
    assert {(r["categoryLabel"], r["driver"]) for r in rows} == {
        ("Motorcycles", "Isidre Esteve"),
        ("Cars", "Hiroshi Masuoka"),
        ("Trucks", "Karel Loprais"),
    }
    [truck] = [r for r in rows if r["categoryLabel"] == "Trucks"]
    # the truck standings head both further members "Co-Drivers" (line 323)
    assert (truck["coDriver"], truck.get("furtherCrew"), truck["make"]) == ("Josef Kalina, Petr Hamerla", None, "Tatra")


@pytest.mark.parametrize(
    ("stage", "category", "winners"),
    [
        (1, "bikes", {"Giovanni Sala", "Nani Roma"}),  # line 24: "G. Sala ESP N. Roma"; line 105 the tied row
        (20, "Bikes", {"Kari Tiainen", "Giovanni Sala"}),  # lines 44, 160
        (20, "CARS", {"Jose Maria Servia", "Jean-Louis Schlesser"}),  # lines 44, 227
    ],
)
def test_stage_winners_include_both_crews_of_a_tie(ask: Ask, stage: int, category: str, winners: set[str]) -> None:
    rows = ask("stage-winners", stage=stage, category=category)
    assert {r["driver"] for r in rows} == winners
    assert all(r["tied"] is True for r in rows)


def test_stage_3_has_no_bike_winner_because_it_was_cancelled(ask: Ask) -> None:
    assert ask("stage-winners", stage=3, category="motorcycles") == []
    assert {r["driver"] for r in ask("stage-winners", stage=3)} == {"Jean-Pierre Fontenay", "André de Azevedo"}


# --- standings (lines 194-196, 297-328) -------------------------------------------------------------------------------


def test_final_bike_standings_give_meoni_then_arcarons_and_de_gavardo_with_their_gaps(ask: Ask) -> None:
    rows = ask("standings", category="bikes")
    assert len(rows) == 10
    top = [(r["position"], r["driver"]) for r in rows[:3]]
    assert top == [(1, "Fabrizio Meoni"), (2, "Jordi Arcarons"), (3, "Carlo de Gavardo")]
    assert hms(int(rows[0]["timeSeconds"])) == "70:01:08"
    assert [hms(int(r["gapSeconds"])) for r in rows[1:3]] == ["25:10", "44:11"]
    assert (rows[9]["driver"], rows[9]["raceNumber"], rows[9]["entrant"]) == ("Bernardo Vilar", 18, "Vitamina R Telecel")


def test_final_truck_standings_give_five_crews_with_their_gaps(ask: Ask) -> None:
    rows = ask("standings", category="trucks")
    assert [(r["position"], r["raceNumber"], r["driver"]) for r in rows] == [
        (1, 425, "Karel Loprais"),
        (2, 400, "Yoshimasa Sugawara"),
        (3, 406, "Peter Reif"),
        (4, 414, "François Marcheix"),
        (5, 434, "Corrado Pattono"),
    ]
    assert [hms(int(r["gapSeconds"])) for r in rows[1:]] == ["8:09:15", "16:34:08", "18:43:22", "19:32:12"]
    # the source prints the winner's time and the others' gaps: each total is 93:40:37 plus the gap, marked as derived
    assert [(hms(int(r["timeSeconds"])), r["timeDerived"]) for r in rows] == [
        ("93:40:37", False),
        ("101:49:52", True),
        ("110:14:45", True),
        ("112:23:59", True),
        ("113:12:49", True),
    ]


def test_general_classification_top_three_of_cars_after_stage_9(ask: Ask) -> None:
    rows = ask("standings", category="cars", after_stage=9, limit=3)
    assert [(r["position"], r["driver"]) for r in rows] == [
        (1, "Jose Maria Servia"),
        (2, "Hiroshi Masuoka"),
        (3, "Jean-Pierre Fontenay"),
    ]
    assert hms(int(rows[0]["timeSeconds"])) == "23:35:58"
    assert [hms(int(r["gapSeconds"])) for r in rows[1:]] == ["9:54", "18:59"]
    assert {r["after_stage"] for r in rows} == {9}


def test_standings_after_a_stage_cancelled_for_bikes_are_empty(ask: Ask) -> None:
    assert ask("standings", category="bikes", after_stage=3) == []  # line 110: no general classification either


# --- leaders (general classification, first place) --------------------------------------------------------------------


def test_leaders_of_cars_after_each_stage_and_the_lead_changes(ask: Ask) -> None:
    rows = ask("leaders", category="cars")
    leaders = {r["stage"]: r["leader"] for r in rows}
    assert leaders[9] == "Jose Maria Servia"  # line 193
    assert [leaders[n] for n in range(1, 21)] == [
        "Jose Maria Servia",
        *["Jean-Louis Schlesser"],
        "Hiroshi Masuoka",
        *["Jean-Louis Schlesser"] * 3,
        *["Jose Maria Servia"] * 3,
        *["Hiroshi Masuoka"] * 9,
        *["Jutta Kleinschmidt"] * 2,
    ]
    assert [r["stage"] for r in rows if r["leadChange"]] == [2, 3, 4, 7, 10, 19]
    [after_19] = [r for r in rows if r["stage"] == 19]
    assert after_19["previousLeaders"] == "Hiroshi Masuoka"


def test_leaders_of_bikes_share_the_lead_after_stage_1_and_skip_the_cancelled_stage(ask: Ask) -> None:
    rows = ask("leaders", category="motorcycles")
    assert {r["leader"] for r in rows if r["stage"] == 1} == {"Giovanni Sala", "Nani Roma"}  # lines 104-105
    assert 3 not in {r["stage"] for r in rows}
    assert [r["stage"] for r in rows if r["leadChange"]] == [2, 10]  # Sainct, then Meoni (line 129)


def test_leaders_of_trucks_change_hands_four_times(ask: Ask) -> None:
    rows = ask("leaders", category="trucks")
    assert [(r["stage"], r["leader"]) for r in rows if r["leadChange"]] == [
        (2, "Vladimir Chagin"),
        (7, "Firdaus Kabirov"),
        (9, "André de Azevedo"),
        (10, "Karel Loprais"),
    ]


# --- stage-wins, manufacturer-wins ------------------------------------------------------------------------------------


def test_karel_loprais_won_eight_truck_stages(ask: Ask) -> None:
    rows = ask("stage-wins", category="trucks")
    wins = {r["competitor"]: r["wins"] for r in rows}
    assert wins == {
        "Karel Loprais": 8,  # stages 7, 9, 10, 13, 14, 15, 17, 20
        "Vladimir Chagin": 5,  # 2, 4, 5, 6, 12
        "Peter Reif": 3,  # 11, 18, 19
        "Firdaus Kabirov": 2,  # 1, 8
        "André de Azevedo": 1,  # 3
        "Corrado Pattono": 1,  # 16
    }
    assert rows[0]["stages"] == "7, 9, 10, 13, 14, 15, 17, 20"


def test_stage_wins_count_a_shared_win_for_each_rider(ask: Ask) -> None:
    wins = {r["competitor"]: r["wins"] for r in ask("stage-wins", category="bikes")}
    assert wins["Giovanni Sala"] == 4  # 1 (shared), 17, 19, 20 (shared)
    assert wins["Kari Tiainen"] == 4  # 13, 14, 15, 20 (shared)
    assert wins["Nani Roma"] == 3  # 1 (shared), 6, 8
    assert sum(wins.values()) == 19 + 2  # 19 stages run, two of them shared


def test_stage_wins_of_cars(ask: Ask) -> None:
    wins = {r["competitor"]: r["wins"] for r in ask("stage-wins", category="cars")}
    assert wins == {
        "Jean-Louis Schlesser": 7,
        "Jose Maria Servia": 5,
        "Hiroshi Masuoka": 5,
        "Carlos Sousa": 2,
        "Jean-Pierre Fontenay": 1,
        "Jutta Kleinschmidt": 1,
    }


def test_manufacturer_wins_per_category(ask: Ask) -> None:
    wins = {(r["categoryLabel"], r["make"]): r["wins"] for r in ask("manufacturer-wins")}
    assert wins == {
        ("Cars", "Schlesser-Renault"): 11,
        ("Cars", "Mitsubishi"): 9,
        ("Motorcycles", "KTM"): 16,
        ("Motorcycles", "BMW"): 4,  # stage 1 shared with KTM
        ("Trucks", "Tatra"): 9,
        ("Trucks", "Kamaz"): 7,
        ("Trucks", "MAN"): 3,
        ("Trucks", "Mercedes-Benz"): 1,
    }
    assert {r["make"]: r["wins"] for r in ask("manufacturer-wins", category="cars")} == {"Schlesser-Renault": 11, "Mitsubishi": 9}


# --- crew, people-by-country, entries ---------------------------------------------------------------------------------


def test_crew_425_is_loprais_kalina_and_hamerla_in_a_tatra(ask: Ask) -> None:
    rows = ask("crew", number=425)
    assert [(r["person"], r["role"], r["countryCode"]) for r in rows] == [
        ("Karel Loprais", "driver or rider", "CZE"),
        ("Josef Kalina", "co-driver", "CZE"),
        ("Petr Hamerla", "co-driver", "CZE"),  # "Co-Drivers" (line 323)
    ]
    assert {(r["make"], r["model"], r["categoryLabel"]) for r in rows} == {("Tatra", "815", "Trucks")}  # line 324


def test_crew_of_a_number_given_to_two_drivers_lists_both_crews(ask: Ask) -> None:
    rows = ask("crew", number=203)  # line 71: Kenjiro Shinozuka; line 312: Hiroshi Masuoka
    assert {r["person"] for r in rows} == {"Kenjiro Shinozuka", "Fred Gallagher", "Hiroshi Masuoka", "Pascal Maimon"}
    assert {r["entrant"] for r in rows if r["person"] == "Hiroshi Masuoka"} == {"Nisseki Mitsubishi Ralliart"}


def test_crew_205_has_its_entrant(ask: Ask) -> None:
    rows = ask("crew", number=205)
    assert [r["person"] for r in rows] == ["Jutta Kleinschmidt", "Andreas Schulz"]
    assert {r["entrant"] for r in rows} == {"Mitsubishi Ralliart Germany"}


def test_crew_of_an_unknown_number_is_empty(ask: Ask) -> None:
    assert ask("crew", number=999) == []


@pytest.mark.parametrize("country", ["DEU", "GER", "Germany", "germany", "deu"])
def test_people_from_germany_by_iso_code_ioc_code_or_name(ask: Ask, country: str) -> None:
    rows = ask("people-by-country", country=country)
    assert {r["name"] for r in rows} == {"Jutta Kleinschmidt", "Andreas Schulz", "Holger Hermann Roth"}  # lines 8, 263


@pytest.mark.parametrize(
    ("country", "names"), [("POR", {"Carlos Sousa", "Bernardo Vilar"}), ("RSA", {"Alfie Cox"}), ("ZAF", {"Alfie Cox"})]
)
def test_people_by_ioc_codes_the_source_uses(ask: Ask, country: str, names: set[str]) -> None:
    assert {r["name"] for r in ask("people-by-country", country=country)} == names


def test_people_from_a_country_nobody_came_from_is_an_empty_answer(ask: Ask) -> None:
    assert ask("people-by-country", country="Canada") == []


def test_truck_entries_give_race_numbers_crews_and_makes(ask: Ask) -> None:
    rows = ask("entries", category="trucks")
    numbered = {r["raceNumber"]: (r["driver"], r["make"]) for r in rows if "raceNumber" in r}
    assert numbered == {
        400: ("Yoshimasa Sugawara", "Hino"),
        403: ("Gilbert Versino", "Hino"),
        406: ("Peter Reif", "MAN"),
        414: ("François Marcheix", "Mercedes-Benz"),
        424: ("Vladimir Chagin", "Kamaz"),
        425: ("Karel Loprais", "Tatra"),
        426: ("Firdaus Kabirov", "Kamaz"),
        427: ("André de Azevedo", "Tatra"),
        428: ("Rafael Tibau", "Kamaz"),
        434: ("Corrado Pattono", "Mercedes-Benz"),
    }
    unnumbered = {r["driver"] for r in rows if "raceNumber" not in r}
    assert unnumbered == {"Guido Toni", "Sergey Guiria"}  # only in the stage results (lines 235, 250)


def test_entries_of_every_category_name_the_manufacturers(ask: Ask) -> None:
    makes = {(r["categoryLabel"], r["make"]) for r in ask("entries") if "make" in r}
    assert {("Motorcycles", "Honda"), ("Cars", "Ford"), ("Cars", "Volkswagen"), ("Trucks", "Hino")} <= makes
    assert ("Cars", "Mercedes-Benz") in makes  # line 85: "Mercedes", the trucks' Mercedes-Benz
    assert {"Motorcycles", "Cars", "Trucks"} == {c for c, _ in makes}


# --- route-countries, ties, source-problems, name-variants ------------------------------------------------------------


def test_route_countries_in_order_of_first_visit(ask: Ask) -> None:
    rows = ask("route-countries")
    assert [r["iso3"] for r in rows] == ["FRA", "ESP", "MAR", "ESH", "MRT", "MLI", "SEN"]
    assert [r["order"] for r in rows] == list(range(1, 8))
    assert {r["iso3"]: r.get("ioc") for r in rows}["MRT"] == "MTN"


def test_ties_are_every_shared_position(ask: Ask) -> None:
    rows = ask("ties")
    ties = Counter((r["categoryLabel"], r["stage"], r["kind"], r["position"]) for r in rows)
    assert ties == {
        ("Motorcycles", 1, "stage result", 1): 2,  # line 105
        ("Motorcycles", 1, "general classification", 1): 2,
        ("Motorcycles", 6, "stage result", 2): 2,  # line 119
        ("Motorcycles", 20, "stage result", 1): 2,  # line 160
        ("Cars", 1, "stage result", 3): 2,  # line 171
        ("Cars", 1, "general classification", 3): 2,
        ("Cars", 20, "stage result", 1): 2,  # line 227
    }
    assert {r["driver"] for r in rows if r["categoryLabel"] == "Cars" and r["stage"] == 1} == {
        "Kenjiro Shinozuka",
        "Hiroshi Masuoka",
    }


def test_source_problems_report_what_does_not_add_up(ask: Ask) -> None:
    rows = ask("source-problems")
    by_line = {(r.get("line"), r["code"]): r for r in rows}
    conflict = by_line[(312, "race-number-conflict")]  # 203 is Shinozuka on line 71 and Masuoka on line 312
    assert "203" in str(conflict["message"])
    assert set(str(conflict["concerns"]).split(", ")) == {"Kenjiro Shinozuka", "Hiroshi Masuoka"}
    assert (17, "length-mismatch") in by_line  # 6600 miles against 10,739 km of stages
    assert (314, "missing-space") in by_line  # "BELJean-Marie Lurquin"
    assert (228, "gap-mismatch") in by_line  # Schlesser +23:39 after stage 20, +23:29 in the final standings
    penalties = {r["concerns"] for r in rows if r["code"] == "penalty-mismatch"}  # one hour, 60-minute, 1 hour and 6 minutes
    assert penalties == {"Jean-Louis Schlesser", "Jose Maria Servia"}


def test_name_variants_list_every_spelling_of_a_resource(ask: Ask) -> None:
    rows = ask("name-variants")
    spellings: dict[str, set[str]] = {}
    for row in rows:
        spellings.setdefault(str(row["label"]), set()).add(str(row["spelling"]))
    assert spellings["Karel Loprais"] == {"Karel Loprais", "K. Loprais"}
    assert spellings["Jean-Louis Schlesser"] == {"Jean-Louis Schlesser", "Jean Louis Schlesser", "J-L. Schlesser"}
    assert spellings["Schlesser-Renault"] == {"Schlesser-Renault", "Schelesser-Renault"}  # line 75
    assert spellings["Mercedes-Benz"] == {"Mercedes-Benz", "Mercedes"}  # line 85
    assert spellings["Carlos Sousa"] == {"Carlos Sousa", "C. Sousa", "Carlos Souza"}  # lines 40, 74
    assert spellings["Isidre Esteve"] == {"Isidre Esteve", "I. Esteve", "Isidre Esteve Pujol"}  # lines 30, 59
    assert "Andreas Schulz" not in spellings  # one spelling only
    assert all(int(str(r["spellings"])) == len(spellings[str(r["label"])]) for r in rows)


# --- describe, source-lines, edition, distance ------------------------------------------------------------------------


@pytest.mark.parametrize("iri", ["person/karel-loprais", f"{BASE}person/karel-loprais", "Karel Loprais", "K. Loprais"])
def test_describe_a_person_by_iri_path_or_name(ask: Ask, iri: str) -> None:
    rows = ask("describe", iri=iri)
    facts = {(r["direction"], r["property"].rsplit("#", 1)[-1].rsplit("/", 1)[-1], r["value"], r["graph"]) for r in rows}
    assert ("out", "label", "Karel Loprais", "asserted") in facts
    assert ("out", "countryForSport", f"{BASE}country/CZE", "asserted") in facts
    assert ("in", "driver", f"{BASE}edition/2001-dakar-rally/entry/trucks/karel-loprais", "asserted") in facts
    assert ("out", "competedWithMake", f"{BASE}manufacturer/tatra", "inferred") in facts
    assert any(d == "out" and p == "wasDerivedFrom" and g == "metadata" for d, p, _, g in facts)
    assert {r["iri"] for r in rows} == {f"{BASE}person/karel-loprais"}


def test_source_lines_of_a_person(ask: Ask) -> None:
    rows = ask("source-lines", iri="Karel Loprais")
    lines = {r["line"]: r["text"] for r in rows}
    assert {14, 93, 324} <= set(lines)
    assert lines[93] == "- 425 Karel Loprais"
    assert str(lines[324]).startswith("| 1 | 425 | CZE Karel Loprais |")


def test_edition_gives_its_neighbours_and_series(ask: Ask) -> None:
    [row] = ask("edition")
    assert (row["editionLabel"], row["year"], row["editionNumber"]) == ("2001 Dakar Rally", 2001, 23)  # line 17: 23rd running
    assert row["edition"] == f"{BASE}edition/2001-dakar-rally"
    assert (row["previousEdition"], row["nextEdition"], row["series"]) == ("2000 Dakar Rally", "2002 Dakar Rally", "Dakar Rally")
    assert (row["startDate"], row["endDate"]) == ("2001-01-01", "2001-01-21")
    assert "2001 Paris–Dakar Rally" in str(row["otherTitles"])


def test_distance_of_the_stages_against_the_stated_length(ask: Ask) -> None:
    [row] = ask("distance")
    assert (row["stages"], float(str(row["stagesKm"])), row["statedLength"]) == (20, 10739, "6600 miles")  # lines 24-44, 17
    assert round(float(str(row["statedLengthKm"]))) == 10622  # 6600 miles
    assert round(float(str(row["differenceKm"]))) == 117


# --- inference --------------------------------------------------------------------------------------------------------


def test_inferred_only_finds_winning_results_without_asking_for_position(ask: Ask) -> None:
    rows = ask("inferred-only", category="trucks")
    kinds = Counter(str(r["kind"]) for r in rows)
    assert kinds == {"stage win": 20, "leader after the stage": 20, "final winner": 1}  # no tie among the trucks
    assert sum(1 for r in rows if r["kind"] == "stage win" and r["driver"] == "Karel Loprais") == 8
    assert {r["make"] for r in rows if r["kind"] == "final winner"} == {"Tatra"}


def test_part_of_climbs_from_a_stage_to_the_series(ask: Ask) -> None:
    rows = ask("part-of", event="edition/2001-dakar-rally/stage/7")
    assert {(r["wholeKind"], r["wholeLabel"]) for r in rows} == {("edition", "2001 Dakar Rally"), ("series", "Dakar Rally")}


@pytest.mark.parametrize(
    ("make", "people"),
    [
        ("Tatra", {"Karel Loprais", "Josef Kalina", "Petr Hamerla", "André de Azevedo", "Tomáš Tomeček", "Jaromír Martinec"}),
        ("Schelesser-Renault", {"Jean-Louis Schlesser", "Henri Magne", "Jose Maria Servia", "Jean-Marie Lurquin", "Luc Alphand"}),
    ],
)
def test_people_by_make_through_the_inferred_chain(ask: Ask, make: str, people: set[str]) -> None:
    assert {r["name"] for r in ask("people-by-make", make=make)} == people


def test_schema_org_events_are_the_stages(ask: Ask) -> None:
    rows = ask("schema-org-events")
    assert len(rows) == 20
    assert [r["startDate"] for r in rows][9:11] == ["2001-01-10", "2001-01-12"]  # the rest day is not a sports event
    stage_7 = [r for r in rows if r["startDate"] == "2001-01-07"][0]
    assert set(str(stage_7["locations"]).split(", ")) == {"Guelmim", "Smara"}
    assert {r["superEventName"] for r in rows} == {"2001 Dakar Rally"}


# --- editions, career ---------------------------------------------------------------------------------------------------


def test_editions_give_the_covered_edition_with_its_winners_and_the_mentioned_ones_apart(ask: Ask) -> None:
    rows = ask("editions")
    assert [(r["editionLabel"], r["covered"]) for r in rows if not r["covered"]] == [
        ("2000 Dakar Rally", False),  # line 4: "Previous Round"
        ("2002 Dakar Rally", False),  # line 5: "Next Round"
    ]
    covered = [r for r in rows if r["covered"]]
    assert {(r["editionLabel"], r["series"], r["year"], r["startDate"], r["endDate"], r["stages"]) for r in covered} == {
        ("2001 Dakar Rally", "Dakar Rally", 2001, "2001-01-01", "2001-01-21", 20)  # lines 22-44
    }
    winners = {(r["categoryLabel"], r["winner"], r.get("coDriver"), r["make"], hms(int(r["timeSeconds"]))) for r in covered}
    assert winners == {
        ("Cars", "Jutta Kleinschmidt", "Andreas Schulz", "Mitsubishi", "70:42:06"),  # line 311
        ("Motorcycles", "Fabrizio Meoni", None, "KTM", "70:01:08"),  # line 298
        ("Trucks", "Karel Loprais", "Josef Kalina, Petr Hamerla", "Tatra", "93:40:37"),  # line 324
    }


@pytest.mark.parametrize("person", ["Karel Loprais", "k. loprais", "person/karel-loprais", f"{BASE}person/karel-loprais"])
def test_career_of_karel_loprais_by_any_spelling(ask: Ask, person: str) -> None:
    [row] = ask("career", person=person)
    assert (row["name"], row["editionLabel"], row["categoryLabel"], row["raceNumber"], row["role"], row["make"]) == (
        "Karel Loprais",
        "2001 Dakar Rally",
        "Trucks",
        425,  # line 93
        "driver or rider",
        "Tatra",
    )
    assert (row["finalPosition"], hms(int(row["finalTimeSeconds"]))) == (1, "93:40:37")  # line 324
    assert (row["stageWins"], row["stagesWon"]) == (8, "7, 9, 10, 13, 14, 15, 17, 20")  # lines 30-44


def test_career_of_a_driver_outside_the_final_standings_counts_his_stage_win(ask: Ask) -> None:
    [row] = ask("career", person="andre de azevedo")  # accents and case do not matter: "André de Azevedo"
    assert (row["name"], row["raceNumber"], row["stageWins"], row["stagesWon"]) == ("André de Azevedo", 427, 1, "3")
    assert "finalPosition" not in row  # not among the five finishers of lines 324-328
