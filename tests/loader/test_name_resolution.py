"""One resource per real person, maker and place of the 2001 article, however the source spells it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from rdflib import URIRef

if TYPE_CHECKING:
    from tests.conftest import Build, Rows

BASE = "http://127.0.0.1:5000/id/"  # loader.pipeline.DEFAULT_BASE
EDITION = URIRef(BASE + "edition/2001-dakar-rally")

Person = Callable[[str], URIRef]

LABELS_QUERY = """
SELECT DISTINCT ?kind ?label WHERE {
  { ?resource rdfs:label ?label BIND ("preferred" AS ?kind) }
  UNION
  { ?resource skos:altLabel ?label BIND ("alternative" AS ?kind) }
}"""

PERSONS_QUERY = "SELECT DISTINCT ?person WHERE { ?person a rally:Person }"

PERSONS_NAMED_LIKE_QUERY = """
SELECT DISTINCT ?person WHERE {
  ?person a rally:Person .
  { ?person rdfs:label ?label } UNION { ?person skos:altLabel ?label }
  FILTER (REGEX(STR(?label), ?pattern, "i"))
}"""

PREFERRED_PERSON_LABELS_QUERY = """
SELECT DISTINCT ?person ?label WHERE { ?person a rally:Person ; rdfs:label ?label }"""

NAME_VARIANT_QUERY = """
SELECT DISTINCT ?variant ?resource ?rule WHERE {
  ?variant a rally:NameVariant ; rally:spelling ?spelling ; rally:variantOf ?resource .
  OPTIONAL { ?variant rally:resolvedBy ?rule }
  FILTER (STR(?spelling) = ?name)
}"""

RESOLUTION_RULES_QUERY = """
SELECT DISTINCT ?rule WHERE { ?variant a rally:NameVariant ; rally:resolvedBy ?rule }"""

MANUFACTURER_QUERY = """
SELECT DISTINCT ?manufacturer WHERE {
  ?manufacturer a rally:Manufacturer .
  { ?manufacturer rdfs:label ?label } UNION { ?manufacturer skos:altLabel ?label }
  FILTER (STR(?label) = ?name)
}"""

MANUFACTURERS_QUERY = "SELECT DISTINCT ?manufacturer WHERE { ?manufacturer a rally:Manufacturer }"

ENTRY_MAKER_QUERY = """
SELECT DISTINCT ?manufacturer ?model WHERE {
  ?entry rally:entryIn ?edition ; rally:driver ?driver ; rally:vehicle ?vehicle .
  ?vehicle rally:manufacturer ?manufacturer .
  OPTIONAL { ?vehicle rally:model ?model }
}"""

ENTRIES_QUERY = """
SELECT DISTINCT ?entry ?number WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category .
  OPTIONAL { ?entry rally:raceNumber ?number }
}"""

DRIVER_ENTRY_QUERY = """
SELECT DISTINCT ?entry ?number WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:driver ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
}"""

TOWNS_QUERY = """
SELECT DISTINCT ?place ?label WHERE {
  ?place a rally:Place ; rdfs:label ?label .
  FILTER NOT EXISTS { ?place a rally:Country }
}"""

ENTRANT_OR_MAKER_QUERY = """
SELECT DISTINCT ?resource ?type WHERE {
  ?resource rdfs:label ?label ; a ?type .
  VALUES ?type { rally:Manufacturer rally:Entrant }
  FILTER (STR(?label) = ?name)
}"""

NATIONALITY_CODE_QUERY = """
SELECT DISTINCT ?code WHERE { ?person rally:countryForSport/rally:iso3166Alpha3 ?code }"""

# Every spelling of one person in the source (the code before the name left out).
SAME_PERSON = {
    "carlos-sousa": ["Carlos Sousa", "Carlos Souza", "C. Sousa"],  # lines 198, 74, 40
    "jean-pierre-fontenay": ["Jean-Pierre Fontenay", "Jean Pierre Fontenay", "J-P. Fontenay"],  # 175, 70, 26
    "jose-maria-servia": ["Jose Maria Servia", "J. M. Servia"],  # 168, 24
    "isidre-esteve": ["Isidre Esteve", "Isidre Esteve Pujol", "I. Esteve"],  # 120, 59, 30
    "andre-de-azevedo": ["André de Azevedo", "Andre de Azevedo", "A. de Azevedo"],  # 234, 94, 26
    "jean-louis-schlesser": ["Jean-Louis Schlesser", "Jean Louis Schlesser", "J-L. Schlesser"],  # 169, 76, 25
    "gregoire-de-mevius": ["Gregoire de Mevius", "Gregoire De Mevius"],  # 81, 177
    "francois-marcheix": ["François Marcheix", "Francois Marcheix"],  # 265, 327
    "daniel-moquet": ["Daniël Moquet", "Daniel Moquet"],  # 265, 327
    "per-gunnar-lundmark": ["Per-Gunnar Lundmark", "P-G. Lundmark"],  # 122, 35
}

# Stage table abbreviations (lines 24-44) and the full names of the result tables.
ABBREVIATIONS = [
    ("G. Sala", "Giovanni Sala"),
    ("N. Roma", "Nani Roma"),
    ("R. Sainct", "Richard Sainct"),
    ("C. de Gavardo", "Carlo de Gavardo"),
    ("I. Esteve", "Isidre Esteve"),
    ("A. Cox", "Alfie Cox"),
    ("P-G. Lundmark", "Per-Gunnar Lundmark"),
    ("J. Arcarons", "Jordi Arcarons"),
    ("K. Tiainen", "Kari Tiainen"),
    ("C. Despres", "Cyril Despres"),
    ("J. M. Servia", "Jose Maria Servia"),
    ("J-L. Schlesser", "Jean-Louis Schlesser"),
    ("J-P. Fontenay", "Jean-Pierre Fontenay"),
    ("H. Masuoka", "Hiroshi Masuoka"),
    ("J. Kleinschmidt", "Jutta Kleinschmidt"),
    ("C. Sousa", "Carlos Sousa"),
    ("F. Kabirov", "Firdaus Kabirov"),
    ("V. Chagin", "Vladimir Chagin"),
    ("A. de Azevedo", "André de Azevedo"),
    ("K. Loprais", "Karel Loprais"),
    ("P. Reif", "Peter Reif"),
    ("C. Pattono", "Corrado Pattono"),
]

# People who must stay apart although their names, initials or race numbers are alike.
DIFFERENT_PEOPLE = {
    "race-number-203": ["Kenjiro Shinozuka", "Hiroshi Masuoka"],  # lines 71 and 312
    "three-sergeys": ["Sergey Guiria", "Sergey Savostin", "Sergey Rechentnikov"],  # line 250
    "two-sugawaras": ["Yoshimasa Sugawara", "Teruhito Sugawara"],  # line 262
    "initials-j-m": ["Jose Maria Servia", "Jose Manuel Martinez", "Jean-Marie Lurquin", "Jean-Michel Polato"],
    "initial-c": ["Carlos Sousa", "Cyril Despres", "Carlo de Gavardo", "Corrado Pattono"],
    "initial-j": ["Jordi Arcarons", "Jutta Kleinschmidt", "Jimmy Lewis", "John Deacon", "Johnny Campbell"],
    "jean-hyphenated": ["Jean-Louis Schlesser", "Jean-Pierre Fontenay", "Jean-Marie Lurquin"],
    "philippes": ["Philippe Wambergue", "Philippe Challoy"],
}

# How many persons a name pattern matches, counted by hand over the whole article.
NAMED_LIKE = [
    ("Sous|Souz", 1),
    ("Fontenay", 1),
    ("Schlesser", 1),
    ("Servia", 1),
    ("Esteve", 1),
    ("Azevedo", 1),
    ("Mevius", 1),
    ("Marcheix", 1),
    ("Moquet", 1),
    ("Lurquin", 1),
    ("Sugawara", 2),
    ("Sergey", 3),
    # Jean Brucy, Jean-Pierre (Jean Pierre) Fontenay, Jean-Louis (Jean Louis) Schlesser, Jean-Marie Lurquin,
    # Jean-Michel Polato
    ("^Jean", 5),
]

# The makers (make columns and entry-list headings), one resource each.
MANUFACTURERS = {
    "KTM": ["KTM"],
    "BMW": ["BMW"],
    "Honda": ["Honda"],
    "Mitsubishi": ["Mitsubishi"],
    "Schlesser-Renault": ["Schlesser-Renault", "Schelesser-Renault"],  # line 75 misspells it
    "Nissan": ["Nissan"],
    "Ford": ["Ford"],
    "Mercedes-Benz": ["Mercedes-Benz", "Mercedes"],  # line 85 says "Mercedes"
    "Volkswagen": ["Volkswagen"],
    "Kamaz": ["Kamaz"],
    "Tatra": ["Tatra"],
    "Hino": ["Hino"],
    "MAN": ["MAN"],
}

TOWNS = {
    "Paris", "Narbonne", "Castellón de la Plana", "Almería", "Nador", "Er-Rachidia", "Ouarzazate",
    "Guelmim", "Smara", "El Ghallaouiya", "Atar", "Nouakchott", "Tidjikdja", "Tichit", "Néma",
    "Bamako", "Bakel", "Tambacounda", "Dakar",
}  # fmt: skip


def labels_of(dakar: Build, rows: Rows, resource: URIRef) -> dict[str, set[str]]:
    """Return the preferred and alternative labels of a resource."""
    found: dict[str, set[str]] = {"preferred": set(), "alternative": set()}
    for row in rows(dakar.dataset, LABELS_QUERY, resource=resource):
        found[row["kind"]].add(str(row["label"]))
    return found


# --- People ----------------------------------------------------------------------------------


@pytest.mark.parametrize("spellings", list(SAME_PERSON.values()), ids=list(SAME_PERSON))
def test_spellings_of_one_person_resolve_to_one_resource(person: Person, spellings: list[str]) -> None:
    assert len({person(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize("spellings", list(SAME_PERSON.values()), ids=list(SAME_PERSON))
def test_person_keeps_every_spelling_as_a_label(dakar: Build, rows: Rows, person: Person, spellings: list[str]) -> None:
    labels = labels_of(dakar, rows, person(spellings[0]))
    assert len(labels["preferred"]) == 1
    assert labels["preferred"] | labels["alternative"] >= set(spellings)


@pytest.mark.parametrize("spellings", list(SAME_PERSON.values()), ids=list(SAME_PERSON))
def test_each_spelling_is_recorded_as_a_name_variant_of_the_person(
    dakar: Build, rows: Rows, person: Person, spellings: list[str]
) -> None:
    metadata = dakar.graph("metadata")
    for spelling in spellings:
        found = rows(metadata, NAME_VARIANT_QUERY, name=spelling)
        assert str(person(spellings[0])) in {r["resource"] for r in found}, spelling


def test_name_variants_say_which_rule_resolved_them(dakar: Build, rows: Rows) -> None:
    rules = {str(r["rule"]) for r in rows(dakar.graph("metadata"), RESOLUTION_RULES_QUERY)}
    assert rules
    assert rules <= {
        "exact",
        "folded",
        "initials",
        "extra-surname",
        "spelling",
        "race-number",
        "alias",
        "model",
        "iso",
        "code",
        "name",
    }


@pytest.mark.parametrize(("abbreviation", "full"), ABBREVIATIONS)
def test_abbreviated_winner_is_the_person_of_the_full_name(person: Person, abbreviation: str, full: str) -> None:
    assert person(abbreviation) == person(full)


def test_preferred_person_labels_are_full_names(dakar: Build, rows: Rows) -> None:
    labels = [str(r["label"]) for r in rows(dakar.dataset, PREFERRED_PERSON_LABELS_QUERY)]
    abbreviated = [label for label in labels if label.split()[0].endswith(".")]
    assert abbreviated == []


def test_sousa_has_the_spelling_of_the_result_tables_as_preferred_label(dakar: Build, rows: Rows, person: Person) -> None:
    assert labels_of(dakar, rows, person("Carlos Souza"))["preferred"] == {"Carlos Sousa"}


@pytest.mark.parametrize("names", list(DIFFERENT_PEOPLE.values()), ids=list(DIFFERENT_PEOPLE))
def test_different_people_stay_different(person: Person, names: list[str]) -> None:
    assert len({person(name) for name in names}) == len(names)


@pytest.mark.parametrize(("pattern", "count"), NAMED_LIKE)
def test_number_of_persons_named_like(dakar: Build, rows: Rows, pattern: str, count: int) -> None:
    found = rows(dakar.dataset, PERSONS_NAMED_LIKE_QUERY, pattern=pattern)
    assert len({r["person"] for r in found}) == count


def test_article_names_78_people(dakar: Build, rows: Rows) -> None:
    # 19 riders; 16 car crews of 27 people; 12 truck crews of 32 people (86 spellings, 8 of them variants)
    assert len(rows(dakar.dataset, PERSONS_QUERY)) == 78


def test_country_code_glued_to_a_name_is_not_part_of_it(dakar: Build, rows: Rows, person: Person) -> None:
    # line 314 prints "BELJean-Marie Lurquin"
    lurquin = person("Jean-Marie Lurquin")
    labels = labels_of(dakar, rows, lurquin)
    assert not any(label.startswith("BEL") for label in labels["preferred"] | labels["alternative"])
    assert {r["code"] for r in rows(dakar.dataset, NATIONALITY_CODE_QUERY, person=lurquin)} == {"BEL"}


# --- Entries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("category", "count"), [("motorcycles", 19), ("cars", 16), ("trucks", 12)])
def test_one_entry_per_crew_however_spelt(dakar: Build, rows: Rows, category: str, count: int) -> None:
    # motorcycles: 15 in the entry list + Lundmark, Despres, Aubijoux, Vilar
    # cars: 13 in the entry list + Masuoka, Henrard, Bourgnon
    # trucks: 7 in the entry list + Toni, Guiria, Reif, Marcheix, Pattono
    found = rows(dakar.dataset, ENTRIES_QUERY, edition=EDITION, category=URIRef(BASE + f"category/{category}"))
    assert len({r["entry"] for r in found}) == count


@pytest.mark.parametrize(
    ("driver", "number"),
    [
        ("Carlos Souza", 208),  # entry list; "Carlos Sousa" in the final standings, same number
        ("Isidre Esteve Pujol", 20),
        ("Jean Pierre Fontenay", 201),
        ("Jean Louis Schlesser", 200),
        ("Gregoire de Mevius", 209),
        ("Andre de Azevedo", 427),
        ("Francois Marcheix", 414),
    ],
)
def test_entry_list_and_tables_give_one_entry(dakar: Build, rows: Rows, person: Person, driver: str, number: int) -> None:
    found = rows(dakar.dataset, DRIVER_ENTRY_QUERY, edition=EDITION, driver=person(driver))
    assert [r["number"] for r in found] == [number]


# --- Makers, entrants, places ----------------------------------------------------------------


@pytest.mark.parametrize("spellings", list(MANUFACTURERS.values()), ids=list(MANUFACTURERS))
def test_spellings_of_one_maker_resolve_to_one_manufacturer(dakar: Build, rows: Rows, spellings: list[str]) -> None:
    found = {r["manufacturer"] for s in spellings for r in rows(dakar.dataset, MANUFACTURER_QUERY, name=s)}
    assert len(found) == 1


def test_article_has_thirteen_manufacturers(dakar: Build, rows: Rows) -> None:
    assert len(rows(dakar.dataset, MANUFACTURERS_QUERY)) == len(MANUFACTURERS)


@pytest.mark.parametrize(("preferred", "other"), [("Schlesser-Renault", "Schelesser-Renault"), ("Mercedes-Benz", "Mercedes")])
def test_maker_keeps_its_other_spelling_as_alternative_label(dakar: Build, rows: Rows, preferred: str, other: str) -> None:
    (found,) = rows(dakar.dataset, MANUFACTURER_QUERY, name=preferred)
    labels = labels_of(dakar, rows, URIRef(found["manufacturer"]))
    assert labels["preferred"] == {preferred}
    assert other in labels["alternative"]


def test_mercedes_is_mercedes_benz(dakar: Build, rows: Rows) -> None:
    (found,) = rows(dakar.dataset, MANUFACTURER_QUERY, name="Mercedes")
    assert found["manufacturer"] == BASE + "manufacturer/mercedes-benz"


def test_tatra_815_is_a_tatra_of_model_815(dakar: Build, rows: Rows, person: Person) -> None:
    (tatra,) = rows(dakar.dataset, MANUFACTURER_QUERY, name="Tatra")
    loprais = rows(dakar.dataset, ENTRY_MAKER_QUERY, edition=EDITION, driver=person("Karel Loprais"))
    azevedo = rows(dakar.dataset, ENTRY_MAKER_QUERY, edition=EDITION, driver=person("André de Azevedo"))
    assert [(r["manufacturer"], str(r["model"])) for r in loprais] == [(tatra["manufacturer"], "815")]
    assert {r["manufacturer"] for r in azevedo} == {tatra["manufacturer"]}
    assert not any(str(r["manufacturer"]).endswith("815") for r in rows(dakar.dataset, MANUFACTURERS_QUERY))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("KTM", "Manufacturer"),
        ("KTM Factory Team", "Entrant"),
        ("BMW Motorrad", "Entrant"),
        ("Schlesser-Renault", "Manufacturer"),
        ("Schlesser-Renault-Elf", "Entrant"),
        ("Mitsubishi Ralliart Germany", "Entrant"),
    ],
)
def test_entrant_and_maker_of_similar_names_stay_apart(dakar: Build, rows: Rows, name: str, kind: str) -> None:
    found = rows(dakar.dataset, ENTRANT_OR_MAKER_QUERY, name=name)
    assert {r["type"] for r in found} == {f"https://w3id.org/rally-kg/ontology#{kind}"}
    assert len({r["resource"] for r in found}) == 1


def test_each_town_of_the_stage_table_is_one_place(dakar: Build, rows: Rows) -> None:
    found = rows(dakar.graph("asserted"), TOWNS_QUERY)
    assert sorted(str(r["label"]) for r in found) == sorted(TOWNS)
    assert BASE + "place/castellon-de-la-plana" in {r["place"] for r in found}
