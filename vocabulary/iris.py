"""The IRI scheme: every data IRI is minted here from a configurable base, and read back here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rdflib import URIRef

from vocabulary.text import fold, to_ascii

DEFAULT_BASE = "http://127.0.0.1:5000/id/"
GRAPHS = ("asserted", "inferred", "ontology", "metadata")  # the named graphs of a build, by short name
DEFAULT_GRAPH = ("asserted", "inferred")  # what a query's default graph is: the data and its OWL 2 RL closure


def slugify(text: str) -> str:
    """Return a readable IRI segment: ASCII-folded, lower case, other runs of characters as '-'.

    >>> slugify("Castellón de la Plana")
    'castellon-de-la-plana'
    >>> slugify("Jean-Louis  Schlesser")
    'jean-louis-schlesser'
    >>> slugify("2001 Paris–Dakar Rally")
    '2001-paris-dakar-rally'
    >>> slugify("Rafał Nowak"), slugify("Søren Østergaard"), slugify("Straße")
    ('rafal-nowak', 'soren-ostergaard', 'strasse')
    """
    spaced = re.sub(r"[\W_]+", " ", text)
    return re.sub(r"[^a-z0-9]+", "-", to_ascii(spaced).lower()).strip("-")


_CATEGORY_ALIASES = {
    "motorcycles": ("motorcycles", "motorcycle", "bikes", "bike", "motorbikes", "motos", "moto"),
    "cars": ("cars", "car", "autos", "automobiles"),
    "trucks": ("trucks", "truck", "camions", "lorries"),
    "quads": ("quads", "quad", "atv", "atvs"),
    "ssv": ("ssv", "ssvs", "side-by-side", "side by side", "sxs", "utv", "utvs"),
    "classic": ("classic", "classics"),
}
_CATEGORY_LABELS = {
    "motorcycles": "Motorcycles",
    "cars": "Cars",
    "trucks": "Trucks",
    "quads": "Quads",
    "ssv": "SSV",
    "classic": "Classic",
}


def edition_slug(name: str) -> str:
    """Return the slug of an edition (its IRI's last segment) from its name.

    >>> edition_slug("2001 Paris–Dakar Rally")
    '2001-paris-dakar-rally'
    """
    return slugify(name)


def category_slug(label: str) -> str:
    """Return the slug of the category a label names (its IRI's last segment); 'Bikes' and 'Motorcycles' are one.

    >>> category_slug("Bikes"), category_slug("Motorcycles"), category_slug("QUADS"), category_slug("Light Prototypes")
    ('motorcycles', 'motorcycles', 'quads', 'light-prototypes')
    """
    key = fold(label)
    for slug, aliases in _CATEGORY_ALIASES.items():
        if key in aliases:
            return slug
    return slugify(label)


def category_label(slug: str, seen: Iterable[str]) -> str:
    """Return a category's display label: the usual English name, or the first spelling seen."""
    return _CATEGORY_LABELS.get(slug) or next(iter(seen), slug)


@dataclass(frozen=True)
class Minter:
    """Mints the dataset's IRIs under one base IRI (which must end in '/' or '#')."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {self.base!r}")

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def graph(self, name: str) -> URIRef:
        """Return the IRI of one of the named graphs (asserted, inferred, ontology, metadata)."""
        return self._iri(f"graph/{name}")

    def edition_of(self, iri: str) -> str | None:
        """Return the slug of the edition an IRI belongs to (the edition, its stages, entries, classifications, results),
        None for what no one edition owns (people, makers, places, countries, series, sources).

        >>> mint = Minter("http://x/")
        >>> mint.edition_of("http://x/edition/2001-dakar-rally/stage/7/cars"), mint.edition_of("http://x/person/a")
        ('2001-dakar-rally', None)
        """
        prefix = self.base + "edition/"
        if not iri.startswith(prefix):
            return None
        return iri[len(prefix) :].split("/", 1)[0].split("#", 1)[0] or None

    def series(self, slug: str) -> URIRef:
        """Return a rally series' IRI."""
        return self._iri(f"series/{slug}")

    def edition(self, slug: str) -> URIRef:
        """Return an edition's IRI."""
        return self._iri(f"edition/{slug}")

    def stage(self, edition: str, number: int) -> URIRef:
        """Return the IRI of stage `number` of an edition."""
        return self._iri(f"edition/{edition}/stage/{number}")

    def rest_day(self, edition: str, day: date) -> URIRef:
        """Return the IRI of an edition's rest day on `day`."""
        return self._iri(f"edition/{edition}/rest-day/{day.isoformat()}")

    def category(self, slug: str) -> URIRef:
        """Return a category's IRI."""
        return self._iri(f"category/{slug}")

    def entry(self, edition: str, category: str, driver: str) -> URIRef:
        """Return the IRI of an entry, keyed by its category and its driver's slug."""
        return self._iri(f"edition/{edition}/entry/{category}/{driver}")

    def vehicle(self, entry: URIRef) -> URIRef:
        """Return the IRI of an entry's vehicle."""
        return URIRef(f"{entry}/vehicle")

    def crew_listing(self, entry: URIRef, position: int) -> URIRef:
        """Return the IRI of the `position`-th crew listing of an entry."""
        return URIRef(f"{entry}/crew/{position}")

    def stage_classification(self, edition: str, stage: int, category: str) -> URIRef:
        """Return the IRI of a category's classification of a stage."""
        return self._iri(f"edition/{edition}/stage/{stage}/{category}")

    def general_classification(self, edition: str, stage: int, category: str) -> URIRef:
        """Return the IRI of a category's general classification after a stage."""
        return self._iri(f"edition/{edition}/stage/{stage}/{category}/general")

    def final_classification(self, edition: str, category: str) -> URIRef:
        """Return the IRI of a category's final standings."""
        return self._iri(f"edition/{edition}/final/{category}")

    def result(self, classification: URIRef, driver: str, occurrence: int = 1) -> URIRef:
        """Return the IRI of an entry's result in a classification, keyed by the driver's slug (numbered from the
        second occurrence, when a source lists the same crew twice)."""
        return URIRef(f"{classification}/result/{driver}" + (f"-{occurrence}" if occurrence > 1 else ""))

    def cancellation(self, edition: str, stage: int, category: str) -> URIRef:
        """Return the IRI of a stage's cancellation for a category."""
        return self._iri(f"edition/{edition}/stage/{stage}/{category}/cancellation")

    def neutralisation(self, edition: str, stage: int, category: str) -> URIRef:
        """Return the IRI of a stage's neutralisation (no timed contest) for a category."""
        return self._iri(f"edition/{edition}/stage/{stage}/{category}/neutralisation")

    def penalty(self, edition: str, number: int) -> URIRef:
        """Return the IRI of an edition's `number`-th penalty."""
        return self._iri(f"edition/{edition}/penalty/{number}")

    def route_visit(self, edition: str, order: int) -> URIRef:
        """Return the IRI of the `order`-th country of an edition's route."""
        return self._iri(f"edition/{edition}/route/{order}")

    def person(self, slug: str) -> URIRef:
        """Return a person's IRI."""
        return self._iri(f"person/{slug}")

    def manufacturer(self, slug: str) -> URIRef:
        """Return a manufacturer's IRI."""
        return self._iri(f"manufacturer/{slug}")

    def entrant(self, slug: str) -> URIRef:
        """Return an entrant's IRI."""
        return self._iri(f"entrant/{slug}")

    def place(self, slug: str) -> URIRef:
        """Return a place's IRI."""
        return self._iri(f"place/{slug}")

    def country(self, iso3: str) -> URIRef:
        """Return a country's IRI, keyed by its ISO 3166-1 alpha-3 code."""
        return self._iri(f"country/{iso3.upper()}")

    def source(self, name: str) -> URIRef:
        """Return the IRI of a source document."""
        return self._iri(f"source/{name}")

    def source_line(self, name: str, line: int) -> URIRef:
        """Return the IRI of one line of a source document (an RFC 5147 line fragment)."""
        return self._iri(f"source/{name}#line={line - 1},{line}")

    def problem(self, edition: str, number: int) -> URIRef:
        """Return the IRI of the `number`-th source problem found in an edition's article."""
        return self._iri(f"problem/{edition}/{number}")

    def name_variant(self, kind: str, slug: str, number: int) -> URIRef:
        """Return the IRI of a resource's `number`-th spelling record."""
        return self._iri(f"{kind}/{slug}/spelling/{number}")

    def build(self) -> URIRef:
        """Return the IRI of the dataset description."""
        return self._iri("dataset")

    def build_activity(self) -> URIRef:
        """Return the IRI of the activity that built the dataset."""
        return self._iri("dataset/build")

    def shapes_report(self) -> URIRef:
        """Return the IRI of the build's SHACL validation report."""
        return self._iri("dataset/shapes")

    def shapes_result(self, number: int) -> URIRef:
        """Return the IRI of the `number`-th result of the build's SHACL validation report."""
        return self._iri(f"dataset/shapes/result/{number}")

    def graph_description(self, name: str) -> URIRef:
        """Return the IRI of the description (a VoID subset) of one of the named graphs."""
        return self._iri(f"dataset/graph/{name}")

    def class_partition(self, local_name: str) -> URIRef:
        """Return the IRI of the VoID class partition of the dataset's rally:`local_name` resources."""
        return self._iri(f"dataset/class/{local_name}")
