"""Resolve the records of one or more articles into entities: people, makers, places, countries, entries."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from loader.countries import Country, country_by_code, country_by_name, find_country_names
from loader.errors import Problem
from loader.names import (
    Cluster,
    MakerResolver,
    PersonMention,
    PersonResolver,
    SimpleResolver,
    assign_slugs,
)
from loader.records import EditionRecord, Mention, PenaltyStatement, StageNote, TownRef
from vocabulary.iris import category_slug, edition_slug, slugify
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
    """An edition's identity: slug, label, series, and its route in order of first visit."""

    record: EditionRecord
    slug: str
    series_slug: str
    route: list[str] = field(default_factory=list)  # iso3 in order of first visit
    penalties: list[PenaltyInfo] = field(default_factory=list)
    notes: list[StageNote] = field(default_factory=list)  # with the stages of the penalties they state


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
    problems: list[Problem]
    _place_keys: dict[str, str] = field(default_factory=dict)
    _labels: dict[str, str] = field(default_factory=dict)

    def person_label(self, slug: str) -> str:
        """Return the preferred label of the person with this slug (the slug when none has it)."""
        if not self._labels:
            self._labels.update((c.slug, c.label) for c in self.people.clusters)
        return self._labels.get(slug, slug)

    def person(self, edition: EditionRecord, category: str, mention: Mention) -> Cluster:
        """Return the person a mention resolves to."""
        return self.people.cluster_of(_person_mention(edition, category_slug(category), mention))

    def maker(self, name: str) -> tuple[Cluster, str | None]:
        """Return the maker (and model) a make or vehicle cell resolves to."""
        return self.makers.cluster_of(name)

    def place(self, town: TownRef) -> PlaceInfo:
        """Return the place a town resolves to."""
        return self.places[self._place_keys[fold(town.name)]]

    def entry(self, edition: EditionRecord, category: str, crew: Sequence[Mention]) -> EntryInfo:
        """Return the entry whose driver is the crew's first member."""
        slug = edition_slug(edition.name)
        return self.entries[(slug, category_slug(category), self.person(edition, category, crew[0]).slug)]


def _iso(code: str | None) -> str | None:
    if not code:
        return None
    match = country_by_code(code)
    return match.country.iso3 if match else code.upper()


def _person_mention(edition: EditionRecord, category: str, m: Mention, number: int | None = None) -> PersonMention:
    return PersonMention(m.name, _iso(m.code), edition.path, m.line, category, number)


