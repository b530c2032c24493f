"""The second article, tests/data/2005_Test_Rally.txt (the fictional 2005 Atlas Rally): its IRIs and helpers.\n\nEvery expected value of these tests is read off the article by hand (tests/data/README.md lists its features\nwith their line numbers)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rdflib import Namespace, URIRef

from tests.loader.atlas_2005.queries import GENERAL_RESULTS_QUERY, PERSONS_QUERY, STAGE_RESULTS_QUERY

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


# --- Helpers ---------------------------------------------------------------------------------


def person_labels(build: Build, rows: Rows) -> Counter[str]:
    """Return how many person resources carry each preferred label."""
    return Counter(str(r["label"]) for r in rows(build.dataset, PERSONS_QUERY))


def results(build: Build, rows: Rows, kind: str, number: int, slug: str) -> list[tuple[str, int, bool, int | None, int | None]]:
    """Return (driver, position, tied, seconds, gap seconds) of a stage result or general classification, sorted."""
    query = STAGE_RESULTS_QUERY if kind == "stage" else GENERAL_RESULTS_QUERY
    found = rows(build.dataset, query, edition=ATLAS, number=number, category=category(slug))
    return sorted((str(r["driver"]), int(r["position"]), bool(r["tied"]), r["seconds"], r["gapSeconds"]) for r in found)
