"""What resolution makes of the records: entities (people, makers, places, countries, entries) and, per edition,
its route, penalties and notes, with what it could not settle. Plain data; the resolving is in the other modules."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from loader.countries import Country, country_by_code
from loader.names import Cluster, MakerResolver, PersonMention, PersonResolver, SimpleResolver
from loader.records import EditionRecord, Mention, PenaltyStatement, StageNote, TownRef
from vocabulary.text import fold

T = TypeVar("T")


@dataclass
class CountryUse:
    """A country met in the sources, with the spellings (codes or names) that named it."""

    country: Country
    spellings: Counter[str] = field(default_factory=Counter)
    lines: set[tuple[str, int]] = field(default_factory=set)


@dataclass
class PlaceInfo:
    """A town with its country codes (ISO alpha-3) and how each was found."""

    cluster: Cluster
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> "source" | "disputed" | "route"


@dataclass
class EntryInfo:
    """What the sources say about one entry (edition, category, driver)."""

    edition: str
    category: str
    driver: str  # person slug
    crew: list[str] = field(default_factory=list)  # person slugs, driver first
    crew_lines: dict[tuple[str, ...], set[int]] = field(default_factory=lambda: defaultdict(set))
    numbers: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    makes: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # maker slug -> lines
    models: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    entrants: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    roles: dict[str, str] = field(default_factory=dict)  # person slug -> "driver"/"codriver"/"further", where a header says
    lines: set[int] = field(default_factory=set)

    def role(self, position: int, person: str) -> str:
        """Return the role of the crew member at `position` (from 1): as a table header names it, else by order."""
        return self.roles.get(person) or ("driver" if position == 1 else "codriver" if position == 2 else "further")


@dataclass
class PenaltyInfo:
    """One penalty of one person (on one stage, where the source says which), from every sentence that states it."""

    person: str  # person slug
    stage: int | None
    statements: list[PenaltyStatement] = field(default_factory=list)

    @property
    def seconds(self) -> int | None:
        """Return the duration stated most often (the first stated on a tie); None when no sentence gives one."""
        stated = [s.seconds for s in self.statements if s.seconds is not None]
        if not stated:
            return None
        counts = Counter(stated)
        return max(stated, key=lambda value: (counts[value], -stated.index(value)))

    @property
    def reasons(self) -> list[str]:
        """Return every reason stated, without repeats, in the order stated."""
        return unique(s.reason for s in self.statements if s.reason)

    @property
    def lines(self) -> list[int]:
        """Return the lines of the sentences that state the penalty."""
        return sorted({s.line for s in self.statements})


@dataclass
class EditionInfo:
    """An edition resolved: slug, series, its route in order of first visit, penalties and notes, and what the
    resolution could not settle (reported by loader.checks)."""

    record: EditionRecord
    slug: str
    series_slug: str
    route: list[str] = field(default_factory=list)  # iso3 in order of first visit
    prose_route: list[str] = field(default_factory=list)  # iso3 in the order the prose names the countries
    penalties: list[PenaltyInfo] = field(default_factory=list)
    notes: list[StageNote] = field(default_factory=list)  # with the stages of the penalties they state
    blank_route: list[int] = field(default_factory=list)  # lines of blank entries in the infobox's Country list
    unknown_route: list[tuple[str, int]] = field(default_factory=list)  # route countries not recognised, with lines
    unplaced: list[TownRef] = field(default_factory=list)  # towns without a country code whose country is unknown
    placed: dict[str, list[TownRef]] = field(default_factory=dict)  # iso3 -> towns without a code placed by the route


@dataclass
class Resolution:
    """Everything resolved across the sources; lookups go through its methods."""

    editions: list[EditionInfo]
    people: PersonResolver
    makers: MakerResolver
    entrants: SimpleResolver
    places: dict[str, PlaceInfo]
    countries: dict[str, CountryUse]
    categories: dict[str, Counter[str]]
    entries: dict[tuple[str, str, str], EntryInfo]
    unknown_codes: list[tuple[str, str, int]]  # country codes neither ISO nor IOC: (code, path, line)
    _labels: dict[str, str] = field(default_factory=dict)

    def person_label(self, slug: str) -> str:
        """Return the preferred label of the person with this slug (the slug when none has it)."""
        if not self._labels:
            self._labels.update((c.slug, c.label) for c in self.people.clusters)
        return self._labels.get(slug, slug)

    def person(self, edition: EditionRecord, category: str, mention: Mention) -> Cluster:
        """Return the person a mention in a category (its slug) resolves to."""
        return self.people.cluster_of(person_mention(edition, category, mention))

    def maker(self, name: str) -> tuple[Cluster, str | None]:
        """Return the maker (and model) a make or vehicle cell resolves to."""
        return self.makers.cluster_of(name)

    def place(self, town: TownRef) -> PlaceInfo:
        """Return the place a town resolves to."""
        return self.places[fold(town.name)]


def iso(code: str | None) -> str | None:
    """Return the ISO alpha-3 code of a country code as written (ISO or IOC), the code itself when it is neither."""
    if not code:
        return None
    match = country_by_code(code)
    return match.country.iso3 if match else code.upper()


def person_mention(edition: EditionRecord, category: str, m: Mention, number: int | None = None) -> PersonMention:
    """Return a mention of a person in a category (its slug) of an edition, as name resolution takes it."""
    return PersonMention(m.name, iso(m.code), edition.path, m.line, category, number)


def unique(items: Iterable[T]) -> list[T]:
    """Return items without repeats, in first-seen order."""
    return list(dict.fromkeys(items))