def resolve(editions: Sequence[EditionRecord]) -> Resolution:
    """Return the entities of all editions, resolved across all their tables and across documents."""
    problems: list[Problem] = []
    countries: dict[str, CountryUse] = {}

    def use_country(country: Country, spelling: str, where: tuple[str, int]) -> str:
        use = countries.setdefault(country.iso3, CountryUse(country))
        use.spellings[spelling] += 1
        use.lines.add(where)
        return country.iso3

    def use_code(code: str, edition: EditionRecord, line: int) -> str | None:
        match = country_by_code(code)
        if match is None:
            problems.append(
                Problem(
                    "unknown-country-code", f"country code {code!r} is neither ISO 3166-1 alpha-3 nor IOC", edition.path, line
                )
            )
            return None
        return use_country(match.country, code, (edition.path, line))

    # people
    mentions: list[PersonMention] = []
    for edition in editions:
        for entry in edition.entries:
            mentions.append(
                PersonMention(entry.name, None, edition.path, entry.line, category_slug(entry.category), entry.number)
            )
        for result in edition.results:
            mentions.extend(_person_mention(edition, category_slug(result.category), m) for m in result.crew)
        for standing in edition.standings:
            mentions.extend(
                _person_mention(edition, category_slug(standing.category), m, standing.number if i == 0 else None)
                for i, m in enumerate(standing.crew)
            )
        for winner in edition.infobox_winners:
            mentions.extend(_person_mention(edition, category_slug(winner.category), m) for m in winner.crew)
        for stage in edition.stages:
            for cell in stage.winners:
                mentions.extend(_person_mention(edition, category_slug(cell.category), m) for m in cell.people)
        for m in (m for r in edition.results for m in r.crew):
            if m.code:
                use_code(m.code, edition, m.line)
        for m in (m for s in edition.standings for m in s.crew):
            if m.code:
                use_code(m.code, edition, m.line)
        for m in (m for w in edition.infobox_winners for m in w.crew):
            if m.code:
                use_code(m.code, edition, m.line)
        for m in (m for s in edition.stages for c in s.winners for m in c.people):
            if m.code:
                use_code(m.code, edition, m.line)
    people = PersonResolver()
    people.resolve(mentions)
    paths = {e.path for e in editions}
    for code, message, line, path in people.notes:
        problems.append(Problem(code, message, path if path in paths else next(iter(paths)), line))
    assign_slugs(people.clusters)
    for cluster in people.clusters:
        if len(cluster.codes) > 1:
            where = min(w for lines in cluster.lines.values() for w in lines)
            problems.append(
                Problem(
                    "nationality-conflict",
                    f"{cluster.label} is written with several country codes: {', '.join(sorted(cluster.codes))}",
                    where[0],
                    where[1],
                )
            )

    # makers and entrants
    makers = MakerResolver()
    maker_mentions: list[tuple[str, str, int]] = []
    entrants = SimpleResolver("entrant")
    for edition in editions:
        maker_mentions += [(r.make, edition.path, r.line) for r in edition.results]
        maker_mentions += [(e.make, edition.path, e.line) for e in edition.entries if e.make]
        maker_mentions += [(s.vehicle, edition.path, s.line) for s in edition.standings if s.vehicle]
        maker_mentions += [(w.team, edition.path, w.line) for w in edition.infobox_winners if w.team]
        for standing in edition.standings:
            if standing.entrant:
                entrants.add(standing.entrant, (edition.path, standing.line))
    makers.resolve(maker_mentions)
    assign_slugs(makers.clusters)
    assign_slugs(entrants.clusters)
    problems += misspellings([*people.clusters, *makers.clusters])

    # categories
    categories: dict[str, Counter[str]] = defaultdict(Counter)
    for edition in editions:
        labels = list(edition.categories) + [r.category for r in edition.results] + [s.category for s in edition.standings]
        labels += [e.category for e in edition.entries] + [w.category for w in edition.infobox_winners]
        for label in labels:
            categories[category_slug(label)][label] += 1

    # editions, places and the route
    infos: list[EditionInfo] = []
    places: dict[str, PlaceInfo] = {}
    place_keys: dict[str, str] = {}
    place_resolver = SimpleResolver("place")
    for edition in editions:
        info = EditionInfo(edition, edition_slug(edition.name), slugify(edition.series_name))
        infos.append(info)
        prose_route = _prose_route(edition)
        for text, line in edition.route_codes:
            if not text:
                problems.append(
                    Problem(
                        "blank-route-country",
                        "the infobox's Country list has a blank entry (a flag without a name?)",
                        edition.path,
                        line,
                    )
                )
                continue
            match = country_by_code(text) if len(text) == 3 and text.isupper() else None
            country = match.country if match else country_by_name(text)
            if country is None:
                problems.append(Problem("unknown-country", f"route country {text!r} not recognised", edition.path, line))
                continue
            use_country(country, text, (edition.path, line))
        towns = itinerary_towns(edition)
        for town in towns:
            cluster = place_resolver.add(town.name, (edition.path, town.line))
            key = fold(town.name)
            place_keys[key] = key
            place = places.setdefault(key, PlaceInfo(cluster))
            for code in town.codes:
                iso = use_code(code, edition, town.line)
                if iso and iso not in place.countries:
                    place.countries[iso] = "source"
            if town.disputed and town.codes:
                iso = _iso(town.codes[0])
                partner = _next_in(prose_route, iso)
                if partner and partner not in place.countries:
                    place.countries[partner] = "disputed"
        _fill_route_countries(edition, towns, places, prose_route, problems, use_country)
        route: list[str] = []
        for town in towns:
            for iso in places[fold(town.name)].countries:
                if iso not in route:
                    route.append(iso)
        info.route = route
        _compare_routes(edition, route, prose_route, problems)
    assign_slugs(place_resolver.clusters)

    # entries
    resolution = Resolution(infos, people, makers, entrants, places, countries, categories, {}, problems, place_keys)
    for info in infos:
        _collect_entries(info, resolution)
        info.penalties = _penalties(info, resolution)
        info.notes = _notes(info)
    return resolution


def misspellings(clusters: Iterable[Cluster]) -> list[Problem]:
    """Return a problem for each spelling taken to be another's misspelling (one letter differs); it stays an
    alternative label of the resource."""
    why = {
        "spelling": "one letter differs",
        "race-number": "one letter differs and the race number is the same",
    }
    found: list[Problem] = []
    for cluster in clusters:
        for spelling, rule in cluster.rules.items():
            if rule not in why or fold(spelling) == fold(cluster.label):
                continue
            path, line = min(cluster.lines[spelling])
            others = sorted(w for s, lines in cluster.lines.items() if s == cluster.label for w in lines)
            seen = f" (line {others[0][1]})" if others and others[0][0] == path else ""
            found.append(
                Problem(
                    "misspelling",
                    f"{spelling!r} is taken to be a misspelling of {cluster.label!r}{seen}: {why[rule]}; "
                    f"kept as an alternative label of the {cluster.kind}",
                    path,
                    line,
                    (cluster.slug,) if cluster.kind == "person" else (),
                )
            )
    return found


def _penalties(info: EditionInfo, resolution: Resolution) -> list[PenaltyInfo]:
    """Return the edition's penalties: one per person and stage, however many sentences state it.

    A sentence that names no stage takes the one stage other sentences give the same person's penalty.
    """
    record = info.record
    resolved = [(statement, _named_people(record.path, statement.names, resolution)) for statement in record.penalties]
    stages_of: dict[str, set[int]] = defaultdict(set)
    for statement, people in resolved:
        for person in people:
            if statement.stage is not None:
                stages_of[person].add(statement.stage)
    penalties: dict[tuple[str, int | None], PenaltyInfo] = {}
    for statement, people in resolved:
        for person in people:
            stage = statement.stage
            if stage is None and len(stages_of[person]) == 1:
                stage = next(iter(stages_of[person]))
            penalty = penalties.setdefault((person, stage), PenaltyInfo(person, stage))
            penalty.statements.append(statement)
    return list(penalties.values())


def _named_people(path: str, names: Iterable[str], resolution: Resolution) -> list[str]:
    """Return the slugs of the people of a document that names in its prose stand for (full name, or a unique surname)."""
    people = [c for c in resolution.people.clusters if any(p == path for ls in c.lines.values() for p, _ in ls)]
    found: list[str] = []
    for name in names:
        key = fold(name)
        exact = [c for c in people if key in c.keys()]
        by_surname = [c for c in people if any(k.endswith(" " + key) for k in c.keys())]
        match = exact or (by_surname if len(by_surname) == 1 else [])
        for cluster in match[:1]:
            if cluster.slug not in found:
                found.append(cluster.slug)
    return found


def _notes(info: EditionInfo) -> list[StageNote]:
    """Return the notes with the stages they concern, a penalty note also the stage of the penalty it states."""
    stage_of_line: dict[int, set[int]] = defaultdict(set)
    for penalty in info.penalties:
        if penalty.stage is not None:
            for statement in penalty.statements:
                stage_of_line[statement.line].add(penalty.stage)
    known = {s.number for s in info.record.stages}
    return [
        StageNote(note.text, tuple(unique([*note.stages, *sorted(stage_of_line[note.line] & known)])), note.line)
        for note in info.record.stage_notes
    ]


def itinerary_towns(edition: EditionRecord) -> list[TownRef]:
    """Return the towns of the itinerary in order: each stage's start and finish, each rest day's town."""
    days: list[tuple[date, int, list[TownRef]]] = [
        (s.day, s.line, [s.start] if s.loop else [s.start, s.finish]) for s in edition.stages
    ]
    days += [(r.day, r.line, [r.town]) for r in edition.rest_days]
    return [town for _, _, towns in sorted(days, key=lambda d: (d[0], d[1])) for town in towns]


def _prose_route(edition: EditionRecord) -> list[str]:
    for text, _line in edition.prose:
        found = find_country_names(text)
        if len(found) >= 2:
            return list(dict.fromkeys(country.iso3 for _, country in found))
    return []


def _next_in(sequence: list[str], item: str | None) -> str | None:
    if item in sequence:
        index = sequence.index(item)
        return sequence[index + 1] if index + 1 < len(sequence) else None
    return None


def _fill_route_countries(
    edition: EditionRecord,
    towns: list[TownRef],
    places: dict[str, PlaceInfo],
    prose_route: list[str],
    problems: list[Problem],
    use_country: Callable[[Country, str, tuple[str, int]], str],
) -> None:
    """Place towns printed without a country code in the one country the prose names between their neighbours."""
    missing: dict[str, list[TownRef]] = {}
    for index, town in enumerate(towns):
        place = places[fold(town.name)]
        if place.countries:
            continue
        before = next((places[fold(t.name)] for t in reversed(towns[:index]) if places[fold(t.name)].countries), None)
        after = next(
            (
                places[fold(t.name)]
                for t in towns[index + 1 :]
                if places[fold(t.name)].countries and places[fold(t.name)] is not place
            ),
            None,
        )
        guess = None
        if before and after and prose_route:
            last_before = max((prose_route.index(c) for c in before.countries if c in prose_route), default=None)
            first_after = min((prose_route.index(c) for c in after.countries if c in prose_route), default=None)
            if last_before is not None and first_after is not None:
                if first_after - last_before == 2:
                    guess = prose_route[last_before + 1]
                elif first_after == last_before:
                    guess = prose_route[last_before]
        if guess:
            missing.setdefault(guess, []).append(town)
        else:
            problems.append(
                Problem(
                    "unknown-town-country",
                    f"town {town.name!r} has no country code and its country cannot be told from the route",
                    edition.path,
                    town.line,
                )
            )
    for iso, found in missing.items():
        names = list(dict.fromkeys(t.name for t in found))
        for town in found:
            places[fold(town.name)].countries.setdefault(iso, "route")
        country = country_by_code(iso)
        label = country.country.name if country else iso
        if country:
            for town in found:
                use_country(country.country, country.country.name, (edition.path, town.line))
        problems.append(
            Problem(
                "missing-country-code",
                f"{', '.join(names)}: printed without a country code; placed in {label}, "
                "the country the prose names between the neighbouring towns' countries",
                edition.path,
                found[0].line,
            )
        )


def _compare_routes(edition: EditionRecord, route: list[str], prose_route: list[str], problems: list[Problem]) -> None:
    if prose_route and route and route != prose_route:
        problems.append(
            Problem(
                "route-mismatch",
                f"the stage table's countries in order ({', '.join(route)}) differ from the prose's ({', '.join(prose_route)})",
                edition.path,
                next((line for text, line in edition.prose if find_country_names(text)), None),
            )
        )


def _collect_entries(info: EditionInfo, resolution: Resolution) -> None:
    edition = info.record

    def entry_for(category: str, crew: Sequence[Mention]) -> EntryInfo:
        slug = category_slug(category)
        driver = resolution.person(edition, category, crew[0]).slug
        key = (info.slug, slug, driver)
        if key not in resolution.entries:
            resolution.entries[key] = EntryInfo(info.slug, slug, driver)
        return resolution.entries[key]

    def note_crew(entry: EntryInfo, category: str, crew: Sequence[Mention], line: int) -> None:
        slugs = tuple(resolution.person(edition, category, m).slug for m in crew)
        entry.crew_lines[slugs].add(line)
        entry.lines.add(line)
        if len(slugs) > len(entry.crew) and list(slugs[: len(entry.crew)]) == entry.crew:
            entry.crew = list(slugs)

    for record in edition.entries:
        mention = Mention(record.name, None, record.line)
        entry = entry_for(record.category, [mention])
        note_crew(entry, record.category, [mention], record.line)
        entry.numbers[record.number].add(record.line)
        if record.make:
            entry.makes[resolution.maker(record.make)[0].slug].add(record.line)
    for result in edition.results:
        entry = entry_for(result.category, result.crew)
        note_crew(entry, result.category, result.crew, result.line)
        entry.makes[resolution.maker(result.make)[0].slug].add(result.line)
    for standing in edition.standings:
        entry = entry_for(standing.category, standing.crew)
        note_crew(entry, standing.category, standing.crew, standing.line)
        for member, role in zip(standing.crew, standing.roles):
            entry.roles.setdefault(resolution.person(edition, standing.category, member).slug, role)
        if standing.number is not None:
            entry.numbers[standing.number].add(standing.line)
        if standing.vehicle:
            maker, model = resolution.maker(standing.vehicle)
            entry.makes[maker.slug].add(standing.line)
            if model:
                entry.models[model].add(standing.line)
        if standing.entrant:
            entry.entrants[resolution.entrants.cluster_of(standing.entrant).slug].add(standing.line)
    for winner in edition.infobox_winners:
        if winner.crew:
            entry = entry_for(winner.category, winner.crew)
            note_crew(entry, winner.category, winner.crew, winner.line)
    for stage in edition.stages:
        for cell in stage.winners:
            for person in cell.people:
                entry_for(cell.category, [person]).lines.add(stage.line)
    columns: dict[str, list[str]] = defaultdict(list)  # category -> the roles its standings' header names, in order
    for standing in edition.standings:
        known = columns[category_slug(standing.category)]
        known += [role for role in standing.roles if role not in known]
    for (slug, category, _driver), entry in resolution.entries.items():
        if slug == info.slug and len(columns.get(category, ())) > 1:
            for position, person_slug in enumerate(entry.crew, 1):
                entry.roles.setdefault(person_slug, role_in(columns[category], position))


def role_in(columns: Sequence[str], position: int) -> str:
    """Return the role of the crew member at `position` (from 1) by the columns a standings header gives.

    The driver comes first; the first column after the driver's takes the second member; the last column
    takes everyone after (a "Co-Drivers" column lists both further members of a truck crew).

    >>> [role_in(["driver", "codriver"], n) for n in (1, 2, 3)]
    ['driver', 'codriver', 'codriver']
    >>> [role_in(["driver", "codriver", "further"], n) for n in (1, 2, 3, 4)]
    ['driver', 'codriver', 'further', 'further']
    """
    others = [role for role in columns if role != "driver"]
    if position == 1 or not others:
        return "driver" if position == 1 else "further"
    return others[min(position - 2, len(others) - 1)]


def unique(items: Iterable[T]) -> list[T]:
    """Return items without repeats, in first-seen order."""
    return list(dict.fromkeys(items))
